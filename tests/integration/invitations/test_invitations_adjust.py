"""A candidate asks for adjustments; the coordinator sees them; the outcome is checked."""

from __future__ import annotations

import pytest

from panels.db import db
from panels.invitations import content, service
from panels.models import AdjustmentRequest, AuditEvent, Candidate, Invitation
from tests.conftest import signed_in_client
from tests.integration.invitations_helpers import token
from tests.pagecheck import check_error_page, check_page


@pytest.fixture
def world(shared_world):
    """Every test here starts from ``world``: its rows are built once for the module and
    each test's writes are rolled back after it (``shared_world`` in tests/conftest.py)."""
    return dict(shared_world)


def test_request_is_stored_audited_and_acknowledged(app, client, world):
    with app.app_context():
        t = token(app, world["cand_a"])
    response = client.post(
        f"/invite/{t}/help",
        data={"choices": ["quiet-room", "more-time", "made-up"], "other": "A chair with arms."},
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/invite/{t}?sent=1#adjustments")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    check_page(html)
    assert "We got your message." in html
    with app.app_context():
        saved = db.session.query(AdjustmentRequest).one()
        assert saved.candidate_id == world["cand_a"]
        assert saved.choices == ["quiet-room", "more-time"]
        assert saved.other == "A chair with arms."
        event = db.session.query(AuditEvent).filter_by(action="candidate asked for adjustments")
        assert event.one().detail["request_id"] == saved.id
    coordinator = signed_in_client(app, world["coordinator"])
    page = coordinator.get(f"/jobs/{world['job_a']}/invitations").get_data(as_text=True)
    assert "I would like a quiet room to wait in." in page
    assert "A chair with arms." in page


def test_empty_request_is_400_with_error(app, client, world):
    with app.app_context():
        t = token(app, world["cand_a"])
    response = client.post(f"/invite/{t}/help", data={"other": "   "})
    assert response.status_code == 400
    check_error_page(
        response.get_data(as_text=True), "choices", "Tick what would help you, or write it"
    )
    with app.app_context():
        assert db.session.query(AdjustmentRequest).count() == 0


def test_huge_request_is_400(app, client, world):
    with app.app_context():
        t = token(app, world["cand_a"])
    response = client.post(f"/invite/{t}/help", data={"other": "a" * 1001})
    assert response.status_code == 400
    check_error_page(response.get_data(as_text=True), "other", "1000 characters or fewer")
    with app.app_context():
        assert db.session.query(AdjustmentRequest).count() == 0


def test_markup_is_stored_as_text_and_escaped(app, client, world):
    with app.app_context():
        t = token(app, world["cand_a"])
    evil = '<script>alert("x")</script><b>bold</b>'
    assert client.post(f"/invite/{t}/help", data={"other": evil}).status_code == 302
    with app.app_context():
        assert db.session.query(AdjustmentRequest).one().other == evil
    coordinator = signed_in_client(app, world["coordinator"])
    page = coordinator.get(f"/jobs/{world['job_a']}/invitations").get_data(as_text=True)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page


def test_outcome_is_checked_then_shown_to_the_candidate(app, client, world):
    coordinator = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/invitations/{world['cand_a']}/outcome"
    check_page(coordinator.get(url).get_data(as_text=True))
    hard = {
        "outcome": "Unfortunately your application was unsuccessful on this occasion.",
        "feedback": "",
    }
    response = coordinator.post(url, data=hard)
    assert response.status_code == 400
    check_error_page(response.get_data(as_text=True), "outcome", "hard word")
    good = {
        "outcome": "You did not get the job this time.",
        "feedback": "You gave good answers.\nTry to tell us more about your work.",
    }
    assert coordinator.post(url, data=good).status_code == 302
    with app.app_context():
        assert db.session.query(Invitation).one().outcome == good["outcome"]
        assert db.session.query(AuditEvent).filter_by(action="invitation outcome written").count()
        t = token(app, world["cand_a"])
    html = client.get(f"/invite/{t}").get_data(as_text=True)
    assert "How it went" in html
    assert "You did not get the job this time." in html
    assert "Try to tell us more about your work." in html


def test_outcome_can_be_saved_anyway(app, world):
    coordinator = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/invitations/{world['cand_a']}/outcome"
    data = {"outcome": "Your application was unsuccessful.", "save_anyway": "y"}
    assert coordinator.post(url, data=data).status_code == 302


def test_the_form_has_its_own_page_linked_from_the_main_things(app, client, world):
    """Issue 17: the invitation links to the form from "Changes that help you"; the form
    page is a page of its own, with a way back, and nothing asked yet shows no summary."""
    with app.app_context():
        t = token(app, world["cand_a"])
    html = client.get(f"/invite/{t}").get_data(as_text=True)
    main = html[html.index('id="block-main"') : html.index("Listen to all of this")]
    assert f'href="/invite/{t}/help">Tell us what would help you</a>' in main
    assert 'name="choices"' not in html  # the form itself is not on the invitation
    assert content.ASKED not in html
    response = client.get(f"/invite/{t}/help")
    assert response.status_code == 200
    form = response.get_data(as_text=True)
    check_page(form)
    assert f'action="/invite/{t}/help"' in form
    assert 'name="csrf_token"' in form or not app.config.get("WTF_CSRF_ENABLED", True)
    assert f'href="/invite/{t}">Back to your invitation</a>' in form
    assert form.count('type="checkbox"') == len(content.CHOICES)
    assert " checked" not in form


def test_what_was_asked_shows_on_the_invitation_with_change(app, client, world):
    """After sending, the invitation's main things show what the candidate asked for, and
    "Change" opens the form with their last answers ticked and written in."""
    with app.app_context():
        t = token(app, world["cand_a"])
    client.post(f"/invite/{t}/help", data={"choices": ["break"], "other": "First <i>try</i>"})
    data = {"choices": ["quiet-room", "large-print"], "other": "A chair with arms."}
    response = client.post(f"/invite/{t}/help", data=data)
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    main = html[html.index('id="block-main"') : html.index("Listen to all of this")]
    assert "We got your message." in main
    assert content.ASKED in main
    for words in ("I would like a quiet room to wait in.", "I would like large print."):
        assert f"<li>{words}</li>" in main
    assert "<li>A chair with arms.</li>" in main
    assert "I would like a break." not in main  # the latest request only
    assert f'href="/invite/{t}/help">Change<span class="visually-hidden">' in main
    assert "We got your message." not in client.get(f"/invite/{t}").get_data(as_text=True)
    form = client.get(f"/invite/{t}/help").get_data(as_text=True)
    assert 'value="quiet-room" id="choice-quiet-room" checked' in form
    assert 'value="large-print" id="choice-large-print" checked' in form
    assert 'value="break" id="choice-break" checked' not in form
    assert "A chair with arms.</textarea>" in form
    with app.app_context():
        assert db.session.query(AdjustmentRequest).count() == 2  # each send is kept


def test_a_wrong_or_stopped_link_cannot_open_the_form(app, client, world):
    with app.app_context():
        t = token(app, world["cand_a"])
        candidate = db.session.get(Candidate, world["cand_a"])
        service.stop_link(candidate)
    assert client.get(f"/invite/{t}/help").status_code == 410
    assert client.post(f"/invite/{t}/help", data={"choices": ["break"]}).status_code == 410
    assert client.get("/invite/not-a-link/help").status_code == 404
    with app.app_context():
        assert db.session.query(AdjustmentRequest).count() == 0


def test_a_page_opened_before_the_form_moved_still_sends(app, client, world):
    """The form used to post to the invitation's own address: that still saves, and a
    mistake there shows the form page with its error."""
    with app.app_context():
        t = token(app, world["cand_a"])
    response = client.post(f"/invite/{t}", data={"choices": ["more-time"]})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/invite/{t}?sent=1#adjustments")
    bad = client.post(f"/invite/{t}", data={"other": " "})
    assert bad.status_code == 400
    check_error_page(bad.get_data(as_text=True), "choices", "Tick what would help you")
    with app.app_context():
        assert db.session.query(AdjustmentRequest).one().choices == ["more-time"]
