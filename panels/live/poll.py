"""The live screen's poll: tablets ask every 2 seconds whether the interview moved on.

Each answer carries a tag (ETag) of the state as this person sees it; a tablet that sends
back the tag of what it shows gets 304 and no body while nothing changed. That answer is
given early (``panels.common.early``): before Flask-Login loads the person and the usual
checks run, from ONE indexed SELECT that reads, together,

* the caller's session row and person (``panels.auth.caller``): live, not due to be
  touched, no two-step set-up waiting;
* whether they may see the interview now: the candidate is the job's, and they sit on the
  job's panel or coordinate for the job's organisation (what ``job_or_404`` and
  ``candidate_or_404`` check);
* the state's version: the candidate's live interviews (count, versions, last change) and
  the job's agreed questions (count, last change).

Nothing is kept in the process, so every process on every machine answers alike. The tag
is an HMAC with the app's secret over the person's id and that version: it cannot be made
up, and another person's tag is worth nothing. Whenever the quick answer cannot say 304
(no tag sent, a tag that does not match, someone removed from the panel, another
organisation's coordinator, a session to touch or ended), the request goes the usual way:
every check, then the view, which answers 200 with the state, 404, or a sign-in redirect.

The quick answer is given before Flask (``early.answers_before_flask``, ``QuickPoll``):
from the WSGI environ, with no request context, no session object and no hook, so a 304
costs about what the SELECT costs. The signed cookie is checked as Flask checks it (its
signature and age); a cookie once checked is remembered by its text (its signing time with
it, so its age is checked on every poll), which saves the signature check, not any rule.
Outside tests the SELECT runs on a database connection each server thread keeps for it,
which never opens a transaction (PostgreSQL: autocommit; SQLite: a read alone), so it reads
what is committed now, with no ping, BEGIN or ROLLBACK around it; a connection that fails
is closed and the request goes the usual way.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import re
import threading
import time
from collections.abc import Mapping, Sequence
from typing import Any

from flask import Flask, Response, current_app
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature
from sqlalchemy import (
    ColumnElement,
    Connection,
    Dialect,
    Engine,
    Integer,
    Select,
    bindparam,
    exists,
    func,
    or_,
    select,
)
from werkzeug.http import parse_etags

from panels.auth import caller
from panels.common import cookies
from panels.common.rawsql import joined_connection
from panels.db import db
from panels.models import (
    Candidate,
    Job,
    LiveInterview,
    OrgMembership,
    Panel,
    PanelMember,
    Question,
    User,
    UserSession,
)
from panels.models.base import utcnow


def _job_id() -> ColumnElement[int]:
    return bindparam("job_id", type_=Integer)


def _state_columns() -> list:
    """What the panel's live screen shows this person may change only if one of these does.

    The panel is the one the address names, else the person's own on this job, else the
    job's first: the panel the usual way shows. Its live interview of the candidate (its
    version only goes up) and its agreed questions count, so another panel moving on does
    not wake this panel's tablets; and the panel the person sits on, so moving to another
    panel is a change too (the usual way then says what they may see).
    """
    job_id = _job_id()
    mine = (
        select(PanelMember.panel_id)
        .where(
            PanelMember.job_id == job_id,
            PanelMember.user_id == bindparam("caller_user_id", type_=Integer),
        )
        .scalar_subquery()
    )
    first = (
        select(Panel.id)
        .where(Panel.job_id == job_id)
        .order_by(Panel.position, Panel.id)
        .limit(1)
        .scalar_subquery()
    )
    chosen = func.coalesce(bindparam("panel_id", type_=Integer), mine, first)
    live = select(LiveInterview.version).where(
        LiveInterview.job_id == job_id,
        LiveInterview.panel_id == chosen,
        LiveInterview.candidate_id == bindparam("candidate_id", type_=Integer),
    )
    questions = select(Question.id).where(
        Question.job_id == job_id, Question.panel_id == chosen, Question.status == "agreed"
    )
    return [
        chosen,
        live.scalar_subquery(),
        questions.with_only_columns(func.count()).scalar_subquery(),
        questions.with_only_columns(func.max(Question.updated_at)).scalar_subquery(),
        mine,
    ]


def _may_see() -> ColumnElement[bool]:
    """SQL: the candidate is the job's, and the caller sits on its panel or coordinates
    for its organisation."""
    user_id = bindparam("caller_user_id", type_=Integer)
    job_id = _job_id()
    member = exists().where(PanelMember.job_id == job_id, PanelMember.user_id == user_id)
    manages = exists().where(
        OrgMembership.user_id == user_id,
        OrgMembership.organisation_id == Job.organisation_id,
        caller.coordinates(),
    )
    return (
        exists()
        .where(
            Candidate.id == bindparam("candidate_id", type_=Integer),
            Candidate.job_id == job_id,
            Job.id == Candidate.job_id,
            or_(member, manages),
        )
        .label("may_see")
    )


@functools.cache
def _quick_statement() -> Select:
    """The quick answer's one statement (built once: building costs more than running)."""
    return select(
        UserSession.last_seen_at,
        User.two_step_on_at,
        caller.coordinating().label("coordinating"),
        caller.two_step_required().label("two_step_required"),
        _may_see(),
        *_state_columns(),
    ).where(caller.live_session())


@functools.cache
def _state_statement() -> Select:
    return select(*_state_columns())


def tag_of(
    user_id: int,
    job_id: int,
    candidate_id: int,
    state: Sequence[object],
    app: Flask | None = None,
) -> str:
    """The ETag: the state's version as this person sees it (its first part is the panel
    whose screen it is), signed with the app's secret (``app``'s, outside an app context)."""
    seen = "/".join(str(part) for part in (user_id, job_id, candidate_id, *state))
    key = str((app or current_app).secret_key).encode()
    return hmac.new(key, seen.encode(), hashlib.sha256).hexdigest()[:24]


def tag_now(job_id: int, candidate_id: int, user_id: int, panel_id: int | None = None) -> str:
    """The tag for the usual way, once the view has checked the person may see it."""
    params = {
        "job_id": job_id,
        "candidate_id": candidate_id,
        "caller_user_id": user_id,
        "panel_id": panel_id,
    }
    state = db.session.execute(_state_statement(), params).one()
    return tag_of(user_id, job_id, candidate_id, state)


@functools.cache
def _compiled(statement: Select, dialect: Dialect) -> tuple[str, tuple[str, ...] | None, Any]:
    """The statement as this database's SQL, its parameters' order (positional styles) and
    the compiled form (for literal values), once per statement and database kind."""
    compiled = statement.compile(dialect=dialect)
    order = tuple(compiled.positiontup) if compiled.positional and compiled.positiontup else None
    return str(compiled), order, compiled


@functools.cache
def _processors(statement: Select, dialect: Dialect) -> tuple[Any, ...]:
    """How SQLAlchemy turns each column's raw value into Python (dates on SQLite)."""
    return tuple(
        column.type._cached_result_processor(dialect, None)  # noqa: SLF001
        for column in statement.selected_columns
    )


@functools.cache
def _fixed(statement: Select, dialect: Dialect, names: frozenset[str]) -> tuple[Any, ...]:
    """The statement's own values (literals such as "agreed"), once: for each parameter in
    order, (True, name) for a value the caller gives, else (False, the value); for named
    styles, the statement's own values by name."""
    _sql, order, compiled = _compiled(statement, dialect)
    values = compiled.construct_params(dict.fromkeys(names))
    if order:
        return tuple((True, n) if n in names else (False, values[n]) for n in order)
    return tuple((n, v) for n, v in values.items() if n not in names)


def _given(dialect: Dialect, statement: Select, params: Mapping[str, Any]) -> tuple[str, Any]:
    """The SQL and its parameters, as ``construct_params`` would make them."""
    sql, order, _compiled_form = _compiled(statement, dialect)
    fixed = _fixed(statement, dialect, frozenset(params))
    if order:
        return sql, tuple(params[part] if given else part for given, part in fixed)
    return sql, {**dict(fixed), **params}


def _processed(row: Sequence[Any] | None, dialect: Dialect, statement: Select) -> tuple | None:
    if row is None:
        return None
    processors = _processors(statement, dialect)
    if not any(processors):
        return tuple(row)
    return tuple(
        value if process is None else process(value)
        for value, process in zip(row, processors, strict=True)
    )


def _through(connection: Connection, statement: Select, params) -> tuple | None:
    sql, given = _given(connection.dialect, statement, params)
    return _processed(connection.exec_driver_sql(sql, given).first(), connection.dialect, statement)


def _straight(dbapi_connection: Any, dialect: Dialect, statement: Select, params) -> tuple | None:
    sql, given = _given(dialect, statement, params)
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(sql, given)
        row = cursor.fetchone()
    finally:
        cursor.close()
    return _processed(row, dialect, statement)


def not_modified(tag: str) -> Response:
    unchanged = Response(status=304)
    unchanged.set_etag(tag)
    return unchanged


SAFE_QUERY = re.compile(r"[A-Za-z0-9=&_.-]{0,200}")  # live.js sends ?seen=<version>
UNCHANGED = "304 NOT MODIFIED"
REMEMBERED_COOKIES = 4096  # cookies checked once, by their text; then forgotten at once


class QuickPoll:
    """The quick answer before Flask, made once per app: ``quick(environ, route args)``
    gives 304 and its headers if the tablet's tag is still the state it may see, None for
    the usual way. It decides as ``unchanged`` does, from the same one SELECT."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self._engine: Engine | None = None
        self._keys: object = None  # the secrets the serializer below was made with
        self._serializer: Any = None
        self._cookies: dict[str, tuple[int, caller.Caller]] = {}
        self._held = threading.local()

    def __call__(self, environ: Mapping[str, Any], args: dict[str, int]) -> Any:
        sent = environ.get("HTTP_IF_NONE_MATCH")
        if not sent or not SAFE_QUERY.fullmatch(environ.get("QUERY_STRING", "")):
            return None  # the usual way checks what a query carries
        me = self._caller(environ.get("HTTP_COOKIE", ""))
        if me is None:
            return None
        job_id, candidate_id = args["job_id"], args["candidate_id"]
        params = {
            "job_id": job_id,
            "candidate_id": candidate_id,
            "panel_id": args.get("panel_id"),
            **me.params,
        }
        row = self._row(params)
        if row is None:
            return None
        last_seen, two_step_on_at, coordinating, two_step_required, may_see, *state = row
        if not may_see or caller.usual_way_needed(
            utcnow(),
            last_seen,
            bool(coordinating),
            two_step_on_at is not None,
            bool(two_step_required),
            self.app,
        ):
            return None
        tag = tag_of(me.user_id, job_id, candidate_id, state, self.app)
        quoted = f'"{tag}"'
        if sent != quoted and not parse_etags(sent).contains(tag):
            return None
        return UNCHANGED, [
            ("ETag", quoted),
            ("Vary", "Accept-Encoding, Cookie"),  # as the usual way's answer says
        ]

    def _caller(self, header: str) -> caller.Caller | None:
        """The caller the session cookie names, checked as Flask opens a session: signed
        with the app's secret (or a fallback) and younger than the session's lifetime."""
        value = cookies.cookie_value(header, self.app.config["SESSION_COOKIE_NAME"])
        serializer = self._signing()
        if value is None or serializer is None:
            return None
        max_age = int(self.app.permanent_session_lifetime.total_seconds())
        known = self._cookies.get(value)
        if known is None:
            try:
                data, signed_at = serializer.loads(value, max_age=max_age, return_timestamp=True)
            except BadSignature:
                return None
            me = caller.from_session_data(data) if isinstance(data, dict) else None
            if me is None:
                return None
            if len(self._cookies) >= REMEMBERED_COOKIES:
                self._cookies = {}
            known = (int(signed_at.timestamp()), me)
            self._cookies[value] = known
        age = int(time.time()) - known[0]
        return known[1] if 0 <= age <= max_age else None

    def _signing(self) -> Any:
        """Flask's own serializer for session cookies, made again if the secret changed."""
        app = self.app
        keys = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        if keys != self._keys:
            interface = app.session_interface
            if isinstance(interface, SecureCookieSessionInterface):
                self._serializer = interface.get_signing_serializer(app)
            else:
                self._serializer = None  # another kind of session: the usual way reads it
            self._cookies = {}
            self._keys = keys
        return self._serializer

    def _row(self, params: dict[str, object]) -> tuple | None:
        engine = self._engine
        if engine is None:
            with self.app.app_context():
                engine = self._engine = db.engine
        statement = _quick_statement()
        joined = joined_connection(engine)
        if joined is not None:  # a test: its one connection, where its data is
            return _through(joined, statement, params)
        held = getattr(self._held, "connection", None)
        if held is None:
            held = self._held.connection = _quick_connection(engine)
        try:
            return _straight(held, engine.dialect, statement, params)
        except Exception:
            self._held.connection = None
            held.close()
            raise


def _quick_connection(engine: Engine) -> Any:
    """A driver connection of the engine's (its connect settings applied), kept by one
    server thread for its quick reads: PostgreSQL's in autocommit, so a read opens no
    transaction; SQLite's driver opens one only before a write."""
    pooled = engine.raw_connection()
    driver = pooled.driver_connection
    pooled.detach()  # the pool no longer counts, resets or closes it
    if engine.dialect.name == "postgresql":
        driver.autocommit = True  # type: ignore[union-attr]
    return driver
