"""An invitation's printout (PDF) and calendar file (.ics), for the page and for email.

Both are made from the invitation as it is now, so an email sent later attaches the
same files the candidate's page gives.
"""

from __future__ import annotations

from collections.abc import Callable

from panels.common.pdf import build_pdf, cache_folder
from panels.invitations import content, printout, queries
from panels.invitations.ics import interview_ics
from panels.models import Invitation
from panels.models.base import utcnow


def pdf_bytes(invitation: Invitation, build: Callable[..., bytes] = build_pdf) -> bytes:
    """The printout (made by ``build``). Raises PdfFailed when it cannot be made.

    The page is ``printout.print_page``: the same HTML from a request and from the worker,
    so the PDF cache (and removing a candidate's cached copy) finds one file.
    """
    html, pictures = printout.print_page(invitation)
    return build(html, pictures=pictures, cache_dir=cache_folder())


def ics_bytes(invitation: Invitation) -> bytes | None:
    """The calendar file, or None while the times are not known."""
    facts = queries.facts_for(invitation)
    if not facts.times:
        return None
    arrive, start, end = facts.times
    return interview_ics(
        # A first link (version 0) has no row yet: the candidate's id names it.
        uid=f"invitation-{invitation.id or f'c{invitation.candidate_id}'}"
        f"-{invitation.version}@panels",
        title=facts.job_title,
        start=start,
        end=end,
        place=facts.place,
        description=f"Please come at {content.clock(arrive)}.\n{facts.contact}".strip(),
        stamp=utcnow(),
    )
