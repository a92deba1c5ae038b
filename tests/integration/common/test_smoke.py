from tests.conftest import signed_in_client


def test_job_page_renders_for_coordinator(app, world):
    client = signed_in_client(app, world["coordinator"])
    response = client.get(f"/jobs/{world['job_a']}")
    assert response.status_code == 200
    assert b"Support worker" in response.data
