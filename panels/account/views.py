"""A person's own access preferences."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from panels.audit import record
from panels.extensions import db
from panels.forms import first_error_status
from panels.members.forms import PreferencesForm
from panels.members.prefs import apply_preferences, load_preferences

bp = Blueprint("account", __name__)


@bp.route("/my-preferences", methods=["GET", "POST"])
@login_required
def prefs():
    form = PreferencesForm(obj=load_preferences(current_user))
    if form.validate_on_submit():
        apply_preferences(current_user, form)
        record("preferences changed", on_behalf_of_id=current_user.id)
        db.session.commit()
        flash("Your preferences are saved.", "success")
        return redirect(url_for("account.prefs"))
    return render_template("account/prefs.html", form=form), first_error_status(form)
