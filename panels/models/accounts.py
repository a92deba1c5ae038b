"""People who sign in, and how they sign in."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from panels.db import Model
from panels.lib import limits
from panels.lib.choices import ScaleKey
from panels.models.base import between, choice, utcnow


class ThrottleScope(StrEnum):
    """What a sign-in throttle row counts tries for (``sign_in_throttle.scope``)."""

    ACCOUNT = "account"  # the email address typed, whether or not anyone has it
    ADDRESS = "address"  # where the request came from


if TYPE_CHECKING:
    from panels.models.jobs import PanelMember
    from panels.models.orgs import OrgMembership


class User(UserMixin, Model):
    """A person with an account: a coordinator, a panel member, or both.

    Access preferences live here because they belong to the person, whatever job
    they sit on. We store preferences, never diagnoses.
    """

    __tablename__ = "user"
    __table_args__ = (between("pace", limits.PACE_MIN, limits.PACE_MAX),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(limits.EMAIL), unique=True)
    name: Mapped[str] = mapped_column(String(limits.PERSON_NAME))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    about: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    # Access preferences.
    read_aloud: Mapped[bool] = mapped_column(Boolean, default=False)
    more_time: Mapped[bool] = mapped_column(Boolean, default=False)
    pace: Mapped[float] = mapped_column(Float, default=1.0)
    large_text: Mapped[bool] = mapped_column(Boolean, default=False)
    pictures: Mapped[bool] = mapped_column(Boolean, default=True)
    scale: Mapped[ScaleKey] = mapped_column(
        choice(ScaleKey, limits.SCALE, "scale"), default=ScaleKey.FACES3
    )

    # Their own photo (its key in the file store, panels.common.storage; "" for none),
    # and whether candidates may see it on their invitation ("Candidates may see my photo").
    photo: Mapped[str] = mapped_column(
        String(limits.FILE_KEY), default="", server_default="", active_history=True
    )
    photo_consent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    # Two-step sign-in with an authenticator app (panels.auth.two_step). The secret is
    # sealed with the app's key ("" for none); it is on from ``two_step_on_at`` (a secret
    # without it is one being set up). ``two_step_last_step`` is the time step of the
    # last code used, so no code works twice; ``two_step_recovery`` holds the hashes of
    # the recovery codes not yet used, space-separated.
    two_step_secret: Mapped[str] = mapped_column(String(255), default="", server_default="")
    two_step_on_at: Mapped[datetime | None] = mapped_column(DateTime)
    two_step_last_step: Mapped[int | None] = mapped_column(Integer)
    two_step_recovery: Mapped[str] = mapped_column(Text, default="", server_default="")

    memberships: Mapped[list[PanelMember]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )
    # The organisations this person is in, and their role in each (panels.models.orgs).
    org_memberships: Mapped[list[OrgMembership]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="OrgMembership.id"
    )

    @property
    def is_coordinator(self) -> bool:
        """An admin or coordinator of at least one organisation.

        Which jobs they may manage is for ``panels.common.access`` to say: only their
        organisations' jobs.
        """
        return any(m.coordinates for m in self.org_memberships)

    @property
    def two_step_on(self) -> bool:
        return self.two_step_on_at is not None

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class SignInLink(Model):
    """A one-time sign-in link. Only a hash of the token is stored."""

    __tablename__ = "sign_in_link"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)

    user: Mapped[User] = relationship(foreign_keys=[user_id])


class SignInThrottle(Model):
    """Sign-in tries in the current window, for one account or one address.

    ``scope`` is "account" (the email address typed, whether or not anyone has it)
    or "address" (where the request came from). A try is counted before the password
    is checked, with one conditional statement, so tries at the same moment cannot
    get past the limit. A right password clears the account's count and gives the
    address its try back.
    """

    __tablename__ = "sign_in_throttle"
    __table_args__ = (UniqueConstraint("scope", "value"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scope: Mapped[ThrottleScope] = mapped_column(choice(ThrottleScope, 10, "scope"))
    value: Mapped[str] = mapped_column(String(limits.EMAIL))
    tries: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class UserSession(Model):
    """One signed-in browser or tablet. The cookie holds a random id; only its hash is here.

    Signing out ends it, so a copy of the cookie stops working everywhere.
    """

    __tablename__ = "user_session"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
