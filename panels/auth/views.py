"""Signing in and out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from panels.auth import service
from panels.auth.forms import SignInForm
from panels.common.forms import first_error_status

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//"):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("jobs.index")


def _remote() -> str:
    """Where the request came from (behind a proxy, see PANELS_TRUSTED_PROXIES)."""
    return request.remote_addr or ""


def _start(user, method: str) -> None:
    """Sign this browser in as the person, with a new server-side session."""
    service.end_session(commit=False)
    logout_user()
    login_user(user)
    service.begin_session(user, method)


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("jobs.index"))
    form = SignInForm()
    if form.validate_on_submit():
        try:
            user = service.check_password(form.email.data, form.password.data, _remote())
        except service.TooManyTries as limit:
            form.email.errors.append(limit.message)
            return render_template("auth/sign_in.html", form=form), 429
        if user is None:
            form.email.errors.append("The email address or password is not right")
        else:
            _start(user, "password")
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/sign_in.html", form=form), first_error_status(form)


@bp.route("/sign-in/link/<token>", methods=["GET", "POST"])
def use_link(token: str):
    """Show a button first, so link previews and scanners do not use up the link."""
    if request.method == "GET":
        return render_template("auth/use_link.html", token=token)
    try:
        user = service.use_sign_in_link(token, _remote())
    except service.TooManyTries as limit:
        return render_template(
            "auth/link_problem.html", heading="Too many tries", message=limit.message
        ), 429
    except service.LinkProblem as problem:
        return render_template("auth/link_problem.html", message=problem.message), problem.code
    _start(user, "one-time link")
    flash(f"Hello {user.name}. You are signed in.", "success")
    return redirect(url_for("jobs.index"))


@bp.route("/sign-out", methods=["POST"])
def sign_out():
    service.end_session()
    logout_user()
    flash("You have signed out.", "success")
    return redirect(url_for("auth.sign_in"))


@bp.route("/sign-out/everywhere", methods=["POST"])
@login_required
def sign_out_everywhere():
    """End every session of this person: other tablets, phones and computers too."""
    service.end_every_session(current_user.id)
    logout_user()
    flash("You have signed out on all your devices.", "success")
    return redirect(url_for("auth.sign_in"))
