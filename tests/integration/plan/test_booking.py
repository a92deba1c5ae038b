"""Candidates choose their own interview time on their invitation page (issue 12).

Through the Flask client: statuses, redirects, the rows written, the audit trail, and the
error markup when a time cannot be had (taken, too late, not a time, a stopped link).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from panels.common import pdf
from panels.db import db
from panels.models import AuditEvent, BookingJob, Candidate, Job, SlotBooking
from panels.plan import booking_queries, slots
from tests.conftest import signed_in_client
from tests.integration.booking_helpers import booked, first_link, open_times
from tests.integration.writes import no_writes
from tests.pagecheck import check_page

SOON = date.today() + timedelta(days=10)  # cut-offs are counted from now


@pytest.fixture
def world(shared_world):
    """Every test here starts from ``world``: its rows are built once for the module and
    each test's writes are rolled back after it (``shared_world`` in tests/conftest.py)."""
    return dict(shared_world)


@pytest.fixture
def day(app, world):
    """Job A on a day 10 days away, with 3 interview times candidates choose."""
    with app.app_context():
        job = db.session.get(Job, world["job_a"])
        job.interview_date = SOON
        job.contact = "Alex Morgan, 0113 496 0000"
        db.session.commit()
        open_times(job.id, times=3)
        dan = next(c for c in job.candidates if c.name == "Dan")
        times = [(t.number, t.start) for t in booking_queries.times_for(job)]
        return {
            "ruth": world["cand_a"],
            "dan": dan.id,
            "ruth_link": first_link(app, world["cand_a"]),
            "dan_link": first_link(app, dan.id),
            "times": times,
        }


def _actions(app) -> list[str]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.action.like("interview time%"))
                .order_by(AuditEvent.id)
            )
        )


def _error(html: str) -> str:
    page = check_page(html)
    assert "error-summary" in html and 'href="#your-time"' in html
    found = re.search(r'id="time-error"><span class="visually-hidden">Error:</span> ([^<]+)<', html)
    assert found, "the message is beside the times"
    return page.title


def test_a_candidate_chooses_changes_and_cancels_their_time(app, client, day):
    link = day["ruth_link"]
    with no_writes(app):
        page = client.get(f"/invite/{link}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    check_page(html)
    assert "Choose a time" in html and html.count('name="time"') == 3
    assert "You do not have a time yet." in html
    assert "We will tell you the times soon." in html  # no time in the plan yet

    response = client.post(f"/invite/{link}/time", data={"time": "2"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("?time=booked#your-time")
    with app.app_context():
        assert booked() == {day["ruth"]: (2, "candidate")}
    start = day["times"][1][1]
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    check_page(html)
    assert "This is your time now." in html
    assert f"Your time is {slots.day_words(start.date())}, {start:%H:%M} to" in html
    assert f"Your interview starts at {start:%H:%M}." in html  # the plan follows
    assert "You can change or cancel this time until" in html
    assert html.count('name="time"') == 2  # the other two, to change to
    ics = client.get(f"/invite/{link}/interview.ics").get_data(as_text=True)
    assert f"DTSTART;TZID=Europe/London:{start:%Y%m%dT%H%M}" in ics or f"{start:%Y%m%dT%H%M}" in ics

    changed = client.post(f"/invite/{link}/time", data={"time": "3"})
    assert changed.status_code == 302 and "time=changed" in changed.headers["Location"]
    with app.app_context():
        assert booked() == {day["ruth"]: (3, "candidate")}

    cancelled = client.post(f"/invite/{link}/time/cancel")
    assert cancelled.status_code == 302 and "time=cancelled" in cancelled.headers["Location"]
    with app.app_context():
        assert booked() == {}
    html = client.get(f"/invite/{link}").get_data(as_text=True)
    assert html.count('name="time"') == 3  # the cancelled time is free again
    assert _actions(app) == [
        "interview time booked",
        "interview time changed",
        "interview time cancelled",
    ]


def test_a_second_press_changes_nothing_and_loses_nothing(app, client, day):
    link = day["ruth_link"]
    assert client.post(f"/invite/{link}/time", data={"time": "1"}).status_code == 302
    again = client.post(f"/invite/{link}/time", data={"time": "1"})
    assert again.status_code == 302 and "time=same" in again.headers["Location"]
    assert client.post(f"/invite/{link}/time/cancel").status_code == 302
    twice = client.post(f"/invite/{link}/time/cancel")
    assert twice.status_code == 302 and "time=none" in twice.headers["Location"]
    assert _actions(app) == ["interview time booked", "interview time cancelled"]


def test_the_last_time_taken_by_someone_else_is_a_409_in_plain_words(app, client, day):
    with app.app_context():
        db.session.get(BookingJob, db.session.get(Candidate, day["ruth"]).job_id).slots = 1
        db.session.commit()
    assert client.post(f"/invite/{day['dan_link']}/time", data={"time": "1"}).status_code == 302
    lost = client.post(f"/invite/{day['ruth_link']}/time", data={"time": "1"})
    assert lost.status_code == 409
    html = lost.get_data(as_text=True)
    assert _error(html).startswith("Error: ")
    assert "Sorry. Someone else chose that time just now." in html
    assert "There are no free times left." in html
    assert "please call Alex Morgan, 0113 496 0000" in html
    with app.app_context():
        assert booked() == {day["dan"]: (1, "candidate")}


def test_after_the_cut_off_the_page_says_who_to_call(app, client, day, world):
    coordinator = signed_in_client(app, world["coordinator"])
    with app.app_context():
        row = db.session.get(BookingJob, db.session.get(Candidate, day["ruth"]).job_id)
        row.cutoff_hours = 336  # two weeks: the day is 10 days away
        db.session.commit()
    placed = coordinator.post(
        f"/jobs/{_job(app, day)}/plan/times/place",
        data={"place-candidate": str(day["ruth"]), "place-time": "1"},
    )
    assert placed.status_code == 302  # the coordinator can move anyone, cut-off or not
    html = client.get(f"/invite/{day['ruth_link']}").get_data(as_text=True)
    assert "It is too late to change your time here." in html
    assert "To change your time now, please call Alex Morgan, 0113 496 0000." in html
    assert 'name="time"' not in html and "Cancel my time" not in html
    refused = client.post(f"/invite/{day['ruth_link']}/time/cancel")
    assert refused.status_code == 409
    _error(refused.get_data(as_text=True))
    late = client.post(f"/invite/{day['ruth_link']}/time", data={"time": "2"})
    assert late.status_code == 409
    with app.app_context():
        assert booked() == {day["ruth"]: (1, "coordinator")}


def _job(app, day) -> int:
    with app.app_context():
        return db.session.get(Candidate, day["ruth"]).job_id


def test_a_stopped_or_replaced_link_cannot_book(app, client, day, world):
    coordinator = signed_in_client(app, world["coordinator"])
    base = f"/jobs/{world['job_a']}/invitations/{day['ruth']}"
    assert coordinator.post(f"{base}/revoke").status_code == 302
    for url in (f"/invite/{day['ruth_link']}/time", f"/invite/{day['ruth_link']}/time/cancel"):
        response = client.post(url, data={"time": "1"})
        assert response.status_code == 410
        assert "This link no longer works" in response.get_data(as_text=True)
    assert coordinator.post(f"{base}/reissue").status_code == 302
    assert client.post(f"/invite/{day['ruth_link']}/time", data={"time": "1"}).status_code == 410
    with app.app_context():
        assert booked() == {}
        from panels.invitations import queries

        renewed = queries.token_for(
            app.config["SECRET_KEY"],
            queries.invitation_of(db.session.get(Candidate, day["ruth"])),
        )
    assert client.post(f"/invite/{renewed}/time", data={"time": "1"}).status_code == 302
    with app.app_context():
        assert booked() == {day["ruth"]: (1, "candidate")}


@pytest.mark.parametrize("value", ["5", "0", "abc", "", "1" * 10])
def test_a_time_that_is_not_one_of_this_jobs_is_a_400(app, client, day, world, value):
    with app.app_context():
        open_times(world["job_b"], times=5)  # job B has a time 5; job A has not
    response = client.post(f"/invite/{day['ruth_link']}/time", data={"time": value})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    _error(html)
    assert slots.NOT_A_TIME in html or slots.CHOOSE_ONE in html
    with app.app_context():
        assert booked() == {}


def test_choosing_is_refused_when_the_coordinator_chooses_the_times(app, client, day):
    with app.app_context():
        db.session.get(BookingJob, _job(app, day)).self_booking = False
        db.session.commit()
    html = client.get(f"/invite/{day['ruth_link']}").get_data(as_text=True)
    assert 'id="your-time"' not in html
    response = client.post(f"/invite/{day['ruth_link']}/time", data={"time": "1"})
    assert response.status_code == 403
    assert slots.NOT_OPEN in response.get_data(as_text=True)
    assert client.post(f"/invite/{day['ruth_link']}/time/cancel").status_code == 403


def test_the_printout_follows_the_booking(app, client, day, monkeypatch, tmp_path):
    monkeypatch.setitem(app.config, "MEDIA_DIR", str(tmp_path / "media"))
    link = day["ruth_link"]
    assert client.post(f"/invite/{link}/time", data={"time": "1"}).status_code == 302
    first = client.get(f"/invite/{link}/invitation.pdf")
    assert first.status_code == 200
    assert client.post(f"/invite/{link}/time", data={"time": "3"}).status_code == 302
    second = client.get(f"/invite/{link}/invitation.pdf")
    assert second.status_code == 200 and second.data != first.data
    assert len(list((tmp_path / "media" / "pdf").glob("*.pdf"))) == 2
    assert pdf is not None


# --- the coordinator ---------------------------------------------------------------------


def test_the_coordinator_sets_up_times_and_sees_who_booked_what(app, client, world):
    coordinator = signed_in_client(app, world["coordinator"])
    with app.app_context():
        job = db.session.get(Job, world["job_a"])
        job.interview_date = SOON
        db.session.commit()
        from tests.integration.plan_helpers import add_questions

        add_questions(job.id)
        dan = next(c.id for c in job.candidates if c.name == "Dan")
    url = f"/jobs/{world['job_a']}/plan/times"
    with no_writes(app):
        form = coordinator.get(url)
        assert form.status_code == 200
        check_page(form.get_data(as_text=True))
        assert coordinator.get(f"/jobs/{world['job_a']}/plan").status_code == 200
    saved = coordinator.post(url, data={"times": "3", "self_booking": "y", "cutoff_hours": "48"})
    assert saved.status_code == 302 and saved.headers["Location"].endswith("/plan#times")
    with app.app_context():
        row = db.session.get(BookingJob, world["job_a"])
        assert (row.slots, row.self_booking, row.cutoff_hours) == (3, True, 48)
        link = first_link(app, world["cand_a"])
    assert client.post(f"/invite/{link}/time", data={"time": "2"}).status_code == 302
    place = f"{url}/place"
    assert (
        coordinator.post(place, data={"place-candidate": str(dan), "place-time": "1"}).status_code
        == 302
    )
    with no_writes(app):
        plan = coordinator.get(f"/jobs/{world['job_a']}/plan").get_data(as_text=True)
    check_page(plan)
    assert "Chosen by the candidate" in plan and "Placed by a coordinator" in plan
    assert "Free" in plan and "Interview: Ruth" in plan and "Free time" in plan
    # Time 2 is Ruth's: the coordinator cannot put Dan there without moving her first.
    taken = coordinator.post(place, data={"place-candidate": str(dan), "place-time": "2"})
    assert taken.status_code == 409
    assert "Time 2 is not free." in taken.get_data(as_text=True)
    check_page(taken.get_data(as_text=True))
    # Fewer times than a booked one: refused, nothing saved.
    fewer = coordinator.post(url, data={"times": "1", "cutoff_hours": "48"})
    assert fewer.status_code == 400
    assert "Time 2 is booked." in fewer.get_data(as_text=True)
    # Take Dan out of his time: it is free again.
    out = coordinator.post(place, data={"place-candidate": str(dan), "place-time": "0"})
    assert out.status_code == 302
    with app.app_context():
        assert booked() == {world["cand_a"]: (2, "candidate")}
        assert db.session.get(BookingJob, world["job_a"]).slots == 3
    assert _actions(app) == [
        "interview times changed",
        "interview time booked",
        "interview time booked",
        "interview time cancelled",
    ]
    with app.app_context():
        events = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "interview time booked")
        ).all()
        assert [e.detail["by"] for e in events] == ["candidate", "coordinator"]
        assert events[0].actor_id is None and events[1].actor_id == world["coordinator"]
        assert db.session.scalar(select(SlotBooking.booked_by)) == "candidate"


def test_the_invitations_page_says_who_chose_their_time(app, client, day, world):
    coordinator = signed_in_client(app, world["coordinator"])
    assert client.post(f"/invite/{day['ruth_link']}/time", data={"time": "1"}).status_code == 302
    with no_writes(app):
        html = coordinator.get(f"/jobs/{world['job_a']}/invitations").get_data(as_text=True)
    check_page(html)
    assert "Candidates choose their own time on their invitation page." in html
    assert "until 24 hours before it starts" in html
    assert "Chosen by the candidate." in html
    assert "No time yet. Dan can choose one on their invitation page." in html
    assert f"/jobs/{world['job_a']}/plan/times" in html
