"""Candidate invitations: the coordinator's screens, and the invitations blueprint.

The candidate's own page, printout, audio and calendar file (no sign-in) are in
``views_candidate``; their routes are on this same blueprint.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from panels.common.access import candidate_or_404, coordinator_required, job_or_404, manages
from panels.common.forms import add_error, csrf_or_400, first_error_status
from panels.common.sections import Section
from panels.invitations import content, queries, service, views_candidate
from panels.invitations.forms import OutcomeForm, SettingsForm
from panels.invitations.links import row_url
from panels.lib import easyread
from panels.models import Candidate, Invitation, Job
from panels.plan import queries as plan_queries
from panels.plan.planner import CLASH_ADVICE

bp = Blueprint("invitations", __name__)
views_candidate.add_routes(bp)


# --- the coordinator's screens --------------------------------------------------------


def _row(candidate: Candidate, invitation: Invitation) -> dict:
    token = queries.token_for(views_candidate.link_secret(), invitation)
    link = url_for("invitations.page", token=token, _external=True)
    facts = queries.facts_for(invitation)
    return {
        "candidate": candidate,
        "invitation": invitation,
        "token": token,
        "link": link,
        "email": content.email_text(candidate.name, link, facts),
        "times": facts.times,
    }


@bp.route("/jobs/<int:job_id>/invitations")
@coordinator_required
def manage(job_id: int):
    job = job_or_404(job_id, manage=True)
    job_settings = queries.settings_of(job)
    rows = [_row(c, queries.invitation_or_first(c)) for c in job.candidates]
    return render_template(
        "invitations/manage.html",
        job=job,
        rows=rows,
        requests=queries.requests_for(job),
        choice_words=content.CHOICE_WORDS,
        settings_form=SettingsForm(obj=job_settings),
        job_settings=job_settings,
        expires_on=queries.expires_on(job),
        clock=content.clock,
        booking=plan_queries.booking_settings(job),
        bookings={b.candidate_id: b for b in plan_queries.bookings_for(job)},
        clashes=plan_queries.part_clashes(job),
        clash_advice=CLASH_ADVICE,
    )


@bp.route("/jobs/<int:job_id>/invitations/settings", methods=["POST"])
@coordinator_required
def settings(job_id: int):
    job = job_or_404(job_id, manage=True)
    form = SettingsForm()
    if form.validate_on_submit():
        service.save_settings(job, bool(form.share_questions.data), request.form.get("links"))
        flash("Saved.", "success")
    return redirect(url_for("invitations.manage", job_id=job.id))


@bp.route(
    "/jobs/<int:job_id>/invitations/<int:candidate_id>/<any(revoke, reissue):action>",
    methods=["POST"],
)
@coordinator_required
def change_link(job_id: int, candidate_id: int, action: str):
    job = job_or_404(job_id, manage=True)
    candidate = candidate_or_404(job, candidate_id)
    csrf_or_400()
    if action == "revoke":
        service.stop_link(candidate)
        flash(f"The link for {candidate.name} no longer works.", "success")
    else:
        service.new_link(candidate)
        flash(f"{candidate.name} has a new link. The old link no longer works.", "success")
    return redirect(row_url(candidate))


@bp.route("/jobs/<int:job_id>/invitations/<int:candidate_id>/revoke", methods=["GET"])
@coordinator_required
def confirm_stop(job_id: int, candidate_id: int):
    """Asks again before a candidate's link is stopped; the POST to the same address does it."""
    job = job_or_404(job_id, manage=True)
    candidate = candidate_or_404(job, candidate_id)
    return render_template(
        "invitations/confirm.html",
        job=job,
        heading=f"Stop the link for {candidate.name}?",
        lines=(
            f"{candidate.name} will not be able to open their invitation any more.",
            "You can make a new link later. You would need to send it again.",
        ),
        action=url_for(
            "invitations.change_link", job_id=job.id, candidate_id=candidate.id, action="revoke"
        ),
        button="Yes, stop the link",
        back=row_url(candidate),
    )


@bp.route("/jobs/<int:job_id>/invitations/close", methods=["GET", "POST"])
@coordinator_required
def close_links(job_id: int):
    """Close every candidate's link for this job: GET asks again, POST does it."""
    job = job_or_404(job_id, manage=True)
    if request.method == "POST":
        csrf_or_400()
        service.save_settings(job, queries.settings_of(job).share_questions, "close")
        flash("All links for this job are closed. No candidate can open their page.", "success")
        return redirect(url_for("invitations.manage", job_id=job.id))
    return render_template(
        "invitations/confirm.html",
        job=job,
        heading="Close all links for this job?",
        lines=(
            f"No candidate for {job.title} will be able to open their invitation.",
            "You can open the links again later.",
        ),
        action=url_for("invitations.close_links", job_id=job.id),
        button="Yes, close all links",
        back=url_for("invitations.manage", job_id=job.id),
    )


def _findings(text: str) -> list[str]:
    report = easyread.check(text)
    return [
        f"“{p.excerpt}”: {p.message}" + (f" {p.suggestion}" if p.suggestion else "")
        for p in report.problems
    ]


def _checked(form: OutcomeForm) -> bool:
    """True if the words may be saved; else the checker's findings go beside the fields."""
    found = False
    for field in (form.outcome, form.feedback):
        findings = _findings(field.data or "")
        if findings and not form.save_anyway.data:
            add_error(field, *findings)
            found = True
    return not found


@bp.route("/jobs/<int:job_id>/invitations/<int:candidate_id>/outcome", methods=["GET", "POST"])
@coordinator_required
def outcome(job_id: int, candidate_id: int):
    job = job_or_404(job_id, manage=True)
    candidate = candidate_or_404(job, candidate_id)
    form = OutcomeForm(obj=queries.invitation_or_blank(candidate))
    if form.validate_on_submit() and _checked(form):
        service.write_outcome(candidate, form.outcome.data or "", form.feedback.data or "")
        flash(f"Saved. {candidate.name} can see it on their invitation page.", "success")
        return redirect(url_for("invitations.manage", job_id=job.id))
    return render_template(
        "invitations/outcome.html", job=job, candidate=candidate, form=form
    ), first_error_status(form)


# --- the job page box ----------------------------------------------------


def job_page_section(job: Job, me, user):
    if not manages(job, user):
        return None
    closed = queries.settings_of(job).closed_at is not None
    return Section(
        title="Tell candidates",
        text="Easy-read invitations for each candidate: a web page, a printout and audio.",
        links=[("Candidate invitations", url_for("invitations.manage", job_id=job.id))],
        order=70,
        status="Links closed" if closed else "Links open",
    )
