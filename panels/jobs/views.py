"""Jobs: the list a person sees, and a job's own page."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from panels.common.access import coordinator_required, job_or_404, jobs_for, membership
from panels.common.audit import record
from panels.common.forms import first_error_status
from panels.db import db
from panels.jobs.forms import JobForm
from panels.models import Job

bp = Blueprint("jobs", __name__)


@bp.route("/jobs")
@login_required
def index():
    return render_template("jobs/index.html", jobs=jobs_for(current_user))


def _ref_taken(ref: str, job_id: int | None = None) -> bool:
    query = select(Job.id).where(Job.ref == ref)
    if job_id is not None:
        query = query.where(Job.id != job_id)
    return db.session.scalar(query) is not None


@bp.route("/jobs/new", methods=["GET", "POST"])
@coordinator_required
def create():
    form = JobForm()
    if form.validate_on_submit():
        if _ref_taken(form.ref.data):
            form.ref.errors.append("Another job already has this reference. Choose another one.")
        else:
            job = Job(created_by_id=current_user.id)
            form.populate_obj(job)
            db.session.add(job)
            db.session.flush()
            record("job created", job_id=job.id, ref=job.ref)
            db.session.commit()
            flash(f"Job '{job.title}' created. Now add the panel.", "success")
            return redirect(url_for("jobs.show", job_id=job.id))
    return render_template("jobs/form.html", form=form, job=None), first_error_status(form)


@bp.route("/jobs/<int:job_id>")
@login_required
def show(job_id: int):
    job = job_or_404(job_id)
    return render_template("jobs/show.html", job=job, me=membership(job))


@bp.route("/jobs/<int:job_id>/edit", methods=["GET", "POST"])
@coordinator_required
def edit(job_id: int):
    job = job_or_404(job_id, manage=True)
    form = JobForm(obj=job)
    if form.validate_on_submit():
        if _ref_taken(form.ref.data, job.id):
            form.ref.errors.append("Another job already has this reference. Choose another one.")
        else:
            form.populate_obj(job)
            record("job changed", job_id=job.id)
            db.session.commit()
            flash("Job saved.", "success")
            return redirect(url_for("jobs.show", job_id=job.id))
    return render_template("jobs/form.html", form=form, job=job), first_error_status(form)
