"""The panel: adding members, their access preferences, and sign-in links."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from functools import partial

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from panels.common.access import coordinator_required, job_or_404, member_or_404, panel_or_404
from panels.common.forms import PanelChoice, add_error, first_error_status
from panels.common.qr import sign_in_link_page
from panels.common.storage import photo_not_kept
from panels.lib import photos
from panels.lib.filestore import StoreUnavailable
from panels.members import service
from panels.members.forms import NOBODY, EditMemberForm, LivedForm, MemberForm, PanelForm
from panels.members.prefs import load_preferences, photo_choice_from, preferences_from
from panels.models import Panel

bp = Blueprint("members", __name__)

ON_PANEL = "This person is already on the panel for this job."
ONE_PANEL_EACH = (
    "A person sits on one panel of a job, so they never score a candidate twice. "
    "To move them, change their panel on their preferences page."
)
HAS_SCORES = (
    "This person has started scoring on their panel, so they stay on it. Their scores are kept."
)
IN_ANOTHER = (
    "This email address is already used with another organisation. "
    "Ask the person for a different email address to use here."
)
LINK_ELSEWHERE = (
    "This person also works with another organisation, so we cannot make a sign-in link "
    "for them here. They can sign in with their own password."
)


@bp.route("/jobs/<int:job_id>/panel/add", methods=["GET", "POST"])
@coordinator_required
def add(job_id: int):
    job = job_or_404(job_id, manage=True)
    form = MemberForm()
    PanelChoice(job.panels).fill(form.panel, posted=request.method == "POST")
    if form.validate_on_submit():
        try:
            member = service.add_member(
                job,
                name=form.name.data or "",
                email=form.email.data or "",
                group=form.group.data or "",
                prefs=preferences_from(form),
                panel=_chosen(job, form.panel.data),
            )
        except service.AlreadyOnPanel:
            more = [ONE_PANEL_EACH] if len(job.panels) > 1 else []
            add_error(form.email, ON_PANEL, *more)
        except service.InAnotherOrganisation:
            add_error(form.email, IN_ANOTHER)
        else:
            flash(f"{member.user.name} is now on the panel.", "success")
            return redirect(url_for("jobs.show", job_id=job.id))
    return render_template("members/add.html", form=form, job=job), first_error_status(form)


@bp.route("/jobs/<int:job_id>/panel/<int:member_id>", methods=["GET", "POST"])
@coordinator_required
def edit(job_id: int, member_id: int):
    job = job_or_404(job_id, manage=True)
    member = member_or_404(job, member_id)
    form = EditMemberForm(obj=load_preferences(member.user, member.group))
    form.photo_consent.label.text = f"Candidates may see this photo: {member.user.name} agreed"
    PanelChoice(job.panels, member.panel_id).fill(form.panel, posted=request.method == "POST")
    status = None
    if form.validate_on_submit():
        try:
            service.save_member(
                job,
                member,
                preferences_from(form),
                form.group.data or "",
                photo_choice_from(form),
                panel=_chosen(job, form.panel.data),
            )
        except service.HasScores:
            add_error(form.panel, HAS_SCORES)
            status = 409
        except (photos.PhotoError, StoreUnavailable) as error:
            status = photo_not_kept(form.photo, error)
        else:
            flash(f"Saved {member.user.name}'s preferences.", "success")
            return redirect(url_for("jobs.show", job_id=job.id))
    return render_template(
        "members/edit.html", form=form, job=job, member=member, person=member.user
    ), status or first_error_status(form)


def _chosen(job, panel_id: int | None):
    """The job's panel with this id (the form checked it is one of them)."""
    return next((p for p in job.panels if p.id == panel_id), None)


@bp.route("/jobs/<int:job_id>/panel/<int:member_id>/remove", methods=["GET", "POST"])
@coordinator_required
def remove(job_id: int, member_id: int):
    job = job_or_404(job_id, manage=True)
    member = member_or_404(job, member_id)
    if service.kept_for_pay(member):
        status = 409 if request.method == "POST" else 200
        return render_template("members/remove.html", job=job, member=member, kept=True), status
    if request.method == "POST":
        name = member.user.name
        service.remove_member(job, member)
        flash(f"{name} is no longer on the panel.", "success")
        return redirect(url_for("jobs.show", job_id=job.id))
    return render_template("members/remove.html", job=job, member=member)


@bp.route("/jobs/<int:job_id>/panel/<int:member_id>/sign-in-link", methods=["GET", "POST"])
@coordinator_required
def sign_in_link(job_id: int, member_id: int):
    job = job_or_404(job_id, manage=True)
    member = member_or_404(job, member_id)
    if not service.may_have_link_made(job, member):
        return render_template(
            "members/link_start.html", job=job, member=member, problem=LINK_ELSEWHERE
        ), 403
    if request.method == "GET":
        return render_template("members/link_start.html", job=job, member=member)
    token, link = service.sign_in_link(job, member, current_user)
    url = url_for("auth.use_link", token=token, _external=True)
    return sign_in_link_page("members/link.html", url, link, job=job, member=member)


NAME_TAKEN = "Another panel of this job has this name. Choose a different name."


@bp.route("/jobs/<int:job_id>/panels", methods=["GET", "POST"])
@coordinator_required
def panels(job_id: int):
    """The job's panels, and a form to add another."""
    job = job_or_404(job_id, manage=True)
    form = PanelForm()
    if form.validate_on_submit():
        add = partial(service.add_panel, job)
        if done := _panel_saved(job, form, add, "Added {}. Now add its members and questions."):
            return done
    return render_template("members/panels.html", job=job, form=form), first_error_status(form)


@bp.route("/jobs/<int:job_id>/panels/<int:panel_id>", methods=["GET", "POST"])
@coordinator_required
def edit_panel(job_id: int, panel_id: int):
    job = job_or_404(job_id, manage=True)
    panel = panel_or_404(job, panel_id)
    form = PanelForm(obj=panel)
    if form.validate_on_submit():
        if done := _panel_saved(job, form, partial(service.save_panel, job, panel), "Saved {}."):
            return done
    return render_template(
        "members/panel_edit.html", job=job, panel=panel, form=form
    ), first_error_status(form)


def _panel_saved(job, form: PanelForm, save: Callable[[str, str, time | None], Panel], said: str):
    """Save the panel form through ``save(name, room, start_time)``: then flash ``said``
    with the panel's name and go back to the job's panels. When another panel of the job
    has the name, say so on the name field and return None (the form is shown again)."""
    try:
        panel = save(form.name.data or "", form.room.data or "", form.start_time.data)
    except service.PanelNameTaken:
        add_error(form.name, NAME_TAKEN)
        return None
    flash(said.format(panel.name), "success")
    return redirect(url_for("members.panels", job_id=job.id))


LIVED_LOCKED = (
    "The decision is already shared with the panel, so who has lived experience stays as "
    "it was for this job."
)


def _lived_current(job, panels, groups) -> str:
    flagged = next((p for p in panels if p.lived_experience), None)
    if flagged is not None:
        return f"panel-{flagged.id}"
    if job.lived_group in groups:
        return f"group-{groups.index(job.lived_group)}"
    return NOBODY


@bp.route("/jobs/<int:job_id>/lived-experience", methods=["GET", "POST"])
@coordinator_required
def lived(job_id: int):
    """Who has lived experience: a panel (of several) or a member group, or nobody."""
    job = job_or_404(job_id, manage=True)
    panels, groups = service.lived_choices(job)
    form = LivedForm()
    form.set_choices([(p.id, p.name) for p in panels], groups)
    if request.method == "GET":
        form.who.data = _lived_current(job, panels, groups)
    status = 200
    if form.validate_on_submit():
        who = form.who.data or NOBODY
        panel = next((p for p in panels if who == f"panel-{p.id}"), None)
        group = next((g for n, g in enumerate(groups) if who == f"group-{n}"), None)
        try:
            service.set_lived(job, panel, group, current_user.id)
        except service.LivedLocked:
            add_error(form.who, LIVED_LOCKED)
            status = 409
        else:
            flash("Saved who has lived experience.", "success")
            return redirect(url_for("members.panels", job_id=job.id))
    return render_template(
        "members/lived.html", job=job, form=form, panels=panels, groups=groups
    ), max(status, first_error_status(form))
