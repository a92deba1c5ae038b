"""What the questions area holds about a panel member: their marks and suggestions on
draft questions (``panels.common.personal``)."""

from __future__ import annotations

from sqlalchemy import select

from panels.common.personal import Held, PersonalData, Removal, Scrub, in_their_places
from panels.db import db
from panels.models import PanelMember, QuestionMark, User


def _marks(user: User, organisation_id: int) -> list[QuestionMark]:
    query = select(QuestionMark).join(PanelMember, PanelMember.id == QuestionMark.member_id)
    return list(
        db.session.scalars(in_their_places(query, user, organisation_id).order_by(QuestionMark.id))
    )


def export(user: User, organisation_id: int) -> Held:
    return Held(
        {
            "question_marks": [
                {
                    "job": mark.question.job.ref,
                    "question": mark.question.key,
                    "mark": str(mark.mark),
                    "suggestion": mark.suggestion,
                    "at": mark.at,
                }
                for mark in _marks(user, organisation_id)
            ]
        }
    )


def erase(user: User, organisation_id: int, scrub: Scrub, _removal: Removal) -> None:
    for mark in _marks(user, organisation_id):
        mark.suggestion = scrub.text(mark.suggestion)


PERSONAL = PersonalData(member_export=export, member_erase=erase)
