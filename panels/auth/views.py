"""Signing in and out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from panels.auth import service
from panels.auth.forms import SignInForm
from panels.common.audit import record
from panels.common.forms import first_error_status
from panels.db import db

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//"):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("jobs.index")


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("jobs.index"))
    form = SignInForm()
    if form.validate_on_submit():
        remote = request.remote_addr or ""
        if service.too_many_attempts(form.email.data, remote):
            form.email.errors.append(
                "You have tried too many times. Please wait 15 minutes, "
                "or ask your coordinator for a sign-in link."
            )
            return render_template("auth/sign_in.html", form=form), 429
        user = service.check_password(form.email.data, form.password.data, remote)
        if user is None:
            form.email.errors.append("The email address or password is not right")
        else:
            login_user(user)
            record("signed in", actor_id=user.id, method="password")
            db.session.commit()
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/sign_in.html", form=form), first_error_status(form)


@bp.route("/sign-in/link/<token>", methods=["GET", "POST"])
def use_link(token: str):
    """Show a button first, so link previews and scanners do not use up the link."""
    if request.method == "GET":
        return render_template("auth/use_link.html", token=token)
    try:
        user = service.use_sign_in_link(token)
    except service.LinkProblem as problem:
        return render_template("auth/link_problem.html", message=problem.message), problem.code
    logout_user()
    login_user(user)
    record("signed in", actor_id=user.id, method="one-time link")
    db.session.commit()
    flash(f"Hello {user.name}. You are signed in.", "success")
    return redirect(url_for("jobs.index"))


@bp.route("/sign-out", methods=["POST"])
def sign_out():
    logout_user()
    flash("You have signed out.", "success")
    return redirect(url_for("auth.sign_in"))
