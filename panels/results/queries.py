"""Reads for the results pages."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, bindparam, literal_column, null, select, union_all
from sqlalchemy.orm import aliased

from panels.db import db
from panels.models import AuditEvent, Candidate, Panel, PanelMember, Question, User


def audit_events(job_id: int) -> list[Any]:
    """The job's audit trail, newest first: rows of (event, actor's name, on behalf of's name)."""
    actor, person = aliased(User), aliased(User)
    return list(
        db.session.execute(
            select(AuditEvent, actor.name, person.name)
            .outerjoin(actor, actor.id == AuditEvent.actor_id)
            .outerjoin(person, person.id == AuditEvent.on_behalf_of_id)
            .where(AuditEvent.job_id == job_id)
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        ).all()
    )


# The results page and its exports read plain rows of only the columns they show (Core,
# not the ORM: no objects made, nothing for the session to keep and expire). The
# decision meeting, which needs the people themselves, reads them through the ORM.
#
# The job's panel members, candidates and scored questions come in one statement: one
# trip to a database server, not three. Each row says which of the three it is and
# carries that kind's columns, padded with NULLs to the members' seven, then the two
# columns it is ordered by (the same order as three statements of their own).

MEMBER, CANDIDATE, QUESTION = 0, 1, 2


def _people_and_questions():
    nothing = null()
    members = (
        select(
            literal_column(str(MEMBER), Integer).label("kind"),
            PanelMember.id,
            PanelMember.key,
            User.name,
            PanelMember.group,
            PanelMember.panel_id,
            Panel.position,
            Panel.name.label("panel_name"),
            PanelMember.id.label("first"),
            literal_column("0", Integer).label("then"),
        )
        .join(User, User.id == PanelMember.user_id)
        .join(Panel, Panel.id == PanelMember.panel_id)
        .where(PanelMember.job_id == bindparam("job_id", type_=Integer))
    )
    candidates = select(
        literal_column(str(CANDIDATE), Integer),
        Candidate.id,
        Candidate.key,
        Candidate.name,
        nothing,
        nothing,
        nothing,
        nothing,
        Candidate.position,
        Candidate.id,
    ).where(Candidate.job_id == bindparam("job_id", type_=Integer))
    # the questions and activities marked for scoring, agreed (not removed): the same as
    # ``scored_questions``
    questions = select(
        literal_column(str(QUESTION), Integer),
        Question.id,
        Question.key,
        nothing,
        nothing,
        Question.panel_id,
        nothing,
        nothing,
        Question.position,
        Question.id,
    ).where(
        Question.job_id == bindparam("job_id", type_=Integer),
        Question.status == "agreed",
        Question.scored,
    )
    both = union_all(members, candidates, questions).subquery("rows")
    return select(*(both.c[i] for i in range(8))).order_by(both.c.kind, both.c.first, both.c.then)


_PEOPLE_AND_QUESTIONS = _people_and_questions()


def job_rows(job_id: int) -> tuple[list[Any], list[Any], list[Any]]:
    """The job's panel members in order: (id, key, name, group, panel id, panel's
    position, panel's name); its candidates in the job's order: (id, key, name); and the
    questions and activities marked for scoring, agreed, in interview order: (id, key,
    panel id). One statement."""
    found: tuple[list[Any], list[Any], list[Any]] = ([], [], [])
    members, candidates, questions = found
    for kind, row_id, key, name, group, panel_id, position, panel_name in db.session.execute(
        _PEOPLE_AND_QUESTIONS, {"job_id": job_id}
    ):
        if kind == MEMBER:
            members.append((row_id, key, name, group, panel_id, position, panel_name))
        elif kind == CANDIDATE:
            candidates.append((row_id, key, name))
        else:
            questions.append((row_id, key, panel_id))
    return found
