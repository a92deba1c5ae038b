from flask_wtf import FlaskForm
from wtforms import DateField, StringField, TextAreaField, TimeField

from panels.common.forms import no_markup, required, text_checks
from panels.lib import limits


class JobForm(FlaskForm):
    title = StringField(
        "Job title",
        **text_checks(limits.JOB_TITLE, "Job title", "the job title", no_markup),
    )
    ref = StringField(
        "Reference",
        description="A short code for this job, like SW-2026-01",
        **text_checks(limits.JOB_REF, "Reference", "a reference", no_markup),
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
        **text_checks(limits.PLACE, "Place"),
    )
    contact = TextAreaField(
        "Who candidates can contact",
        description="A name and a phone number or email address",
        **text_checks(limits.CONTACT, "Contact"),
    )
