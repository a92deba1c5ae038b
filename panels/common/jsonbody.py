"""Reading JSON that people's tablets send: safely, or not at all.

``parse_json`` is plain Python: it limits the size and the nesting, wants the expected kind
of value at the top, and refuses text no database can hold (NUL, lone surrogates) and
numbers JSON does not have (NaN, Infinity). ``json_body`` does the same for the current
Flask request. Both raise ``JsonBodyError`` with a plain message for a 400 answer.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from panels.lib import limits

_SPECIAL = re.compile(r'["\[\]{}]')
_KINDS: dict[type, str] = {dict: "a block { }", list: "a list [ ]", str: "text"}


class JsonBodyError(ValueError):
    """What was sent cannot be used; ``message`` says why in plain words."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def _no_constant(word: str) -> Any:
    raise ValueError(f"{word} is not a number")


# json.loads(text, parse_constant=...) makes a decoder on every call: one, made once.
_DECODER = json.JSONDecoder(parse_constant=_no_constant)


def _check_depth(text: str, max_depth: int) -> None:
    """Count blocks and lists inside each other without parsing (so no recursion)."""
    if text.count("{") + text.count("[") <= max_depth:
        return  # fewer openings than the limit, wherever they are (a tablet's save)
    depth = 0
    in_string = False
    for match in _SPECIAL.finditer(text):
        ch, at = match.group(), match.start()
        if in_string:
            if ch == '"' and not _escaped_quote(text, at):
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > max_depth:
                raise JsonBodyError(
                    f"What was sent has too many blocks inside each other (at most {max_depth})."
                )
        else:
            depth -= 1


def _escaped_quote(text: str, at: int) -> bool:
    """True if the quote at ``at`` follows an odd number of backslashes."""
    run = 0
    while at - run - 1 >= 0 and text[at - run - 1] == "\\":
        run += 1
    return run % 2 == 1


def _check_values(value: Any) -> None:
    """Walk everything (without recursion): text must be storable, numbers finite."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            problem = limits.text_problem(item)
            if problem:
                raise JsonBodyError(f"Some text that was sent {problem}. Type it again.")
        elif isinstance(item, float):
            if not math.isfinite(item):
                raise JsonBodyError("A number that was sent is too big.")
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def parse_json(
    data: bytes | str,
    *,
    expect: type = dict,
    max_bytes: int = limits.JSON_BYTES,
    max_depth: int = limits.JSON_DEPTH,
) -> Any:
    """The JSON value in ``data``, checked; raises JsonBodyError saying what is wrong."""
    if len(data) > max_bytes:
        raise JsonBodyError(f"What was sent is too big (at most {max_bytes // 1024} KB).")
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise JsonBodyError("What was sent is not text we can read.") from None
    else:
        text = data
    if not text.strip():
        raise JsonBodyError("Nothing was sent.")
    _check_depth(text, max_depth)
    try:
        value = _DECODER.decode(text)
    except (ValueError, RecursionError):
        raise JsonBodyError("What was sent is not JSON we can read.") from None
    if not isinstance(value, expect):
        wanted = _KINDS.get(expect, expect.__name__)
        raise JsonBodyError(f"What was sent must be {wanted}.")
    _check_values(value)
    return value


def json_body(
    *,
    expect: type = dict,
    max_bytes: int = limits.JSON_BYTES,
    max_depth: int = limits.JSON_DEPTH,
) -> Any:
    """The current request's JSON body, checked like ``parse_json``."""
    from flask import request

    if not request.is_json:
        raise JsonBodyError("What was sent is not JSON.")
    if request.content_length is not None and request.content_length > max_bytes:
        raise JsonBodyError(f"What was sent is too big (at most {max_bytes // 1024} KB).")
    data = request.get_data(cache=True)
    return parse_json(data, expect=expect, max_bytes=max_bytes, max_depth=max_depth)
