"""A person's own access preferences and photo."""

from __future__ import annotations

from babel.dates import format_date
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from panels.account import queries, service
from panels.account.forms import NewCodesForm, OffForm, SetupForm, StartForm
from panels.auth import totp, two_step
from panels.auth.throttle import TooManyTries
from panels.common.access import coordinator_required
from panels.common.forms import add_error, first_error_status
from panels.common.qr import qr_svg
from panels.common.storage import file_response, photo_not_kept
from panels.lib import photos
from panels.lib.filestore import StoreUnavailable
from panels.members.photo import may_see_photo
from panels.members.preferences_form import PreferencesForm
from panels.members.prefs import load_preferences, photo_choice_from, preferences_from

bp = Blueprint("account", __name__)


@bp.route("/my-preferences", methods=["GET", "POST"])
@login_required
def prefs():
    form = PreferencesForm(obj=load_preferences(current_user))
    status = None
    if form.validate_on_submit():
        try:
            service.save_preferences(current_user, preferences_from(form), photo_choice_from(form))
        except (photos.PhotoError, StoreUnavailable) as error:
            status = photo_not_kept(form.photo, error)
        else:
            flash("Your preferences are saved.", "success")
            return redirect(url_for("account.prefs"))
    return render_template(
        "account/prefs.html", form=form, person=current_user
    ), status or first_error_status(form)


@bp.route("/people/<int:user_id>/photo")
@login_required
def photo(user_id: int):
    """A person's photo, for themselves, coordinators and people on a panel with them."""
    person = queries.person(user_id)
    if person is None or not may_see_photo(current_user, person):
        abort(404)
    return file_response(person.photo)


# --- two-step sign-in (coordinators) ------------------------------------------------------


def _remote() -> str:
    return request.remote_addr or ""


def _refused(form, problem: TooManyTries | two_step.CodeProblem) -> int:
    """A code that was not taken: the reason goes beside the code field; the page's status
    is 429 after too many tries, else 400."""
    add_error(form.code, problem.message)
    return 429 if isinstance(problem, TooManyTries) else 400


def _two_step_page(off: OffForm | None = None, codes: NewCodesForm | None = None, status=None):
    off = off or OffForm(formdata=None, prefix="off")
    codes = codes or NewCodesForm(formdata=None, prefix="codes")
    errored = off if off.errors else codes
    return render_template(
        "account/two_step.html",
        person=current_user,
        required=two_step.required_for(current_user),
        codes_left=two_step.codes_left(current_user),
        on_since=(
            format_date(current_user.two_step_on_at, "d MMMM y", locale="en_GB")
            if current_user.two_step_on_at
            else ""
        ),
        start=StartForm(formdata=None),
        off=off,
        codes=codes,
        form=errored,
    ), status or (400 if errored.errors else 200)


@bp.route("/my-account/two-step", endpoint="two_step")
@coordinator_required
def two_step_page():
    return _two_step_page()


@bp.route("/my-account/two-step/start", methods=["POST"])
@coordinator_required
def two_step_start():
    if not StartForm().validate_on_submit():
        abort(400)
    if current_user.two_step_on:
        flash(two_step.ALREADY_ON, "info")
        return redirect(url_for("account.two_step"))
    two_step.start_setup(current_user)
    return redirect(url_for("account.two_step_setup"))


@bp.route("/my-account/two-step/set-up", methods=["GET", "POST"])
@coordinator_required
def two_step_setup():
    secret = two_step.pending_secret(current_user)
    if secret is None:
        return redirect(url_for("account.two_step"))
    form = SetupForm()
    status = None
    if form.validate_on_submit():
        try:
            recovery = two_step.confirm_setup(current_user, form.code.data or "", _remote())
        except (TooManyTries, two_step.CodeProblem) as problem:
            status = _refused(form, problem)
        else:
            return render_template("account/recovery_codes.html", codes=recovery, new=True)
    uri = totp.setup_uri(secret, current_user.email)
    return render_template(
        "account/two_step_setup.html",
        form=form,
        qr_svg=qr_svg(uri, "QR code for your authenticator app", scale=5),
        secret=totp.grouped(secret),
    ), status or first_error_status(form)


@bp.route("/my-account/two-step/off", methods=["POST"])
@coordinator_required
def two_step_off():
    form = OffForm(prefix="off")
    if not current_user.two_step_on:
        return redirect(url_for("account.two_step"))
    if form.validate_on_submit():
        try:
            two_step.turn_off(current_user, form.code.data or "", _remote())
        except (TooManyTries, two_step.CodeProblem) as problem:
            return _two_step_page(off=form, status=_refused(form, problem))
        flash("Two-step sign-in is off.", "success")
        return redirect(url_for("account.two_step"))
    return _two_step_page(off=form)


@bp.route("/my-account/two-step/new-codes", methods=["POST"])
@coordinator_required
def two_step_codes():
    form = NewCodesForm(prefix="codes")
    if not current_user.two_step_on:
        return redirect(url_for("account.two_step"))
    if form.validate_on_submit():
        try:
            recovery = two_step.new_recovery_codes(current_user, form.code.data or "", _remote())
        except (TooManyTries, two_step.CodeProblem) as problem:
            return _two_step_page(codes=form, status=_refused(form, problem))
        return render_template("account/recovery_codes.html", codes=recovery, new=False)
    return _two_step_page(codes=form)
