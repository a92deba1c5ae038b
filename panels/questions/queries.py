"""Reading questions: the list, the interview list, one question, marks, history, banks.

``agreed_questions(job)`` is the interview list: the questions the panel has agreed, in
interview order. The day plan, the live screen, score sheets and invitations all use it.
"""

from __future__ import annotations

from functools import cache

from sqlalchemy import func, select

from panels.db import db
from panels.models import Job, PanelMember, Question, QuestionChange, QuestionMark, User
from panels.questions import banks as banks_module


@cache
def shipped_banks() -> tuple[banks_module.Bank, ...]:
    """The banks that ship with Panels, loaded once (they are checked by the tests)."""
    return tuple(banks_module.load_banks(banks_module.shipped_folder()))


def bank_by_key(key: str) -> banks_module.Bank | None:
    return next((b for b in shipped_banks() if b.key == key), None)


def _in_order(query):
    return query.order_by(Question.position, Question.id)


def questions_for(job: Job, *, include_removed: bool = True) -> list[Question]:
    """Every question of the job in list order (without removed ones if asked)."""
    query = select(Question).where(Question.job_id == job.id)
    if not include_removed:
        query = query.where(Question.status != "removed")
    return list(db.session.scalars(_in_order(query)))


def agreed_questions(job: Job) -> list[Question]:
    """The interview list: the questions the panel has agreed, in interview order."""
    query = select(Question).where(Question.job_id == job.id, Question.status == "agreed")
    return list(db.session.scalars(_in_order(query)))


def has_drafts(job: Job) -> bool:
    """Whether some questions are written but not agreed (or taken out) yet."""
    found = db.session.scalar(
        select(Question.id).where(Question.job_id == job.id, Question.status == "draft").limit(1)
    )
    return found is not None


def question_or_none(job: Job, question_id: int) -> Question | None:
    question = db.session.get(Question, question_id)
    return question if question is not None and question.job_id == job.id else None


def suggestion_or_none(question: Question, mark_id: int) -> QuestionMark | None:
    """A mark on this question that suggests other words, or None."""
    mark = db.session.get(QuestionMark, mark_id)
    if mark is None or mark.question_id != question.id or not mark.suggestion:
        return None
    return mark


def next_position(job: Job) -> int:
    top = db.session.scalar(select(func.max(Question.position)).where(Question.job_id == job.id))
    return (top or 0) + 1


def taken_keys(job: Job) -> set[str]:
    return set(db.session.scalars(select(Question.key).where(Question.job_id == job.id)))


def bank_sources(job: Job) -> set[str]:
    """``bank/question`` of every question the job already copied from a bank."""
    return {q.source for q in questions_for(job)}


def member_ids_by_panel(job: Job) -> dict[int, list[int]]:
    """Panel id -> the ids of the members on it: who agrees that panel's questions."""
    found: dict[int, list[int]] = {p.id: [] for p in job.panels}
    rows = db.session.execute(
        select(PanelMember.panel_id, PanelMember.id).where(PanelMember.job_id == job.id)
    )
    for panel_id, member_id in rows:
        found.setdefault(panel_id, []).append(member_id)
    return found


def panel_member_ids(question: Question) -> list[int]:
    """The members who agree this question: those on its panel (a member of another
    panel of the job neither marks it nor counts)."""
    return list(
        db.session.scalars(
            select(PanelMember.id).where(
                PanelMember.job_id == question.job_id, PanelMember.panel_id == question.panel_id
            )
        )
    )


def marks_it(member: PanelMember | None, question: Question) -> bool:
    """Whether this member is one of those who agree the question (on its panel)."""
    return member is not None and member.panel_id == question.panel_id


def marking_list(job: Job, member: PanelMember | None, *, sees_all: bool) -> list[Question]:
    """The questions list: a member sees their own panel's questions (the coordinator,
    and anyone not on the panel who may see the job, sees every panel's)."""
    questions = questions_for(job)
    if member is None or sees_all:
        return questions
    return [q for q in questions if q.panel_id == member.panel_id]


def my_questions(job: Job, member: PanelMember | None) -> list[Question]:
    """The questions this member asks, in interview order (not removed ones)."""
    if member is None:
        return []
    return [q for q in questions_for(job, include_removed=False) if q.asker_id == member.id]


def sheet_questions(job: Job, member: PanelMember | None) -> list[Question]:
    """A member's printed sheet: the questions they ask and every activity of their panel
    (everyone on the panel takes part, and needs its things to look for), in interview
    order, not removed ones."""
    if member is None:
        return []
    return [
        q
        for q in questions_for(job, include_removed=False)
        if q.asker_id == member.id or (q.is_activity and q.panel_id == member.panel_id)
    ]


def has_photo(job: Job, name: str) -> bool:
    """Whether one of the job's questions uses the uploaded photo with this key."""
    return any(q.photo == name for q in questions_for(job))


def changes_for(question: Question) -> list[QuestionChange]:
    """The question's wording history, newest first."""
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
