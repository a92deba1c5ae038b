"""Day plan pages: timetable, CSV, CLI, settings, order, running late, access."""

from __future__ import annotations

from datetime import time

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm.attributes import set_committed_value

from panels.db import db
from panels.models import AuditEvent, Candidate, DaySettings, Job, PlanShift, User
from tests.conftest import signed_in_client
from tests.integration.plan_helpers import add_questions
from tests.integration.writes import no_writes
from tests.pagecheck import check_error_page, check_page

GOOD = {
    "start": "09:00",
    "end_by": "",
    "max_work_minutes": "90",
    "break_minutes": "15",
    "changeover_minutes": "10",
    "welcome_minutes": "5",
    "close_minutes": "5",
    "arrive_before_minutes": "15",
}


@pytest.fixture
def world(shared_world):
    """Every test here starts from ``world``: its rows are built once for the module and
    each test's writes are rolled back after it (``shared_world`` in tests/conftest.py)."""
    return dict(shared_world)


def _setup(app, world):
    with app.app_context():
        add_questions(world["job_a"])
    return signed_in_client(app, world["coordinator"])


def test_plan_page_shows_picture_table_and_paces(app, world):
    client = _setup(app, world)
    response = client.get(f"/jobs/{world['job_a']}/plan")
    assert response.status_code == 200
    page = check_page(response.get_data(as_text=True))
    html = response.get_data(as_text=True)
    assert page.h1 == ["Day plan for Support worker"]
    assert "<svg" in html and 'class="tl tl-interview"' in html
    assert "Interview: Ruth" in html and "Interview: Dan" in html
    assert "We do not know yet how long Sam Patel needs to ask a question." in html
    assert "Removed question" not in html
    assert "Tell us about you." in html
    assert "Move down<span" in html  # coordinator sees the order buttons


def test_plan_csv_exact_header_and_rows(app, world):
    client = _setup(app, world)
    response = client.get(f"/jobs/{world['job_a']}/plan.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0] == "kind,candidate_key,candidate,start,end"
    kinds = [line.split(",")[0] for line in lines[1:]]
    assert kinds == ["interview", "change-over", "interview", "change-over"]
    first = lines[1].split(",")
    assert first[2] == "Ruth" and first[3] == "09:30"
    assert first[1] == "c1"  # the candidate key, as in exports and job files
    # every time is HH:MM and each slot starts where the last ended
    rows = [line.split(",") for line in lines[1:]]
    for before, after in zip(rows, rows[1:], strict=False):
        assert before[4] == after[3]
        assert len(after[3]) == 5 and after[3][2] == ":"


def test_cli_export_plan(app, world):
    _setup(app, world)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["export-plan", "JOB-A"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "kind,candidate_key,candidate,start,end"
    assert ",Ruth,09:30," in result.output

    unknown = runner.invoke(args=["export-plan", "NOPE"])
    assert unknown.exit_code != 0
    assert "There is no job with the reference NOPE." in unknown.output

    no_questions = runner.invoke(args=["export-plan", "JOB-B"])
    assert no_questions.exit_code != 0
    assert "There are no questions." in no_questions.output


def test_no_questions_or_candidates_is_a_plain_message(app, world):
    client = signed_in_client(app, world["coordinator"])
    response = client.get(f"/jobs/{world['job_a']}/plan")
    assert response.status_code == 200
    assert "This day cannot be planned yet" in response.get_data(as_text=True)
    assert "There are no questions. Add at least 1 question." in response.get_data(as_text=True)
    with app.app_context():
        add_questions(world["job_a"])
        for c in db.session.scalars(select(Candidate).where(Candidate.job_id == world["job_a"])):
            db.session.delete(c)
        db.session.commit()
    response = client.get(f"/jobs/{world['job_a']}/plan")
    assert "There are no candidates. Add at least 1 candidate." in response.get_data(as_text=True)
    assert client.get(f"/jobs/{world['job_a']}/plan.csv").status_code == 409


def test_pace_out_of_range_is_a_plain_message(app, world):
    """The database refuses such a pace (ck_user_pace): here one reaches the planner as
    Sam's row is read, and the page still says it in plain words."""
    client = _setup(app, world)

    def read_as_fifty(user, _context) -> None:
        if user.id == world["sam"]:
            set_committed_value(user, "pace", 50)

    event.listen(User, "load", read_as_fifty)
    try:
        html = client.get(f"/jobs/{world['job_a']}/plan").get_data(as_text=True)
    finally:
        event.remove(User, "load", read_as_fifty)
    assert "Sam Patel&#39;s pace is 50. A pace must be from 0.5 to 4." in html


def test_settings_saved_and_used(app, world):
    client = _setup(app, world)
    response = client.get(f"/jobs/{world['job_a']}/plan/settings")
    assert response.status_code == 200
    assert 'value="09:30"' in response.get_data(as_text=True)  # from the job's start time
    response = client.post(f"/jobs/{world['job_a']}/plan/settings", data=GOOD)
    assert response.status_code == 302
    with app.app_context():
        row = db.session.get(DaySettings, world["job_a"])
        assert row.start == time(9, 0) and row.changeover_minutes == 10
    csv_text = client.get(f"/jobs/{world['job_a']}/plan.csv").get_data(as_text=True)
    assert ",Ruth,09:00," in csv_text


def test_settings_errors(app, world):
    client = _setup(app, world)
    url = f"/jobs/{world['job_a']}/plan/settings"
    response = client.post(url, data={**GOOD, "break_minutes": "0"})
    assert response.status_code == 400
    check_error_page(
        response.get_data(as_text=True),
        "break_minutes",
        "Break length must be from 1 to 240 minutes",
    )
    response = client.post(url, data={**GOOD, "changeover_minutes": "-5"})
    assert response.status_code == 400
    assert "Change-over must be from 1 to 240 minutes" in response.get_data(as_text=True)
    response = client.post(url, data={**GOOD, "start": "15:00", "end_by": "09:00"})
    assert response.status_code == 400
    check_error_page(
        response.get_data(as_text=True), "end_by", "The end time must be after the start time"
    )
    response = client.post(url, data={**GOOD, "start": "not a time"})
    assert response.status_code == 400
    check_error_page(response.get_data(as_text=True), "start", "Error:")
    with app.app_context():
        assert db.session.get(DaySettings, world["job_a"]) is None  # nothing saved


def test_end_by_warning(app, world):
    client = _setup(app, world)
    client.post(f"/jobs/{world['job_a']}/plan/settings", data={**GOOD, "end_by": "09:45"})
    html = client.get(f"/jobs/{world['job_a']}/plan").get_data(as_text=True)
    assert "That is after 09:45, when the day must end." in html


def test_move_candidate_order(app, world):
    client = _setup(app, world)
    url = f"/jobs/{world['job_a']}/plan/order"
    with app.app_context():
        dan = db.session.scalar(select(Candidate).where(Candidate.name == "Dan")).id
    response = client.post(url, data={"candidate_id": dan, "direction": "up"})
    assert response.status_code == 302
    lines = client.get(f"/jobs/{world['job_a']}/plan.csv").get_data(as_text=True).splitlines()
    assert lines[1].split(",")[2] == "Dan"
    # already at the top: nothing changes, no error
    client.post(url, data={"candidate_id": dan, "direction": "up"})
    lines = client.get(f"/jobs/{world['job_a']}/plan.csv").get_data(as_text=True).splitlines()
    assert lines[1].split(",")[2] == "Dan"
    # another job's candidate, bad direction
    assert (
        client.post(url, data={"candidate_id": world["cand_b"], "direction": "up"}).status_code
        == 404
    )
    assert client.post(url, data={"candidate_id": dan, "direction": "sideways"}).status_code == 400


def test_running_late_shift(app, world):
    client = _setup(app, world)
    url = f"/jobs/{world['job_a']}/plan/late"
    before = client.get(f"/jobs/{world['job_a']}/plan.csv").get_data(as_text=True).splitlines()
    assert before[3].split(",")[3] == "10:15"  # Dan
    response = client.post(url, data={"candidate": world["cand_a"], "minutes": "12"})
    assert response.status_code == 302
    after = client.get(f"/jobs/{world['job_a']}/plan.csv").get_data(as_text=True).splitlines()
    assert after[1].split(",")[3] == "09:30"  # Ruth did not move
    assert after[3].split(",")[3] == "10:30"  # 12 minutes, rounded up to 15
    with app.app_context():
        assert db.session.scalar(select(PlanShift)).minutes == 12
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "later candidates moved")
        )
        assert event.detail["minutes"] == 12
        from panels.plan.queries import candidate_times, current_plan

        job = db.session.get(Job, world["job_a"])
        dan = db.session.scalar(select(Candidate).where(Candidate.name == "Dan"))
        arrive, start, end = candidate_times(job, dan)
        assert (f"{arrive:%H:%M}", f"{start:%H:%M}") == ("10:15", "10:30")
        assert current_plan(job) is not None
        other = db.session.get(Candidate, world["cand_b"])
        assert candidate_times(job, other) is None


def test_running_late_bad_input(app, world):
    client = _setup(app, world)
    url = f"/jobs/{world['job_a']}/plan/late"
    response = client.post(url, data={"candidate": world["cand_a"], "minutes": "0"})
    assert response.status_code == 400
    check_error_page(
        response.get_data(as_text=True), "minutes", "Minutes late must be from 1 to 240"
    )
    response = client.post(url, data={"candidate": world["cand_b"], "minutes": "10"})
    assert response.status_code == 400
    check_error_page(
        response.get_data(as_text=True), "candidate", "Choose a candidate from the list"
    )
    response = client.post(url, data={"candidate": "abc", "minutes": "10"})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalar(select(PlanShift)) is None


def test_members_see_plan_read_only(app, world):
    with app.app_context():
        add_questions(world["job_a"])
    client = signed_in_client(app, world["sam"])
    response = client.get(f"/jobs/{world['job_a']}/plan")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Interview: Ruth" in html
    assert "Move down" not in html and "Running late" not in html
    assert client.get(f"/jobs/{world['job_a']}/plan.csv").status_code == 200
    assert client.get(f"/jobs/{world['job_a']}/plan/settings").status_code == 403
    assert (
        client.post(
            f"/jobs/{world['job_a']}/plan/late", data={"candidate": world["cand_a"], "minutes": 5}
        ).status_code
        == 403
    )
    job_page = client.get(f"/jobs/{world['job_a']}").get_data(as_text=True)
    assert "Day plan" in job_page and "Start the interview" in job_page


def test_outsiders_get_404(app, world):
    with app.app_context():
        add_questions(world["job_a"])
    client = signed_in_client(app, world["outsider"])
    job = world["job_a"]
    for url in (f"/jobs/{job}/plan", f"/jobs/{job}/plan.csv", f"/jobs/{job}/live"):
        assert client.get(url).status_code == 404, url
    anonymous = app.test_client()
    assert anonymous.get(f"/jobs/{job}/plan").status_code == 302


def test_plan_pages_write_nothing_on_get(app, world):
    client = _setup(app, world)
    job = world["job_a"]
    with no_writes(app):  # the settings are defaults, not stored, until the first save
        for url in (f"/jobs/{job}/plan", f"/jobs/{job}/plan.csv", f"/jobs/{job}/plan/settings"):
            assert client.get(url).status_code == 200, url
    late = {"candidate": world["cand_a"], "minutes": "5"}
    assert client.post(f"/jobs/{job}/plan/late", data=late).status_code == 302
    with no_writes(app):
        assert client.get(f"/jobs/{job}/plan").status_code == 200
