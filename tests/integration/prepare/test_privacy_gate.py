"""Keeping things private: a panel member sees nothing about candidates until they say
"I agree"; the date is kept, and the audit trail says so."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from panels.db import db
from panels.models import AuditEvent, PrivacyAgreement
from tests.conftest import make_job, make_user, signed_in_client
from tests.integration.invitations_helpers import add_questions
from tests.pagecheck import check_page

NAMES = ("Ruthanna Zedwick", "Danforth Quillby")


@pytest.fixture
def gate(app):
    with app.app_context():
        coord = make_user("Alex Morgan", "alex.gate@example.org", coordinator=True)
        sam = make_user("Sam Patel", "sam.gate@example.org")
        jo = make_user("Jo Williams", "jo.gate@example.org")
        job = make_job("JOB-G", "Support worker", [coord, sam, jo], list(NAMES), agreed=False)
        add_questions(job)
        db.session.commit()
        return {
            "job": job.id,
            "coord": coord.id,
            "sam": sam.id,
            "jo": jo.id,
            "m_sam": job.members[1].id,
            "cand": job.candidates[0].id,
        }


def _pages(ids) -> list[str]:
    j, c = ids["job"], ids["cand"]
    return [
        f"/jobs/{j}/score",
        f"/jobs/{j}/score/{c}",
        f"/jobs/{j}/score/{c}/change",
        f"/jobs/{j}/score/{c}/panel",
        f"/jobs/{j}/live",
        f"/jobs/{j}/live/{c}",
        f"/jobs/{j}/plan",
        # the decision meeting and what happened afterwards (panels/decision)
        f"/jobs/{j}/decision",
        f"/jobs/{j}/decision/{c}",
        f"/jobs/{j}/decision/what-happened",
    ]


def _no_names(html: str) -> None:
    for name in NAMES:
        assert name not in html


def test_a_member_who_has_not_agreed_sees_no_candidate_anywhere(app, gate):
    sam = signed_in_client(app, gate["sam"])
    job_page = sam.get(f"/jobs/{gate['job']}").get_data(as_text=True)
    _no_names(job_page)
    assert "after you agree to keep their information private" in job_page
    for url in _pages(gate):
        response = sam.get(url)
        assert response.status_code == 303, url
        assert f"/jobs/{gate['job']}/privacy?next=" in response.headers["Location"]
        _no_names(response.get_data(as_text=True))
        followed = sam.get(url, follow_redirects=True)
        assert followed.status_code == 200
        html = followed.get_data(as_text=True)
        _no_names(html)
        assert "I agree" in html
    csv = sam.get(f"/jobs/{gate['job']}/plan.csv")
    assert csv.status_code == 403
    _no_names(csv.get_data(as_text=True))
    refused = sam.post(f"/jobs/{gate['job']}/score/view", data={"view": "all"})
    assert refused.status_code == 403
    assert "privacy agreement" in refused.get_data(as_text=True)


def test_saying_i_agree_keeps_the_date_and_opens_the_candidates(app, gate):
    sam = signed_in_client(app, gate["sam"])
    target = f"/jobs/{gate['job']}/score"
    page = sam.get(f"/jobs/{gate['job']}/privacy?next={target}")
    check_page(page.get_data(as_text=True))
    assert "Listen to all of it" in page.get_data(as_text=True)
    agreed = sam.post(f"/jobs/{gate['job']}/privacy?next={target}", data={})
    assert agreed.status_code == 303 and agreed.headers["Location"] == target
    with app.app_context():
        row = db.session.scalar(select(PrivacyAgreement))
        assert row.member_id == gate["m_sam"] and row.agreed_at is not None
        actions = db.session.scalars(select(AuditEvent.action)).all()
        assert "privacy agreed" in actions
    assert NAMES[0] in sam.get(target).get_data(as_text=True)
    assert NAMES[0] in sam.get(f"/jobs/{gate['job']}").get_data(as_text=True)
    # Saying it again keeps the first date: still one row.
    sam.post(f"/jobs/{gate['job']}/privacy", data={})
    with app.app_context():
        assert len(db.session.scalars(select(PrivacyAgreement)).all()) == 1
    # Jo has not agreed: still nothing for her.
    jo = signed_in_client(app, gate["jo"])
    assert jo.get(target).status_code == 303


def test_next_goes_only_to_this_jobs_pages(app, gate):
    sam = signed_in_client(app, gate["sam"])
    for bad in ("https://evil.example/", "//evil.example/jobs", "/jobs/999/score"):
        response = sam.post(f"/jobs/{gate['job']}/privacy?next={bad}", data={})
        assert response.headers["Location"] == f"/jobs/{gate['job']}"


def test_a_coordinator_sees_candidates_without_the_members_agreement(app, gate):
    coord = signed_in_client(app, gate["coord"])
    assert NAMES[0] in coord.get(f"/jobs/{gate['job']}").get_data(as_text=True)
    assert coord.get(f"/jobs/{gate['job']}/score").status_code == 200


def test_the_job_page_asks_a_member_to_read_it_first(app, gate):
    sam = signed_in_client(app, gate["sam"])
    html = sam.get(f"/jobs/{gate['job']}").get_data(as_text=True)
    assert "Read this first: keeping things private." in html
    assert f"/jobs/{gate['job']}/privacy" in html


def test_every_gated_page_is_a_page_of_the_app(app):
    """A page named in the list that the app does not have (a typo, a renamed view) would
    leave the real page open: every name must be one of the app's endpoints."""
    from panels.prepare import rules

    assert rules.CANDIDATE_PAGES <= set(app.view_functions)
