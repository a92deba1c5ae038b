"""A background task: make each candidate's invitation audio before anyone asks for it.

The whole invitation read aloud takes a second or more to make; made ahead by the
worker, the candidate's Listen starts at once (the clip is cached by a hash of its
words, so the same words are never made twice, and running this twice costs nothing).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import current_app

from panels.audio import service as audio_service
from panels.db import db
from panels.invitations import content, queries
from panels.lib.limits import parse_id
from panels.models import Job

KIND = "invitations.prepare_audio"


def prepare_audio(payload: Mapping[str, Any]) -> None:
    """Every live invitation of the job, as audio. A job that has gone: nothing to do."""
    job_id = parse_id(payload.get("job_id"))
    job = db.session.get(Job, job_id) if job_id is not None else None
    if job is None:
        return
    speaker = audio_service.speaker()
    if not speaker.available():
        return  # no speech on this machine: the candidate's browser reads it instead
    speaker.timeout = max(current_app.config["SPEECH_TIMEOUT"], 120.0)
    for candidate in job.candidates:
        invitation = queries.invitation_or_first(candidate)
        if invitation.revoked_at is not None:
            continue
        speaker.audio_path(content.whole_text(content.blocks(queries.facts_for(invitation))))
