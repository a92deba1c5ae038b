"""Candidates for a job: added by hand or from a CSV file."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlalchemy import func, select

from panels.candidates import candidate_csv
from panels.candidates.forms import CandidateForm, CandidateImportForm
from panels.common.access import candidate_or_404, coordinator_required, job_or_404
from panels.common.audit import record
from panels.common.forms import first_error_status
from panels.db import db
from panels.lib.keys import unique_key
from panels.models import Candidate, Job

bp = Blueprint("candidates", __name__)


def _email_taken(job: Job, email: str, candidate_id: int | None = None) -> bool:
    if not email:
        return False
    query = select(Candidate.id).where(
        Candidate.job_id == job.id, func.lower(Candidate.email) == email.lower()
    )
    if candidate_id is not None:
        query = query.where(Candidate.id != candidate_id)
    return db.session.scalar(query) is not None


def _next_position(job: Job) -> int:
    return (
        db.session.scalar(select(func.max(Candidate.position)).where(Candidate.job_id == job.id))
        or 0
    ) + 1


@bp.route("/jobs/<int:job_id>/candidates/add", methods=["GET", "POST"])
@coordinator_required
def add(job_id: int):
    job = job_or_404(job_id, manage=True)
    form = CandidateForm()
    if form.validate_on_submit():
        if _email_taken(job, form.email.data or ""):
            form.email.errors.append("A candidate with this email is already on this job.")
        else:
            candidate = Candidate(job_id=job.id, position=_next_position(job))
            form.populate_obj(candidate)
            candidate.email = (candidate.email or "").lower()
            candidate.key = unique_key(candidate.name, {c.key for c in job.candidates}, "cand")
            db.session.add(candidate)
            db.session.flush()
            record("candidate added", job_id=job.id, candidate=candidate.key)
            db.session.commit()
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
        if _email_taken(job, form.email.data or "", candidate.id):
            form.email.errors.append("A candidate with this email is already on this job.")
        else:
            form.populate_obj(candidate)
            candidate.email = (candidate.email or "").lower()
            record("candidate changed", job_id=job.id, candidate=candidate.key)
            db.session.commit()
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
        record("candidate removed", job_id=job.id, candidate=candidate.key)
        db.session.delete(candidate)
        db.session.commit()
        flash("Candidate removed.", "success")
        return redirect(url_for("jobs.show", job_id=job.id))
    return render_template("candidates/remove.html", job=job, candidate=candidate)


@bp.route("/jobs/<int:job_id>/candidates/import", methods=["GET", "POST"])
@coordinator_required
def import_csv(job_id: int):
    job = job_or_404(job_id, manage=True)
    form = CandidateImportForm()
    problems: list[str] = []
    status = 200
    if form.validate_on_submit():
        upload = form.file.data
        if not upload or not getattr(upload, "filename", ""):
            form.file.errors.append("Choose a CSV file to upload")
        else:
            existing = {c.email.lower() for c in job.candidates if c.email}
            try:
                rows = candidate_csv.parse(
                    candidate_csv.decode(upload.read()), existing_emails=existing
                )
            except candidate_csv.CandidateCsvError as error:
                problems = error.problems
                form.file.errors.append(
                    f"The file has {len(problems)} problem{'s' if len(problems) != 1 else ''}. "
                    "Nothing was added. Fix the rows below and upload it again."
                )
            else:
                taken = {c.key for c in job.candidates}
                position = _next_position(job)
                for offset, row in enumerate(rows):
                    key = unique_key(row.name, taken, "cand")
                    taken.add(key)
                    db.session.add(
                        Candidate(
                            job=job,
                            key=key,
                            name=row.name,
                            email=row.email,
                            phone=row.phone,
                            adjustments=row.adjustments,
                            position=position + offset,
                        )
                    )
                record("candidates imported", job_id=job.id, count=len(rows))
                db.session.commit()
                flash(f"{len(rows)} candidates added.", "success")
                return redirect(url_for("jobs.show", job_id=job.id))
    if form.errors:
        status = 400
    return render_template("candidates/import.html", form=form, job=job, problems=problems), status
