"""What the members area holds about a panel member: their account, preferences, photo
and their places on the organisation's panels (``panels.common.personal``)."""

from __future__ import annotations

from sqlalchemy import delete, select

from panels.common.personal import Held, PersonalData, Removal, Scrub, in_their_places
from panels.db import db
from panels.lib import filestore
from panels.lib.choices import ScaleKey
from panels.models import PanelMember, SignInLink, User, UserSession
from panels.models.orgs import COORDINATING
from panels.privacy.queries import decided_at


def _panels(user: User, organisation_id: int) -> list[PanelMember]:
    query = in_their_places(select(PanelMember), user, organisation_id)
    return list(db.session.scalars(query.order_by(PanelMember.id)))


def export(user: User, organisation_id: int) -> Held:
    files = {"photo": user.photo} if filestore.is_key(user.photo) else {}
    return Held(
        {
            "name": user.name,
            "email": user.email,
            "about": user.about,
            "account_made": user.created_at,
            "preferences": {
                "read_aloud": user.read_aloud,
                "more_time": user.more_time,
                "pace": user.pace,
                "large_text": user.large_text,
                "pictures": user.pictures,
                "scale": str(user.scale),
            },
            "photo": bool(filestore.is_key(user.photo)),
            "candidates_may_see_photo": user.photo_consent,
            "panels": [
                {
                    "job": m.job.ref,
                    "title": m.job.title,
                    "interview_date": m.job.interview_date,
                    "key": m.key,
                    "group": m.group,
                }
                for m in _panels(user, organisation_id)
            ],
        },
        files,
    )


def keeps(user: User, organisation_id: int) -> str:
    """Why this person cannot be deleted now ("" if nothing stops it)."""
    others = [m for m in user.org_memberships if m.organisation_id != organisation_id]
    if others:
        return (
            "They are also in another organisation. "
            "We can only delete them when this organisation is the only one they are in."
        )
    if any(
        m.role in COORDINATING for m in user.org_memberships if m.organisation_id == organisation_id
    ):
        return "They are a coordinator here. Remove them as a coordinator first."
    for member in _panels(user, organisation_id):
        if decided_at(member.job_id) is None:
            job = member.job
            return (
                f"They are on the panel for {job.title} ({job.ref}), which is not decided yet. "
                "Finalise its results, or take them off the panel, first."
            )
    return ""


def erase(user: User, organisation_id: int, scrub: Scrub, _removal: Removal) -> None:
    """The account keeps no name, address, words about them, photo or way to sign in."""
    user.name = scrub.label
    user.email = f"removed-{user.id}@removed.invalid"
    user.about = ""
    user.photo = ""  # the file goes with the key (panels.common.storage.OWNERS)
    user.photo_consent = False
    user.password_hash = None
    user.read_aloud = user.more_time = user.large_text = False
    user.pictures = True
    user.pace = 1.0
    user.scale = ScaleKey.FACES3
    for member in _panels(user, organisation_id):
        taken = {m.key for m in member.job.members if m.id != member.id}
        member.key = _free(f"member-{member.id}", taken)
    db.session.execute(delete(UserSession).where(UserSession.user_id == user.id))
    db.session.execute(delete(SignInLink).where(SignInLink.user_id == user.id))


def _free(key: str, taken: set[str]) -> str:
    out, n = key, 2
    while out in taken:
        out, n = f"{key}-{n}", n + 1
    return out


PERSONAL = PersonalData(member_export=export, member_erase=erase, member_keeps=keeps)
