"""The coordinator's side of applications: the form's set-up, the list with names,
one full record, a paper or emailed application typed in, and a CSV import.

Panel members never open these: they read applications without names on the review pages.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from panels.candidates.upload import read_csv_upload
from panels.common.access import job_or_404, manages
from panels.common.forms import add_error, first_error_status
from panels.lib import limits
from panels.models import Job
from panels.shortlist import application_csv, queries, service
from panels.shortlist.forms import ImportForm, SetupForm, application_form
from panels.shortlist.views_apply import EMAIL_TAKEN
from panels.shortlist.views_common import Routes, details_from, refused

routes = Routes()

NAMES_HIDDEN = (
    "Panel members read applications without the person's name, contact details or age, "
    "so that everyone judges the words alone. Open the applications to review instead."
)


def _coordinator_job(job_id: int):
    """The job, for its coordinators; a panel member gets a page that says why not."""
    job = job_or_404(job_id)
    if not manages(job):
        return job, refused(job, "Only the coordinator sees who applied", NAMES_HIDDEN)
    return job, None


@routes("/jobs/<int:job_id>/applications/setup", methods=["GET", "POST"])
@login_required
def setup(job_id: int):
    job, no = _coordinator_job(job_id)
    if no:
        return no
    current = queries.setup_for(job.id)
    form = SetupForm(obj=current)
    if form.validate_on_submit():
        prompts = [p.strip() for p in (form.prompts.data or "").splitlines() if p.strip()]
        long = [p for p in prompts if len(p) > limits.APPLICATION_PROMPT]
        if len(prompts) > limits.APPLICATION_PROMPTS:
            add_error(form.prompts, f"Write at most {limits.APPLICATION_PROMPTS} questions")
        elif long:
            add_error(
                form.prompts,
                f"Each question must be {limits.APPLICATION_PROMPT} characters or fewer",
            )
        else:
            service.save_setup(job, bool(form.open.data), prompts)
            flash("The application form is saved.", "success")
            return redirect(url_for("shortlist.setup", job_id=job.id))
    return render_template(
        "shortlist/setup.html", job=job, form=form, current=current
    ), first_error_status(form)


@routes("/jobs/<int:job_id>/applications")
@login_required
def applications(job_id: int):
    job, no = _coordinator_job(job_id)
    if no:
        return no
    return render_template(
        "shortlist/applications.html",
        job=job,
        applications=queries.applications_for(job),
        current=queries.setup_for(job.id),
    )


@routes("/jobs/<int:job_id>/applications/<int:application_id>")
@login_required
def application(job_id: int, application_id: int):
    job, no = _coordinator_job(job_id)
    if no:
        return no
    found = queries.application_or_none(job, application_id)
    if found is None:
        return refused(job, "There is no such application", "Go back to the list.", 404)
    return render_template("shortlist/application.html", job=job, application=found)


def _prompts(job: Job) -> list[str]:
    return queries.prompts_of(queries.setup_for(job.id))


@routes("/jobs/<int:job_id>/applications/add", methods=["GET", "POST"])
@login_required
def add_application(job_id: int):
    job, no = _coordinator_job(job_id)
    if no:
        return no
    prompts = _prompts(job)
    form = application_form(prompts, public=False)()
    status = 200
    if form.validate_on_submit():
        try:
            made = service.add_paper(job, current_user, prompts, details_from(form, prompts))
        except service.DuplicateEmail:
            add_error(form.email, EMAIL_TAKEN)
            status = 409
        else:
            flash(f"{made.label} is added, from {made.name}.", "success")
            return redirect(url_for("shortlist.applications", job_id=job.id))
    return render_template(
        "shortlist/add.html", job=job, form=form, prompts=prompts
    ), status if status != 200 else first_error_status(form)


def _parse(job: Job, questions: int) -> Callable[[bytes], list[application_csv.ApplicationRow]]:
    """How the job's applications file is read: checked against the emails already in."""

    def parse(data: bytes) -> list[application_csv.ApplicationRow]:
        existing = {a.email for a in queries.applications_for(job) if a.email}
        text = application_csv.decode(data)
        return application_csv.parse(text, questions, existing_emails=existing)

    return parse


@routes("/jobs/<int:job_id>/applications/import", methods=["GET", "POST"])
@login_required
def import_applications(job_id: int):
    job, no = _coordinator_job(job_id)
    if no:
        return no
    prompts = _prompts(job)
    form = ImportForm()
    problems: list[str] = []
    if form.validate_on_submit():
        rows, problems = read_csv_upload(form.file, _parse(job, len(prompts)))
        if rows is not None:
            count = service.import_rows(job, current_user, prompts, rows)
            flash(f"{count} applications added.", "success")
            return redirect(url_for("shortlist.applications", job_id=job.id))
    return render_template(
        "shortlist/import.html", job=job, form=form, problems=problems, prompts=prompts
    ), 400 if form.errors else 200
