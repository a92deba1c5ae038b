from flask_wtf import FlaskForm
from wtforms import DateField, StringField, TextAreaField, TimeField

from panels.common.forms import Optional, max_length, no_markup, required, strip


class JobForm(FlaskForm):
    title = StringField(
        "Job title",
        validators=[required("the job title"), max_length(200, "Job title"), no_markup],
        filters=[strip],
    )
    ref = StringField(
        "Reference",
        description="A short code for this job, like SW-2026-01",
        validators=[required("a reference"), max_length(40, "Reference"), no_markup],
        filters=[strip],
    )
    interview_date = DateField(
        "Interview date",
        description="For example, 2026-12-15",
        validators=[required("the interview date as a date, like 2026-12-15")],
    )
    start_time = TimeField(
        "Interviews start at",
        description="For example, 09:30",
        validators=[required("the start time as a time, like 09:30")],
    )
    place = TextAreaField(
        "Place",
        description="The address where the interviews happen",
        validators=[Optional(), max_length(1000, "Place")],
        filters=[strip],
    )
    contact = TextAreaField(
        "Who candidates can contact",
        description="A name and a phone number or email address",
        validators=[Optional(), max_length(1000, "Contact")],
        filters=[strip],
    )
