"""The organisation page: its coordinators, and (for admins) inviting and managing them,
its name and what candidates see of it.

Everything here is about the organisation the coordinator works in now
(``access.current_org_id``); a coordinator in several organisations switches between
them on My jobs. Another organisation's membership id is a 404.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from panels.auth.sessions import minutes_words
from panels.common import access
from panels.common.access import coordinator_required
from panels.common.forms import Problems, add_error, csrf_or_400, first_error_status
from panels.common.qr import sign_in_link_page
from panels.lib.limits import parse_id
from panels.models import Organisation, OrgMembership, OrgRole
from panels.orgs import queries, service
from panels.orgs.forms import InviteForm, NameForm, SettingsForm, SignInRulesForm, SwitchForm

bp = Blueprint("orgs", __name__)


def _current() -> Organisation:
    organisation = queries.organisation(access.current_org_id())
    if organisation is None:
        abort(403)
    return organisation


def _admin_of_current() -> Organisation:
    """The current organisation, for its admins only (403 for its other coordinators)."""
    organisation = _current()
    if not access.is_org_admin(organisation.id):
        abort(403)
    return organisation


def _coordinator_or_404(organisation: Organisation, membership_id: int) -> OrgMembership:
    number = parse_id(membership_id)
    membership = None if number is None else queries.coordinator_in(organisation.id, number)
    if membership is None:
        abort(404)
    return membership


def _page(organisation: Organisation, invite: InviteForm | None = None, problems=None):
    invite = invite or InviteForm(formdata=None)
    errored = problems if problems is not None and problems.errors else invite
    display_name, contact = queries.shown_to_candidates(organisation)
    return render_template(
        "orgs/show.html",
        organisation=organisation,
        coordinators=queries.coordinators(organisation.id),
        members=queries.member_count(organisation.id),
        display_name=display_name,
        contact=contact,
        keep_months=queries.keep_months(organisation.id),
        require_two_step=bool(organisation.settings and organisation.settings.require_two_step),
        admin=access.is_org_admin(organisation.id),
        invite=invite,
        form=errored,
        problems=problems or Problems(),
        me=current_user,
    ), (400 if errored.errors else 200)


@bp.route("/organisation")
@coordinator_required
def show():
    return _page(_current())


@bp.route("/organisation/invite", methods=["POST"])
@coordinator_required
def invite():
    organisation = _admin_of_current()
    form = InviteForm()
    if not form.validate_on_submit():
        return _page(organisation, form)
    try:
        invited = service.invite(
            organisation,
            name=form.name.data or "",
            email=form.email.data or "",
            role=OrgRole(form.role.data),
            made_by=current_user,
        )
    except service.OrgProblem as problem:
        add_error(form.email, problem.message)
        return _page(organisation, form)
    url = url_for("auth.use_link", token=invited.token, _external=True)
    return sign_in_link_page(
        "orgs/invited.html",
        url,
        invited.link,
        organisation=organisation,
        person=invited.membership.user,
    )


@bp.route("/organisation/name", methods=["GET", "POST"])
@coordinator_required
def rename():
    organisation = _admin_of_current()
    form = NameForm(obj=organisation)
    return _saved_or_again(
        "orgs/name.html",
        organisation,
        form,
        lambda: service.rename(organisation, form.name.data or ""),
        "The organisation's name is saved.",
    )


@bp.route("/organisation/settings", methods=["GET", "POST"])
@coordinator_required
def settings():
    organisation = _admin_of_current()
    form = SettingsForm(obj=queries.settings_of(organisation.id))
    return _saved_or_again(
        "orgs/settings.html",
        organisation,
        form,
        lambda: service.save_settings(
            organisation, form.display_name.data or "", form.contact.data or ""
        ),
        "What candidates see is saved.",
    )


def _saved_or_again(template: str, organisation, form, save, saved: str):
    """One of the organisation's own pages: a good form is saved (``save()``), ``saved`` is
    said on the organisation's page; else this page again with the problems."""
    if form.validate_on_submit():
        save()
        flash(saved, "success")
        return redirect(url_for("orgs.show"))
    return render_template(template, organisation=organisation, form=form), first_error_status(form)


@bp.route("/organisation/sign-in", methods=["GET", "POST"])
@coordinator_required
def sign_in_rules():
    """How coordinators sign in: two-step sign-in for all, and the time-out (a setting)."""
    organisation = _admin_of_current()
    form = SignInRulesForm(obj=queries.settings_of(organisation.id))
    if form.validate_on_submit():
        try:
            service.save_sign_in_rules(organisation, bool(form.require_two_step.data), current_user)
        except service.OrgProblem as problem:
            add_error(form.require_two_step, problem.message)
        else:
            flash("How coordinators sign in is saved.", "success")
            return redirect(url_for("orgs.show"))
    minutes = float(current_app.config["COORDINATOR_IDLE_MINUTES"])
    return render_template(
        "orgs/sign_in_rules.html",
        organisation=organisation,
        form=form,
        idle=minutes_words(minutes),
    ), first_error_status(form)


@bp.route("/organisation/coordinators/<int:membership_id>/role", methods=["POST"])
@coordinator_required
def role(membership_id: int):
    organisation = _admin_of_current()
    membership = _coordinator_or_404(organisation, membership_id)
    csrf_or_400()
    try:
        new_role = OrgRole(request.form.get("role", ""))
    except ValueError:
        abort(400)
    if new_role == OrgRole.MEMBER:
        abort(400)
    name = membership.user.name
    try:
        service.change_role(organisation, membership, new_role)
    except service.LastAdmin as problem:
        return _page(
            organisation, problems=Problems({f"coordinator-{membership_id}": problem.message})
        )
    words = "an admin" if new_role == OrgRole.ADMIN else "a coordinator"
    flash(f"{name} is now {words}.", "success")
    return redirect(url_for("orgs.show"))


@bp.route("/organisation/coordinators/<int:membership_id>/remove", methods=["GET", "POST"])
@coordinator_required
def remove(membership_id: int):
    organisation = _admin_of_current()
    membership = _coordinator_or_404(organisation, membership_id)
    person = membership.user
    problems = Problems()
    if request.method == "POST":
        csrf_or_400()
        try:
            service.remove(organisation, membership)
        except service.LastAdmin as problem:
            problems = Problems({"remove": problem.message})
        else:
            flash(f"{person.name} is no longer a coordinator here.", "success")
            return redirect(url_for("orgs.show" if access.current_org_id() else "jobs.index"))
    return render_template(
        "orgs/remove.html", organisation=organisation, person=person, form=problems
    ), (400 if problems.errors else 200)


@bp.route("/organisation/coordinators/<int:membership_id>/sign-in-link", methods=["GET", "POST"])
@coordinator_required
def sign_in_link(membership_id: int):
    organisation = _admin_of_current()
    membership = _coordinator_or_404(organisation, membership_id)
    person = membership.user
    problem = (
        None
        if service.may_have_link_made(organisation.id, membership.user_id)
        else service.LINK_ELSEWHERE
    )
    if request.method == "POST" and problem is None:
        csrf_or_400()
        token, link = service.sign_in_link(organisation, membership, current_user)
        url = url_for("auth.use_link", token=token, _external=True)
        return sign_in_link_page(
            "orgs/link.html", url, link, organisation=organisation, person=person
        )
    return render_template(
        "orgs/link_start.html", organisation=organisation, person=person, problem=problem
    ), (403 if problem else 200)


@bp.route("/organisation/switch", methods=["POST"])
@coordinator_required
def switch():
    form = SwitchForm()
    chosen = parse_id(form.organisation.data)
    if not form.validate_on_submit() or chosen is None or not access.choose_org(chosen):
        abort(404)
    organisation = queries.organisation(chosen)
    assert organisation is not None
    flash(f"You are working in {organisation.name}.", "success")
    return redirect(url_for("jobs.index"))
