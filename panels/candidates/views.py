"""Candidates for a job: added by hand or from a CSV file."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, flash, redirect, render_template, request, url_for

from panels.candidates import candidate_csv, queries, service
from panels.candidates.forms import CandidateForm, CandidateImportForm
from panels.candidates.upload import read_csv_upload
from panels.common.access import candidate_or_404, coordinator_required, job_or_404
from panels.common.forms import add_error, first_error_status
from panels.models import Job

bp = Blueprint("candidates", __name__)

EMAIL_TAKEN = "A candidate with this email is already on this job."


def _details(form: CandidateForm) -> service.CandidateDetails:
    """The candidate's details from a validated form."""
    return service.CandidateDetails(
        name=form.name.data or "",
        email=form.email.data or "",
        phone=form.phone.data or "",
        adjustments=form.adjustments.data or "",
    )


@bp.route("/jobs/<int:job_id>/candidates/add", methods=["GET", "POST"])
@coordinator_required
def add(job_id: int):
    job = job_or_404(job_id, manage=True)
    form = CandidateForm()
    if form.validate_on_submit():
        if queries.email_taken(job, form.email.data or ""):
            add_error(form.email, EMAIL_TAKEN)
        else:
            candidate = service.add_candidate(job, _details(form))
            flash(f"{candidate.name} added.", "success")
            return redirect(url_for("jobs.show", job_id=job.id))
    return render_template("candidates/form.html", form=form, job=job, candidate=None), (
        first_error_status(form)
    )


@bp.route("/jobs/<int:job_id>/candidates/<int:candidate_id>", methods=["GET", "POST"])
@coordinator_required
def edit(job_id: int, candidate_id: int):
    job = job_or_404(job_id, manage=True)
    candidate = candidate_or_404(job, candidate_id)
    form = CandidateForm(obj=candidate)
    if form.validate_on_submit():
        if queries.email_taken(job, form.email.data or "", candidate.id):
            add_error(form.email, EMAIL_TAKEN)
        else:
            service.save_candidate(job, candidate, _details(form))
            flash(f"{candidate.name} saved.", "success")
            return redirect(url_for("jobs.show", job_id=job.id))
    return render_template(
        "candidates/form.html", form=form, job=job, candidate=candidate
    ), first_error_status(form)


@bp.route("/jobs/<int:job_id>/candidates/<int:candidate_id>/remove", methods=["GET", "POST"])
@coordinator_required
def remove(job_id: int, candidate_id: int):
    job = job_or_404(job_id, manage=True)
    candidate = candidate_or_404(job, candidate_id)
    if request.method == "POST":
        service.remove_candidate(job, candidate)
        flash("Candidate removed.", "success")
        return redirect(url_for("jobs.show", job_id=job.id))
    return render_template("candidates/remove.html", job=job, candidate=candidate)


def _parse(job: Job) -> Callable[[bytes], list[candidate_csv.CandidateRow]]:
    """How the job's candidates file is read: checked against the emails already on it."""
    return lambda data: candidate_csv.parse(
        candidate_csv.decode(data), existing_emails=queries.emails_on(job)
    )


@bp.route("/jobs/<int:job_id>/candidates/import", methods=["GET", "POST"])
@coordinator_required
def import_csv(job_id: int):
    job = job_or_404(job_id, manage=True)
    form = CandidateImportForm()
    problems: list[str] = []
    if form.validate_on_submit():
        rows, problems = read_csv_upload(form.file, _parse(job))
        if rows is not None:
            count = service.import_candidates(job, rows)
            flash(f"{count} candidates added.", "success")
            return redirect(url_for("jobs.show", job_id=job.id))
    status = 400 if form.errors else 200
    return render_template("candidates/import.html", form=form, job=job, problems=problems), status
