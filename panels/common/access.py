"""Who may see what. Every view that touches a job goes through here.

A job belongs to one organisation. Its coordinators (every admin or coordinator of that
organisation) manage it; the people on its panel see it. Nobody else learns it exists:
a job, candidate, member or question of another organisation is a 404, like one that
does not exist.
"""

from __future__ import annotations

from functools import wraps

from flask import abort, has_request_context, session, url_for
from flask_login import current_user, login_required
from sqlalchemy import ColumnElement, or_, select

from panels.db import db
from panels.lib.limits import parse_id
from panels.models import Candidate, Job, OrgRole, Panel, PanelMember
from panels.models.orgs import COORDINATING

# The organisation a coordinator in several organisations is working in (this browser).
CURRENT_ORG_KEY = "_panels_org"


def coordinator_required(view):
    """Only coordinators (of any organisation) may use this view.

    Which jobs they may manage is checked by ``job_or_404(..., manage=True)``.
    """

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


def org_roles(user=None) -> dict[int, str]:
    """Organisation id -> the person's role there (admin, coordinator or member)."""
    user = user or current_user
    if not getattr(user, "is_authenticated", False):
        return {}
    return {m.organisation_id: m.role for m in user.org_memberships}


def coordinated(user=None) -> list[int]:
    """The organisations the person is an admin or coordinator of, in the order joined."""
    return [org for org, role in org_roles(user).items() if role in COORDINATING]


def manages(job: Job, user=None) -> bool:
    """The person is a coordinator (or admin) of the job's organisation."""
    return job.organisation_id in coordinated(user)


def is_org_admin(organisation_id: int | None, user=None) -> bool:
    return org_roles(user).get(organisation_id or 0) == OrgRole.ADMIN


def current_org_id(user=None) -> int | None:
    """The organisation the coordinator works in now: the one they chose, if they still
    coordinate for it, else the first they joined. None for someone who coordinates for
    no organisation."""
    mine = coordinated(user)
    if not mine:
        return None
    chosen = session.get(CURRENT_ORG_KEY) if has_request_context() else None
    if isinstance(chosen, int) and chosen in mine:
        return chosen
    return mine[0]


def choose_org(organisation_id: int) -> bool:
    """Work in this organisation from now on (this browser); False if it is not theirs."""
    if organisation_id not in coordinated():
        return False
    session[CURRENT_ORG_KEY] = organisation_id
    return True


def can_see_job(job: Job, user=None) -> bool:
    user = user or current_user
    if not getattr(user, "is_authenticated", False):
        return False
    return manages(job, user) or membership(job, user) is not None


def _get_or_404(model, value: object):
    """The row with this id; 404 for a missing row or anything that is not an id in range."""
    number = parse_id(value)
    row = None if number is None else db.session.get(model, number)
    if row is None:
        abort(404)
    return row


def job_or_404(job_id: int, *, manage: bool = False) -> Job:
    """The job, if the signed-in person may see it (or manage it); else 404.

    A 404 (not 403) so nobody learns which jobs exist.
    """
    job = _get_or_404(Job, job_id)
    if not can_see_job(job):
        abort(404)
    if manage and not manages(job):
        abort(404)
    return job


def my_place_or_404(job_id: int) -> tuple[Job, PanelMember]:
    """The job and the signed-in person's place on its panel; 404 for anyone else."""
    job = job_or_404(job_id)
    me = membership(job)
    if me is None:
        abort(404)
    return job, me


def _of_job_or_404(model, job: Job, value: int | str):
    """The row of this job with this id; 404 for anything else (another job's, a non-number)."""
    row = _get_or_404(model, value)
    if row.job_id != job.id:
        abort(404)
    return row


def member_or_404(job: Job, member_id: int | str) -> PanelMember:
    """A panel member of this job; 404 for anything else."""
    return _of_job_or_404(PanelMember, job, member_id)


def panel_or_404(job: Job, panel_id: int | str) -> Panel:
    """A panel of this job; 404 for anything else (another job's panel, a non-number)."""
    return _of_job_or_404(Panel, job, panel_id)


def candidate_or_404(job: Job, candidate_id: int | str) -> Candidate:
    """A candidate of this job; 404 for anything else (another job's id, a non-number)."""
    return _of_job_or_404(Candidate, job, candidate_id)


def jobs_for(user, organisation_id: int | None = None) -> list[Job]:
    """Jobs the person may see: the jobs of the organisations they coordinate for (only
    ``organisation_id``'s, if given), and the jobs whose panel they sit on."""
    on_panel = select(PanelMember.job_id).where(PanelMember.user_id == user.id)
    orgs = set(coordinated(user))
    if organisation_id is not None:
        orgs &= {organisation_id}
    seen: ColumnElement[bool] = Job.id.in_(on_panel)
    if orgs:
        seen = or_(seen, Job.organisation_id.in_(orgs))
    query = select(Job).where(seen).order_by(Job.interview_date.desc(), Job.id.desc())
    return list(db.session.scalars(query))


def nav_for(_request) -> list[tuple[str, str]]:
    if not current_user.is_authenticated:
        return []
    items = [("My jobs", url_for("jobs.index")), ("My preferences", url_for("account.prefs"))]
    if current_user.is_coordinator:
        items.insert(1, ("New job", url_for("jobs.create")))
        items.insert(2, ("Organisation", url_for("orgs.show")))
    return items
