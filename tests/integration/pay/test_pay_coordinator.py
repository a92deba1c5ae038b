"""The coordinator's pay screens: rates, time, decisions, paid, and the rules on each."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from sqlalchemy import func, select

from panels.db import db
from panels.models import (
    AuditEvent,
    Expense,
    Job,
    JobPayRates,
    LiveInterview,
    OrgPayRates,
    PanelMember,
    PayClaim,
    TimeEntry,
)
from panels.pay import service
from tests.integration.pay_helpers import client_for, pay_world, post
from tests.pagecheck import check_page

RATES = {
    "interview_day": "11.50",
    "interview_day_per": "hour",
    "preparation": "11.50",
    "preparation_per": "hour",
    "training": "20",
    "training_per": "session",
    "travel": "0",
    "travel_per": "hour",
    "mileage": "0.45",
}


@pytest.fixture
def w(app):
    return pay_world(app)


def _count(app, model, **where) -> int:
    with app.app_context():
        query = select(func.count()).select_from(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return db.session.scalar(query)


def _actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def _time(client, w, member="m_sam", **data):
    url = f"/jobs/{w['job_a']}/pay/members/{w[member]}/time"
    values = {"kind": "preparation", "day": "2026-12-08", "start": "10:00", "end": "12:30"}
    values.update(data)
    return post(client, url, values, page=f"/jobs/{w['job_a']}/pay/members/{w[member]}")


def test_the_pay_page_shows_every_member_and_the_default_rates(app, w):
    client = client_for(app, w["alex"])
    html = client.get(f"/jobs/{w['job_a']}/pay").get_data(as_text=True)
    for name in ("Alex Admin", "Sam Member", "Jo Member"):
        assert name in html
    assert 'value="11.50"' in html and "Owed" in html
    assert _count(app, JobPayRates) == 0  # GET writes nothing


def test_saving_rates_for_the_job(app, w):
    client = client_for(app, w["alex"])
    response = post(client, f"/jobs/{w['job_a']}/pay/rates", RATES, page=f"/jobs/{w['job_a']}/pay")
    assert response.status_code == 302
    with app.app_context():
        row = db.session.get(JobPayRates, w["job_a"])
        assert (row.training_pence, row.training_per, row.mileage_pence) == (2000, "session", 45)
    assert "pay rates changed" in _actions(app)


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("interview_day", "-5", "less than nothing"),
        ("interview_day", "99999", "too big"),
        ("preparation", "eleven", "number of pounds"),
        ("mileage", "10", "too big"),
        ("training_per", "fortnight", "an hour or a session"),
    ],
)
def test_bad_rates_are_refused_in_plain_words(app, w, field, value, words):
    client = client_for(app, w["alex"])
    post(client, f"/jobs/{w['job_a']}/pay/rates", RATES, page=f"/jobs/{w['job_a']}/pay")
    response = post(
        client, f"/jobs/{w['job_a']}/pay/rates", {**RATES, "interview_day": "30", field: value},
        page=f"/jobs/{w['job_a']}/pay",
    )  # fmt: skip
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert words in html and "There is a problem" in html
    with app.app_context():  # the saved rates are as they were
        assert db.session.get(JobPayRates, w["job_a"]).interview_day_pence == 1150


def test_organisation_defaults_are_copied_into_a_job(app, w):
    client = client_for(app, w["alex"])
    org_rates = {**RATES, "interview_day": "14", "currency": "gbp"}
    response = post(client, "/organisation/pay-rates", org_rates)
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(OrgPayRates, w["org_a"]).currency == "GBP"
    assert 'value="14.00"' in client.get(f"/jobs/{w['job_a']}/pay").get_data(as_text=True)
    _time(client, w)  # the first claim copies the rates into the job
    post(client, "/organisation/pay-rates", {**org_rates, "interview_day": "20"})
    with app.app_context():
        assert db.session.get(JobPayRates, w["job_a"]).interview_day_pence == 1400


def test_an_unknown_currency_is_refused(app, w):
    client = client_for(app, w["alex"])
    response = post(client, "/organisation/pay-rates", {**RATES, "currency": "XYZ"})
    assert response.status_code == 400
    assert "We do not know that currency" in response.get_data(as_text=True)
    assert _count(app, OrgPayRates) == 0


def test_adding_time_and_what_the_member_is_owed(app, w):
    client = client_for(app, w["alex"])
    assert _time(client, w).status_code == 302
    with app.app_context():
        (entry,) = db.session.scalars(select(TimeEntry)).all()
        assert (entry.start_time, entry.end_time, entry.source) == (
            time(10, 0), time(12, 30), "entered",
        )  # fmt: skip
    html = client.get(f"/jobs/{w['job_a']}/pay/members/{w['m_sam']}").get_data(as_text=True)
    assert "£28.75" in html  # 2.5 hours x £11.50
    assert "pay time added" in _actions(app)


@pytest.mark.parametrize(
    ("data", "status", "words"),
    [
        ({"start": "12:00", "end": "10:00"}, 400, "end time must be after the start"),
        ({"start": "10:00", "end": "10:00"}, 400, "end time must be after the start"),
        ({"start": "00:00", "end": "23:30"}, 400, "at most 16 hours"),
        ({"day": "1970-01-01"}, 400, "more than 2 years"),
        ({"day": "15/12/2026"}, 400, "Enter a date, like 2026-12-15"),
        ({"start": "25:00"}, 400, "Enter a time, like 09:30"),
        ({"kind": "holiday"}, 400, "Choose what the time was for"),
        ({"start": "11:00", "end": "13:00"}, 409, "overlaps time already there"),
    ],
)
def test_bad_time_is_refused_and_nothing_is_saved(app, w, data, status, words):
    client = client_for(app, w["alex"])
    _time(client, w)
    response = _time(client, w, **data)
    assert response.status_code == status
    assert words in response.get_data(as_text=True)
    assert _count(app, TimeEntry) == 1


def test_removing_time(app, w):
    client = client_for(app, w["alex"])
    _time(client, w)
    with app.app_context():
        entry_id = db.session.scalar(select(TimeEntry.id))
    base = f"/jobs/{w['job_a']}/pay/members/{w['m_sam']}"
    assert post(client, f"{base}/time/{entry_id}/remove", {}, page=base).status_code == 302
    assert _count(app, TimeEntry) == 0
    assert post(client, f"{base}/time/{entry_id}/remove", {}, page=base).status_code == 404


def test_removing_time_asks_first_on_a_page_of_its_own(app, w):
    """Issue 17: the member's pay page links to a confirmation; the GET removes nothing."""
    client = client_for(app, w["alex"])
    _time(client, w)
    with app.app_context():
        entry_id = db.session.scalar(select(TimeEntry.id))
    base = f"/jobs/{w['job_a']}/pay/members/{w['m_sam']}"
    pay_page = client.get(base).get_data(as_text=True)
    url = f"{base}/time/{entry_id}/remove"
    assert f'href="{url}"' in pay_page and f'action="{url}"' not in pay_page
    confirm = client.get(url)
    assert confirm.status_code == 200
    page = check_page(confirm.get_data(as_text=True))
    assert page.h1 == ["Remove this time for Sam Member?"]
    assert "Yes, remove the time" in confirm.get_data(as_text=True)
    assert f'action="{url}"' in confirm.get_data(as_text=True)
    assert _count(app, TimeEntry) == 1  # asking removed nothing
    assert client.get(f"{base}/time/999999/remove").status_code == 404
    assert post(client, url, {}, page=url).status_code == 302
    assert _count(app, TimeEntry) == 0
    assert client.get(url).status_code == 404


def test_another_members_entry_cannot_be_removed_through_this_member(app, w):
    client = client_for(app, w["alex"])
    _time(client, w, member="m_jo")
    with app.app_context():
        entry_id = db.session.scalar(select(TimeEntry.id))
    base = f"/jobs/{w['job_a']}/pay/members/{w['m_sam']}"
    assert post(client, f"{base}/time/{entry_id}/remove", {}, page=base).status_code == 404
    assert _count(app, TimeEntry) == 1


def test_the_interview_day_from_the_plan_then_the_live_screen(app, w):
    client = client_for(app, w["alex"])
    page = f"/jobs/{w['job_a']}/pay"
    response = post(client, f"/jobs/{w['job_a']}/pay/day-times", {}, page=page)
    assert response.status_code == 302
    with app.app_context():
        entries = db.session.scalars(select(TimeEntry)).all()
        assert len(entries) == 3 and {e.source for e in entries} == {"plan"}
        assert entries[0].start_time == time(9, 30) and entries[0].day == date(2026, 12, 15)
    # Sent again: members who have the day already are left as they are.
    post(client, f"/jobs/{w['job_a']}/pay/day-times", {}, page=page)
    assert _count(app, TimeEntry) == 3


def test_the_live_screens_real_times_win_over_the_plan(app, w):
    with app.app_context():
        job = db.session.get(Job, w["job_a"])
        ruth, dan = job.candidates
        # Stored in UTC; in December London is UTC too.
        db.session.add_all(
            [
                LiveInterview(job_id=job.id, candidate_id=ruth.id, status="finished",
                              started_at=datetime(2026, 12, 15, 9, 40),
                              ended_at=datetime(2026, 12, 15, 10, 30)),
                LiveInterview(job_id=job.id, candidate_id=dan.id, status="finished",
                              started_at=datetime(2026, 12, 15, 11, 0),
                              ended_at=datetime(2026, 12, 15, 14, 10)),
            ]
        )  # fmt: skip
        db.session.commit()
    client = client_for(app, w["alex"])
    post(client, f"/jobs/{w['job_a']}/pay/day-times", {}, page=f"/jobs/{w['job_a']}/pay")
    with app.app_context():
        entry = db.session.scalars(select(TimeEntry)).first()
        assert (entry.start_time, entry.end_time, entry.source) == (
            time(9, 40), time(14, 10), "live",
        )  # fmt: skip


def test_no_plan_means_no_day_times(app):
    w = pay_world(app, questions=False)
    with app.app_context():
        job = db.session.get(Job, w["job_a"])
        job.candidates.clear()
        db.session.commit()
    client = client_for(app, w["alex"])
    response = post(client, f"/jobs/{w['job_a']}/pay/day-times", {}, page=f"/jobs/{w['job_a']}/pay")
    assert response.status_code == 409
    assert "Plan the day first" in response.get_data(as_text=True)
    assert _count(app, TimeEntry) == 0


def test_paid_through_their_job_claims_no_pay(app, w):
    client = client_for(app, w["alex"])
    base = f"/jobs/{w['job_a']}/pay/members/{w['m_alex']}"
    _time(client, w, member="m_alex")
    post(client, f"{base}/through-job", {"through_job": "y"}, page=base)
    html = client.get(f"/jobs/{w['job_a']}/pay").get_data(as_text=True)
    assert "Paid through their job" in html
    with app.app_context():
        assert db.session.scalar(select(PayClaim.paid_through_job).where(
            PayClaim.member_id == w["m_alex"])) is True  # fmt: skip


def _expense(app, w, member="m_sam", pence=350, receipt=None, reason="Lost it"):
    with app.app_context():
        member_row = db.session.get(PanelMember, w[member])
        expense = service.add_expense(
            member_row, kind="fare", day=date(2026, 12, 15), pence=pence, miles=None,
            description="Bus", receipt=receipt, no_receipt_reason=reason,
        )  # fmt: skip
        return expense.id


def _decide(client, w, expense_id, member="m_sam", **data):
    base = f"/jobs/{w['job_a']}/pay/members/{w[member]}"
    return post(client, f"{base}/expenses/{expense_id}", data, page=base)


def test_approve_and_refuse_each_expense_with_a_reason(app, w):
    first, second = _expense(app, w), _expense(app, w, pence=1200)
    client = client_for(app, w["alex"])
    assert _decide(client, w, first, decision="approved").status_code == 302
    refused = _decide(client, w, second, decision="refused")
    assert refused.status_code == 400
    assert "Say why you refuse it" in refused.get_data(as_text=True)
    assert (
        _decide(client, w, second, decision="refused", reason="No taxi needed").status_code == 302
    )
    with app.app_context():
        rows = {e.id: (e.decision, e.decision_reason) for e in db.session.scalars(select(Expense))}
    assert rows == {first: ("approved", ""), second: ("refused", "No taxi needed")}
    assert {"pay expense approved", "pay expense refused"} <= set(_actions(app))


def test_an_expense_of_another_member_or_job_is_a_404(app, w):
    mine = _expense(app, w, member="m_jo")
    client = client_for(app, w["alex"])
    assert _decide(client, w, mine, member="m_sam", decision="approved").status_code == 404
    assert _decide(client, w, 2**31, decision="approved").status_code == 404


def test_marking_paid_needs_every_expense_decided_then_locks_the_claim(app, w):
    client = client_for(app, w["alex"])
    _time(client, w)
    expense = _expense(app, w)
    base = f"/jobs/{w['job_a']}/pay/members/{w['m_sam']}"
    paid = {"paid_on": "2026-12-20", "how": "bank transfer"}
    response = post(client, f"{base}/paid", paid, page=base)
    assert response.status_code == 409 and "not decided yet" in response.get_data(as_text=True)
    _decide(client, w, expense, decision="approved")
    assert post(client, f"{base}/paid", paid, page=base).status_code == 302
    with app.app_context():
        claim = db.session.scalar(select(PayClaim).where(PayClaim.member_id == w["m_sam"]))
        assert (claim.paid_on, claim.paid_how, claim.paid_pence) == (
            date(2026, 12, 20), "bank transfer", 2875 + 350,
        )  # fmt: skip
    locked = _time(client, w, day="2026-12-09")
    assert locked.status_code == 409 and "already paid" in locked.get_data(as_text=True)
    html = client.get(f"/jobs/{w['job_a']}").get_data(as_text=True)
    assert "Paid: £32.25" in html
    assert "pay marked paid" in _actions(app)


def test_bad_paid_forms(app, w):
    client = client_for(app, w["alex"])
    base = f"/jobs/{w['job_a']}/pay/members/{w['m_sam']}"
    for data in ({"paid_on": "", "how": "cash"}, {"paid_on": "2026-12-20", "how": ""}):
        assert post(client, f"{base}/paid", data, page=base).status_code == 400
    assert _count(app, PayClaim) == 0


def test_a_paid_date_far_from_the_interview_day_is_refused(app, w):
    client = client_for(app, w["alex"])
    base = f"/jobs/{w['job_a']}/pay/members/{w['m_sam']}"
    response = post(client, f"{base}/paid", {"paid_on": "1970-01-01", "how": "cash"}, page=base)
    assert response.status_code == 400
    assert "more than 2 years from the interview day" in response.get_data(as_text=True)
    assert _count(app, PayClaim, paid_on=date(1970, 1, 1)) == 0


def test_the_job_page_shows_what_is_owed(app, w):
    client = client_for(app, w["alex"])
    _time(client, w)
    html = client.get(f"/jobs/{w['job_a']}").get_data(as_text=True)
    assert "Pay for panel members" in html and "Owed: £28.75" in html
