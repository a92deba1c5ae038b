"""Migration f6_orgs: a database from before organisations moves into one organisation.

Runs on the suite's kind of database (SQLite, or PostgreSQL with PANELS_TEST_DATABASE_URL),
in a fresh database of its own (see tests/test_migrations.py).
"""

from __future__ import annotations

from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from panels.db import db, migrate
from tests import test_migrations
from tests.test_migrations import db_check

fresh_app = test_migrations.fresh_app  # the same fixture: a fresh, empty database


def _before(app) -> str:
    """The revision just before organisations (whatever the chain is now)."""
    with app.app_context():
        script = ScriptDirectory.from_config(migrate.get_config())
        down = script.get_revision("f6_orgs").down_revision
    assert isinstance(down, str)
    return down


NOW = "2026-11-20 10:00:00"


def _rows(sql: str) -> list[tuple]:
    with db.engine.connect() as connection:
        return [tuple(r) for r in connection.execute(text(sql))]


def _old_data() -> None:
    """Two coordinators, two panel members, two jobs with panels, candidates, a sent score
    sheet and a session, as the app wrote them before organisations."""
    people = [
        (1, "alex@example.org", "Alex", True),
        (2, "hana@example.org", "Hana", True),
        (3, "sam@example.org", "Sam", False),
        (4, "jo@example.org", "Jo", False),
    ]
    with db.engine.begin() as connection:
        for uid, email, name, coordinator in people:
            connection.execute(
                text(
                    'INSERT INTO "user" (id, email, name, is_coordinator, about, created_at,'
                    " read_aloud, more_time, pace, large_text, pictures, scale, photo,"
                    " photo_consent) VALUES (:id, :email, :name, :c, '', :now, false, false,"
                    " 1.0, false, true, 'faces3', '', false)"
                ),
                {"id": uid, "email": email, "name": name, "c": coordinator, "now": NOW},
            )
        for jid, ref in ((1, "JOB-1"), (2, "JOB-2")):
            connection.execute(
                text(
                    "INSERT INTO job (id, ref, title, interview_date, start_time, place,"
                    " contact, group_parity, created_by_id, created_at) VALUES (:id, :ref,"
                    " 'Support worker', '2026-12-15', '09:30:00', '', '', false, 1, :now)"
                ),
                {"id": jid, "ref": ref, "now": NOW},
            )
            for uid in (1, 3, 4):
                connection.execute(
                    text(
                        'INSERT INTO panel_member (job_id, user_id, "key", created_at)'
                        " VALUES (:j, :u, :k, :now)"
                    ),
                    {"j": jid, "u": uid, "k": f"m{uid}", "now": NOW},
                )
            connection.execute(
                text(
                    'INSERT INTO candidate (job_id, "key", name, email, phone, adjustments,'
                    " position, created_at) VALUES (:j, 'c1', 'Ruth', '', '', '', 1, :now)"
                ),
                {"j": jid, "now": NOW},
            )
        connection.execute(
            text(
                'INSERT INTO question (id, job_id, "key", position, easy_read, standard,'
                " follow_up, good_answer, picture, photo, answer_minutes, scored, overall,"
                " status, source, created_at, updated_at) VALUES (1, 1, 'q1', 1, 'Why?', '',"
                " '', '', '', '', 3, true, false, 'agreed', '', :now, :now)"
            ),
            {"now": NOW},
        )
        connection.execute(
            text(
                "INSERT INTO score_sheet (id, job_id, candidate_id, member_id, status, note,"
                " version, amended, scale, submitted_at, created_at, updated_at) VALUES"
                " (1, 1, 1, 1, 'submitted', '', 1, false, 'faces3', :now, :now, :now)"
            ),
            {"now": NOW},
        )
        connection.execute(
            text(
                "INSERT INTO score (sheet_id, question_id, value, dont_know)"
                " VALUES (1, 1, 3, false)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO user_session (id, user_id, created_at, last_seen_at)"
                " VALUES ('s1', 3, :now, :now)"
            ),
            {"now": NOW},
        )


def _counts() -> dict[str, int]:
    tables = (
        "user",
        "job",
        "panel_member",
        "candidate",
        "question",
        "score_sheet",
        "score",
        "user_session",
    )
    return {t: _rows(f'SELECT COUNT(*) FROM "{t}"')[0][0] for t in tables}  # noqa: S608


def test_existing_data_moves_into_one_organisation(fresh_app, caplog, capsys, monkeypatch):
    monkeypatch.delenv("PANELS_ORGANISATION_NAME", raising=False)
    with fresh_app.app_context():
        upgrade(revision=_before(fresh_app))
        _old_data()
        before = _counts()
        upgrade()
        assert _counts() == before  # nothing lost: no cascade from copying tables
        assert _rows("SELECT id, name, slug FROM organisation") == [
            (1, "Our organisation", "our-organisation")
        ]
        assert _rows("SELECT DISTINCT organisation_id FROM job") == [(1,)]
        members = _rows(
            "SELECT user_id, organisation_id, role FROM org_membership ORDER BY user_id"
        )
        # Coordinators are its admins; the people on panels are its members.
        assert members == [(1, 1, "admin"), (2, 1, "admin"), (3, 1, "member"), (4, 1, "member")]
        assert _rows("SELECT COUNT(*) FROM organisation_settings") == [(0,)]
        found = inspect(db.engine)
        assert "is_coordinator" not in {c["name"] for c in found.get_columns("user")}
        org_column = next(c for c in found.get_columns("job") if c["name"] == "organisation_id")
        assert org_column["nullable"] is False
    code, said = db_check(fresh_app, caplog, capsys)
    assert code == 0, said


def test_the_organisation_is_named_from_the_setting(fresh_app, monkeypatch):
    monkeypatch.setenv("PANELS_ORGANISATION_NAME", "Leeds Self-Advocacy Group")
    with fresh_app.app_context():
        upgrade(revision=_before(fresh_app))
        _old_data()
        upgrade()
        assert _rows("SELECT name, slug FROM organisation") == [
            ("Leeds Self-Advocacy Group", "leeds-self-advocacy-group")
        ]


def test_an_empty_database_gets_no_organisation(fresh_app):
    with fresh_app.app_context():
        upgrade()
        assert _rows("SELECT COUNT(*) FROM organisation") == [(0,)]


def test_down_again_everyone_who_coordinated_is_a_coordinator(fresh_app):
    with fresh_app.app_context():
        upgrade(revision=_before(fresh_app))
        _old_data()
        before = _counts()
        upgrade()
        downgrade(revision=_before(fresh_app))
        assert _counts() == before
        coordinators = _rows('SELECT id FROM "user" WHERE is_coordinator ORDER BY id')
        assert coordinators == [(1,), (2,)]
        upgrade()
        assert _rows("SELECT COUNT(*) FROM org_membership") == [(4,)]
