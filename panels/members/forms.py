from wtforms import EmailField, StringField

from panels.common.forms import email_check, no_markup, text_checks
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


class EditMemberForm(PreferencesForm):
    # The same field as on MemberForm.
    group: StringField = MemberForm.group  # type: ignore[assignment]
