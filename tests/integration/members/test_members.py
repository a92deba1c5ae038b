import pytest
from sqlalchemy import select

from panels.db import db
from panels.models import PanelMember, User
from tests.conftest import signed_in_client
from tests.pagecheck import check_error_page, check_page

NEW = {
    "name": "Kim Lee",
    "email": "Kim@Example.org",
    "read_aloud": "y",
    "pace": "2.0",
    "scale": "faces3",
    "pictures": "y",
    "group": "lived experience",
}


@pytest.fixture
def world(shared_world):
    """Every test here starts from ``world``: its rows are built once for the module and
    each test's writes are rolled back after it (``shared_world`` in tests/conftest.py)."""
    return dict(shared_world)


def test_add_member_with_preferences(app, world):
    client = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/panel/add"
    check_page(client.get(url).get_data(as_text=True))
    assert client.post(url, data=NEW).status_code == 302
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "kim@example.org"))
        assert user.read_aloud and user.pace == 2.0 and user.more_time and user.scale == "faces3"
        member = db.session.scalar(select(PanelMember).where(PanelMember.user_id == user.id))
        assert member.key == "kim-lee" and member.group == "lived experience"


def test_add_existing_person_twice_is_refused(app, world):
    client = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/panel/add"
    response = client.post(url, data={**NEW, "email": "sam@example.org"})
    assert response.status_code == 400
    check_error_page(response.get_data(as_text=True), "email", "already on the panel")


def test_add_member_bad_input(app, world):
    client = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/panel/add"
    for data, field in [
        ({**NEW, "name": ""}, "name"),
        ({**NEW, "email": "not-an-email"}, "email"),
        ({**NEW, "name": "<b>Kim</b>"}, "name"),
        ({**NEW, "pace": "50"}, "pace"),
        ({**NEW, "pace": "fast"}, "pace"),
        ({**NEW, "scale": "stars"}, "scale"),
    ]:
        response = client.post(url, data=data)
        assert response.status_code == 400, data
        check_page(response.get_data(as_text=True))
        assert f'id="{field}-error"' in response.get_data(as_text=True)


def test_member_edits_own_preferences(app, world):
    client = signed_in_client(app, world["sam"])
    check_page(client.get("/my-preferences").get_data(as_text=True))
    response = client.post(
        "/my-preferences", data={"large_text": "y", "pace": "1.5", "scale": "points5"}
    )
    assert response.status_code == 302
    with app.app_context():
        sam = db.session.get(User, world["sam"])
        assert sam.large_text and sam.pace == 1.5 and sam.scale == "points5"
    assert 'class="large-text' in client.get("/jobs").get_data(as_text=True)


def test_coordinator_edits_member_keeps_custom_pace(app, world):
    with app.app_context():
        db.session.get(User, world["sam"]).pace = 1.25
        db.session.commit()
    client = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/panel/{world['member_sam']}"
    html = client.get(url).get_data(as_text=True)
    assert (
        '<input checked class="radio-input" id="pace-4" name="pace" type="radio" value="1.25">'
        in html
    )


def test_member_cannot_manage_panel(app, world):
    client = signed_in_client(app, world["sam"])
    assert client.post(f"/jobs/{world['job_a']}/panel/add", data=NEW).status_code == 403


def test_member_from_other_job_in_url_is_404(app, world):
    client = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/panel/{world['member_outsider']}"
    assert client.get(url).status_code == 404
    assert client.post(url + "/remove").status_code == 404


def test_remove_member(app, world):
    client = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/panel/{world['member_sam']}/remove"
    check_page(client.get(url).get_data(as_text=True))
    assert client.post(url).status_code == 302
    assert signed_in_client(app, world["sam"]).get(f"/jobs/{world['job_a']}").status_code == 404
