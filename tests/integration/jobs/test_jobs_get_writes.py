"""The jobs' GET pages write nothing."""

from __future__ import annotations

from tests.conftest import signed_in_client
from tests.integration.writes import no_writes


def test_job_pages_write_nothing(app, world):
    coordinator = signed_in_client(app, world["coordinator"])
    member = signed_in_client(app, world["sam"])
    job = world["job_a"]
    for client, url in (
        (coordinator, "/jobs"),
        (coordinator, "/jobs/new"),
        (coordinator, f"/jobs/{job}"),
        (coordinator, f"/jobs/{job}/edit"),
        (member, "/jobs"),
        (member, f"/jobs/{job}"),
    ):
        with no_writes(app):
            assert client.get(url).status_code == 200
