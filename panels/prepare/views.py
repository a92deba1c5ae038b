"""Preparing together: the coordinator's pages (preparation meetings, who came and their
time for pay, each member's Working with me and training, the one-page profiles), the
panel's profile page and a meeting's calendar file. The member's own pages are in
``views_member``; their routes are on this blueprint too."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from panels.common.access import coordinator_required, job_or_404, manages, member_or_404
from panels.common.downloads import download
from panels.common.forms import add_error, first_error_status
from panels.common.sections import Section
from panels.common.storage import file_response, photo_not_kept
from panels.invitations.ics import interview_ics
from panels.lib import photos
from panels.lib.filestore import StoreUnavailable
from panels.models.base import utcnow
from panels.prepare import gate, queries, service, views_member
from panels.prepare.forms import KIND_WORDS, AttendedForm, MeetingForm, ProfileForm
from panels.prepare.pacing import PacingError
from panels.prepare.pages import meeting_view, working_form
from panels.prepare.views_member import symbol_src

READ_FIRST = "Read this first: keeping things private."

bp = Blueprint("prepare", __name__)
bp.before_app_request(gate.check_privacy)
views_member.add_routes(bp)


def _meeting_or_404(job, meeting_id: int):
    meeting = queries.meeting_of(job, meeting_id)
    if meeting is None:
        abort(404)
    return meeting


def _details(form: MeetingForm) -> service.MeetingDetails:
    assert form.day.data and form.start.data and form.break_every.data  # validated
    return service.MeetingDetails(
        day=form.day.data,
        start=form.start.data,
        place=form.place.data or "",
        what=form.what.data or "",
        break_every=form.break_every.data,
    )


@bp.route("/jobs/<int:job_id>/meetings", methods=["GET", "POST"])
@coordinator_required
def meetings(job_id: int):
    job = job_or_404(job_id, manage=True)
    form = MeetingForm()
    if form.validate_on_submit():
        try:
            meeting = service.add_meeting(job, _details(form))
        except PacingError as error:
            add_error(form.what, str(error))
        else:
            flash("The meeting is planned. The panel can see it now.", "success")
            return redirect(url_for("prepare.meeting", job_id=job.id, meeting_id=meeting.id), 303)
    views = [meeting_view(job, m) for m in queries.meetings(job)]
    return render_template(
        "prepare/meetings.html", job=job, form=form, meetings=views
    ), first_error_status(form)


def _attended_form(job, meeting) -> AttendedForm:
    form = AttendedForm()
    form.came.choices = [(str(m.id), m.user.name) for m in job.members]
    if request.method == "GET":
        form.came.data = [str(r.member_id) for r in meeting.replies if r.attended]
    return form


def _meeting_page(job, meeting, form=None, attended=None, status=200):
    if form is None:
        form = MeetingForm(
            obj=meeting,
            data={"start": meeting.start_time} if request.method == "GET" else None,
        )
    return render_template(
        "prepare/meeting.html",
        job=job,
        view=meeting_view(job, meeting),
        form=form,
        attended=attended or _attended_form(job, meeting),
        replies={r.member_id: r for r in meeting.replies},
    ), status


@bp.route("/jobs/<int:job_id>/meetings/<int:meeting_id>", methods=["GET", "POST"])
@coordinator_required
def meeting(job_id: int, meeting_id: int):
    job = job_or_404(job_id, manage=True)
    found = _meeting_or_404(job, meeting_id)
    if request.method == "GET":
        return _meeting_page(job, found)
    form = MeetingForm()
    if form.validate_on_submit():
        try:
            service.change_meeting(job, found, _details(form))
        except PacingError as error:
            add_error(form.what, str(error))
        else:
            flash("The meeting is changed.", "success")
            return redirect(url_for("prepare.meeting", job_id=job.id, meeting_id=found.id), 303)
    return _meeting_page(job, found, form=form, status=400)


@bp.route("/jobs/<int:job_id>/meetings/<int:meeting_id>/came", methods=["POST"])
@coordinator_required
def attended(job_id: int, meeting_id: int):
    job = job_or_404(job_id, manage=True)
    found = _meeting_or_404(job, meeting_id)
    form = _attended_form(job, found)
    if not form.validate_on_submit():
        form.came.errors = ["Choose people on this panel only"]
        return _meeting_page(job, found, attended=form, status=400)
    service.set_attended(job, found, {int(i) for i in form.came.data or []})
    flash("Saved who came.", "success")
    return redirect(url_for("prepare.meeting", job_id=job.id, meeting_id=found.id), 303)


@bp.route("/jobs/<int:job_id>/meetings/<int:meeting_id>/pay", methods=["POST"])
@coordinator_required
def meeting_pay(job_id: int, meeting_id: int):
    job = job_or_404(job_id, manage=True)
    found = _meeting_or_404(job, meeting_id)
    if found.day > utcnow().date():
        flash("This meeting has not happened yet. Add its time after the meeting.", "error")
        return _meeting_page(job, found, status=409)
    try:
        result = service.add_to_pay(job, found)
    except PacingError as error:
        flash(str(error), "error")
        return _meeting_page(job, found, status=409)
    message = f"Added the meeting time for {result.added} panel members to pay."
    if result.skipped:
        message += " Not added (paid already, or they have time then): " + ", ".join(result.skipped)
    flash(message, "success")
    return redirect(url_for("prepare.meeting", job_id=job.id, meeting_id=found.id), 303)


@bp.route("/jobs/<int:job_id>/meetings/<int:meeting_id>/remove", methods=["GET", "POST"])
@coordinator_required
def remove_meeting(job_id: int, meeting_id: int):
    """GET asks first, on a page of its own; POST (from that page) removes the meeting."""
    job = job_or_404(job_id, manage=True)
    found = _meeting_or_404(job, meeting_id)
    if request.method == "GET":
        return render_template("prepare/remove_meeting.html", job=job, meeting=found)
    if any(r.paid for r in found.replies):
        flash("This meeting's time is in pay, so it stays.", "error")
        return _meeting_page(job, found, status=409)
    service.remove_meeting(job, found)
    flash("The meeting is removed.", "success")
    return redirect(url_for("prepare.meetings", job_id=job.id), 303)


@bp.route("/jobs/<int:job_id>/meetings/<int:meeting_id>/meeting.ics")
@login_required
def meeting_ics(job_id: int, meeting_id: int):
    job = job_or_404(job_id)
    view = meeting_view(job, _meeting_or_404(job, meeting_id))
    if view.plan is None:
        abort(404)
    body = interview_ics(
        uid=f"prep-{view.meeting.id}@panels",
        title=job.title,
        start=view.plan.steps[0].start,
        end=view.plan.ends,
        place=view.meeting.place,
        description=" ".join(view.sentences()),
        stamp=utcnow(),
    ).replace(b"SUMMARY:Interview: ", b"SUMMARY:Preparation meeting: ")
    return download(body, f"meeting-{view.meeting.id}.ics", "text/calendar")


@bp.route("/jobs/<int:job_id>/panel/<int:member_id>/working-with-me", methods=["GET", "POST"])
@coordinator_required
def member_working(job_id: int, member_id: int):
    """The coordinator writes it with the member, in the member's words."""
    job = job_or_404(job_id, manage=True)
    member = member_or_404(job, member_id)
    form = working_form(job, member.user)
    if form.validate_on_submit():
        service.save_working_with_me(
            job.organisation_id,
            member.user,
            form.helps.data or "",
            form.support_worker.data or "",
            current_user,
            job,
        )
        flash(f"Saved what helps {member.user.name}.", "success")
        return redirect(url_for("jobs.show", job_id=job.id), 303)
    return render_template(
        "prepare/member_working.html",
        job=job,
        member=member,
        form=form,
        training=queries.training(job.organisation_id, member.user_id),
        kind_words=KIND_WORDS,
    ), first_error_status(form)


@bp.route("/jobs/<int:job_id>/profiles", methods=["GET", "POST"])
@login_required
def profiles(job_id: int):
    """The panel's page (tablets) of the people to be supported; coordinators add here."""
    job = job_or_404(job_id)
    manage = manages(job)
    form = ProfileForm()
    status = 200
    if request.method == "POST":
        if not manage:
            abort(404)
        status = _add_profile(job, form)
        if status == 303:
            flash("The profile is added.", "success")
            return redirect(url_for("prepare.profiles", job_id=job.id), 303)
    return render_template(
        "prepare/profiles.html",
        job=job,
        form=form,
        manage=manage,
        profiles=queries.profiles(job.id),
        symbol_src=symbol_src,
    ), status


def _add_profile(job, form: ProfileForm) -> int:
    if not form.validate_on_submit():
        return 400
    upload = form.photo.data
    data = upload.read(photos.MAX_BYTES + 1) if upload else None
    try:
        service.add_profile(
            job,
            form.name.data or "",
            form.words.data or "",
            form.symbol.data or "",
            data or None,
            form.consent_by.data or "",
        )
    except (photos.PhotoError, StoreUnavailable) as error:
        return photo_not_kept(form.photo, error)
    return 303


@bp.route("/jobs/<int:job_id>/profiles/<int:profile_id>/withdraw", methods=["GET", "POST"])
@coordinator_required
def withdraw_profile(job_id: int, profile_id: int):
    """GET asks first, on a page of its own; POST (from that page) hides the profile."""
    job = job_or_404(job_id, manage=True)
    profile = queries.profile_of(job.id, profile_id)
    if profile is None or (request.method == "GET" and profile.withdrawn_at is not None):
        abort(404)
    if request.method == "GET":
        return render_template("prepare/withdraw_profile.html", job=job, profile=profile)
    service.withdraw_profile(job, profile)
    flash("Consent withdrawn. Nobody sees this profile now.", "success")
    return redirect(url_for("prepare.profiles", job_id=job.id), 303)


@bp.route("/jobs/<int:job_id>/profiles/<int:profile_id>/photo")
@login_required
def profile_photo(job_id: int, profile_id: int):
    return _photo(job_or_404(job_id).id, profile_id)


@bp.route("/invite/<token>/profiles/<int:profile_id>/photo")
def invite_profile_photo(token: str, profile_id: int):
    """A profile's photo on a candidate's invitation (the link is the key)."""
    return _photo(gate.invitation_job(token), profile_id)


def _photo(job_id: int | None, profile_id: int):
    """A profile's photo; 404 for another job's profile, a hidden one, or one without."""
    profile = queries.profile_of(job_id, profile_id) if job_id else None
    if profile is None or profile.withdrawn_at is not None or not profile.photo:
        abort(404)
    return file_response(profile.photo)


def job_page_section(job, me, user):
    """Coordinators: meetings and profiles. A panel member: their own preparing pages."""
    if manages(job, user):
        count = len(queries.meetings(job))
        return Section(
            title="Preparing with the panel",
            text=f"{count} preparation {'meeting' if count == 1 else 'meetings'} planned.",
            links=[
                ("Preparation meetings", url_for("prepare.meetings", job_id=job.id)),
                ("About the people we support", url_for("prepare.profiles", job_id=job.id)),
            ],
            order=15,
            status="Planned" if count else "Not started",
            done=bool(count),
        )
    if me is None:
        return None
    agreed = queries.agreement_of(me) is not None
    links = [
        ("Keeping things private", url_for("prepare.privacy", job_id=job.id)),
        ("Working with me", url_for("prepare.my_working", job_id=job.id)),
        ("Preparing", url_for("prepare.preparing", job_id=job.id)),
        ("About the people we support", url_for("prepare.profiles", job_id=job.id)),
    ]
    return Section(
        title="Getting ready",
        text="You agreed to keep things private."
        if agreed
        else "Read this first: keeping things private.",
        links=links,
        order=5,
        status="Done" if agreed else "To do",
        done=agreed,
    )
