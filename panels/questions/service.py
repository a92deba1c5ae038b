"""Data access for questions: copy from banks, write, mark, agree, order."""

from __future__ import annotations

from functools import cache

from sqlalchemy import func, select

from panels.common.audit import record
from panels.db import db
from panels.lib.keys import unique_key
from panels.models import Job, PanelMember, Question, QuestionChange, QuestionMark, User
from panels.questions import banks as banks_module
from panels.questions.agreement import status_for

WORDING_FIELDS = ("easy_read", "standard", "follow_up", "good_answer")


@cache
def shipped_banks() -> tuple[banks_module.Bank, ...]:
    """The banks that ship with Panels, loaded once (they are checked by the tests)."""
    return tuple(banks_module.load_banks(banks_module.shipped_folder()))


def bank_by_key(key: str) -> banks_module.Bank | None:
    return next((b for b in shipped_banks() if b.key == key), None)


def questions_for(job: Job, *, include_removed: bool = True) -> list[Question]:
    query = select(Question).where(Question.job_id == job.id)
    if not include_removed:
        query = query.where(Question.status != "removed")
    return list(db.session.scalars(query.order_by(Question.position, Question.id)))


def question_or_none(job: Job, question_id: int) -> Question | None:
    question = db.session.get(Question, question_id)
    return question if question is not None and question.job_id == job.id else None


def _next_position(job: Job) -> int:
    top = db.session.scalar(select(func.max(Question.position)).where(Question.job_id == job.id))
    return (top or 0) + 1


def _taken_keys(job: Job) -> set[str]:
    return set(db.session.scalars(select(Question.key).where(Question.job_id == job.id)))


def add_question(job: Job, user: User | None, **fields) -> Question:
    """A new draft question at the end of the list; who wrote it is recorded."""
    key = unique_key(fields.pop("key", "") or fields["easy_read"][:30], _taken_keys(job), "q")
    question = Question(
        job=job,
        key=key,
        position=_next_position(job),
        status="draft",
        created_by_id=user.id if user else None,
        updated_by_id=user.id if user else None,
        **fields,
    )
    db.session.add(question)
    db.session.flush()
    db.session.add(
        QuestionChange(
            question_id=question.id,
            by_id=user.id if user else None,
            field="easy_read",
            before="",
            after=question.easy_read,
        )
    )
    return question


def copy_from_bank(
    job: Job, user: User | None, bank: banks_module.Bank, keys: list[str]
) -> list[Question]:
    """Copy the chosen bank questions into the job, as drafts, in bank order."""
    made = []
    for bank_question in bank.questions:
        if bank_question.key not in keys:
            continue
        made.append(
            add_question(
                job,
                user,
                key=bank_question.key,
                easy_read=bank_question.easy_read,
                standard=bank_question.standard,
                follow_up=bank_question.follow_up or "",
                good_answer="\n".join(bank_question.good_answer),
                picture=bank_question.picture,
                answer_minutes=bank_question.answer_minutes,
                source=f"{bank.key}/{bank_question.key}",
            )
        )
    if made:
        record("questions copied from bank", job_id=job.id, bank=bank.key, count=len(made))
    return made


def update_question(question: Question, user: User | None, values: dict) -> list[str]:
    """Apply changed values; record wording changes. Returns the names of changed fields.

    If the easy-read words change, the marks were about other words: they are cleared
    and the question is a draft again, so everyone marks the new words.
    """
    changed = []
    for name, value in values.items():
        if getattr(question, name) == value:
            continue
        if name in WORDING_FIELDS:
            db.session.add(
                QuestionChange(
                    question_id=question.id,
                    by_id=user.id if user else None,
                    field=name,
                    before=getattr(question, name) or "",
                    after=value or "",
                )
            )
        setattr(question, name, value)
        changed.append(name)
    if changed:
        question.updated_by_id = user.id if user else None
    if "easy_read" in changed:
        _clear_marks(question)
    if changed:
        record("question changed", job_id=question.job_id, question=question.key, fields=changed)
    return changed


def _clear_marks(question: Question) -> None:
    if question.marks:
        record(
            "question marks cleared",
            job_id=question.job_id,
            question=question.key,
            marks={m.member.key: m.mark for m in question.marks},
        )
    question.marks.clear()
    question.status = "draft"


def member_ids(job: Job) -> list[int]:
    return list(db.session.scalars(select(PanelMember.id).where(PanelMember.job_id == job.id)))


def recompute(question: Question) -> str:
    marks = {m.member_id: m.mark for m in question.marks}
    question.status = status_for(marks, member_ids(question.job))
    return question.status


def set_mark(question: Question, member: PanelMember, mark: str, suggestion: str) -> QuestionMark:
    """Record (or change) one member's mark, then apply the equal rule."""
    existing = next((m for m in question.marks if m.member_id == member.id), None)
    if existing is None:
        existing = QuestionMark(member=member, mark=mark, suggestion=suggestion)
        question.marks.append(existing)
    else:
        existing.mark, existing.suggestion = mark, suggestion
    db.session.flush()
    before = question.status
    after = recompute(question)
    record(
        "question marked",
        job_id=question.job_id,
        question=question.key,
        member=member.key,
        mark=mark,
        status_before=before,
        status_after=after,
    )
    return existing


def accept_suggestion(question: Question, mark: QuestionMark, user: User) -> None:
    """Use a member's suggested words (any member may do this); the change is recorded."""
    update_question(question, user, {"easy_read": mark.suggestion})
    record(
        "suggestion accepted",
        job_id=question.job_id,
        question=question.key,
        suggested_by=mark.member.key if mark.member else "",
    )


def meeting_decision(question: Question, decision: str, user: User) -> None:
    """The panel decided together at a meeting; who noted it is recorded."""
    before = question.status
    question.status = decision
    record(
        "panel decided at a meeting",
        job_id=question.job_id,
        question=question.key,
        status_before=before,
        status_after=decision,
    )


def move(job: Job, question: Question, direction: str) -> bool:
    """Swap the question with its neighbour; positions are renumbered 1..n."""
    ordered = questions_for(job)
    index = ordered.index(question)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(ordered):
        return False
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered, start=1):
        item.position = position
    return True


def my_questions(job: Job, member: PanelMember | None) -> list[Question]:
    """The questions this member asks, in interview order (not removed ones)."""
    if member is None:
        return []
    return [q for q in questions_for(job, include_removed=False) if q.asker_id == member.id]


def changes_for(question: Question) -> list[QuestionChange]:
    return list(
        db.session.scalars(
            select(QuestionChange)
            .where(QuestionChange.question_id == question.id)
            .order_by(QuestionChange.at.desc(), QuestionChange.id.desc())
        )
    )


def user_names(ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = db.session.execute(select(User.id, User.name).where(User.id.in_(ids)))
    return {row[0]: row[1] for row in rows}
