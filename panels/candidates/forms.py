from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import EmailField, StringField, TextAreaField

from panels.common.forms import Optional, email_check, max_length, no_markup, required, strip


class CandidateForm(FlaskForm):
    name = StringField(
        "Name",
        validators=[required("the candidate's name"), max_length(200, "Name"), no_markup],
        filters=[strip],
    )
    email = EmailField(
        "Email address (optional)",
        validators=[Optional(), max_length(254, "Email"), email_check()],
        filters=[strip],
    )
    phone = StringField(
        "Phone number (optional)",
        validators=[Optional(), max_length(40, "Phone number"), no_markup],
        filters=[strip],
    )
    adjustments = TextAreaField(
        "Adjustments asked for (optional)",
        description="For example: a ground floor room, questions written down",
        validators=[Optional(), max_length(2000, "Adjustments")],
        filters=[strip],
    )


class CandidateImportForm(FlaskForm):
    file = FileField(
        "CSV file",
        description="A header row with name, email, phone and adjustments, then one row "
        "per candidate.",
    )
