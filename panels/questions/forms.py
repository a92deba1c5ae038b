"""Forms for writing, marking and picturing questions."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DecimalField,
    RadioField,
    SelectField,
    SelectMultipleField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, NumberRange

from panels.common.forms import Optional, max_length, no_markup, required, strip
from panels.questions import text as text_rules
from panels.questions.agreement import MARK_WORDS


def plain_text(_form, field) -> None:
    reason = text_rules.problem(field.data or "", field.label.text)
    if reason:
        raise ValidationError(reason)


class QuestionForm(FlaskForm):
    easy_read = TextAreaField(
        "The question, in easy-read",
        description="This is what the asker reads out. Short sentences and everyday words.",
        validators=[
            required("the question"),
            max_length(text_rules.EASY_READ_MAX, "The question"),
            no_markup,
            plain_text,
        ],
        filters=[strip],
    )
    follow_up = TextAreaField(
        "A follow-up question (optional)",
        description="Ask this if the candidate needs a bit of help.",
        validators=[
            Optional(),
            max_length(text_rules.FOLLOW_UP_MAX, "The follow-up question"),
            no_markup,
            plain_text,
        ],
        filters=[strip],
    )
    good_answer = TextAreaField(
        "What a good answer shows (optional)",
        description="One point on each line.",
        validators=[
            Optional(),
            max_length(text_rules.GOOD_ANSWER_MAX, "What a good answer shows"),
            no_markup,
            plain_text,
        ],
        filters=[strip],
    )
    standard = TextAreaField(
        "Standard wording for HR records (optional)",
        validators=[
            Optional(),
            max_length(text_rules.STANDARD_MAX, "The standard wording"),
            no_markup,
            plain_text,
        ],
        filters=[strip],
    )
    answer_minutes = DecimalField(
        "Minutes to answer",
        description="A number from 1 to 15.",
        default=3,
        places=None,
        validators=[
            required("the minutes to answer, like 3"),
            NumberRange(min=1, max=15, message="Minutes to answer must be from 1 to 15"),
        ],
    )
    asker = SelectField("Who asks this question", coerce=int, validate_choice=True)
    scored = BooleanField("The panel scores the answer", default=True)
    overall = BooleanField(
        "This is the overall question, for everyone "
        "(for example: would you like this person to support you?)"
    )

    def set_askers(self, members) -> None:
        self.asker.choices = [(0, "Not chosen yet")] + [(m.id, m.user.name) for m in members]


class MarkForm(FlaskForm):
    mark = RadioField(
        "What do you think of this question?",
        choices=list(MARK_WORDS.items()),
        validators=[DataRequired(message="Choose keep, change or take out")],
    )
    suggestion = TextAreaField(
        "New words you suggest (optional)",
        validators=[
            Optional(),
            max_length(text_rules.EASY_READ_MAX, "Your new words"),
            no_markup,
            plain_text,
        ],
        filters=[strip],
    )


class PhotoForm(FlaskForm):
    photo = FileField("Choose a photo", description="A JPEG or PNG photo, smaller than 5 MB.")


class BankPickForm(FlaskForm):
    keys = SelectMultipleField(
        "Choose the questions to copy",
        validators=[DataRequired(message="Choose at least one question to copy")],
    )
