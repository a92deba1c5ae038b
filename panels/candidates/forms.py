from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import EmailField, StringField, TextAreaField

from panels.common.forms import email_check, no_markup, text_checks
from panels.lib import limits


class CandidateForm(FlaskForm):
    name = StringField(
        "Name",
        **text_checks(limits.PERSON_NAME, "Name", "the candidate's name", no_markup),
    )
    email = EmailField(
        "Email address (optional)",
        **text_checks(limits.EMAIL, "Email", None, email_check()),
    )
    phone = StringField(
        "Phone number (optional)",
        **text_checks(limits.PHONE, "Phone number", None, no_markup),
    )
    adjustments = TextAreaField(
        "Adjustments asked for (optional)",
        description="For example: a ground floor room, questions written down",
        **text_checks(limits.ADJUSTMENTS, "Adjustments"),
    )


class CandidateImportForm(FlaskForm):
    file = FileField(
        "CSV file",
        description="A header row with name, email, phone and adjustments, then one row "
        "per candidate.",
    )
