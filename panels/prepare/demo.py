"""The prepare area's part of the demo job: everyone on the panel agreed to keep things
private (so the demo works as before), Sam's Working with me, a preparation meeting and
a one-page profile."""

from __future__ import annotations

from datetime import time, timedelta

from panels.db import db
from panels.models import Job, PrepMeeting, PrivacyAgreement, SupportedProfile, WorkingWithMe
from panels.prepare.rules import WORDS_VERSION

DEMO_WORKING = {
    "sam": (
        "Give me time to answer.\nI like to sit near the door.\nRead the questions to me.",
        "Jo Brown, my support worker",
    ),
    "jo": ("Tell me what is next.\nI like a break every hour.", ""),
}


def add_to_demo(job: Job) -> None:
    db.session.flush()
    for member in job.members:
        db.session.add(
            PrivacyAgreement(job_id=job.id, member_id=member.id, words_version=WORDS_VERSION)
        )
        if member.key in DEMO_WORKING:
            helps, worker = DEMO_WORKING[member.key]
            db.session.add(
                WorkingWithMe(
                    organisation_id=job.organisation_id,
                    user_id=member.user_id,
                    helps=helps,
                    support_worker=worker,
                )
            )
    db.session.add(
        PrepMeeting(
            job_id=job.id,
            day=job.interview_date - timedelta(days=7),
            start_time=time(10, 30),
            place=job.place,
            what="Meet each other, 15 minutes\nLook at the questions, 30 minutes\n"
            "Practise asking the questions, 30 minutes\nHow we score, 20 minutes",
            break_every=45,
        )
    )
    db.session.add(
        SupportedProfile(
            job_id=job.id,
            name="Aisha",
            words="I like music and going to the park.\nI like people who are kind.\n"
            "Please talk to me, not to my helper.",
            symbol="1F3B5",
            consent_by="Aisha, with her mum",
        )
    )
