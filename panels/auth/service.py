"""Signing in: passwords, one-time links and throttling."""

from __future__ import annotations

import secrets
from functools import lru_cache
from typing import Any, cast

from flask import current_app
from sqlalchemy import CursorResult, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from panels.auth import sessions, throttle, tokens
from panels.auth.sessions import start_session  # noqa: F401  (for tests and tools)
from panels.auth.throttle import TooManyTries  # noqa: F401
from panels.common.audit import record
from panels.db import db
from panels.models import SignInLink, User
from panels.models.base import utcnow


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def set_password(user: User, password: str) -> None:
    """Set a new password. For someone who has one already, this ends their other sessions
    (the caller commits)."""
    user.password_hash = generate_password_hash(
        password, method=current_app.config["PASSWORD_HASH_METHOD"]
    )
    if user.id is not None:
        sessions.end_all(user.id, keep_current=True)


def user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def check_password(email: str, password: str, remote_addr: str) -> User | None:
    """The person if the password is right, None if not; raises TooManyTries.

    The try is counted (per account and per address) before the password is checked,
    so tries at the same moment cannot get past the limits. The answer and the time it
    takes are the same whether or not anyone has that email address.
    """
    email = normalise_email(email)
    reservation = throttle.reserve(email, remote_addr)
    user = user_by_email(email)
    stored = user.password_hash if user is not None and user.password_hash else None
    right = (
        check_password_hash(
            stored or _dummy_hash(current_app.config["PASSWORD_HASH_METHOD"]), password
        )
        and stored is not None
    )
    if right:
        throttle.succeeded(reservation)
    else:
        record("sign-in failed", actor_id=user.id if user else None, step="password")
    db.session.commit()
    throttle.prune()
    return user if right else None


@lru_cache(maxsize=4)
def _dummy_hash(method: str) -> str:
    """Checked when there is no password to check, so that it takes the same time."""
    return generate_password_hash(secrets.token_urlsafe(16), method=method)


def make_sign_in_link(user: User, created_by: User | None) -> tuple[str, SignInLink]:
    """A new one-time link for the user. Older unused links for them stop working."""
    now = utcnow()
    for old in db.session.scalars(
        select(SignInLink).where(SignInLink.user_id == user.id, SignInLink.used_at.is_(None))
    ):
        old.used_at = now
    token = tokens.new_token()
    link = SignInLink(
        user_id=user.id,
        token_hash=tokens.token_hash(token),
        created_by_id=created_by.id if created_by else None,
        expires_at=tokens.expiry(now, current_app.config["SIGN_IN_LINK_MINUTES"]),
    )
    db.session.add(link)
    return token, link


NEW_ONE = "Ask your coordinator for a new one."
NOT_RIGHT = f"This sign-in link is not right. {NEW_ONE}"
USED = f"This sign-in link has been used. {NEW_ONE}"
TOO_OLD = f"This sign-in link is too old. {NEW_ONE}"


class LinkProblem(Exception):
    """The link cannot be used. ``code`` is 404 (unknown) or 410 (used or expired)."""

    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def use_sign_in_link(token: str, remote_addr: str) -> User:
    """The person the link is for; raises LinkProblem or TooManyTries.

    Every try counts against the address's limit first (a guessed link is a wrong try).
    A good link is not stopped by the account's limit: someone guessing a person's
    password cannot lock them out of the link their coordinator gave them.
    """
    reservation = throttle.reserve(None, remote_addr)
    try:
        user = _claim_link(token)
    except LinkProblem as problem:
        if problem.code == 410:  # a real link, used or old: not a guess
            throttle.give_back(reservation)
        record("sign-in failed", step="one-time link", why=problem.message)
        db.session.commit()
        raise
    throttle.succeeded(reservation, account=user.email)
    db.session.commit()
    return user


def _claim_link(token: str) -> User:
    if not tokens.looks_like_token(token):
        raise LinkProblem(404, NOT_RIGHT)
    link = db.session.scalar(
        select(SignInLink).where(SignInLink.token_hash == tokens.token_hash(token))
    )
    if link is None:
        raise LinkProblem(404, NOT_RIGHT)
    now = utcnow()
    if link.used_at is not None:
        raise LinkProblem(410, USED)
    if link.expires_at < now:
        raise LinkProblem(410, TOO_OLD)
    # Mark it used only if nobody else did in the meantime: a link works once.
    result = db.session.execute(
        update(SignInLink)
        .where(SignInLink.id == link.id, SignInLink.used_at.is_(None))
        .values(used_at=now)
    )
    claimed = cast(CursorResult[Any], result).rowcount
    db.session.commit()
    if claimed != 1:
        raise LinkProblem(410, USED)
    user = db.session.get(User, link.user_id)
    if user is None:  # removed since the link was made
        raise LinkProblem(404, NOT_RIGHT)
    return user


def begin_session(user: User, method: str, **how) -> None:
    """A new server-side session for this browser, written to the audit trail; commits."""
    sessions.begin(user)
    record("signed in", actor_id=user.id, method=method, **how)
    db.session.commit()


def end_session(*, commit: bool = True) -> None:
    """End this browser's session, so a copy of its cookie stops working everywhere."""
    sessions.end_current()
    if commit:
        db.session.commit()


def end_every_session(user_id: int) -> int:
    """End every session of the person (other tablets, phones and computers too); commits."""
    ended = sessions.end_all(user_id)
    record("signed out everywhere", sessions=ended)
    sessions.end_current()
    db.session.commit()
    return ended
