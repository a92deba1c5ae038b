"""Where a question's picture is: an uploaded photo, else its OpenMoji symbol."""

from __future__ import annotations

from flask import url_for

from panels.lib import symbols


def symbol_url(code: str | None) -> str | None:
    if code and symbols.exists(code):
        return url_for("questions.symbol", code=code)
    return None


def picture_url(question) -> str | None:
    if question.photo:
        return url_for("questions.photo", job_id=question.job_id, name=question.photo)
    return symbol_url(question.picture)
