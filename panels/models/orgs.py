"""Organisations: who owns jobs and people, and who runs them.

One installation holds many organisations. A job belongs to one organisation. A person
belongs to an organisation through a membership: as its admin, as a coordinator, or as
a panel member (someone on the panel of one of its jobs). Nobody sees anything of an
organisation they do not belong to (``panels.common.access``).

``OrganisationSettings`` is the place for what an organisation sets for itself: today the
name and contact candidates see; pay rates, how long data is kept and mail settings go
here when they are built. ``keep_months`` and ``keep_appointed_months`` say how long
candidates' details are kept after a job's decision (``panels/privacy``).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
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
from panels.models.accounts import User
from panels.models.base import between, one_of, utcnow


class OrgRole(StrEnum):
    """What a person is in an organisation."""

    ADMIN = "admin"  # a coordinator who also invites coordinators and changes roles
    COORDINATOR = "coordinator"  # runs the organisation's jobs
    MEMBER = "member"  # sits on the panel of one of its jobs


COORDINATING = (OrgRole.ADMIN.value, OrgRole.COORDINATOR.value)


class Organisation(Model):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(limits.ORG_NAME))
    # Short and unique: names the organisation on the command line.
    slug: Mapped[str] = mapped_column(String(limits.ORG_SLUG), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    memberships: Mapped[list[OrgMembership]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )
    settings: Mapped[OrganisationSettings | None] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", uselist=False
    )

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.slug}>"


class OrgMembership(Model):
    """A person in an organisation: one row per person and organisation."""

    __tablename__ = "org_membership"
    __table_args__ = (
        UniqueConstraint("user_id", "organisation_id", name="uq_org_membership_user_org"),
        CheckConstraint(one_of("role", OrgRole), name="role"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(limits.ORG_ROLE), default=OrgRole.MEMBER.value)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    user: Mapped[User] = relationship(back_populates="org_memberships")
    organisation: Mapped[Organisation] = relationship(back_populates="memberships")

    @property
    def is_admin(self) -> bool:
        return self.role == OrgRole.ADMIN

    @property
    def coordinates(self) -> bool:
        return self.role in COORDINATING


class OrganisationSettings(Model):
    """What an organisation sets for itself (one row per organisation, made on first save).

    ``display_name`` is the name candidates see ("" means the organisation's name);
    ``contact`` is who candidates ask, on a job that gives no contact of its own;
    ``require_two_step`` sends every coordinator without two-step sign-in to set it up.
    """

    __tablename__ = "organisation_settings"
    __table_args__ = (
        between("keep_months", limits.KEEP_MONTHS_MIN, limits.KEEP_MONTHS_MAX),
        between("keep_appointed_months", limits.KEEP_MONTHS_MIN, limits.KEEP_MONTHS_MAX),
    )

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    display_name: Mapped[str] = mapped_column(
        String(limits.ORG_NAME), default="", server_default=""
    )
    contact: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Months candidates' details are kept after a job's decision (panels/privacy).
    keep_months: Mapped[int] = mapped_column(
        Integer,
        default=limits.KEEP_MONTHS_DEFAULT,
        server_default=str(limits.KEEP_MONTHS_DEFAULT),
    )
    keep_appointed_months: Mapped[int] = mapped_column(
        Integer,
        default=limits.KEEP_APPOINTED_MONTHS_DEFAULT,
        server_default=str(limits.KEEP_APPOINTED_MONTHS_DEFAULT),
    )
    # Every admin and coordinator must sign in with a code from an authenticator app.
    require_two_step: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    organisation: Mapped[Organisation] = relationship(back_populates="settings")
