"""A person's own access preferences and photo."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, send_from_directory, url_for
from flask_login import current_user, login_required

from panels.common.audit import record
from panels.common.forms import first_error_status
from panels.db import db
from panels.lib import photos
from panels.members.forms import PreferencesForm
from panels.members.photo import forget_old_file, may_see_photo, photo_folder, save_photo_fields
from panels.members.prefs import apply_preferences, load_preferences
from panels.models import User

bp = Blueprint("account", __name__)


@bp.route("/my-preferences", methods=["GET", "POST"])
@login_required
def prefs():
    form = PreferencesForm(obj=load_preferences(current_user))
    if form.validate_on_submit():
        change = save_photo_fields(current_user, form)
        if change is not None:
            apply_preferences(current_user, form)
            record("preferences changed", on_behalf_of_id=current_user.id)
            for action in change.actions:
                record(action, on_behalf_of_id=current_user.id)
            db.session.commit()
            forget_old_file(change)
            flash("Your preferences are saved.", "success")
            return redirect(url_for("account.prefs"))
    return render_template(
        "account/prefs.html", form=form, person=current_user
    ), first_error_status(form)


@bp.route("/people/<int:user_id>/photo")
@login_required
def photo(user_id: int):
    """A person's photo, for themselves, coordinators and people on a panel with them."""
    person = db.session.get(User, user_id)
    if person is None or not may_see_photo(current_user, person):
        abort(404)
    if photos.path_for(photo_folder(), person.photo) is None:
        abort(404)
    response = send_from_directory(photo_folder(), person.photo, max_age=0)
    response.headers["Cache-Control"] = "private, no-cache"
    return response
