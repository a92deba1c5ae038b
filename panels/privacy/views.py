"""Retention pages for coordinators: the organisation's setting and what goes when, a
job's records (hold, release, who was appointed, remove early), and a person's page
(everything we hold, delete on request)."""

from __future__ import annotations

from babel.dates import format_date
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from panels.common import access
from panels.common.access import (
    candidate_or_404,
    coordinator_required,
    job_or_404,
    manages,
    member_or_404,
)
from panels.common.downloads import download
from panels.common.forms import add_error, csrf_or_400
from panels.common.sections import Section
from panels.orgs import queries as orgs_queries
from panels.privacy import export, queries, rules, service
from panels.privacy.forms import NOBODY, AppointedForm, HoldForm, PolicyForm
from panels.privacy.views_notice import add_routes

bp = Blueprint("privacy", __name__)
add_routes(bp)

STATE_WORDS = {
    rules.State.WAITING: "Kept until the results are finalised",
    rules.State.KEPT: "Kept until {date}",
    rules.State.HELD: "Held: would have gone on {date}",
    rules.State.DUE: "Due to go (on {date})",
    rules.State.GONE: "Removed",
}


def day(moment) -> str:
    """A date the way people read it: 1 June 2027 (Babel, British English)."""
    return format_date(moment, "d MMMM y", locale="en_GB") if moment else ""


def state_words(plan: rules.Plan) -> str:
    return STATE_WORDS[plan.state].format(date=day(plan.remove_on))


def _now():
    from panels.models.base import utcnow

    return utcnow()


def _organisation():
    organisation = orgs_queries.organisation(access.current_org_id())
    if organisation is None:
        abort(403)
    return organisation


@bp.route("/organisation/retention", methods=["GET", "POST"])
@coordinator_required
def organisation():
    organisation = _organisation()
    admin = access.is_org_admin(organisation.id)
    policy = queries.policy_of(organisation.id)
    form = PolicyForm(
        data={
            "keep_months": policy.keep_months,
            "keep_appointed_months": policy.keep_appointed_months,
        }
    )
    if request.method == "POST":
        if not admin:
            abort(403)
        form = PolicyForm()
        if form.validate_on_submit():
            service.save_policy(
                organisation, form.keep_months.data, form.keep_appointed_months.data
            )
            flash("How long details are kept is saved.", "success")
            return redirect(url_for("privacy.organisation"))
    plans = queries.org_plans(organisation.id, _now())
    return render_template(
        "privacy/organisation.html",
        organisation=organisation,
        admin=admin,
        form=form,
        policy=policy,
        plans=plans,
        day=day,
        states=rules.State,
    ), (400 if form.errors else 200)


def _job_page(job, hold_form=None, appointed_form=None, problems=None, status=200):
    plan = queries.job_plan(job, _now())
    appointed = AppointedForm(formdata=None) if appointed_form is None else appointed_form
    gone = queries.gone_ids(job.id)
    appointed.candidate.choices = [(NOBODY, "Nobody yet")] + [
        (str(c.id), c.name) for c in job.candidates if c.id not in gone
    ]
    if appointed_form is None:
        chosen = plan.retention.appointed_id if plan.retention else None
        appointed.candidate.data = str(chosen) if chosen else NOBODY
    hold = hold_form or HoldForm(formdata=None)
    errored = next((f for f in (hold, appointed) if f.errors), hold)
    return render_template(
        "privacy/job.html",
        job=job,
        plan=plan,
        policy=queries.policy_of(job.organisation_id),
        hold=hold,
        appointed=appointed,
        form=errored,
        problems=problems,
        state_words=state_words,
        day=day,
    ), status


@bp.route("/jobs/<int:job_id>/retention")
@coordinator_required
def job(job_id: int):
    return _job_page(job_or_404(job_id, manage=True))


@bp.route("/jobs/<int:job_id>/retention/hold", methods=["POST"])
@coordinator_required
def hold(job_id: int):
    job = job_or_404(job_id, manage=True)
    form = HoldForm()
    if not form.validate_on_submit():
        return _job_page(job, hold_form=form, status=400)
    service.hold(job, form.reason.data or "", current_user.id)
    flash("The job's records are held. Nothing is removed until you release the hold.", "success")
    return redirect(url_for("privacy.job", job_id=job.id))


@bp.route("/jobs/<int:job_id>/retention/release", methods=["POST"])
@coordinator_required
def release(job_id: int):
    job = job_or_404(job_id, manage=True)
    csrf_or_400()
    service.release(job)
    flash("The hold is released.", "success")
    return redirect(url_for("privacy.job", job_id=job.id))


@bp.route("/jobs/<int:job_id>/retention/appointed", methods=["POST"])
@coordinator_required
def appointed(job_id: int):
    job = job_or_404(job_id, manage=True)
    form = AppointedForm()
    ids = {c.id for c in job.candidates} - queries.gone_ids(job.id)
    chosen = form.chosen(ids) if form.validate_on_submit() else False
    if chosen is False:
        add_error(form.candidate, "Choose one of the job's candidates, or nobody yet")
        return _job_page(job, appointed_form=form, status=400)
    service.set_appointed(job, candidate_or_404(job, chosen) if chosen else None)
    flash("Who was appointed is saved.", "success")
    return redirect(url_for("privacy.job", job_id=job.id))


@bp.route("/jobs/<int:job_id>/retention/remove", methods=["GET", "POST"])
@coordinator_required
def remove_early(job_id: int):
    job = job_or_404(job_id, manage=True)
    plan = queries.job_plan(job, _now())
    problem = ""
    if plan.facts.decided_at is None:
        problem = service.NOT_DECIDED
    elif plan.facts.held:
        problem = "The records are held. Release the hold first."
    if request.method == "POST" and not problem:
        csrf_or_400()
        count = service.remove_early(job, current_user.id)
        flash(f"The details of {count} candidates are removed. Their scores stay.", "success")
        return redirect(url_for("privacy.job", job_id=job.id))
    left = [c for c in job.candidates if c.id in set(rules.early(plan.facts))]
    return render_template("privacy/remove_early.html", job=job, left=left, problem=problem), (
        409 if problem and request.method == "POST" else 200
    )


# --- a person's page -------------------------------------------------------------------


def _zip(data: bytes, name: str) -> Response:
    response = download(data, f"{name}.zip", "application/zip")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/jobs/<int:job_id>/candidates/<int:candidate_id>/privacy")
@coordinator_required
def candidate(job_id: int, candidate_id: int):
    job = job_or_404(job_id, manage=True)
    person = candidate_or_404(job, candidate_id)
    plan = queries.job_plan(job, _now()).plan_of(person.id)
    return render_template(
        "privacy/candidate.html", job=job, candidate=person, plan=plan, state_words=state_words
    )


@bp.route("/jobs/<int:job_id>/candidates/<int:candidate_id>/privacy/export", methods=["POST"])
@coordinator_required
def candidate_export(job_id: int, candidate_id: int):
    job = job_or_404(job_id, manage=True)
    person = candidate_or_404(job, candidate_id)
    csrf_or_400()
    data = service.committed(export.export_candidate(person, current_user.id))
    return _zip(data, f"candidate-{person.id}")


@bp.route(
    "/jobs/<int:job_id>/candidates/<int:candidate_id>/privacy/delete", methods=["GET", "POST"]
)
@coordinator_required
def candidate_delete(job_id: int, candidate_id: int):
    job = job_or_404(job_id, manage=True)
    person = candidate_or_404(job, candidate_id)
    problem = service.candidate_refusal(person)
    if request.method == "POST" and not problem:
        csrf_or_400()
        service.delete_candidate(person, current_user.id)
        flash("Their details are deleted. Their scores stay, with no name.", "success")
        return redirect(url_for("privacy.candidate", job_id=job.id, candidate_id=person.id))
    return render_template(
        "privacy/delete.html",
        job=job,
        name=person.name,
        what="candidate",
        problem=problem,
        back=url_for("privacy.candidate", job_id=job.id, candidate_id=person.id),
    ), (409 if problem and request.method == "POST" else 200)


@bp.route("/jobs/<int:job_id>/members/<int:member_id>/privacy")
@coordinator_required
def member(job_id: int, member_id: int):
    job = job_or_404(job_id, manage=True)
    on_panel = member_or_404(job, member_id)
    refusal = service.member_refusal(on_panel.user, job.organisation_id)
    return render_template(
        "privacy/member.html", job=job, member=on_panel, person=on_panel.user, refusal=refusal
    )


@bp.route("/jobs/<int:job_id>/members/<int:member_id>/privacy/export", methods=["POST"])
@coordinator_required
def member_export(job_id: int, member_id: int):
    job = job_or_404(job_id, manage=True)
    on_panel = member_or_404(job, member_id)
    csrf_or_400()
    data = service.committed(export.export_member(on_panel.user, job.organisation, current_user.id))
    return _zip(data, f"panel-member-{on_panel.user_id}")


@bp.route("/jobs/<int:job_id>/members/<int:member_id>/privacy/delete", methods=["GET", "POST"])
@coordinator_required
def member_delete(job_id: int, member_id: int):
    job = job_or_404(job_id, manage=True)
    on_panel = member_or_404(job, member_id)
    person = on_panel.user
    problem = service.member_refusal(person, job.organisation_id)
    if request.method == "POST" and not problem:
        csrf_or_400()
        name = person.name
        service.delete_member(person, job.organisation, current_user.id)
        flash(f"{name}'s details are deleted.", "success")
        return redirect(url_for("jobs.show", job_id=job.id))
    return render_template(
        "privacy/delete.html",
        job=job,
        name=person.name,
        what="panel member",
        problem=problem,
        back=url_for("privacy.member", job_id=job.id, member_id=on_panel.id),
    ), (409 if problem and request.method == "POST" else 200)


# --- the job page's box ------------------------------------------------------------------


def job_page_section(job, me, user):
    """Coordinators: how long the job's records are kept. Panel members: the notice."""
    if manages(job, user):
        plan = queries.job_plan(job, _now())
        if plan.facts.held:
            status = "Held"
        elif plan.facts.decided_at is None:
            status = "Kept until the decision"
        elif plan.next_removal:
            status = f"Next removal {day(plan.next_removal)}"
        else:
            status = "Removed" if all(p.state == rules.State.GONE for p in plan.plans) else "Due"
        links = [("Keeping records", url_for("privacy.job", job_id=job.id))]
        if me is not None:
            links.append(
                ("How we keep your details", url_for("privacy.member_notice", job_id=job.id))
            )
        return Section(
            title="Keeping records",
            text="How long candidates' details are kept, holds, and removing them.",
            links=links,
            order=90,
            status=status,
        )
    if me is not None:
        return Section(
            title="Your details",
            text="What we keep about you, why, and for how long.",
            links=[("How we keep your details", url_for("privacy.member_notice", job_id=job.id))],
            order=90,
        )
    return None
