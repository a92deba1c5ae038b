"""Flask-Login: who the session's person is, and where to send people not signed in.

A coordinator whose organisation requires two-step sign-in, and who has not set it up, is
sent to set it up before anything else.
"""

from __future__ import annotations

from flask import Flask, flash, redirect, request, url_for
from flask_login import current_user

from panels.auth import sessions
from panels.db import login_manager

# What a coordinator may still open before setting up two-step sign-in.
BEFORE_TWO_STEP = frozenset(
    {
        "static",
        "auth.sign_out",
        "auth.sign_out_everywhere",
        "auth.stay_signed_in",
        "auth.timed_out",
        "pages.accessibility",
        "pages.attributions",
        "account.two_step",
        "account.two_step_start",
        "account.two_step_setup",
    }
)
SET_IT_UP = (
    "Your organisation asks every coordinator to use two-step sign-in. Set it up to carry on."
)


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = "Please sign in to see that page."
    login_manager.login_message_category = "info"
    sessions.init_app(app)  # the user loader: only while the session row is live
    app.before_request(two_step_first)  # after the session's own check


def two_step_first():
    """Send a coordinator who must use two-step sign-in, and does not yet, to set it up."""
    if request.endpoint in BEFORE_TWO_STEP or not current_user.is_authenticated:
        return None
    if current_user.two_step_on or not current_user.is_coordinator:
        return None
    if not sessions.two_step_required():  # read with the person: no query of its own
        return None
    flash(SET_IT_UP, "info")
    return redirect(url_for("account.two_step"))
