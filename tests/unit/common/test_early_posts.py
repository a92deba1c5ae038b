"""POSTs answered before Flask (panels/common/early.py ``posts_before_flask``): the quick
answer gets the body, the usual way gets the very same bytes whenever it does not answer,
a body of unknown or too great length is not read, and every answer gets the common
headers and an access line with its request id."""

from __future__ import annotations

import io

import pytest
from werkzeug.routing import Map, Rule

from panels.common import early
from panels.common.inputs import IdConverter
from panels.lib.limits import ID_MAX


def _middleware(quick):
    seen = []

    def flask_app(environ, start_response):
        seen.append(environ["wsgi.input"].read())
        start_response("200 OK", [])
        return [b"usual"]

    rule = Rule("/jobs/<int:job_id>/send", endpoint="x", methods=["POST"])
    Map([rule], converters={"int": IdConverter})
    recorded = []
    wrapped = early.BeforeFlask(
        flask_app,
        (),
        lambda _environ: [("X-Common", "1"), ("X-Request-ID", "rid-1")],
        ((early.route_pattern(rule, "POST"), quick),),
        lambda environ, status, request_id, seconds: recorded.append(
            (environ["PATH_INFO"], status, request_id, seconds >= 0)
        ),
    )
    return wrapped, seen, recorded


def _call(wrapped, path, body=b"{}", length=None, method="POST"):
    started = {}

    def start_response(status, headers, _exc=None):
        started.update(status=status, headers=headers)

    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "wsgi.input": io.BufferedReader(io.BytesIO(body)),
        "CONTENT_LENGTH": str(len(body)) if length is None else length,
    }
    answer = b"".join(wrapped(environ, start_response))
    return started["status"], started["headers"], answer


def test_a_quick_post_answer_has_its_body_the_common_headers_and_an_access_line():
    given = []

    def quick(_environ, args, body):
        given.append((args, body))
        return "200 OK", [("Content-Type", "application/json")], b'{"ok":true}'

    wrapped, seen, recorded = _middleware(quick)
    status, headers, body = _call(wrapped, "/jobs/7/send", b'{"a": 1}')
    assert status == "200 OK" and body == b'{"ok":true}' and seen == []
    assert headers == [
        ("Content-Type", "application/json"),
        ("X-Common", "1"),
        ("X-Request-ID", "rid-1"),
    ]
    assert given == [({"job_id": 7}, b'{"a": 1}')]
    assert recorded == [("/jobs/7/send", "200 OK", "rid-1", True)]


def test_the_usual_way_reads_the_same_body():
    wrapped, seen, recorded = _middleware(lambda _environ, _args, _body: None)
    assert _call(wrapped, "/jobs/7/send", b'{"a": 1}')[2] == b"usual"
    assert seen == [b'{"a": 1}'] and recorded == []


@pytest.mark.parametrize(
    ("path", "length", "method"),
    [
        ("/jobs/7/send", "", "POST"),  # no length given (chunked): not read here
        ("/jobs/7/send", "x", "POST"),
        ("/jobs/7/send", "-1", "POST"),
        ("/jobs/7/send", "١", "POST"),  # a digit, but not ASCII
        ("/jobs/7/send", str(early.POST_BYTES + 1), "POST"),
        ("/jobs/7/send", None, "PUT"),
        ("/jobs/7/send", None, "GET"),
        ("/jobs/7/other", None, "POST"),
        ("/jobs/07/send", None, "POST"),
        (f"/jobs/{ID_MAX + 1}/send", None, "POST"),
    ],
)
def test_everything_else_goes_the_usual_way_with_its_body(path, length, method):
    asked = []
    wrapped, seen, _recorded = _middleware(lambda *a: asked.append(a))
    body = b'{"a": 1}'
    assert _call(wrapped, path, body, length, method)[2] == b"usual"
    assert asked == [] and seen == [body]


def test_a_body_shorter_than_its_length_goes_the_usual_way():
    asked = []
    wrapped, seen, _recorded = _middleware(lambda *a: asked.append(a))
    assert _call(wrapped, "/jobs/7/send", b"{}", length="10")[2] == b"usual"
    assert asked == [] and seen == [b"{}"]


def test_a_quick_post_answer_that_fails_is_logged_and_goes_the_usual_way(caplog):
    def broken(_environ, _args, _body):
        raise RuntimeError("database gone")

    wrapped, seen, recorded = _middleware(broken)
    assert _call(wrapped, "/jobs/7/send", b"[1]")[2] == b"usual"
    assert seen == [b"[1]"] and recorded == []
    assert any("quick answer failed" in r.getMessage() for r in caplog.records)


def test_a_route_that_takes_no_post_cannot_answer_posts_before_flask():
    rule = Rule("/jobs/<int:job_id>", endpoint="x", methods=["GET"])
    Map([rule], converters={"int": IdConverter})
    with pytest.raises(ValueError, match="POST"):
        early.route_pattern(rule, "POST")
