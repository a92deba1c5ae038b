"""Who is asking, without loading the person: for the few endpoints tablets call so often
that Flask-Login's user loader costs more than the answer (the live screen's poll).

``from_cookie()`` reads what signing in put in the signed session cookie (the person's id
and the session's id): no query. The caller then checks, in its own one SQL statement, that
the session row is live (``live_session()``: the same row the user loader reads) and asks
``usual_way_needed()`` whether the usual path must run instead: a session whose "last
seen" is due to be written (``sessions.keep_alive``), that may have run out without use
(``sessions.load_user``), or a coordinator who must set up two-step sign-in first
(``login.two_step_first``). A quick path that gets True, or no caller, lets the request go
the usual way, so every rule of the usual way still holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import Flask, current_app, session
from sqlalchemy import ColumnElement, Integer, String, and_, bindparam, exists, or_

from panels.auth import tokens
from panels.auth.sessions import SESSION_KEY
from panels.lib.limits import parse_id
from panels.models import OrganisationSettings, OrgMembership, User, UserSession
from panels.models.orgs import COORDINATING

USER_ID_KEY = "_user_id"  # Flask-Login's key in the session


@dataclass(frozen=True)
class Caller:
    user_id: int
    session_id: str  # the hash of the cookie's session id, as UserSession.id stores it

    @property
    def params(self) -> dict[str, object]:
        """The bound values ``live_session()`` and ``coordinating()`` use."""
        return {"caller_user_id": self.user_id, "caller_session_id": self.session_id}


def from_cookie() -> Caller | None:
    """The person and session the signed cookie names; None if it names none."""
    return from_session_data(session)


_KNOWN: dict[tuple[type, object, str], Caller | None] = {}  # cookie's values -> their caller
KNOWN_MOST = 4096  # all are forgotten when there are more


def from_session_data(data: Mapping[str, object]) -> Caller | None:
    """The same from the session's contents, read from its signed cookie by the caller.
    A tablet sends the same session with every save and poll: what a pair of values says
    (checked and hashed once) is kept for the next time."""
    raw_id, token = data.get(USER_ID_KEY), data.get(SESSION_KEY)
    if not isinstance(token, str):
        return None
    key = (type(raw_id), raw_id, token)
    try:
        return _KNOWN[key]
    except (KeyError, TypeError):  # not seen yet, or a value that cannot be a key
        pass
    user_id = parse_id(raw_id)
    found = None
    if user_id is not None and tokens.looks_like_token(token):
        found = Caller(user_id, tokens.token_hash(token))
    if raw_id is None or isinstance(raw_id, str | int):
        if len(_KNOWN) >= KNOWN_MOST:
            _KNOWN.clear()
        _KNOWN[key] = found
    return found


def live_session() -> ColumnElement[bool]:
    """SQL: the caller's session row (join UserSession and User) is theirs and not ended."""
    return and_(
        UserSession.id == bindparam("caller_session_id", type_=String),
        UserSession.user_id == bindparam("caller_user_id", type_=Integer),
        UserSession.ended_at.is_(None),
        User.id == UserSession.user_id,
    )


def coordinates() -> ColumnElement[bool]:
    """SQL: the OrgMembership row's role is admin or coordinator (fixed values: an IN list
    would be expanded again on every run of a cached statement)."""
    return or_(*(OrgMembership.role == value for value in COORDINATING))


def coordinating() -> ColumnElement[bool]:
    """SQL: the caller is an admin or coordinator of some organisation."""
    return exists().where(
        OrgMembership.user_id == bindparam("caller_user_id", type_=Integer),
        coordinates(),
    )


def two_step_required() -> ColumnElement[bool]:
    """SQL: an organisation the caller coordinates for asks for two-step sign-in."""
    return exists().where(
        OrgMembership.user_id == bindparam("caller_user_id", type_=Integer),
        coordinates(),
        OrganisationSettings.organisation_id == OrgMembership.organisation_id,
        OrganisationSettings.require_two_step.is_(True),
    )


def usual_way_needed(
    now: datetime,
    last_seen: datetime,
    is_coordinator: bool,
    two_step_on: bool,
    two_step_required: bool,
    app: Flask | None = None,
) -> bool:
    """Must this request go the usual way (the user loader and every check)?

    True when the session's "last seen" is due to be written (every SESSION_TOUCH_MINUTES,
    for coordinators a tenth of their idle limit at most), so also whenever it may have run
    out; and for a coordinator who must set up two-step sign-in first. ``app``: the app
    whose settings count, when there is no app context (an answer before Flask).
    """
    app = app or current_app
    config = app.config
    every = timedelta(minutes=config["SESSION_TOUCH_MINUTES"])
    every = min(every, app.permanent_session_lifetime)
    if is_coordinator:
        every = min(every, timedelta(minutes=float(config["COORDINATOR_IDLE_MINUTES"])) / 10)
        if two_step_required and not two_step_on:
            return True
    return now - last_seen >= every
