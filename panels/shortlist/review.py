"""The panel's review of applications: each member's sheet, the combined shortlist, and
the panel's decision.

This is the scoring area's way, not a second copy of it: answers are read and checked by
``panels.scoring.sheets`` (each member's own scale, "I don't know" as no score, the note,
a sent sheet answering everything), and combined by ``panels.scoring.combine`` (equal
weight per member, shared ranks, spread). The same independence holds: a member sees only
their own sheet; everyone's scores are shown once reviewing is closed, and a member cannot
send scores after that.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from panels.candidates import queries as candidate_queries
from panels.common.audit import record
from panels.db import db
from panels.lib.keys import unique_key
from panels.models import (
    Application,
    Candidate,
    Job,
    PanelMember,
    ReviewScore,
    ReviewSheet,
    ShortlistDecision,
    User,
)
from panels.models.base import utcnow
from panels.models.scoring import SheetStatus
from panels.models.shortlist import ApplicationStatus
from panels.scoring import combine, sheets
from panels.scoring.scales import Scale
from panels.scoring.sheets import ScoringProblem
from panels.shortlist import queries


def closed_message() -> str:
    return (
        "Reviewing is closed for this job, so scores cannot be sent now. "
        "Ask the coordinator if you need a change."
    )


def sent_message(label: str) -> str:
    return (
        f"You already sent your scores for {label}. They are kept as you sent them, "
        "and nothing else was saved."
    )


def conflict_message(label: str) -> str:
    return (
        f"Your scores for {label} were changed on another tablet or computer after this "
        "one last saved. Nothing from here was saved. Reload the page to see them."
    )


def scale_of(sheet: ReviewSheet | None, member: PanelMember) -> Scale:
    """The scale a sheet was started on, else the member's own scale now."""
    return sheets.sheet_scale(sheet, member)  # type: ignore[arg-type]


def answers_of(sheet: ReviewSheet | None) -> dict[int, int | None]:
    if sheet is None:
        return {}
    return {s.quality_id: (None if s.dont_know else s.value) for s in sheet.scores}


def save(
    job: Job,
    member: PanelMember,
    application: queries.Anonymised,
    raw: Mapping[str, object],
    note: object,
    *,
    version: int,
    submit: bool,
) -> str:
    """Save a member's sheet for one application (a draft), or send it. Commits.

    ``raw`` is ``{quality key: value or "dk"}`` on the member's scale. Raises
    ScoringProblem (400 for bad answers, 409 when closed, already sent or changed
    elsewhere); nothing is saved then.
    """
    setup = queries.setup_for(job.id)
    if setup is not None and setup.closed:
        raise ScoringProblem({"scores": closed_message()}, 409)
    sheet = queries.review_sheet(application.id, member.id)
    if sheet is not None and sheet.submitted:
        raise ScoringProblem({"scores": sent_message(application.label)}, 409)
    if version != (sheet.version if sheet is not None else 0):
        raise ScoringProblem({"scores": conflict_message(application.label)}, 409)
    qualities = queries.agreed_qualities(job.id)
    scale = scale_of(sheet, member)
    answers, errors = sheets.parse_answers(dict(raw), qualities, scale)  # type: ignore[arg-type]
    if errors:
        raise ScoringProblem(errors)
    text = sheets.check_note(note)
    if submit:
        sheets._check_complete(qualities, answers)  # type: ignore[arg-type]
    try:
        return _write(job, member, application, sheet, scale, answers, text, submit)
    except (StaleDataError, IntegrityError):  # another tablet saved at the same moment
        db.session.rollback()
        raise ScoringProblem({"scores": conflict_message(application.label)}, 409) from None


def _write(job, member, application, sheet, scale, answers, text, submit) -> str:
    if sheet is None:
        sheet = ReviewSheet(
            job_id=job.id,
            application_id=application.id,
            member_id=member.id,
            scale=scale.key,
            status=SheetStatus.DRAFT,
        )
        db.session.add(sheet)
    sheet.note = text
    current = {s.quality_id: s for s in sheet.scores}
    for qid, value in answers.items():
        score = current.pop(qid, None)
        if score is None:
            sheet.scores.append(ReviewScore(quality_id=qid, value=value, dont_know=value is None))
        else:
            score.value, score.dont_know = value, value is None
    for score in current.values():  # answers taken back
        sheet.scores.remove(score)
    if submit:
        sheet.status = SheetStatus.SUBMITTED
        sheet.submitted_at = utcnow()
    sheet.updated_at = utcnow()
    record(
        "application scores sent" if submit else "application scores saved",
        job_id=job.id,
        application=application.number,
        member=member.key,
    )
    db.session.commit()
    return "submitted" if submit else "saved"


# --- combining -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Shortlist:
    """The combined review: rows in rank order, and who asked for a guaranteed interview."""

    results: combine.Results
    applications: dict[str, Application]  # key (the number as text) -> application
    sent: int  # sheets sent
    expected: int  # members times applications

    def guaranteed(self, key: str) -> bool:
        return self.applications[key].guaranteed


def combined(job: Job) -> Shortlist:
    """Every member's sent sheets combined with equal weight (``panels.scoring.combine``)."""
    applications = {str(a.number): a for a in queries.applications_for(job, queries.REVIEWED)}
    qualities = queries.agreed_qualities(job.id)
    keys = {q.id: q.key for q in qualities}
    members = [combine.MemberIn(m.key, m.user.name, m.group) for m in job.members]
    by_member = {m.id: m for m in job.members}
    by_id = {a.id: k for k, a in applications.items()}
    scores = []
    sent = 0
    for sheet in queries.sheets_for(job):
        if not sheet.submitted or sheet.application_id not in by_id:
            continue
        sent += 1
        member = by_member[sheet.member_id]
        scale = scale_of(sheet, member)
        for score in sheet.scores:
            if score.quality_id in keys:
                scores.append(
                    combine.ScoreIn(
                        member.key,
                        by_id[sheet.application_id],
                        keys[score.quality_id],
                        None if score.dont_know else scale.normalise(score.value),
                    )
                )
    results = combine.combine(
        members,
        [(k, a.label) for k, a in applications.items()],
        [q.key for q in qualities],
        scores,
        group_parity=job.group_parity,
    )
    return Shortlist(results, applications, sent, len(members) * len(applications))


def close(job: Job, user: User) -> None:
    """Close reviewing: no more scores; the combined shortlist can be seen."""
    from panels.shortlist import service

    setup = service.setup_to_change(job)
    if not setup.closed:
        setup.closed = True
        setup.open = False
        setup.closed_at = utcnow()
        record("reviewing closed", job_id=job.id, actor_id=user.id)
    db.session.commit()


def decided(job: Job) -> ShortlistDecision | None:
    return db.session.scalar(
        db.select(ShortlistDecision)
        .where(ShortlistDecision.job_id == job.id)
        .order_by(ShortlistDecision.id.desc())
        .limit(1)
    )


def decide(job: Job, user: User, chosen: set[int], note: str) -> list[Candidate]:
    """Record the panel's shortlist; the shortlisted become the job's candidates."""
    applications = queries.applications_for(job, queries.REVIEWED)
    taken = {c.key for c in job.candidates}
    emails = candidate_queries.emails_on(job)
    position = candidate_queries.next_position(job)
    made: list[Candidate] = []
    for application in applications:
        if application.id not in chosen:
            application.status = ApplicationStatus.NOT_SHORTLISTED
            continue
        application.status = ApplicationStatus.SHORTLISTED
        if application.candidate_id is not None:
            continue
        key = unique_key(application.name, taken, "cand")
        taken.add(key)
        email = application.email or ""
        candidate = Candidate(
            job_id=job.id,
            key=key,
            name=application.name,
            email="" if email in emails else email,
            phone=application.phone,
            position=position + len(made),
        )
        db.session.add(candidate)
        db.session.flush()
        application.candidate_id = candidate.id
        made.append(candidate)
    numbers = sorted(a.number for a in applications if a.id in chosen)
    db.session.add(
        ShortlistDecision(
            job_id=job.id,
            decided_by_id=user.id,
            shortlisted=",".join(str(n) for n in numbers),
            note=note,
        )
    )
    record(
        "shortlist decided",
        job_id=job.id,
        actor_id=user.id,
        shortlisted=numbers,
        candidates=[c.key for c in made],
        note=note,
    )
    db.session.commit()
    return made
