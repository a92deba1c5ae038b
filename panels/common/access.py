"""Who may see what. Every view that touches a job goes through here."""

from __future__ import annotations

from functools import wraps

from flask import abort, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from panels.db import db
from panels.models import Candidate, Job, PanelMember


def coordinator_required(view):
    """Only coordinators may use this view."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_coordinator:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def membership(job: Job, user=None) -> PanelMember | None:
    user = user or current_user
    if not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(
        select(PanelMember).where(PanelMember.job_id == job.id, PanelMember.user_id == user.id)
    )


def can_see_job(job: Job, user=None) -> bool:
    user = user or current_user
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_coordinator) or membership(job, user) is not None


def job_or_404(job_id: int, *, manage: bool = False) -> Job:
    """The job, if the signed-in person may see it (or manage it); else 404.

    A 404 (not 403) so nobody learns which jobs exist.
    """
    job = db.session.get(Job, job_id)
    if job is None or not can_see_job(job):
        abort(404)
    if manage and not current_user.is_coordinator:
        abort(404)
    return job


def member_or_404(job: Job, member_id: int) -> PanelMember:
    member = db.session.get(PanelMember, member_id)
    if member is None or member.job_id != job.id:
        abort(404)
    return member


def candidate_or_404(job: Job, candidate_id: int | str) -> Candidate:
    """A candidate of this job; 404 for anything else (another job's id, a non-number)."""
    try:
        candidate = db.session.get(Candidate, int(candidate_id))
    except (TypeError, ValueError):
        abort(404)
    if candidate is None or candidate.job_id != job.id:
        abort(404)
    return candidate


def jobs_for(user) -> list[Job]:
    """Jobs the person may see: all for coordinators, their own panels for members."""
    query = select(Job).order_by(Job.interview_date.desc(), Job.id.desc())
    if not user.is_coordinator:
        query = query.join(PanelMember).where(PanelMember.user_id == user.id)
    return list(db.session.scalars(query))


def nav_for(_request) -> list[tuple[str, str]]:
    if not current_user.is_authenticated:
        return []
    items = [("My jobs", url_for("jobs.index")), ("My preferences", url_for("account.prefs"))]
    if current_user.is_coordinator:
        items.insert(1, ("New job", url_for("jobs.create")))
    return items
