from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField

from panels.common.forms import email_check, max_length, required, text_checks
from panels.lib import limits


class SignInForm(FlaskForm):
    email = EmailField(
        "Email address",
        **text_checks(limits.EMAIL, "Email", "your email address", email_check()),
    )
    password = PasswordField(
        "Password", validators=[required("your password"), max_length(limits.PASSWORD, "Password")]
    )
