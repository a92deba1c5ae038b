"""A person's own access preferences and photo."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from panels.account import queries, service
from panels.common.forms import first_error_status
from panels.common.storage import NOT_SAVED, file_response
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
        except photos.PhotoError as error:
            form.photo.errors = [str(error)]
        except StoreUnavailable:
            form.photo.errors, status = [NOT_SAVED], 503
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
