"""Signing in and out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user

from panels.auth import service, sessions, two_step
from panels.auth.forms import CodeForm, SignInForm
from panels.common.forms import add_error, first_error_status

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


def _start(user, method: str, **how) -> None:
    """Sign this browser in as the person, with a new server-side session."""
    two_step.done_waiting()
    service.end_session(commit=False)
    logout_user()
    login_user(user)
    service.begin_session(user, method, **how)


def _first_step_done(user, method: str, next_url: str | None, hello: bool = False):
    """Signed in now, or (with two-step sign-in on) once they give a code."""
    if user.two_step_on:
        service.end_session()
        logout_user()
        two_step.wait_for_code(user, method, next_url)
        return redirect(url_for("auth.two_step_code"))
    _start(user, method)
    if hello:
        flash(f"Hello {user.name}. You are signed in.", "success")
    return redirect(_safe_next(next_url))


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("jobs.index"))
    form = SignInForm()
    if form.validate_on_submit():
        try:
            user = service.check_password(form.email.data, form.password.data, _remote())
        except service.TooManyTries as limit:
            add_error(form.email, limit.message)
            return render_template("auth/sign_in.html", form=form), 429
        if user is None:
            add_error(form.email, "The email address or password is not right")
        else:
            return _first_step_done(user, "password", request.args.get("next"))
    return render_template("auth/sign_in.html", form=form), first_error_status(form)


@bp.route("/sign-in/code", methods=["GET", "POST"])
def two_step_code():
    """The second step of two-step sign-in: a code from the app, or a recovery code."""
    waiting = two_step.pending()
    if waiting is None:
        flash("Please sign in again.", "info")
        return redirect(url_for("auth.sign_in"))
    form = CodeForm()
    status = 200
    if form.validate_on_submit():
        try:
            how = two_step.check_code(waiting.user, form.code.data or "", _remote())
        except service.TooManyTries as limit:
            add_error(form.code, limit.message)
            status = 429
        except two_step.CodeProblem as problem:
            add_error(form.code, problem.message)
        else:
            _start(waiting.user, waiting.method, second_step=how)
            if how == "recovery code":
                flash(_codes_left_words(two_step.codes_left(waiting.user)), "info")
            return redirect(_safe_next(waiting.next))
    return render_template("auth/code.html", form=form), (
        status if status != 200 else first_error_status(form)
    )


def _codes_left_words(left: int) -> str:
    if left == 0:
        return (
            "You have used your last recovery code. Make new ones now, on the two-step "
            "sign-in page."
        )
    codes = "recovery code" if left == 1 else "recovery codes"
    return f"You used a recovery code. You have {left} {codes} left."


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
    return _first_step_done(user, "one-time link", None, hello=True)


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


@bp.route("/session/stay", methods=["POST"])
@login_required
def stay_signed_in():
    """ "Stay signed in": the session counts from now (the warning's button; works without
    JavaScript too, going back to the page)."""
    seconds = sessions.touch_now()
    if request.accept_mimetypes.best == "application/json":
        return jsonify({"seconds_left": seconds})
    flash("You are still signed in.", "success")
    return redirect(_safe_next(request.form.get("next")))


@bp.route("/session/left")
def session_left():
    """How long until this coordinator's session ends without use, for the warning script
    (asking does not count as use: another tab may have kept the session going)."""
    return jsonify({"seconds_left": sessions.seconds_left()})


@bp.route("/signed-out")
def timed_out():
    """Where a coordinator lands after their session ran out without use."""
    minutes = float(current_app.config["COORDINATOR_IDLE_MINUTES"])
    return render_template("auth/timed_out.html", minutes=sessions.minutes_words(minutes))
