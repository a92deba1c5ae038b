"""Input that no database can hold is refused at the door: ids past the column, NUL, broken text."""

from __future__ import annotations

from typing import Any

from flask import Flask, abort, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import BadRequest
from werkzeug.routing import IntegerConverter, Map, ValidationError

from panels.lib.limits import ID_MAX, text_problem


class IdConverter(IntegerConverter):
    """``<int:...>`` in every route: ASCII digits up to ID_MAX, else the route does not match.

    Ids are ``Integer`` columns (32 bits on PostgreSQL), so a bigger number can name
    nothing: it is a 404, never a database error.
    """

    regex = r"[0-9]+"

    def __init__(
        self,
        map: Map,
        fixed_digits: int = 0,
        min: int | None = None,
        max: int | None = None,
        signed: bool = False,
    ) -> None:
        top = ID_MAX if max is None or max > ID_MAX else max
        super().__init__(map, fixed_digits, min, top, False)

    def to_python(self, value: str) -> Any:
        if len(value) > len(str(ID_MAX)):
            raise ValidationError()
        return super().to_python(value)


class UnsafeText(BadRequest):
    """A field carries text that cannot be stored (see ``panels.lib.limits.text_problem``)."""


def refuse_unsafe_text() -> None:
    """Refuse, before any view runs, a request whose fields carry text no database can hold.

    PostgreSQL refuses NUL in text; a lone surrogate cannot be written as UTF-8. Checks the
    address, the query, every form field (names too) and uploaded files' names. JSON bodies
    are checked by ``panels.common.jsonbody``.
    """
    if text_problem(request.path):
        abort(404)
    values: list[str] = []
    for multi in (request.args, request.form):
        for key, value in multi.items(multi=True):
            values.extend((key, value))
    values.extend(f.filename or "" for f in request.files.values())
    for value in values:
        if text_problem(value):
            raise UnsafeText()


def unsafe_text(_error: UnsafeText) -> ResponseReturnValue:
    return render_template(
        "error.html",
        heading="Something you sent has a hidden or broken character in it",
        message="Nothing was saved. Please go back and type it again.",
    ), 400


def init_app(app: Flask) -> None:
    app.url_map.converters["int"] = IdConverter
    app.before_request(refuse_unsafe_text)
    app.register_error_handler(UnsafeText, unsafe_text)
