"""What the decision area holds about people: the written reasons and members' notes
(which may name a candidate), and the three answers about the day
(``panels.common.personal``). The decision itself and the answers' numbers stay: they are
the record of how the panel decided."""

from __future__ import annotations

from sqlalchemy import select

from panels.common.personal import Held, PersonalData, Removal, Scrub, in_their_places
from panels.db import db
from panels.models import (
    Candidate,
    DayFeedback,
    Decision,
    DecisionAnswer,
    PanelMember,
    User,
)


def candidate_export(candidate: Candidate) -> Held:
    decision = db.session.scalar(select(Decision).where(Decision.candidate_id == candidate.id))
    feedback = db.session.scalars(
        select(DayFeedback).where(DayFeedback.candidate_id == candidate.id)
    ).all()
    return Held(
        {
            "decision": None
            if decision is None
            else {"proposal": str(decision.proposal), "reason": decision.reason},
            "how_the_day_went": [
                {"listened": f.listened, "time": f.time, "again": f.again, "at": f.at}
                for f in feedback
            ],
        }
    )


def candidate_anonymise(candidate: Candidate, scrub: Scrub, _removal: Removal) -> None:
    """Their name, email and phone come out of the job's reasons and members' notes."""
    for decision in db.session.scalars(select(Decision).where(Decision.job_id == candidate.job_id)):
        decision.reason = scrub.text(decision.reason)
    for answer in db.session.scalars(
        select(DecisionAnswer).where(DecisionAnswer.job_id == candidate.job_id)
    ):
        answer.note = scrub.text(answer.note)


def _answers(user: User, organisation_id: int) -> list[DecisionAnswer]:
    query = select(DecisionAnswer).join(PanelMember, PanelMember.id == DecisionAnswer.member_id)
    return list(
        db.session.scalars(
            in_their_places(query, user, organisation_id).order_by(DecisionAnswer.id)
        )
    )


def member_export(user: User, organisation_id: int) -> Held:
    return Held(
        {
            "decision_answers": [
                {"answer": str(a.answer), "phrase": a.phrase and str(a.phrase), "note": a.note}
                for a in _answers(user, organisation_id)
            ]
        }
    )


def member_erase(user: User, organisation_id: int, _scrub: Scrub, _removal: Removal) -> None:
    """Their notes go; whether they agreed stays, with no name (the record of the decision)."""
    for answer in _answers(user, organisation_id):
        answer.note = ""


PERSONAL = PersonalData(
    candidate_export=candidate_export,
    candidate_anonymise=candidate_anonymise,
    member_export=member_export,
    member_erase=member_erase,
)
