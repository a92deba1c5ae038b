"""Pages anyone may read."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

bp = Blueprint("pages", __name__)


@bp.route("/")
def home():
    if current_user.is_authenticated:
        return redirect(url_for("jobs.index"))
    return redirect(url_for("auth.sign_in"))


@bp.route("/accessibility")
def accessibility():
    return render_template("pages/accessibility.html")


@bp.route("/attributions")
def attributions():
    return render_template("pages/attributions.html")
