"""Candidates for a job: added by hand or from a CSV file."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from panels.candidates import candidate_csv, queries, service
from panels.candidates.forms import CandidateForm, CandidateImportForm
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


def _problems_message(problems: list[str]) -> str:
    return (
        f"The file has {len(problems)} problem{'s' if len(problems) != 1 else ''}. "
        "Nothing was added. Fix the rows below and upload it again."
    )


def _read_upload(job: Job, form: CandidateImportForm) -> list[candidate_csv.CandidateRow] | None:
    """The file's candidates; None with the message beside the field if it cannot be used.

    Raises candidate_csv.CandidateCsvError listing the rows' problems.
    """
    upload = form.file.data
    if not upload or not getattr(upload, "filename", ""):
        add_error(form.file, "Choose a CSV file to upload")
        return None
    return candidate_csv.parse(
        candidate_csv.decode(upload.read()), existing_emails=queries.emails_on(job)
    )


@bp.route("/jobs/<int:job_id>/candidates/import", methods=["GET", "POST"])
@coordinator_required
def import_csv(job_id: int):
    job = job_or_404(job_id, manage=True)
    form = CandidateImportForm()
    problems: list[str] = []
    if form.validate_on_submit():
        try:
            rows = _read_upload(job, form)
        except candidate_csv.CandidateCsvError as error:
            problems = error.problems
            add_error(form.file, _problems_message(problems))
        else:
            if rows is not None:
                count = service.import_candidates(job, rows)
                flash(f"{count} candidates added.", "success")
                return redirect(url_for("jobs.show", job_id=job.id))
    status = 400 if form.errors else 200
    return render_template("candidates/import.html", form=form, job=job, problems=problems), status
