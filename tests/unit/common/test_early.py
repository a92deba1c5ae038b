"""Answers before Flask (panels/common/early.py): the address pattern made from a route takes
only addresses the route takes, and the middleware answers only what its quick answer gives."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from werkzeug.routing import Map, Rule

from panels.common import early
from panels.common.inputs import IdConverter
from panels.lib.limits import ID_MAX

ROUTE = "/jobs/<int:job_id>/panels/<int:panel_id>/live/<int:candidate_id>/state.json"


def _map() -> Map:
    return Map([Rule(ROUTE, endpoint="state")], converters={"int": IdConverter})


digits = st.one_of(
    st.integers(0, 10**11).map(str),
    st.text("0123456789", max_size=12),
    st.sampled_from(["01", "007", str(ID_MAX), str(ID_MAX + 1), "\u0663", "+1", "-1", " 1"]),
)


@given(digits, digits, digits, st.sampled_from(["", "/", "x", "//"]))
def test_the_pattern_takes_only_addresses_the_route_takes(job, panel, candidate, tail):
    pattern = early.route_pattern(_map()._rules[0])
    path = f"/jobs/{job}/panels/{panel}/live/{candidate}/state.json{tail}"
    found = pattern.fullmatch(path)
    if found is None:
        return
    args = {name: int(value) for name, value in found.groupdict().items()}
    if max(args.values()) > ID_MAX:
        return  # the middleware sends these on to Flask (checked below)
    endpoint, routed = _map().bind("localhost").match(path, method="GET")
    assert endpoint == "state" and routed == args


def test_a_plain_address_is_taken():
    pattern = early.route_pattern(_map()._rules[0])
    found = pattern.fullmatch("/jobs/12/panels/3/live/4/state.json")
    assert found is not None and found.groupdict() == {
        "job_id": "12",
        "panel_id": "3",
        "candidate_id": "4",
    }
    for refused in ("/jobs/012/panels/3/live/4/state.json", "/jobs/0/panels/3/live/4/state.json"):
        assert pattern.fullmatch(refused) is None


@pytest.mark.parametrize(
    "rule",
    [
        Rule("/files/<name>", endpoint="x"),
        Rule("/files/<string:name>", endpoint="x"),
        Rule("/jobs/<int(min=5):job_id>", endpoint="x"),
        Rule("/jobs/<int:job_id>", endpoint="x", methods=["POST"]),
        Rule("/jobs/<int:job_id>", endpoint="x", defaults={"page": 1}),
    ],
)
def test_other_routes_cannot_answer_before_flask(rule):
    Map([rule], converters={"int": IdConverter})
    with pytest.raises(ValueError):
        early.route_pattern(rule)


def _middleware(quick):
    seen = []

    def flask_app(environ, start_response):
        seen.append(environ["PATH_INFO"])
        start_response("200 OK", [])
        return [b"usual"]

    rule = Rule("/jobs/<int:job_id>/x", endpoint="x")
    Map([rule], converters={"int": IdConverter})
    wrapped = early.BeforeFlask(
        flask_app, ((early.route_pattern(rule), quick),), lambda _environ: [("X-Common", "1")]
    )
    return wrapped, seen


def _call(wrapped, path, method="GET"):
    started = {}

    def start_response(status, headers, _exc=None):
        started.update(status=status, headers=headers)

    body = b"".join(wrapped({"REQUEST_METHOD": method, "PATH_INFO": path}, start_response))
    return started["status"], started["headers"], body


def test_a_quick_answer_gets_the_common_headers_and_no_body():
    wrapped, seen = _middleware(lambda _environ, args: ("304 NOT MODIFIED", [("ETag", '"t"')]))
    status, headers, body = _call(wrapped, "/jobs/7/x")
    assert status == "304 NOT MODIFIED" and body == b"" and seen == []
    assert headers == [("ETag", '"t"'), ("X-Common", "1")]


def test_everything_else_goes_the_usual_way():
    asked = []

    def quick(_environ, args):
        asked.append(args)
        return None

    wrapped, seen = _middleware(quick)
    assert _call(wrapped, "/jobs/7/x")[2] == b"usual"  # the quick answer said None
    assert _call(wrapped, "/jobs/7/x", "POST")[2] == b"usual"
    assert _call(wrapped, "/jobs/7/y")[2] == b"usual"
    assert _call(wrapped, f"/jobs/{ID_MAX + 1}/x")[2] == b"usual"  # past the column: Flask 404s
    assert asked == [{"job_id": 7}] and len(seen) == 4


def test_a_quick_answer_that_fails_is_logged_and_goes_the_usual_way(caplog):
    def broken(_environ, _args):
        raise RuntimeError("database gone")

    wrapped, seen = _middleware(broken)
    assert _call(wrapped, "/jobs/7/x")[2] == b"usual"
    assert seen == ["/jobs/7/x"]
    assert any("quick answer failed" in r.getMessage() for r in caplog.records)
