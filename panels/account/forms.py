"""The two-step sign-in page's forms: each asks for a code from the app (or a recovery code)."""

from __future__ import annotations

from flask_wtf import FlaskForm

from panels.common.forms import app_code


class SetupForm(FlaskForm):
    code = app_code("Code from the app", "The 6 numbers the app shows for Panels now.")


class OffForm(FlaskForm):
    code = app_code(
        "Code to turn it off", "The 6 numbers your app shows now, or one of your recovery codes."
    )


class NewCodesForm(FlaskForm):
    code = app_code(
        "Code to make new recovery codes",
        "The 6 numbers your app shows now, or one of your recovery codes.",
    )


class StartForm(FlaskForm):
    """Only the CSRF check."""
