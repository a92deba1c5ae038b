"""Migration e5_statuses: the CHECK constraints, on a database that already holds rows.

`flask db check` compares tables, columns, types and defaults but not CHECK constraints,
so these tests compare the constraints' names themselves. Rows that break a constraint
are mended by the upgrade, and no other row is lost: on SQLite the tables are copied,
which with foreign keys on would have emptied every table that refers to them.
"""

from __future__ import annotations

from datetime import date, datetime, time

from flask_migrate import downgrade, upgrade
from sqlalchemy import CheckConstraint, DateTime, MetaData, Table, func, inspect, select, text

from panels.db import db
from tests import test_migrations as base

fresh_app = base.fresh_app  # a new empty database of the suite's kind
BEFORE = "b2_scoring_trust"
NOW = datetime(2026, 11, 30, 10, 0)


def _model_checks() -> set[tuple[str, str]]:
    return {
        (table.name, constraint.name)
        for table in db.metadata.tables.values()
        for constraint in table.constraints
        if isinstance(constraint, CheckConstraint)
    }


def _database_checks() -> set[tuple[str, str]]:
    found = inspect(db.engine)
    return {
        (table, check["name"])
        for table in found.get_table_names()
        for check in found.get_check_constraints(table)
    }


def test_the_database_has_every_check_constraint_of_the_models(fresh_app):
    with fresh_app.app_context():
        upgrade()
        assert _database_checks() == _model_checks()
        assert len(_model_checks()) >= 24  # e5's 22, the sheet's scale, a role and later ones
        downgrade(revision=BEFORE)
        assert _database_checks() == set()
        upgrade()
        assert _database_checks() == _model_checks()


def _insert(table: str, **values) -> int:
    """A row written as an older version of the app could have (no CHECK yet)."""
    t = Table(table, MetaData(), autoload_with=db.session.connection())  # as it is at BEFORE
    for column in db.metadata.tables[table].columns:  # the models' plain defaults fill the rest
        default = column.default
        if column.name in t.c and column.name not in values and default is not None:
            if default.is_scalar:
                values[column.name] = default.arg
            elif default.is_callable:  # utcnow, list, ...: none of them reads the row
                values[column.name] = (
                    NOW if isinstance(column.type, DateTime) else default.arg(None)
                )
    key = t.primary_key.columns.values()[0]
    return db.session.execute(t.insert().values(**values).returning(key)).scalar_one()


def _rows_that_break_the_constraints() -> dict[str, int]:
    user = {"created_at": NOW, "about": "", "is_coordinator": False}
    ids = {
        "slow": _insert("user", email="a@x.org", name="A", pace=9.0, scale="stars", **user),
        "fast": _insert("user", email="b@x.org", name="B", pace=0.2, scale="faces3", **user),
    }
    _insert("sign_in_link", user_id=ids["slow"], token_hash="h", expires_at=NOW)
    _insert("user_session", id="s", user_id=ids["slow"])
    _insert("sign_in_throttle", scope="device", value="x", tries=1)
    _insert("sign_in_throttle", scope="account", value="a@x.org", tries=1)
    job = ids["job"] = _insert("job", ref="R", title="T", interview_date=date(2026, 12, 1))
    a = _insert("panel_member", job_id=job, user_id=ids["slow"], key="a")
    b = _insert("panel_member", job_id=job, user_id=ids["fast"], key="b")
    c1 = _insert("candidate", job_id=job, key="c1", name="C1", position=-2)
    c2 = _insert("candidate", job_id=job, key="c2", name="C2", position=1)
    _insert("invitation", candidate_id=c1)
    _insert("adjustment_request", candidate_id=c1, status="seen")
    q1 = _insert(
        "question", job_id=job, key="q1", easy_read="Q1?", status="odd", position=-1,
        answer_minutes=0.5,
    )  # fmt: skip
    q2 = _insert("question", job_id=job, key="q2", easy_read="Q2?", answer_minutes=30.0)
    _insert("question_mark", question_id=q1, member_id=a, mark="maybe")
    _insert("question_mark", question_id=q1, member_id=b, mark="keep")
    _insert("question_change", question_id=q1, field="title")
    _insert("question_change", question_id=q1, field="easy_read")
    _insert(
        "day_settings", job_id=job, start=time(9), max_work_minutes=5, break_minutes=0,
        changeover_minutes=999, welcome_minutes=-1, close_minutes=121, arrive_before_minutes=300,
    )  # fmt: skip
    _insert("plan_shift", job_id=job, candidate_id=c1, minutes=0)
    _insert("plan_shift", job_id=job, candidate_id=c2, minutes=500)
    live = _insert("live_interview", job_id=job, candidate_id=c1, status="stuck", ended_at=NOW)
    _insert("live_interview", job_id=job, candidate_id=c2, status="odd")
    _insert("question_timing", live_id=live, job_id=job, question_id=q1, seconds=60.0)
    sent = _insert(
        "score_sheet",
        job_id=job,
        candidate_id=c1,
        member_id=a,
        status="sent",
        submitted_at=NOW,
        scale="stars",
    )
    draft = _insert(
        "score_sheet", job_id=job, candidate_id=c1, member_id=b, status="x", scale="points5"
    )
    _insert("score", sheet_id=sent, question_id=q1, value=9, dont_know=False)
    _insert("score", sheet_id=sent, question_id=q2, value=3, dont_know=True)
    _insert("score", sheet_id=draft, question_id=q1, value=None, dont_know=False)
    _insert("score", sheet_id=draft, question_id=q2, value=2, dont_know=False)
    _insert("score_send", sheet_id=sent, client_id="a", result="weird", version=1)
    _insert("score_send", sheet_id=sent, client_id="b", result="amended", version=2)
    _insert("scoring_state", job_id=job)
    _insert("scoring_pref", user_id=ids["slow"])
    _insert("audit_event", job_id=job, actor_id=ids["slow"], action="test")
    db.session.commit()
    return ids


def _column(table: str, column: str, order: str = "id") -> list:
    t = db.metadata.tables[table]
    query = select(t.c[column]).order_by(t.c[order])
    with db.engine.connect() as connection:
        return list(connection.execute(query).scalars())


def _counts() -> dict[str, int]:
    """Rows per table, for the tables the database has at its revision now."""
    with db.engine.connect() as connection:
        there = set(inspect(connection).get_table_names())
        return {
            name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for name, table in db.metadata.tables.items()
            if name in there
        }


def test_upgrade_mends_rows_that_break_a_constraint_and_loses_no_other_row(
    fresh_app, caplog, capsys
):
    with fresh_app.app_context():
        upgrade(revision=BEFORE)
        _rows_that_break_the_constraints()
        before = _counts()
        upgrade()

        assert _column("user", "pace") == [4.0, 0.5]
        assert _column("user", "scale") == ["faces3", "faces3"]
        assert _column("candidate", "position") == [0, 1]
        assert _column("question", "position") == [0, 0]
        assert _column("question", "answer_minutes") == [1.0, 15.0]
        assert _column("question", "status") == ["draft", "draft"]
        assert _column("question_mark", "mark") == ["keep"]
        assert _column("question_change", "field") == ["easy_read"]
        assert _column("sign_in_throttle", "scope") == ["account"]
        assert _column("adjustment_request", "status") == ["new"]
        assert _column("live_interview", "status") == ["finished", "paused"]
        assert _column("plan_shift", "minutes") == [1, 240]
        settings = [_column("day_settings", name, "job_id")[0] for name in DAY_ORDER]
        assert settings == [10, 1, 240, 0, 120, 240]
        assert _column("score_sheet", "status") == ["submitted", "draft"]
        assert _column("score_sheet", "scale") == ["faces3", "points5"]
        assert _column("score", "value") == [None, None, None, 2]
        assert _column("score", "dont_know") == [True, True, True, False]
        assert _column("score_send", "result") == ["saved", "amended"]

        gone = {"question_mark": 1, "question_change": 1, "sign_in_throttle": 1}
        now = {name: n for name, n in _counts().items() if name in before}
        assert now == {name: n - gone.get(name, 0) for name, n in before.items()}
        if db.engine.dialect.name == "sqlite":
            with db.engine.connect() as connection:
                assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1

    code, said = base.db_check(fresh_app, caplog, capsys)
    assert code == 0, f"models and migrations differ:\n{said}"

    with fresh_app.app_context():
        after = _counts()
        downgrade(revision=BEFORE)
        assert _counts() == {name: n for name, n in after.items() if name in before}
        assert _database_checks() == set()


DAY_ORDER = (
    "max_work_minutes",
    "break_minutes",
    "changeover_minutes",
    "welcome_minutes",
    "close_minutes",
    "arrive_before_minutes",
)
