"""What the preparing area holds about people (``panels.common.personal``):

- a panel member's "Working with me" (what helps them, in their own words, and who comes
  with them), their training and shadowing records, their answers to preparation
  meetings and their privacy agreements;
- the one-page profiles of the people the new worker will support, kept with their consent
  for one job.

Deleting a member on request removes their own words ("Working with me", training);
whether they came to a meeting stays (pay is made of it), with no words about them.
When a job's candidates' details go, the job's profiles of supported people go too: they
were kept only to prepare for this job.
"""

from __future__ import annotations

from sqlalchemy import Select, delete, select

from panels.common.personal import Held, PersonalData, Removal, Scrub, in_their_places
from panels.db import db
from panels.models import Job, PanelMember, User
from panels.models.prepare import (
    PrepMeeting,
    PrepReply,
    PrivacyAgreement,
    SupportedProfile,
    TrainingRecord,
    WorkingWithMe,
)


def _members(user: User, organisation_id: int) -> Select[int]:
    return in_their_places(select(PanelMember.id), user, organisation_id)


def member_export(user: User, organisation_id: int) -> Held:
    working = db.session.scalar(
        select(WorkingWithMe).where(
            WorkingWithMe.organisation_id == organisation_id, WorkingWithMe.user_id == user.id
        )
    )
    training = db.session.scalars(
        select(TrainingRecord)
        .where(TrainingRecord.organisation_id == organisation_id, TrainingRecord.user_id == user.id)
        .order_by(TrainingRecord.day, TrainingRecord.id)
    )
    members = _members(user, organisation_id)
    replies = db.session.execute(
        select(Job.ref, PrepMeeting.day, PrepMeeting.start_time, PrepReply)
        .join(PrepMeeting, PrepMeeting.id == PrepReply.meeting_id)
        .join(Job, Job.id == PrepMeeting.job_id)
        .where(PrepReply.member_id.in_(members))
        .order_by(PrepMeeting.day, PrepReply.id)
    )
    agreements = db.session.execute(
        select(Job.ref, PrivacyAgreement.agreed_at)
        .join(Job, Job.id == PrivacyAgreement.job_id)
        .where(PrivacyAgreement.member_id.in_(members))
        .order_by(PrivacyAgreement.id)
    )
    return Held(
        {
            "working_with_me": None
            if working is None
            else {
                "what_helps": working.helps,
                "support_worker": working.support_worker,
                "changed": working.updated_at,
            },
            "training_and_shadowing": [
                {"kind": t.kind, "what": t.what, "day": t.day} for t in training
            ],
            "preparation_meetings": [
                {
                    "job": ref,
                    "day": day,
                    "time": start,
                    "can_you_come": reply.answer,
                    "came": reply.attended,
                }
                for ref, day, start, reply in replies
            ],
            "privacy_agreements": [{"job": ref, "agreed": at} for ref, at in agreements],
        }
    )


def member_erase(user: User, organisation_id: int, _scrub: Scrub, _removal: Removal) -> None:
    """Their own words go; whether they came to a meeting stays (pay is made of it)."""
    db.session.execute(
        delete(WorkingWithMe).where(
            WorkingWithMe.organisation_id == organisation_id, WorkingWithMe.user_id == user.id
        )
    )
    db.session.execute(
        delete(TrainingRecord).where(
            TrainingRecord.organisation_id == organisation_id, TrainingRecord.user_id == user.id
        )
    )


def job_anonymise(job: Job, _removal: Removal) -> None:
    """The job's profiles of supported people go (their photos with them: storage.OWNERS)."""
    for profile in db.session.scalars(
        select(SupportedProfile).where(SupportedProfile.job_id == job.id)
    ):
        db.session.delete(profile)


PERSONAL = PersonalData(
    member_export=member_export, member_erase=member_erase, job_anonymise=job_anonymise
)
