"""The candidates' GET pages write nothing."""

from __future__ import annotations

from tests.conftest import signed_in_client
from tests.integration.writes import no_writes


def test_candidate_forms_write_nothing(app, world):
    coordinator = signed_in_client(app, world["coordinator"])
    base = f"/jobs/{world['job_a']}/candidates"
    for url in (f"{base}/add", f"{base}/{world['cand_a']}", f"{base}/{world['cand_a']}/remove"):
        with no_writes(app):
            assert coordinator.get(url).status_code == 200
    with no_writes(app):
        assert coordinator.get(f"{base}/import").status_code == 200
