from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import EmailField, StringField, TextAreaField

from panels.common.forms import Optional, email_check, max_length, no_markup, required, strip
from panels.lib import limits


class CandidateForm(FlaskForm):
    name = StringField(
        "Name",
        validators=[
            required("the candidate's name"),
            max_length(limits.PERSON_NAME, "Name"),
            no_markup,
        ],
        filters=[strip],
    )
    email = EmailField(
        "Email address (optional)",
        validators=[Optional(), max_length(limits.EMAIL, "Email"), email_check()],
        filters=[strip],
    )
    phone = StringField(
        "Phone number (optional)",
        validators=[Optional(), max_length(limits.PHONE, "Phone number"), no_markup],
        filters=[strip],
    )
    adjustments = TextAreaField(
        "Adjustments asked for (optional)",
        description="For example: a ground floor room, questions written down",
        validators=[Optional(), max_length(limits.ADJUSTMENTS, "Adjustments")],
        filters=[strip],
    )


class CandidateImportForm(FlaskForm):
    file = FileField(
        "CSV file",
        description="A header row with name, email, phone and adjustments, then one row "
        "per candidate.",
    )
