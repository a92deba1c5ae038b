"""The privacy gate: a panel member who has not agreed yet sees no candidate page.

Run before every request (``before_app_request``); only the pages in
``rules.CANDIDATE_PAGES`` are checked, so other pages pay nothing.
"""

from __future__ import annotations

from flask import jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from panels.common.access import manages, membership
from panels.prepare import queries
from panels.prepare.rules import CANDIDATE_PAGES, must_agree_first

AGREE_FIRST = (
    "Before you see the candidates, read the privacy agreement and say “I agree”. "
    "Nothing you did is lost."
)

NOT_PAGES = frozenset({"plan.csv"})  # a file: refused, not sent on to a page


def check_privacy():
    """None to go on; a redirect to the agreement (a page) or a 403 (anything else)."""
    if request.endpoint not in CANDIDATE_PAGES or not current_user.is_authenticated:
        return None
    job = queries.job_by_id((request.view_args or {}).get("job_id"))
    if job is None:
        return None  # the view says 404
    me = membership(job)
    agreed = me is not None and queries.agreement_of(me) is not None
    if not must_agree_first(
        request.endpoint, manages=manages(job), on_panel=me is not None, agreed=agreed
    ):
        return None
    if request.method == "GET" and request.endpoint not in NOT_PAGES:
        return redirect(url_for("prepare.privacy", job_id=job.id, next=request.path), 303)
    if request.is_json:
        return jsonify(error=AGREE_FIRST), 403
    return render_template("prepare/agree_first.html", job=job, message=AGREE_FIRST), 403


def sees_candidates(job) -> bool:
    """For templates: False for a panel member of this job who has not agreed yet.

    Who may open the job at all is ``job_or_404``'s business, not the agreement's (the
    same as ``rules.must_agree_first``)."""
    if not current_user.is_authenticated or manages(job):
        return True
    me = membership(job)
    return me is None or queries.agreement_of(me) is not None


def invitation_job(token: str) -> int | None:
    """The job of a candidate's invitation link that works today, else None."""
    from flask import current_app

    from panels.invitations import queries as invitation_queries

    opened = invitation_queries.open_link(current_app.config["SECRET_KEY"], token)
    if opened.status != 200 or opened.invitation is None:
        return None
    return opened.invitation.candidate.job_id


def invite_profiles(token: str) -> list:
    """The profiles shown on a candidate's invitation (none if the link does not work)."""
    job_id = invitation_job(token)
    return queries.profiles(job_id) if job_id else []
