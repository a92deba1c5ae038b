"""The plan area's part of the demo job."""

from __future__ import annotations

from datetime import time

from panels.db import db
from panels.models import DaySettings, Job


def demo_day_settings(job: Job) -> None:
    """The demo job's day: starts at the job's time, a break after 90 minutes of work."""
    db.session.add(
        DaySettings(
            job_id=job.id,
            start=job.start_time or time(9, 30),
            end_by=time(16, 30),
            max_work_minutes=90,
            break_minutes=20,
            changeover_minutes=15,
            welcome_minutes=5,
            close_minutes=5,
            arrive_before_minutes=15,
        )
    )
