"""Writes for preparing together. Each function records its change in the audit trail and
commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from panels.common.audit import record
from panels.common.storage import put_photo
from panels.db import db
from panels.lib import photos
from panels.models import (
    Job,
    PanelMember,
    PrepMeeting,
    PrepReply,
    PrivacyAgreement,
    SupportedProfile,
    TrainingRecord,
    User,
    WorkingWithMe,
)
from panels.models.base import utcnow
from panels.models.prepare import Answer, TrainingKind
from panels.pay import money
from panels.pay import service as pay_service
from panels.prepare import queries
from panels.prepare.pacing import pace_meeting, parse_activities, slowest
from panels.prepare.rules import WORDS_VERSION


def agree(member: PanelMember) -> PrivacyAgreement:
    """The member says "I agree" (saying it again keeps the first date)."""
    found = queries.agreement_of(member)
    if found is not None:
        return found
    found = PrivacyAgreement(job_id=member.job_id, member_id=member.id, words_version=WORDS_VERSION)
    db.session.add(found)
    record(
        "privacy agreed",
        job_id=member.job_id,
        on_behalf_of_id=member.user_id,
        member=member.key,
        version=WORDS_VERSION,
    )
    db.session.commit()
    return found


def save_working_with_me(
    organisation_id: int, person: User, helps: str, support_worker: str, by: User, job: Job
) -> WorkingWithMe:
    row = queries.working_with_me(organisation_id, person.id)
    if row is None:
        row = WorkingWithMe(organisation_id=organisation_id, user_id=person.id)
        db.session.add(row)
    row.helps = helps
    row.support_worker = support_worker
    row.updated_by_id = by.id
    record(
        "working with me changed",
        job_id=job.id,
        on_behalf_of_id=person.id,
        support_worker=bool(support_worker),
    )
    db.session.commit()
    return row


@dataclass(frozen=True)
class MeetingDetails:
    day: date
    start: time
    place: str
    what: str
    break_every: int


def _check_plan(job: Job, details: MeetingDetails) -> None:
    """Raises PacingError if what we will do cannot be planned."""
    start = datetime.combine(details.day, details.start)
    pace_meeting(start, parse_activities(details.what), panel_pace(job), details.break_every)


def panel_pace(job: Job) -> float:
    return slowest([m.user.pace for m in job.members])


def add_meeting(job: Job, details: MeetingDetails) -> PrepMeeting:
    _check_plan(job, details)
    meeting = PrepMeeting(job_id=job.id)
    _fill(meeting, details)
    db.session.add(meeting)
    db.session.flush()
    record("preparation meeting added", job_id=job.id, meeting=meeting.id, day=str(details.day))
    db.session.commit()
    return meeting


def change_meeting(job: Job, meeting: PrepMeeting, details: MeetingDetails) -> None:
    _check_plan(job, details)
    _fill(meeting, details)
    record("preparation meeting changed", job_id=job.id, meeting=meeting.id, day=str(details.day))
    db.session.commit()


def _fill(meeting: PrepMeeting, details: MeetingDetails) -> None:
    meeting.day = details.day
    meeting.start_time = details.start
    meeting.place = details.place
    meeting.what = details.what
    meeting.break_every = details.break_every


def remove_meeting(job: Job, meeting: PrepMeeting) -> None:
    record("preparation meeting removed", job_id=job.id, meeting=meeting.id)
    db.session.delete(meeting)
    db.session.commit()


def answer(meeting: PrepMeeting, member: PanelMember, value: str) -> PrepReply:
    """The member's own answer: can they come? (yes, no, not sure)."""
    Answer(value)
    reply = queries.reply_of(meeting, member)
    if reply is None:
        reply = PrepReply(meeting_id=meeting.id, member_id=member.id)
        db.session.add(reply)
    reply.answer = value
    reply.answered_at = utcnow()
    record(
        "preparation meeting answered",
        job_id=member.job_id,
        on_behalf_of_id=member.user_id,
        meeting=meeting.id,
        answer=value,
    )
    db.session.commit()
    return reply


def set_attended(job: Job, meeting: PrepMeeting, member_ids: set[int]) -> None:
    """Who came: the coordinator ticks them. Members not ticked did not come."""
    replies = {r.member_id: r for r in meeting.replies}
    for member in job.members:
        came = member.id in member_ids
        reply = replies.get(member.id)
        if reply is None and not came:
            continue
        if reply is None:
            reply = PrepReply(meeting_id=meeting.id, member_id=member.id, answer=Answer.YES.value)
            db.session.add(reply)
        reply.attended = came
    record(
        "preparation meeting attendance", job_id=job.id, meeting=meeting.id, came=len(member_ids)
    )
    db.session.commit()


@dataclass(frozen=True)
class PayAdded:
    added: int
    skipped: list[str]


def add_to_pay(job: Job, meeting: PrepMeeting) -> PayAdded:
    """A preparation time entry for each member who came and is not in pay for it yet.

    Members whose claim is paid, or who have time there already, are skipped and named.
    """
    plan = pace_meeting(
        datetime.combine(meeting.day, meeting.start_time),
        parse_activities(meeting.what),
        panel_pace(job),
        meeting.break_every,
    )
    added, skipped = 0, []
    for reply in list(meeting.replies):
        if not reply.attended or reply.paid:
            continue
        member = reply.member
        try:
            pay_service.add_time(
                member,
                money.TimeKind.PREPARATION,
                meeting.day,
                meeting.start_time,
                plan.ends.time(),
                f"Preparation meeting on {meeting.day:%-d %B %Y}",
            )
        except money.PayError:
            skipped.append(member.user.name)
            continue
        reply.paid = True
        db.session.commit()  # now: a later refusal rolls back only its own change
        added += 1
    record("preparation meeting time to pay", job_id=job.id, meeting=meeting.id, added=added)
    db.session.commit()
    return PayAdded(added, skipped)


def add_training(organisation_id: int, person: User, kind: str, what: str, day: date, job: Job):
    TrainingKind(kind)
    row = TrainingRecord(
        organisation_id=organisation_id, user_id=person.id, kind=kind, what=what, day=day
    )
    db.session.add(row)
    record("training recorded", job_id=job.id, on_behalf_of_id=person.id, kind=kind)
    db.session.commit()
    return row


def add_profile(
    job: Job, name: str, words: str, symbol: str, photo: bytes | None, consent_by: str
) -> SupportedProfile:
    """A profile, with who agreed to share it. Raises photos.PhotoError (or
    filestore.StoreUnavailable) before saving anything if the photo cannot be used."""
    key = put_photo(photo, max_side=photos.MAX_SIDE) if photo else ""
    profile = SupportedProfile(
        job_id=job.id, name=name, words=words, symbol=symbol, photo=key, consent_by=consent_by
    )
    db.session.add(profile)
    db.session.flush()
    record("profile added", job_id=job.id, profile=profile.id, consent_by=consent_by)
    db.session.commit()
    return profile


def withdraw_profile(job: Job, profile: SupportedProfile) -> None:
    """Consent withdrawn: the profile is hidden everywhere, and its photo removed."""
    if profile.withdrawn_at is None:
        profile.withdrawn_at = utcnow()
    profile.photo = ""
    record("profile consent withdrawn", job_id=job.id, profile=profile.id)
    db.session.commit()
