"""Where a question's picture is: an uploaded photo, else its OpenMoji symbol."""

from __future__ import annotations

from flask import url_for

from panels.common.pdf import stored_picture_url, symbol_file_url
from panels.lib import filestore, symbols
from panels.models import Question


def symbol_url(code: str | None) -> str | None:
    if code and symbols.exists(code):
        return url_for("questions.symbol", code=code)
    return None


def picture_url(question: Question) -> str | None:
    if filestore.is_key(question.photo):
        return url_for("questions.photo", job_id=question.job_id, name=question.photo)
    return symbol_url(question.picture)


def picture_file_url(question: Question) -> str:
    """The address of the question's photo or symbol for the PDF (`build_pdf`); "" for none."""
    if question.photo:
        return stored_picture_url(question.photo)
    return symbol_file_url(question.picture) if question.picture else ""
