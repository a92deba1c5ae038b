"""A person's own access preferences and photo."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, send_from_directory, url_for
from flask_login import current_user, login_required

from panels.account import queries, service
from panels.common.forms import first_error_status
from panels.lib import photos
from panels.members.photo import may_see_photo, photo_folder
from panels.members.preferences_form import PreferencesForm
from panels.members.prefs import load_preferences, photo_choice_from, preferences_from

bp = Blueprint("account", __name__)


@bp.route("/my-preferences", methods=["GET", "POST"])
@login_required
def prefs():
    form = PreferencesForm(obj=load_preferences(current_user))
    if form.validate_on_submit():
        try:
            service.save_preferences(current_user, preferences_from(form), photo_choice_from(form))
        except photos.PhotoError as error:
            form.photo.errors = [str(error)]
        else:
            flash("Your preferences are saved.", "success")
            return redirect(url_for("account.prefs"))
    return render_template(
        "account/prefs.html", form=form, person=current_user
    ), first_error_status(form)


@bp.route("/people/<int:user_id>/photo")
@login_required
def photo(user_id: int):
    """A person's photo, for themselves, coordinators and people on a panel with them."""
    person = queries.person(user_id)
    if person is None or not may_see_photo(current_user, person):
        abort(404)
    if photos.path_for(photo_folder(), person.photo) is None:
        abort(404)
    response = send_from_directory(photo_folder(), person.photo, max_age=0)
    response.headers["Cache-Control"] = "private, no-cache"
    return response
