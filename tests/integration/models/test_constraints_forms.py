"""What a CHECK constraint refuses, the pages refuse first: a 4xx in plain words, never a
500 from the database. One test for each constraint a person can reach; the rest are set
by the code alone (listed in CODE_ONLY).
"""

from __future__ import annotations

import io
import json
from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import CheckConstraint, func, select

from panels.db import db
from panels.lib import limits
from panels.models import (
    Job,
    LiveInterview,
    MailSettings,
    PlanShift,
    PrepMeeting,
    PrepReply,
    Question,
    Score,
    TrainingRecord,
    User,
)
from panels.questions import service as questions
from tests.conftest import signed_in_client
from tests.integration.plan_helpers import add_questions
from tests.integration.scoring_helpers import score_url, scoring_job

EXAMPLE_JOB = Path(__file__).resolve().parents[2] / "data" / "example_job.json"

# Written only by the code, from its own words: no page takes them from a person.
CODE_ONLY = {
    # Shortlisting (tests/integration/shortlist): the forms offer fixed words only, numbers
    # and positions are counted by the code, scores are checked on the member's scale.
    *[
        f"ck_{name}"
        for name in (
            "quality_kind",
            "quality_position",
            "quality_status",
            "quality_mark_mark",
            "application_number",
            "application_status",
            "application_source",
            "application_answer_position",
            "review_sheet_status",
            "review_sheet_scale",
            "review_score_value",
            "review_score_dont_know_xor_value",
        )
    ],
    "ck_sign_in_throttle_scope",
    "ck_adjustment_request_status",
    "ck_question_change_field",
    "ck_score_sheet_status",
    "ck_score_sheet_scale",  # copied from the member's scale, which ck_user_scale holds
    "ck_org_membership_role",  # the role form offers OrgRole only (tests/integration/orgs)
    "ck_score_send_result",
    # The pay forms offer only these words and refuse negative amounts, times that end
    # before they start and no miles (tests/integration/pay); the worker sets a task's status.
    *[
        f"ck_{table}_{name}"
        for table in ("org_pay_rates", "job_pay_rates")
        for name in (
            "preparation_per",
            "interview_day_per",
            "training_per",
            "travel_per",
            "rates_not_negative",
        )
    ],  # fmt: skip
    "ck_pay_claim_choice",
    "ck_pay_claim_time_check",
    "ck_pay_claim_lower_not_negative",
    "ck_time_entry_kind",
    "ck_time_entry_source",
    "ck_time_entry_end_after_start",
    "ck_expense_kind",
    "ck_expense_decision",
    "ck_expense_amount_not_negative",
    "ck_expense_miles_positive",
    "ck_task_status",
    "ck_task_attempts",
    "ck_anonymised_candidate_why",
    "ck_day_feedback_member_or_candidate",  # the code sets who answered, never a form
    "ck_slot_booking_booked_by",  # the code says who booked; no page takes it
    # The worker and the mail service write messages (panels/mail): status, kind, via,
    # tries, and an address checked before it is queued.
    "ck_message_status",
    "ck_message_kind",
    "ck_message_via",
    "ck_message_attempts",
    "ck_message_recipient",
    "ck_question_kind",  # the question form offers QuestionKind only
    "ck_job_one_parity",  # the results form offers one rule of three
    "ck_panel_position",  # set by the code when a panel is added
}
# constraint -> the test below that sends a bad value for it
FROM_PEOPLE = {
    "ck_user_pace": "test_pace_out_of_range",
    "ck_user_scale": "test_scale_not_offered",
    "ck_candidate_position": "test_candidate_moved_nowhere",
    "ck_question_position": "test_question_moved_nowhere",
    "ck_question_answer_minutes": "test_answer_minutes_out_of_range",
    "ck_question_status": "test_meeting_decision_not_a_status",
    "ck_question_mark_mark": "test_mark_not_offered",
    "ck_question_activity_look_for": "test_activity_with_nothing_to_look_for",
    "ck_plan_shift_minutes": "test_minutes_late_out_of_range",
    "ck_mail_settings_score_reminders": "test_score_reminders_out_of_range",
    "ck_live_interview_status": "test_live_button_not_offered",
    "ck_score_value": "test_score_off_the_scale",
    "ck_score_dont_know_xor_value": "test_score_neither_a_value_nor_dont_know",
    **{f"ck_day_settings_{name}": "test_day_settings_out_of_range" for name in limits.DAY_MINUTES},
    "ck_organisation_settings_keep_months": "test_retention_months_out_of_range",
    "ck_organisation_settings_keep_appointed_months": "test_retention_months_out_of_range",
    "ck_job_retention_held_has_reason": "test_hold_without_a_reason",
    "ck_decision_proposal": "test_decision_not_offered",
    "ck_decision_reason_given": "test_decision_not_offered",
    "ck_decision_answer_answer": "test_decision_answer_not_offered",
    "ck_decision_answer_phrase": "test_decision_answer_not_offered",
    **{f"ck_day_feedback_{k}": "test_face_off_the_scale" for k in ("listened", "time", "again")},
    "ck_booking_job_slots": "test_interview_times_out_of_range",
    "ck_booking_job_cutoff_hours": "test_interview_times_out_of_range",
    "ck_slot_booking_slot": "test_time_number_out_of_range",
    "ck_prep_meeting_break_every": "test_meeting_breaks_out_of_range",
    "ck_prep_reply_answer": "test_meeting_answer_not_offered",
    "ck_training_record_kind": "test_training_kind_not_offered",
}


def test_every_constraint_is_reached_here_or_set_by_the_code_only():
    named = {
        c.name
        for table in db.metadata.tables.values()
        for c in table.constraints
        if isinstance(c, CheckConstraint)
    }
    assert named == CODE_ONLY | set(FROM_PEOPLE)
    assert not CODE_ONLY & set(FROM_PEOPLE)
    assert all(test in globals() for test in FROM_PEOPLE.values())


def _refused(response, *words: str) -> str:
    assert 400 <= response.status_code < 500, response.status_code
    html = response.get_data(as_text=True)
    for word in words:
        assert word in html
    return html


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


# --- people's own preferences and the job file ---------------------------------------------


@pytest.mark.parametrize("pace", ["0.4", "4.5", "50"])
def test_pace_out_of_range(app, world, pace):
    response = signed_in_client(app, world["jo"]).post(
        "/my-preferences", data={"pace": pace, "scale": "faces3"}
    )
    _refused(response, "The pace must be between 0.5 and 4")
    with app.app_context():
        assert db.session.get(User, world["jo"]).pace == 1.0


def test_scale_not_offered(app, world):
    response = signed_in_client(app, world["jo"]).post(
        "/my-preferences", data={"pace": "1.0", "scale": "points7"}
    )
    _refused(response, "Not a valid choice")
    with app.app_context():
        assert db.session.get(User, world["jo"]).scale == "faces3"


def _job_file(change) -> bytes:
    data = json.loads(EXAMPLE_JOB.read_text())
    change(data)
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["members"][0].update(pace=9), "members[0].pace"),
        (lambda d: d["members"][0].update(scale="points7"), "members[0].scale"),
        (lambda d: d["questions"][1].update(answer_minutes=99), "questions[1].answer_minutes"),
        (lambda d: d["scores"][0].update(value=9), "scores[0]"),
    ],
)
def test_job_file_out_of_range_is_refused(app, world, change, words):
    coordinator = signed_in_client(app, world["coordinator"])
    response = coordinator.post(
        "/jobs/import",
        data={"file": (io.BytesIO(_job_file(change)), "job.json")},
        content_type="multipart/form-data",
    )
    _refused(response, words)
    assert _count(app, Job) == 2


# --- questions ---------------------------------------------------------------------------------


def _question(app, job_id) -> int:
    with app.app_context():
        job = db.session.get(Job, job_id)
        question = questions.add_question(job, None, easy_read="Why do you want this job?")
        db.session.commit()
        return question.id


@pytest.mark.parametrize("minutes", ["0.5", "16", "-3"])
def test_answer_minutes_out_of_range(app, world, minutes):
    qid = _question(app, world["job_a"])
    form = {"easy_read": "Why this job?", "answer_minutes": minutes, "asker": "0"}
    response = signed_in_client(app, world["sam"]).post(
        f"/jobs/{world['job_a']}/questions/{qid}/edit", data={**form, "action": "save"}
    )
    _refused(response, "Minutes to answer must be from 1 to 15")
    with app.app_context():
        assert db.session.get(Question, qid).answer_minutes == 3.0


def test_meeting_decision_not_a_status(app, world):
    qid = _question(app, world["job_a"])
    response = signed_in_client(app, world["sam"]).post(
        f"/jobs/{world['job_a']}/questions/{qid}/decide", data={"decision": "Agreed"}
    )
    _refused(response)
    with app.app_context():
        assert db.session.get(Question, qid).status == "draft"


def test_mark_not_offered(app, world):
    qid = _question(app, world["job_a"])
    response = signed_in_client(app, world["sam"]).post(
        f"/jobs/{world['job_a']}/questions/{qid}/mark", data={"mark": "maybe"}
    )
    _refused(response, "Not a valid choice")


def test_activity_with_nothing_to_look_for(app, world):
    response = signed_in_client(app, world["sam"]).post(
        f"/jobs/{world['job_a']}/questions/new",
        data={"kind": "activity", "easy_read": "Show us round.", "look_for": " ",
              "answer_minutes": "5", "asker": "0", "action": "save"},
    )  # fmt: skip
    _refused(response, "Write at least one thing to look for")
    assert _count(app, Question) == 0


def test_question_moved_nowhere(app, world):
    qid = _question(app, world["job_a"])
    response = signed_in_client(app, world["sam"]).post(
        f"/jobs/{world['job_a']}/questions/{qid}/move", data={"direction": "-1"}
    )
    _refused(response)
    with app.app_context():
        assert db.session.get(Question, qid).position >= 0


# --- the day plan and the live screen ----------------------------------------------------------

SETTINGS = {
    "start": "09:00",
    "end_by": "",
    "max_work_minutes": "90",
    "break_minutes": "15",
    "changeover_minutes": "10",
    "welcome_minutes": "5",
    "close_minutes": "5",
    "arrive_before_minutes": "15",
}


@pytest.mark.parametrize(
    ("name", "minutes"),
    [(name, low - 1) for name, (low, _) in limits.DAY_MINUTES.items()]
    + [(name, high + 1) for name, (_, high) in limits.DAY_MINUTES.items()],
)
def test_day_settings_out_of_range(app, world, name, minutes):
    low, high = limits.DAY_MINUTES[name]
    response = signed_in_client(app, world["coordinator"]).post(
        f"/jobs/{world['job_a']}/plan/settings", data={**SETTINGS, name: str(minutes)}
    )
    _refused(response, f"must be from {low} to {high} minutes")


def test_candidate_moved_nowhere(app, world):
    response = signed_in_client(app, world["coordinator"]).post(
        f"/jobs/{world['job_a']}/plan/order",
        data={"candidate_id": str(world["cand_a"]), "direction": "-1"},
    )
    _refused(response)


@pytest.mark.parametrize("minutes", ["0", "241", "-10"])
def test_minutes_late_out_of_range(app, world, minutes):
    with app.app_context():
        add_questions(world["job_a"])
    response = signed_in_client(app, world["coordinator"]).post(
        f"/jobs/{world['job_a']}/plan/late",
        data={"candidate": str(world["cand_a"]), "minutes": minutes},
    )
    _refused(response, "Minutes late must be from 1 to 240")
    assert _count(app, PlanShift) == 0


@pytest.mark.parametrize("days", ["-1", "8", "99999999999"])
def test_score_reminders_out_of_range(app, world, days):
    response = signed_in_client(app, world["coordinator"]).post(
        f"/jobs/{world['job_a']}/messages/settings", data={"score_reminders": days}
    )
    _refused(response, "Enter a number from 0 to 7")
    assert _count(app, MailSettings) == 0


def test_live_button_not_offered(app, world):
    with app.app_context():
        add_questions(world["job_a"])
    response = signed_in_client(app, world["sam"]).post(
        f"/jobs/{world['job_a']}/live/{world['cand_a']}", data={"action": "waiting", "version": "0"}
    )
    _refused(response)
    assert _count(app, LiveInterview) == 0


# --- scores ------------------------------------------------------------------------------------


@pytest.fixture
def ids(app):
    with app.app_context():
        return scoring_job()


def test_score_off_the_scale(app, ids):
    """Sam scores with 3 faces: 4 is on another scale, 9 on none."""
    sam = signed_in_client(app, ids["sam"])
    sent = sam.post(score_url(ids, 0, "/send"), json={"client_id": "a", "answers": {"q1": 9}})
    assert sent.status_code == 400 and "is not on the 3 faces scale" in sent.json["errors"]["q-q1"]
    typed = sam.post(score_url(ids, 0), data={"q-q1": "4", "action": "save"})
    _refused(typed, "is not on the 3 faces scale")
    assert _count(app, Score) == 0


@pytest.mark.parametrize("value", [True, "dk and 2", [2]])
def test_score_neither_a_value_nor_dont_know(app, ids, value):
    sam = signed_in_client(app, ids["sam"])
    sent = sam.post(score_url(ids, 0, "/send"), json={"client_id": "a", "answers": {"q1": value}})
    assert 400 <= sent.status_code < 500 and sent.json["ok"] is False
    assert _count(app, Score) == 0


# --- keeping records ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("keep_months", "0", "at least 1 month"),
        ("keep_months", "1200", "at most 120 months"),
        ("keep_appointed_months", "121", "at most 120 months"),
        ("keep_appointed_months", "-1", "whole number"),
    ],
)
def test_retention_months_out_of_range(app, world, field, value, words):
    from panels.models import OrganisationSettings

    data = {"keep_months": "6", "keep_appointed_months": "12", field: value}
    response = signed_in_client(app, world["coordinator"]).post(
        "/organisation/retention", data=data
    )
    _refused(response, words)
    assert _count(app, OrganisationSettings) == 0


def test_hold_without_a_reason(app, world):
    from panels.models import JobRetention

    client = signed_in_client(app, world["coordinator"])
    response = client.post(f"/jobs/{world['job_a']}/retention/hold", data={"reason": " "})
    _refused(response, "Enter why the records are held")
    assert _count(app, JobRetention) == 0


def _meeting(app):
    from tests.integration.decision_helpers import decision_job, url

    ids = decision_job(app, ref="JOB-CK")
    hr = signed_in_client(app, ids["hr"])
    assert hr.post(url(ids, "/open")).status_code == 302
    return ids, hr, url(ids, f"/{ids['cands'][1]}")


def _rows(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_decision_not_offered(app):
    from panels.models import Decision

    _ids, hr, dan = _meeting(app)
    for data, field in (({"proposal": "hire"}, "proposal"), ({"proposal": "offer"}, "reason")):
        refused = hr.post(dan, data=data)
        assert refused.status_code == 400 and f'id="{field}-error"' in refused.get_data(True)
    assert _rows(app, Decision) == 0


def test_decision_answer_not_offered(app):
    from panels.models import DecisionAnswer

    ids, hr, dan = _meeting(app)
    assert hr.post(dan, data={"proposal": "reserve"}).status_code == 302
    sam = signed_in_client(app, ids["sam"])
    for data in ({"answer": "maybe"}, {"answer": "agree", "phrase": "rude"}):
        assert sam.post(dan + "/answer", data=data).status_code == 400
    assert _rows(app, DecisionAnswer) == 0


def test_face_off_the_scale(app):
    from panels.models import DayFeedback

    ids, _hr, _dan = _meeting(app)
    sam = signed_in_client(app, ids["sam"])
    address = f"/jobs/{ids['job']}/decision/how-it-went"
    for key in ("listened", "time", "again"):
        for bad in ("0", "4", "-1", "2.5", ""):
            data = {"listened": "2", "time": "2", "again": "2", key: bad}
            refused = sam.post(address, data=data)
            assert refused.status_code == 400 and f'id="{key}-error"' in refused.get_data(True)
    assert _rows(app, DayFeedback) == 0


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("times", "0", "The number of times must be from 1 to 50"),
        ("times", "51", "The number of times must be from 1 to 50"),
        ("cutoff_hours", "-1", "The cut-off must be from 0 to 336 hours"),
        ("cutoff_hours", "337", "The cut-off must be from 0 to 336 hours"),
    ],
)
def test_interview_times_out_of_range(app, world, field, value, words):
    from panels.models import BookingJob

    data = {"times": "4", "cutoff_hours": "24", "self_booking": "y", field: value}
    response = signed_in_client(app, world["coordinator"]).post(
        f"/jobs/{world['job_a']}/plan/times", data=data
    )
    _refused(response, words)
    assert _count(app, BookingJob) == 0


@pytest.mark.parametrize("number", ["51", "-1", "999", "4"])
def test_time_number_out_of_range(app, world, number):
    from panels.models import SlotBooking
    from tests.integration.booking_helpers import open_times

    with app.app_context():
        open_times(world["job_a"], times=3)
    coordinator = signed_in_client(app, world["coordinator"])
    response = coordinator.post(
        f"/jobs/{world['job_a']}/plan/times/place",
        data={"place-candidate": str(world["cand_a"]), "place-time": number},
    )
    _refused(response, "Choose a time from the list")
    assert _count(app, SlotBooking) == 0


@pytest.mark.parametrize("minutes", ["14", "121", "-5", "abc"])
def test_meeting_breaks_out_of_range(app, world, minutes):
    response = signed_in_client(app, world["coordinator"]).post(
        f"/jobs/{world['job_a']}/meetings",
        data={"day": "2026-12-20", "start": "10:00", "what": "Practise", "break_every": minutes},
    )
    _refused(response, "minutes")
    assert _count(app, PrepMeeting) == 0


def test_meeting_answer_not_offered(app, world):
    with app.app_context():
        meeting = PrepMeeting(job_id=world["job_a"], day=date(2026, 12, 20), start_time=time(10))
        db.session.add(meeting)
        db.session.commit()
        meeting_id = meeting.id
    response = signed_in_client(app, world["sam"]).post(
        f"/jobs/{world['job_a']}/preparing/{meeting_id}", data={"answer": "maybe"}
    )
    _refused(response, "Choose yes, no or not sure")
    assert _count(app, PrepReply) == 0


def test_training_kind_not_offered(app, world):
    response = signed_in_client(app, world["sam"]).post(
        f"/jobs/{world['job_a']}/preparing/training",
        data={"kind": "diagnosis", "what": "Interview skills", "day": "2026-11-20"},
    )
    _refused(response, "Not a valid choice")
    assert _count(app, TrainingRecord) == 0
