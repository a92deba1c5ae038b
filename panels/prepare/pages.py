"""What the preparing pages share: a meeting laid out at the panel's pace, the Working
with me form filled in, and the words for Listen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace

from panels.models import Job, PrepMeeting, User
from panels.plan.planner import minutes_words
from panels.prepare import queries
from panels.prepare.forms import WorkingForm
from panels.prepare.pacing import MeetingPlan, PacingError, pace_meeting, parse_activities
from panels.prepare.service import panel_pace


@dataclass(frozen=True)
class MeetingView:
    meeting: PrepMeeting
    plan: MeetingPlan | None
    problem: str

    @property
    def when(self) -> str:
        m = self.meeting
        return f"{m.day:%A %-d %B %Y}, at {m.start_time:%H:%M}"

    @property
    def ends(self) -> str:
        return f"{self.plan.ends:%H:%M}" if self.plan else ""

    def sentences(self) -> list[str]:
        lines = [f"The meeting is on {self.when}."]
        if self.meeting.place.strip():
            lines.append("We meet at " + ", ".join(self.meeting.place.split("\n")) + ".")
        if self.plan:
            lines.append(f"It ends at {self.ends}.")
            lines.append(f"It takes {minutes_words(self.plan.minutes)}, with breaks.")
        return lines

    def listen_text(self) -> str:
        steps = self.plan.steps if self.plan else ()
        said = " ".join(f"{s.start:%H:%M}: {s.words}." for s in steps)
        return " ".join(self.sentences()) + " What we will do. " + said


def meeting_view(job: Job, meeting: PrepMeeting) -> MeetingView:
    try:
        plan = pace_meeting(
            datetime.combine(meeting.day, meeting.start_time),
            parse_activities(meeting.what),
            panel_pace(job),
            meeting.break_every,
        )
    except PacingError as error:
        return MeetingView(meeting, None, str(error))
    return MeetingView(meeting, plan, "")


def working_form(job: Job, person: User) -> WorkingForm:
    row = queries.working_with_me(job.organisation_id, person.id)
    if row is None:
        return WorkingForm()
    return WorkingForm(obj=SimpleNamespace(helps=row.helps, support_worker=row.support_worker))
