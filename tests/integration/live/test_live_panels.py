"""A live screen per panel (issue 14): two panels interview at the same time, each on its
own screen with its own questions, members, pace and real times.

Job A of the ``world``: our panel (Alex, the coordinator, and Sam, pace 2) asks three
questions; the managers' panel (Jo, pace 1, in Room 2) asks two of its own.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from panels.db import db
from panels.models import AuditEvent, Job, LiveInterview, QuestionTiming, TimeEntry
from tests.conftest import make_job, make_user, signed_in_client
from tests.integration.orgs_helpers import organisation
from tests.integration.panels_helpers import add_question, second_panel
from tests.integration.plan_helpers import add_questions
from tests.integration.writes import no_writes
from tests.pagecheck import check_page


@pytest.fixture
def world(shared_world):
    """Every test here starts from ``world``: its rows are built once for the module and
    each test's writes are rolled back after it (``shared_world`` in tests/conftest.py)."""
    return dict(shared_world)


@pytest.fixture
def two(app, world):
    with app.app_context():
        add_questions(world["job_a"])
    ids = second_panel(app, world)
    add_question(app, world["job_a"], ids["managers"], "m1", "What makes a good manager?")
    add_question(app, world["job_a"], ids["managers"], "m2", "How do you share power?")
    return {**world, **ids}


def _url(w, panel: str, suffix: str = "", cand: str = "cand_a") -> str:
    return f"/jobs/{w['job_a']}/panels/{w[panel]}/live/{w[cand]}{suffix}"


def _press(client, url: str, action: str, version: int):
    return client.post(url, data={"action": action, "version": str(version)})


def test_two_panels_run_at_once_and_one_moving_does_not_move_the_other(app, two):
    alex = signed_in_client(app, two["coordinator"])
    jo = signed_in_client(app, two["jo"])
    assert _press(alex, _url(two, "ours"), "start", 0).status_code == 303
    started = _press(jo, _url(two, "managers"), "start", 0)
    assert started.status_code == 303
    assert started.headers["Location"].endswith(_url(two, "managers"))
    ours = alex.get(_url(two, "ours", "/state.json")).json
    managers = jo.get(_url(two, "managers", "/state.json")).json
    assert (ours["question"]["text"], ours["total"]) == ("Tell us about you.", 3)
    assert (managers["question"]["text"], managers["total"]) == ("What makes a good manager?", 2)
    # Our panel moves on twice; the managers' panel stays on its first question.
    assert _press(alex, _url(two, "ours"), "next", 1).status_code == 303
    assert _press(alex, _url(two, "ours"), "next", 2).status_code == 303
    assert alex.get(_url(two, "ours", "/state.json")).json["progress"] == "Question 3 of 3"
    still = jo.get(_url(two, "managers", "/state.json")).json
    assert (still["version"], still["number"], still["status"]) == (1, 1, "running")
    # The managers pause; our panel is still running.
    assert _press(jo, _url(two, "managers"), "pause", 1).status_code == 303
    assert alex.get(_url(two, "ours", "/state.json")).json["status"] == "running"
    html = jo.get(_url(two, "managers")).get_data(as_text=True)
    page = check_page(html)
    assert page.h1 == ["Interview with Ruth"]
    assert "Managers&#39; panel, in Room 2" in html and "Carry on" in html
    with app.app_context():
        rows = db.session.scalars(select(LiveInterview).order_by(LiveInterview.id)).all()
        assert [(r.panel_id, r.index, r.status) for r in rows] == [
            (two["ours"], 2, "running"),
            (two["managers"], 0, "paused"),
        ]
        details = [
            e.detail
            for e in db.session.scalars(
                select(AuditEvent).where(AuditEvent.action == "live interview start")
            )
        ]
        assert sorted(d["panel"] for d in details) == ["Managers' panel", "Our panel"]


def test_a_stale_version_on_one_panel_is_not_the_other_panels(app, two):
    alex = signed_in_client(app, two["coordinator"])
    jo = signed_in_client(app, two["jo"])
    _press(alex, _url(two, "ours"), "start", 0)
    _press(alex, _url(two, "ours"), "next", 1)
    # Version 0 is out of date on our panel, but the managers' screen has not started.
    assert _press(jo, _url(two, "managers"), "start", 0).status_code == 303
    assert _press(jo, _url(two, "managers"), "next", 2).status_code == 409


def test_the_address_without_a_panel_opens_your_own_panels_screen(app, two):
    jo = signed_in_client(app, two["jo"])
    old = f"/jobs/{two['job_a']}/live/{two['cand_a']}"
    html = jo.get(old).get_data(as_text=True)
    assert "Managers&#39; panel" in html
    assert f'data-state-url="{_url(two, "managers", "/state.json")}"' in html
    assert jo.get(old + "/state.json").json["question"]["text"] == "What makes a good manager?"
    assert _press(jo, old, "start", 0).headers["Location"].endswith(_url(two, "managers"))
    sam = signed_in_client(app, two["sam"])
    assert sam.get(old + "/state.json").json["status"] == "waiting"
    assert sam.get(old + "/state.json").json["total"] == 3
    with app.app_context():
        live = db.session.scalar(select(LiveInterview))
        assert live.panel_id == two["managers"]


def test_a_member_of_the_other_panel_cannot_drive_or_see_it(app, two):
    alex = signed_in_client(app, two["coordinator"])
    _press(alex, _url(two, "ours"), "start", 0)
    jo = signed_in_client(app, two["jo"])
    refused = jo.get(_url(two, "ours"))
    assert refused.status_code == 403
    html = refused.get_data(as_text=True)
    assert check_page(html).h1 == ["This live screen is for another panel"]
    assert "You can open the screen for your own panel from the job." in html
    assert "Tell us about you." not in html
    state = jo.get(_url(two, "ours", "/state.json"))
    assert state.status_code == 403 and "Tell us about you." not in state.get_data(as_text=True)
    assert jo.get(f"/jobs/{two['job_a']}/panels/{two['ours']}/live").status_code == 403
    with no_writes(app):
        assert _press(jo, _url(two, "ours"), "next", 1).status_code == 403
        assert _press(jo, _url(two, "ours"), "pause", 1).status_code == 403
    sam = signed_in_client(app, two["sam"])
    assert sam.get(_url(two, "managers")).status_code == 403
    assert _press(sam, _url(two, "managers"), "start", 0).status_code == 403
    with app.app_context():
        rows = db.session.scalars(select(LiveInterview)).all()
        assert [(r.panel_id, r.version) for r in rows] == [(two["ours"], 1)]


def test_a_coordinator_of_another_organisation_and_other_jobs_panels_get_404(app, two):
    with app.app_context():
        other = organisation("Other Care", "other-care")
        zoe = make_user("Zoe Other", "zoe@other.example", coordinator=True, organisation=other)
        job_z = make_job("JOB-Z", "Cook", [zoe], ["Yara"], organisation=other)
        db.session.commit()
        zoe_id, panel_z = zoe.id, job_z.panels[0].id
    zoe = signed_in_client(app, zoe_id)
    for url in (
        _url(two, "ours"),
        _url(two, "managers", "/state.json"),
        f"/jobs/{two['job_a']}/panels/{two['managers']}/live",
    ):
        assert zoe.get(url).status_code == 404, url
    with no_writes(app):
        assert _press(zoe, _url(two, "managers"), "start", 0).status_code == 404
    alex = signed_in_client(app, two["coordinator"])
    wrong = f"/jobs/{two['job_a']}/panels/{panel_z}/live/{two['cand_a']}"
    assert alex.get(wrong).status_code == 404
    assert alex.get(wrong + "/state.json").status_code == 404
    assert _press(alex, wrong, "start", 0).status_code == 404
    assert alex.get(f"/jobs/{two['job_a']}/panels/{panel_z}/live").status_code == 404
    with app.app_context():
        assert db.session.scalars(select(LiveInterview)).all() == []


def test_each_panel_times_its_questions_at_its_own_members_pace(app, two):
    jo = signed_in_client(app, two["jo"])
    _press(jo, _url(two, "managers"), "start", 0)
    with app.app_context():
        live = db.session.scalar(select(LiveInterview))
        live.question_started_at = live.question_started_at - timedelta(minutes=6)
        db.session.commit()
    _press(jo, _url(two, "managers"), "next", 1)
    with app.app_context():
        timing = db.session.scalar(select(QuestionTiming))
        assert 359 < timing.seconds < 370
        # 6 minutes minus 3 answer and 1 scoring: Jo's pace (1), not Sam's on the other
        # panel (2, which would leave 1 minute).
        assert 119 < timing.ask_seconds < 130


def test_the_tag_is_per_panel(app, two):
    alex = signed_in_client(app, two["coordinator"])
    _press(alex, _url(two, "ours"), "start", 0)
    _press(alex, _url(two, "managers"), "start", 0)
    ours = alex.get(_url(two, "ours", "/state.json")).headers["ETag"]
    managers = alex.get(_url(two, "managers", "/state.json")).headers["ETag"]
    assert ours != managers
    _press(alex, _url(two, "ours"), "next", 1)
    unchanged = alex.get(_url(two, "managers", "/state.json"), headers={"If-None-Match": managers})
    assert unchanged.status_code == 304
    moved = alex.get(_url(two, "ours", "/state.json"), headers={"If-None-Match": ours})
    assert moved.status_code == 200 and moved.json["number"] == 2
    # Jo's tag for her own panel is refused on ours: the full answer says 403.
    jo = signed_in_client(app, two["jo"])
    tag = jo.get(_url(two, "managers", "/state.json")).headers["ETag"]
    refused = jo.get(_url(two, "ours", "/state.json"), headers={"If-None-Match": tag})
    assert refused.status_code == 403
    old = f"/jobs/{two['job_a']}/live/{two['cand_a']}/state.json"
    assert jo.get(old, headers={"If-None-Match": tag}).status_code == 304


def test_the_coordinator_picks_the_panels_screen_and_members_see_their_own(app, two):
    alex = signed_in_client(app, two["coordinator"])
    html = alex.get(f"/jobs/{two['job_a']}/live").get_data(as_text=True)
    check_page(html)
    assert "This is the live screen for <strong>Our panel</strong>" in html
    assert f'href="/jobs/{two["job_a"]}/panels/{two["managers"]}/live"' in html
    assert f'href="{_url(two, "ours")}"' in html
    html = alex.get(f"/jobs/{two['job_a']}/panels/{two['managers']}/live").get_data(as_text=True)
    check_page(html)
    assert "<strong>Managers&#39; panel</strong>, in Room 2" in html
    assert f'href="{_url(two, "managers")}"' in html
    job_page = alex.get(f"/jobs/{two['job_a']}").get_data(as_text=True)
    assert "Live screen: Our panel" in job_page and "Live screen: Managers&#39; panel" in job_page
    jo = signed_in_client(app, two["jo"])
    html = jo.get(f"/jobs/{two['job_a']}/live").get_data(as_text=True)
    check_page(html)
    assert "<strong>Managers&#39; panel</strong>" in html
    assert f"/panels/{two['ours']}/" not in html
    assert f'href="{_url(two, "managers")}"' in html
    job_page = jo.get(f"/jobs/{two['job_a']}").get_data(as_text=True)
    assert "Start the interview (live screen)" in job_page
    assert "Live screen: Our panel" not in job_page


def test_the_candidates_come_in_the_panels_own_plan_order(app, two):
    with app.app_context():
        job = db.session.get(Job, two["job_a"])
        ruth, dan = job.candidates
        ruth.position, dan.position = 1, 2
        db.session.commit()
    alex = signed_in_client(app, two["coordinator"])
    html = alex.get(f"/jobs/{two['job_a']}/panels/{two['managers']}/live").get_data(as_text=True)
    assert html.index(">Ruth</a>") < html.index(">Dan</a>")
    assert "Planned start 11:00." in html  # the managers' panel starts at 11:00


def test_one_panel_job_keeps_its_addresses_and_says_nothing_of_panels(app, world):
    with app.app_context():
        add_questions(world["job_a"])
        panel = db.session.get(Job, world["job_a"]).panels[0].id
    sam = signed_in_client(app, world["sam"])
    html = sam.get(f"/jobs/{world['job_a']}/live").get_data(as_text=True)
    assert "panel-choice" not in html
    assert f'href="/jobs/{world["job_a"]}/live/{world["cand_a"]}"' in html
    html = sam.get(f"/jobs/{world['job_a']}/live/{world['cand_a']}").get_data(as_text=True)
    assert "data-live-panel" not in html
    # The panel's own address works too, and is the same interview.
    url = f"/jobs/{world['job_a']}/panels/{panel}/live/{world['cand_a']}"
    assert (
        _press(sam, url, "start", 0)
        .headers["Location"]
        .endswith(f"/jobs/{world['job_a']}/live/{world['cand_a']}")
    )
    old = sam.get(f"/jobs/{world['job_a']}/live/{world['cand_a']}/state.json").json
    assert old["version"] == 1 and old["status"] == "running"


def test_pay_takes_each_members_own_panels_real_times(app, two):
    with app.app_context():
        job = db.session.get(Job, two["job_a"])
        ruth, dan = job.candidates
        finished = {"status": "finished", "job_id": job.id}
        db.session.add_all(
            [
                LiveInterview(panel_id=two["ours"], candidate_id=ruth.id, **finished,
                              started_at=datetime(2026, 12, 15, 9, 40),
                              ended_at=datetime(2026, 12, 15, 10, 30)),
                LiveInterview(panel_id=two["ours"], candidate_id=dan.id, **finished,
                              started_at=datetime(2026, 12, 15, 10, 45),
                              ended_at=datetime(2026, 12, 15, 11, 20)),
                LiveInterview(panel_id=two["managers"], candidate_id=ruth.id, **finished,
                              started_at=datetime(2026, 12, 15, 11, 5),
                              ended_at=datetime(2026, 12, 15, 14, 10)),
            ]
        )  # fmt: skip
        db.session.commit()
    alex = signed_in_client(app, two["coordinator"])
    assert alex.post(f"/jobs/{two['job_a']}/pay/day-times").status_code == 302
    with app.app_context():
        entries = {
            e.claim.member.user_id: (e.day, e.start_time, e.end_time, e.source)
            for e in db.session.scalars(select(TimeEntry))
        }
    day = date(2026, 12, 15)
    assert entries[two["sam"]] == (day, time(9, 40), time(11, 20), "live")
    assert entries[two["coordinator"]] == (day, time(9, 40), time(11, 20), "live")
    assert entries[two["jo"]] == (day, time(11, 5), time(14, 10), "live")


def test_running_late_counts_only_the_plans_own_panel(app, two):
    from zoneinfo import ZoneInfo

    from panels.plan import queries

    alex = signed_in_client(app, two["coordinator"])
    _press(alex, _url(two, "ours"), "start", 0)
    with app.app_context():
        job = db.session.get(Job, two["job_a"])
        managers = job.panels[1]
        # Our panel's interview with Ruth ends 20 minutes after the managers' planned end.
        ruth_end = queries.current_plan(job, managers).slots[0].end
        live = db.session.scalar(select(LiveInterview))
        live.status = "finished"
        local = (ruth_end + timedelta(minutes=20)).replace(tzinfo=ZoneInfo("Europe/London"))
        live.ended_at = local.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)
        db.session.commit()
    plan = f"/jobs/{two['job_a']}/plan"
    assert "Ruth's interview ended" in alex.get(plan).get_data(as_text=True)
    managers = alex.get(f"{plan}?panel={two['managers']}").get_data(as_text=True)
    assert "Ruth's interview ended" not in managers


def test_the_plans_main_button_opens_the_live_screen_of_the_panel_shown(app, two):
    plan = f"/jobs/{two['job_a']}/plan"
    button = 'class="button" href="{}">Start the interview (live screen)'
    choose = f"/jobs/{two['job_a']}/live"
    alex = signed_in_client(app, two["coordinator"])
    managers = alex.get(f"{plan}?panel={two['managers']}").get_data(as_text=True)
    assert button.format(f"/jobs/{two['job_a']}/panels/{two['managers']}/live") in managers
    # Jo sits on the managers' panel: looking at our panel's plan, the button opens her own.
    jo = signed_in_client(app, two["jo"])
    ours = jo.get(f"{plan}?panel={two['ours']}").get_data(as_text=True)
    assert button.format(choose) in ours
    own = jo.get(f"{plan}?panel={two['managers']}").get_data(as_text=True)
    assert button.format(f"/jobs/{two['job_a']}/panels/{two['managers']}/live") in own
