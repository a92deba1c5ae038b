"""Migration k2_panel_flag: who has lived experience becomes a flag the coordinator sets.

Existing panels whose name contains "lived" get the flag, and each job's first member
group (by name) containing "lived" becomes its lived-experience group: the decision
meeting finds the same people as before. Runs on the suite's kind of database.
"""

from __future__ import annotations

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from panels.db import db
from tests import test_migrations
from tests.test_migrations import db_check
from tests.test_migrations_panels import _before, _counts, _old_data, _rows

fresh_app = test_migrations.fresh_app


def _named_the_old_way(app) -> None:
    _old_data(app)
    upgrade(revision=_before(app, "k2_panel_flag"))
    with db.engine.begin() as connection:
        connection.execute(
            text("UPDATE panel SET name = 'Lived Experience panel' WHERE job_id = 1")
        )
        connection.execute(text("UPDATE panel_member SET \"group\" = 'organisation'"))
        connection.execute(
            text(
                "UPDATE panel_member SET \"group\" = 'People with LIVED experience' WHERE id = "
                "(SELECT MIN(id) FROM panel_member WHERE job_id = 2)"
            )
        )


def test_names_with_lived_become_flags_and_nothing_else_changes(fresh_app, caplog, capsys):
    with fresh_app.app_context():
        _named_the_old_way(fresh_app)
        before = _counts()
        upgrade()
        assert _counts() == before
        assert _rows("SELECT job_id, lived_experience FROM panel ORDER BY job_id") == [
            (1, True),
            (2, False),
        ]
        assert _rows("SELECT id, lived_group FROM job ORDER BY id") == [
            (1, None),
            (2, "People with LIVED experience"),
        ]
        column = next(
            c for c in inspect(db.engine).get_columns("panel") if c["name"] == "lived_experience"
        )
        assert column["nullable"] is False
    code, said = db_check(fresh_app, caplog, capsys)
    assert code == 0, said


def test_down_and_up_again(fresh_app):
    with fresh_app.app_context():
        _named_the_old_way(fresh_app)
        before = _counts()
        upgrade()
        downgrade(revision=_before(fresh_app, "k2_panel_flag"))
        assert _counts() == before
        names = {c["name"] for c in inspect(db.engine).get_columns("panel")}
        assert "lived_experience" not in names
        upgrade()
        assert _rows("SELECT COUNT(*) FROM panel WHERE lived_experience") == [(1,)]
