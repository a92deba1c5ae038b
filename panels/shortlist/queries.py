"""Reads for shortlisting: what matters to us, applications, review sheets."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from panels.db import db
from panels.lib.choices import QuestionStatus
from panels.models import (
    Application,
    ApplicationSetup,
    Job,
    PanelMember,
    Quality,
    QuestionQuality,
    ReviewSheet,
)
from panels.models.shortlist import ApplicationStatus, QualityKind
from panels.shortlist.anonymise import anonymise

# Applications the panel reviews: sent, and (once decided) on or off the shortlist.
REVIEWED = (
    ApplicationStatus.SENT,
    ApplicationStatus.SHORTLISTED,
    ApplicationStatus.NOT_SHORTLISTED,
)


def member_ids(job: Job) -> list[int]:
    return list(db.session.scalars(select(PanelMember.id).where(PanelMember.job_id == job.id)))


def qualities_for(job: Job, kind: str | None = None) -> list[Quality]:
    query = select(Quality).where(Quality.job_id == job.id)
    if kind is not None:
        query = query.where(Quality.kind == kind)
    return list(db.session.scalars(query.order_by(Quality.position, Quality.id)))


def agreed_qualities(job_id: int) -> list[Quality]:
    """The qualities the panel agreed, in order: what applications are scored against."""
    return list(
        db.session.scalars(
            select(Quality)
            .where(
                Quality.job_id == job_id,
                Quality.kind == QualityKind.QUALITY,
                Quality.status == QuestionStatus.AGREED,
            )
            .order_by(Quality.position, Quality.id)
        )
    )


def agreed_summary(job_id: int) -> Quality | None:
    return db.session.scalar(
        select(Quality)
        .where(
            Quality.job_id == job_id,
            Quality.kind == QualityKind.SUMMARY,
            Quality.status == QuestionStatus.AGREED,
        )
        .order_by(Quality.position.desc(), Quality.id.desc())
        .limit(1)
    )


def quality_or_none(job: Job, quality_id: int) -> Quality | None:
    quality = db.session.get(Quality, quality_id)
    return quality if quality is not None and quality.job_id == job.id else None


def taken_keys(job: Job) -> set[str]:
    return set(db.session.scalars(select(Quality.key).where(Quality.job_id == job.id)))


def next_position(job: Job) -> int:
    top = db.session.scalar(select(func.max(Quality.position)).where(Quality.job_id == job.id))
    return (top or 0) + 1


def links_for(job: Job) -> dict[int, set[int]]:
    """Question id -> the ids of the qualities it looks for."""
    rows = db.session.execute(
        select(QuestionQuality.question_id, QuestionQuality.quality_id)
        .join(Quality, Quality.id == QuestionQuality.quality_id)
        .where(Quality.job_id == job.id)
    )
    out: dict[int, set[int]] = {}
    for question_id, quality_id in rows:
        out.setdefault(question_id, set()).add(quality_id)
    return out


# --- applications --------------------------------------------------------------------------


def setup_for(job_id: int) -> ApplicationSetup | None:
    return db.session.get(ApplicationSetup, job_id)


def setup_by_token(token: str) -> ApplicationSetup | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(select(ApplicationSetup).where(ApplicationSetup.token == token))


def job_of(setup: ApplicationSetup) -> Job | None:
    return db.session.get(Job, setup.job_id)


def prompts_of(setup: ApplicationSetup | None) -> list[str]:
    if setup is None:
        return []
    return [line.strip() for line in (setup.prompts or "").splitlines() if line.strip()]


def applications_for(job: Job, statuses=None) -> list[Application]:
    query = select(Application).where(Application.job_id == job.id)
    if statuses is not None:
        query = query.where(Application.status.in_(list(statuses)))
    return list(db.session.scalars(query.order_by(Application.number)))


def application_or_none(job: Job, application_id: int) -> Application | None:
    application = db.session.get(Application, application_id)
    return application if application is not None and application.job_id == job.id else None


def by_resume_hash(job_id: int, digest: str) -> Application | None:
    return db.session.scalar(
        select(Application).where(
            Application.job_id == job_id,
            Application.resume_hash == digest,
            Application.status == ApplicationStatus.DRAFT,
        )
    )


def email_taken(job_id: int, email: str, but: int | None = None) -> Application | None:
    if not email:
        return None
    query = select(Application).where(
        Application.job_id == job_id, Application.email == email.lower()
    )
    if but is not None:
        query = query.where(Application.id != but)
    return db.session.scalar(query)


def next_number(job_id: int) -> int:
    top = db.session.scalar(
        select(func.max(Application.number)).where(Application.job_id == job_id)
    )
    return (top or 0) + 1


@dataclass(frozen=True)
class Anonymised:
    """What a panel member reads of an application: no name, email, phone, age or photo."""

    id: int
    number: int
    label: str
    answers: list[tuple[str, str]]  # (the panel's question, the masked answer)


def anonymised(job: Job, application_id: int) -> Anonymised | None:
    """The application as a reviewer sees it; None unless it is a sent one of this job.

    The name is read here only to mask it; nothing but the masked text leaves.
    """
    application = application_or_none(job, application_id)
    if application is None or application.status not in REVIEWED:
        return None
    return _masked(application)


def _masked(application: Application) -> Anonymised:
    names = [application.name]
    return Anonymised(
        id=application.id,
        number=application.number,
        label=application.label,
        answers=[(a.prompt, anonymise(a.answer, names)) for a in application.answers],
    )


def anonymised_all(job: Job) -> list[Anonymised]:
    return [_masked(a) for a in applications_for(job, REVIEWED)]


def review_sheet(application_id: int, member_id: int) -> ReviewSheet | None:
    return db.session.scalar(
        select(ReviewSheet).where(
            ReviewSheet.application_id == application_id, ReviewSheet.member_id == member_id
        )
    )


def sheets_for(job: Job) -> list[ReviewSheet]:
    return list(db.session.scalars(select(ReviewSheet).where(ReviewSheet.job_id == job.id)))
