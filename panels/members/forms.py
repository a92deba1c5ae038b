from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, EmailField, RadioField, StringField, TextAreaField

from panels.common.forms import Optional, email_check, max_length, no_markup, required, strip

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
        validators=[Optional(), max_length(300, "A line about you")],
        filters=[strip],
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
        if not 0.5 <= value <= 4:
            raise ValidationError("The pace must be between 0.5 and 4")


class MemberForm(PreferencesForm):
    # A photo is added on the member's preferences page, once they are on the panel.
    photo = None
    remove_photo = None
    photo_consent = None

    name = StringField(
        "Name",
        validators=[required("the panel member's name"), max_length(200, "Name"), no_markup],
        filters=[strip],
    )
    email = EmailField(
        "Email address",
        validators=[
            required("the panel member's email address"),
            max_length(254, "Email"),
            email_check(),
        ],
        filters=[strip],
    )
    group = StringField(
        "Group for group parity (optional)",
        description="For example: lived experience, or organisation. Leave empty if unsure.",
        validators=[Optional(), max_length(60, "Group"), no_markup],
        filters=[strip],
    )


class EditMemberForm(PreferencesForm):
    group = MemberForm.group
