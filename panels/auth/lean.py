"""The signed-in person for a few hot JSON endpoints, without the ORM.

A tablet sends a score save every few taps (``scoring.send``). Loading the person as an
ORM ``User`` with their organisations costs more than the save's own writes, and those
endpoints only ever ask who it is. For the endpoints in ``LEAN_ENDPOINTS``, Flask-Login's
user loader (``sessions.load_user``) reads the same session row with the same checks in
one Core query and gives a ``SignedIn``: the person's id, whether they coordinate, and
whether they use (or must use) two-step sign-in, which is what the before-request checks
ask. Anything else asked of it loads the whole ``User`` (one more query), so code that
needs more still works.

Another area's hot endpoint can be added to ``LEAN_ENDPOINTS`` when its view uses only
``current_user.id`` (and ``is_authenticated``).
"""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

from flask_login import UserMixin
from sqlalchemy import Integer, String, bindparam, exists, select

from panels.db import db
from panels.models import OrganisationSettings, OrgMembership, User, UserSession
from panels.models.orgs import COORDINATING

LEAN_ENDPOINTS = frozenset({"scoring.send"})


class SignedIn(UserMixin):
    """Who is signed in, as far as a hot endpoint needs to know."""

    def __init__(self, user_id: int, coordinator: bool, two_step_on: bool) -> None:
        self.id = user_id
        self._coordinator = coordinator
        self._two_step_on = two_step_on
        self._user: User | None = None

    @property
    def is_coordinator(self) -> bool:
        return self._coordinator

    @property
    def two_step_on(self) -> bool:
        return self._two_step_on

    def __getattr__(self, name: str) -> Any:
        """Anything else: from the whole person, loaded once when first asked."""
        if name.startswith("_"):
            raise AttributeError(name)
        if self._user is None:
            self._user = db.session.get(User, self.id)
        return getattr(self._user, name)


@functools.cache
def _statement() -> Any:
    """The session row and what the checks ask of the person, in one query built once."""
    coordinates = exists().where(
        OrgMembership.user_id == User.id, OrgMembership.role.in_(COORDINATING)
    )
    required = exists().where(
        OrgMembership.user_id == User.id,
        OrgMembership.role.in_(COORDINATING),
        OrganisationSettings.organisation_id == OrgMembership.organisation_id,
        OrganisationSettings.require_two_step.is_(True),
    )
    return (
        select(
            UserSession.id,
            UserSession.last_seen_at,
            User.two_step_on_at,
            coordinates.label("coordinates"),
            required.label("required"),
        )
        .join(User, User.id == UserSession.user_id)
        .where(
            UserSession.id == bindparam("session_id", type_=String),
            UserSession.user_id == bindparam("user_id", type_=Integer),
            UserSession.ended_at.is_(None),
        )
    )


def load(session_id: str, user_id: int) -> tuple[SignedIn, str, datetime, bool] | None:
    """(person, session row id, last seen, must use two-step) for a live session row
    (``session_id`` is the hash kept in the row), else None."""
    row = (
        db.session.connection()
        .execute(_statement(), {"session_id": session_id, "user_id": user_id})
        .first()
    )
    if row is None:
        return None
    row_id, last_seen, two_step_on_at, coordinates, required = row
    person = SignedIn(user_id, bool(coordinates), two_step_on_at is not None)
    return person, row_id, last_seen, bool(required)
