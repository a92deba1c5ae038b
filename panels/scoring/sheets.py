"""Score sheets: save, submit, amend, enter on behalf; who may see whose scores.

Answers are ``{question_id: value}`` where ``value`` is a whole number on the member's own
scale, or ``None`` for "I don't know". A question missing from the dict is not answered.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from panels.common.audit import record
from panels.db import db
from panels.models import (
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
from panels.scoring.scales import Scale, get_scale

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
NOTE_MAX = 2000
REASON_MAX = 1000
ALL_SENT_REASON = "Every panel member sent scores for every candidate."


class ScoringProblem(ValueError):
    """Something a person sent cannot be used. ``errors`` maps a field to plain words."""

    def __init__(self, errors: dict[str, str], status: int = 400) -> None:
        self.errors = errors
        self.status = status
        super().__init__("; ".join(errors.values()))


@dataclass(frozen=True)
class SaveResult:
    result: str  # "saved", "submitted", "amended" or "duplicate"
    version: int
    status: str  # the sheet's status after saving


Answers = dict[int, int | None]


def scored_questions(job_id: int) -> list[Question]:
    """Questions marked for scoring (not removed), in order."""
    return list(
        db.session.scalars(
            select(Question)
            .where(
                Question.job_id == job_id,
                Question.scored.is_(True),
                Question.status == "agreed",  # the interview list
            )
            .order_by(Question.position, Question.id)
        )
    )


def scale_for(member: PanelMember) -> Scale:
    try:
        return get_scale(member.user.scale)
    except ValueError:
        return get_scale("faces3")


def state_for(job_id: int) -> ScoringState:
    state = db.session.get(ScoringState, job_id)
    if state is None:
        state = ScoringState(job_id=job_id, closed=False)
        db.session.add(state)
        db.session.flush()
    return state


def is_closed(job_id: int) -> bool:
    state = db.session.get(ScoringState, job_id)
    return bool(state and state.closed)


def find_sheet(candidate_id: int, member_id: int) -> ScoreSheet | None:
    return db.session.scalar(
        select(ScoreSheet).where(
            ScoreSheet.candidate_id == candidate_id, ScoreSheet.member_id == member_id
        )
    )


def sheet_for(candidate: Candidate, member: PanelMember) -> ScoreSheet:
    """The member's sheet for the candidate, made (and committed) if there is none yet."""
    sheet = find_sheet(candidate.id, member.id)
    if sheet is not None:
        return sheet
    sheet = ScoreSheet(job_id=candidate.job_id, candidate_id=candidate.id, member_id=member.id)
    db.session.add(sheet)
    try:
        db.session.commit()
    except IntegrityError:  # another tablet made it at the same moment
        db.session.rollback()
        sheet = find_sheet(candidate.id, member.id)
        assert sheet is not None
    return sheet


def was_sent(sheet: ScoreSheet, client_id: str) -> bool:
    """True if this change id was already applied to the sheet."""
    if not client_id:
        return False
    return (
        db.session.scalar(
            select(ScoreSend.id).where(
                ScoreSend.sheet_id == sheet.id, ScoreSend.client_id == client_id[:64]
            )
        )
        is not None
    )


def answers_of(sheet: ScoreSheet | None) -> Answers:
    if sheet is None:
        return {}
    return {s.question_id: (None if s.dont_know else s.value) for s in sheet.scores}


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
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            number = int(value.strip())
        try:
            scale.validate(number)
        except ValueError as error:
            errors[f"q-{question.key}"] = str(error)
            continue
        answers[question.id] = int(number)  # type: ignore[arg-type]
    return answers, errors


def check_note(note: object) -> str:
    if note is None:
        return ""
    if not isinstance(note, str):
        raise ScoringProblem({"note": "The note must be text."})
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise ScoringProblem({"note": f"The note must be {NOTE_MAX} characters or fewer."})
    return note


def _answers_detail(answers: Answers, questions: list[Question]) -> dict[str, object]:
    keys = {q.id: q.key for q in questions}
    return {keys.get(qid, str(qid)): (DONT_KNOW if v is None else v) for qid, v in answers.items()}


def save(
    sheet: ScoreSheet,
    member: PanelMember,
    questions: list[Question],
    answers: Answers,
    note: str,
    *,
    submit: bool = False,
    reason: str = "",
    actor: User | None = None,
    on_behalf: bool = False,
    expected_version: int | None = None,
    client_id: str | None = None,
) -> SaveResult:
    """Save a sheet (draft), submit it (locks it), or amend a submitted one (needs a reason).

    A ``client_id`` seen before for this sheet is not applied again: the first result comes
    back as "duplicate". ``expected_version`` must match the sheet's version if given.
    Commits on success; rolls back and raises ScoringProblem otherwise.
    """
    if client_id is not None:
        if not (0 < len(client_id) <= 64):
            raise ScoringProblem({"client_id": "The tablet sent a bad change id."})
        seen = db.session.scalar(
            select(ScoreSend).where(
                ScoreSend.sheet_id == sheet.id, ScoreSend.client_id == client_id
            )
        )
        if seen is not None:
            return SaveResult("duplicate", seen.version, sheet.status)
    if is_closed(sheet.job_id):
        raise ScoringProblem(
            {"scores": "Scoring is closed for this job. Ask the coordinator if you need a change."},
            409,
        )
    if expected_version is not None and expected_version != sheet.version:
        raise ScoringProblem(
            {
                "scores": "These scores were changed somewhere else since this page was opened. "
                "Reload the page to see them."
            },
            409,
        )
    reason = (reason or "").strip()
    note = check_note(note)
    amending = sheet.submitted
    if amending and not reason:
        raise ScoringProblem(
            {
                "reason": "These scores were already sent. To change them, "
                "say why in the reason box."
            },
            409,
        )
    if len(reason) > REASON_MAX:
        raise ScoringProblem({"reason": f"The reason must be {REASON_MAX} characters or fewer."})
    if submit or amending:
        missing = [q for q in questions if q.id not in answers]
        if missing:
            raise ScoringProblem(
                {
                    f"q-{q.key}": f'Choose an answer for "{q.easy_read[:60]}". '
                    'You can choose "I don\'t know".'
                    for q in missing
                }
            )
    candidate_key = _candidate_key(sheet.candidate_id)
    sheet_id = sheet.id
    try:
        return _apply(
            sheet,
            member,
            questions,
            answers,
            note,
            submit,
            reason,
            actor,
            on_behalf,
            amending,
            client_id,
            candidate_key,
        )
    except (IntegrityError, StaleDataError):
        db.session.rollback()
        if client_id is not None:
            seen = db.session.scalar(
                select(ScoreSend).where(
                    ScoreSend.sheet_id == sheet_id, ScoreSend.client_id == client_id
                )
            )
            if seen is not None:  # the same change arrived twice at the same moment
                return SaveResult("duplicate", seen.version, seen.result)
        raise ScoringProblem(
            {"scores": "These scores were changed somewhere else at the same moment. Reload."},
            409,
        ) from None


def _apply(
    sheet,
    member,
    questions,
    answers,
    note,
    submit,
    reason,
    actor,
    on_behalf,
    amending,
    client_id,
    candidate_key,
) -> SaveResult:
    question_ids = {q.id for q in questions}
    before = answers_of(sheet)
    current = {s.question_id: s for s in sheet.scores}
    for qid, value in answers.items():
        if qid not in question_ids:
            continue
        score = current.get(qid)
        if score is None:
            sheet.scores.append(Score(question_id=qid, value=value, dont_know=value is None))
        else:
            score.value = value
            score.dont_know = value is None
    if submit or amending:
        for qid, score in current.items():
            if qid not in answers:
                sheet.scores.remove(score)
    sheet.note = note
    sheet.updated_at = utcnow()
    if on_behalf and actor is not None:
        sheet.entered_by_id = actor.id
    result = "saved"
    job_id = sheet.job_id
    common = {
        "job_id": job_id,
        "actor_id": actor.id if actor else None,
        "on_behalf_of_id": member.user_id if (on_behalf or actor is None) else None,
        "candidate": candidate_key,
        "member": member.key,
    }
    if amending:
        sheet.amended = True
        result = "amended"
        record(
            "scores amended",
            reason=reason,
            before=_answers_detail(before, questions),
            after=_answers_detail(answers, questions),
            **common,
        )
    elif submit:
        sheet.status = "submitted"
        sheet.submitted_at = utcnow()
        result = "submitted"
        action = "scores entered on behalf" if on_behalf else "scores submitted"
        record(action, reason=reason, answers=_answers_detail(answers, questions), **common)
    elif not before and answers:
        record("scores started", **common)
    db.session.flush()
    if client_id is not None:
        db.session.add(
            ScoreSend(sheet_id=sheet.id, client_id=client_id, result=result, version=sheet.version)
        )
    if result == "submitted":
        _close_if_all_sent(job_id)
    db.session.commit()
    return SaveResult(result, sheet.version, sheet.status)


def _candidate_key(candidate_id: int) -> str:
    return db.session.scalar(select(Candidate.key).where(Candidate.id == candidate_id)) or ""


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

    A coordinator who is not on the panel sees them once scoring is closed.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    if is_closed(job.id):
        return bool(user.is_coordinator) or me is not None
    if me is None:
        return False
    sheet = find_sheet(candidate_id, me.id)
    return sheet is not None and sheet.submitted


def statuses(job_id: int) -> dict[tuple[int, int], str]:
    """(candidate id, member id) -> sheet status, with no scores in it."""
    rows = db.session.execute(
        select(ScoreSheet.candidate_id, ScoreSheet.member_id, ScoreSheet.status).where(
            ScoreSheet.job_id == job_id
        )
    )
    return {(c, m): s for c, m, s in rows}


def split_note(note: str) -> tuple[list[str], str]:
    """A saved note as (picked phrases, typed text)."""
    picked, typed = [], []
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
