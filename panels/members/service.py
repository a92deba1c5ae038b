"""Writes for the panel: adding and removing members, their preferences, sign-in links.

Each function that finishes a change records it in the audit trail and commits.
"""

from __future__ import annotations

from datetime import time

from sqlalchemy import select

from panels.auth import service as auth_service
from panels.common.audit import record
from panels.db import db
from panels.lib.keys import unique_key
from panels.members.prefs import (
    PhotoChange,
    PhotoChoice,
    Preferences,
    apply_photo,
    apply_preferences,
)
from panels.models import DecisionMeeting, Job, Panel, PanelMember, ScoreSheet, SignInLink, User
from panels.orgs import queries as orgs_queries
from panels.orgs import service as orgs_service
from panels.pay import queries as pay_queries


class AlreadyOnPanel(Exception):
    """This person is already on the panel for this job."""


class PanelNameTaken(Exception):
    """Another panel of this job has this name."""


class HasScores(Exception):
    """The member has scores on their panel's questions: they stay on that panel."""


class InAnotherOrganisation(Exception):
    """This email address belongs to someone in another organisation: not ours to reach."""


def change_preferences(user: User, prefs: Preferences, photo: PhotoChoice) -> PhotoChange:
    """Apply the photo choice, then the preferences (the caller records and commits).

    Raises photos.PhotoError (or filestore.StoreUnavailable) before changing anything if
    the photo cannot be used (or stored).
    """
    change = apply_photo(user, photo.upload, photo.remove, photo.consent)
    apply_preferences(user, prefs)
    return change


def add_member(
    job: Job, name: str, email: str, group: str, prefs: Preferences, panel: Panel | None = None
) -> PanelMember:
    """Put a person on one of the job's panels (the first if not given), making them an
    account if they have none.

    A person sits on one panel of a job, so they never score a candidate twice. A person
    who has an account gets these preferences too; they are in the job's organisation
    from now on. Raises AlreadyOnPanel (on any panel of the job), or InAnotherOrganisation
    for someone in another organisation who is not in the job's.
    """
    email = auth_service.normalise_email(email)
    user = auth_service.user_by_email(email)
    if user and any(m.user_id == user.id for m in job.members):
        raise AlreadyOnPanel(email)
    if user and not orgs_queries.reachable(user.id, job.organisation_id):
        raise InAnotherOrganisation(email)
    if user is None:
        user = User(email=email, name=name)
        db.session.add(user)
    apply_preferences(user, prefs)
    orgs_service.join_job(job, user)
    taken = {m.key for m in job.members}
    # Every job has a panel (made with the job, or by the migration): the first by default.
    on = panel if panel is not None else (job.panels[0] if job.panels else None)
    assert on is None or on.job_id in (job.id, None)  # the view chose one of the job's
    member = PanelMember(
        job=job,
        user=user,
        panel=on,
        key=unique_key(name, taken, "member"),
        group=group or None,
    )
    db.session.add(member)
    db.session.flush()
    record("panel member added", job_id=job.id, member=member.key, panel=member.panel.name)
    db.session.commit()
    return member


def has_scores(member: PanelMember) -> bool:
    """Whether the member has started a score sheet (on their panel's questions)."""
    found = db.session.scalar(
        select(ScoreSheet.id).where(ScoreSheet.member_id == member.id).limit(1)
    )
    return found is not None


def save_member(
    job: Job,
    member: PanelMember,
    prefs: Preferences,
    group: str,
    photo: PhotoChoice,
    panel: Panel | None = None,
) -> None:
    """The coordinator changes a member's preferences, group, photo and panel for them.

    Raises HasScores, changing nothing, to move someone who has scored to another panel;
    photos.PhotoError or filestore.StoreUnavailable, changing nothing, if the photo
    cannot be used or stored.
    """
    moving = panel is not None and panel.id != member.panel_id
    if moving and has_scores(member):
        raise HasScores(member.key)
    change = change_preferences(member.user, prefs, photo)
    member.group = group or None
    if moving:
        assert panel is not None and panel.job_id == job.id
        record("panel member moved", job_id=job.id, member=member.key, panel=panel.name)
        member.panel = panel
    record("panel member changed", job_id=job.id, member=member.key)
    for action in change.actions:
        record(action, job_id=job.id, on_behalf_of_id=member.user_id, member=member.key)
    db.session.commit()


def kept_for_pay(member: PanelMember) -> bool:
    """A member with pay records stays on the panel: removing them would delete the
    record of their time, their expenses and what they were paid."""
    return pay_queries.has_records(member)


def remove_member(job: Job, member: PanelMember) -> None:
    record("panel member removed", job_id=job.id, member=member.key)
    db.session.delete(member)
    db.session.commit()


def may_have_link_made(job: Job, member: PanelMember) -> bool:
    """A sign-in link lets whoever holds it act as the person: so a job's coordinators
    make one only for someone who is in no other organisation than the job's."""
    return orgs_service.may_have_link_made(job.organisation_id, member.user_id)


def sign_in_link(job: Job, member: PanelMember, made_by: User) -> tuple[str, SignInLink]:
    """A new one-time sign-in link for the member (older unused ones stop working).

    Raises InAnotherOrganisation for someone who is also in another organisation.
    """
    if not may_have_link_made(job, member):
        raise InAnotherOrganisation(member.user.email)
    token, link = auth_service.make_sign_in_link(member.user, made_by)
    record("sign-in link made", job_id=job.id, on_behalf_of_id=member.user_id)
    db.session.commit()
    return token, link


def _name_taken(job: Job, name: str, panel: Panel | None) -> bool:
    return any(p.name.casefold() == name.casefold() and p is not panel for p in job.panels)


def add_panel(job: Job, name: str, room: str, start_time: time | None) -> Panel:
    """Another panel for the job, after the others. Raises PanelNameTaken."""
    if _name_taken(job, name, None):
        raise PanelNameTaken(name)
    position = max((p.position for p in job.panels), default=-1) + 1
    panel = Panel(job=job, name=name, room=room, start_time=start_time, position=position)
    db.session.add(panel)
    db.session.flush()
    record("panel added", job_id=job.id, panel=name)
    db.session.commit()
    return panel


def save_panel(job: Job, panel: Panel, name: str, room: str, start_time: time | None) -> Panel:
    """A panel's new name, room and start time (returns the panel, as add_panel does).
    Raises PanelNameTaken."""
    if _name_taken(job, name, panel):
        raise PanelNameTaken(name)
    panel.name, panel.room, panel.start_time = name, room, start_time
    record("panel changed", job_id=job.id, panel=name)
    db.session.commit()
    return panel


class LivedLocked(Exception):
    """The decision is shared with the panel: who had lived experience stays as it was."""


def lived_choices(job: Job) -> tuple[list[Panel], list[str]]:
    """What may be marked as people with lived experience: the panels (only with two or
    more: with one, the whole panel is that panel) and the job's member groups (with the
    one already marked, even if nobody is in it now)."""
    panels = list(job.panels) if len(job.panels) > 1 else []
    groups = sorted({m.group for m in job.members if m.group})
    if job.lived_group and job.lived_group not in groups:
        groups.append(job.lived_group)
    return panels, groups


def set_lived(job: Job, panel: Panel | None, group: str | None, actor_id: int | None) -> None:
    """Mark one panel or one group (or nobody) as people with lived experience; audited.

    Raises LivedLocked, changing nothing, once the decision is shared with the panel.
    """
    opened = db.session.get(DecisionMeeting, job.id)
    if opened is not None and opened.released_at is not None:
        raise LivedLocked(job.ref)
    before = _lived_now(job)
    for each in job.panels:
        each.lived_experience = each is panel
    job.lived_group = group
    record(
        "lived experience marked",
        job_id=job.id,
        actor_id=actor_id,
        before=before,
        after=_lived_now(job),
    )
    db.session.commit()


def _lived_now(job: Job) -> dict:
    return {
        "panels": [p.name for p in job.panels if p.lived_experience],
        "group": job.lived_group,
    }
