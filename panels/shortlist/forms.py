"""Forms for what matters to us, the application form and the shortlist."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, EmailField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired

from panels.common.forms import email_check, no_markup, text_checks
from panels.lib import limits
from panels.questions import form_parts
from panels.questions.form_parts import plain_text

KINDS = {"quality": "A quality that matters", "summary": "The job, in short"}


class QualityForm(FlaskForm):
    kind = RadioField(
        "What are you writing?",
        choices=list(KINDS.items()),
        default="quality",
        validators=[DataRequired(message="Choose a quality or the job in short")],
    )
    easy_read = TextAreaField(
        "The words, in easy-read",
        description='Short sentences and everyday words. For example: "Listens to me".',
        **text_checks(limits.EASY_READ, "The words", "the words", no_markup, plain_text),
    )


class WordsForm(FlaskForm):
    easy_read = TextAreaField(
        "New words, in easy-read",
        **text_checks(limits.EASY_READ, "The words", "the new words", no_markup, plain_text),
    )


class MarkForm(form_parts.MarkForm):
    """Marking one thing that matters (the question above the choices is the base's)."""


class SetupForm(FlaskForm):
    open = BooleanField("The application form is open: people can apply")
    prompts = TextAreaField(
        "The panel's questions on the form",
        description=f"One question on each line, at most {limits.APPLICATION_PROMPTS}. "
        "For example: Why do you want this job?",
        **text_checks(
            limits.APPLICATION_PROMPTS * (limits.APPLICATION_PROMPT + 1),
            "The questions",
            None,
            no_markup,
            plain_text,
        ),
    )


class ImportForm(FlaskForm):
    file = FileField(
        "CSV file",
        description="A header row with name, email, phone, guaranteed and answer 1, "
        "answer 2 and so on, then one row per application.",
    )


def application_form(prompts: list[str], public: bool) -> type[FlaskForm]:
    """The form for one application: who it is from, then one box per question."""

    class ApplicationForm(FlaskForm):
        name = StringField(
            "Your name" if public else "Their name",
            **text_checks(limits.PERSON_NAME, "The name", "a name", no_markup, plain_text),
        )
        email = EmailField(
            "Your email address" if public else "Their email address (optional)",
            description="We use it only about this job." if public else "",
            **text_checks(
                limits.EMAIL,
                "The email address",
                "your email address" if public else None,
                email_check(),
            ),
        )
        phone = StringField(
            "Your phone number (optional)" if public else "Their phone number (optional)",
            **text_checks(limits.PHONE, "The phone number", None, no_markup, plain_text),
        )
        guaranteed = BooleanField(
            "I ask for a guaranteed interview (for example, under a guaranteed interview scheme)"
            if public
            else "They asked for a guaranteed interview"
        )
        # A box people never see: only a program filling every box fills it in.
        website = StringField("Leave this empty")

    for position, prompt in enumerate(prompts):
        setattr(
            ApplicationForm,
            f"answer_{position}",
            TextAreaField(
                prompt,
                description="Write as much or as little as you like. There is no time limit.",
                **text_checks(limits.APPLICATION_ANSWER, "Your answer", None, plain_text),
            ),
        )
    return ApplicationForm


class DecideForm(FlaskForm):
    note = TextAreaField(
        "How the panel decided (optional)",
        **text_checks(limits.REASON, "The note", None, plain_text),
    )
