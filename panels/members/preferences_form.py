"""The preferences form: shared by My preferences (account) and the coordinator's page for a
panel member (members). Public, so account need not reach into members' forms."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, RadioField, TextAreaField

from panels.common.forms import text_checks
from panels.lib import limits

SCALE_CHOICES = [
    ("faces3", "3 faces: not good, OK, good"),
    ("points5", "Numbers from 1 to 5"),
]
PACE_CHOICES = [
    ("1.0", "The usual pace"),
    ("1.5", "A bit more time"),
    ("2.0", "Twice the time"),
    ("3.0", "Three times the time"),
]


class PreferencesForm(FlaskForm):
    read_aloud = BooleanField("Read questions and text aloud to me")
    more_time = BooleanField("I need more time")
    pace = RadioField(
        "How much time do you need?",
        choices=PACE_CHOICES,
        default="1.0",
        validate_choice=False,
    )
    large_text = BooleanField("Large text")
    pictures = BooleanField("Show pictures next to the words", default=True)
    scale = RadioField(
        "How do you like to score?",
        choices=SCALE_CHOICES,
        default="faces3",
    )
    about = TextAreaField(
        "A line about you",
        description="Candidates see this before the interview. For example: I like music.",
        **text_checks(limits.ABOUT, "A line about you"),
    )

    photo = FileField(
        "Choose a photo",
        description="A JPEG or PNG photo of your face, smaller than 5 MB.",
    )
    remove_photo = BooleanField("Remove the photo")
    photo_consent = BooleanField("Candidates may see my photo")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        known = {value for value, _ in PACE_CHOICES}
        if self.pace.data and self.pace.data not in known:
            self.pace.choices = [*PACE_CHOICES, (self.pace.data, f"{self.pace.data} times")]

    def validate_pace(self, field) -> None:
        from wtforms import ValidationError

        try:
            value = float(field.data)
        except (TypeError, ValueError):
            raise ValidationError("Choose how much time you need") from None
        if not limits.PACE_MIN <= value <= limits.PACE_MAX:
            raise ValidationError(
                f"The pace must be between {limits.PACE_MIN:g} and {limits.PACE_MAX:g}"
            )
