"""Signing in: passwords, one-time links and throttling."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from panels.auth import tokens
from panels.db import db
from panels.models import LoginAttempt, SignInLink, User
from panels.models.base import utcnow


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def set_password(user: User, password: str) -> None:
    user.password_hash = generate_password_hash(password)


def user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def too_many_attempts(email: str, remote_addr: str) -> bool:
    window = utcnow() - timedelta(minutes=current_app.config["LOGIN_ATTEMPT_WINDOW_MINUTES"])
    count = db.session.scalar(
        select(func.count(LoginAttempt.id)).where(
            LoginAttempt.at >= window,
            (LoginAttempt.email == normalise_email(email))
            | (LoginAttempt.remote_addr == remote_addr),
        )
    )
    return (count or 0) >= current_app.config["LOGIN_ATTEMPTS_ALLOWED"] * 2 or (
        _email_failures(email, window) >= current_app.config["LOGIN_ATTEMPTS_ALLOWED"]
    )


def _email_failures(email: str, window) -> int:
    return (
        db.session.scalar(
            select(func.count(LoginAttempt.id)).where(
                LoginAttempt.at >= window, LoginAttempt.email == normalise_email(email)
            )
        )
        or 0
    )


def check_password(email: str, password: str, remote_addr: str) -> User | None:
    """The user if the password is right; records a failed attempt otherwise."""
    user = user_by_email(email)
    if user and user.password_hash and check_password_hash(user.password_hash, password):
        db.session.execute(delete(LoginAttempt).where(LoginAttempt.email == normalise_email(email)))
        db.session.commit()
        return user
    db.session.add(LoginAttempt(email=normalise_email(email)[:254], remote_addr=remote_addr))
    db.session.commit()
    return None


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


def use_sign_in_link(token: str) -> User:
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
    claimed = db.session.execute(
        update(SignInLink)
        .where(SignInLink.id == link.id, SignInLink.used_at.is_(None))
        .values(used_at=now)
    ).rowcount
    db.session.commit()
    if claimed != 1:
        raise LinkProblem(410, USED)
    return db.session.get(User, link.user_id)
