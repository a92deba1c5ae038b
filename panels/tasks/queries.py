"""Reads for /healthz: does the database answer, is a worker's heartbeat recent."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError

from panels.db import db
from panels.models.base import utcnow
from panels.tasks import lease, queue


def health(stale_seconds: float, now: datetime | None = None) -> dict[str, str]:
    """Each check's answer: "ok", or what is wrong in a few words. One query."""
    now = now or utcnow()
    try:
        beat_at = queue.latest_beat()
    except SQLAlchemyError as error:
        db.session.rollback()
        return {"database": f"not answering ({type(error).__name__})", "worker": "unknown"}
    if lease.is_recent(beat_at, now, stale_seconds):
        worker = "ok"
    elif beat_at is None:
        worker = "no worker has ever written a heartbeat"
    else:
        worker = f"no heartbeat for {int((now - beat_at).total_seconds())} seconds"
    return {"database": "ok", "worker": worker}
