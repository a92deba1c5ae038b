"""The two-step sign-in page's forms: each asks for a code from the app (or a recovery code)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField

from panels.common.forms import max_length, required

CODE_LENGTH = 40


def _code(label: str, hint: str) -> StringField:
    return StringField(
        label,
        description=hint,
        validators=[
            required("the code from your authenticator app"),
            max_length(CODE_LENGTH, "The code"),
        ],
    )


class SetupForm(FlaskForm):
    code = _code("Code from the app", "The 6 numbers the app shows for Panels now.")


class OffForm(FlaskForm):
    code = _code(
        "Code to turn it off", "The 6 numbers your app shows now, or one of your recovery codes."
    )


class NewCodesForm(FlaskForm):
    code = _code(
        "Code to make new recovery codes",
        "The 6 numbers your app shows now, or one of your recovery codes.",
    )


class StartForm(FlaskForm):
    """Only the CSRF check."""
