"""Day plan pages: the timetable, settings, candidate order, running late, CSV."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from panels.common.access import candidate_or_404, coordinator_required, job_or_404, membership
from panels.common.audit import record
from panels.common.forms import first_error_status
from panels.common.sections import Section, job_section
from panels.db import db
from panels.lib.keys import slug
from panels.models import DaySettings, Job
from panels.plan import hooks as _hooks  # noqa: F401  (CLI and demo hooks)
from panels.plan import planner, service
from panels.plan.forms import DaySettingsForm, LateForm
from panels.plan.timeline import WIDTH, timeline

bp = Blueprint("plan", __name__)

SETTING_FIELDS = (
    "start",
    "end_by",
    "max_work_minutes",
    "break_minutes",
    "changeover_minutes",
    "welcome_minutes",
    "close_minutes",
    "arrive_before_minutes",
)


def _late_form(job: Job, plan: planner.Plan | None) -> LateForm:
    form = LateForm()
    form.candidate.choices = [(c.id, c.name) for c in service.candidates_for(job)]
    return form


def _breakdown(job: Job, plan: planner.Plan) -> list[dict]:
    questions = {str(q.id): q for q in service.questions_for(job)}
    names = {str(m.id): m.user.name for m in job.members}
    rows = []
    for number, t in enumerate(plan.per_question, start=1):
        q = questions.get(t.key)
        rows.append(
            {
                "number": number,
                "text": q.easy_read if q else "",
                "asker": names.get(t.asker, "Not chosen yet (planned at the slowest pace)"),
                "ask": planner.minutes_words(t.ask_seconds / 60)
                if t.ask_seconds >= 60
                else f"{round(t.ask_seconds)} seconds",
                "learned": t.learned,
                "answer": planner.minutes_words(t.answer_minutes),
                "scoring": planner.minutes_words(t.scoring_minutes)
                if t.scoring_minutes
                else "none",
                "total": planner.minutes_words(t.minutes),
            }
        )
    return rows


def _render_plan(job: Job, late_form: LateForm | None = None, status: int = 200):
    plan, problems = service.plan_or_problems(job)
    row = service.day_settings(job)
    manage = bool(current_user.is_coordinator)
    context = {
        "job": job,
        "me": membership(job),
        "plan": plan,
        "problems": problems,
        "settings": row,
        "manage": manage,
        "candidates": service.candidates_for(job),
        "paces": service.pace_words(job),
        "shifts": service.shifts_for(job),
        "minutes_words": planner.minutes_words,
        "width": WIDTH,
    }
    if plan is not None:
        warnings = list(plan.warnings)
        extra = service.end_by_warning(plan, row)
        if extra:
            warnings.append(extra)
        boxes, height = timeline(plan)
        context.update(
            warnings=warnings,
            boxes=boxes,
            height=height,
            breakdown=_breakdown(job, plan),
            late=service.running_late(job, plan) if manage else [],
            form=late_form or (_late_form(job, plan) if manage else None),
        )
    elif manage:
        context["form"] = late_form
    return render_template("plan/show.html", **context), status


@bp.route("/jobs/<int:job_id>/plan")
@login_required
def show(job_id: int):
    job = job_or_404(job_id)
    return _render_plan(job)


@bp.route("/jobs/<int:job_id>/plan.csv")
@login_required
def csv(job_id: int):
    job = job_or_404(job_id)
    plan, problems = service.plan_or_problems(job)
    if plan is None:
        return render_template(
            "error.html",
            heading="This day cannot be planned yet",
            message=" ".join(problems),
        ), 409
    filename = f"plan-{slug(job.ref, 'job')}.csv"
    return Response(
        service.plan_csv(job, plan),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.route("/jobs/<int:job_id>/plan/settings", methods=["GET", "POST"])
@coordinator_required
def settings(job_id: int):
    job = job_or_404(job_id, manage=True)
    row = service.day_settings(job)
    form = DaySettingsForm(obj=row)
    if form.validate_on_submit():
        if db.session.get(DaySettings, job.id) is None:
            db.session.add(row)
        for name in SETTING_FIELDS:
            setattr(row, name, getattr(form, name).data)
        record("day settings changed", job_id=job.id, start=f"{row.start:%H:%M}")
        db.session.commit()
        flash("Day settings saved.", "success")
        return redirect(url_for("plan.show", job_id=job.id))
    return render_template("plan/settings.html", form=form, job=job), first_error_status(form)


@bp.route("/jobs/<int:job_id>/plan/order", methods=["POST"])
@coordinator_required
def order(job_id: int):
    job = job_or_404(job_id, manage=True)
    candidate = candidate_or_404(job, request.form.get("candidate_id"))
    direction = request.form.get("direction")
    if direction not in ("up", "down"):
        abort(400)
    if service.move_candidate(job, candidate, direction):
        record("candidate order changed", job_id=job.id, candidate=candidate.key, move=direction)
        db.session.commit()
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
    plan = service.current_plan(job)
    form = _late_form(job, plan)
    if not form.validate_on_submit():
        return _render_plan(job, form, 400)
    candidate = candidate_or_404(job, form.candidate.data)
    if plan is None:
        flash("This day cannot be planned yet, so nobody can be moved.", "error")
        return redirect(url_for("plan.show", job_id=job.id))
    try:
        moved = planner.shift_remaining(plan, str(candidate.id), form.minutes.data)
    except planner.PlanError as error:
        form.minutes.errors.append(" ".join(error.problems))
        return _render_plan(job, form, 400)
    service.add_shift(job, candidate, form.minutes.data, current_user.id)
    record(
        "later candidates moved",
        job_id=job.id,
        candidate=candidate.key,
        minutes=form.minutes.data,
        ends=f"{moved.ends:%H:%M}",
    )
    db.session.commit()
    flash(
        f"Everyone after {candidate.name} moved {planner.minutes_words(form.minutes.data)} "
        f"later. The day now ends at {moved.ends:%H:%M}.",
        "success",
    )
    return redirect(url_for("plan.show", job_id=job.id))


@job_section
def _plan_section(job: Job, me, user) -> Section | None:
    links = [("Day plan", url_for("plan.show", job_id=job.id))]
    links.append(("Start the interview (live screen)", url_for("live.choose", job_id=job.id)))
    return Section(
        title="The interview day",
        text="See the times for the day, and run each interview one question at a time.",
        links=links,
        order=30,
    )
