"""Forms for preparing together. Every text is checked for length and for < or >."""

from __future__ import annotations

from datetime import timedelta

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import StopValidation

from panels.common.forms import PlainDate, PlainTime, no_markup, text_checks
from panels.lib import limits
from panels.models.base import utcnow
from panels.models.prepare import Answer, TrainingKind

DATE_WORDS = "Enter a real date, like 2026-12-15"
TIME_WORDS = "Enter a real time, like 10:30"
FAR = timedelta(days=366 * 2)
ANSWER_WORDS = {
    Answer.YES: "Yes, I can come",
    Answer.NO: "No, I cannot come",
    Answer.NOT_SURE: "I am not sure",
}
KIND_WORDS = {TrainingKind.TRAINING: "Training", TrainingKind.SHADOWING: "Shadowing"}


class _PlainMinutes(IntegerField):
    def process_formdata(self, valuelist) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError("Enter the minutes as a whole number, like 45") from None


def _needed(what: str):
    def check(_form, field) -> None:
        if field.errors:
            raise StopValidation()
        if field.data is None or field.data == "":
            raise StopValidation(f"Enter {what}")

    return check


class AgreeForm(FlaskForm):
    """Only the button: "I agree"."""


class WorkingForm(FlaskForm):
    helps = TextAreaField(
        "What helps you",
        description="In your own words. One thing on each line. "
        "For example: Give me time to answer.",
        **text_checks(limits.WORKING_WITH_ME, "What helps you", None, no_markup),
    )
    support_worker = StringField(
        "Who comes with you? (optional)",
        description="For example: My support worker Jo comes with me.",
        **text_checks(limits.PERSON_NAME, "Who comes with you", None, no_markup),
    )


class MeetingForm(FlaskForm):
    day = PlainDate(
        "Date",
        description="For example, 2026-12-10",
        validators=[_needed("the date")],
        words=DATE_WORDS,
    )
    start = PlainTime(
        "Start time",
        description="For example, 10:30",
        validators=[_needed("the start time")],
        words=TIME_WORDS,
    )
    place = TextAreaField(
        "Place",
        description="Where we meet",
        **text_checks(limits.PLACE, "Place", None, no_markup),
    )
    what = TextAreaField(
        "What we will do",
        description="One thing on each line. Add the minutes at the end if you know them, "
        "for example: Practise asking the questions, 20 minutes.",
        **text_checks(limits.PREP_WHAT, "What we will do", "what we will do", no_markup),
    )
    break_every = _PlainMinutes(
        "A break at least every (minutes)",
        default=45,
        validators=[_needed("how often to have a break, in minutes")],
    )

    def validate_day(self, field) -> None:
        today = utcnow().date()
        if field.data < today:
            raise ValidationError("The date is in the past. Enter today or a later date")
        if field.data > today + FAR:
            raise ValidationError("The date is more than 2 years away. Check the year")

    def validate_break_every(self, field) -> None:
        low, high = limits.PREP_BREAK_EVERY_MIN, limits.PREP_BREAK_EVERY_MAX
        if not low <= field.data <= high:
            raise ValidationError(f"Breaks must come every {low} to {high} minutes")


class AnswerForm(FlaskForm):
    answer = RadioField(
        "Can you come?",
        choices=[(a.value, words) for a, words in ANSWER_WORDS.items()],
    )
    member = HiddenField()  # whose answer: must be the person signed in


class AttendedForm(FlaskForm):
    came = SelectMultipleField("Who came", coerce=str, validate_choice=True)


class TrainingForm(FlaskForm):
    kind = RadioField(
        "What was it?",
        choices=[(k.value, words) for k, words in KIND_WORDS.items()],
        default=TrainingKind.TRAINING.value,
    )
    what = TextAreaField(
        "What did you do?",
        description="In your own words. For example: I watched an interview.",
        **text_checks(limits.TRAINING_WHAT, "What you did", "what you did", no_markup),
    )
    day = PlainDate(
        "When was it?",
        description="For example, 2026-11-20",
        validators=[_needed("the date")],
        words=DATE_WORDS,
    )

    def validate_day(self, field) -> None:
        today = utcnow().date()
        if field.data > today:
            raise ValidationError("The date is in the future. Enter the day you did it")
        if field.data < today - FAR * 5:
            raise ValidationError("The date is too long ago. Check the year")


SYMBOL_CHOICES = [
    ("", "No picture"),
    ("1F60A", "A smiling face"),
    ("1F3B5", "Music"),
    ("26BD", "Football"),
    ("1F33B", "A flower"),
    ("1F415", "A dog"),
    ("1F3E0", "A house"),
    ("2615", "A hot drink"),
    ("1F3A8", "Painting"),
]


class ProfileForm(FlaskForm):
    name = StringField(
        "Their name, or what they like to be called",
        **text_checks(limits.PERSON_NAME, "Name", "their name", no_markup),
    )
    words = TextAreaField(
        "About me, in their own words",
        description="One thing on each line. For example: I like music. I like to go out.",
        **text_checks(
            limits.PROFILE_WORDS, "About me", "what they say about themselves", no_markup
        ),
    )
    symbol = RadioField("A picture (optional)", choices=SYMBOL_CHOICES, default="")
    photo = FileField(
        "Or a photo (optional)", description="A JPEG or PNG photo, smaller than 5 MB."
    )
    consent_by = StringField(
        "Who agreed to share this",
        description="The person, or someone who can agree for them.",
        **text_checks(limits.CONSENT_BY, "Who agreed", "who agreed to share this", no_markup),
    )
    consent = BooleanField("They agreed that candidates and the panel may see this profile")

    def validate_consent(self, field) -> None:
        if not field.data:
            raise ValidationError(
                "Tick to say they agreed. Without their agreement we cannot show it"
            )
