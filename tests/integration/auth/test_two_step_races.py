"""The same code sent from several browsers at the same moment signs in exactly one."""

from __future__ import annotations

import threading
import time

import pytest

from panels.auth import totp
from tests.conftest import PASSWORD, signed_in_client
from tests.integration import two_step_helpers
from tests.integration.auth_helpers import try_password
from tests.integration.two_step_helpers import code_now, person, turn_on

clock = two_step_helpers.clock  # a fixture: the time the sign-in code sees
BROWSERS = 4


def _all_at_once(app, code: str) -> list[int]:
    browsers = []
    for _ in range(BROWSERS):
        browser = app.test_client()
        assert try_password(browser, "alex@example.org", PASSWORD).status_code == 302
        browsers.append(browser)
    barrier = threading.Barrier(BROWSERS)
    statuses: list[int] = []
    problems: list[BaseException] = []
    lock = threading.Lock()

    def one(browser):
        try:
            barrier.wait(timeout=60)
            status = browser.post("/sign-in/code", data={"code": code}).status_code
            with lock:
                statuses.append(status)
        except BaseException as error:  # noqa: BLE001  (reported below)
            problems.append(error)

    threads = [threading.Thread(target=one, args=(b,)) for b in browsers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not problems, problems
    return sorted(statuses)


@pytest.mark.concurrency
def test_one_app_code_at_once_from_four_browsers_signs_in_one(app, world, clock, monkeypatch):
    codes = turn_on(app, signed_in_client(app, world["coordinator"]), world["coordinator"], clock)
    assert codes
    real = totp.check_app_code

    def slow(*args, **kwargs):
        found = real(*args, **kwargs)
        time.sleep(0.05)  # a wider gap between checking the code and taking it
        return found

    monkeypatch.setattr(totp, "check_app_code", slow)
    code = code_now(app, world["coordinator"], clock)
    assert _all_at_once(app, code) == [302] + [400] * (BROWSERS - 1)
    assert person(app, world["coordinator"]).two_step_last_step == totp.step_at(clock.now)


@pytest.mark.concurrency
def test_one_recovery_code_at_once_from_four_browsers_signs_in_one(app, world, clock, monkeypatch):
    codes = turn_on(app, signed_in_client(app, world["coordinator"]), world["coordinator"], clock)
    real = totp.use_recovery_code

    def slow(*args, **kwargs):
        found = real(*args, **kwargs)
        time.sleep(0.05)
        return found

    monkeypatch.setattr(totp, "use_recovery_code", slow)
    assert _all_at_once(app, codes[2]) == [302] + [400] * (BROWSERS - 1)
    assert len(totp.hashes_in(person(app, world["coordinator"]).two_step_recovery)) == 9
