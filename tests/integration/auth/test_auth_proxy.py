"""Behind a proxy: PANELS_TRUSTED_PROXIES says how many X-Forwarded-* hops to believe."""

from __future__ import annotations

import pytest
from werkzeug.middleware.proxy_fix import ProxyFix

from panels import config as config_module
from tests.conftest import PASSWORD, signed_in_client
from tests.integration.auth_helpers import another_app, throttle_rows, try_password

FORWARDED = {"X-Forwarded-For": "203.0.113.7"}


def _addresses(app) -> set[str]:
    return {value for (scope, value) in throttle_rows(app) if scope == "address"}


def test_with_no_trusted_proxy_x_forwarded_for_is_ignored(app, world, monkeypatch):
    assert app.config["TRUSTED_PROXIES"] == 0
    assert not isinstance(app.wsgi_app, ProxyFix)
    try_password(app.test_client(), "sam@example.org", headers=FORWARDED)
    assert _addresses(app) == {"127.0.0.1"}
    # So the header cannot be used to get round the address limit.
    monkeypatch.setitem(app.config, "LOGIN_ATTEMPTS_PER_ADDRESS", 2)
    client = app.test_client()
    statuses = [
        try_password(
            client, f"guess{i}@example.org", headers={"X-Forwarded-For": f"198.51.100.{i}"}
        ).status_code
        for i in range(3)
    ]
    assert statuses == [400, 429, 429]  # the first try above already counted


@pytest.mark.concurrency  # a second app: its own connection
def test_with_one_trusted_proxy_the_client_address_comes_from_it(app, world):
    with another_app(app, TRUSTED_PROXIES=1) as proxied:
        assert isinstance(proxied.wsgi_app, ProxyFix)
        client = proxied.test_client()
        try_password(client, "sam@example.org", headers=FORWARDED)
        assert _addresses(app) == {"203.0.113.7"}
        # Only the hop the proxy added is believed, not what the person wrote before it.
        try_password(
            client, "sam@example.org", headers={"X-Forwarded-For": "10.9.9.9, 198.51.100.4"}
        )
        assert _addresses(app) == {"203.0.113.7", "198.51.100.4"}


@pytest.mark.concurrency  # a second app: its own connection
def test_behind_a_proxy_one_address_does_not_lock_out_the_others(app, world):
    with another_app(app, TRUSTED_PROXIES=1, LOGIN_ATTEMPTS_PER_ADDRESS=3) as proxied:
        client = proxied.test_client()
        for i in range(3):
            assert (
                try_password(client, f"guess{i}@example.org", headers=FORWARDED).status_code == 400
            )
        blocked = try_password(client, "jo@example.org", PASSWORD, headers=FORWARDED)
        assert blocked.status_code == 429
        other = {"X-Forwarded-For": "198.51.100.99"}
        assert try_password(client, "jo@example.org", PASSWORD, headers=other).status_code == 302


@pytest.mark.concurrency  # a second app: its own connection
def test_with_one_trusted_proxy_links_use_the_outside_address(app, world):
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "panels.example.org"}
    path = f"/jobs/{world['job_a']}/panel/{world['member_sam']}/sign-in-link"
    html = signed_in_client(app, world["coordinator"]).post(path, headers=forwarded)
    assert "http://localhost/sign-in/link/" in html.get_data(as_text=True)
    with another_app(app, TRUSTED_PROXIES=1) as proxied:
        html = signed_in_client(proxied, world["coordinator"]).post(path, headers=forwarded)
        assert "https://panels.example.org/sign-in/link/" in html.get_data(as_text=True)


def test_the_setting_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("PANELS_TRUSTED_PROXIES", "2")
    monkeypatch.setenv("PANELS_LOGIN_ATTEMPTS_PER_ADDRESS", "80")
    found = config_module.from_environment()
    assert found["TRUSTED_PROXIES"] == 2
    assert found["LOGIN_ATTEMPTS_PER_ADDRESS"] == 80


@pytest.mark.parametrize("value", ["two", "-1", "1.5", "²", "9" * 12])
def test_a_wrong_setting_is_refused_in_plain_words(monkeypatch, value):
    monkeypatch.setenv("PANELS_TRUSTED_PROXIES", value)
    with pytest.raises(ValueError, match="PANELS_TRUSTED_PROXIES must be a whole number"):
        config_module.from_environment()


def test_an_address_limit_of_nothing_is_refused(monkeypatch):
    monkeypatch.setenv("PANELS_LOGIN_ATTEMPTS_PER_ADDRESS", "0")
    with pytest.raises(ValueError, match="1 or more"):
        config_module.from_environment()


def test_the_app_factory_checks_the_setting(app):
    with pytest.raises(ValueError, match="TRUSTED_PROXIES must be a whole number"):
        with another_app(app, TRUSTED_PROXIES="lots"):
            pass
