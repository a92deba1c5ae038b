"""With several panels, a member's day time comes from their own panel's part of the day
plan (issue 14)."""

from __future__ import annotations

from datetime import time

from sqlalchemy import select

from panels.db import db
from panels.models import Job, Panel, PanelMember, Question, TimeEntry
from panels.pay import queries
from tests.integration.pay_helpers import client_for, pay_world, post


def _managers_at_one(app, w) -> int:
    """A managers' panel from 13:00 with Jo on it and one agreed question of its own."""
    with app.app_context():
        job = db.session.get(Job, w["job_a"])
        managers = Panel(job=job, name="Managers' panel", position=1, start_time=time(13, 0))
        db.session.add(managers)
        db.session.flush()
        db.session.get(PanelMember, w["m_jo"]).panel = managers
        db.session.add(
            Question(
                job=job, panel=managers, key="rota", easy_read="How do you plan a rota?",
                status="agreed", position=99, answer_minutes=3,
            )
        )  # fmt: skip
        db.session.commit()
        return managers.id


def test_each_member_gets_their_own_panels_time_from_the_plan(app):
    w = pay_world(app)
    _managers_at_one(app, w)
    client = client_for(app, w["alex"])
    page = f"/jobs/{w['job_a']}/pay"
    assert post(client, f"/jobs/{w['job_a']}/pay/day-times", {}, page=page).status_code == 302
    with app.app_context():
        by_member = {e.claim.member_id: e for e in db.session.scalars(select(TimeEntry))}
        assert set(by_member) == {w["m_alex"], w["m_sam"], w["m_jo"]}
        assert by_member[w["m_sam"]].start_time == time(9, 30)
        assert by_member[w["m_alex"]].start_time == time(9, 30)
        jo = by_member[w["m_jo"]]
        assert jo.start_time == time(13, 0) and jo.source == "plan"
        # Our panel: two candidates from 9:30, done by 10:40; the managers' from 13:00.
        assert by_member[w["m_sam"]].end_time == time(10, 40)
        assert jo.end_time == time(14, 0)
        # The offer shows each member their own panel's day.
        sam_member = db.session.get(PanelMember, w["m_sam"])
        jo_member = db.session.get(PanelMember, w["m_jo"])
        assert queries.offer_facts(jo_member).times[0].time() == time(13, 0)
        assert queries.offer_facts(sam_member).times[0].time() == time(9, 30)
        # The job's day: from the first panel's start to the last one's end.
        job = db.session.get(Job, w["job_a"])
        start, end = queries.planned_day(job)
        assert start.time() == time(9, 30)
        assert end.time() == time(14, 0)


def test_a_panel_with_nothing_to_plan_gets_no_time(app):
    w = pay_world(app)
    with app.app_context():
        job = db.session.get(Job, w["job_a"])
        empty = Panel(job=job, name="Managers' panel", position=1, start_time=time(13, 0))
        db.session.add(empty)
        db.session.flush()
        db.session.get(PanelMember, w["m_jo"]).panel = empty  # no questions of its own
        db.session.commit()
    client = client_for(app, w["alex"])
    post(client, f"/jobs/{w['job_a']}/pay/day-times", {}, page=f"/jobs/{w['job_a']}/pay")
    with app.app_context():
        members = {e.claim.member_id for e in db.session.scalars(select(TimeEntry))}
        assert members == {w["m_alex"], w["m_sam"]}
