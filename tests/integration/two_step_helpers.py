"""Helpers for the two-step sign-in and time-out tests: a clock the test moves, the app's
code for now, and turning two-step sign-in on the way a coordinator does."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, update

from panels.auth import sealed, totp
from panels.db import db
from panels.models import AuditEvent, User, UserSession
from panels.models.base import utcnow


class Clock:
    """The time the sign-in code sees (``panels.auth.sessions`` and ``two_step``)."""

    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now

    def move(self, **by) -> None:
        self.now += timedelta(**by)


@pytest.fixture
def clock(monkeypatch):
    import panels.auth.sessions as sessions_module
    import panels.auth.two_step as two_step_module

    found = Clock()
    monkeypatch.setattr(sessions_module, "utcnow", found)
    monkeypatch.setattr(two_step_module, "utcnow", found)
    return found


def secret_of(app, user_id: int) -> str:
    with app.app_context():
        user = db.session.get(User, user_id)
        return sealed.unseal(app.config["SECRET_KEY"], user.two_step_secret)


def code_now(app, user_id: int, clock: Clock, steps: int = 0) -> str:
    return totp.code_for(secret_of(app, user_id), totp.step_at(clock.now) + steps)


def wrong_code(app, user_id: int, clock: Clock) -> str:
    """Six digits that are not the app's code for now or a step either side."""
    right = {code_now(app, user_id, clock, steps) for steps in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in right)


def person(app, user_id: int) -> User:
    with app.app_context():
        user = db.session.get(User, user_id)
        db.session.expunge(user)
        return user


def actions(app, actor_id: int | None = None) -> list[str]:
    with app.app_context():
        query = select(AuditEvent).order_by(AuditEvent.id)
        if actor_id is not None:
            query = query.where(
                (AuditEvent.actor_id == actor_id) | (AuditEvent.on_behalf_of_id == actor_id)
            )
        return [e.action for e in db.session.scalars(query)]


def events(app, action: str) -> list[AuditEvent]:
    with app.app_context():
        found = list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))
        db.session.expunge_all()
        return found


CODES_RE = re.compile(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>")


def turn_on(app, client, user_id: int, clock: Clock) -> list[str]:
    """Set two-step sign-in up through the pages; returns the recovery codes shown."""
    assert client.post("/my-account/two-step/start").status_code == 302
    response = client.post(
        "/my-account/two-step/set-up", data={"code": code_now(app, user_id, clock)}
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    codes = CODES_RE.findall(response.get_data(as_text=True))
    assert len(codes) == 10
    clock.move(seconds=30)  # the next code is a new one
    return codes


def age_sessions(app, user_id: int, clock: Clock, **ago) -> None:
    with app.app_context():
        db.session.execute(
            update(UserSession)
            .where(UserSession.user_id == user_id)
            .values(last_seen_at=clock.now - timedelta(**ago))
        )
        db.session.commit()
