"""Writes for organisations: making one, its people, inviting coordinators, roles, settings.

Each function that finishes a change records it in the audit trail and commits (``join``
and ``create_organisation`` leave the commit to the caller). An organisation always
keeps at least one admin: a change that would leave none is refused (``LastAdmin``),
also when two admins change each other at the same moment.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select

from panels.auth import service as auth_service
from panels.common.audit import record
from panels.db import db
from panels.lib import limits
from panels.models import (
    Job,
    Organisation,
    OrganisationSettings,
    OrgMembership,
    OrgRole,
    PanelMember,
    SignInLink,
    User,
)
from panels.orgs import queries

ALREADY_HERE = "This person is already a coordinator here."
IN_ANOTHER = (
    "This email address is already used with another organisation. "
    "Ask the person for a different email address to use here."
)
LAST_ADMIN = "The organisation needs at least one admin. Make someone else an admin first."
LINK_ELSEWHERE = (
    "This person also works with another organisation, so we cannot make a sign-in link "
    "for them here. They can sign in with their own password."
)
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class OrgProblem(Exception):
    """A change that cannot be made; ``message`` says why in plain words."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class LastAdmin(OrgProblem):
    def __init__(self) -> None:
        super().__init__(LAST_ADMIN)


@dataclass(frozen=True)
class Invited:
    membership: OrgMembership
    token: str
    link: SignInLink
    new_person: bool


def slug_for(name: str) -> str:
    """A short slug from a name: lower-case letters, digits and dashes."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return out[: limits.ORG_SLUG].strip("-") or "organisation"


def is_slug(text: str) -> bool:
    return bool(SLUG.fullmatch(text)) and len(text) <= limits.ORG_SLUG


def create_organisation(name: str, slug: str | None = None) -> Organisation:
    """A new organisation (the caller commits). A slug is made from the name if not given,
    with a number added if that one is taken."""
    base = slug or slug_for(name)
    chosen, n = base, 2
    while queries.slug_taken(chosen):
        suffix = f"-{n}"
        chosen = base[: limits.ORG_SLUG - len(suffix)] + suffix
        n += 1
    organisation = Organisation(name=name[: limits.ORG_NAME], slug=chosen)
    db.session.add(organisation)
    db.session.flush()
    record("organisation created", organisation=organisation.slug)
    return organisation


def join(organisation: Organisation, user: User, role: OrgRole) -> OrgMembership:
    """Make the person an admin, coordinator or member of the organisation (the caller
    commits). An existing membership takes this role, except that joining as a member
    never takes a coordinator's role away."""
    membership = queries.membership_of(organisation.id, user.id) if user.id else None
    if membership is None:
        membership = OrgMembership(organisation=organisation, user=user, role=role.value)
        db.session.add(membership)
    elif role != OrgRole.MEMBER:
        membership.role = role.value
    db.session.flush()
    return membership


def join_job(job: Job, user: User) -> None:
    """Someone put on a job's panel is in the job's organisation (the caller commits)."""
    join(job.organisation, user, OrgRole.MEMBER)


def invite(
    organisation: Organisation, name: str, email: str, role: OrgRole, made_by: User
) -> Invited:
    """Make the person a coordinator, with a one-time sign-in link; raises OrgProblem.

    Someone new gets an account; a panel member here becomes a coordinator. Someone who
    already coordinates here, or who is in another organisation, is refused: an
    organisation reaches only its own people.
    """
    email = auth_service.normalise_email(email)
    user = auth_service.user_by_email(email)
    if user is not None:
        here = queries.membership_of(organisation.id, user.id)
        if here is not None and here.coordinates:
            raise OrgProblem(ALREADY_HERE)
        if queries.in_another(user.id, organisation.id):
            raise OrgProblem(IN_ANOTHER)
    new_person = user is None
    if user is None:
        user = User(email=email, name=name)
        db.session.add(user)
        db.session.flush()
    membership = join(organisation, user, role)
    token, link = auth_service.make_sign_in_link(user, made_by)
    record(
        "coordinator invited",
        on_behalf_of_id=user.id,
        organisation=organisation.slug,
        role=role.value,
    )
    db.session.commit()
    return Invited(membership, token, link, new_person)


def _lock(organisation: Organisation) -> None:
    """Changes to one organisation's admins one at a time: a row lock on PostgreSQL
    (the admin count below then sees every change committed before ours); SQLite has
    one writer at a time, and our write comes before the count."""
    db.session.execute(
        select(Organisation.id).where(Organisation.id == organisation.id).with_for_update()
    )


def _keep_an_admin(organisation: Organisation) -> None:
    db.session.flush()
    if queries.admin_count(organisation.id) == 0:
        db.session.rollback()
        raise LastAdmin()


def change_role(organisation: Organisation, membership: OrgMembership, role: OrgRole) -> None:
    """Make a coordinator an admin, or an admin a coordinator; raises LastAdmin."""
    if role == OrgRole.MEMBER or membership.role == role.value:
        return
    user_id = membership.user_id
    _lock(organisation)
    db.session.refresh(membership)
    membership.role = role.value
    _keep_an_admin(organisation)
    record(
        "coordinator role changed",
        on_behalf_of_id=user_id,
        organisation=organisation.slug,
        role=role.value,
    )
    db.session.commit()


def _on_a_panel_here(organisation: Organisation, user_id: int) -> bool:
    found = db.session.scalar(
        select(PanelMember.id)
        .join(Job, Job.id == PanelMember.job_id)
        .where(PanelMember.user_id == user_id, Job.organisation_id == organisation.id)
        .limit(1)
    )
    return found is not None


def remove(organisation: Organisation, membership: OrgMembership) -> None:
    """The person stops being a coordinator here (their account stays, and they stay a
    panel member of the jobs whose panel they sit on); raises LastAdmin."""
    user_id = membership.user_id
    _lock(organisation)
    if _on_a_panel_here(organisation, user_id):
        membership.role = OrgRole.MEMBER.value
    else:
        db.session.delete(membership)
    _keep_an_admin(organisation)
    record("coordinator removed", on_behalf_of_id=user_id, organisation=organisation.slug)
    db.session.commit()


def may_have_link_made(organisation_id: int, user_id: int) -> bool:
    """Not for someone who also works with another organisation: a link lets its holder
    act as the person, there too."""
    return not queries.in_another(user_id, organisation_id)


def sign_in_link(
    organisation: Organisation, membership: OrgMembership, made_by: User
) -> tuple[str, SignInLink]:
    """A new one-time sign-in link for a coordinator; raises OrgProblem for someone who
    also works with another organisation."""
    if not may_have_link_made(organisation.id, membership.user_id):
        raise OrgProblem(LINK_ELSEWHERE)
    token, link = auth_service.make_sign_in_link(membership.user, made_by)
    record("sign-in link made", on_behalf_of_id=membership.user_id, organisation=organisation.slug)
    db.session.commit()
    return token, link


def rename(organisation: Organisation, name: str) -> None:
    organisation.name = name
    record("organisation renamed", organisation=organisation.slug)
    db.session.commit()


YOURSELF_FIRST = (
    "Turn on two-step sign-in for yourself first, on the two-step sign-in page. "
    "Then you can ask it of every coordinator."
)


def _settings(organisation: Organisation) -> OrganisationSettings:
    settings = organisation.settings
    if settings is None:
        settings = OrganisationSettings(organisation=organisation)
        db.session.add(settings)
    return settings


def save_sign_in_rules(organisation: Organisation, require_two_step: bool, by: User) -> None:
    """Whether every coordinator here must use two-step sign-in; raises OrgProblem when
    the admin asking for it does not use it themselves (they would be sent to set it up)."""
    if require_two_step and not by.two_step_on:
        raise OrgProblem(YOURSELF_FIRST)
    settings = _settings(organisation)
    if settings.require_two_step == require_two_step:
        return
    settings.require_two_step = require_two_step
    record(
        "two-step sign-in required" if require_two_step else "two-step sign-in not required",
        organisation=organisation.slug,
    )
    db.session.commit()


def save_settings(organisation: Organisation, display_name: str, contact: str) -> None:
    """What candidates see of the organisation: its name for them and who to ask."""
    settings = _settings(organisation)
    settings.display_name = display_name
    settings.contact = contact
    record("organisation settings changed", organisation=organisation.slug)
    db.session.commit()
