"""Email screens: the job's sent messages, sending invitations and links, asking again.

The coordinator's routes check the job through ``panels.common.access``. The two public
pages (a panel member asking for a sign-in link, a candidate asking for their
invitation again) say the same thing whether or not the address is known.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from panels.auth import throttle
from panels.common.access import (
    candidate_or_404,
    coordinator_required,
    job_or_404,
    manages,
    member_or_404,
)
from panels.common.forms import add_error, csrf_or_400, first_error_status
from panels.common.sections import Section
from panels.invitations.links import row_url
from panels.mail import queries, service, words
from panels.mail.forms import AskForm, ReminderForm
from panels.members import service as members_service
from panels.models import Job

bp = Blueprint("mail", __name__)
PREVIEW_CSP = (
    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"
)


# --- the coordinator's "Sent messages" page ------------------------------------------------


@bp.route("/jobs/<int:job_id>/messages")
@coordinator_required
def messages(job_id: int):
    job = job_or_404(job_id, manage=True)
    return _messages_page(job, ReminderForm(obj=queries.settings_of(job)), 200)


def _messages_page(job: Job, form: ReminderForm, status: int):
    return render_template(
        "mail/messages.html",
        job=job,
        messages=queries.messages_for(job),
        form=form,
        has_server=queries.has_server(),
        status_words=words.status_words,
        kind_words=words.KIND_WORDS,
        words=words,
    ), status


@bp.route("/jobs/<int:job_id>/messages/settings", methods=["POST"])
@coordinator_required
def settings(job_id: int):
    job = job_or_404(job_id, manage=True)
    form = ReminderForm()
    if not form.validate_on_submit():
        return _messages_page(job, form, first_error_status(form))
    service.save_settings(
        job,
        bool(form.remind_candidates.data),
        bool(form.remind_members.data),
        int(form.score_reminders.data or 0),
    )
    flash("Saved.", "success")
    return redirect(url_for("mail.messages", job_id=job.id))


@bp.route("/jobs/<int:job_id>/messages/<int:message_id>")
@coordinator_required
def message(job_id: int, message_id: int):
    job = job_or_404(job_id, manage=True)
    found = queries.message_or_404(job, message_id)
    return render_template(
        "mail/message.html",
        job=job,
        message=found,
        has_server=queries.has_server(),
        status_words=words.status_words,
        kind_words=words.KIND_WORDS,
        words=words,
    )


@bp.route("/jobs/<int:job_id>/messages/<int:message_id>/email.html")
@coordinator_required
def message_html(job_id: int, message_id: int):
    """The email's HTML part as it looks, alone, with nothing of ours around it."""
    job = job_or_404(job_id, manage=True)
    found = queries.message_or_404(job, message_id)
    response = Response(found.html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = PREVIEW_CSP
    return response


@bp.route("/jobs/<int:job_id>/messages/<int:message_id>/resend", methods=["POST"])
@coordinator_required
def resend(job_id: int, message_id: int):
    job = job_or_404(job_id, manage=True)
    found = queries.message_or_404(job, message_id)
    csrf_or_400()
    try:
        service.resend(found)
    except service.CannotSend as cannot:
        flash(cannot.message, "error")
    else:
        flash(
            f"The email to {found.recipient_name or found.recipient} will be sent again.", "success"
        )
    return redirect(url_for("mail.messages", job_id=job.id))


# --- sending from the invitations page and the panel ----------------------------------------


@bp.route("/jobs/<int:job_id>/invitations/email", methods=["POST"])
@coordinator_required
def email_all(job_id: int):
    job = job_or_404(job_id, manage=True)
    csrf_or_400()
    queued, problems = service.email_every_invitation(job)
    flash(words.queued_words(queued), "success")
    for problem in problems:
        flash(problem, "error")
    return redirect(url_for("invitations.manage", job_id=job.id))


@bp.route("/jobs/<int:job_id>/invitations/<int:candidate_id>/email", methods=["POST"])
@coordinator_required
def email_invitation(job_id: int, candidate_id: int):
    return _email_candidate(job_id, candidate_id, service.email_invitation, words.invitation_words)


@bp.route("/jobs/<int:job_id>/invitations/<int:candidate_id>/email-outcome", methods=["POST"])
@coordinator_required
def email_outcome(job_id: int, candidate_id: int):
    return _email_candidate(job_id, candidate_id, service.email_outcome, words.outcome_words)


def _email_candidate(job_id: int, candidate_id: int, send, said):
    """Emails one candidate (``send``), says so (``said`` with their name and whether it was
    queued) or says why not, and goes back to their row on the invitations page."""
    job = job_or_404(job_id, manage=True)
    candidate = candidate_or_404(job, candidate_id)
    csrf_or_400()
    try:
        queued = send(candidate)
    except service.CannotSend as cannot:
        flash(cannot.message, "error")
    else:
        flash(said(candidate.name, queued), "success")
    return redirect(row_url(candidate))


@bp.route("/jobs/<int:job_id>/panel/<int:member_id>/email-link", methods=["POST"])
@coordinator_required
def email_link(job_id: int, member_id: int):
    job = job_or_404(job_id, manage=True)
    member = member_or_404(job, member_id)
    csrf_or_400()
    if not members_service.may_have_link_made(job, member):
        abort(403)
    try:
        service.email_sign_in_link(job, member, current_user)
    except service.CannotSend as cannot:
        flash(cannot.message, "error")
    else:
        flash(f"A sign-in link will be emailed to {member.user.name}.", "success")
    return redirect(url_for("jobs.show", job_id=job.id))


# --- asking for a link (no sign-in) ---------------------------------------------------------


def _ask(template: str, ask) -> object:
    form = AskForm()
    if not form.validate_on_submit():
        return render_template(template, form=form, done=False, words=words), first_error_status(
            form
        )
    try:
        throttle.reserve(None, request.remote_addr or "")
    except throttle.TooManyTries as limit:
        add_error(form.email, limit.message)
        return render_template(template, form=form, done=False, words=words), 429
    ask(form.email.data or "")
    return render_template(template, form=AskForm(formdata=None), done=True, words=words), 200


@bp.route("/sign-in/email-me-a-link", methods=["GET", "POST"])
def ask_sign_in():
    return _ask("mail/ask_sign_in.html", service.ask_for_sign_in_link)


@bp.route("/invitation/send-again", methods=["GET", "POST"])
def ask_invitation():
    return _ask("mail/ask_invitation.html", service.ask_for_invitation)


def job_page_section(job: Job, _me, user) -> Section | None:
    """A box on the job page for its coordinators: the sent messages."""
    if not manages(job, user):
        return None
    counts = queries.counts(job)
    return Section(
        title="Messages",
        text="Every email Panels sends for this job: invitations, links and reminders.",
        links=[("Sent messages", url_for("mail.messages", job_id=job.id))],
        order=75,
        status=words.section_status(counts),
        done=bool(counts) and not counts.get("failed"),
    )
