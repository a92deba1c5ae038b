"""The demo job shows shortlisting done together: what matters to us agreed, the
applications read without names, every member's review sent, and the shortlist recorded."""

from __future__ import annotations

from sqlalchemy import select

from panels.db import db
from panels.models import Application, ReviewSheet, ShortlistDecision, User
from tests.conftest import signed_in_client


def test_the_demo_has_a_shortlist_made_together(app):
    from panels import demo

    with app.app_context():
        job = demo.load_demo()
        job_id = job.id
        member = db.session.scalar(select(User).where(User.email == "sam@example.org"))
        member_id = member.id
        applications = db.session.scalars(
            select(Application).where(Application.job_id == job_id).order_by(Application.number)
        ).all()
        assert [a.status for a in applications] == ["shortlisted"] * 3 + ["not_shortlisted"]
        assert {a.candidate_id for a in applications[:3]} == {c.id for c in job.candidates}
        sheets = db.session.scalars(select(ReviewSheet).where(ReviewSheet.job_id == job_id)).all()
        assert len(sheets) == len(job.members) * 4 and all(s.submitted for s in sheets)
        decision = db.session.scalar(select(ShortlistDecision))
        assert decision.shortlisted == "1,2,3"
        names = [c.name for c in job.candidates]
    client = signed_in_client(app, member_id)
    page = client.get(f"/jobs/{job_id}/shortlist").get_data(as_text=True)
    assert "Combined score" in page
    assert "Application 1" in page and "Application 4" in page
    review = client.get(f"/jobs/{job_id}/review").get_data(as_text=True)
    assert not any(name in review for name in names)  # read without names
    matters = client.get(f"/jobs/{job_id}/what-matters").get_data(as_text=True)
    assert "You listen to the person first." in matters
