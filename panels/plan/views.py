"""Day plan pages: the timetable, settings, candidate order, running late, CSV."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from panels.common.access import (
    candidate_or_404,
    coordinator_required,
    job_or_404,
    manages,
    membership,
    panel_or_404,
)
from panels.common.downloads import download
from panels.common.forms import add_error, first_error_status
from panels.common.sections import Section
from panels.lib.keys import slug
from panels.models import Job, Panel
from panels.plan import booking_queries, planner, queries, service, views_booking
from panels.plan.forms import DaySettingsForm, LateForm, PlaceForm
from panels.plan.timeline import WIDTH, timeline
from panels.questions.queries import agreed_questions

bp = Blueprint("plan", __name__)
views_booking.add_routes(bp)


def _late_form(job: Job) -> LateForm:
    form = LateForm()
    form.candidate.choices = [(c.id, c.name) for c in queries.candidates_for(job)]
    return form


def _ask_words(seconds: float) -> str:
    return planner.minutes_words(seconds / 60) if seconds >= 60 else f"{round(seconds)} seconds"


def _breakdown(job: Job, plan: planner.Plan) -> list[dict]:
    questions = {str(q.id): q for q in agreed_questions(job)}
    names = {str(m.id): m.user.name for m in job.members}
    rows = []
    for number, t in enumerate(plan.per_question, start=1):
        q = questions.get(t.key)
        rows.append(
            {
                "number": number,
                "text": q.easy_read if q else "",
                "asker": names.get(t.asker, "Not chosen yet (planned at the slowest pace)"),
                "ask": _ask_words(t.ask_seconds),
                "learned": t.learned,
                "answer": planner.minutes_words(t.answer_minutes),
                "scoring": planner.minutes_words(t.scoring_minutes)
                if t.scoring_minutes
                else "none",
                "total": planner.minutes_words(t.minutes),
            }
        )
    return rows


def _times_context(job: Job, manage: bool, place: PlaceForm | None) -> dict[str, Any]:
    """The interview times: who has which, and how they got it."""
    booking = queries.booking_settings(job)
    if booking is None:
        return {"booking": None}
    rows, without = booking_queries.rows_for(job)
    return {
        "booking": booking,
        "time_rows": rows,
        "without_time": without,
        "place_form": (place or views_booking.place_form(job)) if manage else None,
        "page_error": bool(place and place.errors),
    }


def _chosen_panel(job: Job) -> Panel | None:
    """With two or more panels, the panel whose plan is shown: ``?panel=`` (404 for a panel
    of another job), else the signed-in member's, else the first. None with one panel."""
    if len(job.panels) < 2:
        return None
    wanted = request.args.get("panel")
    if wanted is not None:
        return panel_or_404(job, wanted)
    me = membership(job)
    return me.panel if me is not None else job.panels[0]


def _room(job: Job, panel: Panel | None) -> str:
    """The room of the plan shown: the chosen panel's, else the one panel's (may be blank)."""
    if panel is not None:
        return panel.room
    return job.panels[0].room if job.panels else ""


def _live_url(job: Job, panel: Panel | None, manage: bool) -> str:
    """The plan's main button: the live screen of the panel shown, if this person may
    drive it (a coordinator, or a member of that panel); else their own panel's."""
    me = membership(job)
    if panel is not None and (manage or (me is not None and me.panel_id == panel.id)):
        return url_for("live.panel_choose", job_id=job.id, panel_id=panel.id)
    return url_for("live.choose", job_id=job.id)


def render_plan(
    job: Job,
    late_form: LateForm | None = None,
    status: int = 200,
    place: PlaceForm | None = None,
):
    """The plan page; ``late_form`` or ``place`` carry errors to show beside their fields."""
    panel = _chosen_panel(job)
    plan, problems = queries.plan_or_problems(job, panel)
    row = queries.day_settings(job)
    manage = manages(job)
    context: dict[str, Any] = {
        "job": job,
        "me": membership(job),
        "plan": plan,
        "problems": problems,
        "settings": row,
        "manage": manage,
        "candidates": queries.candidates_for(job),
        "paces": queries.pace_words(job),
        "shifts": queries.shifts_for(job),
        "minutes_words": planner.minutes_words,
        "width": WIDTH,
        **_times_context(job, manage, place),
        "panel": panel,
        "room": _room(job, panel),
        "live_url": _live_url(job, panel, manage),
    }
    if plan is not None:
        warnings = list(plan.warnings)
        extra = queries.end_by_warning(plan, row)
        if extra:
            warnings.append(extra)
        clashes = queries.part_clashes(job) if manage else []
        if clashes:
            warnings += [*clashes, planner.CLASH_ADVICE]
        boxes, height = timeline(plan)
        context.update(
            warnings=warnings,
            boxes=boxes,
            height=height,
            breakdown=_breakdown(job, plan),
            late=queries.running_late(job, plan, panel=panel) if manage else [],
            form=late_form or (_late_form(job) if manage else None),
        )
    elif manage:
        context["form"] = late_form
    return render_template("plan/show.html", **context), status


@bp.route("/jobs/<int:job_id>/plan")
@login_required
def show(job_id: int):
    job = job_or_404(job_id)
    return render_plan(job)


@bp.route("/jobs/<int:job_id>/plan.csv")
@login_required
def csv(job_id: int):
    job = job_or_404(job_id)
    plan, problems = queries.plan_or_problems(job)
    if plan is None:
        return render_template(
            "error.html",
            heading="This day cannot be planned yet",
            message=" ".join(problems),
        ), 409
    return download(queries.plan_csv(job, plan), f"plan-{slug(job.ref, 'job')}.csv", "text/csv")


@bp.route("/jobs/<int:job_id>/plan/settings", methods=["GET", "POST"])
@coordinator_required
def settings(job_id: int):
    job = job_or_404(job_id, manage=True)
    form = DaySettingsForm(obj=queries.day_settings(job))
    if form.validate_on_submit():
        service.save_settings(job, {name: form[name].data for name in service.SETTING_FIELDS})
        flash("Day settings saved.", "success")
        return redirect(url_for("plan.show", job_id=job.id))
    return render_template("plan/settings.html", form=form, job=job), first_error_status(form)


@bp.route("/jobs/<int:job_id>/plan/order", methods=["POST"])
@coordinator_required
def order(job_id: int):
    job = job_or_404(job_id, manage=True)
    candidate = candidate_or_404(job, request.form.get("candidate_id", ""))
    direction = request.form.get("direction")
    if direction not in ("up", "down"):
        abort(400)
    if service.move_candidate(job, candidate, direction):
        flash(f"{candidate.name} moved {direction}.", "success")
    else:
        flash(
            f"{candidate.name} is already at the {'top' if direction == 'up' else 'end'}.", "info"
        )
    return redirect(url_for("plan.show", job_id=job.id) + "#order")


@bp.route("/jobs/<int:job_id>/plan/late", methods=["POST"])
@coordinator_required
def late(job_id: int):
    job = job_or_404(job_id, manage=True)
    plan = queries.current_plan(job)
    form = _late_form(job)
    if not form.validate_on_submit():
        return render_plan(job, form, 400)
    candidate = candidate_or_404(job, form.candidate.data)
    if plan is None:
        flash("This day cannot be planned yet, so nobody can be moved.", "error")
        return redirect(url_for("plan.show", job_id=job.id))
    minutes = form.minutes.data
    assert minutes is not None  # InputRequired
    try:
        moved = service.shift_later(job, plan, candidate, minutes, current_user.id)
    except planner.PlanError as error:
        add_error(form.minutes, " ".join(error.problems))
        return render_plan(job, form, 400)
    flash(
        f"Everyone after {candidate.name} moved {planner.minutes_words(minutes)} "
        f"later. The day now ends at {moved.ends:%H:%M}.",
        "success",
    )
    return redirect(url_for("plan.show", job_id=job.id))


def job_page_section(job: Job, me, user) -> Section | None:
    links = [("Day plan", url_for("plan.show", job_id=job.id))]
    if len(job.panels) > 1 and manages(job, user):  # each panel runs its own live screen
        links += [
            (f"Live screen: {p.name}", url_for("live.panel_choose", job_id=job.id, panel_id=p.id))
            for p in job.panels
        ]
    else:
        links.append(("Start the interview (live screen)", url_for("live.choose", job_id=job.id)))
    ready = bool(agreed_questions(job))
    return Section(
        title="The interview day",
        text="See the times for the day, and run each interview one question at a time.",
        links=links,
        order=30,
        status="Ready" if ready else "Agree the questions first",
    )
