"""Coordinators are signed out after a time without use, warned first, and can stay signed
in (WCAG 2.2.1); panel members' tablets have no time limit."""

from __future__ import annotations

import re

import pytest

from panels import config as config_module
from tests.conftest import signed_in_client
from tests.integration import two_step_helpers
from tests.integration.auth_helpers import session_rows, signed_in
from tests.integration.two_step_helpers import (
    age_sessions,
    events,
)

clock = two_step_helpers.clock  # a fixture: the time the sign-in code sees


@pytest.fixture
def world(shared_world):
    """Every test here starts from ``world``: its rows are built once for the module and
    each test's writes are rolled back after it (``shared_world`` in tests/conftest.py)."""
    return dict(shared_world)


def test_a_coordinator_idle_for_longer_than_the_limit_is_signed_out_and_told_why(app, world, clock):
    alex = signed_in_client(app, world["coordinator"])
    assert app.config["COORDINATOR_IDLE_MINUTES"] == 30
    age_sessions(app, world["coordinator"], clock, minutes=31)
    response = alex.get(f"/jobs/{world['job_a']}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/signed-out")
    page = alex.get("/signed-out")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "You have been signed out" in html and "30 minutes" in html
    assert not signed_in(alex)
    [row] = session_rows(app, world["coordinator"])
    assert row.ended_at is not None
    [event] = events(app, "signed out by time-out")
    assert event.actor_id == world["coordinator"] and event.detail == {"minutes": 30.0}


def test_a_coordinator_back_within_the_limit_stays_signed_in(app, world, clock):
    alex = signed_in_client(app, world["coordinator"])
    age_sessions(app, world["coordinator"], clock, minutes=29)
    assert alex.get("/jobs").status_code == 200
    [row] = session_rows(app, world["coordinator"])
    assert row.last_seen_at == clock.now  # counted again from now
    clock.move(minutes=29)
    assert alex.get("/jobs").status_code == 200
    assert events(app, "signed out by time-out") == []


def test_panel_members_tablets_have_no_time_limit(app, world, clock):
    sam = signed_in_client(app, world["sam"])
    age_sessions(app, world["sam"], clock, hours=11)
    response = sam.get("/jobs")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'id="idle-warning"' not in html and "signed out after" not in html
    assert events(app, "signed out by time-out") == []


def test_coordinator_pages_carry_the_warning_and_the_time_left(app, world, clock):
    alex = signed_in_client(app, world["coordinator"])
    age_sessions(app, world["coordinator"], clock, minutes=2)  # not written again yet
    html = alex.get("/jobs").get_data(as_text=True)
    assert 'id="idle-warning"' in html
    assert 'data-seconds-left="1680"' in html  # 28 minutes left
    assert 'data-warn-seconds="120"' in html
    assert "you are signed out after 30 minutes without using Panels" in html
    assert 'action="/session/stay"' in html
    assert re.search(r'src="/static/js/idle-warning\.[0-9a-f]{12}\.js"', html)


def test_stay_signed_in_counts_from_now(app, world, clock):
    alex = signed_in_client(app, world["coordinator"])
    age_sessions(app, world["coordinator"], clock, minutes=28)
    answer = alex.post("/session/stay", headers={"Accept": "application/json"})
    assert answer.status_code == 200
    assert answer.get_json() == {"seconds_left": 1800.0}
    [row] = session_rows(app, world["coordinator"])
    assert row.last_seen_at == clock.now
    clock.move(minutes=20)
    assert alex.get("/jobs").status_code == 200

    # Without JavaScript: the form posts and comes back to the page.
    back = alex.post("/session/stay", data={"next": "/organisation"})
    assert back.status_code == 302 and back.headers["Location"].endswith("/organisation")
    away = alex.post("/session/stay", data={"next": "https://elsewhere.example/"})
    assert away.headers["Location"].endswith("/jobs")


def test_staying_signed_in_after_the_end_is_too_late(app, world, clock):
    alex = signed_in_client(app, world["coordinator"])
    age_sessions(app, world["coordinator"], clock, minutes=31)
    late = alex.post("/session/stay", headers={"Accept": "application/json"})
    assert late.status_code == 302 and late.headers["Location"].endswith("/signed-out")
    assert not signed_in(alex)


def test_the_limit_is_a_setting(app, world, clock, monkeypatch):
    monkeypatch.setitem(app.config, "COORDINATOR_IDLE_MINUTES", 60)
    alex = signed_in_client(app, world["coordinator"])
    age_sessions(app, world["coordinator"], clock, minutes=45)
    assert alex.get("/jobs").status_code == 200
    age_sessions(app, world["coordinator"], clock, minutes=61)
    assert alex.get("/jobs").headers["Location"].endswith("/signed-out")


def test_the_environment_variable_sets_the_limit(monkeypatch):
    monkeypatch.setenv("PANELS_COORDINATOR_IDLE_MINUTES", "45")
    assert config_module.from_environment()["COORDINATOR_IDLE_MINUTES"] == 45
    monkeypatch.setenv("PANELS_COORDINATOR_IDLE_MINUTES", "2")
    with pytest.raises(ValueError, match="5 or more"):
        config_module.from_environment()
    monkeypatch.setenv("PANELS_COORDINATOR_IDLE_MINUTES", "half an hour")
    with pytest.raises(ValueError, match="whole number"):
        config_module.from_environment()


def test_the_script_can_ask_how_long_is_left_without_it_counting_as_use(app, world, clock):
    alex = signed_in_client(app, world["coordinator"])
    age_sessions(app, world["coordinator"], clock, minutes=27)
    answer = alex.get("/session/left")
    assert answer.status_code == 200 and answer.get_json() == {"seconds_left": 180.0}
    [row] = session_rows(app, world["coordinator"])
    assert (clock.now - row.last_seen_at).total_seconds() == 27 * 60  # not written again
    member = signed_in_client(app, world["sam"])
    assert member.get("/session/left").get_json() == {"seconds_left": None}  # no limit
    assert app.test_client().get("/session/left").get_json() == {"seconds_left": None}
    age_sessions(app, world["coordinator"], clock, minutes=31)
    late = alex.get("/session/left")
    assert late.status_code == 302 and late.headers["Location"].endswith("/signed-out")
