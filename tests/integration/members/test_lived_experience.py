"""Who has lived experience: the coordinator marks a panel or a member group (issue 14).

The decision meeting's reason rule uses the mark, never a name containing "lived".
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from panels.db import db
from panels.models import AuditEvent, DecisionMeeting, Job, Panel, PanelMember
from panels.models.base import utcnow
from tests.conftest import signed_in_client
from tests.integration.panels_helpers import second_panel
from tests.pagecheck import check_error_page, check_page


@pytest.fixture
def world(shared_world):
    """Every test here starts from ``world``: its rows are built once for the module and
    each test's writes are rolled back after it (``shared_world`` in tests/conftest.py)."""
    return dict(shared_world)


def _url(world) -> str:
    return f"/jobs/{world['job_a']}/lived-experience"


def _groups(app, world, **by_user) -> None:
    with app.app_context():
        for member in db.session.scalars(
            select(PanelMember).where(PanelMember.job_id == world["job_a"])
        ):
            for who, group in by_user.items():
                if member.user_id == world[who]:
                    member.group = group
        db.session.commit()


def _state(app, world) -> tuple[list[str], str | None]:
    with app.app_context():
        job = db.session.get(Job, world["job_a"])
        return [p.name for p in job.panels if p.lived_experience], job.lived_group


def test_a_coordinator_marks_a_group_of_a_one_panel_job(app, world):
    _groups(app, world, sam="Our voices", jo="Our voices", coordinator="organisation")
    client = signed_in_client(app, world["coordinator"])
    page = client.get(_url(world))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    check_page(html)
    assert "The group “Our voices”" in html and "The group “organisation”" in html
    assert "this panel is people with lived experience" not in html  # one panel
    assert (
        'checked class="radio-input" id="who-2" name="who" required type="radio" value="nobody"'
        in html
    )
    # groups are in name order: "Our voices" is group-0, "organisation" group-1
    saved = client.post(_url(world), data={"who": "group-0"})
    assert saved.status_code == 302 and saved.location.endswith(f"/jobs/{world['job_a']}/panels")
    assert _state(app, world) == ([], "Our voices")
    with app.app_context():
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "lived experience marked")
        )
        assert event is not None and event.job_id == world["job_a"]
        assert event.detail["after"] == {"panels": [], "group": "Our voices"}
    listing = client.get(f"/jobs/{world['job_a']}/panels").get_data(as_text=True)
    assert "the group &ldquo;Our voices&rdquo;" in listing


def test_with_two_panels_the_coordinator_marks_a_panel(app, world):
    ids = second_panel(app, world)
    client = signed_in_client(app, world["coordinator"])
    html = client.get(_url(world)).get_data(as_text=True)
    check_page(html)
    assert "Our panel: this panel is people with lived experience" in html
    assert client.post(_url(world), data={"who": f"panel-{ids['ours']}"}).status_code == 302
    assert _state(app, world) == (["Our panel"], None)
    again = client.get(_url(world)).get_data(as_text=True)
    assert (
        f'checked class="radio-input" id="who-0" name="who" required type="radio" '
        f'value="panel-{ids["ours"]}"' in again
    )
    # Another choice moves the mark: one panel at a time.
    assert client.post(_url(world), data={"who": f"panel-{ids['managers']}"}).status_code == 302
    assert _state(app, world) == (["Managers' panel"], None)
    assert client.post(_url(world), data={"who": "nobody"}).status_code == 302
    assert _state(app, world) == ([], None)


def test_a_choice_not_on_the_list_is_refused_in_plain_words(app, world):
    ids = second_panel(app, world)
    with app.app_context():
        other = db.session.scalar(select(Panel.id).where(Panel.job_id == world["job_b"]))
    client = signed_in_client(app, world["coordinator"])
    client.post(_url(world), data={"who": f"panel-{ids['ours']}"})
    for bad in ({"who": f"panel-{other}"}, {"who": "group-7"}, {"who": ""}, {}):
        response = client.post(_url(world), data=bad)
        assert response.status_code == 400
        check_error_page(response.get_data(as_text=True), "who", "Choose who has lived experience")
        assert _state(app, world) == (["Our panel"], None)  # nothing changed


def test_once_the_decision_is_shared_the_mark_stays(app, world):
    _groups(app, world, sam="lived experience")
    client = signed_in_client(app, world["coordinator"])
    client.post(_url(world), data={"who": "group-0"})
    with app.app_context():
        db.session.add(DecisionMeeting(job_id=world["job_a"], released_at=utcnow()))
        db.session.commit()
    response = client.post(_url(world), data={"who": "nobody"})
    assert response.status_code == 409
    check_error_page(response.get_data(as_text=True), "who", "already shared with the panel")
    assert _state(app, world) == ([], "lived experience")


def test_panel_members_and_other_coordinators_cannot_mark(app, world):
    sam = signed_in_client(app, world["sam"])
    assert sam.post(_url(world), data={"who": "nobody"}).status_code in (403, 404)
    assert _state(app, world) == ([], None)
