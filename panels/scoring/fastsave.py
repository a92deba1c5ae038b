"""The tablet's everyday save, answered before Flask (``panels.common.early``,
``posts_before_flask``): a draft sheet already started gets new answers, from the WSGI
environ alone, with no request context, no session object and no hook.

A tablet sends a save every few taps. The usual way costs more in Flask than in the
database: the request and its session, loading the person, the checks before each
request, the view, the checks after. Here the save costs one read and three writes (or
none, for a resend), as ready-made SQL straight on a driver connection
(``panels.common.rawsql``) that each server thread keeps for it:

* the read finds, together, the caller's session row (``panels.auth.caller``: live, not
  due to be touched, no two-step set-up waiting), their place on this job's panel, the
  sheet, its answers, the scored questions, whether scoring is closed, whether they saw
  others' scores and whether this change id was seen;
* the writes are ``quicksave``'s: the change id kept once, the sheet's version up only on
  the version the tablet saw while a draft and scoring open, the changed answers.

Before reading, the quick answer checks what the usual checks would: the signed session
cookie (``cookies.session_data``: its signature and age, as Flask opens it), the CSRF token
(as Flask-WTF does, and the referrer on HTTPS), Flask-Login's session protection, the body
(``parse_json``: size, depth, text a database can hold), its shape
(``quicksave.send_problem`` and ``quicksave.usable``) and no query string (the text guard).
Whatever it cannot answer for certain (a first save, sending, a conflict, another scale, an
answer off the scale, scoring closed, scores seen, a lost race, no live session, a session
to touch, another job's panel, bad input, a database error) goes the usual way, with
nothing written here; a save the read found to be none of the quick kind skips
``quicksave`` there (``TRIED`` in the environ), so it reads only once more. Its answer
carries the headers the usual way's does and is written to the access log.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import json
import threading
import time
from typing import Any, cast

import flask_login
from flask import Flask
from flask_wtf.csrf import same_origin
from itsdangerous import BadData, URLSafeTimedSerializer
from sqlalchemy import Engine, Integer, Select, and_, bindparam, select
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import SecurityError
from werkzeug.wsgi import get_host

from panels.auth import caller
from panels.common import cookies
from panels.common.jsonbody import JsonBodyError, parse_json
from panels.common.rawsql import Link, joined_connection
from panels.db import db
from panels.models import (
    Candidate,
    PanelMember,
    ScoreSheet,
    User,
    UserSession,
)
from panels.models.base import utcnow
from panels.models.scoring import SheetStatus
from panels.scoring import quicksave
from panels.scoring.scales import SCALES

# The read's columns that are one session's, member's and sheet's (the same on every row,
# a row per scored question): the four of the caller's session, the seven of the sheet.
SAME_ON_EVERY_ROW = 4 + 7
TRIED = "panels.fastsave.tried"  # in the environ: the read was made, quicksave has nothing to add


@functools.cache
def _read() -> Select:
    """The one read: the caller's live session, then what quicksave reads, a row per scored
    question of the caller's panel, with its answer."""
    user_id = bindparam("caller_user_id", type_=Integer)
    return quicksave.with_answers(
        select(
            UserSession.last_seen_at,
            User.two_step_on_at,
            caller.coordinating().label("coordinating"),
            caller.two_step_required().label("two_step_required"),
            *quicksave.sheet_columns(),
        )
        .select_from(Candidate)
        .join(
            PanelMember,
            and_(PanelMember.job_id == Candidate.job_id, PanelMember.user_id == user_id),
        )
        .join(UserSession, UserSession.user_id == PanelMember.user_id)
        .join(User, User.id == UserSession.user_id)
        .outerjoin(ScoreSheet, quicksave.on_the_sheet())
    ).where(caller.live_session())


# --- the checks before each request, made from the WSGI environ ------------------------


@functools.cache
def _csrf_serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt="wtf-csrf-token")


# (secret, token): what it signs and when it was signed (whole seconds), once checked
_CSRF_SEEN: dict[tuple[str, str], tuple[str, int]] = {}
CSRF_MOST = 4096


def _csrf_signed(app: Flask, token: str) -> str | None:
    """What a CSRF token signs, if its signature (and age, when tokens have a time limit)
    is good. A token checked once is not checked again: only its age, by itsdangerous's
    own rule (whole seconds, from 0 to the limit)."""
    config = app.config
    secret = str(config.get("WTF_CSRF_SECRET_KEY") or app.secret_key)
    limit = config.get("WTF_CSRF_TIME_LIMIT", 3600)
    found = _CSRF_SEEN.get((secret, token))
    if found is not None:
        if limit is None:
            return found[0]
        if 0 <= int(time.time()) - found[1] <= limit:
            return found[0]
    try:
        signed, at = _csrf_serializer(secret).loads(token, max_age=limit, return_timestamp=True)
    except BadData:
        return None
    if not isinstance(signed, str):
        return None
    if len(_CSRF_SEEN) >= CSRF_MOST:
        _CSRF_SEEN.clear()
    _CSRF_SEEN[(secret, token)] = (signed, int(at.timestamp()))
    return signed


def _header(environ: dict[str, Any], name: str) -> str | None:
    return environ.get("HTTP_" + name.upper().replace("-", "_"))


def csrf_ok(app: Flask, environ: dict[str, Any], session: dict[str, Any]) -> bool:
    """Flask-WTF's check of this POST (``CSRFProtect.protect``), without reading a form (a
    JSON save has none): the header's token is signed and is this session's; on HTTPS the
    referrer is this site."""
    config = app.config
    if not config.get("WTF_CSRF_ENABLED", True) or not config.get("WTF_CSRF_CHECK_DEFAULT", True):
        return True
    if "POST" not in config.get("WTF_CSRF_METHODS", ("POST", "PUT", "PATCH", "DELETE")):
        return True
    token = None
    for name in config.get("WTF_CSRF_HEADERS", ("X-CSRFToken", "X-CSRF-Token")):
        token = _header(environ, name)
        if token:
            break
    expected = session.get(config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))
    if not token or not isinstance(expected, str):
        return False
    signed = _csrf_signed(app, token)
    if signed is None or not hmac.compare_digest(expected, signed):
        return False
    if environ.get("wsgi.url_scheme") == "https" and config.get("WTF_CSRF_SSL_STRICT", True):
        referrer = environ.get("HTTP_REFERER")
        if not referrer or config.get("TRUSTED_HOSTS") is not None:
            return False  # the usual way refuses, or checks the host against the list
        try:
            host = get_host(environ)
        except SecurityError:
            return False
        return same_origin(referrer, f"https://{host}/")
    return True


_IDENTIFIERS: dict[tuple[str | None, str | None], str] = {}  # (address, agent): its hash
IDENTIFIERS_MOST = 4096  # all are forgotten when there are more


def identifier(environ: dict[str, Any]) -> str:
    """Flask-Login's ``_create_identifier`` (the browser's address and User-Agent, hashed),
    from the environ. A tablet sends the same two with every save: each pair is hashed
    once."""
    agent = environ.get("HTTP_USER_AGENT")
    given = environ.get("HTTP_X_FORWARDED_FOR", environ.get("REMOTE_ADDR"))
    found = _IDENTIFIERS.get((given, agent))
    if found is not None:
        return found
    address = given.encode("utf-8").split(b",")[0].strip() if given is not None else None
    base = f"{address}|{agent.encode('utf-8') if agent is not None else None}"
    found = hashlib.sha512(base.encode("utf8")).hexdigest()
    if len(_IDENTIFIERS) >= IDENTIFIERS_MOST:
        _IDENTIFIERS.clear()
    _IDENTIFIERS[(given, agent)] = found
    return found


def same_browser(app: Flask, environ: dict[str, Any], session: dict[str, Any]) -> bool:
    """False when Flask-Login's session protection would act on this request (it then
    marks the session not fresh, or ends it), or when it is not Flask-Login's own check:
    the usual way does that."""
    manager = app.login_manager  # type: ignore[attr-defined]
    mode = app.config.get("SESSION_PROTECTION", manager.session_protection)
    if mode not in ("basic", "strong"):
        return True
    if mode == "basic" and session.get("_fresh") is False:
        return True  # basic protection has nothing more to do
    if manager._session_identifier_generator is not flask_login.utils._create_identifier:  # noqa: SLF001
        return False
    return session.get("_id") == identifier(environ)


def _is_json(environ: dict[str, Any]) -> bool:
    """Werkzeug's ``is_json``: application/json or application/*+json."""
    kind = environ.get("CONTENT_TYPE", "").split(";", 1)[0].strip().lower()
    return kind == "application/json" or (
        kind.startswith("application/") and kind.endswith("+json")
    )


def _body(body: bytes) -> dict | None:
    """The save's body if the quick way may take it; None for the usual way."""
    try:
        data = parse_json(body, expect=dict)
    except JsonBodyError:
        return None
    if quicksave.send_problem(data) is not None or not quicksave.usable(data):
        return None
    return data


# --- the quick answer ------------------------------------------------------------------

JSON_HEADERS = (("Content-Type", "application/json"),)
VARY = ("Vary", "Accept-Encoding, Cookie")  # as the usual way's answer says
_ENCODER = json.JSONEncoder(separators=(",", ":"))  # json.dumps(..., separators) makes one a call
URLS_MOST = 4096  # sheet addresses kept; all are forgotten when there are more


class QuickSave:
    """The quick answer before Flask, made once per app: ``quick(environ, route args,
    body)`` saves and answers 200, or gives None for the usual way."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self._engine: Engine | None = None
        self._held = threading.local()
        self._next: dict[str, Any] = {}  # script root -> a URL builder for the sheet page
        self._urls: dict[tuple[str, int, int], str] = {}  # (root, job, candidate) -> URL

    def __call__(self, environ: dict[str, Any], args: dict[str, int], body: bytes) -> Any:
        app = self.app
        if environ.get("QUERY_STRING") or not _is_json(environ):
            return None  # the text guard reads the query string; a body not JSON: 400
        most = app.config.get("MAX_CONTENT_LENGTH")
        if most is not None and len(body) > most:
            return None  # Flask answers 413
        session = cookies.session_data(app, environ.get("HTTP_COOKIE", ""))
        if session is None:
            return None
        me = caller.from_session_data(session)
        if me is None or not csrf_ok(app, environ, session):
            return None
        if not same_browser(app, environ, session):
            return None
        data = _body(body)
        if data is None:
            return None
        job_id, candidate_id = args["job_id"], args["candidate_id"]
        params = {
            "job_id": job_id,
            "candidate_id": candidate_id,
            "client_id": data["client_id"],
            **me.params,
        }
        engine = self._engine
        if engine is None:
            with app.app_context():
                engine = self._engine = db.engine
        if joined_connection(engine) is not None:
            with app.app_context():  # a test: its one connection, where its data is
                link = Link.through(db.session.connection())
                decided = _save(app, engine, link, data, params, environ)
        else:
            decided = self._on_own_connection(engine, data, params, environ)
        if decided is None:
            return None
        if isinstance(decided, quicksave.Job):
            decided = ("saved", decided.version + 1, SheetStatus.DRAFT.value)
        answer = quicksave.ok(*decided, self._sheet_url(environ, job_id, candidate_id))
        content = _ENCODER.encode(answer).encode()
        headers = [*JSON_HEADERS, ("Content-Length", str(len(content))), VARY]
        return "200 OK", headers, content

    def _on_own_connection(
        self, engine: Engine, data: dict, params: dict[str, Any], environ: dict[str, Any]
    ) -> Any:
        """The save on this thread's own driver connection; None for the usual way (and a
        connection that failed is closed, the next save makes another)."""
        held = getattr(self._held, "connection", None)
        if held is None:
            held = self._held.connection = _own_connection(engine)
            self._held.link = Link(engine.dialect, dbapi=held)
        link: Link = self._held.link  # this thread's, with its one cursor
        try:
            decided = _save(self.app, engine, link, data, params, environ)
            if not isinstance(decided, quicksave.Job):
                link.rollback()  # PostgreSQL: the read's transaction ends here
            return decided
        except Exception as error:
            self._held.connection = None
            with contextlib.suppress(Exception):
                held.close()
            if isinstance(error, engine.dialect.loaded_dbapi.Error):
                return None  # the database is busy or gone: the usual way says so
            raise  # logged before the usual way answers

    def _sheet_url(self, environ: dict[str, Any], job_id: int, candidate_id: int) -> str:
        """``url_for("scoring.sheet", ...)`` as the usual way writes it (each one built
        once: a tablet saves the same sheet again and again)."""
        root = environ.get("SCRIPT_NAME", "")
        key = (root, job_id, candidate_id)
        url = self._urls.get(key)
        if url is None:
            url = self._build_sheet_url(root, job_id, candidate_id)
            if len(self._urls) >= URLS_MOST:
                self._urls.clear()
            self._urls[key] = url
        return url

    def _build_sheet_url(self, root: str, job_id: int, candidate_id: int) -> str:
        adapter = self._next.get(root)
        if adapter is None:
            adapter = self.app.url_map.bind("localhost", script_name=root or "/")
            if len(self._next) < 16:
                self._next[root] = adapter
        return adapter.build("scoring.sheet", {"job_id": job_id, "candidate_id": candidate_id})


def _own_connection(engine: Engine) -> Any:
    """A driver connection of the engine's (its connect settings applied), kept by one
    server thread for its saves: the pool no longer counts, resets or closes it. Each save
    on it ends with a commit or a rollback."""
    pooled = engine.raw_connection()
    driver = pooled.driver_connection
    pooled.detach()
    return driver


def _save(
    app: Flask,
    engine: Engine,
    link: Link,
    data: dict,
    params: dict[str, Any],
    environ: dict[str, Any],
) -> tuple[str, int, str] | quicksave.Job | None:
    """Read, decide, and write a save: a resend's answer, the saved Job, or None."""
    rows = link.rows(_read(), params, same=SAME_ON_EVERY_ROW)
    if not rows:
        return None  # no live session, or not on this job's panel: the usual way
    last_seen, two_step_on_at, coordinating, two_step_required = rows[0][:4]
    if caller.usual_way_needed(
        utcnow(),
        last_seen,
        bool(coordinating),
        two_step_on_at is not None,
        bool(two_step_required),
        app,
    ):
        return None
    environ[TRIED] = True
    decided = _decide(data, [row[4:] for row in rows])
    if isinstance(decided, quicksave.Job) and not _write(engine, link, decided):
        return None
    return decided


def _decide(data: dict, rows: list[tuple]) -> tuple[str, int, str] | quicksave.Job | None:
    """The answer to a resend, or the checked save to write; None for the usual way."""
    sheet_id, version, status, scale_key, closed, sent_version, seen = rows[0][:7]
    if sheet_id is None:
        return None  # a first save: the usual way makes the sheet
    if sent_version is not None:  # this change was applied before: the first answer again
        return "duplicate", sent_version, status
    scale = data.get("scale")
    if closed or seen or status != SheetStatus.DRAFT.value:
        return None
    if data["version"] != version or (scale is not None and scale != scale_key):
        return None  # a conflict, or a scale we may not know: the usual way explains
    if scale_key not in SCALES:
        return None
    change = quicksave.checked(data, rows, scale_key)
    if change is None:
        return None
    note, changed = change
    return quicksave.Job(sheet_id, version, data["client_id"], note, changed)


def _write(engine: Engine, link: Link, job: quicksave.Job) -> bool:
    """Write one save and commit; False if it lost a race (nothing of it is kept)."""
    if not link.direct:  # tests: the session's savepoint on the test's connection
        try:
            saved = _apply_one(link, job, utcnow())
        except DBAPIError:
            saved = False
        if saved:
            db.session.commit()
        else:
            db.session.rollback()
        return saved
    if link.dialect.name == "sqlite":  # saves arriving together share one commit
        return _combiner(engine).submit_on(link, job)
    try:
        saved = _apply_one(link, job, utcnow())
        if saved:
            link.commit()
        else:
            link.rollback()
        return saved
    except link.dialect.loaded_dbapi.Error:
        link.rollback()  # a race or a busy database: the usual way sorts it out
        return False


def _apply_one(link: Link, job: quicksave.Job, now: Any) -> bool:
    """``quicksave``'s three writes: the change id first (kept once), then the version
    (refused when stale, sent or closed), then the answers; False, with nothing of this
    save left, if it is refused."""
    dialect = link.dialect.name
    _rows, kept = link.run(
        quicksave.keep_change(dialect),
        {
            "sheet_id": job.sheet_id,
            "client_id": job.client_id,
            "version": job.version + 1,
            "now": now,
        },
    )
    if kept is None:
        return False  # the same change id, saved by a save running at the same moment
    bumped, _first = link.run(
        quicksave.bump(),
        {"sheet_id": job.sheet_id, "seen_version": job.version, "note": job.note, "now": now},
    )
    if bumped != 1:  # another tablet saved first, the sheet was sent, or closed
        link.run(quicksave.forget_change(), {"sheet_id": job.sheet_id, "client_id": job.client_id})
        return False
    if job.changed:
        link.run_many(
            quicksave.upsert(dialect), [dict(row, sheet_id=job.sheet_id) for row in job.changed]
        )
    return True


class _Combiner(quicksave.Combiner):
    """``quicksave``'s group commit for SQLite, written on the leading save's own driver
    connection (its read is over: it holds no lock while it waits)."""

    def __init__(self) -> None:
        super().__init__()
        self.mine = threading.local()

    def submit_on(self, link: Link, job: quicksave.Job) -> bool:
        self.mine.link = link
        return self.submit(job)

    def _write(self, batch: list[quicksave.Job]) -> None:  # type: ignore[override]
        link: Link = self.mine.link
        now = utcnow()
        try:
            for one in batch:
                one.saved = _apply_one(link, one, now)
            link.commit()
        except link.dialect.loaded_dbapi.Error:
            link.rollback()  # nothing was kept: each save goes the usual way
            for one in batch:
                one.saved = False


_combiners = quicksave.combiners(lambda _engine: _Combiner())


def _combiner(engine: Any) -> _Combiner:
    return cast(_Combiner, _combiners(engine))
