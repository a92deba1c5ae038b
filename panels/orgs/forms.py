"""The organisation page's forms: inviting a coordinator, the name, what candidates see."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    RadioField,
    StringField,
    TextAreaField,
    ValidationError,
)

from panels.common.forms import email_check, max_length, no_markup, strip, text_checks
from panels.lib import limits
from panels.models import OrgRole

ROLE_CHOICES = [
    (OrgRole.COORDINATOR.value, "Coordinator: runs the organisation's jobs"),
    (OrgRole.ADMIN.value, "Admin: also invites coordinators and changes their roles"),
]
CHOOSE_ROLE = "Choose coordinator or admin"


def one_of_the_roles(_form, field) -> None:
    if field.data not in {value for value, _ in ROLE_CHOICES}:
        raise ValidationError(CHOOSE_ROLE)


class InviteForm(FlaskForm):
    name = StringField(
        "Name", **text_checks(limits.PERSON_NAME, "Name", "the coordinator's name", no_markup)
    )
    email = EmailField(
        "Email address",
        **text_checks(limits.EMAIL, "Email", "the coordinator's email address", email_check()),
    )
    role = RadioField(
        "What may they do?",
        choices=ROLE_CHOICES,
        default=OrgRole.COORDINATOR.value,
        validate_choice=False,
        validators=[one_of_the_roles],
    )


class NameForm(FlaskForm):
    name = StringField(
        "Organisation name",
        **text_checks(limits.ORG_NAME, "Organisation name", "the organisation's name", no_markup),
    )


class SettingsForm(FlaskForm):
    """What candidates see of the organisation."""

    display_name = StringField(
        "Name candidates see",
        description="Leave it empty to use the organisation's name.",
        validators=[max_length(limits.ORG_NAME, "Name candidates see"), no_markup],
        filters=[strip],
    )
    contact = TextAreaField(
        "Who candidates can ask",
        description="A name, phone number or email address. A job's own contact comes first.",
        validators=[max_length(limits.CONTACT, "Who candidates can ask")],
        filters=[strip],
    )


class SwitchForm(FlaskForm):
    """Which of their organisations a coordinator works in (checked in the view)."""

    organisation = StringField("Organisation")


class SignInRulesForm(FlaskForm):
    """How the organisation's coordinators sign in."""

    require_two_step = BooleanField("Every coordinator must use two-step sign-in")
