"""Form pieces for words the whole panel agrees: the interview questions, and what matters
to us (``panels.shortlist``) use the same checks and the same way of marking."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField, ValidationError
from wtforms.validators import DataRequired

from panels.common.forms import no_markup, text_checks
from panels.questions import text as text_rules
from panels.questions.agreement import MARK_WORDS


def plain_text(_form, field) -> None:
    """The easy-read rules that are not advice (``panels.questions.text.problem``)."""
    reason = text_rules.problem(field.data or "", field.label.text)
    if reason:
        raise ValidationError(reason)


class MarkForm(FlaskForm):
    """One panel member's mark (keep, change or take out) and the new words they suggest.
    ``ASKS`` is the question above the choices."""

    ASKS = "What do you think of this?"

    mark = RadioField(
        ASKS,
        choices=list(MARK_WORDS.items()),
        validators=[DataRequired(message="Choose keep, change or take out")],
    )
    suggestion = TextAreaField(
        "New words you suggest (optional)",
        **text_checks(text_rules.EASY_READ_MAX, "Your new words", None, no_markup, plain_text),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.mark.label.text = self.ASKS
