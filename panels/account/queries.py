"""Reads for a person's own account."""

from __future__ import annotations

from panels.db import db
from panels.models import User


def person(user_id: int) -> User | None:
    return db.session.get(User, user_id)
