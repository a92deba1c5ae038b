"""The panel's and a person's own services, called directly (no HTTP)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from panels.account import service as account_service
from panels.db import db
from panels.lib import photos
from panels.members import service
from panels.members.prefs import PhotoChoice, Preferences
from panels.models import AuditEvent, Job, PanelMember, SignInLink, User

PREFS = Preferences(
    read_aloud=True,
    large_text=False,
    pictures=True,
    scale="points5",
    pace=1.5,
    more_time=False,
    about="I like music.",
)
NO_PHOTO = PhotoChoice(upload=None, remove=False, consent=False)


@pytest.fixture
def world(shared_world):
    """Every test here starts from ``world``: its rows are built once for the module and
    each test's writes are rolled back after it (``shared_world`` in tests/conftest.py)."""
    return dict(shared_world)


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (400, 300), (30, 90, 160)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def job(ctx, world) -> Job:
    return db.session.get(Job, world["job_a"])


def _actions() -> list[str]:
    return [e.action for e in db.session.query(AuditEvent).order_by(AuditEvent.id)]


def test_add_member_makes_an_account_with_preferences(job):
    member = service.add_member(job, "Kim Lee", " Kim@Example.org ", "", PREFS)
    assert (member.key, member.group, member.user.email) == ("kim-lee", None, "kim@example.org")
    assert member.user.more_time is True  # pace above 1 means more time
    assert member.user.scale == "points5" and member.user.about == "I like music."
    assert _actions() == ["panel member added"]


def test_add_someone_already_on_the_panel_changes_nothing(job, world):
    with pytest.raises(service.AlreadyOnPanel):
        service.add_member(job, "Sam", "sam@example.org", "", PREFS)
    assert db.session.get(User, world["sam"]).scale == "faces3"
    assert _actions() == []


def test_save_member_with_a_photo_then_a_bad_one(job, world):
    member = db.session.get(PanelMember, world["member_sam"])
    service.save_member(job, member, PREFS, "lived experience", PhotoChoice(_jpeg(), False, True))
    assert member.group == "lived experience" and member.user.photo
    assert _actions() == ["panel member changed", "photo added", "photo consent given"]
    kept = member.user.photo
    with pytest.raises(photos.PhotoError):
        service.save_member(job, member, PREFS, "", PhotoChoice(b"not a photo", False, True))
    db.session.rollback()
    assert member.user.photo == kept and member.group == "lived experience"


def test_remove_member_and_sign_in_link(job, world):
    member = db.session.get(PanelMember, world["member_sam"])
    coordinator = db.session.get(User, world["coordinator"])
    token, link = service.sign_in_link(job, member, coordinator)
    assert token and db.session.get(SignInLink, link.id).created_by_id == coordinator.id
    service.remove_member(job, member)
    assert db.session.get(PanelMember, world["member_sam"]) is None
    assert db.session.get(User, world["sam"]) is not None
    assert _actions() == ["sign-in link made", "panel member removed"]


def test_own_preferences_are_saved_with_photo_changes_audited(job, world):
    sam = db.session.get(User, world["sam"])
    account_service.save_preferences(sam, PREFS, PhotoChoice(_jpeg(), False, False))
    first = sam.photo
    account_service.save_preferences(sam, PREFS, PhotoChoice(None, True, False))
    assert first and sam.photo == ""
    assert _actions() == [
        "preferences changed",
        "photo added",
        "preferences changed",
        "photo removed",
    ]
