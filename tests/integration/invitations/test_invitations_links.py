"""Invitation links: who can open them, and the kind pages when they no longer work."""

from __future__ import annotations

from datetime import timedelta

from panels.db import db
from panels.invitations.tokens import make_token
from panels.models import AuditEvent, Candidate, Invitation, InvitationJob, Job
from panels.models.base import utcnow
from tests.conftest import signed_in_client
from tests.integration.invitations_helpers import add_questions, token
from tests.pagecheck import check_page


def test_good_link_shows_easy_read_invitation_without_sign_in(app, client, world):
    with app.app_context():
        job = db.session.get(Job, world["job_a"])
        job.contact = "Alex Morgan, 0113 496 0000"
        add_questions(job)
        t = token(app, world["cand_a"])
    response = client.get(f"/invite/{t}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    page = check_page(html)
    assert page.h1 == ["Your interview invitation"]
    for words in (
        "The job is: Support worker.",
        "Please come at 09:15.",
        "Your interview starts at 09:30.",
        "The interview is at this place.",
        "Alex Morgan",
        "You can ask for a break at any time.",
        "This is who to contact.",
        "0113 496 0000",
    ):
        assert words in html
    # One Listen per section (issue 17: it was one per block, about 14 the same).
    assert 4 <= html.count("button-listen") <= 7
    # The pictures are in the page itself (issue 17: 16 requests cost more than they weigh).
    assert 'src="data:image/svg+xml,%3Csvg' in html
    assert "/invite/symbols/" not in html
    # Nothing about other candidates, scores or notes; no third-party addresses.
    assert "Dan" not in html and "Mei" not in html
    assert "score" not in html.lower()
    assert "http://" not in html and "https://" not in html
    # Questions are shared only when the panel chooses.
    assert "Why do you want this job?" not in html


def test_questions_in_advance_when_panel_shares_them(app, client, world):
    with app.app_context():
        job = db.session.get(Job, world["job_a"])
        add_questions(job)
        db.session.add(InvitationJob(job_id=job.id, share_questions=True))
        t = token(app, world["cand_a"])
    html = client.get(f"/invite/{t}").get_data(as_text=True)
    assert "Here are the questions we will ask you." in html
    assert "Why do you want this job?" in html


def test_changed_or_wrong_link_is_kind_404(app, client, world):
    with app.app_context():
        t = token(app, world["cand_a"])
    for bad in (t[:-2] + ("aa" if not t.endswith("aa") else "bb"), "nonsense", "x" * 300):
        response = client.get(f"/invite/{bad}")
        assert response.status_code == 404
        html = response.get_data(as_text=True)
        check_page(html)
        assert "We cannot find this page" in html
        assert "Ruth" not in html


def test_link_signed_with_another_secret_is_404(app, client, world):
    forged = make_token("not-our-secret", world["cand_a"], 1)
    assert client.get(f"/invite/{forged}").status_code == 404


def test_link_for_a_candidate_without_an_invitation_or_removed_is_404(app, client, world):
    with app.app_context():
        made_up = make_token(app.config["SECRET_KEY"], 99999, 1)
        never_invited = make_token(app.config["SECRET_KEY"], world["cand_b"], 1)
        future_version = make_token(app.config["SECRET_KEY"], world["cand_a"], 5)
        token(app, world["cand_a"])
    for t in (made_up, never_invited, future_version):
        assert client.get(f"/invite/{t}").status_code == 404


def test_old_link_after_new_one_is_410_and_new_one_works(app, client, world):
    coordinator = signed_in_client(app, world["coordinator"])
    with app.app_context():
        old = token(app, world["cand_a"])
    response = coordinator.post(f"/jobs/{world['job_a']}/invitations/{world['cand_a']}/reissue")
    assert response.status_code == 302
    with app.app_context():
        new = token(app, world["cand_a"])
        assert db.session.query(AuditEvent).filter_by(action="invitation new link").count() == 1
    assert new != old
    gone = client.get(f"/invite/{old}")
    assert gone.status_code == 410
    assert "This link no longer works" in gone.get_data(as_text=True)
    assert client.get(f"/invite/{new}").status_code == 200


def test_revoked_link_is_410_everywhere(app, client, world):
    coordinator = signed_in_client(app, world["coordinator"])
    with app.app_context():
        t = token(app, world["cand_a"])
    coordinator.post(f"/jobs/{world['job_a']}/invitations/{world['cand_a']}/revoke")
    with app.app_context():
        assert db.session.query(Invitation).one().revoked_at is not None
    for suffix in ("", "/invitation.pdf", "/invitation.mp3", "/interview.ics"):
        assert client.get(f"/invite/{t}{suffix}").status_code == 410
    assert client.post(f"/invite/{t}", data={"other": "Hello"}).status_code == 410
    assert client.post(f"/invite/{t}/help", data={"other": "Hello"}).status_code == 410


def test_expired_link_is_410_and_last_day_still_works(app, client, world):
    with app.app_context():
        t = token(app, world["cand_a"])
        job = db.session.get(Job, world["job_a"])
        job.interview_date = utcnow().date() - timedelta(days=30)
        db.session.commit()
    assert client.get(f"/invite/{t}").status_code == 200
    with app.app_context():
        job = db.session.get(Job, world["job_a"])
        job.interview_date = utcnow().date() - timedelta(days=31)
        db.session.commit()
    assert client.get(f"/invite/{t}").status_code == 410


def test_coordinator_can_close_and_open_all_links(app, client, world):
    coordinator = signed_in_client(app, world["coordinator"])
    with app.app_context():
        t = token(app, world["cand_a"])
    url = f"/jobs/{world['job_a']}/invitations/settings"
    coordinator.post(url, data={"links": "close"})
    assert client.get(f"/invite/{t}").status_code == 410
    coordinator.post(url, data={"links": "open"})
    assert client.get(f"/invite/{t}").status_code == 200


def test_another_jobs_candidate_is_404_for_coordinator_routes(app, world):
    coordinator = signed_in_client(app, world["coordinator"])
    base = f"/jobs/{world['job_a']}/invitations/{world['cand_b']}"
    assert coordinator.post(f"{base}/revoke").status_code == 404
    assert coordinator.post(f"{base}/reissue").status_code == 404
    assert coordinator.get(f"{base}/outcome").status_code == 404
    with app.app_context():
        assert db.session.query(Invitation).count() == 0


def test_members_and_strangers_cannot_manage(app, client, world):
    member = signed_in_client(app, world["sam"])
    assert member.get(f"/jobs/{world['job_a']}/invitations").status_code == 403
    assert client.get(f"/jobs/{world['job_a']}/invitations").status_code == 302


def test_manage_page_shows_link_email_and_section(app, world):
    coordinator = signed_in_client(app, world["coordinator"])
    with app.app_context():
        add_questions(db.session.get(Job, world["job_a"]))
        db.session.commit()
    html = coordinator.get(f"/jobs/{world['job_a']}/invitations").get_data(as_text=True)
    check_page(html)
    with app.app_context():
        t = token(app, world["cand_a"])
        name = db.session.get(Candidate, world["cand_a"]).name
    assert f"/invite/{t}" in html
    assert f"Dear {name}," in html
    assert f"/invite/{t}/invitation.pdf" in html
    assert "Mei" not in html  # another job's candidate
    job_page = coordinator.get(f"/jobs/{world['job_a']}").get_data(as_text=True)
    assert "Candidate invitations" in job_page
    member_page = signed_in_client(app, world["sam"]).get(f"/jobs/{world['job_a']}")
    assert "Candidate invitations" not in member_page.get_data(as_text=True)


def test_demo_candidates_have_invitations(app, client):
    from panels import demo

    with app.app_context():
        job = demo.load_demo()
        assert db.session.query(Invitation).count() == len(job.candidates) == 3
        settings = db.session.query(InvitationJob).filter_by(job_id=job.id).one()
        assert settings.share_questions is True
        t = token(app, job.candidates[0].id)
    assert client.get(f"/invite/{t}").status_code == 200


def test_every_action_on_one_candidate_goes_back_to_their_row(app, world):
    coordinator = signed_in_client(app, world["coordinator"])
    page = f"/jobs/{world['job_a']}/invitations"
    base = f"{page}/{world['cand_a']}"
    row = f"{page}#cand-{world['cand_a']}"
    assert f'id="cand-{world["cand_a"]}"' in coordinator.get(page).get_data(as_text=True)
    assert f'href="{row}"' in coordinator.get(f"{base}/revoke").get_data(as_text=True)
    for action in ("reissue", "revoke", "email", "email-outcome"):
        response = coordinator.post(f"{base}/{action}")
        assert response.status_code == 302, action
        assert response.headers["Location"] == row, action
