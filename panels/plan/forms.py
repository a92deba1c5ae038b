"""Forms for the day plan: settings and running late."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, TimeField
from wtforms.validators import InputRequired, ValidationError

from panels.common.forms import Optional, in_range
from panels.lib import limits

DAY = limits.DAY_MINUTES


def minutes_field(label: str, low: int, high: int, hint: str = "") -> IntegerField:
    return IntegerField(
        label,
        description=hint,
        validators=in_range(
            f"Enter {label.lower()} in minutes, like 15",
            low,
            high,
            f"{label} must be from {low} to {high} minutes",
        ),
    )


class DaySettingsForm(FlaskForm):
    start = TimeField(
        "Start time",
        description="When the first interview starts, like 09:30",
        validators=[InputRequired(message="Enter a start time, like 09:30")],
    )
    end_by = TimeField(
        "The day must end by (optional)",
        description="Leave empty if the day can go on. Like 16:30",
        validators=[Optional()],
    )
    max_work_minutes = minutes_field(
        "Longest work without a break",
        *DAY["max_work_minutes"],
        "Minutes of interviews before the panel rests",
    )
    break_minutes = minutes_field("Break length", *DAY["break_minutes"])
    changeover_minutes = minutes_field(
        "Change-over",
        *DAY["changeover_minutes"],
        "Time between candidates, to finish scoring and rest a little",
    )
    welcome_minutes = minutes_field(
        "Welcome", *DAY["welcome_minutes"], "Time to say hello at the start"
    )
    close_minutes = minutes_field(
        "Close", *DAY["close_minutes"], "Time to say thank you at the end"
    )
    arrive_before_minutes = minutes_field(
        "Arrival lead time",
        *DAY["arrive_before_minutes"],
        "How early candidates arrive before their interview",
    )

    def validate_end_by(self, field) -> None:
        if field.data is not None and self.start.data is not None and field.data <= self.start.data:
            raise ValidationError("The end time must be after the start time")


def _int_or_zero(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


class CandidateSelect(SelectField):
    def pre_validate(self, form) -> None:
        if self.data not in {choice[0] for choice in self.choices or []}:
            raise ValidationError("Choose a candidate from the list")


class LateForm(FlaskForm):
    candidate = CandidateSelect("Which interview ran late", coerce=_int_or_zero)
    minutes = IntegerField(
        "How many minutes late",
        description="Everyone after this candidate moves later by this much",
        validators=in_range(
            "Enter how many minutes late, like 10",
            limits.LATE_MINUTES_MIN,
            limits.LATE_MINUTES_MAX,
            f"Minutes late must be from {limits.LATE_MINUTES_MIN} to {limits.LATE_MINUTES_MAX}",
        ),
    )


class TimesForm(FlaskForm):
    """Interview times that candidates can choose."""

    times = IntegerField(
        "How many interview times",
        description="The day is planned as this many times. A time nobody has is free.",
        validators=in_range(
            "Enter how many interview times, like 6",
            limits.BOOKING_SLOTS_MIN,
            limits.BOOKING_SLOTS_MAX,
            f"The number of times must be from {limits.BOOKING_SLOTS_MIN} "
            f"to {limits.BOOKING_SLOTS_MAX}",
        ),
    )
    self_booking = BooleanField("Candidates choose their own time on their invitation page")
    cutoff_hours = IntegerField(
        "Cut-off, in hours",
        description="Candidates can choose, change or cancel a time until this many hours "
        "before it starts. After that they call you.",
        validators=in_range(
            "Enter the cut-off in hours, like 24",
            limits.BOOKING_CUTOFF_MIN,
            limits.BOOKING_CUTOFF_MAX,
            f"The cut-off must be from {limits.BOOKING_CUTOFF_MIN} "
            f"to {limits.BOOKING_CUTOFF_MAX} hours",
        ),
    )


class TimeSelect(SelectField):
    def pre_validate(self, form) -> None:
        if self.data not in {choice[0] for choice in self.choices or []}:
            raise ValidationError("Choose a time from the list")


class PlaceForm(FlaskForm):
    """The coordinator puts a candidate in a time, moves them, or takes them out."""

    candidate = CandidateSelect("Candidate", coerce=_int_or_zero)
    time = TimeSelect("Time", coerce=_int_or_zero)
