"""Scoring on a tablet with the network cut and restored: nothing lost, sent once."""

from __future__ import annotations

import re

from sqlalchemy import select

from panels.db import db
from panels.models import Candidate, Job, PanelMember, ScoreSend, ScoreSheet, User
from tests.browser.conftest import sign_in
from tests.browser.online_helpers import back_online


def _ids(live_app, email, candidate_key):
    with live_app.app_context():
        job = db.session.scalar(select(Job).where(Job.ref == "DEMO-SW-01"))
        cand = db.session.scalar(
            select(Candidate).where(Candidate.job_id == job.id, Candidate.key == candidate_key)
        )
        member = db.session.scalar(
            select(PanelMember).join(User).where(PanelMember.job_id == job.id, User.email == email)
        )
        return job.id, cand.id, member.id


def test_scoring_offline_then_online_loses_nothing(live_app, new_page, check_a11y):
    job_id, cand_id, member_id = _ids(live_app, "jo@example.org", "mei")
    page = new_page("tablet-portrait")
    sign_in(page, "jo@example.org")
    page.goto(f"/jobs/{job_id}/score")
    check_a11y(page, "score candidates list")
    page.goto(f"/jobs/{job_id}/score/{cand_id}")
    check_a11y(page, "score screen, one question at a time, portrait")
    page.set_viewport_size({"width": 1024, "height": 768})
    check_a11y(page, "score screen, one question at a time, landscape")
    page.get_by_role("button", name="Show all questions on one page").click()
    check_a11y(page, "score screen, all questions, landscape")
    page.set_viewport_size({"width": 768, "height": 1024})
    check_a11y(page, "score screen, all questions, portrait")

    questions = page.locator("fieldset.score-question")
    n = questions.count()
    assert n >= 1
    page.context.set_offline(True)
    for i in range(n):
        choice = r"Good$" if i % 2 == 0 else r"I don't know$"
        questions.nth(i).get_by_label(re.compile(choice)).check()
    page.get_by_label("They listened to me.").check()
    status = page.locator("#save-status")
    status.filter(has_text="Waiting to send").wait_for()
    page.get_by_role("button", name="Send my scores").click()
    status.filter(has_text="your scores are safe on this tablet").wait_for()
    with live_app.app_context():
        sheet = db.session.scalar(
            select(ScoreSheet).where(
                ScoreSheet.candidate_id == cand_id, ScoreSheet.member_id == member_id
            )
        )
        assert sheet is None or sheet.status == "draft"
    stored = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('panels-score'))")
    assert stored

    back_online(page)
    page.wait_for_url(re.compile(rf"/score/{cand_id}$"))
    page.get_by_role("heading", level=1, name=re.compile("are sent")).wait_for()
    check_a11y(page, "scores sent")
    with live_app.app_context():
        sheet = db.session.scalar(
            select(ScoreSheet).where(
                ScoreSheet.candidate_id == cand_id, ScoreSheet.member_id == member_id
            )
        )
        assert sheet.status == "submitted" and "They listened to me." in sheet.note
        values = [(s.value, s.dont_know) for s in sheet.scores]
        assert len(values) == n
        assert values.count((None, True)) == n // 2
        sends = list(db.session.scalars(select(ScoreSend).where(ScoreSend.sheet_id == sheet.id)))
        assert len([s for s in sends if s.result == "submitted"]) == 1
    page.get_by_role("link", name="See what the panel said").click()
    check_a11y(page, "what the panel said")


def test_results_pages_are_accessible(live_app, new_page, check_a11y):
    job_id, _, _ = _ids(live_app, "coordinator@example.org", "ruth")
    page = new_page("tablet-landscape")
    sign_in(page, "coordinator@example.org")
    page.goto(f"/jobs/{job_id}/results/status")
    check_a11y(page, "scores sent")
    page.get_by_label("Why are you closing scoring now?").fill("Browser test")
    page.get_by_role("button", name="Close scoring").click()
    page.get_by_role("link", name="See the results").click()
    page.get_by_role("heading", level=1, name="Results").wait_for()
    assert page.locator("svg.dot-plot").count() >= 1
    for size in ({"width": 1024, "height": 768}, {"width": 768, "height": 1024}):
        page.set_viewport_size(size)
        check_a11y(page, f"results {size}")
    page.goto(f"/jobs/{job_id}/audit")
    check_a11y(page, "audit trail")
    page.goto("/jobs/import")
    check_a11y(page, "import a job file")
    page.goto(f"/jobs/{job_id}/results/status")
    page.get_by_label("Why are you opening scoring again?").fill("Browser test done")
    page.get_by_role("button", name="Open scoring again").click()
    page.get_by_text("Scoring is open again.").wait_for()
