"""Forms for writing, marking and picturing questions."""

from __future__ import annotations

from decimal import Decimal

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DecimalField,
    RadioField,
    SelectField,
    SelectMultipleField,
    TextAreaField,
)
from wtforms.validators import DataRequired, NumberRange

from panels.common.forms import add_error, no_markup, required, text_checks
from panels.lib import limits
from panels.questions import form_parts
from panels.questions import text as text_rules
from panels.questions.form_parts import plain_text

NOTHING_TO_LOOK_FOR = (
    "Write at least one thing to look for in the activity, one on each line. "
    "For example: They asked Sam first."
)


class QuestionForm(FlaskForm):
    kind = RadioField(
        "Is this a question or an activity?",
        description="An activity is something the candidate does with people, "
        "for example: make a cup of tea with Sam, or show us round.",
        choices=[("question", "A question"), ("activity", "An activity")],
        default="question",
        validators=[DataRequired(message="Choose a question or an activity")],
    )
    easy_read = TextAreaField(
        "The question, in easy-read",
        description="This is what the asker reads out. Short sentences and everyday words.",
        **text_checks(
            text_rules.EASY_READ_MAX, "The question", "the question", no_markup, plain_text
        ),
    )
    follow_up = TextAreaField(
        "A follow-up question (optional)",
        description="Ask this if the candidate needs a bit of help.",
        **text_checks(
            text_rules.FOLLOW_UP_MAX, "The follow-up question", None, no_markup, plain_text
        ),
    )
    good_answer = TextAreaField(
        "What a good answer shows (optional)",
        description="One point on each line.",
        **text_checks(
            text_rules.GOOD_ANSWER_MAX, "What a good answer shows", None, no_markup, plain_text
        ),
    )
    look_for = TextAreaField(
        "Things to look for (for an activity)",
        description="One thing on each line, for example: They asked Sam first. "
        f"At most {limits.LOOK_FOR_POINTS}.",
        **text_checks(
            text_rules.GOOD_ANSWER_MAX, "Things to look for", None, no_markup, plain_text
        ),
    )
    standard = TextAreaField(
        "Standard wording for HR records (optional)",
        **text_checks(text_rules.STANDARD_MAX, "The standard wording", None, no_markup, plain_text),
    )
    answer_minutes = DecimalField(
        "Minutes to answer",
        description=f"A number from {limits.ANSWER_MINUTES_MIN} to {limits.ANSWER_MINUTES_MAX}.",
        default=Decimal(3),
        places=None,
        validators=[
            required("the minutes to answer, like 3"),
            NumberRange(
                min=limits.ANSWER_MINUTES_MIN,
                max=limits.ANSWER_MINUTES_MAX,
                message=f"Minutes to answer must be from {limits.ANSWER_MINUTES_MIN} "
                f"to {limits.ANSWER_MINUTES_MAX}",
            ),
        ],
    )
    asker = SelectField("Who asks this question", coerce=int, validate_choice=True)
    scored = BooleanField("The panel scores the answer", default=True)
    overall = BooleanField(
        "This is the overall question, for everyone "
        "(for example: would you like this person to support you?)"
    )

    # Shown only when the job has two or more panels (panels.common.forms.PanelChoice).
    panel = SelectField("Which panel", coerce=int)

    def validate(self, extra_validators=None) -> bool:
        """The fields' checks, then: an activity has 1 to LOOK_FOR_POINTS things to look for
        (an empty optional field skips its own checks, so this is done here)."""
        valid = super().validate(extra_validators)
        if self.look_for.errors:
            return valid
        points = [line for line in (self.look_for.data or "").splitlines() if line.strip()]
        problem = None
        if self.kind.data == "activity" and not points:
            problem = NOTHING_TO_LOOK_FOR
        elif len(points) > limits.LOOK_FOR_POINTS:
            problem = f"Write at most {limits.LOOK_FOR_POINTS} things to look for, one on each line"
        if problem:
            add_error(self.look_for, problem)
            return False
        return valid

    def set_askers(self, members, panels=()) -> None:
        """Everyone on the job; with several panels, each name says their panel."""
        names = {p.id: p.name for p in panels} if len(panels) > 1 else {}

        def label(m) -> str:
            return f"{m.user.name} ({names[m.panel_id]})" if m.panel_id in names else m.user.name

        self.asker.choices = [(0, "Not chosen yet")] + [(m.id, label(m)) for m in members]


class MarkForm(form_parts.MarkForm):
    ASKS = "What do you think of this question?"


class PhotoForm(FlaskForm):
    photo = FileField("Choose a photo", description="A JPEG or PNG photo, smaller than 5 MB.")


class BankPickForm(FlaskForm):
    keys = SelectMultipleField(
        "Choose the questions to copy",
        validators=[DataRequired(message="Choose at least one question to copy")],
    )
