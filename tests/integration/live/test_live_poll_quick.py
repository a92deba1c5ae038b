"""The live screen's quick 304 (panels/live/poll.py): one SELECT, no person loaded, no cookie
written, and every access rule of the usual way kept: a person taken off the panel, a
coordinator who left the organisation, another organisation's coordinator or an ended
session never get a 304, whatever tag they send."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from sqlalchemy import delete, select, update

from panels.db import db, login_manager
from panels.models import (
    OrganisationSettings,
    OrgMembership,
    Panel,
    PanelMember,
    UserSession,
)
from panels.models.base import utcnow
from tests.conftest import make_user, signed_in_client
from tests.integration.auth_helpers import session_rows
from tests.integration.orgs_helpers import organisation
from tests.integration.plan_helpers import add_questions
from tests.integration.statements import statements


@pytest.fixture
def world(shared_world):
    """Every test here starts from ``world``: its rows are built once for the module and
    each test's writes are rolled back after it (``shared_world`` in tests/conftest.py)."""
    return dict(shared_world)


def _state(world, cand="cand_a", job="job_a"):
    return f"/jobs/{world[job]}/live/{world[cand]}/state.json"


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


def _poll(client, world, tag):
    return client.get(_state(world), headers={"If-None-Match": tag})


def test_an_unchanged_poll_is_one_select_with_no_cookie_and_no_person_loaded(
    app, world, monkeypatch
):
    _started(app, world)
    sam = signed_in_client(app, world["sam"])
    tag = _tag(sam, world)
    loaded = []
    real = login_manager._user_callback
    monkeypatch.setattr(login_manager, "_user_callback", lambda *a: loaded.append(a) or real(*a))
    with statements(app) as sent:
        again = _poll(sam, world, tag)
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == tag
    assert len(sent) == 1 and sent[0].lstrip().upper().startswith("SELECT"), sent
    assert "Set-Cookie" not in again.headers
    assert again.headers["Cache-Control"] == "no-store"  # the usual headers still come
    assert again.headers["X-Request-ID"]
    assert loaded == []
    assert _poll(sam, world, '"stale"').status_code == 200  # the usual way loads the person
    assert loaded == [(str(world["sam"]),)]


def test_a_change_by_another_tablet_is_a_200_with_a_new_tag(app, world):
    alex = _started(app, world)
    sam = signed_in_client(app, world["sam"])
    tag = _tag(sam, world)
    assert _poll(sam, world, tag).status_code == 304
    url = f"/jobs/{world['job_a']}/live/{world['cand_a']}"
    assert alex.post(url, data={"action": "next", "version": "1"}).status_code == 303
    moved = _poll(sam, world, tag)
    assert moved.status_code == 200 and moved.json["number"] == 2
    assert moved.headers["ETag"] != tag
    assert _poll(sam, world, moved.headers["ETag"]).status_code == 304


def test_a_tag_is_one_persons_own(app, world):
    """Jo sends Sam's tag: it is worth nothing to her (a tag is signed for one person)."""
    _started(app, world)
    sam = signed_in_client(app, world["sam"])
    jo = signed_in_client(app, world["jo"])
    sams, jos = _tag(sam, world), _tag(jo, world)
    assert sams != jos
    stolen = _poll(jo, world, sams)
    assert stolen.status_code == 200 and stolen.headers["ETag"] == jos


def test_someone_taken_off_the_panel_gets_404_with_their_old_tag(app, world):
    _started(app, world)
    sam = signed_in_client(app, world["sam"])
    tag = _tag(sam, world)
    assert _poll(sam, world, tag).status_code == 304
    with app.app_context():
        db.session.execute(
            delete(PanelMember).where(
                PanelMember.job_id == world["job_a"], PanelMember.user_id == world["sam"]
            )
        )
        db.session.commit()
    refused = _poll(sam, world, tag)
    assert refused.status_code == 404 and "ETag" not in refused.headers


def test_a_coordinator_who_left_the_organisation_gets_404_with_their_old_tag(app, world):
    """Alex coordinates job A's organisation (not on its panel through that), then moves
    to another organisation: her old tag gets a 404, like any page of job A."""
    with app.app_context():
        add_questions(world["job_a"])
        db.session.execute(
            delete(PanelMember).where(
                PanelMember.job_id == world["job_a"],
                PanelMember.user_id == world["coordinator"],
            )
        )
        db.session.commit()
    alex = signed_in_client(app, world["coordinator"])
    tag = _tag(alex, world)
    assert _poll(alex, world, tag).status_code == 304
    with app.app_context():
        other = organisation("Zeta Care", "zeta-poll")
        db.session.execute(
            update(OrgMembership)
            .where(OrgMembership.user_id == world["coordinator"])
            .values(organisation_id=other.id)
        )
        db.session.commit()
    refused = _poll(alex, world, tag)
    assert refused.status_code == 404 and "ETag" not in refused.headers


def test_another_organisations_coordinator_gets_404_with_any_tag(app, world):
    _started(app, world)
    sam = signed_in_client(app, world["sam"])
    sams = _tag(sam, world)
    with app.app_context():
        other = organisation("Zeta Care", "zeta-poll")
        zoe = make_user("Zoe Zeta", "zoe@zeta.example.org")
        db.session.add(OrgMembership(user=zoe, organisation=other, role="admin"))
        db.session.commit()
        zoe_id = zoe.id
    zoe_client = signed_in_client(app, zoe_id)
    for tag in (sams, '"0"', "*"):
        refused = _poll(zoe_client, world, tag)
        assert refused.status_code == 404 and "ETag" not in refused.headers, tag


def test_an_ended_session_is_sent_to_sign_in_with_its_old_tag(app, world):
    _started(app, world)
    sam = signed_in_client(app, world["sam"])
    tag = _tag(sam, world)
    with app.app_context():
        db.session.execute(
            update(UserSession).where(UserSession.user_id == world["sam"]).values(ended_at=utcnow())
        )
        db.session.commit()
    refused = _poll(sam, world, tag)
    assert refused.status_code == 302 and "/sign-in" in refused.headers["Location"]


def test_a_session_due_a_touch_goes_the_usual_way_once(app, world):
    """After SESSION_TOUCH_MINUTES the poll writes "last seen" (and re-signs the cookie),
    as every request does; the next polls are quick again."""
    _started(app, world)
    sam = signed_in_client(app, world["sam"])
    tag = _tag(sam, world)
    long_ago = utcnow() - timedelta(minutes=app.config["SESSION_TOUCH_MINUTES"] + 1)
    with app.app_context():
        db.session.execute(
            update(UserSession)
            .where(UserSession.user_id == world["sam"])
            .values(last_seen_at=long_ago)
        )
        db.session.commit()
    touched = _poll(sam, world, tag)
    assert touched.status_code == 304 and "Set-Cookie" in touched.headers
    [row] = session_rows(app, world["sam"])
    assert utcnow() - row.last_seen_at < timedelta(minutes=1)
    with statements(app) as sent:
        quick = _poll(sam, world, tag)
    assert quick.status_code == 304 and "Set-Cookie" not in quick.headers
    assert len(sent) == 1


def test_a_coordinator_who_must_set_up_two_step_is_sent_to_do_it(app, world):
    alex = _started(app, world)
    tag = _tag(alex, world)
    assert _poll(alex, world, tag).status_code == 304
    with app.app_context():
        org_id = db.session.scalar(
            select(OrgMembership.organisation_id).where(
                OrgMembership.user_id == world["coordinator"]
            )
        )
        db.session.add(OrganisationSettings(organisation_id=org_id, require_two_step=True))
        db.session.commit()
    sent_on = _poll(alex, world, tag)
    assert sent_on.status_code == 302
    assert sent_on.headers["Location"].endswith("/my-account/two-step")


def test_quick_304s_are_not_written_to_the_access_log(app, world, caplog):
    _started(app, world)
    sam = signed_in_client(app, world["sam"])
    tag = _tag(sam, world)
    caplog.set_level(logging.INFO, logger="panels.access")  # caplog listens there too
    caplog.clear()
    assert _poll(sam, world, tag).status_code == 304
    assert _poll(sam, world, '"stale"').status_code == 200
    lines = [r.getMessage() for r in caplog.records if r.name == "panels.access"]
    assert lines == [f"GET {_state(world)} 200"], lines


def test_moving_to_another_panel_is_a_change(app, world):
    """Each panel runs its own interview: someone moved to another panel of the job never
    gets a 304 for the screen they had (the usual way says what they may see now)."""
    _started(app, world)
    sam = signed_in_client(app, world["sam"])
    tag = _tag(sam, world)
    with app.app_context():
        second = Panel(job_id=world["job_a"], name="Panel 2", position=1)
        db.session.add(second)
        db.session.flush()
        db.session.execute(
            update(PanelMember)
            .where(PanelMember.id == world["member_sam"])
            .values(panel_id=second.id)
        )
        db.session.commit()
    with statements(app) as sent:
        moved = _poll(sam, world, tag)
    assert moved.status_code != 304 and moved.headers.get("ETag") != tag
    assert len(sent) > 1  # it went the usual way


def test_the_straight_read_a_server_uses_is_the_same_row_as_through_sqlalchemy(app, world):
    """Outside tests the quick answer reads on a pooled connection's own driver, with the
    SQL made once: the same row, dates and all, as SQLAlchemy reads (SQLite, PostgreSQL)."""
    from panels.auth import caller
    from panels.live import poll

    alex = _started(app, world)
    sam = signed_in_client(app, world["sam"])
    tag = _tag(sam, world)
    with app.test_request_context(headers={"Cookie": f"session={sam.get_cookie('session').value}"}):
        me = caller.from_cookie()
        assert me is not None
        params = {
            "job_id": world["job_a"],
            "candidate_id": world["cand_a"],
            "panel_id": None,
            **me.params,
        }
        statement = poll._quick_statement()
        bind = db.session.get_bind()
        through = bind.execute(statement, params).first()
        straight = poll._straight(bind.connection.dbapi_connection, bind.dialect, statement, params)
    assert straight == tuple(through)
    last_seen, *_rest = straight
    assert last_seen is not None and hasattr(last_seen, "year")  # a date, not its text
    assert straight[4]  # Sam may see it
    assert _poll(sam, world, tag).status_code == 304
    assert alex is not None
