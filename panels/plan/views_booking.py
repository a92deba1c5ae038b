"""The coordinator's screens for interview times: settings, and placing candidates.

Routes of the plan blueprint (``views.bp``), added by ``add_routes``.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for

from panels.common.access import candidate_or_404, coordinator_required, job_or_404
from panels.common.forms import add_error, first_error_status
from panels.models import BookingJob, Job
from panels.plan import booking_queries, booking_service, queries
from panels.plan.forms import PlaceForm, TimesForm


def add_routes(bp: Blueprint) -> None:
    bp.add_url_rule(
        "/jobs/<int:job_id>/plan/times", view_func=times, endpoint="times", methods=["GET", "POST"]
    )
    bp.add_url_rule(
        "/jobs/<int:job_id>/plan/times/place",
        view_func=place,
        endpoint="place_time",
        methods=["POST"],
    )


def _defaults(job: Job) -> BookingJob:
    found = queries.booking_settings(job)
    if found is not None:
        return found
    return BookingJob(
        job_id=job.id, slots=max(1, len(job.candidates)), self_booking=False, cutoff_hours=24
    )


@coordinator_required
def times(job_id: int):
    job = job_or_404(job_id, manage=True)
    settings = _defaults(job)
    form = TimesForm(obj=settings, times=settings.slots)
    if form.validate_on_submit():
        assert form.times.data is not None and form.cutoff_hours.data is not None
        try:
            booking_service.save_settings(
                job, form.times.data, bool(form.self_booking.data), form.cutoff_hours.data
            )
        except booking_service.Refused as refused:
            add_error(form.times, refused.message)
        else:
            flash("Interview times saved.", "success")
            return redirect(url_for("plan.show", job_id=job.id, _anchor="times"))
    return render_template(
        "plan/times.html", form=form, job=job, stored=queries.booking_settings(job)
    ), first_error_status(form)


def place_form(job: Job) -> PlaceForm:
    form = PlaceForm(prefix="place")
    form.candidate.choices = [(c.id, c.name) for c in queries.candidates_for(job)]
    form.time.choices = [(0, "No time")] + [
        (t.number, f"Time {t.number}: {t.start:%H:%M} to {t.end:%H:%M}")
        for t in booking_queries.times_for(job)
    ]
    return form


@coordinator_required
def place(job_id: int):
    job = job_or_404(job_id, manage=True)
    form = place_form(job)
    if not form.validate_on_submit():
        from panels.plan.views import render_plan

        return render_plan(job, place=form, status=400)
    candidate = candidate_or_404(job, form.candidate.data)
    try:
        done = booking_service.place(job, candidate, form.time.data or None)
    except booking_service.Refused as refused:
        from panels.plan.views import render_plan

        add_error(form.time, refused.message)
        return render_plan(job, place=form, status=refused.status)
    words = {
        "booked": f"{candidate.name} has time {form.time.data} now.",
        "changed": f"{candidate.name} moved to time {form.time.data}.",
        "same": f"{candidate.name} already has time {form.time.data}.",
        "cancelled": f"{candidate.name} has no time now. Their time is free.",
        "none": f"{candidate.name} had no time.",
    }
    flash(words[done], "success" if done in ("booked", "changed", "cancelled") else "info")
    return redirect(url_for("plan.show", job_id=job.id, _anchor="times"))
