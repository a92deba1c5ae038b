"""HR's side: who has sent scores, close/reopen, combined results, exports, job file
upload and the audit trail. Coordinators only."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from panels.common.access import (
    coordinator_required,
    current_org_id,
    job_or_404,
    manages,
    membership,
)
from panels.common.downloads import XLSX, download
from panels.common.forms import Problems
from panels.common.sections import Section
from panels.lib.keys import slug
from panels.results import exports, queries, service
from panels.results.importer import import_text
from panels.results.jobfile import JobFileError
from panels.results.plot import plot_items
from panels.results.service import ResultsProblem
from panels.results.table import table_body
from panels.scoring.sheets import (
    is_closed,
    record_view,
    seen_candidates,
    state_for,
    statuses,
)

bp = Blueprint("results", __name__)
UPLOAD_MAX = 2 * 1024 * 1024


def _current_org() -> int:
    organisation_id = current_org_id()
    assert organisation_id is not None  # a coordinator coordinates for an organisation
    return organisation_id


def job_page_section(job, me, user):
    if not manages(job, user):
        return None
    closed = is_closed(job.id)
    return Section(
        "Scores and the decision",
        [
            ("Scores sent and results", url_for("results.status", job_id=job.id)),
            ("Audit trail", url_for("results.audit", job_id=job.id)),
        ],
        "Results show here when scoring is closed.",
        order=50,
        status="Scoring closed" if closed else "Scoring open",
        done=closed,
    )


def _pressed(buttons: Mapping[str, tuple[Callable[[], object], str]]) -> Problems:
    """Do what the button pressed (the form's ``action``) asks, and flash what it says
    (when it says something). Problems when it is none of the page's buttons or the
    service refuses; none when it is done."""
    button = buttons.get(request.form.get("action", ""))
    if button is None:
        return Problems({"reason": "Use the buttons on the page."})
    do, done = button
    try:
        do()
    except ResultsProblem as problem:
        return Problems({problem.field: str(problem)})
    if done:
        flash(done, "success")
    return Problems()


@bp.route("/jobs/<int:job_id>/results/status", methods=["GET", "POST"])
@coordinator_required
def status(job_id: int):
    job = job_or_404(job_id, manage=True)
    problems = Problems()
    code = 200
    if request.method == "POST":
        reason = request.form.get("reason", "")
        problems = _pressed(
            {
                "close": (
                    lambda: service.close(job, reason, current_user.id),
                    "Scoring is closed.",
                ),
                "reopen": (
                    lambda: service.reopen(job, reason, current_user.id),
                    "Scoring is open again.",
                ),
            }
        )
        if not problems.errors:
            return redirect(url_for("results.status", job_id=job.id))
        code = 400
    state = state_for(job.id)  # reading only: a GET writes nothing
    me = membership(job)
    sts = statuses(job.id)
    not_sent: list[str] = []
    if me is not None and None not in seen_candidates(current_user.id, job.id):
        not_sent = [c.name for c in job.candidates if sts.get((c.id, me.id)) != "submitted"]
    return render_template(
        "results/status.html",
        job=job,
        me=me,
        state=state,
        statuses=sts,
        form=problems,
        not_sent=not_sent,
    ), code


@bp.route("/jobs/<int:job_id>/results", methods=["GET", "POST"])
@coordinator_required
def show(job_id: int):
    job = job_or_404(job_id, manage=True)
    state = state_for(job.id)  # read once: it says whether scoring is closed, and when
    if not state.closed:
        flash("Results show when scoring is closed.", "info")
        return redirect(url_for("results.status", job_id=job.id))
    problems = Problems()
    code = 200
    if request.method == "POST":
        form = request.form
        problems = _pressed(
            {
                "parity": (
                    lambda: service.set_parity(job, form.get("parity") == "on", current_user.id),
                    "",
                ),
                "weighting": (
                    lambda: service.set_weighting(job, form.get("weighting", ""), current_user.id),
                    "",
                ),
                "finalise": (
                    lambda: service.finalise(job, form.get("reason", ""), current_user.id),
                    "The results are finalised.",
                ),
            }
        )
        if not problems.errors:
            return redirect(url_for("results.show", job_id=job.id))
        code = 400
    data = service.combined_results(job)
    several = len(data.panel_names) > 1  # each panel's score shown beside the members'
    html = render_template(
        "results/show.html",
        job=job,
        data=data,
        state=state,
        plot_items=plot_items(data.results.rows, data.names),
        table_body=table_body(data.results, list(data.panel_names) if several else ()),
        form=problems,
        weighting=service.weighting_of(job),
    )
    record_view(current_user, job.id, None, "results page")  # after drawing: one commit
    return html, code


def _closed_or_redirect(job):
    if not is_closed(job.id):
        flash("Results show when scoring is closed.", "info")
        return redirect(url_for("results.status", job_id=job.id))
    return None


@bp.route("/jobs/<int:job_id>/results.csv")
@coordinator_required
def export_csv(job_id: int):
    return _download(job_id, "CSV", "csv", "text/csv", lambda job, results: exports.to_csv(results))


@bp.route("/jobs/<int:job_id>/results.xlsx")
@coordinator_required
def export_xlsx(job_id: int):
    return _download(
        job_id,
        "Excel",
        "xlsx",
        XLSX,
        lambda job, results: exports.to_xlsx(results, job.title),
    )


def _download(
    job_id: int, kind: str, ending: str, mimetype: str, write: Callable[..., str | bytes]
):
    """The combined results as a file to download (once scoring is closed); the view
    is recorded as "results <kind>"."""
    job = job_or_404(job_id, manage=True)
    if (early := _closed_or_redirect(job)) is not None:
        return early
    body = write(job, service.combined_results(job).results)
    record_view(current_user, job.id, None, f"results {kind}")
    return download(body, f"{slug(job.ref)}-results.{ending}", mimetype)


@bp.route("/jobs/import", methods=["GET", "POST"])
@coordinator_required
def upload():
    problems = Problems()
    listed: list[str] = []
    code = 200
    if request.method == "POST":
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            problems = Problems({"file": "Choose a JSON job file to upload."})
        else:
            raw = upload.read(UPLOAD_MAX + 1)
            try:
                if len(raw) > UPLOAD_MAX:
                    raise JobFileError(["The file is bigger than 2 MB."])
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError:
                    raise JobFileError(["The file is not UTF-8 text."]) from None
                job = import_text(
                    text,
                    actor_id=current_user.id,
                    source=upload.filename[:100],
                    organisation_id=_current_org(),
                )
            except JobFileError as error:
                listed = error.problems
                n = len(listed)
                problems = Problems(
                    {
                        "file": f"The file has {n} problem{'s' if n != 1 else ''}. "
                        "Nothing was imported. Fix them and upload it again."
                    }
                )
            else:
                flash(f"Imported {job.ref}: {job.title}.", "success")
                return redirect(url_for("jobs.show", job_id=job.id))
        code = 400
    return render_template("results/upload.html", form=problems, listed=listed), code


@bp.route("/jobs/<int:job_id>/audit")
@coordinator_required
def audit(job_id: int):
    job = job_or_404(job_id, manage=True)
    events = queries.audit_events(job.id)
    closed = is_closed(job.id)
    html = render_template("results/audit.html", job=job, events=events, closed=closed)
    if closed:  # score values are shown in the trail once scoring is closed
        record_view(current_user, job.id, None, "audit trail")
    return html
