"""Two-step sign-in for coordinators: set-up, the second step, recovery codes, replay,
turning it off, new codes, and an organisation that requires it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from panels.auth import totp, two_step
from panels.db import db
from panels.models import OrganisationSettings, SignInLink, User
from tests.conftest import PASSWORD, signed_in_client
from tests.integration import two_step_helpers
from tests.integration.auth_helpers import signed_in, try_password
from tests.integration.two_step_helpers import (
    actions,
    code_now,
    events,
    person,
    secret_of,
    turn_on,
    wrong_code,
)
from tests.pagecheck import check_page

ALEX = "alex@example.org"

clock = two_step_helpers.clock  # a fixture: the time the sign-in code sees


@pytest.fixture
def world(shared_world):
    """Every test here starts from ``world``: its rows are built once for the module and
    each test's writes are rolled back after it (``shared_world`` in tests/conftest.py)."""
    return dict(shared_world)


def _coordinator(app, world):
    return signed_in_client(app, world["coordinator"])


def _with_two_step(app, world, clock) -> list[str]:
    return turn_on(app, _coordinator(app, world), world["coordinator"], clock)


def _first_step(app, email=ALEX):
    browser = app.test_client()
    response = try_password(browser, email, PASSWORD)
    assert response.status_code == 302
    return browser, response


def test_set_up_shows_a_qr_code_and_the_key_then_needs_a_right_code(app, world, clock):
    alex = _coordinator(app, world)
    page = alex.get("/my-account/two-step")
    assert page.status_code == 200
    assert "Set up two-step sign-in" in page.get_data(as_text=True)
    assert alex.get("/my-account/two-step/set-up").status_code == 302  # nothing started yet

    assert alex.post("/my-account/two-step/start").headers["Location"].endswith("/set-up")
    secret = secret_of(app, world["coordinator"])
    stored = person(app, world["coordinator"])
    assert stored.two_step_secret and secret not in stored.two_step_secret  # sealed
    assert not stored.two_step_on
    html = alex.get("/my-account/two-step/set-up").get_data(as_text=True)
    assert "<svg" in html and "QR code for your authenticator app" in html
    assert totp.grouped(secret) in html
    assert "http" not in html.split("<svg", 1)[1].split("</svg>", 1)[0].replace(
        "http://www.w3.org/2000/svg", ""
    )  # the QR code is drawn here, not fetched

    wrong = alex.post(
        "/my-account/two-step/set-up",
        data={"code": wrong_code(app, world["coordinator"], clock)},
    )
    assert wrong.status_code == 400
    page = check_page(wrong.get_data(as_text=True))
    assert page.title.startswith("Error: ")
    assert two_step.SETUP_WRONG in wrong.get_data(as_text=True)
    assert not person(app, world["coordinator"]).two_step_on

    right = alex.post(
        "/my-account/two-step/set-up", data={"code": code_now(app, world["coordinator"], clock)}
    )
    assert right.status_code == 200
    html = right.get_data(as_text=True)
    assert "Two-step sign-in is on." in html
    on = person(app, world["coordinator"])
    assert on.two_step_on and len(totp.hashes_in(on.two_step_recovery)) == 10
    assert "two-step sign-in turned on" in actions(app, world["coordinator"])
    # The key is never shown again.
    assert alex.get("/my-account/two-step/set-up").status_code == 302
    status = alex.get("/my-account/two-step").get_data(as_text=True)
    assert totp.grouped(secret) not in status and secret not in status
    assert "10 of 10" in status


def test_sign_in_asks_for_the_code_after_the_password(app, world, clock):
    _with_two_step(app, world, clock)
    browser, response = _first_step(app)
    assert response.headers["Location"].endswith("/sign-in/code")
    assert not signed_in(browser)  # the password alone does not sign in
    assert browser.get("/sign-in/code").status_code == 200

    wrong = browser.post("/sign-in/code", data={"code": "12345x"})
    assert wrong.status_code == 400
    assert two_step.WRONG in wrong.get_data(as_text=True)
    empty = browser.post("/sign-in/code", data={"code": ""})
    assert empty.status_code == 400
    assert "Enter the code from your authenticator app" in empty.get_data(as_text=True)
    assert not signed_in(browser)

    ok = browser.post("/sign-in/code", data={"code": code_now(app, world["coordinator"], clock)})
    assert ok.status_code == 302 and ok.headers["Location"].endswith("/jobs")
    assert signed_in(browser)
    [signed] = [e for e in events(app, "signed in") if e.actor_id == world["coordinator"]][-1:]
    assert signed.detail == {"method": "password", "second_step": "app code"}
    failed = [e for e in events(app, "sign-in failed") if e.actor_id == world["coordinator"]]
    assert [e.detail["step"] for e in failed] == ["code"]  # an empty form is not a try


def test_the_same_code_is_refused_a_second_time(app, world, clock):
    _with_two_step(app, world, clock)
    code = code_now(app, world["coordinator"], clock)
    first, _ = _first_step(app)
    assert first.post("/sign-in/code", data={"code": code}).status_code == 302
    step_after = person(app, world["coordinator"]).two_step_last_step

    second, _ = _first_step(app)
    again = second.post("/sign-in/code", data={"code": code})
    assert again.status_code == 400
    assert two_step.REUSED in again.get_data(as_text=True)
    assert not signed_in(second)
    assert person(app, world["coordinator"]).two_step_last_step == step_after
    reused = [e for e in events(app, "sign-in failed") if e.detail.get("why") == "code used before"]
    assert len(reused) == 1

    clock.move(seconds=30)  # the app's next code works
    fresh = second.post("/sign-in/code", data={"code": code_now(app, world["coordinator"], clock)})
    assert fresh.status_code == 302
    assert signed_in(second)


def test_a_recovery_code_signs_in_once(app, world, clock):
    codes = _with_two_step(app, world, clock)
    browser, _ = _first_step(app)
    ok = browser.post("/sign-in/code", data={"code": codes[0].upper()})
    assert ok.status_code == 302
    assert "You have 9 recovery codes left" in browser.get("/jobs").get_data(as_text=True)
    assert two_step.codes_left(person(app, world["coordinator"])) == 9
    [used] = events(app, "recovery code used")
    assert used.actor_id == world["coordinator"] and used.detail == {"codes_left": 9}

    other, _ = _first_step(app)
    replayed = other.post("/sign-in/code", data={"code": codes[0]})
    assert replayed.status_code == 400
    assert two_step.RECOVERY_NOT_RIGHT in replayed.get_data(as_text=True)
    assert not signed_in(other)
    assert two_step.codes_left(person(app, world["coordinator"])) == 9


def test_code_tries_are_throttled_like_passwords(app, world, clock):
    _with_two_step(app, world, clock)
    browser, _ = _first_step(app)
    limit = app.config["LOGIN_ATTEMPTS_ALLOWED"]
    statuses = [
        browser.post("/sign-in/code", data={"code": "abc"}).status_code for _ in range(limit)
    ]
    assert statuses == [400] * limit
    blocked = browser.post(
        "/sign-in/code", data={"code": code_now(app, world["coordinator"], clock)}
    )
    assert blocked.status_code == 429
    assert "tried too many times" in blocked.get_data(as_text=True)
    assert not signed_in(browser)
    assert person(app, world["coordinator"]).two_step_last_step is not None  # from set-up only


def test_the_code_page_needs_a_fresh_first_step(app, world, clock):
    _with_two_step(app, world, clock)
    nobody = app.test_client()
    response = nobody.get("/sign-in/code")
    assert response.status_code == 302 and response.headers["Location"].endswith("/sign-in")
    browser, _ = _first_step(app)
    with browser.session_transaction() as stored:
        stored[two_step.PENDING_KEY] = {**stored[two_step.PENDING_KEY], "until": 0}  # too late
    late = browser.post("/sign-in/code", data={"code": code_now(app, world["coordinator"], clock)})
    assert late.status_code == 302 and late.headers["Location"].endswith("/sign-in")
    assert not signed_in(browser)


def test_a_sign_in_link_also_asks_for_the_code(app, world, clock):
    from panels.auth.service import make_sign_in_link

    _with_two_step(app, world, clock)
    with app.app_context():
        token, _link = make_sign_in_link(db.session.get(User, world["coordinator"]), None)
        db.session.commit()
    browser = app.test_client()
    response = browser.post(f"/sign-in/link/{token}")
    assert response.status_code == 302 and response.headers["Location"].endswith("/sign-in/code")
    assert not signed_in(browser)
    ok = browser.post("/sign-in/code", data={"code": code_now(app, world["coordinator"], clock)})
    assert ok.status_code == 302
    assert signed_in(browser)
    with app.app_context():
        assert db.session.scalar(select(SignInLink.used_at)) is not None


def test_panel_members_sign_in_as_before(app, world):
    browser, response = _first_step(app, "sam@example.org")
    assert response.headers["Location"].endswith("/jobs")
    assert signed_in(browser)
    member = signed_in_client(app, world["sam"])
    assert member.get("/my-account/two-step").status_code == 403


def test_turning_off_needs_a_code(app, world, clock):
    _with_two_step(app, world, clock)
    alex = _coordinator(app, world)
    wrong = alex.post("/my-account/two-step/off", data={"off-code": "999999x"})
    assert wrong.status_code == 400
    assert two_step.WRONG in wrong.get_data(as_text=True)
    assert person(app, world["coordinator"]).two_step_on
    empty = alex.post("/my-account/two-step/off", data={"off-code": ""})
    assert empty.status_code == 400 and person(app, world["coordinator"]).two_step_on

    ok = alex.post(
        "/my-account/two-step/off", data={"off-code": code_now(app, world["coordinator"], clock)}
    )
    assert ok.status_code == 302
    off = person(app, world["coordinator"])
    assert not off.two_step_on and off.two_step_secret == "" and off.two_step_recovery == ""
    assert "two-step sign-in turned off" in actions(app, world["coordinator"])
    browser, response = _first_step(app)
    assert response.headers["Location"].endswith("/jobs")


def test_new_recovery_codes_replace_the_old_ones(app, world, clock):
    old = _with_two_step(app, world, clock)
    alex = _coordinator(app, world)
    response = alex.post("/my-account/two-step/new-codes", data={"codes-code": old[5]})
    assert response.status_code == 200
    from tests.integration.two_step_helpers import CODES_RE

    new = CODES_RE.findall(response.get_data(as_text=True))
    assert len(new) == 10 and not set(new) & set(old)
    assert "recovery codes made again" in actions(app, world["coordinator"])
    browser, _ = _first_step(app)
    assert browser.post("/sign-in/code", data={"code": old[1]}).status_code == 400
    assert browser.post("/sign-in/code", data={"code": new[1]}).status_code == 302


def _require(app, world, on=True):
    with app.app_context():
        user = db.session.get(User, world["coordinator"])
        organisation_id = user.org_memberships[0].organisation_id
        settings = db.session.get(OrganisationSettings, organisation_id)
        if settings is None:
            settings = OrganisationSettings(organisation_id=organisation_id)
            db.session.add(settings)
        settings.require_two_step = on
        db.session.commit()
        return organisation_id


def test_an_admin_requires_it_only_once_they_use_it(app, world, clock):
    alex = _coordinator(app, world)
    page = alex.get("/organisation/sign-in")
    assert page.status_code == 200
    refused = alex.post("/organisation/sign-in", data={"require_two_step": "y"})
    assert refused.status_code == 400
    from panels.orgs.service import YOURSELF_FIRST

    assert YOURSELF_FIRST in refused.get_data(as_text=True)
    with app.app_context():
        assert not db.session.scalar(select(OrganisationSettings.require_two_step))

    turn_on(app, alex, world["coordinator"], clock)
    saved = alex.post("/organisation/sign-in", data={"require_two_step": "y"})
    assert saved.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(OrganisationSettings.require_two_step)) is True
    assert "two-step sign-in required" in actions(app)
    assert "Every coordinator must use two-step sign-in." in alex.get("/organisation").get_data(
        as_text=True
    )
    # Required: it cannot be turned off.
    off = alex.post(
        "/my-account/two-step/off", data={"off-code": code_now(app, world["coordinator"], clock)}
    )
    assert off.status_code == 400 and two_step.REQUIRED in off.get_data(as_text=True)
    assert person(app, world["coordinator"]).two_step_on


def test_a_coordinator_without_it_is_sent_to_set_it_up_first(app, world, clock):
    from tests.conftest import make_user

    _require(app, world)
    with app.app_context():
        hana = make_user("Hana Second", "hana@example.org", coordinator=True)
        db.session.commit()
        hana_id = hana.id
    browser = signed_in_client(app, hana_id)
    for path in ("/jobs", "/organisation", f"/jobs/{world['job_a']}", "/my-preferences"):
        response = browser.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"].endswith("/my-account/two-step"), path
    page = browser.get("/my-account/two-step").get_data(as_text=True)
    assert "Your organisation asks every coordinator to use it." in page
    assert browser.get("/accessibility").status_code == 200
    turn_on(app, browser, hana_id, clock)
    assert browser.get("/jobs").status_code == 200
    # Panel members of the same organisation are never asked.
    assert signed_in_client(app, world["sam"]).get("/jobs").status_code == 200


def test_the_command_line_turns_it_off_for_someone_who_lost_everything(app, world, clock):
    _with_two_step(app, world, clock)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["two-step-off", ALEX])
    assert result.exit_code == 0, result.output
    assert "Two-step sign-in is off for Alex Morgan" in result.output
    assert not person(app, world["coordinator"]).two_step_on
    [event] = events(app, "two-step sign-in turned off")
    assert event.detail == {"by": "command line"}
    again = runner.invoke(args=["two-step-off", ALEX])
    assert "does not use two-step sign-in" in again.output
    nobody = runner.invoke(args=["two-step-off", "nobody@example.org"])
    assert nobody.exit_code != 0 and "Nobody has the email address" in nobody.output


def test_too_many_codes_on_the_account_pages_are_refused_with_429(app, world, clock):
    """Turning two-step off and making new recovery codes count tries like the sign-in:
    past the limit even the right code is refused (429), the words beside the code."""
    _with_two_step(app, world, clock)
    alex = _coordinator(app, world)
    limit = app.config["LOGIN_ATTEMPTS_ALLOWED"]
    statuses = [
        alex.post("/my-account/two-step/off", data={"off-code": "999999x"}).status_code
        for _ in range(limit)
    ]
    assert statuses == [400] * limit
    right = code_now(app, world["coordinator"], clock)
    off = alex.post("/my-account/two-step/off", data={"off-code": right})
    assert off.status_code == 429
    assert "tried too many times" in off.get_data(as_text=True)
    assert person(app, world["coordinator"]).two_step_on
    codes = alex.post("/my-account/two-step/new-codes", data={"codes-code": right})
    assert codes.status_code == 429
    assert "tried too many times" in codes.get_data(as_text=True)
