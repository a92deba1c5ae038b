from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField

from panels.common.forms import app_code, email_check, max_length, required, text_checks
from panels.lib import limits


class SignInForm(FlaskForm):
    email = EmailField(
        "Email address",
        **text_checks(limits.EMAIL, "Email", "your email address", email_check()),
    )
    password = PasswordField(
        "Password", validators=[required("your password"), max_length(limits.PASSWORD, "Password")]
    )


class CodeForm(FlaskForm):
    """The second step: a code from the authenticator app, or a recovery code."""

    code = app_code(
        "Code",
        "The 6 numbers your authenticator app shows for Panels. If you do not "
        "have your phone, type one of your recovery codes.",
    )
