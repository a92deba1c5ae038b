"""The tablet's everyday save, answered early (``panels.common.early``): a draft sheet already
started gets new answers, before Flask-Login loads the person and the usual checks run.

A tablet sends a save every few taps. The usual way costs more in Flask than in the
database: loading the person, the checks before each request, the view. Here the save
costs one read and three writes (or none, for a resend), as ready-made SQL straight on a
pooled connection's driver (``panels.common.rawsql``):

* the read finds, together, the caller's session row (``panels.auth.caller``: live, not
  due to be touched, no two-step set-up waiting), their place on this job's panel, the
  sheet, its answers, the scored questions, whether scoring is closed, whether they saw
  others' scores and whether this change id was seen;
* the writes are ``quicksave``'s: the change id kept once, the sheet's version up only on
  the version the tablet saw while a draft and scoring open, the changed answers.

Before reading, the quick answer checks what the usual checks would: the CSRF token (as
Flask-WTF does, and the referrer on HTTPS), the body (``json_body``: size, depth, text a
database can hold), its shape (``quicksave.send_problem`` and ``quicksave.usable``), no
query string (the text guard), and Flask-Login's session protection. Whatever it cannot
answer for certain (a first save, sending, a conflict, another scale, an answer off the
scale, scoring closed, scores seen, a lost race, no live session, a session to touch, bad
input) goes the usual way, with nothing written here; a save the read found to be none of
the quick kind skips ``quicksave`` there (``TRIED``), so it reads only once more.
"""

from __future__ import annotations

import functools
import hmac
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from flask import Response, current_app, g, request, session, url_for
from flask_wtf.csrf import same_origin
from itsdangerous import BadData, URLSafeTimedSerializer
from sqlalchemy import Connection, Integer, Select, and_, bindparam, select
from sqlalchemy.exc import DBAPIError

from panels.auth import caller
from panels.common.jsonbody import JsonBodyError, json_body
from panels.common.rawsql import Link
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

TRIED = "panels_fastsave_tried"  # on flask.g: the read was made, quicksave has nothing to add


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


# --- the checks before each request, as the quick answer makes them ----------------------


@functools.cache
def _csrf_serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt="wtf-csrf-token")


_CSRF_SEEN: dict[tuple[str, str], str] = {}  # (secret, token): what it signs, once checked
CSRF_MOST = 4096


def _csrf_signed(token: str) -> str | None:
    """What a CSRF token signs, if its signature (and age, when tokens have a time limit)
    is good. Without a time limit a token checked once is not checked again."""
    config = current_app.config
    secret = str(config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key)
    limit = config.get("WTF_CSRF_TIME_LIMIT", 3600)
    if limit is None and (found := _CSRF_SEEN.get((secret, token))) is not None:
        return found
    try:
        signed = _csrf_serializer(secret).loads(token, max_age=limit)
    except BadData:
        return None
    if not isinstance(signed, str):
        return None
    if limit is None:
        if len(_CSRF_SEEN) >= CSRF_MOST:
            _CSRF_SEEN.clear()
        _CSRF_SEEN[(secret, token)] = signed
    return signed


def _csrf_ok() -> bool:
    """Flask-WTF's check of this request (``CSRFProtect.protect``), without reading a form
    (a JSON save has none): the header's token is signed and is this session's."""
    config = current_app.config
    if not config.get("WTF_CSRF_ENABLED", True) or not config.get("WTF_CSRF_CHECK_DEFAULT", True):
        return True
    if request.method not in config.get("WTF_CSRF_METHODS", ("POST", "PUT", "PATCH", "DELETE")):
        return True
    token = None
    for header in config.get("WTF_CSRF_HEADERS", ("X-CSRFToken", "X-CSRF-Token")):
        token = request.headers.get(header)
        if token:
            break
    field = config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    expected = session.get(field)
    if not token or not isinstance(expected, str):
        return False
    signed = _csrf_signed(token)
    if signed is None or not hmac.compare_digest(expected, signed):
        return False
    if request.is_secure and config.get("WTF_CSRF_SSL_STRICT", True):
        referrer = request.referrer
        return bool(referrer) and same_origin(referrer, f"https://{request.host}/")
    return True


def _same_browser() -> bool:
    """False when Flask-Login's session protection would act on this request (it then
    marks the session not fresh, or ends it): the usual way does that."""
    manager = current_app.login_manager  # type: ignore[attr-defined]
    mode = current_app.config.get("SESSION_PROTECTION", manager.session_protection)
    if mode not in ("basic", "strong"):
        return True
    if mode == "basic" and session.get("_fresh") is False:
        return True  # basic protection has nothing more to do
    return session.get("_id") == manager._session_identifier_generator()  # noqa: SLF001


def _body() -> dict | None:
    """The save's body if the quick way may take it; None for the usual way."""
    if request.args or request.method != "POST":
        return None  # the text guard reads the query string: the usual way
    try:
        data = json_body(expect=dict)
    except JsonBodyError:
        return None
    if quicksave.send_problem(data) is not None or not quicksave.usable(data):
        return None
    return data


# --- the quick answer ------------------------------------------------------------------


def answer(job_id: int, candidate_id: int) -> Response | None:
    """The quick answer (``answers_early``, with the route's arguments)."""
    me = caller.from_cookie()
    if me is None or not _csrf_ok() or not _same_browser():
        return None
    data = _body()
    if data is None:
        return None
    params = {
        "job_id": job_id,
        "candidate_id": candidate_id,
        "client_id": data["client_id"],
        **me.params,
    }
    with _link() as link:
        rows = _rows(link, params)
        if not rows:
            return None  # no live session, or not on this job's panel: the usual way
        last_seen, two_step_on_at, coordinating, two_step_required = rows[0][:4]
        if caller.usual_way_needed(
            utcnow(),
            last_seen,
            bool(coordinating),
            two_step_on_at is not None,
            bool(two_step_required),
        ):
            return None
        setattr(g, TRIED, True)
        decided = _decide(data, [row[4:] for row in rows])
        if decided is None:
            return None
        if isinstance(decided, quicksave.Job) and not _write(link, decided):
            return None
    if isinstance(decided, quicksave.Job):
        decided = ("saved", decided.version + 1, SheetStatus.DRAFT.value)
    next_url = url_for("scoring.sheet", job_id=job_id, candidate_id=candidate_id)
    return current_app.response_class(
        json.dumps(quicksave.ok(*decided, next_url), separators=(",", ":")),
        mimetype="application/json",
    )


def _rows(link: Link, params: dict[str, Any]) -> list[tuple]:
    if not link.direct:
        return link.rows(_read(), params)
    try:
        return link.rows(_read(), params)
    except link.dialect.loaded_dbapi.Error:
        return []  # the database is busy or gone: the usual way says so


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


def _engine() -> Any:
    """The app's engine; or, in tests, the test's one connection (the session's bind)."""
    factory = getattr(db.session, "session_factory", None)
    if factory is not None and isinstance(factory.kw.get("bind"), Connection):
        return db.session.get_bind()
    return db.engine  # no ORM session made (nor removed after) for a quick save


@contextmanager
def _link() -> Iterator[Link]:
    """Production: a pooled connection's driver; tests: the session's one connection."""
    bind = _engine()
    if isinstance(bind, Connection):
        yield Link.through(db.session.connection())
        return
    with Link.checkout(bind) as link:
        yield link


def _write(link: Link, job: quicksave.Job) -> bool:
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
        return _combiner(_engine()).submit_on(link, job)
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
