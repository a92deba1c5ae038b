"""Retention's forms: the organisation's setting, a hold, who was appointed, a yes."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, TextAreaField, ValidationError

from panels.common.forms import text_checks
from panels.lib import limits
from panels.privacy import rules

WHOLE_NUMBER = "Enter the number of months as a whole number, like 6."


def months_check(_form, field) -> None:
    if field.data is None:
        raise ValidationError(WHOLE_NUMBER)
    problem = rules.check_months(field.data)
    if problem:
        raise ValidationError(problem)


class MonthsField(IntegerField):
    """A whole number of months; anything else is a plain-words error, never a crash."""

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        text = (valuelist[0] or "").strip()
        self.data = int(text) if text.isdigit() and len(text) <= 6 else None
        if self.data is None:
            raise ValueError(WHOLE_NUMBER)


class PolicyForm(FlaskForm):
    keep_months = MonthsField(
        "Months to keep candidates who were not appointed",
        description="After the job's results are finalised. Many organisations keep 6.",
        validators=[months_check],
    )
    keep_appointed_months = MonthsField(
        "Months to keep the person appointed",
        description="Their records also go to their employment file.",
        validators=[months_check],
    )


class HoldForm(FlaskForm):
    reason = TextAreaField(
        "Why are the records held?",
        description=(
            "For example: a complaint about the interview. "
            "Nothing is removed until you release the hold."
        ),
        **text_checks(limits.REASON, "The reason", "why the records are held"),
    )


NOBODY = "0"


class AppointedForm(FlaskForm):
    candidate = SelectField("Who was appointed?", validate_choice=False)

    def chosen(self, ids: set[int]) -> int | None | bool:
        """The chosen id, None for nobody, False for anything else."""
        value = (self.candidate.data or "").strip()
        if value == NOBODY:
            return None
        number = limits.parse_id(value)
        return number if number is not None and number in ids else False
