"""Flask-Login: who the session's person is, and where to send people not signed in."""

from __future__ import annotations

from flask import Flask

from panels.auth import sessions
from panels.db import login_manager


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = "Please sign in to see that page."
    login_manager.login_message_category = "info"
    sessions.init_app(app)  # the user loader: only while the session row is live
