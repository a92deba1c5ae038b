"""Sign-in throttling: counted before the password is checked, per account and per address."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from panels.auth import service
from panels.db import db
from panels.models import SignInLink, SignInThrottle
from panels.models.base import utcnow
from tests.conftest import signed_in_client
from tests.integration.auth_helpers import throttle_rows, try_password, try_right
from tests.pagecheck import check_error_page, check_page

ACCOUNT_LIMIT = "You have tried too many times. Please wait 15 minutes"
ADDRESS_LIMIT = "There have been too many wrong tries from here. Please wait 15 minutes"


def _wrong_tries(app, email, times, address=None):
    client = app.test_client()
    return [try_password(client, email, "wrong", address).status_code for _ in range(times)]


# --- at the same moment --------------------------------------------------------------


@pytest.mark.concurrency
@pytest.mark.parametrize("who", ["one person", "many people from one address"])
def test_twenty_wrong_passwords_at_once_check_exactly_the_limit(app, world, monkeypatch, who):
    if who == "one person":
        limit = app.config["LOGIN_ATTEMPTS_ALLOWED"]
        emails = ["sam@example.org"] * 20
    else:
        limit = 7
        monkeypatch.setitem(app.config, "LOGIN_ATTEMPTS_PER_ADDRESS", limit)
        emails = [f"person{i}@example.org" for i in range(20)]
    lock = threading.Lock()
    checked: list[str] = []
    real_check = service.check_password_hash

    def slow_check(stored, password):
        with lock:
            checked.append(password)
        time.sleep(0.05)  # a wider gap between counting a try and knowing the answer
        return real_check(stored, password)

    monkeypatch.setattr(service, "check_password_hash", slow_check)
    barrier = threading.Barrier(len(emails))
    statuses: list[int] = []
    problems: list[BaseException] = []

    def one_try(email):
        try:
            client = app.test_client()
            barrier.wait(timeout=60)
            response = try_password(client, email, "wrong", "198.51.100.20")
            with lock:
                statuses.append(response.status_code)
        except BaseException as error:  # noqa: BLE001  (reported below)
            problems.append(error)

    threads = [threading.Thread(target=one_try, args=(email,)) for email in emails]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not problems, problems
    assert len(checked) == limit
    assert sorted(statuses) == [400] * limit + [429] * (len(emails) - limit)
    scope = "account" if who == "one person" else "address"
    value = "sam@example.org" if who == "one person" else "198.51.100.20"
    assert throttle_rows(app)[(scope, value)] == limit


# --- per account ---------------------------------------------------------------------


def test_limit_is_per_account_so_others_at_the_same_address_can_sign_in(app, world):
    limit = app.config["LOGIN_ATTEMPTS_ALLOWED"]
    assert _wrong_tries(app, "sam@example.org", limit) == [400] * limit
    assert _wrong_tries(app, "olu@example.org", limit) == [400] * limit  # 10 from one address
    blocked = try_right(app, "sam@example.org")
    assert blocked.status_code == 429
    check_error_page(blocked.get_data(as_text=True), "email", ACCOUNT_LIMIT)
    assert try_right(app, "jo@example.org").status_code == 302
    assert try_right(app, "sam@example.org", address="192.0.2.9").status_code == 429


def test_refused_tries_are_not_counted_or_checked(app, world, monkeypatch):
    limit = app.config["LOGIN_ATTEMPTS_ALLOWED"]
    _wrong_tries(app, "sam@example.org", limit)
    calls = []
    monkeypatch.setattr(service, "check_password_hash", lambda *a: calls.append(a) or False)
    assert _wrong_tries(app, "sam@example.org", 3) == [429] * 3
    assert calls == []
    assert throttle_rows(app)[("account", "sam@example.org")] == limit


def test_right_password_clears_that_accounts_wrong_tries(app, world):
    limit = app.config["LOGIN_ATTEMPTS_ALLOWED"]
    assert _wrong_tries(app, "sam@example.org", limit - 1) == [400] * (limit - 1)
    assert try_right(app, "sam@example.org").status_code == 302
    assert ("account", "sam@example.org") not in throttle_rows(app)
    assert _wrong_tries(app, "sam@example.org", limit + 1) == [400] * limit + [429]


def test_the_limit_ends_when_the_window_has_passed(app, world):
    limit = app.config["LOGIN_ATTEMPTS_ALLOWED"]
    _wrong_tries(app, "sam@example.org", limit)
    assert try_right(app, "sam@example.org").status_code == 429
    with app.app_context():
        db.session.execute(
            update(SignInThrottle).values(window_start=utcnow() - timedelta(minutes=16))
        )
        db.session.commit()
    assert try_right(app, "sam@example.org").status_code == 302


def test_old_counts_are_cleared_away(app, world):
    with app.app_context():
        old = utcnow() - timedelta(minutes=30)
        db.session.add_all(
            [
                SignInThrottle(
                    scope="account", value=f"gone{i}@example.org", tries=3, window_start=old
                )
                for i in range(5)
            ]
        )
        db.session.commit()
    try_password(app.test_client(), "sam@example.org")
    assert set(throttle_rows(app)) == {("account", "sam@example.org"), ("address", "127.0.0.1")}


def test_an_unknown_email_is_treated_like_a_known_one(app, world, monkeypatch):
    limit = app.config["LOGIN_ATTEMPTS_ALLOWED"]
    calls = []
    real_check = service.check_password_hash
    monkeypatch.setattr(
        service, "check_password_hash", lambda *a: calls.append(a) or real_check(*a)
    )
    pages = {}
    for email in ("sam@example.org", "nobody@example.org"):
        client = app.test_client()
        responses = [try_password(client, email) for _ in range(limit + 1)]
        assert [r.status_code for r in responses] == [400] * limit + [429]
        pages[email] = [r.get_data(as_text=True).replace(email, "EMAIL") for r in responses]
    assert pages["sam@example.org"] == pages["nobody@example.org"]
    assert len(calls) == 2 * limit  # a password is checked (against a stand-in) either way


# --- per address ---------------------------------------------------------------------


def test_many_wrong_tries_from_one_address_stop_that_address_only(app, world, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_ATTEMPTS_PER_ADDRESS", 8)
    client = app.test_client()
    for i in range(8):
        assert try_password(client, f"guess{i}@example.org", address="10.0.0.1").status_code == 400
    blocked = try_right(app, "jo@example.org", address="10.0.0.1")
    assert blocked.status_code == 429
    check_error_page(blocked.get_data(as_text=True), "email", ADDRESS_LIMIT)
    assert try_right(app, "jo@example.org", address="10.0.0.2").status_code == 302
    # Jo's own account was never counted: the address was full before her try.
    assert ("account", "jo@example.org") not in throttle_rows(app)


def test_right_passwords_do_not_use_up_the_address(app, world, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_ATTEMPTS_PER_ADDRESS", 3)
    for email in ["sam@example.org", "jo@example.org", "olu@example.org", "alex@example.org"] * 2:
        assert try_right(app, email, address="10.0.0.3").status_code == 302
    assert throttle_rows(app)[("address", "10.0.0.3")] == 0


def test_a_full_address_does_not_count_against_the_account(app, world, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_ATTEMPTS_PER_ADDRESS", 2)
    assert _wrong_tries(app, "sam@example.org", 4, "10.0.0.4") == [400, 400, 429, 429]
    assert throttle_rows(app)[("account", "sam@example.org")] == 2


# --- one-time links go through the same throttle ---------------------------------------


def _link(app, world) -> str:
    coordinator = signed_in_client(app, world["coordinator"])
    html = coordinator.post(
        f"/jobs/{world['job_a']}/panel/{world['member_sam']}/sign-in-link"
    ).get_data(as_text=True)
    start = html.index("/sign-in/link/")
    return html[start : html.index('"', start)]


def test_guessed_links_count_against_the_address(app, world, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_ATTEMPTS_PER_ADDRESS", 3)
    path = _link(app, world)
    here = {"REMOTE_ADDR": "10.0.0.5"}
    guesser = app.test_client()
    for _ in range(3):
        assert guesser.post("/sign-in/link/" + "a" * 43, environ_base=here).status_code == 404
    blocked = app.test_client().post(path, environ_base=here)
    assert blocked.status_code == 429
    html = blocked.get_data(as_text=True)
    page = check_page(html)
    assert page.h1 == ["Too many tries"]
    assert ADDRESS_LIMIT in html
    with app.app_context():  # the link was not touched, so it still works elsewhere
        assert db.session.scalar(select(SignInLink.used_at)) is None
    tablet = app.test_client()
    assert tablet.post(path, environ_base={"REMOTE_ADDR": "10.0.0.6"}).status_code == 302
    assert throttle_rows(app)[("address", "10.0.0.6")] == 0


def test_a_used_link_is_not_a_guess(app, world, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_ATTEMPTS_PER_ADDRESS", 2)
    path = _link(app, world)
    here = {"REMOTE_ADDR": "10.0.0.7"}
    assert app.test_client().post(path, environ_base=here).status_code == 302
    for _ in range(4):
        assert app.test_client().post(path, environ_base=here).status_code == 410


def test_a_good_link_works_when_the_account_is_full_and_clears_it(app, world):
    limit = app.config["LOGIN_ATTEMPTS_ALLOWED"]
    _wrong_tries(app, "sam@example.org", limit, "10.0.0.8")
    assert try_right(app, "sam@example.org").status_code == 429
    path = _link(app, world)
    assert app.test_client().post(path).status_code == 302
    assert ("account", "sam@example.org") not in throttle_rows(app)
    assert try_right(app, "sam@example.org").status_code == 302


def test_limits_come_from_settings(app, world, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_ATTEMPTS_ALLOWED", 2)
    assert _wrong_tries(app, "sam@example.org", 3) == [400, 400, 429]
    with app.app_context():
        assert db.session.scalar(select(func.count(SignInThrottle.id))) == 2
    assert try_right(app, "sam@example.org").status_code == 429
