"""The safe JSON reader: size, nesting, top-level kind, text a database can hold."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from panels.common.jsonbody import JsonBodyError, parse_json
from panels.lib import limits


def test_reads_a_normal_body() -> None:
    body = {"client_id": "abc", "answers": {"q1": 2, "q2": "dk"}, "note": "Zoë 😀 [{}]"}
    assert parse_json(json.dumps(body).encode()) == body
    assert parse_json(json.dumps(body, ensure_ascii=False)) == body


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "Nothing was sent."),
        (b"   ", "Nothing was sent."),
        (b"{", "not JSON we can read"),
        (b"\xff\xfe{}", "not text we can read"),
        (b"[1, 2]", "must be a block { }"),
        (b'"text"', "must be a block { }"),
        (b"5", "must be a block { }"),
        (b"null", "must be a block { }"),
        (b'{"a": NaN}', "not JSON we can read"),
        (b'{"a": Infinity}', "not JSON we can read"),
        (b'{"a": 1e999}', "too big"),
        (b'{"a": ' + b"9" * 5000 + b"}", "not JSON we can read"),
        (b'{"a": "x\\u0000y"}', "hidden character (NUL)"),
        (b'{"a": "x\\ud800y"}', "broken character"),
        (b'{"a\\udc00": 1}', "broken character"),
        (b'{"a": [["\\udfff"]]}', "broken character"),
        (b'{"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "too big"),
        (b'{"a": ' + b"[" * 20 + b"]" * 20 + b"}", "too many blocks inside each other"),
        (b'{"a": "' + b"x" * (limits.JSON_BYTES) + b'"}', "too big"),
    ],
)
def test_refuses_in_plain_words(data, words) -> None:
    with pytest.raises(JsonBodyError) as caught:
        parse_json(data)
    assert words in caught.value.message


def test_deep_nesting_is_refused_without_recursion() -> None:
    deep = "[" * 5000 + "]" * 5000
    with pytest.raises(JsonBodyError, match="too many blocks"):
        parse_json('{"a": ' + deep + "}", max_bytes=10**6)


def test_brackets_and_escaped_quotes_inside_text_do_not_count() -> None:
    text = json.dumps({"a": '[[[[[[[[[[[[[[ \\" {{{{{{{{{{{{ "\\\\', "b": [[1]]})
    assert parse_json(text)["b"] == [[1]]


def test_nesting_up_to_the_limit_is_read() -> None:
    depth = limits.JSON_DEPTH
    text = "[" * (depth - 1) + "]" * (depth - 1)
    assert parse_json("{" + f'"a": {text}' + "}") is not None
    with pytest.raises(JsonBodyError):
        parse_json("{" + f'"a": [{text}]' + "}")


def test_other_top_level_kinds_can_be_asked_for() -> None:
    assert parse_json(b"[1]", expect=list) == [1]
    with pytest.raises(JsonBodyError, match="must be a list"):
        parse_json(b"{}", expect=list)


@settings(max_examples=150, derandomize=True, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
        lambda kids: (
            st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=5), kids, max_size=4)
        ),
        max_leaves=30,
    )
)
def test_any_value_is_read_or_refused_plainly(value) -> None:
    """Whatever the value, the reader answers it or raises JsonBodyError, nothing else."""
    try:
        text = json.dumps({"v": value})
    except ValueError:
        return
    try:
        got = parse_json(text)
    except JsonBodyError as error:
        assert error.message
    else:
        assert isinstance(got, dict) and set(got) == {"v"}
