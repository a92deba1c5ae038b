from flask_wtf import FlaskForm
from wtforms import EmailField, RadioField, SelectField, StringField, TimeField
from wtforms.validators import DataRequired, ValidationError

from panels.common.forms import Optional, email_check, no_markup, text_checks
from panels.lib import limits
from panels.members.preferences_form import PreferencesForm


class MemberForm(PreferencesForm):
    # A photo is added on the member's preferences page, once they are on the panel.
    photo = None
    remove_photo = None  # type: ignore[assignment]
    photo_consent = None  # type: ignore[assignment]

    name = StringField(
        "Name",
        **text_checks(limits.PERSON_NAME, "Name", "the panel member's name", no_markup),
    )
    email = EmailField(
        "Email address",
        **text_checks(limits.EMAIL, "Email", "the panel member's email address", email_check()),
    )
    group = StringField(
        "Group for group parity (optional)",
        description="For example: lived experience, or organisation. Leave empty if unsure.",
        **text_checks(limits.GROUP, "Group", None, no_markup),
    )
    # Shown only when the job has two or more panels (panels.common.forms.PanelChoice).
    panel = SelectField("Which panel", coerce=int)


class EditMemberForm(PreferencesForm):
    # The same field as on MemberForm.
    group: StringField = MemberForm.group  # type: ignore[assignment]
    panel: SelectField = MemberForm.panel  # type: ignore[assignment]


class PanelForm(FlaskForm):
    """A panel's name, room and start time."""

    name = StringField(
        "Name of the panel",
        description="For example: Our panel, or Managers' panel.",
        **text_checks(limits.PANEL_NAME, "The name", "a name for the panel", no_markup),
    )
    room = StringField(
        "Room (optional)",
        description="Where this panel meets the candidates. Candidates see this.",
        **text_checks(limits.ROOM, "The room", None, no_markup),
    )
    start_time = TimeField(
        "Start time (optional)",
        description="When this panel's part of the day starts. Leave empty to start at the "
        "start of the day plan.",
        validators=[Optional()],
    )


NOBODY = "nobody"
WHO_LIVED = "Choose who has lived experience from the list"


class _OneOfTheList(RadioField):
    def pre_validate(self, form) -> None:
        if self.data not in {choice[0] for choice in self.choices or ()}:
            raise ValidationError(WHO_LIVED)


class LivedForm(FlaskForm):
    """Which panel (of several) or which member group is people with lived experience.

    Choices: ``nobody``, ``panel-<id>`` (a job with two or more panels), ``group-<n>``
    (the n-th of the job's groups, so any group name travels safely). Set by the view.
    """

    who = _OneOfTheList(
        "Who has lived experience?",
        description="Their first choice is the one an offer needs a written reason to go against.",
        validators=[DataRequired(message=WHO_LIVED)],
    )

    def set_choices(self, panels: list[tuple[int, str]], groups: list[str]) -> None:
        choices = [
            (f"panel-{pid}", f"{name}: this panel is people with lived experience")
            for pid, name in panels
        ]
        choices += [(f"group-{n}", f"The group \u201c{g}\u201d") for n, g in enumerate(groups)]
        choices.append((NOBODY, "Nobody on this job, or we have not said"))
        self.who.choices = choices
