"""Where a candidate's row is on the coordinator's invitations page: every action on one
candidate (a new link, a stopped link, an email) goes back there."""

from __future__ import annotations

from flask import url_for

from panels.models import Candidate


def row_url(candidate: Candidate) -> str:
    """The invitations page, at this candidate's row (``id="cand-<id>"`` in the template)."""
    return url_for("invitations.manage", job_id=candidate.job_id, _anchor=f"cand-{candidate.id}")
