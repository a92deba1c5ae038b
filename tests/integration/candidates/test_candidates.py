import io

import pytest
from sqlalchemy import func, select

from panels.db import db
from panels.models import Candidate
from tests.conftest import signed_in_client
from tests.pagecheck import check_error_page, check_page


@pytest.fixture
def world(shared_world):
    """Every test here starts from ``world``: its rows are built once for the module and
    each test's writes are rolled back after it (``shared_world`` in tests/conftest.py)."""
    return dict(shared_world)


def _count(app, job_id):
    with app.app_context():
        return db.session.scalar(select(func.count(Candidate.id)).where(Candidate.job_id == job_id))


def test_add_candidate_by_hand(app, world):
    client = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/candidates/add"
    check_page(client.get(url).get_data(as_text=True))
    data = {"name": "Chris Doe", "email": "Chris@example.net", "adjustments": "A quiet room"}
    assert client.post(url, data=data).status_code == 302
    with app.app_context():
        chris = db.session.scalar(select(Candidate).where(Candidate.name == "Chris Doe"))
        assert chris.email == "chris@example.net" and chris.position == 3
    response = client.post(url, data={**data, "name": "Other"})
    assert response.status_code == 400
    check_error_page(response.get_data(as_text=True), "email", "already on this job")


def test_add_candidate_bad_input(app, world):
    client = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/candidates/add"
    for data in ({"name": ""}, {"name": "<script>x</script>"}, {"name": "A", "email": "nope"}):
        assert client.post(url, data=data).status_code == 400
    assert _count(app, world["job_a"]) == 2


def _upload(client, job_id, text: bytes, name="people.csv"):
    return client.post(
        f"/jobs/{job_id}/candidates/import",
        data={"file": (io.BytesIO(text), name)},
        content_type="multipart/form-data",
    )


def test_import_csv(app, world):
    client = signed_in_client(app, world["coordinator"])
    csv = b"\xef\xbb\xbfName,Email,Phone,Adjustments\nAmy Fox,amy@example.net,07700 900111,\n"
    csv += b'Ben Gray,,,"Large print, please"\n'
    assert _upload(client, world["job_a"], csv).status_code == 302
    assert _count(app, world["job_a"]) == 4


def test_import_csv_bad_rows_adds_nothing(app, world):
    client = signed_in_client(app, world["coordinator"])
    csv = b"name,email\nAmy,amy@example.net\n,nobody@example.net\n"
    csv += b"Ben,not-an-email\nCat,amy@example.net\n"
    response = _upload(client, world["job_a"], csv)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    check_error_page(html, "file", "Nothing was added")
    assert "Row 3: the name is empty." in html
    assert "Row 4: the email" in html
    assert "Row 5: the email amy@example.net is also on row 2." in html
    assert _count(app, world["job_a"]) == 2


def test_import_not_a_csv_or_empty(app, world):
    client = signed_in_client(app, world["coordinator"])
    assert _upload(client, world["job_a"], b"\x89PNG\r\n\x1a\n\x00\x00").status_code == 400
    assert _upload(client, world["job_a"], b"").status_code == 400
    response = client.post(f"/jobs/{world['job_a']}/candidates/import", data={})
    assert response.status_code == 400
    assert "Choose a CSV file" in response.get_data(as_text=True)
    assert _count(app, world["job_a"]) == 2


def test_candidate_from_other_job_is_404(app, world):
    client = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/candidates/{world['cand_b']}"
    assert client.get(url).status_code == 404
    assert client.post(url + "/remove").status_code == 404
    assert _count(app, world["job_b"]) == 1


def test_remove_candidate(app, world):
    client = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/candidates/{world['cand_a']}/remove"
    assert client.post(url).status_code == 302
    assert _count(app, world["job_a"]) == 1
