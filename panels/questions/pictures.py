"""Where a question's picture is: an uploaded photo, else its OpenMoji symbol."""

from __future__ import annotations

from flask import current_app, url_for

from panels.common.pdf import symbol_file_url
from panels.lib import photos, symbols
from panels.models import Question


def symbol_url(code: str | None) -> str | None:
    if code and symbols.exists(code):
        return url_for("questions.symbol", code=code)
    return None


def picture_url(question: Question) -> str | None:
    if question.photo:
        return url_for("questions.photo", job_id=question.job_id, name=question.photo)
    return symbol_url(question.picture)


def photo_dir() -> str:
    """The folder of uploaded question photos."""
    return str(photos.folder_for(current_app.config["MEDIA_DIR"]))


def picture_file_url(question: Question) -> str:
    """A file:// address of the question's photo or symbol, for the PDF; "" for none."""
    if question.photo:
        path = photos.path_for(photo_dir(), question.photo)
        return path.as_uri() if path else ""
    return symbol_file_url(question.picture) if question.picture else ""
