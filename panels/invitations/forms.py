"""Forms: a candidate's adjustment request, and the coordinator's settings and outcome."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectMultipleField, TextAreaField
from wtforms.validators import ValidationError

from panels.common.forms import max_length, strip
from panels.invitations.content import CHOICES, EMPTY_REQUEST

OTHER_MAX = 1000


class AdjustmentForm(FlaskForm):
    # The boxes are drawn by the template from CHOICES; unknown values are dropped below.
    choices = SelectMultipleField("I would like...", validate_choice=False)
    other = TextAreaField(
        "Something else that would help you",
        filters=[strip],
        validators=[max_length(OTHER_MAX, "What you wrote")],
    )

    def validate_choices(self, field) -> None:
        field.data = [c for c in (field.data or []) if c in dict(CHOICES)]
        if not field.data and not (self.other.data or "").strip():
            raise ValidationError(EMPTY_REQUEST)


class SettingsForm(FlaskForm):
    share_questions = BooleanField("Show candidates the questions before the interview")


class OutcomeForm(FlaskForm):
    outcome = TextAreaField(
        "What happened",
        description="For example: You got the job. Or: You did not get the job this time.",
        filters=[strip],
        validators=[max_length(500, "What happened")],
    )
    feedback = TextAreaField(
        "Feedback for the candidate",
        description="Short sentences. One idea in each sentence.",
        filters=[strip],
        validators=[max_length(2000, "The feedback")],
    )
    save_anyway = BooleanField("Save it even if the checker found something")
