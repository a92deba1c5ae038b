from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField

from panels.common.forms import email_check, max_length, required, strip


class SignInForm(FlaskForm):
    email = EmailField(
        "Email address",
        validators=[required("your email address"), max_length(254, "Email"), email_check()],
        filters=[strip],
    )
    password = PasswordField(
        "Password", validators=[required("your password"), max_length(200, "Password")]
    )
