from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField, TimeField

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
