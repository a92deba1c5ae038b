"""People who sign in, and how they sign in."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from panels.db import db
from panels.models.base import utcnow


class User(UserMixin, db.Model):
    """A person with an account: a coordinator, a panel member, or both.

    Access preferences live here because they belong to the person, whatever job
    they sit on. We store preferences, never diagnoses.
    """

    __tablename__ = "user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    is_coordinator: Mapped[bool] = mapped_column(Boolean, default=False)
    about: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    # Access preferences.
    read_aloud: Mapped[bool] = mapped_column(Boolean, default=False)
    more_time: Mapped[bool] = mapped_column(Boolean, default=False)
    pace: Mapped[float] = mapped_column(Float, default=1.0)
    large_text: Mapped[bool] = mapped_column(Boolean, default=False)
    pictures: Mapped[bool] = mapped_column(Boolean, default=True)
    scale: Mapped[str] = mapped_column(String(20), default="faces3")

    # Their own photo (a file name under MEDIA_DIR/photos, "" for none), and whether
    # candidates may see it on their invitation ("Candidates may see my photo").
    photo: Mapped[str] = mapped_column(String(64), default="", server_default="")
    photo_consent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    memberships: Mapped[list[PanelMember]] = relationship(  # noqa: F821
        back_populates="user", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class SignInLink(db.Model):
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


class LoginAttempt(db.Model):
    """A failed sign-in, kept for a short while to slow down guessing."""

    __tablename__ = "login_attempt"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    remote_addr: Mapped[str] = mapped_column(String(64), default="")
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
