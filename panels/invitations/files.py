"""An invitation's printout (PDF) and calendar file (.ics), for the page and for email.

Both are made from the invitation as it is now, so an email sent later attaches the
same files the candidate's page gives.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import render_template

from panels.common.pdf import build_pdf, cache_folder, stored_picture_url, symbol_file_url
from panels.common.storage import fetch_many
from panels.invitations import content, queries
from panels.invitations.ics import interview_ics
from panels.lib import filestore
from panels.models import Invitation
from panels.models.base import utcnow


def photo_files(invitation: Invitation) -> dict[str, str]:
    """File-store keys by photo key, for panel members who agreed to show their photo."""
    keys = queries.panel_photos(invitation)
    return {key: file for key, file in keys.items() if filestore.is_key(file)}


def pdf_bytes(invitation: Invitation, build: Callable[..., bytes] = build_pdf) -> bytes:
    """The printout (made by ``build``). Raises PdfFailed when it cannot be made."""
    facts = queries.facts_for(invitation)
    files = photo_files(invitation)
    html = render_template(
        "invitations/print.html",
        blocks=content.blocks(facts),
        symbol_src=symbol_file_url,
        photo_src=lambda key: stored_picture_url(files.get(key, "")),
        listening=False,
    )
    return build(html, pictures=fetch_many(files.values()), cache_dir=cache_folder())


def ics_bytes(invitation: Invitation) -> bytes | None:
    """The calendar file, or None while the times are not known."""
    facts = queries.facts_for(invitation)
    if not facts.times:
        return None
    arrive, start, end = facts.times
    return interview_ics(
        uid=f"invitation-{invitation.id}-{invitation.version}@panels",
        title=facts.job_title,
        start=start,
        end=end,
        place=facts.place,
        description=f"Please come at {content.clock(arrive)}.\n{facts.contact}".strip(),
        stamp=utcnow(),
    )
