"""The interview as a calendar file (.ics). Plain Python: no Flask, no database."""

from __future__ import annotations

from datetime import datetime

from icalendar import Calendar, Event


def interview_ics(
    uid: str,
    title: str,
    start: datetime,
    end: datetime,
    place: str,
    description: str,
    stamp: datetime,
) -> bytes:
    """One event in local (floating) time, with the place and what to know.

    ``stamp`` is when the file is made (naive UTC), for the event's DTSTAMP.
    """
    cal = Calendar()
    cal.add("prodid", "-//Panels//Candidate invitation//EN")
    cal.add("version", "2.0")
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", f"Interview: {title}")
    event.add("dtstart", start)
    event.add("dtend", end)
    if place.strip():
        event.add("location", ", ".join(p.strip() for p in place.splitlines() if p.strip()))
    event.add("description", description)
    cal.add_component(event)
    data: bytes = cal.to_ical()
    return data
