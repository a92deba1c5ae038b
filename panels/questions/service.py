"""Writing questions: add, copy from banks, change, mark, agree, order, pictures.

The functions a page calls for one press of a button (``save_question``, ``set_mark``,
``accept_suggestion``, ``meeting_decision``, ``move``, ``copy_chosen``, ``set_symbol``,
``set_photo``) commit. ``add_question``, ``copy_from_bank`` and ``update_question`` are
steps: the caller commits (the demo data uses them inside its own transaction).
"""

from __future__ import annotations

from sqlalchemy import select

from panels.common.audit import record
from panels.common.retry import commit_with_retry
from panels.db import db
from panels.lib.choices import QuestionStatus
from panels.lib.keys import unique_key
from panels.models import Job, PanelMember, Question, QuestionChange, QuestionMark, Score, User
from panels.questions import banks as banks_module
from panels.questions import queries
from panels.questions.agreement import status_for
from panels.questions.marks import put_mark

WORDING_FIELDS = ("easy_read", "standard", "follow_up", "good_answer")


def add_question(job: Job, user: User | None, **fields) -> Question:
    """A new draft question at the end of the list; who wrote it is recorded."""
    key = unique_key(
        fields.pop("key", "") or fields["easy_read"][:30], queries.taken_keys(job), "q"
    )
    question = Question(
        job=job,
        key=key,
        position=queries.next_position(job),
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
    question.status = QuestionStatus.DRAFT


def recompute(question: Question) -> QuestionStatus:
    marks = {m.member_id: m.mark for m in question.marks}
    question.status = status_for(marks, queries.panel_member_ids(question))
    return question.status


def set_mark(question: Question, member: PanelMember, mark: str, suggestion: str) -> QuestionMark:
    """Record (or change) one member's mark, then apply the equal rule; commits.

    Two tablets of the same member marking at once: the later one changes the first's mark.
    """
    return commit_with_retry(
        lambda: put_mark(
            question,
            "question",
            member,
            mark,
            suggestion,
            mark_class=QuestionMark,
            member_ids=queries.panel_member_ids(question),
        )
    )


def accept_suggestion(question: Question, mark: QuestionMark, user: User) -> None:
    """Use a member's suggested words (any member may do this); the change is recorded."""
    update_question(question, user, {"easy_read": mark.suggestion})
    record(
        "suggestion accepted",
        job_id=question.job_id,
        question=question.key,
        suggested_by=mark.member.key if mark.member else "",
    )
    db.session.commit()


def meeting_decision(question: Question, decision: str, user: User) -> None:
    """The panel decided together at a meeting; who noted it is recorded."""
    before = question.status
    question.status = QuestionStatus(decision)
    record(
        "panel decided at a meeting",
        job_id=question.job_id,
        question=question.key,
        status_before=before,
        status_after=decision,
    )
    db.session.commit()


def move(job: Job, question: Question, direction: str) -> bool:
    """Swap the question with its neighbour; positions are renumbered 1..n. False at an end."""
    ordered = queries.questions_for(job)
    index = ordered.index(question)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(ordered):
        return False
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered, start=1):
        item.position = position
    db.session.commit()
    return True


class ScoredOnItsPanel(Exception):
    """The question has scores from its panel's members: it stays on that panel."""


def _has_scores(question: Question) -> bool:
    found = db.session.scalar(select(Score.id).where(Score.question_id == question.id).limit(1))
    return found is not None


def save_question(job: Job, user: User | None, question: Question | None, values: dict) -> Question:
    """The editor's Save: a new draft question (``question`` None) or the changed one.

    Raises ScoredOnItsPanel, changing nothing, to move a scored question to another panel.
    """
    moving = question is not None and values.get("panel_id", question.panel_id) != question.panel_id
    if moving and question is not None and _has_scores(question):
        raise ScoredOnItsPanel(question.key)
    if question is None:
        question = add_question(job, user, **values)
    else:
        update_question(question, user, values)
    if moving and question is not None:
        # Another panel agrees it now: only its members' marks count.
        db.session.flush()
        db.session.expire(question, ["panel"])
        recompute(question)
    db.session.commit()
    return question


def copy_chosen(
    job: Job, user: User | None, bank: banks_module.Bank, keys: list[str]
) -> list[Question]:
    """Copy the chosen bank questions the job does not have yet (by their source)."""
    have = queries.bank_sources(job)
    made = copy_from_bank(job, user, bank, [k for k in keys if f"{bank.key}/{k}" not in have])
    db.session.commit()
    return made


def set_symbol(question: Question, code: str, user: User) -> None:
    """Use an OpenMoji symbol (``code``; "" for no picture) instead of any photo."""
    question.picture, question.photo = code, ""
    question.updated_by_id = user.id
    db.session.commit()


def set_photo(question: Question, name: str, user: User) -> None:
    """Use an uploaded photo (its key in the file store) instead of any symbol.

    The photo it replaces, if any, is deleted from the store with this change.
    """
    question.photo, question.picture = name, ""
    question.updated_by_id = user.id
    db.session.commit()
