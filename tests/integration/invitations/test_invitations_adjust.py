"""A candidate asks for adjustments; the coordinator sees them; the outcome is checked."""

from __future__ import annotations

from panels.db import db
from panels.models import AdjustmentRequest, AuditEvent, Invitation
from tests.conftest import signed_in_client
from tests.integration.invitations_helpers import token
from tests.pagecheck import check_error_page, check_page


def test_request_is_stored_audited_and_acknowledged(app, client, world):
    with app.app_context():
        t = token(app, world["cand_a"])
    response = client.post(
        f"/invite/{t}",
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
    response = client.post(f"/invite/{t}", data={"other": "   "})
    assert response.status_code == 400
    check_error_page(
        response.get_data(as_text=True), "choices", "Tick what would help you, or write it"
    )
    with app.app_context():
        assert db.session.query(AdjustmentRequest).count() == 0


def test_huge_request_is_400(app, client, world):
    with app.app_context():
        t = token(app, world["cand_a"])
    response = client.post(f"/invite/{t}", data={"other": "a" * 1001})
    assert response.status_code == 400
    check_error_page(response.get_data(as_text=True), "other", "1000 characters or fewer")
    with app.app_context():
        assert db.session.query(AdjustmentRequest).count() == 0


def test_markup_is_stored_as_text_and_escaped(app, client, world):
    with app.app_context():
        t = token(app, world["cand_a"])
    evil = '<script>alert("x")</script><b>bold</b>'
    assert client.post(f"/invite/{t}", data={"other": evil}).status_code == 302
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
