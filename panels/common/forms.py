"""Shared form pieces: plain-words validators and field types."""

from __future__ import annotations

import re

from flask import abort
from flask_wtf import FlaskForm
from wtforms import DateField, Field, StringField, TimeField, ValidationError
from wtforms.validators import (  # noqa: F401
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
)

from panels.lib import limits

MARKUP = re.compile(r"[<>]")


def required(what: str) -> DataRequired:
    return DataRequired(message=f"Enter {what}")


def max_length(n: int, what: str) -> Length:
    return Length(max=n, message=f"{what} must be {n} characters or fewer")


def email_check() -> Email:
    return Email(
        message="Enter an email address in the right format, like name@example.com",
        check_deliverability=False,
    )


def no_markup(_form, field) -> None:
    if field.data and MARKUP.search(str(field.data)):
        raise ValidationError(f"{field.label.text} cannot have < or > in it")


def strip(value):
    return value.strip() if isinstance(value, str) else value


def text_checks(limit: int, called: str, needed: str | None = None, *more) -> dict:
    """A typed-in text field's checks, as keyword arguments for the field: required (``needed``
    says what to enter) or optional, at most ``limit`` characters (``called`` names it in the
    message), then the ``more`` checks; spaces around it are stripped."""
    first = required(needed) if needed else Optional()
    return {"validators": [first, max_length(limit, called), *more], "filters": [strip]}


def app_code(label: str, hint: str) -> StringField:
    """A code from the authenticator app (or a recovery code), for the two-step sign-in."""
    return StringField(
        label,
        description=hint,
        validators=[
            required("the code from your authenticator app"),
            max_length(limits.AUTH_CODE, "The code"),
        ],
    )


def in_range(enter: str, low: int, high: int, outside: str) -> list:
    """A number field's checks: ``enter`` says what to type when it is empty, ``outside``
    when it is not from ``low`` to ``high``."""
    return [InputRequired(message=enter), NumberRange(min=low, max=high, message=outside)]


def csrf_or_400() -> None:
    """A button that sends nothing but the CSRF token: a wrong or missing token is refused
    (400) before anything is read or changed."""
    if not FlaskForm().validate_on_submit():
        abort(400)


def add_error(field, *messages: str) -> None:
    """Puts ``messages`` beside ``field``, after any it has already: for what only the
    view can find out (a reference taken, a refusal from the service)."""
    field.errors = [*field.errors, *messages]


def first_error_status(form) -> int:
    """HTTP status for a page re-shown with errors: 400 if the form has errors."""
    return 400 if form.errors else 200


class Problems:
    """Just enough of a form for base.html and the error summary macro."""

    def __init__(self, errors: dict[str, str] | None = None) -> None:
        self.errors = {k: [v] for k, v in (errors or {}).items()}

    def __contains__(self, _name: str) -> bool:
        return False

    def first(self, name: str) -> str | None:
        return self.errors.get(name, [None])[0]


NOT_THIS_JOBS_PANEL = "Choose one of this job's panels"


class PanelChoice:
    """Fills a ``SelectField(coerce=int)`` with a job's panels, in order.

    With one panel the page does not show the chooser: an answer without it means the
    first panel. A panel id of another job (or anything else) is refused in plain words.
    """

    def __init__(self, panels, current: int | None = None) -> None:
        self.panels = list(panels)
        self.current = current

    def fill(self, field, *, posted: bool) -> None:
        field.choices = [(p.id, p.name) for p in self.panels]
        field.validate_choice = False
        if len(self.panels) < 2:  # no chooser on the page: whatever was sent is not used
            field.process_errors, field.data = [], self.panels[0].id
            return
        field.validators = [*field.validators, self._check]
        if not field.raw_data:
            field.data = self.current if self.current is not None else self.panels[0].id
        elif not posted:
            field.data = self.current

    def _check(self, _form, field) -> None:
        if field.data not in {p.id for p in self.panels}:
            raise ValidationError(NOT_THIS_JOBS_PANEL)


class _PlainWords(Field):
    """A field whose bad value is told in plain words (`words`), not in WTForms' own."""

    default_words = ""

    def __init__(self, *args, words: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.words = self.default_words if words is None else words

    def process_formdata(self, valuelist) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError(self.words) from None


class PlainDate(_PlainWords, DateField):
    """A date field whose error is in plain words, not WTForms' "Not a valid date value"."""

    default_words = "Enter a date, like 2026-12-15"


class PlainTime(_PlainWords, TimeField):
    """A time field whose error is in plain words."""

    default_words = "Enter a time, like 09:30"
