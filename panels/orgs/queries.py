"""Reads for organisations: their people, and which organisations a person is in.

A person is *in* an organisation when they have a membership there: as its admin, a
coordinator, or a panel member (someone on the panel of one of its jobs). People belong
to the organisations they are in:

- an organisation puts on its panels (by email, or from a job file) only people who are
  in no other organisation, or who are in it already (``reachable``);
- it invites as coordinators only people who are in no other organisation;
- it makes sign-in links (which let the holder act as the person) only for people who
  are in no other organisation (``in_another``).

Someone who coordinates for several organisations is set up with the command line
(``flask create-coordinator --organisation``).
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, select

from panels.db import db
from panels.lib import limits
from panels.models import Job, Organisation, OrganisationSettings, OrgMembership, OrgRole, User
from panels.models.orgs import COORDINATING


def organisation(organisation_id: int | None) -> Organisation | None:
    return db.session.get(Organisation, organisation_id) if organisation_id else None


def by_slug(slug: str) -> Organisation | None:
    return db.session.scalar(select(Organisation).where(Organisation.slug == slug))


def only_one() -> Organisation | None:
    """The installation's organisation, if it has exactly one."""
    found = list(db.session.scalars(select(Organisation).order_by(Organisation.id).limit(2)))
    return found[0] if len(found) == 1 else None


def organisation_count() -> int:
    return db.session.scalar(select(func.count(Organisation.id))) or 0


def slug_taken(slug: str) -> bool:
    return db.session.scalar(select(Organisation.id).where(Organisation.slug == slug)) is not None


def coordinating_in(user_id: int) -> list[Organisation]:
    """The organisations the person is an admin or coordinator of, in the order joined."""
    return list(
        db.session.scalars(
            select(Organisation)
            .join(OrgMembership, OrgMembership.organisation_id == Organisation.id)
            .where(OrgMembership.user_id == user_id, OrgMembership.role.in_(COORDINATING))
            .order_by(OrgMembership.id)
        )
    )


def coordinators(organisation_id: int) -> list[OrgMembership]:
    """Everyone who coordinates for the organisation, admins first, then by name."""
    return list(
        db.session.scalars(
            select(OrgMembership)
            .join(User, User.id == OrgMembership.user_id)
            .where(
                OrgMembership.organisation_id == organisation_id,
                OrgMembership.role.in_(COORDINATING),
            )
            .order_by(OrgMembership.role != OrgRole.ADMIN.value, User.name, User.id)
        )
    )


def member_count(organisation_id: int) -> int:
    """How many panel members (people who do not coordinate) the organisation has."""
    return _count_with_role(organisation_id, OrgRole.MEMBER)


def _count_with_role(organisation_id: int, role: OrgRole) -> int:
    return (
        db.session.scalar(
            select(func.count(OrgMembership.id)).where(
                OrgMembership.organisation_id == organisation_id,
                OrgMembership.role == role.value,
            )
        )
        or 0
    )


def coordinator_in(organisation_id: int, membership_id: int) -> OrgMembership | None:
    """The coordinator's membership with this id, if it is this organisation's."""
    row = db.session.get(OrgMembership, membership_id)
    if row is None or row.organisation_id != organisation_id or not row.coordinates:
        return None
    return row


def membership_of(organisation_id: int, user_id: int) -> OrgMembership | None:
    return db.session.scalar(
        select(OrgMembership).where(
            OrgMembership.organisation_id == organisation_id, OrgMembership.user_id == user_id
        )
    )


def admin_count(organisation_id: int) -> int:
    return _count_with_role(organisation_id, OrgRole.ADMIN)


def in_another(user_id: int, organisation_id: int) -> bool:
    """The person is in another organisation than this one."""
    found = db.session.scalar(
        select(OrgMembership.id)
        .where(OrgMembership.user_id == user_id, OrgMembership.organisation_id != organisation_id)
        .limit(1)
    )
    return found is not None


def in_any_of(user_id: int, organisation_ids: Collection[int]) -> bool:
    """The person is in one of these organisations."""
    if not organisation_ids:
        return False
    found = db.session.scalar(
        select(OrgMembership.id)
        .where(
            OrgMembership.user_id == user_id,
            OrgMembership.organisation_id.in_(list(organisation_ids)),
        )
        .limit(1)
    )
    return found is not None


def reachable(user_id: int, organisation_id: int) -> bool:
    """The organisation may put the person on a panel: they are in it already, or in no
    other organisation."""
    if membership_of(organisation_id, user_id) is not None:
        return True
    return not in_another(user_id, organisation_id)


def jobs_with_ref(ref: str, organisation_id: int | None = None) -> list[Job]:
    """Jobs with this reference: in one organisation, or in any (for the command line)."""
    query = select(Job).where(Job.ref == ref).order_by(Job.id)
    if organisation_id is not None:
        query = query.where(Job.organisation_id == organisation_id)
    return list(db.session.scalars(query))


def settings_of(organisation_id: int) -> OrganisationSettings | None:
    return db.session.get(OrganisationSettings, organisation_id)


def shown_to_candidates(org: Organisation) -> tuple[str, str]:
    """The organisation's name and contact as candidates see them."""
    settings = org.settings
    if settings is None:
        return org.name, ""
    return settings.display_name or org.name, settings.contact


def keep_months(organisation_id: int) -> int:
    """How many months the organisation keeps unsuccessful candidates' details."""
    found = db.session.get(OrganisationSettings, organisation_id)
    return found.keep_months if found else limits.KEEP_MONTHS_DEFAULT
