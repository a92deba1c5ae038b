from wtforms import EmailField, StringField

from panels.common.forms import Optional, email_check, max_length, no_markup, required, strip
from panels.lib import limits
from panels.members.preferences_form import PreferencesForm


class MemberForm(PreferencesForm):
    # A photo is added on the member's preferences page, once they are on the panel.
    photo = None
    remove_photo = None  # type: ignore[assignment]
    photo_consent = None  # type: ignore[assignment]

    name = StringField(
        "Name",
        validators=[
            required("the panel member's name"),
            max_length(limits.PERSON_NAME, "Name"),
            no_markup,
        ],
        filters=[strip],
    )
    email = EmailField(
        "Email address",
        validators=[
            required("the panel member's email address"),
            max_length(limits.EMAIL, "Email"),
            email_check(),
        ],
        filters=[strip],
    )
    group = StringField(
        "Group for group parity (optional)",
        description="For example: lived experience, or organisation. Leave empty if unsure.",
        validators=[Optional(), max_length(limits.GROUP, "Group"), no_markup],
        filters=[strip],
    )


class EditMemberForm(PreferencesForm):
    # The same field as on MemberForm.
    group: StringField = MemberForm.group  # type: ignore[assignment]
