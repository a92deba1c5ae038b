from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField

from panels.common.forms import email_check, max_length, required, strip
from panels.lib import limits


class SignInForm(FlaskForm):
    email = EmailField(
        "Email address",
        validators=[
            required("your email address"),
            max_length(limits.EMAIL, "Email"),
            email_check(),
        ],
        filters=[strip],
    )
    password = PasswordField(
        "Password", validators=[required("your password"), max_length(limits.PASSWORD, "Password")]
    )
