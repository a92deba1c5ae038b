"""Guarded at the door, in a browser: two-step sign-in pages and the coordinators'
time-out warning (focus, keyboard, "Stay signed in"), axe at every size."""

from __future__ import annotations

import re
from datetime import timedelta

import pyotp
import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from panels.auth.service import set_password
from panels.db import db
from panels.models import AuditEvent, Organisation, OrgMembership, OrgRole, User, UserSession
from tests.browser.conftest import SIZES

PASSWORD = "door-browser-pass"


def _coordinator(live_app, email: str) -> None:
    """A coordinator of the demo organisation of this test's own (others use the demo one)."""
    with live_app.app_context():
        if db.session.scalar(select(User).where(User.email == email)) is None:
            user = User(email=email, name="Door Tester")
            set_password(user, PASSWORD)
            organisation = db.session.scalars(select(Organisation)).first()
            db.session.add(user)
            db.session.add(
                OrgMembership(user=user, organisation=organisation, role=OrgRole.ADMIN.value)
            )
            db.session.commit()


def _password(page, email: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.parametrize("size", list(SIZES))
def test_two_step_set_up_sign_in_with_a_recovery_code_and_turn_off(
    live_app, new_page, check_a11y, size
):
    email = f"door.{size}@example.org"
    _coordinator(live_app, email)
    page = new_page(size)
    _password(page, email)
    page.wait_for_url("**/jobs")
    page.goto("/my-account/two-step")
    check_a11y(page, f"two-step page, off, at {size}")
    page.get_by_role("button", name="Set up two-step sign-in").click()
    page.get_by_role("heading", level=1, name="Set up two-step sign-in").wait_for()
    check_a11y(page, f"set-up with QR code at {size}")
    assert page.locator(".qr svg").count() == 1
    secret = page.locator("#secret-key").inner_text().replace(" ", "")
    page.get_by_label("Code from the app").fill("12345")
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    assert page.title().startswith("Error: ")
    check_a11y(page, f"set-up with an error at {size}")
    page.get_by_label("Code from the app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    page.get_by_role("heading", level=1, name="Your recovery codes").wait_for()
    check_a11y(page, f"recovery codes at {size}")
    codes = re.findall(r"[a-z0-9]{5}-[a-z0-9]{5}", page.locator(".recovery-codes").inner_text())
    assert len(codes) == 10

    page.get_by_role("button", name="Sign out").click()
    _password(page, email)
    page.wait_for_url("**/sign-in/code")
    check_a11y(page, f"code page at {size}")
    page.get_by_label("Code").fill("nope")
    page.get_by_role("button", name="Sign in").click()
    assert page.title().startswith("Error: ")
    check_a11y(page, f"code page with an error at {size}")
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/jobs")
    assert page.get_by_text("You have 9 recovery codes left.").is_visible()

    page.goto("/my-account/two-step")
    check_a11y(page, f"two-step page, on, at {size}")
    page.get_by_label("Code to turn it off").fill(codes[1])
    page.get_by_role("button", name="Turn it off").click()
    expect(page.get_by_text("Two-step sign-in is off.")).to_be_visible()

    page.goto("/organisation/sign-in")
    check_a11y(page, f"how coordinators sign in at {size}")
    page.get_by_label("Every coordinator must use two-step sign-in").check()
    page.get_by_role("button", name="Save").click()
    assert page.title().startswith("Error: ")  # not while they do not use it themselves
    check_a11y(page, f"how coordinators sign in, refused, at {size}")


def _later(page, live_app, email: str, seconds: float) -> None:
    """Move time on by ``seconds`` for both sides, rather than wait for it: the server's
    (this person's session rows were last used that much earlier) and the page's own
    clock (its timers run as if that much time had passed)."""
    with live_app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.email == email))
        for row in db.session.scalars(
            select(UserSession).where(
                UserSession.user_id == user_id, UserSession.ended_at.is_(None)
            )
        ):
            row.last_seen_at -= timedelta(seconds=seconds)
            row.created_at -= timedelta(seconds=seconds)
        db.session.commit()
    page.clock.run_for(round(seconds * 1000))


@pytest.mark.parametrize("size", list(SIZES))
def test_the_time_out_warning_keeps_the_session_or_ends_it(
    live_app, new_page, check_a11y, monkeypatch, size
):
    email = f"door.idle.{size}@example.org"
    _coordinator(live_app, email)
    page = new_page(size)
    _password(page, email)
    page.wait_for_url("**/jobs")
    # A short limit for this test: 18 seconds, the warning 10 seconds before the end.
    monkeypatch.setitem(live_app.config, "COORDINATOR_IDLE_MINUTES", 0.3)
    monkeypatch.setitem(live_app.config, "IDLE_WARNING_MINUTES", 10 / 60)
    page.clock.install()  # the warning's timers run on a clock the test moves on (_later)
    page.goto("/organisation")
    dialog = page.locator("#idle-warning")
    assert not dialog.is_visible()
    # Up to the warning, 10 seconds before the end (the page counts from what it was told).
    before_warning = int(dialog.get_attribute("data-seconds-left")) - 10
    _later(page, live_app, email, before_warning)
    dialog.wait_for(state="visible", timeout=15000)
    assert page.evaluate("document.activeElement.id") == "idle-warning-title"  # focus moved
    assert dialog.get_attribute("aria-labelledby") == "idle-warning-title"
    assert page.locator("#idle-warning-text").get_attribute("aria-live") == "polite"
    assert "you will be signed out in" in dialog.inner_text()
    check_a11y(page, f"time-out warning at {size}")

    # With the keyboard alone: Tab to "Stay signed in", then Enter.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Stay signed in"
    page.keyboard.press("Enter")
    dialog.wait_for(state="hidden", timeout=5000)
    assert page.url.endswith("/organisation")  # stayed on the page
    _later(page, live_app, email, 18 - 10)
    dialog.wait_for(state="visible", timeout=15000)  # counted again from now
    assert page.url.endswith("/organisation")

    # Nobody answers: signed out, and told why.
    _later(page, live_app, email, 10)
    page.wait_for_url("**/signed-out", timeout=20000)
    page.get_by_role("heading", level=1, name="You have been signed out").wait_for()
    assert "18 seconds" in page.locator("main").inner_text()
    check_a11y(page, f"signed out page at {size}")
    page.goto("/jobs")
    assert "/sign-in" in page.url
    with live_app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.email == email))
        timed_out = db.session.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "signed out by time-out", AuditEvent.actor_id == user_id
            )
        ).all()
        assert len(timed_out) == 1
