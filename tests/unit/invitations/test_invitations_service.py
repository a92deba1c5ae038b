"""The invitations service and queries, called directly (no HTTP)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from panels.db import db
from panels.invitations import queries, service
from panels.models import AdjustmentRequest, AuditEvent, Candidate, Invitation, InvitationJob, Job
from panels.models.base import utcnow
from tests.integration.invitations_helpers import add_questions

SECRET = "test-secret"


@pytest.fixture
def world(shared_world):
    """Every test here starts from ``world``: its rows are built once for the module and
    each test's writes are rolled back after it (``shared_world`` in tests/conftest.py)."""
    return dict(shared_world)


@pytest.fixture
def job(ctx, world) -> Job:
    return db.session.get(Job, world["job_a"])


@pytest.fixture
def ruth(job) -> Candidate:
    return job.candidates[0]


def _actions() -> list[str]:
    return [e.action for e in db.session.query(AuditEvent).order_by(AuditEvent.id)]


def test_reads_make_nothing(job, ruth):
    assert queries.invitation_of(ruth) is None
    blank = queries.invitation_or_blank(ruth)
    assert (blank.version, blank.outcome, blank.feedback) == (1, "", "")
    defaults = queries.settings_of(job)
    assert defaults.share_questions is False and defaults.closed_at is None
    db.session.commit()
    assert db.session.query(Invitation).count() == 0
    assert db.session.query(InvitationJob).count() == 0


def test_issue_links_makes_each_invitation_once(job):
    first = service.issue_links(job)
    assert [c.name for c, _ in first] == ["Ruth", "Dan"]
    again = service.issue_links(job)
    assert [i.id for _, i in again] == [i.id for _, i in first]
    assert db.session.query(Invitation).count() == 2
    assert _actions() == []  # making links is not an audited change


def test_a_link_opens_until_it_is_stopped_or_replaced(job, ruth):
    (_, invitation), _dan = service.issue_links(job)
    token = queries.token_for(SECRET, invitation)
    assert queries.open_link(SECRET, token).invitation is invitation
    service.stop_link(ruth)
    assert queries.open_link(SECRET, token).status == 410
    renewed = service.new_link(ruth)
    assert renewed.version == 2 and renewed.revoked_at is None
    assert queries.open_link(SECRET, token).status == 410
    assert queries.open_link(SECRET, queries.token_for(SECRET, renewed)).status == 200
    assert _actions() == ["invitation link stopped", "invitation new link"]


def test_open_link_refuses_wrong_links_with_404(job, ruth):
    assert queries.open_link(SECRET, "nonsense").status == 404
    never_made = queries.token_for(SECRET, queries.invitation_or_blank(ruth))
    assert queries.open_link(SECRET, never_made).status == 404
    invitation = service.invitation_for(ruth)
    assert queries.open_link("another-secret", queries.token_for(SECRET, invitation)).status == 404


def test_links_end_30_days_after_the_interview_or_when_closed(job, ruth):
    token = queries.token_for(SECRET, service.invitation_for(ruth))
    last_day = queries.expires_on(job)
    assert last_day == job.interview_date + timedelta(days=30)
    assert queries.open_link(SECRET, token, today=last_day).status == 200
    assert queries.open_link(SECRET, token, today=last_day + timedelta(days=1)).status == 410
    today = date(2026, 12, 1)
    service.save_settings(job, share_questions=False, links="close")
    assert queries.open_link(SECRET, token, today=today).status == 410
    service.save_settings(job, share_questions=False, links="open")
    assert queries.open_link(SECRET, token, today=today).status == 200
    assert db.session.query(InvitationJob).count() == 1


def test_save_settings_keeps_closed_unless_asked_and_audits(job):
    service.save_settings(job, share_questions=True, links="close")
    kept = service.save_settings(job, share_questions=True, links=None)
    assert kept.closed_at is not None and kept.share_questions is True
    events = db.session.query(AuditEvent).filter_by(action="invitation settings changed").all()
    assert [e.detail for e in events] == [
        {"share_questions": True, "closed": True},
        {"share_questions": True, "closed": True},
    ]


def test_facts_share_questions_only_when_the_panel_chooses(job, ruth):
    add_questions(job)
    invitation = service.invitation_for(ruth)
    assert queries.facts_for(invitation).questions == ()
    service.save_settings(job, share_questions=True, links=None)
    questions = queries.facts_for(invitation).questions
    assert [text for text, _ in questions] == [
        "Why do you want this job?",
        "Tell us about a time you helped someone.",
    ]
    assert all(picture == "2753" for _, picture in questions)


def test_facts_tell_this_candidate_only(job, ruth):
    add_questions(job)
    facts = queries.facts_for(service.invitation_for(ruth))
    assert facts.job_title == "Support worker" and facts.place == "Community Hub, Leeds"
    assert [p[0] for p in facts.panel] == ["Alex Morgan", "Sam Patel", "Jo Williams"]
    assert facts.times is not None and facts.times[1].strftime("%H:%M") == "09:30"
    assert facts.outcome == "" and facts.feedback == ""


def test_outcome_is_written_audited_and_in_the_facts(ruth):
    invitation = service.write_outcome(ruth, "You got the job.", "Well done.")
    assert invitation.outcome_at is not None and invitation.outcome_at <= utcnow()
    facts = queries.facts_for(invitation)
    assert (facts.outcome, facts.feedback) == ("You got the job.", "Well done.")
    assert _actions() == ["invitation outcome written"]


def test_adjustment_requests_drop_unknown_choices_newest_first(job, ruth):
    first = service.ask_for_adjustments(ruth, ["quiet-room", "made-up"], "")
    second = service.ask_for_adjustments(ruth, [], "A chair with arms.")
    assert first.choices == ["quiet-room"]
    assert queries.requests_for(job) == {ruth.id: [second, first]}
    assert db.session.query(AdjustmentRequest).count() == 2
    events = db.session.query(AuditEvent).filter_by(action="candidate asked for adjustments")
    assert sorted(e.detail["request_id"] for e in events) == [first.id, second.id]


def test_panel_photos_only_for_members_who_agreed_and_are_on_the_panel(job, ruth, world):
    sam, jo = job.members[1], job.members[2]
    sam.user.photo, sam.user.photo_consent = "sam.jpg", True
    jo.user.photo, jo.user.photo_consent = "jo.jpg", False
    db.session.commit()
    invitation = service.invitation_for(ruth)
    assert queries.panel_photos(invitation) == {str(sam.id): "sam.jpg"}
    assert queries.panel_photo(invitation, sam.id) == "sam.jpg"
    assert queries.panel_photo(invitation, jo.id) == ""
    assert queries.panel_photo(invitation, world["member_outsider"]) == ""
    assert queries.panel_photo(invitation, 99999) == ""


def test_demo_set_up_shares_questions_and_invites_everyone(job):
    service.set_up_demo(job)
    db.session.commit()
    assert queries.settings_of(job).share_questions is True
    assert db.session.query(Invitation).count() == len(job.candidates)
