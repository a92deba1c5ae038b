"""Score sheets: save, submit, amend, enter on behalf; who may see whose scores.

Answers are ``{question_id: value}`` where ``value`` is a whole number on the member's own
scale, or ``None`` for "I don't know". A question missing from the dict is not answered.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import cast

from sqlalchemy import (
    Integer,
    Select,
    Table,
    and_,
    bindparam,
    delete,
    exists,
    false,
    func,
    insert,
    or_,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from panels.common.access import manages
from panels.common.audit import record
from panels.db import db
from panels.lib import limits
from panels.lib.limits import INT_MAX, parse_int
from panels.models import (
    AuditEvent,
    Candidate,
    Job,
    PanelMember,
    Question,
    Score,
    ScoreSend,
    ScoreSheet,
    ScoringState,
    User,
)
from panels.models.base import utcnow
from panels.models.scoring import FALLBACK_SCALE, ScoreView, SheetStatus
from panels.questions.queries import agreed_questions
from panels.scoring.scales import SCALES, Scale, get_scale

DONT_KNOW = "dk"
PHRASES = (
    "They listened to me.",
    "They talked to me, not only to others.",
    "They were kind.",
    "They explained things clearly.",
    "They gave good examples.",
    "I would like them to support me.",
    "I was not sure about their answers.",
)
NOTE_MAX = limits.NOTE
REASON_MAX = limits.REASON
ALL_SENT_REASON = "Every panel member sent scores for every candidate."


class ScoringProblem(ValueError):
    """Something a person sent cannot be used. ``errors`` maps a field to plain words."""

    def __init__(self, errors: dict[str, str], status: int = 400) -> None:
        self.errors = errors
        self.status = status
        super().__init__("; ".join(errors.values()))


class ScoringConflict(ScoringProblem):
    """The sheet changed since the page or tablet last saw it; ``saved`` is what is stored.

    ``saved`` holds only the member's own sheet: the tablet shows it so the member can
    choose between their answers on screen and the saved ones.
    """

    def __init__(self, errors: dict[str, str], saved: dict) -> None:
        super().__init__(errors, 409)
        self.saved = saved


class AlreadySent(ScoringConflict):
    """The sheet was sent (from here or elsewhere); changing it needs a reason."""


@dataclass(frozen=True)
class SaveResult:
    result: str  # "saved", "submitted", "amended" or "duplicate"
    version: int
    status: str  # the sheet's status after saving


Answers = dict[int, int | None]


@dataclass(frozen=True)
class Writing:
    """Everything a save checks, read in one query (``for_saving``) plus the sheet's scores.

    ``closed``: scoring is closed for the job. ``seen``: the member has seen other
    members' scores for this candidate (or for all). ``sent``: this change id was already
    applied to the sheet.
    """

    candidate: Candidate
    member: PanelMember
    sheet: ScoreSheet | None
    questions: list[Question]
    closed: bool
    seen: bool
    sent: ScoreSend | None


@functools.cache
def _for_saving_statement(by_user: bool, with_change: bool) -> Select:
    """The one query of ``for_saving``, built once (building it costs more than running it)."""
    who = bindparam("who", type_=Integer)
    which = PanelMember.user_id == who if by_user else PanelMember.id == who
    seen = exists().where(
        ScoreView.user_id == PanelMember.user_id,
        ScoreView.job_id == Candidate.job_id,
        or_(ScoreView.candidate_id == Candidate.id, ScoreView.candidate_id.is_(None)),
    )
    change = ScoreSend.client_id == bindparam("client_id") if with_change else false()
    return (
        # The member's person too (their scale starts a sheet): the tablet's save loads
        # no ``User`` of its own (``panels.auth.lean``).
        select(Candidate, PanelMember, ScoreSheet, ScoringState.closed, ScoreSend, Question, User)
        .add_columns(seen.correlate(Candidate, PanelMember).label("seen"))
        .join(PanelMember, and_(PanelMember.job_id == Candidate.job_id, which))
        .join(User, User.id == PanelMember.user_id)
        .outerjoin(
            ScoreSheet,
            and_(ScoreSheet.candidate_id == Candidate.id, ScoreSheet.member_id == PanelMember.id),
        )
        .outerjoin(ScoringState, ScoringState.job_id == Candidate.job_id)
        .outerjoin(ScoreSend, and_(ScoreSend.sheet_id == ScoreSheet.id, change))
        .outerjoin(
            Question,
            and_(
                Question.job_id == Candidate.job_id,
                Question.panel_id == PanelMember.panel_id,  # each member scores their panel's
                Question.status == "agreed",
                Question.scored.is_(True),
            ),
        )
        .where(Candidate.id == bindparam("candidate_id"), Candidate.job_id == bindparam("job_id"))
        .order_by(Question.position, Question.id)
    )


def for_saving(
    job_id: int,
    candidate_id: int,
    *,
    user_id: int | None = None,
    member_id: int | None = None,
    client_id: str | None = None,
) -> Writing | None:
    """The candidate of this job, the panel member (by person or by member id), the sheet,
    the scored questions, whether scoring is closed, whether the member has seen others'
    scores and whether this change id was seen: one query (and one for the sheet's scores
    when it has been started). None when the candidate or member is not of this job.
    """
    if user_id is None and member_id is None:
        return None
    statement = _for_saving_statement(user_id is not None, client_id is not None)
    rows = db.session.execute(
        statement,
        {
            "job_id": job_id,
            "candidate_id": candidate_id,
            "who": user_id if user_id is not None else member_id,
            "client_id": client_id[:64] if client_id is not None else None,
        },
    ).all()
    if not rows:
        return None
    candidate, member, sheet, closed, sent, _question, user, seen_any = rows[0]
    set_committed_value(member, "user", user)  # loaded here, so never loaded again
    if sheet is not None:
        scores = db.session.scalars(select(Score).where(Score.sheet_id == sheet.id)).all()
        set_committed_value(sheet, "scores", list(scores))
    questions = [row[5] for row in rows if row[5] is not None]
    return Writing(candidate, member, sheet, questions, bool(closed), bool(seen_any), sent)


def scored_questions(job_id: int, panel_id: int | None = None) -> list[Question]:
    """Questions and activities marked for scoring (not removed), in order: the job's, or
    one panel's (what that panel's members score)."""
    job = db.session.get(Job, job_id)
    if job is None:
        return []
    return [q for q in agreed_questions(job) if q.scored and panel_id in (None, q.panel_id)]


def scale_named(key: str | None) -> Scale:
    """The scale called ``key``; 3 faces for a name we do not know (damaged data)."""
    try:
        return get_scale(key)  # type: ignore[arg-type]
    except ValueError:
        return get_scale(FALLBACK_SCALE)


def scale_for(member: PanelMember) -> Scale:
    """The member's scale preference now: used only for sheets not started yet."""
    return scale_named(member.user.scale)


def sheet_scale(sheet: ScoreSheet | None, member: PanelMember) -> Scale:
    """The scale a sheet was started on; the member's preference if it is not started."""
    return scale_named(sheet.scale) if sheet is not None else scale_for(member)


def state_for(job_id: int) -> ScoringState:
    """The job's scoring state, for reading: nothing is written (a GET writes nothing).

    A job nobody has closed yet has no row: an unsaved "open" state stands in for it.
    """
    state = db.session.get(ScoringState, job_id)
    if state is None:
        state = ScoringState(job_id=job_id, closed=False, close_reason="", final_reason="")
    return state


def state_to_change(job_id: int) -> ScoringState:
    """The job's scoring state, made if there is none, locked until the transaction ends."""
    return _locked_state(job_id)


def is_closed(job_id: int) -> bool:
    state = db.session.get(ScoringState, job_id)
    return bool(state and state.closed)


def find_sheet(candidate_id: int, member_id: int) -> ScoreSheet | None:
    return db.session.scalar(
        select(ScoreSheet).where(
            ScoreSheet.candidate_id == candidate_id, ScoreSheet.member_id == member_id
        )
    )


def has_content(sheet: ScoreSheet | None) -> bool:
    """True if anything was saved on the sheet: an answer, a note, or it was sent."""
    return sheet is not None and (sheet.submitted or bool(sheet.scores) or bool(sheet.note))


def was_sent(sheet: ScoreSheet | None, client_id: str) -> bool:
    """True if this change id was already applied to the sheet."""
    if sheet is None or not client_id:
        return False
    return (
        db.session.scalar(
            select(ScoreSend.id).where(
                ScoreSend.sheet_id == sheet.id, ScoreSend.client_id == client_id[:64]
            )
        )
        is not None
    )


# --- who has seen other members' scores ---------------------------------------------------


def has_seen(user_id: int, job_id: int, candidate_id: int) -> bool:
    """True if the person saw other members' scores for this candidate (or for all)."""
    return (
        db.session.scalar(
            select(ScoreView.id)
            .where(
                ScoreView.user_id == user_id,
                ScoreView.job_id == job_id,
                or_(ScoreView.candidate_id == candidate_id, ScoreView.candidate_id.is_(None)),
            )
            .limit(1)
        )
        is not None
    )


def seen_candidates(user_id: int, job_id: int) -> set[int | None]:
    """Candidate ids the person saw others' scores for; None in the set means all."""
    return set(
        db.session.scalars(
            select(ScoreView.candidate_id).where(
                ScoreView.user_id == user_id, ScoreView.job_id == job_id
            )
        )
    )


def note_view(user, job_id: int, candidate: Candidate | None, what: str) -> None:
    """Add a record that ``user`` saw other members' scores (the caller commits)."""
    db.session.add(
        ScoreView(
            user_id=user.id,
            job_id=job_id,
            candidate_id=candidate.id if candidate is not None else None,
            what=what[:40],
        )
    )
    record(
        "scores viewed",
        job_id=job_id,
        actor_id=user.id,
        candidate=candidate.key if candidate is not None else "all",
        what=what,
    )


def record_view(user, job_id: int, candidate: Candidate | None, what: str) -> None:
    """Record, and commit, that ``user`` saw other members' scores: the same two rows as
    ``note_view`` (the view and its audit event), written in one transaction.

    This is the one write a page view makes: issue 9 asks for every view of other
    members' scores to be on record, so close-and-reopen cannot be used to look first
    and score later. The rows are inserted as they are (Core INSERTs, no objects for the
    session to flush and keep), on PostgreSQL in one statement; the commit is what makes
    them last, as before.
    """
    now = utcnow()
    view = insert(cast(Table, ScoreView.__table__)).values(
        user_id=user.id,
        job_id=job_id,
        candidate_id=candidate.id if candidate is not None else None,
        what=what[:40],
        at=now,
    )
    event = insert(cast(Table, AuditEvent.__table__)).values(
        at=now,
        action="scores viewed",
        job_id=job_id,
        actor_id=user.id,
        on_behalf_of_id=None,
        reason="",
        detail={"candidate": candidate.key if candidate is not None else "all", "what": what},
    )
    if db.session.connection().dialect.name == "postgresql":
        # both rows in one statement: one trip to the database server, not two
        db.session.execute(event.add_cte(view.cte("score_view_row")))
    else:
        db.session.execute(view)
        db.session.execute(event)
    db.session.commit()


def seen_message(candidate_name: str) -> str:
    return (
        f"You have seen other panel members' scores for {candidate_name}. "
        f"So you cannot send first scores for {candidate_name} now: they would not be "
        "your own view any more. Your score stays missing. The coordinator can record "
        "why it is missing."
    )


def seen_on_behalf_message(member_name: str, candidate_name: str) -> str:
    return (
        f"{member_name} has seen other panel members' scores for {candidate_name}. "
        f"So first scores from {member_name} for {candidate_name} cannot be typed in now. "
        "The coordinator can record why the score is missing."
    )


def tablet_sheet_message(member_name: str, candidate_name: str, sent: bool) -> str:
    if sent:
        return (
            f"{member_name} already sent scores for {candidate_name}. A paper sheet cannot "
            f"replace them. {member_name} can change them on the score screen, saying why."
        )
    return (
        f"{member_name} has already started scores for {candidate_name} on a tablet. "
        f"A paper sheet cannot replace them. Ask {member_name} to finish them on the "
        "score screen."
    )


def conflict_message(candidate_name: str) -> str:
    return (
        f"Your scores for {candidate_name} were changed on another tablet or computer "
        "after this one last saved. Nothing from here was saved, and your answers are "
        "still on this screen. Reload the page to see the saved answers, or keep yours."
    )


def answers_of(sheet: ScoreSheet | None) -> Answers:
    if sheet is None:
        return {}
    return {s.question_id: (None if s.dont_know else s.value) for s in sheet.scores}


def saved_state(sheet: ScoreSheet | None, questions: list[Question], member) -> dict:
    """The member's own saved sheet, as the tablet is told about it in a conflict."""
    picked, typed = split_note(sheet.note if sheet is not None else "")
    scale = sheet_scale(sheet, member)
    return {
        "version": sheet.version if sheet is not None else 0,
        "status": sheet.status if sheet is not None else "none",
        "scale": scale.key,
        "scale_name": scale.name,
        "answers": _answers_detail(answers_of(sheet), questions),
        "phrases": picked,
        "typed": typed,
    }


def parse_answers(
    raw: dict[str, object], questions: list[Question], scale: Scale
) -> tuple[Answers, dict[str, str]]:
    """Read ``{question key: value or "dk"}``; return answers and per-question problems.

    Keys not naming a scored question are problems; empty values mean "not answered".
    """
    by_key = {q.key: q for q in questions}
    answers: Answers = {}
    errors: dict[str, str] = {}
    for key, value in raw.items():
        question = by_key.get(str(key))
        if question is None:
            errors[f"q-{key}"[:60]] = (
                f'"{str(key)[:40]}" is not a question the panel scores. Reload the page.'
            )
            continue
        if value is None or value == "":
            continue
        if value == DONT_KNOW:
            answers[question.id] = None
            continue
        number = value
        if isinstance(value, str):
            parsed = parse_int(value, -INT_MAX, INT_MAX)
            number = value if parsed is None else parsed
        try:
            scale.validate(number)
        except ValueError as error:
            errors[f"q-{question.key}"] = str(error)
            continue
        # validate passed: a whole number, as an int or a float such as 2.0
        answers[question.id] = int(cast("int | float", number))
    return answers, errors


def _plain_text(value: str) -> bool:
    """False for text the database cannot store (a lone surrogate, a NUL)."""
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_note(note: object) -> str:
    if note is None:
        return ""
    if not isinstance(note, str) or not _plain_text(note):
        raise ScoringProblem({"note": "The note must be text."})
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise ScoringProblem({"note": f"The note must be {NOTE_MAX} characters or fewer."})
    return note


def _answers_detail(answers: Answers, questions: list[Question]) -> dict[str, object]:
    keys = {q.id: q.key for q in questions}
    return {keys.get(qid, str(qid)): (DONT_KNOW if v is None else v) for qid, v in answers.items()}


def _seen_change(sheet_id: int | None, client_id: str | None) -> ScoreSend | None:
    if sheet_id is None or client_id is None:
        return None
    return db.session.scalar(
        select(ScoreSend).where(ScoreSend.sheet_id == sheet_id, ScoreSend.client_id == client_id)
    )


def _conflict(
    candidate: Candidate,
    member: PanelMember,
    questions: list[Question],
    errors=None,
    kind: type[ScoringConflict] = ScoringConflict,
) -> ScoringConflict:
    sheet = find_sheet(candidate.id, member.id)
    return kind(
        errors or {"scores": conflict_message(candidate.name)},
        saved_state(sheet, questions, member),
    )


def save(candidate: Candidate, member: PanelMember, questions: list[Question], *args, **kw):
    """See ``save_with``, for a candidate and member already found."""
    writing = for_saving(
        candidate.job_id,
        candidate.id,
        member_id=member.id,
        client_id=kw.get("client_id") if isinstance(kw.get("client_id"), str) else None,
    )
    assert writing is not None  # the caller found both in this job
    return save_with(writing, questions, *args, **kw)


def save_with(writing: Writing, questions: list[Question], *args, **kw) -> SaveResult:
    """See ``_save``. A paper sheet is never told what a tablet saved: no conflict details."""
    try:
        return _save(writing, questions, *args, **kw)
    except ScoringConflict:
        if not kw.get("on_behalf"):
            raise
        member, candidate = writing.member, writing.candidate
        raise ScoringProblem(
            {"scores": tablet_sheet_message(member.user.name, candidate.name, False)}, 409
        ) from None


def _check_ids(client_id: str | None, version: int) -> None:
    """A change id and sheet version the tablet or page may send."""
    if client_id is not None and (
        not isinstance(client_id, str)
        or not (0 < len(client_id) <= 64)
        or not _plain_text(client_id)
    ):
        raise ScoringProblem({"client_id": "The tablet sent a bad change id."})
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise ScoringProblem({"version": "The version must be a whole number, 0 or more."})


def _check_may_write(writing: Writing, on_behalf: bool) -> None:
    """Refuse when scoring is closed, a paper sheet meets a tablet sheet, or the member
    has already seen others' scores for this candidate."""
    sheet, candidate, member = writing.sheet, writing.candidate, writing.member
    if writing.closed:
        raise ScoringProblem(
            {"scores": "Scoring is closed for this job. Ask the coordinator if you need a change."},
            409,
        )
    if on_behalf:
        if has_content(sheet):
            raise ScoringProblem(
                {
                    "scores": tablet_sheet_message(
                        member.user.name, candidate.name, bool(sheet and sheet.submitted)
                    )
                },
                409,
            )
        if writing.seen:
            raise ScoringProblem(
                {"scores": seen_on_behalf_message(member.user.name, candidate.name)}, 403
            )
    elif (sheet is None or not sheet.submitted) and writing.seen:
        raise ScoringProblem({"scores": seen_message(candidate.name)}, 403)


def _check_amend_reason(
    sheet: ScoreSheet | None,
    candidate: Candidate,
    member: PanelMember,
    questions: list[Question],
    reason: str,
) -> bool:
    """Whether this change amends a sent sheet; amending needs a reason."""
    amending = sheet is not None and sheet.submitted
    if amending and not reason:
        raise _conflict(
            candidate,
            member,
            questions,
            {
                "reason": "These scores were already sent. To change them, "
                "say why in the reason box."
            },
            AlreadySent,
        )
    return amending


def _check_version_and_scale(
    sheet: ScoreSheet | None,
    candidate: Candidate,
    member: PanelMember,
    questions: list[Question],
    version: int,
    scale: str | None,
) -> Scale:
    """The scale to save on; refuses a stale version or a scale other than the sheet's."""
    current_version = sheet.version if sheet is not None else 0
    if version != current_version:
        raise _conflict(candidate, member, questions)
    if scale is not None and scale not in SCALES:
        raise ScoringProblem({"scale": "The page sent a scale we do not know. Reload it."})
    if sheet is not None and scale is not None and scale != sheet.scale:
        raise _conflict(
            candidate,
            member,
            questions,
            {
                "scores": f"Your scores for {candidate.name} are on the "
                f"{scale_named(sheet.scale).name} scale, not the {scale_named(scale).name} scale. "
                "Reload the page to see them."
            },
        )
    if sheet is not None:
        return scale_named(sheet.scale)
    return scale_named(scale or member.user.scale)


def _check_reason_text(reason: str) -> None:
    if not _plain_text(reason):
        raise ScoringProblem({"reason": "The reason must be text."})
    if len(reason) > REASON_MAX:
        raise ScoringProblem({"reason": f"The reason must be {REASON_MAX} characters or fewer."})


def _check_complete(questions: list[Question], answers: Answers) -> None:
    """A sent sheet answers every question ("I don't know" counts)."""
    missing = [q for q in questions if q.id not in answers]
    if missing:
        raise ScoringProblem(
            {
                f"q-{q.key}": f'Choose an answer for "{q.easy_read[:60]}". '
                'You can choose "I don\'t know".'
                for q in missing
            }
        )


def _save(
    writing: Writing,
    questions: list[Question],
    raw: dict[str, object],
    note: object,
    *,
    version: int,
    client_id: str | None = None,
    scale: str | None = None,
    submit: bool = False,
    reason: str = "",
    actor: User | None = None,
    on_behalf: bool = False,
) -> SaveResult:
    """Save a sheet (draft), submit it (locks it), or amend a submitted one (needs a reason).

    ``raw`` is ``{question key: value or "dk"}`` on the sheet's scale. ``version`` is the
    version of the sheet the change was made on: 0 for "nothing saved yet". A save made on
    any other version than the one stored is refused with a ScoringConflict (409), so no
    save overwrites a change it did not know about. ``scale`` is the scale the page showed;
    a new sheet is started on it (else on the member's preference), and an existing sheet
    must be on it.

    A ``client_id`` seen before for this sheet is not applied again: the first result comes
    back as "duplicate". The first save makes the sheet; two first saves at the same moment
    give one sheet and a duplicate or a conflict, never an error page.
    Commits on success; rolls back and raises ScoringProblem otherwise.
    """
    _check_ids(client_id, version)
    sheet, candidate, member = writing.sheet, writing.candidate, writing.member
    seen = writing.sent
    if seen is not None and sheet is not None:
        return SaveResult("duplicate", seen.version, sheet.status)
    _check_may_write(writing, on_behalf)
    reason = (reason or "").strip() if isinstance(reason, str) else ""
    amending = _check_amend_reason(sheet, candidate, member, questions, reason)
    use_scale = _check_version_and_scale(sheet, candidate, member, questions, version, scale)
    note = check_note(note)
    _check_reason_text(reason)
    answers, errors = parse_answers(raw, questions, use_scale)
    if errors:
        raise ScoringProblem(errors)
    if submit or amending:
        _check_complete(questions, answers)
    change = _Change(
        answers,
        note,
        use_scale.key,
        submit=submit,
        reason=reason,
        actor=actor,
        on_behalf=on_behalf,
        amending=amending,
        client_id=client_id,
    )
    return _apply_once(sheet, candidate, member, questions, change)


def _apply_once(
    sheet: ScoreSheet | None,
    candidate: Candidate,
    member: PanelMember,
    questions: list[Question],
    change: _Change,
) -> SaveResult:
    """Apply a checked change; a save racing another one gives a duplicate or a conflict."""
    try:
        return _apply(sheet, candidate, member, questions, change)
    except (IntegrityError, StaleDataError):
        # Another tablet saved at the same moment: the database kept one of the two.
        db.session.rollback()
        again = find_sheet(candidate.id, member.id)
        seen = _seen_change(again.id if again else None, change.client_id)
        if seen is not None and again is not None:  # the same change arrived twice
            return SaveResult("duplicate", seen.version, again.status)
        raise _conflict(candidate, member, questions) from None
    except OperationalError:
        db.session.rollback()
        raise ScoringProblem(
            {"scores": "The server was busy and did not save this. Try again in a moment."},
            503,
        ) from None


@dataclass(frozen=True)
class _Change:
    """A checked change to one sheet, ready to write."""

    answers: Answers
    note: str
    scale: str
    submit: bool
    reason: str
    actor: User | None
    on_behalf: bool
    amending: bool
    client_id: str | None


def _start_sheet(candidate: Candidate, member: PanelMember, scale: str) -> ScoreSheet:
    """The first write starts the sheet, on the scale the page showed."""
    sheet = ScoreSheet(
        job_id=candidate.job_id,
        candidate_id=candidate.id,
        member_id=member.id,
        scale=scale,
        status="draft",
        note="",
    )
    db.session.add(sheet)
    return sheet


def _write_scores(
    sheet: ScoreSheet,
    current: dict[int, Score],
    questions: list[Question],
    answers: Answers,
    drop_unanswered: bool,
) -> None:
    """Write the answers that changed in one statement (insert, or update on the sheet and
    question pair); with ``drop_unanswered``, delete the answers not given. ``current``
    holds the sheet's answers before this change, by question id.

    The sheet row is written (and so, on PostgreSQL, locked) before this is called.
    """
    question_ids = {q.id for q in questions}
    changed = [
        {"sheet_id": sheet.id, "question_id": qid, "value": value, "dont_know": value is None}
        for qid, value in answers.items()
        if qid in question_ids
        and (
            qid not in current
            or current[qid].value != value
            or current[qid].dont_know != (value is None)
        )
    ]
    if changed:
        db.session.execute(_upsert_scores(changed))
    dropped = [qid for qid in current if qid not in answers] if drop_unanswered else []
    if dropped:
        db.session.execute(
            delete(Score)
            .where(Score.sheet_id == sheet.id, Score.question_id.in_(dropped))
            .execution_options(synchronize_session=False)
        )


def _upsert_scores(rows: list[dict]):
    """INSERT ... ON CONFLICT (sheet, question) DO UPDATE, for SQLite and PostgreSQL."""
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(Score).values(rows)
    return statement.on_conflict_do_update(
        index_elements=[Score.sheet_id, Score.question_id],
        set_={"value": statement.excluded.value, "dont_know": statement.excluded.dont_know},
    )


def _mark_and_record(
    sheet: ScoreSheet,
    candidate: Candidate,
    member: PanelMember,
    questions: list[Question],
    change: _Change,
    before: Answers,
) -> str:
    """Set the sheet's status for the change, add its audit event; the result's name."""
    actor = change.actor
    job_id = candidate.job_id
    actor_id = actor.id if actor else None
    on_behalf_of_id = member.user_id if (change.on_behalf or actor is None) else None
    keys = {"candidate": candidate.key, "member": member.key}
    if change.amending:
        sheet.amended = True
        record(
            "scores amended",
            job_id=job_id,
            actor_id=actor_id,
            on_behalf_of_id=on_behalf_of_id,
            reason=change.reason,
            before=_answers_detail(before, questions),
            after=_answers_detail(change.answers, questions),
            **keys,
        )
        return "amended"
    if change.submit:
        sheet.status = SheetStatus.SUBMITTED
        sheet.submitted_at = utcnow()
        action = "scores entered on behalf" if change.on_behalf else "scores submitted"
        record(
            action,
            job_id=job_id,
            actor_id=actor_id,
            on_behalf_of_id=on_behalf_of_id,
            reason=change.reason,
            answers=_answers_detail(change.answers, questions),
            **keys,
        )
        return "submitted"
    if not before and change.answers:
        record(
            "scores started",
            job_id=job_id,
            actor_id=actor_id,
            on_behalf_of_id=on_behalf_of_id,
            **keys,
        )
    return "saved"


def _apply(
    sheet: ScoreSheet | None,
    candidate: Candidate,
    member: PanelMember,
    questions: list[Question],
    change: _Change,
) -> SaveResult:
    if sheet is None:
        sheet = _start_sheet(candidate, member, change.scale)  # pending: no scores to load
    current = {s.question_id: s for s in sheet.scores}  # loaded, or none on a new sheet
    before = answers_of(sheet)
    sheet.note = change.note
    sheet.updated_at = utcnow()
    actor = change.actor
    if change.on_behalf and actor is not None:
        sheet.entered_by_id = actor.id
    result = _mark_and_record(sheet, candidate, member, questions, change, before)
    job_id = candidate.job_id
    if change.on_behalf and actor is not None:
        note_view(actor, job_id, candidate, "paper sheet typed in")
    # The sheet first: its version check (a conflict) and its row lock come before the rest.
    db.session.flush()
    _write_scores(sheet, current, questions, change.answers, change.submit or change.amending)
    if change.client_id is not None:
        db.session.add(
            ScoreSend(
                sheet_id=sheet.id,
                client_id=change.client_id,
                result=result,
                version=sheet.version,
            )
        )
    if result == "submitted":
        _close_if_all_sent(job_id)
    db.session.flush()
    done = SaveResult(result, sheet.version, sheet.status)  # before commit expires them
    db.session.commit()
    return done


def _locked_state(job_id: int) -> ScoringState:
    """The job's scoring state, locked until this transaction ends.

    Submissions for one job take this lock before counting, so the last of several
    tablets sending at the same moment always sees the others' sheets (PostgreSQL runs
    them side by side; SQLite writes one at a time and ignores FOR UPDATE).
    """
    query = select(ScoringState).where(ScoringState.job_id == job_id).with_for_update()
    state = db.session.scalar(query)
    if state is None:
        try:
            with db.session.begin_nested():
                db.session.add(ScoringState(job_id=job_id, closed=False))
        except IntegrityError:
            pass  # another tablet made it first
        state = db.session.scalar(query)
    assert state is not None  # made above, by this transaction or another
    return state


def _close_if_all_sent(job_id: int) -> None:
    state = _locked_state(job_id)
    members = db.session.scalar(
        select(func.count(PanelMember.id)).where(PanelMember.job_id == job_id)
    )
    candidates = db.session.scalar(
        select(func.count(Candidate.id)).where(Candidate.job_id == job_id)
    )
    sent = db.session.scalar(
        select(func.count(ScoreSheet.id)).where(
            ScoreSheet.job_id == job_id, ScoreSheet.status == "submitted"
        )
    )
    if members and candidates and sent == members * candidates:
        if not state.closed:
            state.closed = True
            state.closed_at = utcnow()
            state.closed_by_id = None
            state.close_reason = ALL_SENT_REASON
            record("scoring closed", job_id=job_id, actor_id=None, reason=ALL_SENT_REASON)


def may_see_panel_scores(job: Job, candidate_id: int, user, me: PanelMember | None) -> bool:
    """Independence: see others' scores for a candidate only after sending your own.

    Before scoring closes that is the only way, for everyone, coordinators too. Once it
    is closed, coordinators and panel members may see them (and that is recorded).
    """
    if not getattr(user, "is_authenticated", False):
        return False
    if me is not None:
        sheet = find_sheet(candidate_id, me.id)
        if sheet is not None and sheet.submitted:
            return True
    if is_closed(job.id):
        return manages(job, user) or me is not None
    return False


def statuses(job_id: int) -> dict[tuple[int, int], str]:
    """(candidate id, member id) -> sheet status, with no scores in it."""
    rows = db.session.execute(
        select(ScoreSheet.candidate_id, ScoreSheet.member_id, ScoreSheet.status).where(
            ScoreSheet.job_id == job_id
        )
    )
    return {(c, m): s for c, m, s in rows}


def submitted_sheets(candidate_id: int) -> dict[int, ScoreSheet]:
    """Member id -> that member's sent sheet for the candidate."""
    return {
        s.member_id: s
        for s in db.session.scalars(
            select(ScoreSheet).where(
                ScoreSheet.candidate_id == candidate_id,
                ScoreSheet.status == "submitted",
            )
        )
    }


def split_note(note: str) -> tuple[list[str], str]:
    """A saved note as (picked phrases, typed text)."""
    picked: list[str] = []
    typed: list[str] = []
    for line in (note or "").splitlines():
        (picked if line.strip() in PHRASES else typed).append(line.strip())
    return picked, "\n".join(typed).strip()


def join_note(phrases: list[str], typed: str) -> str:
    chosen = [p for p in PHRASES if p in phrases]
    return "\n".join([*chosen, *([typed.strip()] if typed and typed.strip() else [])])


def label(scale: Scale, value: int | None) -> str:
    """The words for an answer on a scale ("I don't know" for None)."""
    if value is None:
        return "I don't know"
    try:
        return scale.option(value).label
    except ValueError:
        return str(value)
