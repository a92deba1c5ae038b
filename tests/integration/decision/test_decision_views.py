"""The decision meeting through the Flask client: who sees what and when, bad input."""

from __future__ import annotations

import csv
import io
import re
from html import unescape

from sqlalchemy import func, select

from panels.db import db
from panels.lib import easyread
from panels.models import AuditEvent, DayFeedback, Decision, DecisionAnswer, DecisionMeeting
from tests.conftest import signed_in_client
from tests.integration import invitations_helpers
from tests.integration.decision_helpers import decision_job, url
from tests.pagecheck import check_error_page, check_page


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_the_meeting_cannot_open_before_scoring_closes(app):
    ids = decision_job(app, close=False)
    hr = signed_in_client(app, ids["hr"])
    page = hr.get(url(ids))
    assert page.status_code == 200 and "has not started" in page.get_data(as_text=True)
    refused = hr.post(url(ids, "/open"))
    assert refused.status_code == 409
    check_error_page(refused.get_data(as_text=True), "meeting", "Close scoring")
    assert count(app, DecisionMeeting) == 0
    with app.app_context():
        token = invitations_helpers.token(app, ids["cands"][0])
    page = app.test_client().get(f"/invite/{token}").get_data(as_text=True)
    assert "how-it-went" not in page  # candidates are asked after the interview
    # a panel member cannot open it at all
    assert signed_in_client(app, ids["sam"]).post(url(ids, "/open")).status_code == 403


def _open(app, ids):
    hr = signed_in_client(app, ids["hr"])
    assert hr.post(url(ids, "/open")).status_code == 302
    again = hr.post(url(ids, "/open"))
    assert again.status_code == 409 and "already open" in again.get_data(as_text=True)
    return hr


def test_the_meeting_screen_shows_faces_first_choices_and_influence(app):
    ids = decision_job(app)
    _open(app, ids)
    sam = signed_in_client(app, ids["sam"])
    html = sam.get(url(ids)).get_data(as_text=True)
    check_page(html)
    assert "Lived experience: Ruth" in html and "Organisation: Dan" in html
    assert "The whole panel: Ruth and Dan" in html  # 50 each: a tie, not broken
    assert "Without Sam Patel&#39;s scores, the top would be Dan" in html
    assert "1F642" in html or "symbols/1F642" in html  # Sam's "Good" face for Ruth
    page = sam.get(url(ids, f"/{ids['cands'][0]}")).get_data(as_text=True)
    check_page(page)
    assert "People gave different answers" in page  # question 1: 100, 50, 0
    assert "1 said I don" not in page  # Ruth had no "I don't know"
    dan = sam.get(url(ids, f"/{ids['cands'][1]}")).get_data(as_text=True)
    assert "1 said I don" in dan  # Jo's "I don't know" on question 2 is no score


def test_an_offer_against_the_lived_experience_choice_needs_a_reason(app):
    ids = decision_job(app)
    hr = _open(app, ids)
    dan = url(ids, f"/{ids['cands'][1]}")
    bad = hr.post(dan, data={"proposal": "offer", "reason": "  "})
    assert bad.status_code == 400
    check_error_page(bad.get_data(as_text=True), "reason", "first choice of the lived-experience")
    assert count(app, Decision) == 0
    wrong = hr.post(dan, data={"proposal": "hire"})
    assert wrong.status_code == 400 and count(app, Decision) == 0
    ok = hr.post(dan, data={"proposal": "offer", "reason": "Dan can drive the minibus."})
    assert ok.status_code == 302
    second = hr.post(dan, data={"proposal": "reserve"})
    assert second.status_code == 409
    check_error_page(second.get_data(as_text=True), "proposal", "already a decision")
    with app.app_context():
        decision = db.session.scalar(select(Decision))
        assert (decision.proposal, decision.reason_needed, decision.lived_first) == (
            "offer",
            True,
            False,
        )
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "decision recorded")
        )
        assert event.reason == "Dan can drive the minibus."
    # an offer to the lived-experience group's first choice needs no reason
    assert hr.post(url(ids, f"/{ids['cands'][0]}"), data={"proposal": "offer"}).status_code == 302


def test_members_answer_on_their_own_then_see_everyone(app):
    ids = decision_job(app)
    hr = _open(app, ids)
    ruth = url(ids, f"/{ids['cands'][0]}")
    early = signed_in_client(app, ids["sam"]).post(ruth + "/answer", data={"answer": "agree"})
    assert early.status_code == 409 and "no proposal" in early.get_data(as_text=True)
    assert hr.post(ruth, data={"proposal": "offer"}).status_code == 302
    sam, jo = signed_in_client(app, ids["sam"]), signed_in_client(app, ids["jo"])
    before = sam.get(ruth).get_data(as_text=True)
    assert "Everyone's answers" not in before and "I agree" in before  # the buttons
    assert (
        sam.post(
            ruth + "/answer", data={"answer": "agree", "phrase": "kind", "note": "Ruth smiled"}
        ).status_code
        == 302
    )
    twice = sam.post(ruth + "/answer", data={"answer": "disagree"})
    assert twice.status_code == 409
    check_error_page(twice.get_data(as_text=True), "answer", "already answered")
    after = sam.get(ruth).get_data(as_text=True)
    assert "Everyone's answers" in after and "Ruth smiled" in after
    # Jo has not answered: she does not see Sam's answer, nor does the coordinator yet
    jo_page = jo.get(ruth).get_data(as_text=True)
    assert "Ruth smiled" not in jo_page and "1 of 3 have answered" in jo_page
    assert "See new answers" in jo_page and "See new answers" in after  # 2 still to answer
    assert "Ruth smiled" not in hr.get(ruth).get_data(as_text=True)
    bad = jo.post(ruth + "/answer", data={"answer": "maybe"})
    assert bad.status_code == 400 and count(app, DecisionAnswer) == 1
    long_note = jo.post(ruth + "/answer", data={"answer": "agree", "note": "x" * 501})
    assert long_note.status_code == 400
    check_error_page(long_note.get_data(as_text=True), "note", "500 characters")
    assert (
        jo.post(ruth + "/answer", data={"answer": "disagree", "note": "Too quiet"}).status_code
        == 302
    )
    # Hana coordinates but is not on the panel: she cannot answer, and is told why
    refused = hr.post(ruth + "/answer", data={"answer": "agree"})
    assert refused.status_code == 403
    check_error_page(refused.get_data(as_text=True), "answer", "You are not on a panel of this job")
    assert count(app, DecisionAnswer) == 2
    # nor give the members' three answers about the day (candidates have their own link)
    asked = hr.post(url(ids, "/how-it-went"), data={"listened": "3", "time": "3", "again": "3"})
    assert asked.status_code == 403
    assert "Candidates answer them from their invitation" in unescape(asked.get_data(as_text=True))
    assert count(app, DayFeedback) == 0


def test_changing_a_decision_is_explicit_and_audited(app):
    ids = decision_job(app)
    hr = _open(app, ids)
    ruth = url(ids, f"/{ids['cands'][0]}")
    assert hr.post(ruth, data={"proposal": "offer"}).status_code == 302
    assert (
        signed_in_client(app, ids["sam"])
        .post(ruth + "/answer", data={"answer": "agree"})
        .status_code
        == 302
    )
    no_why = hr.post(ruth, data={"action": "change", "proposal": "reserve"})
    assert no_why.status_code == 400
    check_error_page(no_why.get_data(as_text=True), "change_reason", "changing")
    assert count(app, DecisionAnswer) == 1
    ok = hr.post(
        ruth, data={"action": "change", "proposal": "reserve", "change_reason": "Ruth withdrew"}
    )
    assert ok.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Decision.proposal)) == "reserve"
        changed = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "decision changed")
        )
        assert changed.reason == "Ruth withdrew" and changed.detail["was"] == "offer"
        assert list(changed.detail["answers_before"].values()) == ["agree"]
    assert count(app, DecisionAnswer) == 0  # members answer the new plan


def test_release_what_happened_and_how_it_went(app):
    ids = decision_job(app)
    hr = _open(app, ids)
    sam = signed_in_client(app, ids["sam"])
    not_yet = sam.get(url(ids, "/what-happened")).get_data(as_text=True)
    assert "tell you what happened soon" in not_yet
    dan = url(ids, f"/{ids['cands'][1]}")
    assert hr.post(dan, data={"proposal": "offer", "reason": "Dan can drive."}).status_code == 302
    early = hr.post(url(ids, "/release"))
    assert early.status_code == 409
    check_error_page(early.get_data(as_text=True), "release", "Ruth")
    assert hr.post(url(ids, f"/{ids['cands'][0]}"), data={"proposal": "reserve"}).status_code == 302
    assert hr.post(url(ids, "/release")).status_code == 302
    # after release, nothing changes
    late = hr.post(dan, data={"action": "change", "proposal": "reserve", "change_reason": "x"})
    assert late.status_code == 409
    html = sam.get(url(ids, "/what-happened")).get_data(as_text=True)
    check_page(html)
    assert "We offered the job to Dan." in html and "Dan can drive." in html
    assert "counted the same as everyone" in html
    how = url(ids, "/how-it-went")
    missing = sam.post(how, data={"listened": "3", "time": "2"})
    assert missing.status_code == 400
    check_error_page(missing.get_data(as_text=True), "again", "Choose a face")
    assert sam.post(how, data={"listened": "3", "time": "2", "again": "3"}).status_code == 302
    twice = sam.post(how, data={"listened": "1", "time": "1", "again": "1"})
    assert twice.status_code == 409 and count(app, DayFeedback) == 1
    # a candidate answers on their invitation link
    with app.app_context():
        token = invitations_helpers.token(app, ids["cands"][1])
    anon = app.test_client()
    link = f"/invite/{token}/how-it-went"
    assert link in anon.get(f"/invite/{token}").get_data(as_text=True)  # scoring is closed
    assert anon.get(link).status_code == 200
    assert anon.post(link, data={"listened": "2", "time": "2", "again": "1"}).status_code == 302
    assert anon.post(link, data={"listened": "2", "time": "2", "again": "1"}).status_code == 409
    assert anon.get("/invite/not-a-token/how-it-went").status_code == 404
    answers = hr.get(url(ids, "/answers")).get_data(as_text=True)
    assert "Sam Patel" in answers and "A candidate" in answers
    organisation = hr.get("/organisation").get_data(as_text=True)
    assert 'href="/organisation/sharing-power"' in organisation  # found from the organisation
    report = hr.get("/organisation/sharing-power").get_data(as_text=True)
    check_page(report)
    assert "first choice in 0 of 1 jobs" in report and "needed in 1 of 1 jobs" in report
    assert f'href="/jobs/{ids["job"]}/decision/answers"' in report  # each job's answers
    assert "2 answers about the day." in report
    rows = list(
        csv.reader(io.StringIO(hr.get("/organisation/sharing-power.csv").get_data(as_text=True)))
    )
    assert rows[1][:7] == ["JOB-D", "Support worker", "2026-12", "yes", "no", "yes", "1"]
    assert rows[1][7:] == ["100", "50", "100", "1", "50", "50", "0"]
    assert "Candidates' answers over time" in report


def test_every_listen_text_on_members_screens_is_easy_read(app):
    ids = decision_job(app)
    hr = _open(app, ids)
    for n, proposal in enumerate(("offer", "reserve")):
        page = url(ids, f"/{ids['cands'][n]}")
        assert hr.post(page, data={"proposal": proposal}).status_code == 302
    assert hr.post(url(ids, "/release")).status_code == 302
    sam = signed_in_client(app, ids["sam"])
    said = set()
    for page in ("", f"/{ids['cands'][0]}", "/what-happened", "/how-it-went"):
        html = sam.get(url(ids, page)).get_data(as_text=True)
        said |= {unescape(t) for t in re.findall(r'data-text="([^"]*)"', html)}
    assert len(said) >= 8
    # The group's name is the coordinator's own words (like a candidate's name): the
    # sentences Panels writes around it are checked.
    for sentence in said:
        sentence = sentence.replace("Lived experience chose", "Our group chose")
        assert easyread.check(sentence).ok, sentence


def test_a_reason_that_is_hard_to_read_is_saved_with_a_hint(app):
    ids = decision_job(app)
    hr = _open(app, ids)
    dan = url(ids, f"/{ids['cands'][1]}")
    reason = "Notwithstanding the aforementioned considerations, Dan demonstrated competencies."
    saved = hr.post(dan, data={"proposal": "offer", "reason": reason}, follow_redirects=True)
    assert saved.status_code == 200
    assert "To make it easier to read" in saved.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Decision.reason)) == reason
