"""What the scoring area holds about people: the panel's scores and notes on a candidate,
and a panel member's own sheets (``panels.common.personal``). Scores stay when details
go: they are the numbers the results are made of."""

from __future__ import annotations

from sqlalchemy import select

from panels.common.personal import Held, PersonalData, Removal, Scrub, in_their_places
from panels.db import db
from panels.models import (
    Candidate,
    PanelMember,
    Question,
    ScoreSheet,
    ScoringPref,
    ScoringState,
    User,
)


def _sheet(sheet: ScoreSheet, keys: dict[int, str]) -> dict[str, object]:
    return {
        "status": str(sheet.status),
        "scale": str(sheet.scale),
        "sent": sheet.submitted_at,
        "scores": {
            keys.get(s.question_id, str(s.question_id)): (
                "I don't know" if s.dont_know else s.value
            )
            for s in sheet.scores
        },
        "note": sheet.note,
    }


def _question_keys(job_id: int) -> dict[int, str]:
    rows = db.session.execute(select(Question.id, Question.key).where(Question.job_id == job_id))
    return {row.id: row.key for row in rows}


def _candidate_sheets(candidate: Candidate) -> list[ScoreSheet]:
    query = select(ScoreSheet).where(ScoreSheet.candidate_id == candidate.id)
    return list(db.session.scalars(query.order_by(ScoreSheet.id)))


LEFT_OUT = (
    "Scores for a job not decided yet are left out: nobody sees the panel's scores before "
    "the results are finalised."
)


def _decided(job_id: int) -> bool:
    state = db.session.get(ScoringState, job_id)
    return bool(state and state.finalised_at)


def candidate_export(candidate: Candidate) -> Held:
    if not _decided(candidate.job_id):
        return Held({"score_sheets": LEFT_OUT})
    keys = _question_keys(candidate.job_id)
    members = {m.id: m.key for m in candidate.job.members}
    return Held(
        {
            "score_sheets": [
                {"panel_member": members.get(s.member_id, ""), **_sheet(s, keys)}
                for s in _candidate_sheets(candidate)
            ]
        }
    )


def candidate_anonymise(candidate: Candidate, scrub: Scrub, _removal: Removal) -> None:
    """Notes about them go; the job's reasons for closing and finalising lose their name."""
    for sheet in _candidate_sheets(candidate):
        sheet.note = ""
    state = db.session.get(ScoringState, candidate.job_id)
    if state is not None:
        state.close_reason = scrub.text(state.close_reason)
        state.final_reason = scrub.text(state.final_reason)


def _member_sheets(user: User, organisation_id: int) -> list[tuple[ScoreSheet, PanelMember]]:
    query = select(ScoreSheet, PanelMember).join(
        PanelMember, PanelMember.id == ScoreSheet.member_id
    )
    query = in_their_places(query, user, organisation_id).order_by(ScoreSheet.id)
    return [(row[0], row[1]) for row in db.session.execute(query)]


def member_export(user: User, organisation_id: int) -> Held:
    sheets: list[object] = []
    for sheet, member in _member_sheets(user, organisation_id):
        if not _decided(member.job_id):
            if LEFT_OUT not in sheets:
                sheets.append(LEFT_OUT)
            continue
        candidate = db.session.get(Candidate, sheet.candidate_id)
        sheets.append(
            {
                "job": member.job.ref,
                "candidate": candidate.key if candidate else "",
                **_sheet(sheet, _question_keys(member.job_id)),
            }
        )
    pref = db.session.get(ScoringPref, user.id)
    return Held(
        {
            "score_sheets": sheets,
            "one_question_at_a_time": pref.one_at_a_time if pref else None,
        }
    )


def member_erase(user: User, organisation_id: int, scrub: Scrub, _removal: Removal) -> None:
    """Their scores stay (decided results are made of them); their name leaves their notes."""
    for sheet, _member in _member_sheets(user, organisation_id):
        sheet.note = scrub.text(sheet.note)
    pref = db.session.get(ScoringPref, user.id)
    if pref is not None:
        db.session.delete(pref)


PERSONAL = PersonalData(
    candidate_export=candidate_export,
    candidate_anonymise=candidate_anonymise,
    member_export=member_export,
    member_erase=member_erase,
)
