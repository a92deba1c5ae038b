"""Candidate invitations: the private page (no sign-in) and the coordinator's screens."""

from __future__ import annotations

import time

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    send_from_directory,
    url_for,
)
from flask_wtf import FlaskForm

from panels.common.access import candidate_or_404, coordinator_required, job_or_404
from panels.common.audit import record
from panels.common.forms import first_error_status
from panels.common.pdf import PdfFailed, build_pdf, symbol_file_url
from panels.common.sections import Section, job_section
from panels.db import db
from panels.demo import DEMO_HOOKS
from panels.invitations import content, service
from panels.invitations.forms import AdjustmentForm, OutcomeForm, SettingsForm
from panels.invitations.ics import interview_ics
from panels.lib import easyread, photos, symbols
from panels.lib.speech import SpeechFailed, SpeechUnavailable
from panels.models import Job
from panels.models.base import utcnow

bp = Blueprint("invitations", __name__)


def _secret() -> str:
    return current_app.config["SECRET_KEY"]


def _kind_error(status: int):
    heading, message = content.LINK_GONE if status == 410 else content.LINK_WRONG
    return render_template(
        "invitations/link_problem.html", heading=heading, message=message, help=content.LINK_HELP
    ), (status)


def _opened(token: str):
    """The invitation for a good link, or a response to send back."""
    opened = service.open_link(_secret(), token)
    if opened.status != 200 or opened.invitation is None:
        return None, _kind_error(opened.status)
    return opened.invitation, None


def _page_symbol(code: str) -> str:
    return url_for("invitations.symbol", code=code) if symbols.exists(code) else ""


def _photo_folder():
    return photos.folder_for(current_app.config["MEDIA_DIR"])


def _photo_files(invitation) -> dict:
    """Stored photo files by photo key, for panel members who agreed to show them."""
    folder = _photo_folder()
    names = service.panel_photos(invitation)
    found = {key: photos.path_for(folder, name) for key, name in names.items()}
    return {key: path for key, path in found.items() if path is not None}


def _page_photos(token: str, invitation):
    files = _photo_files(invitation)

    def src(key: str) -> str:
        if key not in files:
            return ""
        return url_for("invitations.panel_photo", token=token, member_id=int(key))

    return src


# --- the candidate's page -----------------------------------------------------------


@bp.route("/invite/<token>", methods=["GET"])
def page(token: str):
    invitation, error = _opened(token)
    if error:
        return error
    return _render_page(token, invitation, AdjustmentForm(), 200)


def _render_page(token: str, invitation, form, status: int):
    facts = service.facts_for(invitation)
    return (
        render_template(
            "invitations/page.html",
            token=token,
            blocks=content.blocks(facts),
            facts=facts,
            form=form,
            choices=content.CHOICES,
            sent=request.args.get("sent") == "1" and status == 200,
            symbol_src=_page_symbol,
            photo_src=_page_photos(token, invitation),
            listening=True,
        ),
        status,
    )


@bp.route("/invite/<token>", methods=["POST"])
def adjustments(token: str):
    invitation, error = _opened(token)
    if error:
        return error
    form = AdjustmentForm()
    if not form.validate_on_submit():
        return _render_page(token, invitation, form, 400)
    candidate = invitation.candidate
    saved = service.add_request(candidate, form.choices.data, form.other.data or "")
    record(
        "candidate asked for adjustments",
        job_id=candidate.job_id,
        candidate=candidate.key,
        request_id=saved.id,
    )
    db.session.commit()
    return redirect(url_for("invitations.page", token=token, sent=1, _anchor="adjustments"))


@bp.route("/invite/symbols/<code>.svg")
def symbol(code: str):
    path = symbols.svg_path(code)
    if path is None:
        abort(404)
    response = send_file(path, mimetype="image/svg+xml", max_age=86400)
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


@bp.route("/invite/<token>/panel/<int:member_id>/photo")
def panel_photo(token: str, member_id: int):
    """A panel member's photo, only if they agreed and are on this candidate's panel."""
    invitation, error = _opened(token)
    if error:
        return error
    name = service.panel_photo(invitation, member_id)
    if photos.path_for(_photo_folder(), name) is None:
        abort(404)
    response = send_from_directory(_photo_folder(), name, max_age=0)
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.route("/invite/<token>/invitation.pdf")
def pdf(token: str):
    invitation, error = _opened(token)
    if error:
        return error
    facts = service.facts_for(invitation)
    files = _photo_files(invitation)
    html = render_template(
        "invitations/print.html",
        blocks=content.blocks(facts),
        symbol_src=symbol_file_url,
        photo_src=lambda key: files[key].as_uri() if key in files else "",
        listening=False,
    )
    started = time.perf_counter()
    try:
        data = build_pdf(html, photo_dir=_photo_folder())
    except PdfFailed as failed:
        current_app.logger.warning("Invitation PDF failed: %r", failed.__cause__)
        return render_template(
            "error.html",
            heading=content.PDF_FAILED[0],
            message=content.PDF_FAILED[1],
        ), 503
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = 'inline; filename="interview-invitation.pdf"'
    response.headers["X-Build-Seconds"] = f"{time.perf_counter() - started:.2f}"
    return response


@bp.route("/invite/<token>/invitation.mp3")
def audio(token: str):
    from panels.audio.views import speaker

    invitation, error = _opened(token)
    if error:
        return error
    text = content.whole_text(content.blocks(service.facts_for(invitation)))
    current = speaker()
    current.timeout = max(current_app.config["SPEECH_TIMEOUT"], 120.0)
    try:
        path = current.audio_path(text)
    except (SpeechUnavailable, SpeechFailed, ValueError) as failed:
        current_app.logger.warning("Invitation audio failed: %s", failed)
        return render_template(
            "error.html",
            heading=content.AUDIO_FAILED[0],
            message=content.AUDIO_FAILED[1],
        ), 503
    response = send_file(
        path,
        mimetype="audio/mpeg",
        as_attachment=request.args.get("download") == "1",
        download_name="interview-invitation.mp3",
        conditional=True,
    )
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


@bp.route("/invite/<token>/interview.ics")
def calendar(token: str):
    invitation, error = _opened(token)
    if error:
        return error
    facts = service.facts_for(invitation)
    if not facts.times:
        return render_template(
            "error.html", heading=content.NO_TIME_YET, message=content.TIMES_LATER
        ), 404
    arrive, start, end = facts.times
    data = interview_ics(
        uid=f"invitation-{invitation.id}-{invitation.version}@panels",
        title=facts.job_title,
        start=start,
        end=end,
        place=facts.place,
        description=f"Please come at {content.clock(arrive)}.\n{facts.contact}".strip(),
    )
    response = Response(data, mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'attachment; filename="interview.ics"'
    return response


# --- the coordinator's screens --------------------------------------------------------


def _link(invitation) -> str:
    token = service.token_for(_secret(), invitation)
    return url_for("invitations.page", token=token, _external=True)


@bp.route("/jobs/<int:job_id>/invitations")
@coordinator_required
def manage(job_id: int):
    job = job_or_404(job_id, manage=True)
    job_settings = service.settings_for(job)
    rows = []
    for candidate in job.candidates:
        invitation = service.invitation_for(candidate)
        token = service.token_for(_secret(), invitation)
        link = url_for("invitations.page", token=token, _external=True)
        facts = service.facts_for(invitation)
        rows.append(
            {
                "candidate": candidate,
                "invitation": invitation,
                "token": token,
                "link": link,
                "email": service.email_text(job, candidate, link, facts),
                "times": facts.times,
            }
        )
    db.session.commit()
    return render_template(
        "invitations/manage.html",
        job=job,
        rows=rows,
        requests=service.requests_for(job),
        choice_words=content.CHOICE_WORDS,
        settings_form=SettingsForm(obj=job_settings),
        job_settings=job_settings,
        expires_on=service.expires_on(job),
        clock=content.clock,
    )


@bp.route("/jobs/<int:job_id>/invitations/settings", methods=["POST"])
@coordinator_required
def settings(job_id: int):
    job = job_or_404(job_id, manage=True)
    job_settings = service.settings_for(job)
    form = SettingsForm()
    if form.validate_on_submit():
        job_settings.share_questions = bool(form.share_questions.data)
        action = request.form.get("links")
        if action == "close":
            job_settings.closed_at = utcnow()
        elif action == "open":
            job_settings.closed_at = None
        record(
            "invitation settings changed",
            job_id=job.id,
            share_questions=job_settings.share_questions,
            closed=job_settings.closed_at is not None,
        )
        db.session.commit()
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
    if not FlaskForm().validate_on_submit():
        abort(400)
    invitation = service.invitation_for(candidate)
    if action == "revoke":
        service.revoke(invitation)
        record("invitation link stopped", job_id=job.id, candidate=candidate.key)
        flash(f"The link for {candidate.name} no longer works.", "success")
    else:
        service.reissue(invitation)
        record(
            "invitation new link",
            job_id=job.id,
            candidate=candidate.key,
            version=invitation.version,
        )
        flash(f"{candidate.name} has a new link. The old link no longer works.", "success")
    db.session.commit()
    return redirect(url_for("invitations.manage", job_id=job.id, _anchor=f"cand-{candidate.id}"))


def _findings(text: str) -> list[str]:
    report = easyread.check(text)
    return [
        f"“{p.excerpt}”: {p.message}" + (f" {p.suggestion}" if p.suggestion else "")
        for p in report.problems
    ]


@bp.route("/jobs/<int:job_id>/invitations/<int:candidate_id>/outcome", methods=["GET", "POST"])
@coordinator_required
def outcome(job_id: int, candidate_id: int):
    job = job_or_404(job_id, manage=True)
    candidate = candidate_or_404(job, candidate_id)
    invitation = service.invitation_for(candidate)
    form = OutcomeForm(obj=invitation)
    if form.validate_on_submit():
        found = False
        for field in (form.outcome, form.feedback):
            findings = _findings(field.data or "")
            if findings and not form.save_anyway.data:
                field.errors = [*findings]
                found = True
        if not found:
            invitation.outcome = form.outcome.data or ""
            invitation.feedback = form.feedback.data or ""
            invitation.outcome_at = utcnow()
            record("invitation outcome written", job_id=job.id, candidate=candidate.key)
            db.session.commit()
            flash(f"Saved. {candidate.name} can see it on their invitation page.", "success")
            return redirect(url_for("invitations.manage", job_id=job.id))
    db.session.commit()
    return render_template(
        "invitations/outcome.html", job=job, candidate=candidate, form=form
    ), first_error_status(form)


# --- the job page box and the demo ----------------------------------------------------


@job_section
def _section(job: Job, me, user):
    if not getattr(user, "is_coordinator", False):
        return None
    return Section(
        title="Candidate invitations",
        text="Easy-read invitations for each candidate: a web page, a printout and audio.",
        links=[("Candidate invitations", url_for("invitations.manage", job_id=job.id))],
        order=60,
    )


def demo_invitations(job: Job) -> None:
    """Every demo candidate has an invitation; the demo panel shares its questions."""
    service.settings_for(job).share_questions = True
    for candidate in job.candidates:
        service.invitation_for(candidate)


if demo_invitations not in DEMO_HOOKS:
    DEMO_HOOKS.append(demo_invitations)
