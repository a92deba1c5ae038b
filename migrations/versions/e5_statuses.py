"""statuses and ranges as CHECK constraints

Every status, mark or kind column takes only its own words, and the numbers the app
allows are held by the database too: a person's pace (0.5 to 4), minutes to answer
(1 to 15), minutes late (1 to 240), the day settings' minutes, positions (0 or more),
and a score (0 to 5, the widest scale; a value or "I don't know", never both, never
neither). The columns keep their types: only constraints are added.

Rows that would break a constraint are mended first, so the upgrade never fails on real
data: a number is clamped into its range; an unknown status becomes the safe one (a live
interview "paused", or "finished" once it has ended; a question or sheet a draft, or
"submitted" when the sheet has a submitted time); an unknown mark, throttle row or
wording-change record is deleted (no mark is "not marked yet"); a score off every scale
becomes "I don't know". The numbers and words are written out here as they were at this
revision, not read from the app, so later changes cannot change what this step did.

SQLite cannot add a CHECK to a table, so each table is copied (batch mode) with foreign
keys switched off for the copy (migrations/env.py).

Revision ID: e5_statuses
Revises: b2_scoring_trust
Create Date: 2026-11-30 10:00:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "e5_statuses"
down_revision = "b2_scoring_trust"
branch_labels = None
depends_on = None


def _in(column, words):
    return f"{column} IN ({', '.join(repr(w) for w in words)})"


def _between(column, low, high):
    return f'"{column}" >= {low!r} AND "{column}" <= {high!r}'


SCALES = ("faces3", "points3", "points5", "yesno")
SCOPES = ("account", "address")
LIVE = ("running", "paused", "finished")
QUESTION = ("draft", "agreed", "removed")
MARKS = ("keep", "change", "remove")
FIELDS = ("easy_read", "standard", "follow_up", "good_answer")
SHEET = ("draft", "submitted")
RESULTS = ("saved", "submitted", "amended")
PACE = (0.5, 4.0)
ANSWER_MINUTES = (1, 15)
LATE_MINUTES = (1, 240)
DAY_MINUTES = {
    "max_work_minutes": (10, 480),
    "break_minutes": (1, 240),
    "changeover_minutes": (1, 240),
    "welcome_minutes": (0, 120),
    "close_minutes": (0, 120),
    "arrive_before_minutes": (0, 240),
}
SCORE = (0, 5)

# table -> (constraint name, condition); each name is ck_<table>_<what>.
CHECKS = {
    "user": [
        ("ck_user_scale", _in("scale", SCALES)),
        ("ck_user_pace", _between("pace", *PACE)),
    ],
    "sign_in_throttle": [("ck_sign_in_throttle_scope", _in("scope", SCOPES))],
    "candidate": [("ck_candidate_position", '"position" >= 0')],
    "day_settings": [
        (f"ck_day_settings_{name}", _between(name, *low_high))
        for name, low_high in DAY_MINUTES.items()
    ],
    "adjustment_request": [("ck_adjustment_request_status", _in("status", ("new",)))],
    "live_interview": [("ck_live_interview_status", _in("status", LIVE))],
    "plan_shift": [("ck_plan_shift_minutes", _between("minutes", *LATE_MINUTES))],
    "question": [
        ("ck_question_position", '"position" >= 0'),
        ("ck_question_answer_minutes", _between("answer_minutes", *ANSWER_MINUTES)),
        ("ck_question_status", _in("status", QUESTION)),
    ],
    "question_mark": [("ck_question_mark_mark", _in("mark", MARKS))],
    "question_change": [("ck_question_change_field", _in("field", FIELDS))],
    "score_sheet": [
        ("ck_score_sheet_status", _in("status", SHEET)),
        ("ck_score_sheet_scale", _in("scale", SCALES)),
    ],
    "score": [
        ("ck_score_value", _between("value", *SCORE)),
        (
            "ck_score_dont_know_xor_value",
            "(dont_know AND value IS NULL) OR (NOT dont_know AND value IS NOT NULL)",
        ),
    ],
    "score_send": [("ck_score_send_result", _in("result", RESULTS))],
}


def _clamp(table, column, low, high):
    t = sa.table(table, sa.column(column))
    c = t.c[column]
    op.execute(t.update().where(c < low).values({column: low}))
    op.execute(t.update().where(c > high).values({column: high}))


def _mend_numbers():
    _clamp("user", "pace", *PACE)
    for table in ("candidate", "question"):
        t = sa.table(table, sa.column("position"))
        op.execute(t.update().where(t.c.position < 0).values(position=0))
    for name, (low, high) in DAY_MINUTES.items():
        _clamp("day_settings", name, low, high)
    _clamp("plan_shift", "minutes", *LATE_MINUTES)
    _clamp("question", "answer_minutes", *ANSWER_MINUTES)
    score = sa.table("score", sa.column("value"), sa.column("dont_know", sa.Boolean))
    off_scale = sa.or_(score.c.value < SCORE[0], score.c.value > SCORE[1])
    op.execute(score.update().where(off_scale).values(value=None, dont_know=True))
    both = sa.and_(score.c.dont_know == sa.true(), score.c.value.is_not(None))
    op.execute(score.update().where(both).values(value=None))  # read as "I don't know"
    neither = sa.and_(score.c.dont_know == sa.false(), score.c.value.is_(None))
    op.execute(score.update().where(neither).values(dont_know=True))  # read the same


def _mend_words():
    user = sa.table("user", sa.column("scale"))
    op.execute(user.update().where(user.c.scale.not_in(SCALES)).values(scale="faces3"))
    sheet = sa.table("score_sheet", sa.column("scale"))
    op.execute(sheet.update().where(sheet.c.scale.not_in(SCALES)).values(scale="faces3"))
    for table, column, words in (
        ("sign_in_throttle", "scope", SCOPES),
        ("question_mark", "mark", MARKS),
        ("question_change", "field", FIELDS),
    ):
        t = sa.table(table, sa.column(column))
        op.execute(t.delete().where(t.c[column].not_in(words)))
    request = sa.table("adjustment_request", sa.column("status"))
    op.execute(request.update().where(request.c.status != "new").values(status="new"))
    send = sa.table("score_send", sa.column("result"))
    op.execute(send.update().where(send.c.result.not_in(RESULTS)).values(result="saved"))
    question = sa.table("question", sa.column("status"))
    op.execute(question.update().where(question.c.status.not_in(QUESTION)).values(status="draft"))
    _mend_by_time("live_interview", "ended_at", LIVE, "finished", "paused")
    _mend_by_time("score_sheet", "submitted_at", SHEET, "submitted", "draft")


def _mend_by_time(table, at, words, when_set, otherwise):
    t = sa.table(table, sa.column("status"), sa.column(at))
    status = sa.case((t.c[at].is_not(None), when_set), else_=otherwise)
    op.execute(t.update().where(t.c.status.not_in(words)).values(status=status))


def upgrade():
    _mend_numbers()
    _mend_words()
    for table, checks in CHECKS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, condition in checks:
                batch_op.create_check_constraint(op.f(name), condition)


def downgrade():
    for table, checks in reversed(CHECKS.items()):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, _ in reversed(checks):
                batch_op.drop_constraint(op.f(name), type_="check")
