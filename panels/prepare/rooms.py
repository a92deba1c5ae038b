"""Who is in the room on the day: the panel, and any support worker who comes with a
member (from their Working with me). For the day plan."""

from __future__ import annotations

from dataclasses import dataclass

from panels.models import Job
from panels.prepare import queries


@dataclass(frozen=True)
class InRoom:
    name: str
    note: str


def room_list(job: Job) -> list[InRoom]:
    working = queries.working_for_job(job)
    found: list[InRoom] = []
    for member in job.members:
        found.append(InRoom(member.user.name, "Panel member"))
        row = working.get(member.id)
        if row is not None and row.support_worker.strip():
            found.append(InRoom(row.support_worker, f"Comes with {member.user.name}"))
    return found


def working_lines(job: Job) -> dict[int, str]:
    """Each member's Working with me as one line, by member id, for the job page."""
    lines: dict[int, str] = {}
    for member_id, row in queries.working_for_job(job).items():
        said = [line.strip().rstrip(".") for line in row.helps.splitlines() if line.strip()]
        if row.support_worker.strip():
            said.append(f"Coming with me: {row.support_worker.strip()}")
        if said:
            lines[member_id] = ". ".join(said) + "."
    return lines
