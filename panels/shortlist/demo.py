"""The shortlist area's part of the demo job: what matters to us (a summary and three
qualities, agreed by everyone on the panel), the applications the panel read without names,
every member's review sent, and the shortlist that made the demo's candidates."""

from __future__ import annotations

import secrets

from panels.db import db
from panels.lib.choices import Mark, QuestionStatus
from panels.models import (
    Application,
    ApplicationAnswer,
    ApplicationSetup,
    Job,
    Quality,
    QualityMark,
    ReviewScore,
    ReviewSheet,
    ShortlistDecision,
)
from panels.models.base import utcnow
from panels.models.scoring import SheetStatus
from panels.models.shortlist import ApplicationSource, ApplicationStatus, QualityKind
from panels.scoring.sheets import scale_for

SUMMARY = "You help people live their life the way they want."
QUALITIES = [
    ("kind", "You are kind and patient.", "1F917"),
    ("listens", "You listen to the person first.", "1F442"),
    ("honest", "You tell the truth and keep your word.", "1F91D"),
]
PROMPT = "Why do you want to be a support worker?"
# Candidate key -> what they wrote; and one applicant the panel did not shortlist.
ANSWERS = {
    "ruth": "I looked after my grandad. I liked helping him do things himself.",
    "dan": "I work in a cafe. I like talking to people and making them feel welcome.",
    "mei": "I want a job where I can help people every day.",
}
NOT_SHORTLISTED = ("Chris Lee", "chris.lee@example.net", "I need a job near my house.")
# How each reviewer's answers sit on their own scale: a share of the way from lowest to
# highest, per applicant (in the order above, then the one not shortlisted).
REVIEW = (1.0, 0.5, 0.5, 0.0)


def _qualities(job: Job) -> list[Quality]:
    made = [Quality(job_id=job.id, key="summary", kind=QualityKind.SUMMARY, easy_read=SUMMARY)]
    for position, (key, words, picture) in enumerate(QUALITIES, start=1):
        made.append(
            Quality(
                job_id=job.id,
                key=key,
                kind=QualityKind.QUALITY,
                position=position,
                easy_read=words,
                picture=picture,
            )
        )
    for quality in made:
        quality.status = QuestionStatus.AGREED
        db.session.add(quality)
        for member in job.members:
            db.session.add(QualityMark(quality=quality, member=member, mark=Mark.KEEP))
    return made[1:]


def _applications(job: Job) -> list[Application]:
    made = []
    for number, candidate in enumerate(job.candidates, start=1):
        made.append(
            Application(
                job_id=job.id,
                number=number,
                name=candidate.name,
                email=candidate.email,
                phone=candidate.phone,
                status=ApplicationStatus.SHORTLISTED,
                source=ApplicationSource.PAPER,
                candidate_id=candidate.id,
                submitted_at=utcnow(),
            )
        )
        made[-1].answers.append(
            ApplicationAnswer(prompt=PROMPT, answer=ANSWERS.get(candidate.key, ""))
        )
    name, email, words = NOT_SHORTLISTED
    made.append(
        Application(
            job_id=job.id,
            number=len(made) + 1,
            name=name,
            email=email,
            status=ApplicationStatus.NOT_SHORTLISTED,
            source=ApplicationSource.PAPER,
            submitted_at=utcnow(),
        )
    )
    made[-1].answers.append(ApplicationAnswer(prompt=PROMPT, answer=words))
    db.session.add_all(made)
    return made


def add_to_demo(job: Job) -> None:
    db.session.flush()
    db.session.add(
        ApplicationSetup(
            job_id=job.id,
            token=secrets.token_urlsafe(32),
            open=False,
            prompts=PROMPT,
            closed=True,
            closed_at=utcnow(),
        )
    )
    qualities = _qualities(job)
    applications = _applications(job)
    db.session.flush()
    for member in job.members:
        scale = scale_for(member)
        values = scale.values
        for application, share in zip(applications, REVIEW, strict=False):
            value = values[round(share * (len(values) - 1))]
            sheet = ReviewSheet(
                job_id=job.id,
                application_id=application.id,
                member_id=member.id,
                status=SheetStatus.SUBMITTED,
                scale=scale.key,
                submitted_at=utcnow(),
            )
            sheet.scores = [ReviewScore(quality_id=q.id, value=value) for q in qualities]
            db.session.add(sheet)
    shortlisted = [a.number for a in applications if a.candidate_id is not None]
    db.session.add(
        ShortlistDecision(
            job_id=job.id,
            shortlisted=",".join(str(n) for n in shortlisted),
            note="We chose the three people who scored highest.",
        )
    )
