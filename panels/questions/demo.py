"""The questions area's part of the demo job."""

from __future__ import annotations

from panels.models import Job, QuestionMark, QuestionStatus
from panels.questions import queries, service

DEMO_KEYS = (
    "why-this-job",
    "respect",
    "listening",
    "choice-of-clothes",
    "keeping-safe",
    "mistake",
)
DEMO_ASKERS = ("sam", "jo", "alex", "priya", "sam", "jo")
OVERALL = "Would you like this person to support you?"


def add_demo_questions(job: Job) -> None:
    """Six support-worker questions and the overall one; all agreed but one, which Jo
    suggested changing."""
    bank = queries.bank_by_key("support-worker")
    assert bank is not None  # ships with Panels
    if bank is None:
        raise LookupError("The support-worker question bank is missing.")
    keys = [q.key for q in bank.questions]
    chosen = [k for k in DEMO_KEYS if k in keys]
    chosen += [k for k in keys if k not in chosen][: 6 - len(chosen)]
    made = service.copy_from_bank(job, None, bank, chosen)
    members = {m.key: m for m in job.members}
    for question, asker in zip(made, DEMO_ASKERS, strict=False):
        question.asker_id = members[asker].id if asker in members else None
    for question in made[:3] + made[4:]:
        for member in job.members:
            question.marks.append(QuestionMark(member=member, mark="keep"))
        question.status = QuestionStatus.AGREED
    if len(made) > 3 and "jo" in members:
        made[3].marks.append(
            QuestionMark(
                member=members["jo"],
                mark="change",
                suggestion="What clothes do you like to wear? How would you help someone choose?",
            )
        )
    overall = service.add_question(
        job,
        None,
        key="overall",
        easy_read=OVERALL,
        standard="Would you be happy for this candidate to support you?",
        picture="1F91D",
        answer_minutes=1.0,
        overall=True,
    )
    overall.asker_id = members["sam"].id if "sam" in members else None
    for member in job.members:
        overall.marks.append(QuestionMark(member=member, mark="keep"))
    overall.status = QuestionStatus.AGREED
