"""Reads for preparing together."""

from __future__ import annotations

from sqlalchemy import select

from panels.db import db
from panels.lib.limits import parse_id
from panels.models import (
    Job,
    PanelMember,
    PrepMeeting,
    PrepReply,
    PrivacyAgreement,
    SupportedProfile,
    TrainingRecord,
    WorkingWithMe,
)


def agreement_of(member: PanelMember) -> PrivacyAgreement | None:
    return db.session.scalar(
        select(PrivacyAgreement).where(PrivacyAgreement.member_id == member.id)
    )


def agreed_member_ids(job: Job) -> set[int]:
    found = db.session.scalars(
        select(PrivacyAgreement.member_id).where(PrivacyAgreement.job_id == job.id)
    )
    return set(found)


def job_by_id(value: object) -> Job | None:
    number = parse_id(value)
    return None if number is None else db.session.get(Job, number)


def working_with_me(organisation_id: int, user_id: int) -> WorkingWithMe | None:
    return db.session.scalar(
        select(WorkingWithMe).where(
            WorkingWithMe.organisation_id == organisation_id, WorkingWithMe.user_id == user_id
        )
    )


def working_for_job(job: Job) -> dict[int, WorkingWithMe]:
    """Each panel member's "Working with me", by member id (only those who have one)."""
    users = {m.user_id: m.id for m in job.members}
    rows = db.session.scalars(
        select(WorkingWithMe).where(
            WorkingWithMe.organisation_id == job.organisation_id,
            WorkingWithMe.user_id.in_(users),
        )
    )
    return {users[row.user_id]: row for row in rows}


def meetings(job: Job) -> list[PrepMeeting]:
    query = (
        select(PrepMeeting)
        .where(PrepMeeting.job_id == job.id)
        .order_by(PrepMeeting.day, PrepMeeting.start_time, PrepMeeting.id)
    )
    return list(db.session.scalars(query))


def meeting_of(job: Job, meeting_id: object) -> PrepMeeting | None:
    """A meeting of this job; None for another job's meeting or a non-id."""
    number = parse_id(meeting_id)
    meeting = None if number is None else db.session.get(PrepMeeting, number)
    return meeting if meeting is not None and meeting.job_id == job.id else None


def reply_of(meeting: PrepMeeting, member: PanelMember) -> PrepReply | None:
    return db.session.scalar(
        select(PrepReply).where(
            PrepReply.meeting_id == meeting.id, PrepReply.member_id == member.id
        )
    )


def my_replies(job: Job, member: PanelMember) -> dict[int, PrepReply]:
    rows = db.session.scalars(
        select(PrepReply)
        .join(PrepMeeting, PrepMeeting.id == PrepReply.meeting_id)
        .where(PrepMeeting.job_id == job.id, PrepReply.member_id == member.id)
    )
    return {row.meeting_id: row for row in rows}


def training(organisation_id: int, user_id: int) -> list[TrainingRecord]:
    query = (
        select(TrainingRecord)
        .where(TrainingRecord.organisation_id == organisation_id, TrainingRecord.user_id == user_id)
        .order_by(TrainingRecord.day.desc(), TrainingRecord.id.desc())
    )
    return list(db.session.scalars(query))


def profiles(job_id: int, *, shown_only: bool = True) -> list[SupportedProfile]:
    query = select(SupportedProfile).where(SupportedProfile.job_id == job_id)
    if shown_only:
        query = query.where(SupportedProfile.withdrawn_at.is_(None))
    return list(db.session.scalars(query.order_by(SupportedProfile.id)))


def profile_of(job_id: int, profile_id: object) -> SupportedProfile | None:
    number = parse_id(profile_id)
    profile = None if number is None else db.session.get(SupportedProfile, number)
    return profile if profile is not None and profile.job_id == job_id else None
