"""Answering early: a view may bring a quick answer that runs before the usual checks.

A few endpoints are asked so often (the live screen's poll: every tablet, every 2 seconds)
that loading the signed-in person and running every before-request check costs more than
the answer itself. Such a view is marked ``@answers_early(quick)``. ``quick`` is called
with the view's arguments right after the request gets its id, before every other
before-request hook (CSRF, the session's keep-alive, two-step sign-in, the text guard, the
privacy gate). It returns a response only when it has itself checked everything those
hooks and the view would check; None sends the request the usual way (every hook, then
the view). Flask stops at the first before-request hook that returns a response, so no
other hook needs to know about it. After-request hooks (request id, security headers,
compression, the session cookie) run as for every answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, current_app, g, request
from flask.typing import ResponseReturnValue

ATTRIBUTE = "panels_answers_early"
ANSWERED = "panels_answered_early"  # on flask.g once a quick answer was given
View = TypeVar("View", bound=Callable[..., Any])


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
