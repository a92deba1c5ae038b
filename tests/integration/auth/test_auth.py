from datetime import timedelta

import pytest
from sqlalchemy import func, select

from panels.db import db
from panels.models import AuditEvent, SignInLink, SignInThrottle
from tests.conftest import PASSWORD, signed_in_client
from tests.pagecheck import check_error_page, check_page


@pytest.fixture
def world(shared_world):
    """Every test here starts from ``world``: its rows are built once for the module and
    each test's writes are rolled back after it (``shared_world`` in tests/conftest.py)."""
    return dict(shared_world)


def test_sign_in_page(client, world):
    response = client.get("/sign-in")
    assert response.status_code == 200
    check_page(response.get_data(as_text=True))


def test_sign_in_with_password_then_sees_jobs(client, world):
    response = client.post("/sign-in", data={"email": "SAM@example.org ", "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/jobs")
    page = client.get("/jobs").get_data(as_text=True)
    assert "Support worker" in page
    assert "Office assistant" not in page  # only their own jobs


def test_wrong_password_shows_error_markup(client, world):
    response = client.post("/sign-in", data={"email": "sam@example.org", "password": "nope"})
    assert response.status_code == 400
    check_error_page(
        response.get_data(as_text=True), "email", "The email address or password is not right"
    )


def test_empty_sign_in_form(client, world):
    response = client.post("/sign-in", data={})
    assert response.status_code == 400
    check_error_page(response.get_data(as_text=True), "email", "Enter your email address")


def test_sign_in_is_throttled(app, client, world):
    for _ in range(app.config["LOGIN_ATTEMPTS_ALLOWED"]):
        client.post("/sign-in", data={"email": "sam@example.org", "password": "wrong"})
    response = client.post("/sign-in", data={"email": "sam@example.org", "password": PASSWORD})
    assert response.status_code == 429
    assert "tried too many times" in response.get_data(as_text=True)


def test_open_redirect_is_refused(client, world):
    response = client.post(
        "/sign-in?next=//evil.example/", data={"email": "sam@example.org", "password": PASSWORD}
    )
    assert response.headers["Location"].endswith("/jobs")


def _make_link(app, world):
    coordinator = signed_in_client(app, world["coordinator"])
    response = coordinator.post(f"/jobs/{world['job_a']}/panel/{world['member_sam']}/sign-in-link")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<svg" in html  # the QR code
    start = html.index("/sign-in/link/")
    return html[start : html.index('"', start)]


def test_one_time_link_signs_in_once(app, world):
    path = _make_link(app, world)
    tablet = app.test_client()
    assert tablet.get(path).status_code == 200  # a button, not a sign-in (link previews)
    response = tablet.post(path)
    assert response.status_code == 302
    assert "Support worker" in tablet.get("/jobs").get_data(as_text=True)
    again = app.test_client().post(path)
    assert again.status_code == 410
    assert "has been used" in again.get_data(as_text=True)


def test_expired_link_is_refused(app, world):
    path = _make_link(app, world)
    with app.app_context():
        link = db.session.scalar(select(SignInLink))
        link.expires_at = link.created_at - timedelta(minutes=1)
        db.session.commit()
    response = app.test_client().post(path)
    assert response.status_code == 410
    assert "too old" in response.get_data(as_text=True)


def test_unknown_or_malformed_link(app, world):
    assert app.test_client().post("/sign-in/link/" + "a" * 43).status_code == 404
    assert app.test_client().post("/sign-in/link/<script>").status_code == 404


def test_new_link_stops_older_link(app, world):
    first = _make_link(app, world)
    second = _make_link(app, world)
    assert app.test_client().post(first).status_code == 410
    assert app.test_client().post(second).status_code == 302


def test_sign_in_is_audited(app, client, world):
    client.post("/sign-in", data={"email": "sam@example.org", "password": PASSWORD})
    with app.app_context():
        assert (
            db.session.scalar(
                select(func.count(AuditEvent.id)).where(AuditEvent.action == "signed in")
            )
            == 1
        )
        assert (
            db.session.scalar(
                select(func.count(SignInThrottle.id)).where(SignInThrottle.scope == "account")
            )
            == 0
        )


def test_sign_out(app, world):
    client = signed_in_client(app, world["sam"])
    response = client.post("/sign-out")
    assert response.status_code == 302
    assert client.get("/jobs").status_code == 302


def test_security_headers(client, world):
    response = client.get("/sign-in")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_session_cookie_flags(client, world):
    response = client.post("/sign-in", data={"email": "sam@example.org", "password": PASSWORD})
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
