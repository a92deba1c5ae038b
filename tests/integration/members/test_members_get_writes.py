"""The panel's and a person's own GET pages write nothing."""

from __future__ import annotations

from tests.conftest import signed_in_client
from tests.integration.writes import no_writes


def test_panel_and_preference_pages_write_nothing(app, world):
    coordinator = signed_in_client(app, world["coordinator"])
    member = signed_in_client(app, world["sam"])
    base = f"/jobs/{world['job_a']}/panel"
    sam = world["member_sam"]
    for client, url in (
        (coordinator, f"{base}/add"),
        (coordinator, f"{base}/{sam}"),
        (coordinator, f"{base}/{sam}/remove"),
        (coordinator, f"{base}/{sam}/sign-in-link"),
        (member, "/my-preferences"),
    ):
        with no_writes(app):
            assert client.get(url).status_code == 200
