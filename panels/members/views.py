"""The panel: adding members, their access preferences, and sign-in links."""

from __future__ import annotations

import segno
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup

from panels.auth import service as auth_service
from panels.common.access import coordinator_required, job_or_404, member_or_404
from panels.common.audit import record
from panels.common.forms import first_error_status
from panels.db import db
from panels.lib.keys import unique_key
from panels.members.forms import EditMemberForm, MemberForm
from panels.members.photo import forget_old_file, save_photo_fields
from panels.members.prefs import apply_preferences, load_preferences
from panels.models import PanelMember, User

bp = Blueprint("members", __name__)


@bp.route("/jobs/<int:job_id>/panel/add", methods=["GET", "POST"])
@coordinator_required
def add(job_id: int):
    job = job_or_404(job_id, manage=True)
    form = MemberForm()
    if form.validate_on_submit():
        email = auth_service.normalise_email(form.email.data)
        user = auth_service.user_by_email(email)
        if user and any(m.user_id == user.id for m in job.members):
            form.email.errors.append("This person is already on the panel for this job.")
        else:
            if user is None:
                user = User(email=email, name=form.name.data)
                db.session.add(user)
            apply_preferences(user, form)
            taken = {m.key for m in job.members}
            member = PanelMember(
                job=job,
                user=user,
                key=unique_key(form.name.data, taken, "member"),
                group=form.group.data or None,
            )
            db.session.add(member)
            db.session.flush()
            record("panel member added", job_id=job.id, member=member.key)
            db.session.commit()
            flash(f"{user.name} is now on the panel.", "success")
            return redirect(url_for("jobs.show", job_id=job.id))
    return render_template("members/add.html", form=form, job=job), first_error_status(form)


@bp.route("/jobs/<int:job_id>/panel/<int:member_id>", methods=["GET", "POST"])
@coordinator_required
def edit(job_id: int, member_id: int):
    job = job_or_404(job_id, manage=True)
    member = member_or_404(job, member_id)
    form = EditMemberForm(obj=load_preferences(member.user, member.group))
    form.photo_consent.label.text = f"Candidates may see this photo: {member.user.name} agreed"
    if form.validate_on_submit():
        change = save_photo_fields(member.user, form)
        if change is not None:
            apply_preferences(member.user, form)
            member.group = form.group.data or None
            record("panel member changed", job_id=job.id, member=member.key)
            for action in change.actions:
                record(action, job_id=job.id, on_behalf_of_id=member.user_id, member=member.key)
            db.session.commit()
            forget_old_file(change)
            flash(f"Saved {member.user.name}'s preferences.", "success")
            return redirect(url_for("jobs.show", job_id=job.id))
    return render_template(
        "members/edit.html", form=form, job=job, member=member, person=member.user
    ), first_error_status(form)


@bp.route("/jobs/<int:job_id>/panel/<int:member_id>/remove", methods=["GET", "POST"])
@coordinator_required
def remove(job_id: int, member_id: int):
    job = job_or_404(job_id, manage=True)
    member = member_or_404(job, member_id)
    if request.method == "POST":
        name = member.user.name
        record("panel member removed", job_id=job.id, member=member.key)
        db.session.delete(member)
        db.session.commit()
        flash(f"{name} is no longer on the panel.", "success")
        return redirect(url_for("jobs.show", job_id=job.id))
    return render_template("members/remove.html", job=job, member=member)


@bp.route("/jobs/<int:job_id>/panel/<int:member_id>/sign-in-link", methods=["GET", "POST"])
@coordinator_required
def sign_in_link(job_id: int, member_id: int):
    job = job_or_404(job_id, manage=True)
    member = member_or_404(job, member_id)
    if request.method == "GET":
        return render_template("members/link_start.html", job=job, member=member)
    token, link = auth_service.make_sign_in_link(member.user, current_user)
    record("sign-in link made", job_id=job.id, on_behalf_of_id=member.user_id)
    db.session.commit()
    url = url_for("auth.use_link", token=token, _external=True)
    qr = segno.make(url, error="m")
    svg = Markup(  # noqa: S704  (segno writes the SVG; the URL is ours)
        qr.svg_inline(scale=6, dark="#0b0c0c", light="#ffffff", title="QR code to sign in")
    )
    return render_template(
        "members/link.html",
        job=job,
        member=member,
        url=url,
        qr_svg=svg,
        minutes=int((link.expires_at - link.created_at).total_seconds() // 60),
    )
