"""More than one panel for a job: adding and changing panels, members on panels."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from panels.db import db
from panels.models import Panel, PanelMember, ScoreSheet
from tests.conftest import signed_in_client
from tests.integration.members.test_members import NEW
from tests.integration.panels_helpers import member_id, second_panel
from tests.pagecheck import check_error_page, check_page


@pytest.fixture
def world(shared_world):
    """Every test here starts from ``world``: its rows are built once for the module and
    each test's writes are rolled back after it (``shared_world`` in tests/conftest.py)."""
    return dict(shared_world)


def _panels(app, job_id) -> list[tuple[str, str]]:
    with app.app_context():
        rows = db.session.execute(
            select(Panel.name, Panel.room).where(Panel.job_id == job_id).order_by(Panel.position)
        )
        return [tuple(r) for r in rows]


def test_every_job_has_one_panel_and_the_pages_look_as_before(app, world):
    client = signed_in_client(app, world["coordinator"])
    assert _panels(app, world["job_a"]) == [("Our panel", "")]
    add = client.get(f"/jobs/{world['job_a']}/panel/add").get_data(as_text=True)
    assert 'name="panel"' not in add  # no chooser with one panel
    job_page = client.get(f"/jobs/{world['job_a']}").get_data(as_text=True)
    assert "Our panel" not in job_page and "Add another panel" in job_page


def test_coordinator_adds_a_second_panel(app, world):
    client = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/panels"
    check_page(client.get(url).get_data(as_text=True))
    response = client.post(
        url, data={"name": "Managers' panel", "room": "Room 2", "start_time": "11:00"}
    )
    assert response.status_code == 302 and response.location.endswith(url)
    assert _panels(app, world["job_a"]) == [("Our panel", ""), ("Managers' panel", "Room 2")]
    page = client.get(f"/jobs/{world['job_a']}").get_data(as_text=True)
    assert "Our panel" in page and "Managers&#39; panel" in page


def test_bad_panels_are_refused_and_nothing_changes(app, world):
    client = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/panels"
    for data, field, words in [
        ({"name": ""}, "name", "Enter a name for the panel"),
        ({"name": "our PANEL"}, "name", "Another panel of this job has this name"),
        ({"name": "<b>x</b>"}, "name", "cannot have &lt; or &gt;"),
        ({"name": "Tea", "start_time": "25:99"}, "start_time", "Not a valid time"),
        ({"name": "x" * 61}, "name", "60 characters or fewer"),
    ]:
        response = client.post(url, data=data)
        assert response.status_code == 400, data
        check_error_page(response.get_data(as_text=True), field, words)
    assert _panels(app, world["job_a"]) == [("Our panel", "")]


def test_coordinator_changes_a_panel_but_not_another_jobs(app, world):
    ids = second_panel(app, world)
    client = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/panels/{ids['managers']}"
    check_page(client.get(url).get_data(as_text=True))
    response = client.post(url, data={"name": "Managers", "room": "Room 3", "start_time": ""})
    assert response.status_code == 302
    assert _panels(app, world["job_a"])[1] == ("Managers", "Room 3")
    taken = client.post(url, data={"name": "Our panel"})
    assert taken.status_code == 400
    with app.app_context():
        other = db.session.scalar(select(Panel.id).where(Panel.job_id == world["job_b"]))
    assert client.get(f"/jobs/{world['job_a']}/panels/{other}").status_code == 404
    assert (
        client.post(f"/jobs/{world['job_a']}/panels/{other}", data={"name": "Mine"}).status_code
        == 404
    )
    assert _panels(app, world["job_b"]) == [("Our panel", "")]


def test_with_two_panels_a_member_is_added_to_the_chosen_one(app, world):
    ids = second_panel(app, world)
    client = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/panel/add"
    page = client.get(url).get_data(as_text=True)
    assert 'name="panel"' in page and "Managers&#39; panel" in page
    assert client.post(url, data={**NEW, "panel": ids["managers"]}).status_code == 302
    with app.app_context():
        kim = db.session.scalar(select(PanelMember).where(PanelMember.key == "kim-lee"))
        assert kim.panel_id == ids["managers"]


def test_a_panel_of_another_job_is_refused(app, world):
    second_panel(app, world)
    with app.app_context():
        other = db.session.scalar(select(Panel.id).where(Panel.job_id == world["job_b"]))
    client = signed_in_client(app, world["coordinator"])
    for bad in (other, "abc", "999999"):
        response = client.post(f"/jobs/{world['job_a']}/panel/add", data={**NEW, "panel": bad})
        assert response.status_code == 400, bad
        check_error_page(response.get_data(as_text=True), "panel", "")
    ok = client.post(f"/jobs/{world['job_a']}/panel/add", data={**NEW, "panel": other})
    assert "Choose one of this job&#39;s panels" in ok.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(PanelMember.id).where(PanelMember.key == "kim-lee")) is None


def test_a_person_sits_on_one_panel_of_a_job(app, world):
    """Refused, not allowed: so nobody ever scores the same candidate twice."""
    ids = second_panel(app, world)
    client = signed_in_client(app, world["coordinator"])
    response = client.post(
        f"/jobs/{world['job_a']}/panel/add",
        data={**NEW, "email": "sam@example.org", "panel": ids["managers"]},
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    check_error_page(html, "email", "already on the panel")
    assert "A person sits on one panel of a job" in html
    with app.app_context():
        count = db.session.scalar(
            select(func.count(PanelMember.id)).where(PanelMember.user_id == world["sam"])
        )
        assert count == 1


def test_a_member_moves_panel_until_they_have_scored(app, world):
    ids = second_panel(app, world)
    client = signed_in_client(app, world["coordinator"])
    sam = member_id(app, world, "sam")
    url = f"/jobs/{world['job_a']}/panel/{sam}"
    form = {"pace": "2.0", "scale": "faces3", "read_aloud": "y", "panel": ids["managers"]}
    assert client.post(url, data=form).status_code == 302
    with app.app_context():
        assert db.session.get(PanelMember, sam).panel_id == ids["managers"]
        db.session.add(
            ScoreSheet(job_id=world["job_a"], candidate_id=world["cand_a"], member_id=sam)
        )
        db.session.commit()
    response = client.post(url, data={**form, "panel": ids["ours"]})
    assert response.status_code == 409
    check_error_page(response.get_data(as_text=True), "panel", "started scoring")
    with app.app_context():
        assert db.session.get(PanelMember, sam).panel_id == ids["managers"]
