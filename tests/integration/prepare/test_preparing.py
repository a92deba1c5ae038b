"""Working with me, preparation meetings (answers, calendar, time to pay), training and
the one-page profiles: who sees what, and bad input refused with nothing lost."""

from __future__ import annotations

import io
from datetime import time, timedelta

import pytest
from sqlalchemy import func, select

from panels.db import db
from panels.models import (
    PrepMeeting,
    PrepReply,
    SupportedProfile,
    TimeEntry,
    TrainingRecord,
    WorkingWithMe,
)
from panels.models.base import utcnow
from tests.conftest import signed_in_client
from tests.integration.invitations_helpers import token
from tests.pagecheck import check_error_page, check_page

HUGE = "x" * 100_000


@pytest.fixture
def world(shared_world):
    """Every test here starts from ``world``: its rows are built once for the module and
    each test's writes are rolled back after it (``shared_world`` in tests/conftest.py)."""
    return dict(shared_world)


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_working_with_me_in_the_members_words_seen_by_coordinator_panel_and_day_plan(app, world):
    sam = signed_in_client(app, world["sam"])
    url = f"/jobs/{world['job_a']}/working-with-me"
    assert "Listen" in sam.get(url).get_data(as_text=True)
    saved = sam.post(
        url,
        data={
            "helps": "Give me time to answer.\nI like to sit near the door.",
            "support_worker": "Jo Brown",
        },
    )
    assert saved.status_code == 303
    jo = signed_in_client(app, world["jo"])
    job_page = jo.get(f"/jobs/{world['job_a']}").get_data(as_text=True)
    assert "What helps: Give me time to answer. I like to sit near the door." in job_page
    assert "Coming with me: Jo Brown" in job_page
    coord = signed_in_client(app, world["coordinator"])
    page = coord.get(f"/jobs/{world['job_a']}/panel/{world['member_sam']}/working-with-me")
    assert "Give me time to answer." in page.get_data(as_text=True)
    plan = coord.get(f"/jobs/{world['job_a']}/plan").get_data(as_text=True)
    assert "Who is in the room" in plan and "Jo Brown: Comes with Sam Patel" in plan
    live = coord.get(f"/jobs/{world['job_a']}/live").get_data(as_text=True)
    assert "Jo Brown: Comes with Sam Patel" in live  # the room's list on the live screen
    # The coordinator changes it with Sam: the same row, in Sam's words.
    coord.post(
        f"/jobs/{world['job_a']}/panel/{world['member_sam']}/working-with-me",
        data={"helps": "Give me time to answer.", "support_worker": ""},
    )
    with app.app_context():
        row = db.session.scalar(select(WorkingWithMe))
        assert _count(WorkingWithMe) == 1 and row.support_worker == ""
        assert row.updated_by_id == world["coordinator"]


def test_working_with_me_refuses_huge_text_and_markup_keeping_what_was_saved(app, world):
    sam = signed_in_client(app, world["sam"])
    url = f"/jobs/{world['job_a']}/working-with-me"
    sam.post(url, data={"helps": "Give me time to answer."})
    for bad in (HUGE, "<script>alert(1)</script>"):
        response = sam.post(url, data={"helps": bad})
        assert response.status_code == 400
        check_error_page(response.get_data(as_text=True), "helps", "What helps you")
    with app.app_context():
        assert db.session.scalar(select(WorkingWithMe.helps)) == "Give me time to answer."


def _meeting(app, world, day=None, what="Practise the questions, 30 minutes") -> int:
    coord = signed_in_client(app, world["coordinator"])
    day = day or (utcnow().date() + timedelta(days=7))
    response = coord.post(
        f"/jobs/{world['job_a']}/meetings",
        data={
            "day": day.isoformat(),
            "start": "10:30",
            "place": "The Hub",
            "what": what,
            "break_every": "45",
        },
    )
    assert response.status_code == 303, response.get_data(as_text=True)
    with app.app_context():
        return db.session.scalar(select(PrepMeeting.id).order_by(PrepMeeting.id.desc()))


def test_a_meeting_is_paced_and_members_see_it_with_listen_and_a_calendar_file(app, world):
    meeting = _meeting(app, world, what="Meet each other, 15 minutes\nLook at the questions")
    sam = signed_in_client(app, world["sam"])  # pace 2: everything takes twice as long
    html = sam.get(f"/jobs/{world['job_a']}/preparing").get_data(as_text=True)
    assert "Look at the questions" in html and "Listen" in html
    assert "10:35 to 11:05" in html  # 15 minutes at pace 2 after a 5-minute welcome
    assert "Break" in html  # 30 + 30 is past 45 minutes: a break between them
    ics = sam.get(f"/jobs/{world['job_a']}/meetings/{meeting}/meeting.ics")
    assert ics.status_code == 200 and ics.mimetype == "text/calendar"
    body = ics.get_data(as_text=True)
    assert "SUMMARY:Preparation meeting: Support worker" in body and "The Hub" in body


def test_a_member_answers_for_themselves_only(app, world):
    meeting = _meeting(app, world)
    sam = signed_in_client(app, world["sam"])
    url = f"/jobs/{world['job_a']}/preparing/{meeting}"
    assert (
        sam.post(url, data={"answer": "yes", "member": str(world["member_sam"])}).status_code == 303
    )
    with app.app_context():
        jo_member = next(
            m.id
            for m in db.session.get(PrepMeeting, meeting).job.members
            if m.user_id == world["jo"]
        )
    refused = sam.post(url, data={"answer": "no", "member": str(jo_member)})
    assert refused.status_code == 403
    assert "only answer for yourself" in refused.get_data(as_text=True)
    wrong = sam.post(url, data={"answer": "maybe"})
    assert wrong.status_code == 400
    assert "Choose yes, no or not sure" in wrong.get_data(as_text=True)
    with app.app_context():
        replies = db.session.scalars(select(PrepReply)).all()
        assert [(r.member_id, r.answer) for r in replies] == [(world["member_sam"], "yes")]


def test_another_jobs_meeting_is_not_found(app, world):
    meeting = _meeting(app, world)
    olu = signed_in_client(app, world["outsider"])
    url = f"/jobs/{world['job_b']}/preparing/{meeting}"
    assert olu.post(url, data={"answer": "yes"}).status_code == 404
    assert olu.get(f"/jobs/{world['job_b']}/meetings/{meeting}/meeting.ics").status_code == 404
    coord = signed_in_client(app, world["coordinator"])
    assert coord.get(f"/jobs/{world['job_b']}/meetings/{meeting}").status_code == 404
    with app.app_context():
        assert _count(PrepReply) == 0


def test_meeting_dates_in_the_past_or_impossible_are_refused(app, world):
    coord = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/meetings"
    base = {"start": "10:30", "what": "Practise", "break_every": "45"}
    cases = [
        ({"day": (utcnow().date() - timedelta(days=1)).isoformat()}, "day", "in the past"),
        ({"day": "2026-02-30"}, "day", "Enter a real date"),
        ({"day": "2099-01-01"}, "day", "more than 2 years away"),
        ({"day": "2026-12-20", "start": "25:99"}, "start", "Enter a real time"),
        ({"day": "2026-12-20", "break_every": "5"}, "break_every", "Breaks must come every"),
        ({"day": "2026-12-20", "what": HUGE}, "what", "What we will do must be"),
        ({"day": "2026-12-20", "what": "Talk, 999 minutes"}, "what", "between 1 and"),
    ]
    for change, field, message in cases:
        response = coord.post(url, data={**base, **change})
        assert response.status_code == 400, change
        check_error_page(response.get_data(as_text=True), field, message)
    with app.app_context():
        assert _count(PrepMeeting) == 0


def test_attended_meeting_time_goes_into_pay_once(app, world):
    past = utcnow().date() - timedelta(days=3)
    with app.app_context():
        meeting = PrepMeeting(
            job_id=world["job_a"], day=past, start_time=time(10, 0),
            what="Practise the questions, 30 minutes", break_every=45,
        )  # fmt: skip
        db.session.add(meeting)
        db.session.commit()
        meeting_id = meeting.id
    coord = signed_in_client(app, world["coordinator"])
    base = f"/jobs/{world['job_a']}/meetings/{meeting_id}"
    assert coord.post(f"{base}/came", data={"came": [str(world["member_sam"])]}).status_code == 303
    for _ in range(2):  # the second time adds nothing
        assert coord.post(f"{base}/pay").status_code == 303
    with app.app_context():
        entries = db.session.scalars(select(TimeEntry)).all()
        assert len(entries) == 1
        entry = entries[0]
        assert entry.kind == "preparation" and entry.day == past
        # 5-minute welcome, then 30 minutes at Sam's... at the panel's slowest pace (2).
        assert (entry.start_time.isoformat(), entry.end_time.isoformat()) == (
            "10:00:00",
            "11:05:00",
        )
        assert db.session.scalar(select(PrepReply.paid)) is True
    # Someone not on the panel cannot be ticked.
    bad = coord.post(f"{base}/came", data={"came": ["999999"]})
    assert bad.status_code == 400
    # The meeting's time is in pay, so it stays.
    assert coord.post(f"{base}/remove").status_code == 409


def test_a_future_meetings_time_cannot_go_to_pay_yet(app, world):
    meeting = _meeting(app, world)
    coord = signed_in_client(app, world["coordinator"])
    response = coord.post(f"/jobs/{world['job_a']}/meetings/{meeting}/pay")
    assert response.status_code == 409
    assert "has not happened yet" in response.get_data(as_text=True)


def test_training_in_the_members_words_and_the_coordinator_sees_it(app, world):
    sam = signed_in_client(app, world["sam"])
    url = f"/jobs/{world['job_a']}/preparing/training"
    yesterday = (utcnow().date() - timedelta(days=1)).isoformat()
    ok = sam.post(
        url, data={"kind": "shadowing", "what": "I watched an interview.", "day": yesterday}
    )
    assert ok.status_code == 303
    for bad, message in (
        ({"day": (utcnow().date() + timedelta(days=3)).isoformat()}, "in the future"),
        ({"day": "2026-13-01"}, "Enter a real date"),
        ({"what": "<script>x</script>"}, "cannot have &lt; or &gt;"),
        ({"what": HUGE}, "must be"),
    ):
        data = {"kind": "training", "what": "Interview skills", "day": yesterday, **bad}
        response = sam.post(url, data=data)
        assert response.status_code == 400, bad
        assert message in response.get_data(as_text=True)
    with app.app_context():
        rows = db.session.scalars(select(TrainingRecord)).all()
        assert [(r.kind, r.what) for r in rows] == [("shadowing", "I watched an interview.")]
    coord = signed_in_client(app, world["coordinator"])
    page = coord.get(f"/jobs/{world['job_a']}/panel/{world['member_sam']}/working-with-me")
    assert "I watched an interview." in page.get_data(as_text=True)


def test_a_profile_needs_consent_shows_to_candidates_and_panel_and_withdrawing_hides_it(app, world):
    coord = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/profiles"
    data = {"name": "Aisha", "words": "I like music.\nPlease talk to me.", "consent_by": "Aisha"}
    refused = coord.post(url, data={**data, "symbol": "1F3B5"})
    assert refused.status_code == 400
    check_error_page(refused.get_data(as_text=True), "consent", "Tick to say they agreed")
    assert coord.post(url, data={**data, "symbol": "1F3B5", "consent": "y"}).status_code == 303
    with app.app_context():
        profile = db.session.scalar(select(SupportedProfile))
        assert profile.consent_by == "Aisha" and profile.consent_at is not None
        profile_id = profile.id
        invite = token(app, world["cand_a"])
    sam = signed_in_client(app, world["sam"])
    assert "Please talk to me." in sam.get(url).get_data(as_text=True)
    candidate = app.test_client()
    assert "About Aisha" in candidate.get(f"/invite/{invite}").get_data(as_text=True)
    olu = signed_in_client(app, world["outsider"])
    assert olu.get(url).status_code == 404
    assert sam.post(url, data={**data, "consent": "y"}).status_code == 404  # members only read
    listed = coord.get(url).get_data(as_text=True)  # a link to a page that asks first
    assert f'href="{url}/{profile_id}/withdraw"' in listed
    assert f'action="{url}/{profile_id}/withdraw"' not in listed
    confirm = coord.get(f"{url}/{profile_id}/withdraw")
    assert confirm.status_code == 200
    assert check_page(confirm.get_data(as_text=True)).h1 == ["Hide the profile about Aisha?"]
    with app.app_context():  # asking hid nothing
        assert db.session.scalar(select(SupportedProfile.withdrawn_at)) is None
    assert coord.post(f"{url}/{profile_id}/withdraw").status_code == 303
    assert coord.get(f"{url}/{profile_id}/withdraw").status_code == 404  # nothing left to hide
    assert "Please talk to me." not in sam.get(url).get_data(as_text=True)
    assert "About Aisha" not in candidate.get(f"/invite/{invite}").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(SupportedProfile.withdrawn_at)) is not None


def test_a_profile_photo_is_shown_only_while_consent_stands(app, world):
    from tests.integration.access_matrix_helpers import photo_bytes

    coord = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/profiles"
    form = {
        "name": "Ben",
        "words": "I like dogs.",
        "consent_by": "Ben",
        "consent": "y",
        "photo": (io.BytesIO(photo_bytes()), "ben.jpg"),
    }
    assert coord.post(url, data=form, content_type="multipart/form-data").status_code == 303
    with app.app_context():
        profile_id = db.session.scalar(select(SupportedProfile.id))
        invite = token(app, world["cand_a"])
    photo = f"{url}/{profile_id}/photo"
    assert signed_in_client(app, world["sam"]).get(photo).status_code == 200
    public = f"/invite/{invite}/profiles/{profile_id}/photo"
    assert app.test_client().get(public).status_code == 200
    assert app.test_client().get(f"/invite/nonsense/profiles/{profile_id}/photo").status_code == 404
    coord.post(f"{url}/{profile_id}/withdraw")
    assert signed_in_client(app, world["sam"]).get(photo).status_code == 404
    assert app.test_client().get(public).status_code == 404
    with app.app_context():
        assert db.session.scalar(select(SupportedProfile.photo)) == ""  # and left the store


def test_removing_a_meeting_asks_first_on_a_page_of_its_own(app, world):
    """Issue 17: the meeting page links to a confirmation; the GET removes nothing."""
    meeting_id = _meeting(app, world)
    coord = signed_in_client(app, world["coordinator"])
    base = f"/jobs/{world['job_a']}/meetings/{meeting_id}"
    page = coord.get(base).get_data(as_text=True)
    assert f'href="{base}/remove"' in page and f'action="{base}/remove"' not in page
    confirm = coord.get(f"{base}/remove")
    assert confirm.status_code == 200
    html = confirm.get_data(as_text=True)
    assert check_page(html).h1[0].startswith("Remove the meeting on ")
    assert "Yes, remove the meeting" in html and f'action="{base}/remove"' in html
    with app.app_context():
        assert db.session.get(PrepMeeting, meeting_id) is not None  # asking removed nothing
    assert coord.post(f"{base}/remove").status_code == 303
    with app.app_context():
        assert db.session.get(PrepMeeting, meeting_id) is None
    assert coord.get(f"{base}/remove").status_code == 404
    sam = signed_in_client(app, world["sam"])
    assert sam.get(
        f"/jobs/{world['job_a']}/meetings/{_meeting(app, world)}/remove"
    ).status_code in (
        403,
        404,
    )
