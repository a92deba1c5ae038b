"""Who is signed in: a server-side row for each signed-in browser or tablet.

Flask keeps its session in a signed cookie, which cannot be taken back. So the cookie
also holds a random session id, and the row for it (only a hash of the id is stored)
says whether it is still live. Signing out ends the row: a copy of the cookie then
stops working everywhere. A session also ends after ``PERMANENT_SESSION_LIFETIME``
(12 hours) without use.

Cost: the user loader reads the session row and the person in one indexed query, in
place of the query it made before. "Last seen" is written at most every
``SESSION_TOUCH_MINUTES`` (5), at the start of a request, before the view runs.

Coordinators' sessions also end after ``COORDINATOR_IDLE_MINUTES`` (30) without use: they
can open people's details, and a laptop is left open more easily than a tablet is put
away. Their pages say so, and a small script warns ``IDLE_WARNING_MINUTES`` before the end
with a "Stay signed in" button (WCAG 2.2.1); without the script, any page they open keeps
them signed in. The next request after the end goes to a page that says why they were
signed out, and the audit trail records it. Panel members' tablets have no such limit.
For coordinators "last seen" is written more often (a tenth of the limit at most), so the
limit is kept to within a few minutes.
"""

from __future__ import annotations

import functools
from datetime import timedelta
from typing import Any, cast

from flask import Flask, current_app, g, has_request_context, redirect, request, session, url_for
from flask_login import current_user, logout_user
from sqlalchemy import (
    CursorResult,
    Integer,
    Select,
    String,
    bindparam,
    delete,
    or_,
    select,
    update,
)
from sqlalchemy.orm import joinedload

from panels.auth import lean, tokens
from panels.common.audit import record
from panels.db import db
from panels.lib.limits import parse_id
from panels.models import OrganisationSettings, OrgMembership, User, UserSession
from panels.models.base import utcnow
from panels.models.orgs import COORDINATING

SESSION_KEY = "_panels_session"


def start_session(user: User | int, app: Flask | None = None) -> dict:
    """Start a session for a person; returns the keys to put in the Flask session.

    Commits. With ``app`` it runs in its own app context, for tests that sign a Flask
    test browser in from outside a request (``session_transaction()``, then
    ``update`` with what this returns).
    """
    user_id = user if isinstance(user, int) else user.id
    if app is not None:
        with app.app_context():
            return start_session(user_id)
    token = open_session(user_id)
    db.session.commit()
    return {"_user_id": str(user_id), "_fresh": True, SESSION_KEY: token}


def open_session(user_id: int) -> str:
    """Add a live session row for the person (the caller commits); returns its id.

    Also clears away that person's sessions that have ended or run out.
    """
    now = utcnow()
    db.session.execute(
        delete(UserSession).where(
            UserSession.user_id == user_id,
            or_(UserSession.ended_at.is_not(None), UserSession.last_seen_at < now - lifetime()),
        )
    )
    token = tokens.new_token()
    db.session.add(
        UserSession(id=tokens.token_hash(token), user_id=user_id, created_at=now, last_seen_at=now)
    )
    return token


def begin(user: User) -> None:
    """After login_user: a new session row, its id in this browser's cookie."""
    session[SESSION_KEY] = open_session(user.id)


def end_current() -> None:
    """End this browser's session row, if it has one (the caller commits)."""
    token = session.pop(SESSION_KEY, None)
    if isinstance(token, str):
        db.session.execute(
            update(UserSession)
            .where(UserSession.id == tokens.token_hash(token), UserSession.ended_at.is_(None))
            .values(ended_at=utcnow())
        )


def end_all(user_id: int, keep_current: bool = False) -> int:
    """End every live session of a person (the caller commits). Returns how many.

    With ``keep_current``, the session of this request stays live.
    """
    statement = update(UserSession).where(
        UserSession.user_id == user_id, UserSession.ended_at.is_(None)
    )
    token = session.get(SESSION_KEY) if keep_current and has_request_context() else None
    if isinstance(token, str):
        statement = statement.where(UserSession.id != tokens.token_hash(token))
    result = cast(CursorResult[Any], db.session.execute(statement.values(ended_at=utcnow())))
    return result.rowcount


def lifetime() -> timedelta:
    return current_app.permanent_session_lifetime


@functools.cache
def _user_statement() -> Select:
    """The user loader's query, built once: it runs on every request."""
    # Whether an organisation they coordinate for requires two-step sign-in, in the same
    # query (``login.two_step_first`` asks on every request of a coordinator without it).
    required = (
        select(OrganisationSettings.organisation_id)
        .join(OrgMembership, OrgMembership.organisation_id == OrganisationSettings.organisation_id)
        .where(
            OrgMembership.user_id == User.id,
            OrgMembership.role.in_(COORDINATING),
            OrganisationSettings.require_two_step.is_(True),
        )
        .exists()
    )
    return (
        select(User, UserSession.id, UserSession.last_seen_at, required.label("required"))
        .join(UserSession, UserSession.user_id == User.id)
        # The person's organisations come in the same query: every page asks what they are.
        .options(joinedload(User.org_memberships))
        .where(
            UserSession.id == bindparam("session_id", type_=String),
            UserSession.user_id == bindparam("user_id", type_=Integer),
            UserSession.ended_at.is_(None),
        )
    )


def load_user(user_id: str) -> User | None:
    """Flask-Login's user loader: the person, only while their session row is live."""
    token = session.get(SESSION_KEY)
    number = parse_id(user_id) if isinstance(user_id, str) else None
    if number is None:
        return None
    if not isinstance(token, str) or not tokens.looks_like_token(token):
        return None
    found = _session_and_person(tokens.token_hash(token), number)
    if found is None:
        return None
    user, session_id, last_seen, required = found
    g._panels_two_step_required = bool(required)
    if last_seen < utcnow() - lifetime():
        return None
    idle = idle_limit(user)
    if idle is not None and last_seen < utcnow() - idle:
        g._panels_timed_out = (session_id, user.id, idle)
        return None
    g._panels_session = (session_id, last_seen, idle)
    return user


def _session_and_person(session_hash: str, user_id: int) -> tuple[Any, str, Any, bool] | None:
    """The live session row's person, id, last use and whether two-step is required.

    A hot JSON endpoint (``lean.LEAN_ENDPOINTS``) gets a ``lean.SignedIn`` read in one
    Core query with the same checks; every other request the whole ``User``.
    """
    if has_request_context() and request.endpoint in lean.LEAN_ENDPOINTS:
        return lean.load(session_hash, user_id)
    row = (
        db.session.execute(_user_statement(), {"session_id": session_hash, "user_id": user_id})
        .unique()
        .first()
    )
    return None if row is None else tuple(row)


def two_step_required() -> bool:
    """Must this request's person use two-step sign-in (read with the person)?"""
    return bool(g.get("_panels_two_step_required", False))


def idle_limit(user: User) -> timedelta | None:
    """How long a session of this person lasts without use: for coordinators only."""
    if not user.is_coordinator:
        return None
    return timedelta(minutes=float(current_app.config["COORDINATOR_IDLE_MINUTES"]))


def seconds_left() -> float | None:
    """For a coordinator's page: the seconds until their session ends without use."""
    if not has_request_context():
        return None
    _session_id, last_seen, idle = g.get("_panels_session", (None, None, None))
    if idle is None or last_seen is None:
        return None
    return max(0.0, (last_seen + idle - utcnow()).total_seconds())


def _time_out():
    """The session ran out without use: end it, say so in the audit trail, say why."""
    session_id, user_id, idle = g.pop("_panels_timed_out")
    db.session.execute(
        update(UserSession)
        .where(UserSession.id == session_id, UserSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )
    record("signed out by time-out", actor_id=user_id, minutes=idle.total_seconds() / 60)
    db.session.commit()
    session.pop(SESSION_KEY, None)
    logout_user()
    return redirect(url_for("auth.timed_out"))


def touch_now() -> float | None:
    """The person asked to stay signed in: their session counts from now. Commits."""
    session_id, _last_seen, idle = g.get("_panels_session", (None, None, None))
    if session_id is None:
        return None
    now = utcnow()
    db.session.execute(
        update(UserSession).where(UserSession.id == session_id).values(last_seen_at=now)
    )
    db.session.commit()
    g._panels_session = (session_id, now, idle)
    session.modified = True
    return None if idle is None else idle.total_seconds()


NOT_USE = frozenset({"auth.session_left"})  # the warning script asking how long is left


def keep_alive():
    """Before each request: note that a live session is in use, at most every few minutes.

    Runs before the view, so it commits nothing of the view's. Also re-signs the cookie,
    so that it runs out after the same time without use as the row.
    """
    if request.endpoint == "static":
        return None
    if not current_user.is_authenticated:
        return _time_out() if g.get("_panels_timed_out") else None
    session_id, last_seen, idle = g.get("_panels_session", (None, None, None))
    if session_id is None or request.endpoint in NOT_USE:
        return None
    now = utcnow()
    every = timedelta(minutes=current_app.config["SESSION_TOUCH_MINUTES"])
    if idle is not None:
        every = min(every, idle / 10)
    if now - last_seen < every:
        return None
    db.session.execute(
        update(UserSession)
        .where(UserSession.id == session_id, UserSession.last_seen_at < now - every)
        .values(last_seen_at=now)
    )
    db.session.commit()
    g._panels_session = (session_id, now, idle)
    session.modified = True
    return None


def init_app(app: Flask) -> None:
    from panels.db import login_manager

    login_manager.user_loader(load_user)
    app.before_request(keep_alive)

    @app.context_processor
    def idle_warning() -> dict:
        left = seconds_left()
        if left is None:
            return {"idle_warning": None}
        config = current_app.config
        return {
            "idle_warning": {
                "seconds_left": int(left),
                "warn_seconds": int(float(config["IDLE_WARNING_MINUTES"]) * 60),
                "minutes": minutes_words(float(config["COORDINATOR_IDLE_MINUTES"])),
            }
        }


def minutes_words(minutes: float) -> str:
    if minutes < 1:
        return f"{round(minutes * 60)} seconds"
    whole = round(minutes)
    return "1 minute" if whole == 1 else f"{whole} minutes"


PRUNE_BATCH = 1000


def prune_ended(batch: int = PRUNE_BATCH) -> int:
    """Delete sessions that ended or ran out, a batch at a time. Commits; safe to repeat."""
    removed = 0
    while True:
        cutoff = utcnow() - lifetime()
        gone = (
            select(UserSession.id)
            .where(or_(UserSession.ended_at.is_not(None), UserSession.last_seen_at < cutoff))
            .limit(batch)
            .scalar_subquery()
        )
        result = cast(
            CursorResult[Any],
            db.session.execute(delete(UserSession).where(UserSession.id.in_(gone))),
        )
        db.session.commit()
        removed += result.rowcount
        if result.rowcount < batch:
            return removed
