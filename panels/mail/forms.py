"""Forms: asking for a link by email, and a job's reminder settings."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, IntegerField

from panels.common.forms import email_check, in_range, text_checks
from panels.lib import limits


class AskForm(FlaskForm):
    email = EmailField(
        "Your email address",
        **text_checks(limits.EMAIL, "Email", "your email address", email_check()),
    )


class ReminderForm(FlaskForm):
    remind_candidates = BooleanField("Remind candidates 24 hours before their interview")
    remind_members = BooleanField(
        "Remind panel members the day before, and on the morning of the interviews"
    )
    score_reminders = IntegerField(
        "Days to remind panel members who have not sent their scores",
        description=f"Once a day after the interviews. 0 to {limits.SCORE_REMINDERS_MAX}.",
        validators=in_range(
            "Enter how many days, from 0 to 7",
            limits.SCORE_REMINDERS_MIN,
            limits.SCORE_REMINDERS_MAX,
            f"Enter a number from {limits.SCORE_REMINDERS_MIN} to {limits.SCORE_REMINDERS_MAX}",
        ),
    )
