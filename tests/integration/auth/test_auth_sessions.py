"""Signing out ends the session for that cookie everywhere: sessions live on the server."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import session
from sqlalchemy import event, func, select, update

from panels.auth import sessions
from panels.auth.service import set_password
from panels.db import db
from panels.models import AuditEvent, User, UserSession
from panels.models.base import utcnow
from tests.conftest import PASSWORD, signed_in_client
from tests.integration.auth_helpers import copy_of, session_rows, signed_in, try_password
from tests.pagecheck import check_page


@pytest.fixture
def world(shared_world):
    """Every test here starts from ``world``: its rows are built once for the module and
    each test's writes are rolled back after it (``shared_world`` in tests/conftest.py)."""
    return dict(shared_world)


def _signed_in_browser(app, email="sam@example.org"):
    client = app.test_client()
    assert try_password(client, email, PASSWORD).status_code == 302
    return client


def _age_sessions(app, user_id, **ago):
    with app.app_context():
        db.session.execute(
            update(UserSession)
            .where(UserSession.user_id == user_id)
            .values(last_seen_at=utcnow() - timedelta(**ago))
        )
        db.session.commit()


def test_a_copied_cookie_stops_working_after_sign_out(app, world):
    browser = _signed_in_browser(app)
    copy = copy_of(app, browser)
    assert signed_in(copy)
    response = browser.post("/sign-out")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/sign-in")
    assert not signed_in(browser)
    assert not signed_in(copy)
    [row] = session_rows(app, world["sam"])
    assert row.ended_at is not None


def test_a_copied_cookie_from_a_link_sign_in_stops_working_too(app, world):
    coordinator = signed_in_client(app, world["coordinator"])
    html = coordinator.post(
        f"/jobs/{world['job_a']}/panel/{world['member_sam']}/sign-in-link"
    ).get_data(as_text=True)
    start = html.index("/sign-in/link/")
    tablet = app.test_client()
    assert tablet.post(html[start : html.index('"', start)]).status_code == 302
    copy = copy_of(app, tablet)
    assert signed_in(copy)
    tablet.post("/sign-out")
    assert not signed_in(copy)


def test_each_sign_in_is_its_own_session(app, world):
    tablet = _signed_in_browser(app)
    phone = _signed_in_browser(app)
    tablet.post("/sign-out")
    assert signed_in(phone)
    assert [row.ended_at is None for row in session_rows(app, world["sam"])].count(True) == 1


def test_signing_in_again_ends_the_old_session(app, world):
    browser = _signed_in_browser(app)
    old_copy = copy_of(app, browser)
    coordinator = signed_in_client(app, world["coordinator"])
    html = coordinator.post(
        f"/jobs/{world['job_a']}/panel/{world['member_sam']}/sign-in-link"
    ).get_data(as_text=True)
    start = html.index("/sign-in/link/")
    assert browser.post(html[start : html.index('"', start)]).status_code == 302
    assert signed_in(browser)
    assert not signed_in(old_copy)


def test_sign_out_everywhere_from_my_preferences(app, world):
    tablet = _signed_in_browser(app)
    phone = _signed_in_browser(app)
    jo = _signed_in_browser(app, "jo@example.org")
    page = tablet.get("/my-preferences").get_data(as_text=True)
    check_page(page)
    assert 'action="/sign-out/everywhere"' in page
    assert "Sign me out on all my devices" in page
    response = tablet.post("/sign-out/everywhere")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/sign-in")
    follow = tablet.get("/sign-in").get_data(as_text=True)
    assert "You have signed out on all your devices." in follow
    assert not signed_in(tablet)
    assert not signed_in(phone)
    assert signed_in(jo)
    with app.app_context():
        event_detail = db.session.scalar(
            select(AuditEvent.detail).where(AuditEvent.action == "signed out everywhere")
        )
    assert event_detail == {"sessions": 2}


def test_sign_out_everywhere_needs_someone_signed_in(app, world):
    response = app.test_client().post("/sign-out/everywhere")
    assert response.status_code == 302
    assert "/sign-in" in response.headers["Location"]


def test_a_new_password_ends_other_sessions(app, world):
    tablet = _signed_in_browser(app)
    jo = _signed_in_browser(app, "jo@example.org")
    result = app.test_cli_runner().invoke(
        args=["create-coordinator", "--email", "sam@example.org", "--name", "Sam"]
        + ["--password", "a brand new password"]
    )
    assert result.exit_code == 0, result.output
    assert not signed_in(tablet)
    assert signed_in(jo)
    assert try_password(app.test_client(), "sam@example.org", PASSWORD).status_code == 400


def test_a_new_password_keeps_the_session_that_set_it(app, world):
    tablet = _signed_in_browser(app)
    phone = _signed_in_browser(app)
    with tablet.session_transaction() as stored:
        token = stored[sessions.SESSION_KEY]
    with app.test_request_context():  # as a future "change my password" page would
        session[sessions.SESSION_KEY] = token
        set_password(db.session.get(User, world["sam"]), "another new password")
        db.session.commit()
    assert signed_in(tablet)
    assert not signed_in(phone)


def test_a_session_unused_for_longer_than_the_lifetime_stops_working(app, world):
    browser = _signed_in_browser(app)
    lifetime = app.permanent_session_lifetime
    assert lifetime == timedelta(hours=12)
    _age_sessions(app, world["sam"], seconds=lifetime.total_seconds() + 60)
    assert not signed_in(browser)


def test_a_session_in_use_keeps_going(app, world):
    browser = _signed_in_browser(app)
    _age_sessions(app, world["sam"], hours=11, minutes=59)
    response = browser.get("/jobs")
    assert response.status_code == 200
    assert "session=" in response.headers.get("Set-Cookie", "")  # the cookie is renewed too
    [row] = session_rows(app, world["sam"])
    assert utcnow() - row.last_seen_at < timedelta(minutes=1)


def test_cookies_without_a_live_session_are_not_signed_in(app, world):
    old_style = app.test_client()  # as before sessions lived on the server
    with old_style.session_transaction() as stored:
        stored["_user_id"] = str(world["sam"])
        stored["_fresh"] = True
    assert not signed_in(old_style)

    sams = _signed_in_browser(app)
    with sams.session_transaction() as stored:  # Sam's session with someone else's id
        stored["_user_id"] = str(world["jo"])
    assert not signed_in(sams)

    made_up = app.test_client()
    with made_up.session_transaction() as stored:
        stored["_user_id"] = str(world["sam"])
        stored[sessions.SESSION_KEY] = "x" * 43
    assert not signed_in(made_up)


def test_one_lookup_per_request_and_last_seen_written_only_now_and_then(app, world):
    browser = _signed_in_browser(app)
    seen: list[str] = []

    def watch(_conn, _cursor, statement, *_args):
        if "user_session" in statement:
            seen.append(statement.split()[0].upper())

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", watch)
    try:
        for _ in range(3):
            assert browser.get("/jobs").status_code == 200
        assert seen == ["SELECT"] * 3
        seen.clear()
        _age_sessions(app, world["sam"], minutes=6)
        seen.clear()
        for _ in range(2):
            assert browser.get("/jobs").status_code == 200
        assert seen == ["SELECT", "UPDATE", "SELECT"]
    finally:
        event.remove(engine, "before_cursor_execute", watch)


def test_start_session_gives_the_keys_for_a_test_client(app, world):
    client = app.test_client()
    with client.session_transaction() as stored:
        stored.update(sessions.start_session(world["jo"], app))
    assert signed_in(client)
    with app.app_context():
        assert db.session.scalar(select(func.count(UserSession.id))) == 1


def test_ended_and_old_sessions_are_cleared_away_at_the_next_sign_in(app, world):
    first = _signed_in_browser(app)
    first.post("/sign-out")
    _signed_in_browser(app)
    _age_sessions(app, world["sam"], hours=13)
    _signed_in_browser(app)
    rows = session_rows(app, world["sam"])
    assert len(rows) == 1 and rows[0].ended_at is None
