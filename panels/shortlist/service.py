"""Writes for "what matters to us" and for applications. Each function commits.

Qualities (and the job summary) are agreed by the questions area's equal rule
(``panels.questions.agreement``): every member marks keep, change or take out, and
every mark counts the same.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from panels.common.audit import record
from panels.common.retry import commit_with_retry
from panels.db import db
from panels.lib import symbols
from panels.lib.choices import QuestionStatus
from panels.lib.keys import unique_key
from panels.models import (
    Application,
    ApplicationAnswer,
    ApplicationSetup,
    Job,
    PanelMember,
    Quality,
    QualityMark,
    QuestionQuality,
    User,
)
from panels.models.base import utcnow
from panels.models.shortlist import ApplicationSource, ApplicationStatus, QualityKind
from panels.questions.marks import put_mark
from panels.shortlist import queries


def _picture_for(words: str) -> str:
    found = symbols.search(words, limit=1)
    return found[0].code if found else ""


def add_quality(job: Job, user: User, kind: str, easy_read: str) -> Quality:
    """A new draft quality (or job summary), with a picture found from its words."""
    quality = Quality(
        job_id=job.id,
        key=unique_key(easy_read[:30], queries.taken_keys(job), "quality"),
        kind=QualityKind(kind),
        position=queries.next_position(job),
        easy_read=easy_read,
        picture=_picture_for(easy_read),
        status=QuestionStatus.DRAFT,
        created_by_id=user.id,
    )
    db.session.add(quality)
    db.session.flush()
    record("quality written", job_id=job.id, quality=quality.key, kind=kind, words=easy_read)
    db.session.commit()
    return quality


def change_quality(quality: Quality, user: User, easy_read: str) -> bool:
    """New words: the old marks were about other words, so everyone marks it again."""
    if quality.easy_read == easy_read:
        return False
    record(
        "quality changed",
        job_id=quality.job_id,
        quality=quality.key,
        before=quality.easy_read,
        after=easy_read,
        marks_cleared={m.member_id: m.mark for m in quality.marks},
    )
    quality.easy_read = easy_read
    quality.picture = _picture_for(easy_read) or quality.picture
    quality.marks.clear()
    quality.status = QuestionStatus.DRAFT
    db.session.commit()
    return True


def set_picture(quality: Quality, code: str) -> None:
    quality.picture = code
    record("quality picture chosen", job_id=quality.job_id, quality=quality.key, code=code)
    db.session.commit()


def set_mark(quality: Quality, member: PanelMember, mark: str, suggestion: str) -> QualityMark:
    """One member's mark, then the equal rule; commits."""
    return commit_with_retry(lambda: _put_mark(quality, member, mark, suggestion))


def _put_mark(quality: Quality, member: PanelMember, mark: str, suggestion: str) -> QualityMark:
    job = db.session.get(Job, quality.job_id)
    assert job is not None
    return put_mark(
        quality,
        "quality",
        member,
        mark,
        suggestion,
        mark_class=QualityMark,
        member_ids=queries.member_ids(job),
    )


def link_questions(job: Job, question_id: int, quality_ids: Sequence[int]) -> None:
    """The qualities an interview question looks for (replaces the ones before)."""
    own = {q.id for q in queries.qualities_for(job, QualityKind.QUALITY)}
    chosen = sorted({q for q in quality_ids if q in own})
    db.session.query(QuestionQuality).filter(
        QuestionQuality.question_id == question_id,
        QuestionQuality.quality_id.in_(own or {0}),
    ).delete(synchronize_session=False)
    db.session.add_all(QuestionQuality(question_id=question_id, quality_id=q) for q in chosen)
    record("question linked to qualities", job_id=job.id, question=question_id, qualities=chosen)
    db.session.commit()


# --- the application form ------------------------------------------------------------------


def setup_to_change(job: Job) -> ApplicationSetup:
    """The job's application set-up, made (closed, no questions) if there is none."""
    setup = queries.setup_for(job.id)
    if setup is None:
        setup = ApplicationSetup(job_id=job.id, token=secrets.token_urlsafe(24), open=False)
        db.session.add(setup)
        db.session.flush()
    return setup


def save_setup(job: Job, is_open: bool, prompts: list[str]) -> ApplicationSetup:
    setup = setup_to_change(job)
    setup.open = is_open
    setup.prompts = "\n".join(prompts)
    record("application form set up", job_id=job.id, open=is_open, questions=len(prompts))
    db.session.commit()
    return setup


def resume_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class ApplicationDetails:
    """What an applicant (or the coordinator, from paper) writes."""

    name: str
    email: str
    phone: str
    guaranteed: bool
    answers: list[str]  # one per question on the form, in order


class DuplicateEmail(ValueError):
    """An application from this email is already on this job."""


def _fill(application: Application, details: ApplicationDetails, prompts: list[str]) -> None:
    application.name = details.name
    application.email = details.email.lower() or None
    application.phone = details.phone
    application.guaranteed = details.guaranteed
    application.answers.clear()
    db.session.flush()
    for position, prompt in enumerate(prompts):
        answer = details.answers[position] if position < len(details.answers) else ""
        application.answers.append(
            ApplicationAnswer(position=position, prompt=prompt, answer=answer)
        )


def _new(job_id: int, source: ApplicationSource, user: User | None) -> Application:
    return Application(
        job_id=job_id,
        number=queries.next_number(job_id),
        source=source,
        status=ApplicationStatus.DRAFT,
        entered_by_id=user.id if user else None,
    )


def save_from_form(
    job: Job,
    prompts: list[str],
    details: ApplicationDetails,
    draft: Application | None,
    send: bool,
) -> tuple[Application, str | None]:
    """Save the public form: a draft (with a new private link) or sent. Returns the
    application and the private link's token when a new one was made.

    Raises DuplicateEmail when another application on this job has the email.
    """
    if queries.email_taken(job.id, details.email, but=draft.id if draft else None):
        raise DuplicateEmail(details.email)
    application = draft or _new(job.id, ApplicationSource.FORM, None)
    if draft is None:
        db.session.add(application)
    _fill(application, details, prompts)
    token = None
    if send:
        application.status = ApplicationStatus.SENT
        application.submitted_at = utcnow()
        application.resume_hash = None
    elif draft is None or application.resume_hash is None:
        token = secrets.token_urlsafe(24)
        application.resume_hash = resume_digest(token)
    _commit_unique(application, details.email)
    record(
        "application sent" if send else "application draft saved",
        job_id=job.id,
        actor_id=None,
        application=application.number,
    )
    db.session.commit()
    return application, token


def _commit_unique(application: Application, email: str) -> None:
    """Flush; a second application with the same email or number at the same moment is a
    DuplicateEmail (email) or gets the next number."""
    for _attempt in range(3):
        try:
            with db.session.begin_nested():
                db.session.flush()
            return
        except IntegrityError:
            if email and queries.email_taken(application.job_id, email, but=application.id):
                raise DuplicateEmail(email) from None
            application.number = queries.next_number(application.job_id)
    raise DuplicateEmail(email)


def add_paper(job: Job, user: User, prompts: list[str], details: ApplicationDetails) -> Application:
    """The coordinator types in a paper or emailed application: it is sent at once."""
    if queries.email_taken(job.id, details.email):
        raise DuplicateEmail(details.email)
    application = _new(job.id, ApplicationSource.PAPER, user)
    db.session.add(application)
    _fill(application, details, prompts)
    application.status = ApplicationStatus.SENT
    application.submitted_at = utcnow()
    _commit_unique(application, details.email)
    record("application typed in", job_id=job.id, application=application.number)
    db.session.commit()
    return application


def import_rows(job: Job, user: User, prompts: list[str], rows) -> int:
    """Add every row of a checked CSV file as a sent application."""
    number = queries.next_number(job.id)
    for offset, row in enumerate(rows):
        application = Application(
            job_id=job.id,
            number=number + offset,
            source=ApplicationSource.IMPORT,
            status=ApplicationStatus.SENT,
            entered_by_id=user.id,
            submitted_at=utcnow(),
            name=row.name,
            email=row.email or None,
            phone=row.phone,
            guaranteed=row.guaranteed,
        )
        for position, prompt in enumerate(prompts):
            answer = row.answers[position] if position < len(row.answers) else ""
            application.answers.append(
                ApplicationAnswer(position=position, prompt=prompt, answer=answer)
            )
        db.session.add(application)
    record("applications imported", job_id=job.id, count=len(rows))
    db.session.commit()
    return len(rows)
