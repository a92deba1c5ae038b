"""The tablet's everyday save, lean: a draft sheet already started gets new answers.

Most of what a tablet sends is this: a member taps an answer and scoring-offline.js sends
the sheet. Here that costs one read and three writes in SQLAlchemy Core (no ORM objects,
statements built once): the read finds the member, the sheet, its answers, the scored
questions, whether scoring is closed, whether the member saw others' scores and whether
this change id was seen; then the sheet's version goes up (only if it is still a draft on
the version the tablet saw, and scoring is still open), the changed answers are written
and the change id is kept.

Anything else is not this module's: ``save`` returns None and the caller takes the full
path in ``sheets`` (with nothing written here). That is a first save (it makes the sheet
and records "scores started"), sending, changing sent scores, a stale version (a
conflict), another scale, an answer that is not on the scale, scoring closed, scores
seen, and a save that lost a race with another tablet. So every trust rule stays where
it is written, in ``sheets``; this path only ever does what the full path would do.
"""

from __future__ import annotations

import functools
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple, cast

from sqlalchemy import (
    Integer,
    String,
    Table,
    and_,
    bindparam,
    delete,
    exists,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError

from panels.db import db
from panels.lib.limits import INT_MAX
from panels.models import (
    Candidate,
    PanelMember,
    Question,
    Score,
    ScoreSend,
    ScoreSheet,
    ScoringState,
)
from panels.models.base import utcnow
from panels.models.scoring import ScoreView, SendResult, SheetStatus
from panels.scoring.scales import SCALES
from panels.scoring.sheets import _plain_text, check_note, parse_answers, scale_named

SHEET = cast(Table, ScoreSheet.__table__)
SCORE = cast(Table, Score.__table__)
SEND = cast(Table, ScoreSend.__table__)


class _Question(NamedTuple):
    """What ``parse_answers`` reads of a question."""

    id: int
    key: str


@dataclass(frozen=True)
class Answer:
    """The JSON answer and its HTTP status."""

    body: dict[str, Any]
    status: int = 200


def sheet_columns() -> tuple[Any, ...]:
    """What a save reads of the sheet, in this order: the sheet (id, version, status,
    scale), whether scoring is closed, this change id's version if already used, whether
    the member has seen others' scores, then per scored question its id, key and answer."""
    seen = exists().where(
        ScoreView.user_id == PanelMember.user_id,
        ScoreView.job_id == Candidate.job_id,
        or_(ScoreView.candidate_id == Candidate.id, ScoreView.candidate_id.is_(None)),
    )
    return (
        ScoreSheet.id,
        ScoreSheet.version,
        ScoreSheet.status,
        ScoreSheet.scale,
        ScoringState.closed,
        ScoreSend.version,
        seen.correlate(Candidate, PanelMember).label("seen"),
        Question.id,
        Question.key,
        Score.value,
        Score.dont_know,
    )


def with_answers(query: Any) -> Any:
    """``query`` (from the candidate, joined to the member and their sheet) joined to what
    ``sheet_columns`` reads, for the candidate and job bound as parameters."""
    return (
        query.outerjoin(ScoringState, ScoringState.job_id == Candidate.job_id)
        .outerjoin(
            ScoreSend,
            and_(
                ScoreSend.sheet_id == ScoreSheet.id,
                ScoreSend.client_id == bindparam("client_id", type_=String),
            ),
        )
        .outerjoin(
            Question,
            and_(
                Question.job_id == Candidate.job_id,
                Question.panel_id == PanelMember.panel_id,
                Question.status == "agreed",
                Question.scored.is_(True),
            ),
        )
        .outerjoin(Score, and_(Score.sheet_id == ScoreSheet.id, Score.question_id == Question.id))
        .where(
            Candidate.id == bindparam("candidate_id", type_=Integer),
            Candidate.job_id == bindparam("job_id", type_=Integer),
        )
    )


def on_the_sheet() -> Any:
    """The member's sheet for the candidate."""
    return and_(ScoreSheet.candidate_id == Candidate.id, ScoreSheet.member_id == PanelMember.id)


@functools.cache
def _read() -> Any:
    """The one read: a row per scored question of the member's panel, with its answer."""
    return with_answers(
        select(*sheet_columns())
        .select_from(Candidate)
        .join(
            PanelMember,
            and_(
                PanelMember.job_id == Candidate.job_id,
                PanelMember.user_id == bindparam("user_id", type_=Integer),
            ),
        )
        .join(ScoreSheet, on_the_sheet())
    )


@functools.cache
def bump() -> Any:
    """The sheet's new version, only on the version seen, while a draft and scoring open."""
    closed = exists().where(ScoringState.job_id == SHEET.c.job_id, ScoringState.closed.is_(True))
    return (
        update(SHEET)
        .where(
            SHEET.c.id == bindparam("sheet_id"),
            SHEET.c.version == bindparam("seen_version"),
            SHEET.c.status == SheetStatus.DRAFT.value,
            ~closed,
        )
        .values(
            version=SHEET.c.version + literal(1),
            note=bindparam("note"),
            updated_at=bindparam("now"),
        )
    )


@functools.cache
def upsert(dialect_name: str) -> Any:
    """One answer, inserted or updated on its (sheet, question) pair."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    statement = dialect.insert(SCORE).values(
        sheet_id=bindparam("sheet_id"),
        question_id=bindparam("question_id"),
        value=bindparam("value"),
        dont_know=bindparam("dont_know"),
    )
    return statement.on_conflict_do_update(
        index_elements=[SCORE.c.sheet_id, SCORE.c.question_id],
        set_={"value": statement.excluded.value, "dont_know": statement.excluded.dont_know},
    )


@functools.cache
def keep_change(dialect_name: str) -> Any:
    """The change id, kept once: a second save with the same id writes nothing."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    return (
        dialect.insert(SEND)
        .values(
            sheet_id=bindparam("sheet_id"),
            client_id=bindparam("client_id"),
            result=SendResult.SAVED.value,
            version=bindparam("version"),
            at=bindparam("now"),
        )
        .on_conflict_do_nothing(index_elements=[SEND.c.sheet_id, SEND.c.client_id])
        .returning(SEND.c.id)  # no row when the id was kept before (rowcount varies by driver)
    )


@functools.cache
def forget_change() -> Any:
    """Take back a change id kept by a save that was then refused (same transaction)."""
    return delete(SEND).where(
        SEND.c.sheet_id == bindparam("sheet_id"), SEND.c.client_id == bindparam("client_id")
    )


def send_problem(data: dict) -> tuple[str, str] | None:
    """(field, plain words) for a body the tablet should never send; None if it is usable."""
    if not isinstance(data.get("answers", {}), dict):
        return "scores", "The tablet sent something we cannot read."
    client_id = data.get("client_id")
    if not isinstance(client_id, str) or not client_id:
        return "client_id", "The tablet sent no change id."
    version = data.get("version")
    if version is not None and (
        isinstance(version, bool) or not isinstance(version, int) or not 0 <= version <= INT_MAX
    ):
        return "version", "The version must be a whole number, 0 or more."
    scale = data.get("scale")
    if scale is not None and not isinstance(scale, str):
        return "scale", "The scale must be a name."
    if not isinstance(data.get("reason") or "", str):
        return "reason", "The reason must be text."
    return None


def usable(data: dict) -> bool:
    """A draft save this module may take: on a sheet the tablet saw saved (version 0 is a
    first save), not sending, no reason, a good change id."""
    client_id = data.get("client_id")
    return (
        bool(data.get("version"))
        and data.get("submit") is not True
        and not data.get("reason")
        and isinstance(client_id, str)
        and 0 < len(client_id) <= 64
        and _plain_text(client_id)
        and isinstance(data.get("answers", {}), dict)
    )


def save(job_id: int, candidate_id: int, user_id: int, data: dict, next_url: str) -> Answer | None:
    """Save a draft from a tablet, or None for the full path (nothing written then).

    ``data`` has passed the view's checks of its shape (``client_id``, ``version``,
    ``scale`` and ``reason`` are of the right kinds). Commits on success.
    """
    if not usable(data):
        return None
    client_id: str = data["client_id"]
    connection = db.session.connection()
    rows = connection.execute(
        _read(),
        {
            "job_id": job_id,
            "candidate_id": candidate_id,
            "user_id": user_id,
            "client_id": client_id,
        },
    ).all()
    if not rows:
        return None  # no sheet yet, or not this member's: the full path says what
    sheet_id, version, status, scale_key, closed, sent_version, seen = rows[0][:7]
    if sent_version is not None:  # this change was applied before: the first answer again
        return Answer(ok("duplicate", sent_version, status, next_url))
    scale = data.get("scale")
    if closed or seen or status != SheetStatus.DRAFT.value:
        return None
    if (data.get("version") or 0) != version or (scale is not None and scale != scale_key):
        return None  # a conflict, or a scale we may not know: the full path explains
    if scale_key not in SCALES:
        return None
    change = checked(data, rows, scale_key)
    if change is None:
        return None
    note, changed = change
    if not _write(Job(sheet_id, version, client_id, note, changed)):
        return None
    return Answer(ok("saved", version + 1, status, next_url))


def checked(data: dict, rows, scale_key: str) -> tuple[str, list[dict]] | None:
    """(note, changed answers) when every part is good; None when any is not."""
    try:
        note = check_note(data.get("note", ""))
    except ValueError:
        return None
    questions = [_Question(r[7], r[8]) for r in rows if r[7] is not None]
    current = {r[7]: (r[9], r[10]) for r in rows if r[7] is not None and r[10] is not None}
    answers, errors = parse_answers(data.get("answers", {}), questions, scale_named(scale_key))  # type: ignore[arg-type]
    if errors or (answers and not current):
        return None  # refused answers, or the first ones ("scores started" is recorded)
    changed = [
        {"question_id": qid, "value": value, "dont_know": value is None}
        for qid, value in answers.items()
        if current.get(qid) != (value, value is None)
    ]
    return note, changed


@dataclass
class Job:
    """One checked draft save, ready to write."""

    sheet_id: int
    version: int  # the version the tablet saw; the save makes version + 1
    client_id: str
    note: str
    changed: list[dict]
    saved: bool = False
    role: str = "wait"  # "wait", "lead" (write the batch) or "done"
    event: threading.Event = field(default_factory=threading.Event)


def _write(job: Job) -> bool:
    """Write one save and commit; False if it lost a race (nothing of it is kept)."""
    engine = db.session.get_bind()
    if engine.dialect.name == "sqlite":
        return _combiner(engine).submit(job)
    try:
        saved = _apply_one(db.session.connection(), job, utcnow())
        if saved:
            db.session.commit()
        else:
            db.session.rollback()
        return saved
    except DBAPIError:
        db.session.rollback()  # a race or a busy database: the full path sorts it out
        return False


def _apply_one(connection, job: Job, now) -> bool:
    """The change id first (kept once), then the version (refused when stale, sent or
    closed), then the answers; False, with nothing of this save left, if it is refused."""
    kept = connection.execute(
        keep_change(connection.dialect.name),
        {
            "sheet_id": job.sheet_id,
            "client_id": job.client_id,
            "version": job.version + 1,
            "now": now,
        },
    )
    if kept.first() is None:
        return False  # the same change id, saved by a save running at the same moment
    bumped = connection.execute(
        bump(),
        {"sheet_id": job.sheet_id, "seen_version": job.version, "note": job.note, "now": now},
    )
    if bumped.rowcount != 1:  # another tablet saved first, the sheet was sent, or closed
        connection.execute(forget_change(), {"sheet_id": job.sheet_id, "client_id": job.client_id})
        return False
    if job.changed:
        connection.execute(
            upsert(connection.dialect.name),
            [dict(row, sheet_id=job.sheet_id) for row in job.changed],
        )
    return True


class Combiner:
    """Group commit for SQLite: saves arriving together share one commit.

    SQLite writes one transaction at a time, and each commit waits for the disk
    (synchronous=FULL: a saved score survives a power cut). So the first save to arrive
    writes, and commits, every save that queued up while the one before was committing;
    each waits for the commit that holds it before its tablet is answered. Inside one
    batch each save is checked by the database as if alone (the version, the change id).
    Threads waiting here hold no database lock (their reads are done).
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.queue: list[Job] = []
        self.leading = False

    def submit(self, job: Job) -> bool:
        with self.lock:
            if self.leading:
                self.queue.append(job)
            else:
                self.leading, job.role = True, "lead"
        if job.role != "lead":
            job.event.wait()
            if job.role == "done":
                return job.saved
        with self.lock:
            batch = [job, *self.queue]
            self.queue.clear()
        try:
            self._write(batch)
        finally:
            self._finish(batch)
        return job.saved

    @staticmethod
    def _write(batch: list[Job]) -> None:
        now = utcnow()
        try:
            connection = db.session.connection()
            for one in batch:
                one.saved = _apply_one(connection, one, now)
            db.session.commit()
        except DBAPIError:
            db.session.rollback()  # nothing was kept: each save takes the full path
            for one in batch:
                one.saved = False

    def _finish(self, batch: list[Job]) -> None:
        """Answer the batch; hand the writing on to the first save that queued since."""
        for one in batch[1:]:
            one.role = "done"
            one.event.set()
        with self.lock:
            if self.queue:
                following = self.queue.pop(0)
                following.role = "lead"
                following.event.set()
            else:
                self.leading = False


def combiners(make: Callable[[Any], Combiner]) -> Callable[[Any], Combiner]:
    """The batches of each database, made by ``make(engine)`` when first asked (tests make
    many apps, each with its own)."""
    found: weakref.WeakKeyDictionary[Any, Combiner] = weakref.WeakKeyDictionary()
    lock = threading.Lock()

    def of(engine: Any) -> Combiner:
        with lock:
            one = found.get(engine)
            if one is None:
                one = found[engine] = make(engine)
            return one

    return of


_combiner = combiners(lambda _engine: Combiner())


def ok(result: str, version: int, status: str, next_url: str) -> dict[str, Any]:
    return {"ok": True, "result": result, "version": version, "status": status, "next": next_url}
