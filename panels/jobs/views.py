"""Jobs: the list a person sees, and a job's own page."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from panels.common.access import (
    coordinator_required,
    current_org_id,
    job_or_404,
    jobs_for,
    manages,
    membership,
)
from panels.common.forms import add_error, first_error_status
from panels.jobs import queries, service
from panels.jobs.forms import JobForm
from panels.orgs import queries as orgs_queries

bp = Blueprint("jobs", __name__)

REF_TAKEN = "Another job already has this reference. Choose another one."


@bp.route("/jobs")
@login_required
def index():
    current = current_org_id()
    return render_template(
        "jobs/index.html",
        jobs=jobs_for(current_user, current),
        organisations=orgs_queries.coordinating_in(current_user.id),
        current_org_id=current,
    )


def _details(form: JobForm) -> service.JobDetails:
    """The job's details from a validated form."""
    day, start = form.interview_date.data, form.start_time.data
    assert day is not None and start is not None  # required fields
    return service.JobDetails(
        title=form.title.data or "",
        ref=form.ref.data or "",
        interview_date=day,
        start_time=start,
        place=form.place.data or "",
        contact=form.contact.data or "",
    )


@bp.route("/jobs/new", methods=["GET", "POST"])
@coordinator_required
def create():
    form = JobForm()
    organisation_id = current_org_id()
    assert organisation_id is not None  # a coordinator coordinates for an organisation
    if form.validate_on_submit():
        if queries.ref_taken(form.ref.data or "", organisation_id):
            add_error(form.ref, REF_TAKEN)
        else:
            job = service.create_job(current_user.id, organisation_id, _details(form))
            flash(f"Job '{job.title}' created. Now add the panel.", "success")
            return redirect(url_for("jobs.show", job_id=job.id))
    return render_template(
        "jobs/form.html",
        form=form,
        job=None,
        organisation=orgs_queries.organisation(organisation_id),
    ), first_error_status(form)


@bp.route("/jobs/<int:job_id>")
@login_required
def show(job_id: int):
    job = job_or_404(job_id)
    return render_template("jobs/show.html", job=job, me=membership(job), manage=manages(job))


@bp.route("/jobs/<int:job_id>/edit", methods=["GET", "POST"])
@coordinator_required
def edit(job_id: int):
    job = job_or_404(job_id, manage=True)
    form = JobForm(obj=job)
    if form.validate_on_submit():
        if queries.ref_taken(form.ref.data or "", job.organisation_id, job.id):
            add_error(form.ref, REF_TAKEN)
        else:
            service.save_job(job, _details(form))
            flash("Job saved.", "success")
            return redirect(url_for("jobs.show", job_id=job.id))
    return render_template("jobs/form.html", form=form, job=job), first_error_status(form)
