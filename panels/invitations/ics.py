"""The interview as a calendar file (.ics)."""

from __future__ import annotations

from datetime import datetime

from icalendar import Calendar, Event

from panels.models.base import utcnow


def interview_ics(
    uid: str, title: str, start: datetime, end: datetime, place: str, description: str
) -> bytes:
    """One event in local (floating) time, with the place and what to know."""
    cal = Calendar()
    cal.add("prodid", "-//Panels//Candidate invitation//EN")
    cal.add("version", "2.0")
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", utcnow())
    event.add("summary", f"Interview: {title}")
    event.add("dtstart", start)
    event.add("dtend", end)
    if place.strip():
        event.add("location", ", ".join(p.strip() for p in place.splitlines() if p.strip()))
    event.add("description", description)
    cal.add_component(event)
    return cal.to_ical()
