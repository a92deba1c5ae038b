"""The live screen's quick 304 is given before Flask (panels/live/poll.py ``QuickPoll``,
panels/common/early.py): the same answers as the usual way, a cookie checked as Flask checks
it, and outside tests a connection of its own that always reads what is committed now."""

from __future__ import annotations

import logging
import time

import pytest
from sqlalchemy import update

from panels.common.early import BeforeFlask
from panels.db import db
from panels.live import poll
from panels.models import UserSession
from panels.models.base import utcnow
from tests.conftest import signed_in_client
from tests.integration.plan_helpers import add_questions
from tests.integration.statements import statements


def _state(world, cand="cand_a"):
    return f"/jobs/{world['job_a']}/live/{world[cand]}/state.json"


def _started(app, world):
    with app.app_context():
        add_questions(world["job_a"])
    alex = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/live/{world['cand_a']}"
    assert alex.post(url, data={"action": "start", "version": "0"}).status_code == 303
    return alex


def _tag(client, world) -> str:
    first = client.get(_state(world))
    assert first.status_code == 200, first.status_code
    return first.headers["ETag"]


def test_the_quick_answer_is_given_before_flask_with_every_usual_header(app, world):
    _started(app, world)
    sam = signed_in_client(app, world["sam"])
    tag = _tag(sam, world)
    assert isinstance(app.wsgi_app, BeforeFlask)
    with statements(app) as sent:
        again = sam.get(_state(world) + "?seen=1", headers={"If-None-Match": tag})
    assert again.status_code == 304 and len(sent) == 1
    usual = sam.get(_state(world), headers={"If-None-Match": '"stale"'})
    for name in ("Content-Security-Policy", "X-Frame-Options", "Cache-Control", "Vary"):
        assert again.headers[name] == usual.headers[name], name
    assert again.headers["X-Request-ID"] != usual.headers["X-Request-ID"]


def test_the_addresses_it_takes_are_the_poll_routes(app):
    adapter = app.url_map.bind("localhost")
    for path in ("/jobs/3/live/4/state.json", "/jobs/3/panels/5/live/4/state.json"):
        found = [p.fullmatch(path) for p, _quick in app.wsgi_app.routes]
        [match] = [m for m in found if m is not None]
        endpoint, args = adapter.match(path, method="GET")
        assert endpoint in ("live.state", "live.panel_state")
        assert args == {k: int(v) for k, v in match.groupdict().items()}
    for path in ("/jobs/03/live/4/state.json", "/jobs/3/live/4/state.json/", "/jobs/3/live/4"):
        assert all(p.fullmatch(path) is None for p, _quick in app.wsgi_app.routes), path


def test_a_query_it_does_not_know_goes_the_usual_way(app, world):
    _started(app, world)
    sam = signed_in_client(app, world["sam"])
    tag = _tag(sam, world)
    odd = sam.get(_state(world) + "?seen=%00", headers={"If-None-Match": tag})
    assert odd.status_code == 400  # the usual way's text guard refuses a NUL (not a 304)


def test_a_remembered_cookie_past_the_session_lifetime_is_not_answered(app, world, monkeypatch):
    _started(app, world)
    sam = signed_in_client(app, world["sam"])
    tag = _tag(sam, world)
    assert sam.get(_state(world), headers={"If-None-Match": tag}).status_code == 304
    later = time.time() + app.permanent_session_lifetime.total_seconds() + 60
    monkeypatch.setattr(time, "time", lambda: later)
    old = sam.get(_state(world), headers={"If-None-Match": tag})
    assert old.status_code == 302 and "/sign-in" in old.headers["Location"]


def test_a_cookie_signed_with_another_secret_is_not_answered(app, world):
    _started(app, world)
    sam = signed_in_client(app, world["sam"])
    tag = _tag(sam, world)
    cookie = sam.get_cookie("session").value
    payload, _dot, _signature = cookie.rpartition(".")
    sam.set_cookie("session", payload + ".AAAAAAAAAAAAAAAAAAAAAAAAAAA")
    forged = sam.get(_state(world), headers={"If-None-Match": tag})
    assert forged.status_code == 302 and "/sign-in" in forged.headers["Location"]


def test_a_quick_read_that_fails_is_logged_and_goes_the_usual_way(app, world, monkeypatch, caplog):
    _started(app, world)
    sam = signed_in_client(app, world["sam"])
    tag = _tag(sam, world)

    def broken(*_args):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(poll, "_through", broken)
    with statements(app) as sent:
        usual = sam.get(_state(world), headers={"If-None-Match": tag})
    assert usual.status_code == 304 and len(sent) > 1  # the view's own check, in full
    assert any("quick answer failed" in r.getMessage() for r in caplog.records)


@pytest.mark.concurrency
def test_outside_a_test_transaction_its_own_connection_reads_each_change(app, world, caplog):
    """Real commits: the quick read runs on the connection this thread keeps for it (no
    SQLAlchemy events, so no statement is counted) and sees every commit at once."""
    caplog.set_level(logging.ERROR, logger="panels.common.early")
    alex = _started(app, world)
    sam = signed_in_client(app, world["sam"])
    tag = _tag(sam, world)
    with statements(app) as sent:
        again = sam.get(_state(world), headers={"If-None-Match": tag})
    assert again.status_code == 304 and sent == []
    url = f"/jobs/{world['job_a']}/live/{world['cand_a']}"
    assert alex.post(url, data={"action": "next", "version": "1"}).status_code == 303
    moved = sam.get(_state(world), headers={"If-None-Match": tag})
    assert moved.status_code == 200 and moved.json["number"] == 2
    new_tag = moved.headers["ETag"]
    with statements(app) as sent:
        assert sam.get(_state(world), headers={"If-None-Match": new_tag}).status_code == 304
    assert sent == []
    with app.app_context():
        db.session.execute(
            update(UserSession).where(UserSession.user_id == world["sam"]).values(ended_at=utcnow())
        )
        db.session.commit()
    ended = sam.get(_state(world), headers={"If-None-Match": new_tag})
    assert ended.status_code == 302 and "/sign-in" in ended.headers["Location"]
    assert not [r for r in caplog.records if r.name == "panels.common.early"]


@pytest.mark.concurrency  # a second app: its own connection
def test_behind_a_trusted_proxy_the_proxy_is_still_read_first(app, world):
    """With PANELS_TRUSTED_PROXIES the proxy's headers are read first (ProxyFix stays the
    outer layer); the quick answer carries the request id the proxy sent."""
    from werkzeug.middleware.proxy_fix import ProxyFix

    from tests.integration.auth_helpers import another_app

    _started(app, world)
    with another_app(app, TRUSTED_PROXIES=1) as proxied:
        assert isinstance(proxied.wsgi_app, ProxyFix)
        assert isinstance(proxied.wsgi_app.app, BeforeFlask)
        sam = signed_in_client(proxied, world["sam"])
        tag = _tag(sam, world)
        again = sam.get(_state(world), headers={"If-None-Match": tag, "X-Request-ID": "proxy-id-1"})
        assert again.status_code == 304 and again.headers["X-Request-ID"] == "proxy-id-1"
