"""Logs: one line per request with a request id; JSON lines when PANELS_LOG_FORMAT=json.

Each request gets an id: the ``X-Request-ID`` a trusted proxy sent (only when
``PANELS_TRUSTED_PROXIES`` says proxies are in front, and only if it looks like an id),
or a new random one. It is sent back in the response's ``X-Request-ID`` and is on every
log line written during the request.

An access line says method, path, status and duration. The path never carries a secret:
the parts of a route that are tokens (sign-in links, invitation links, Listen links) or
file names are written as ``<token>``; no query string, no form, no names. /healthz
answers that pass are not written (load balancers ask every few seconds), nor a quick
"nothing changed" (304) given early (``panels.common.early``: the live screen's poll, every
tablet every 2 seconds, answered before Flask); their answers still carry the request id.
A score save answered before Flask is written like any other request (``early_access``).
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import IO, Any

from flask import Flask, Response, g, has_request_context, request

from panels.common import early

HEADER = "X-Request-ID"
GOOD_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
SECRET_ARGS = frozenset({"token", "name", "filename"})
RULE_ARG = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")
FIELDS = ("request_id", "method", "path", "status", "duration_ms")
ROOT = "panels"  # the app's logger (panels.app), the worker's and access lines hang here
access_log = logging.getLogger("panels.access")


class RequestIdFilter(logging.Filter):
    """Puts the request's id on every record written inside a request."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = g.get("request_id", "-") if has_request_context() else "-"
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, message, logger and the request's fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "message": record.getMessage(),
            "logger": record.name,
        }
        for name in FIELDS:
            value = getattr(record, name, None)
            if value is not None and value != "-":
                line[name] = value
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


TEXT_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"


class TextFormatter(logging.Formatter):
    """``logging.Formatter(TEXT_FORMAT)``, its time written once a second (a busy server
    writes many lines a second; each says the same date and time to the second)."""

    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)
        self._second: tuple[int, str] = (-1, "")

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802 - logging's name
        if datefmt is not None or record.created < 0:
            return super().formatTime(record, datefmt)
        second = int(record.created)
        if self._second[0] != second:
            written = time.strftime(self.default_time_format, self.converter(record.created))
            self._second = (second, written)
        if self.default_msec_format is None:
            return self._second[1]
        return self.default_msec_format % (self._second[1], record.msecs)


def configure(log_format: str, stream: IO[str] | None = None) -> None:
    """One handler on the ``panels`` logger, to stderr (or ``stream``), in that format."""
    if log_format not in ("text", "json"):
        raise ValueError(f"PANELS_LOG_FORMAT is text or json (it is {log_format!r}).")
    logger = logging.getLogger(ROOT)
    for handler in list(logger.handlers):
        if getattr(handler, "_panels", False):
            logger.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler._panels = True  # type: ignore[attr-defined]
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    logger.addHandler(handler)
    logger.propagate = False  # one line each, even when the server logs the root logger too
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.INFO)


def request_id_from(header: str | None, trusted: bool) -> str:
    """The proxy's id if we trust proxies and it looks like one, else a new one."""
    if trusted and header and GOOD_ID.fullmatch(header):
        return header
    return new_id()


def new_id() -> str:
    """A new request id: a random UUID (version 4) in hex, as ``uuid.uuid4().hex`` writes
    it, made from the same 16 random bytes without building a UUID object."""
    made = bytearray(os.urandom(16))
    made[6] = (made[6] & 0x0F) | 0x40  # version 4
    made[8] = (made[8] & 0x3F) | 0x80  # the RFC 4122 variant
    return made.hex()


def safe_path() -> str:
    """The request's path with every secret part of the route written as <name>."""
    rule = request.url_rule
    if rule is None:
        return request.path[:200]
    args = request.view_args or {}

    def part(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in SECRET_ARGS or name not in args:
            return f"<{name}>"
        return str(args[name])

    return RULE_ARG.sub(part, rule.rule)


def _trusted(app: Flask) -> bool:
    return bool(app.config["TRUSTED_PROXIES"]) and str(app.config["TRUSTED_PROXIES"]) != "0"


def request_id_header(app: Flask) -> Callable[[Mapping[str, Any]], tuple[str, str]]:
    """The request id header for an answer given before Flask, from the WSGI environ."""
    trusted = _trusted(app)

    def header(environ: Mapping[str, Any]) -> tuple[str, str]:
        return HEADER, request_id_from(environ.get("HTTP_X_REQUEST_ID"), trusted)

    return header


def early_access(environ: Mapping[str, Any], status: str, request_id: str, seconds: float) -> None:
    """The access line of an answer given before Flask (``early.posts_before_flask``): the
    same words and fields as Flask's. Its address is one whose every part is text of the
    route or an id (``early.route_pattern``), so it holds no secret."""
    if not access_log.isEnabledFor(logging.INFO):
        return
    method = environ.get("REQUEST_METHOD", "")
    path = str(environ.get("PATH_INFO", ""))[:200]
    code = int(status.split(" ", 1)[0])
    # access_log.info(...) without looking up the caller's file and line (no format here
    # writes them): the same record, filters and handlers.
    record = access_log.makeRecord(
        access_log.name,
        logging.INFO,
        __file__,
        0,
        "%s %s %s",
        (method, path, code),
        None,
        func="early_access",
        extra={
            "request_id": request_id,
            "method": method,
            "path": path,
            "status": code,
            "duration_ms": round(seconds * 1000, 1),
        },
    )
    access_log.handle(record)


def init_app(app: Flask) -> None:
    configure(str(app.config["LOG_FORMAT"]).lower())
    trusted = _trusted(app)

    @app.before_request
    def start() -> None:
        g.request_id = request_id_from(request.headers.get(HEADER), trusted)
        g.request_started = time.perf_counter()

    @app.after_request
    def finish(response: Response) -> Response:
        request_id = g.get("request_id") or new_id()
        response.headers[HEADER] = request_id
        started = g.get("request_started")
        duration = round((time.perf_counter() - started) * 1000, 1) if started else None
        if request.endpoint == "tasks.healthz" and response.status_code == 200:
            return response
        if response.status_code == 304 and early.answered_early():
            return response
        path = safe_path()
        access_log.info(
            "%s %s %s",
            request.method,
            path,
            response.status_code,
            extra={
                "request_id": request_id,
                "method": request.method,
                "path": path,
                "status": response.status_code,
                "duration_ms": duration,
            },
        )
        return response
