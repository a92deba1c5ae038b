"""Reviewing applications as a panel: read (or listen to) each one without the person's
name, score it against what matters to us on your own scale, then the shortlist."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from panels.common.access import job_or_404, manages, membership
from panels.common.forms import Problems
from panels.lib.limits import parse_id, parse_int
from panels.models import Job, PanelMember
from panels.scoring import combine
from panels.scoring.sheets import ScoringProblem
from panels.shortlist import queries, review
from panels.shortlist.forms import DecideForm
from panels.shortlist.views_common import Routes, refused, shared

routes = Routes()

ONLY_PANEL = (
    "Only panel members score applications. Each member scores on their own, "
    "and their scores stay hidden until reviewing is closed."
)


def _reviewer(job_id: int) -> tuple[Job, PanelMember | None]:
    job = job_or_404(job_id)
    return job, membership(job)


@routes("/jobs/<int:job_id>/review")
@login_required
def reviews(job_id: int):
    job, me = _reviewer(job_id)
    if me is None:
        return refused(job, "Only panel members review applications", ONLY_PANEL)
    sheets = {s.application_id: s for s in queries.sheets_for(job) if s.member_id == me.id}
    return render_template(
        "shortlist/reviews.html",
        job=job,
        applications=queries.anonymised_all(job),
        sheets=sheets,
        qualities=queries.agreed_qualities(job.id),
        setup=queries.setup_for(job.id),
    )


def _page(job, me, found, problems=None, shown=None, status=200):
    sheet = queries.review_sheet(found.id, me.id)
    qualities = queries.agreed_qualities(job.id)
    saved = review.answers_of(sheet)
    if shown is None:
        shown = {
            q.key: ("dk" if saved[q.id] is None else str(saved[q.id]))
            for q in qualities
            if q.id in saved
        }
    setup = queries.setup_for(job.id)
    return render_template(
        "shortlist/review.html",
        job=job,
        me=me,
        application=found,
        qualities=qualities,
        sheet=sheet,
        scale=review.scale_of(sheet, me),
        shown=shown,
        note=(sheet.note if sheet else "") if problems is None else request.form.get("note", ""),
        form=problems or Problems(),
        closed=bool(setup and setup.closed),
        **shared(),
    ), status


@routes("/jobs/<int:job_id>/review/<int:application_id>", methods=["GET", "POST"])
@login_required
def review_application(job_id: int, application_id: int):
    job, me = _reviewer(job_id)
    if me is None:
        return refused(job, "Only panel members review applications", ONLY_PANEL)
    found = queries.anonymised(job, application_id)
    if found is None:
        abort(404)
    if request.method == "GET":
        return _page(job, me, found)
    qualities = queries.agreed_qualities(job.id)
    raw = {q.key: request.form.get(f"q-{q.key}", "") for q in qualities}
    version = parse_int(request.form.get("version", "0"), 0, 2**31 - 1)
    send = request.form.get("action") == "send"
    try:
        if version is None:
            raise ScoringProblem({"scores": "The page sent a bad version. Reload it."})
        result = review.save(
            job, me, found, raw, request.form.get("note", ""), version=version, submit=send
        )
    except ScoringProblem as problem:
        errors = {k if k == "note" or k.startswith("q-") else "scores": v
                  for k, v in problem.errors.items()}  # fmt: skip
        shown = {k: v for k, v in raw.items() if v}
        return _page(job, me, found, Problems(errors), shown, problem.status)
    if result == "submitted":
        flash(f"Your scores for {found.label} are sent. Thank you.", "success")
        return redirect(url_for("shortlist.reviews", job_id=job.id))
    flash(f"Your scores for {found.label} are saved. They are not sent yet.", "success")
    return redirect(url_for("shortlist.review_application", job_id=job.id, application_id=found.id))


@routes("/jobs/<int:job_id>/shortlist")
@login_required
def shortlist(job_id: int):
    job = job_or_404(job_id)
    setup = queries.setup_for(job.id)
    closed = bool(setup and setup.closed)
    made = review.combined(job)
    return render_template(
        "shortlist/shortlist.html",
        job=job,
        closed=closed,
        shortlist=made if closed else None,
        sent=made.sent,
        expected=made.expected,
        coordinator=manages(job),
        decision=review.decided(job),
        form=DecideForm(),
        format_score=combine.format_score,
    )


@routes("/jobs/<int:job_id>/shortlist/close", methods=["POST"])
@login_required
def close_review(job_id: int):
    job = job_or_404(job_id, manage=True)
    review.close(job, current_user)
    flash("Reviewing is closed. The shortlist can be seen now.", "success")
    return redirect(url_for("shortlist.shortlist", job_id=job.id))


@routes("/jobs/<int:job_id>/shortlist/decide", methods=["POST"])
@login_required
def decide(job_id: int):
    job = job_or_404(job_id, manage=True)
    setup = queries.setup_for(job.id)
    form = DecideForm()
    if not (setup and setup.closed):
        return refused(job, "Close reviewing first", "Every member's scores must be in.", 409)
    if review.decided(job) is not None:
        return refused(
            job,
            "The shortlist is already decided",
            "It was recorded before and is kept as it was. Nothing was changed.",
            409,
        )
    if not form.validate_on_submit():
        return refused(job, "The note is not right", " ".join(sum(form.errors.values(), [])), 400)
    own = {a.id for a in queries.applications_for(job, queries.REVIEWED)}
    chosen = {n for v in request.form.getlist("application") if (n := parse_id(v)) in own}
    made = review.decide(job, current_user, chosen, form.note.data or "")
    flash(f"The shortlist is saved. {len(made)} candidates are added for the interview day.")
    return redirect(url_for("shortlist.shortlist", job_id=job.id))
