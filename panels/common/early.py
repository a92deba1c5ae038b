"""Answering early: a view may bring a quick answer that runs before the usual checks.

A few endpoints are asked so often that loading the signed-in person and running every
before-request check costs more than the answer itself. Such a view is marked
``@answers_early(quick)``. ``quick`` is called with the view's arguments right after the
request gets its id, before every other before-request hook (CSRF, the session's
keep-alive, two-step sign-in, the text guard, the privacy gate). It returns a response only
when it has itself checked everything those hooks and the view would check; None sends the
request the usual way (every hook, then the view). Flask stops at the first before-request
hook that returns a response, so no other hook needs to know about it. After-request hooks
(request id, security headers, compression, the session cookie) run as for every answer.

Before Flask. A view asked more often still (the live screen's poll: every tablet, every 2
seconds) can be marked ``@answers_before_flask(make)``. ``make(app)`` is called once, when
the app is made, and returns a ``quick(environ, args)`` that answers from the WSGI environ
alone, before Flask builds a request, opens the session or runs any hook (``init_wsgi``,
called last in ``create_app``). ``args`` are the route's ids, matched by a pattern made
from the route itself that takes fewer addresses than the route does (``<int:...>`` parts
only: ids 1 to ID_MAX, ASCII digits, no leading zero), so anything it takes would reach
that view. ``quick`` returns ``(status, headers)`` for an answer with no body, or None for
the usual way (Flask, every hook, then the view); an error inside it is logged and the
request goes the usual way too. Every answer given this way also gets the headers every
page's answer gets (``common_headers(environ)``: the security headers, the request id);
none is written to the access log.

Saves before Flask. A POST view asked as often (the tablet's score save) can be marked
``@posts_before_flask(make)``: ``make(app)`` returns a ``quick(environ, args, body)``
given the request's body (read here, at most POST_BYTES, only when its length is given;
the environ then carries a copy, so the usual way reads the same bytes). It returns
``(status, headers, body)`` or None for the usual way. Its answers get the common headers
too, and each is written to the access log (``record``) as Flask's answers are.
"""

from __future__ import annotations

import io
import logging
import re
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from flask import Flask, current_app, g, request
from flask.typing import ResponseReturnValue
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import Rule

from panels.lib.limits import ID_MAX, JSON_BYTES

ATTRIBUTE = "panels_answers_early"
ANSWERED = "panels_answered_early"  # on flask.g once a quick answer was given
BEFORE_FLASK = "panels_answers_before_flask"
POSTS_BEFORE_FLASK = "panels_posts_before_flask"
POST_BYTES = JSON_BYTES  # the largest body read before Flask (a longer one goes to Flask)
View = TypeVar("View", bound=Callable[..., Any])

Headers = list[tuple[str, str]]
Environ = Mapping[str, Any]
Quick = Callable[[Environ, dict[str, int]], tuple[str, Headers] | None]
QuickPost = Callable[[dict[str, Any], dict[str, int], bytes], tuple[str, Headers, bytes] | None]
# record(environ, status, request id, seconds taken): the access line of a quick POST answer
Record = Callable[[Environ, str, str, float], None]
log = logging.getLogger(__name__)


def answers_early(quick: Callable[..., ResponseReturnValue | None]) -> Callable[[View], View]:
    """Mark a view (put it under ``@bp.route``; wrappers made with functools.wraps keep it)."""

    def mark(view: View) -> View:
        setattr(view, ATTRIBUTE, quick)
        return view

    return mark


def answer_early() -> ResponseReturnValue | None:
    """The before-request hook: the view's quick answer, if it has one and gives one."""
    view = current_app.view_functions.get(request.endpoint or "")
    quick = getattr(view, ATTRIBUTE, None)
    if quick is None:
        return None
    answer = quick(**(request.view_args or {}))
    if answer is not None:
        setattr(g, ANSWERED, True)
    return answer


def answered_early() -> bool:
    """Was this request answered by a quick answer (for the access log)?"""
    return bool(g.get(ANSWERED, False))


def init_app(app: Flask) -> None:
    """Call right after ``logs.init_app``: first after the request id, before the rest."""
    app.before_request(answer_early)


def answers_before_flask(make: Callable[[Flask], Quick]) -> Callable[[View], View]:
    """Mark a view with a quick answer given before Flask (put it under ``@bp.route``)."""

    def mark(view: View) -> View:
        setattr(view, BEFORE_FLASK, make)
        return view

    return mark


def posts_before_flask(make: Callable[[Flask], QuickPost]) -> Callable[[View], View]:
    """Mark a POST view with a quick answer given before Flask (under ``@bp.route``)."""

    def mark(view: View) -> View:
        setattr(view, POSTS_BEFORE_FLASK, make)
        return view

    return mark


ROUTE_PART = re.compile(r"<(?:([^:<>()]+):)?([^<>():]+)>")
ID = f"[1-9][0-9]{{0,{len(str(ID_MAX)) - 1}}}"  # 1 to 9,999,999,999; ID_MAX checked after


def route_pattern(rule: Rule, method: str = "GET") -> re.Pattern[str]:
    """The addresses the quick answer takes for a route: its own text, and an id (a
    number from 1, without leading zeros) for each ``<int:name>``. Any other part of a
    route (another converter, converter options, defaults, a host) is refused here, as is
    a route that does not take ``method``."""
    takes = rule.methods is None or method in rule.methods
    if rule.defaults or rule.host or rule.subdomain or not takes:
        raise ValueError(f"{rule.rule}: a quick answer needs a plain {method} route")
    pattern, start = [], 0
    for found in ROUTE_PART.finditer(rule.rule):
        if found.group(1) != "int":
            raise ValueError(f"{rule.rule}: a quick answer takes <int:...> parts only")
        pattern += [re.escape(rule.rule[start : found.start()]), f"(?P<{found.group(2)}>{ID})"]
        start = found.end()
    if "<" in rule.rule[start:] or any("<" in part for part in pattern[::2]):
        raise ValueError(f"{rule.rule}: a part of the route was not understood")
    pattern.append(re.escape(rule.rule[start:]))
    return re.compile("".join(pattern))


class BeforeFlask:
    """WSGI middleware: the quick answers of views marked ``@answers_before_flask``."""

    def __init__(
        self,
        wsgi_app: Callable[..., Iterable[bytes]],
        routes: tuple[tuple[re.Pattern[str], Quick], ...],
        common_headers: Callable[[Environ], Headers],
        posts: tuple[tuple[re.Pattern[str], QuickPost], ...] = (),
        record: Record | None = None,
    ) -> None:
        self.wsgi_app = wsgi_app
        self.routes = routes
        self.common_headers = common_headers
        self.posts = posts
        self.record = record

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        method = environ.get("REQUEST_METHOD")
        if method == "POST" and self.posts:
            answered = self._post(environ, start_response)
            if answered is not None:
                return answered
        elif method == "GET":
            path = environ.get("PATH_INFO", "")
            for pattern, quick in self.routes:
                found = pattern.fullmatch(path)
                if found is not None:
                    answer = self._answer(quick, environ, found)
                    if answer is not None:
                        status, headers = answer
                        start_response(status, headers + self.common_headers(environ))
                        return ()
                    break
        return self.wsgi_app(environ, start_response)

    def _post(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        started = time.perf_counter()
        path = environ.get("PATH_INFO", "")
        for pattern, quick in self.posts:
            found = pattern.fullmatch(path)
            if found is None:
                continue
            args = {name: int(value) for name, value in found.groupdict().items()}
            body = _buffered_body(environ)
            if body is None or any(value > ID_MAX for value in args.values()):
                return None
            try:
                answer = quick(environ, args, body)
            except Exception:  # noqa: BLE001 - the usual way answers (and reports its own errors)
                log.exception("A quick answer failed; the request goes the usual way")
                return None
            if answer is None:
                return None
            status, headers, content = answer
            common = self.common_headers(environ)
            start_response(status, headers + common)
            if self.record is not None:
                request_id = next((v for k, v in common if k == REQUEST_ID), "-")
                self.record(environ, status, request_id, time.perf_counter() - started)
            return [content]
        return None

    @staticmethod
    def _answer(quick: Quick, environ: Environ, found: re.Match[str]) -> tuple[str, Headers] | None:
        args = {name: int(value) for name, value in found.groupdict().items()}
        if any(value > ID_MAX for value in args.values()):
            return None
        try:
            return quick(environ, args)
        except Exception:  # noqa: BLE001 - the usual way answers (and reports its own errors)
            log.exception("A quick answer failed; the request goes the usual way")
            return None


REQUEST_ID = "X-Request-ID"  # the common header whose value the access line carries


def _buffered_body(environ: dict[str, Any]) -> bytes | None:
    """The request's body, read once and put back as a copy for the usual way; None (and
    nothing read) when its length is not given or is more than POST_BYTES."""
    length = environ.get("CONTENT_LENGTH") or ""
    if not length.isascii() or not length.isdigit() or int(length) > POST_BYTES:
        return None
    wanted, parts = int(length), []
    stream = environ["wsgi.input"]
    while wanted > 0:
        part = stream.read(wanted)
        if not part:
            break
        parts.append(part)
        wanted -= len(part)
    body = b"".join(parts)
    environ["wsgi.input"] = io.BytesIO(body)
    return body if wanted == 0 else None


def init_wsgi(
    app: Flask,
    common_headers: Callable[[Environ], Headers],
    record: Record | None = None,
) -> None:
    """Call last in ``create_app`` (every blueprint registered): answer before Flask for
    the routes of views marked ``@answers_before_flask`` (GET) or ``@posts_before_flask``
    (POST, its answers written to the access log by ``record``)."""
    routes: list[tuple[re.Pattern[str], Any]] = []
    posts: list[tuple[re.Pattern[str], Any]] = []
    made: dict[Any, Any] = {}
    for rule in app.url_map.iter_rules():
        view = app.view_functions.get(rule.endpoint)
        for attribute, found in ((BEFORE_FLASK, routes), (POSTS_BEFORE_FLASK, posts)):
            make = getattr(view, attribute, None)
            if make is not None:
                if make not in made:
                    made[make] = make(app)  # one per view, whatever its number of routes
                method = "GET" if attribute == BEFORE_FLASK else "POST"
                found.append((route_pattern(rule, method), made[make]))
    if not routes and not posts:
        return
    outer: Any = app.wsgi_app.app if isinstance(app.wsgi_app, ProxyFix) else app.wsgi_app
    wrapped = BeforeFlask(outer, tuple(routes), common_headers, tuple(posts), record)
    if isinstance(app.wsgi_app, ProxyFix):  # the proxy's headers stay the first thing read
        app.wsgi_app.app = wrapped
    else:
        app.wsgi_app = wrapped  # type: ignore[method-assign]
