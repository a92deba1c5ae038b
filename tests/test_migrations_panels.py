"""Migration j5_panels: every existing job moves onto one panel, with nothing lost.

Runs on the suite's kind of database (SQLite, or PostgreSQL with PANELS_TEST_DATABASE_URL),
in a fresh database of its own (see tests/test_migrations.py).
"""

from __future__ import annotations

from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from panels.db import db, migrate
from tests import test_migrations, test_migrations_orgs
from tests.test_migrations import db_check

fresh_app = test_migrations.fresh_app  # the same fixture: a fresh, empty database
_rows = test_migrations_orgs._rows


def _before(app, revision: str) -> str:
    with app.app_context():
        script = ScriptDirectory.from_config(migrate.get_config())
        down = script.get_revision(revision).down_revision
    assert isinstance(down, str)
    return down


def _old_data(app) -> None:
    """Two jobs with members, candidates, a question, a sent sheet with a score (from the
    organisations test), then a live interview and a second question, before panels."""
    upgrade(revision=_before(app, "f6_orgs"))
    test_migrations_orgs._old_data()
    upgrade(revision=_before(app, "j5_panels"))
    with db.engine.begin() as connection:
        connection.execute(
            text(
                'INSERT INTO question (id, job_id, "key", position, easy_read, standard,'
                " follow_up, good_answer, picture, photo, answer_minutes, scored, overall,"
                " status, source, created_at, updated_at) VALUES (2, 2, 'q2', 1, 'What?',"
                " '', '', '', '', '', 3, true, false, 'draft', '', :now, :now)"
            ),
            {"now": test_migrations_orgs.NOW},
        )
        connection.execute(
            text(
                'INSERT INTO live_interview (job_id, candidate_id, "index", status, version,'
                " more_time_count, started_at, question_seconds_before, updated_at)"
                " VALUES (1, 1, 0, 'finished', 3, 0, :now, 0, :now)"
            ),
            {"now": test_migrations_orgs.NOW},
        )


TABLES = (
    "job",
    "panel_member",
    "candidate",
    "question",
    "score_sheet",
    "score",
    "live_interview",
    "user",
)


def _counts() -> dict[str, int]:
    return {t: _rows(f'SELECT COUNT(*) FROM "{t}"')[0][0] for t in TABLES}  # noqa: S608


def test_every_job_gets_one_panel_holding_everything(fresh_app, caplog, capsys):
    with fresh_app.app_context():
        _old_data(fresh_app)
        before = _counts()
        upgrade()
        assert _counts() == before  # nothing lost: no cascade from copying tables
        panels = _rows("SELECT job_id, name, room, position FROM panel ORDER BY job_id")
        assert panels == [(1, "Our panel", "", 0), (2, "Our panel", "", 0)]
        for table in ("panel_member", "question", "live_interview"):
            wrong = _rows(
                f"SELECT COUNT(*) FROM {table} JOIN panel ON panel.id = {table}.panel_id"  # noqa: S608
                f" WHERE panel.job_id <> {table}.job_id"
            )
            assert wrong == [(0,)], table
            on_panel = _rows(f"SELECT COUNT(*) FROM {table} WHERE panel_id IS NOT NULL")  # noqa: S608
            assert on_panel[0][0] == before[table], table
        assert _rows("SELECT kind, look_for FROM question ORDER BY id") == [
            ("question", ""),
            ("question", ""),
        ]
        assert _rows("SELECT panel_parity FROM job ORDER BY id") == [(False,), (False,)]
        assert _rows("SELECT value FROM score") == [(3,)]
        found = inspect(db.engine)
        for table in ("panel_member", "question", "live_interview"):
            column = next(c for c in found.get_columns(table) if c["name"] == "panel_id")
            assert column["nullable"] is False, table
    code, said = db_check(fresh_app, caplog, capsys)
    assert code == 0, said


def test_an_activity_needs_things_to_look_for_after_the_upgrade(fresh_app):
    import pytest
    from sqlalchemy.exc import IntegrityError

    with fresh_app.app_context():
        _old_data(fresh_app)
        upgrade()
        with pytest.raises(IntegrityError), db.engine.begin() as connection:
            connection.execute(text("UPDATE question SET kind = 'activity' WHERE id = 1"))
        with db.engine.begin() as connection:
            connection.execute(
                text("UPDATE question SET kind = 'activity', look_for = 'Asks Sam' WHERE id = 1")
            )
        with pytest.raises(IntegrityError), db.engine.begin() as connection:
            connection.execute(text("UPDATE job SET group_parity = true, panel_parity = true"))


def test_down_again_nothing_is_lost(fresh_app):
    with fresh_app.app_context():
        _old_data(fresh_app)
        before = _counts()
        upgrade()
        downgrade(revision=_before(fresh_app, "j5_panels"))
        assert _counts() == before
        assert "panel" not in inspect(db.engine).get_table_names()
        upgrade()
        assert _rows("SELECT COUNT(*) FROM panel") == [(2,)]
