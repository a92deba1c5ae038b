"""What the shortlist area holds about people: applications (name, email, phone, answers)
and reviewers' notes (``panels.common.personal``).

An applicant who became a candidate goes with that candidate. Applicants who were never
shortlisted go with the job's unsuccessful candidates (``job_anonymise``): the same
retention period, from the same decision. Scores and the shortlist's numbers stay.
"""

from __future__ import annotations

from sqlalchemy import select

from panels.common.personal import Held, PersonalData, Removal, Scrub
from panels.db import db
from panels.lib.scrub import name_words, phone_forms
from panels.models import Application, ApplicationAnswer, Candidate, Job, ReviewSheet


def _answers(application: Application) -> list[ApplicationAnswer]:
    query = select(ApplicationAnswer).where(ApplicationAnswer.application_id == application.id)
    return list(db.session.scalars(query.order_by(ApplicationAnswer.position)))


def _of(candidate: Candidate) -> Application | None:
    return db.session.scalar(select(Application).where(Application.candidate_id == candidate.id))


def candidate_export(candidate: Candidate) -> Held:
    application = _of(candidate)
    if application is None:
        return Held({"application": None})
    return Held(
        {
            "application": {
                "name": application.name,
                "email": application.email,
                "phone": application.phone,
                "guaranteed_interview": application.guaranteed,
                "sent": application.created_at,
                "answers": [
                    {"question": a.prompt, "answer": a.answer} for a in _answers(application)
                ],
            }
        }
    )


def _clear(application: Application, job_id: int, scrubs: list[Scrub]) -> None:
    """The application keeps its number, status and scores; its words lose every detail."""
    scrubs = [
        *scrubs,
        Scrub(
            label=f"Applicant {application.number}",
            exact=tuple(e for e in (application.email or "", *phone_forms(application.phone)) if e),
            words=name_words(application.name),
        ),
    ]
    application.name = f"Applicant {application.number}"
    application.email = None
    application.phone = ""
    application.resume_hash = None
    for answer in _answers(application):
        for scrub in scrubs:
            answer.answer = scrub.text(answer.answer)
    for sheet in db.session.scalars(select(ReviewSheet).where(ReviewSheet.job_id == job_id)):
        for scrub in scrubs:
            sheet.note = scrub.text(sheet.note)


def candidate_anonymise(candidate: Candidate, scrub: Scrub, _removal: Removal) -> None:
    application = _of(candidate)
    if application is not None:
        _clear(application, candidate.job_id, [scrub])


def job_anonymise(job: Job, _removal: Removal) -> None:
    """Applicants who never became candidates: their details go too."""
    query = select(Application).where(
        Application.job_id == job.id, Application.candidate_id.is_(None)
    )
    for application in db.session.scalars(query):
        _clear(application, job.id, [])


PERSONAL = PersonalData(
    candidate_export=candidate_export,
    candidate_anonymise=candidate_anonymise,
    job_anonymise=job_anonymise,
)
