"""The invitations area's part of the demo job."""

from __future__ import annotations

from panels.invitations import service
from panels.models import Job


def demo_invitations(job: Job) -> None:
    """Every demo candidate has an invitation; the demo panel shares its questions."""
    service.set_up_demo(job)
