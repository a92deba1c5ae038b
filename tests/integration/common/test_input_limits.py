"""Finding 5 of issue 9, one test each: huge ids, bad JSON, NUL and surrogates, long refs.

The fuzz test (test_fuzz.py) tries every route; these pin each finding by name.
"""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import func, select

from panels.db import db
from panels.models import Candidate, Job, ScoreSheet
from tests.conftest import signed_in_client
from tests.integration.fuzz_helpers import job_file
from tests.integration.scoring_helpers import score_url, scoring_job


@pytest.fixture
def ids(app):
    with app.app_context():
        return scoring_job()


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("big", [str(2**31), str(2**63), str(10**100), "9" * 5000])
def test_ids_past_the_column_are_404(app, ids, big):
    coord = signed_in_client(app, ids["coord"])
    job, cand = ids["job"], ids["cands"][0]
    for url in (
        f"/jobs/{big}",
        f"/jobs/{job}/candidates/{big}",
        f"/jobs/{job}/score/{big}",
        f"/jobs/{job}/score/{cand}/for/{big}",
        f"/people/{big}/photo",
        f"/jobs/{job}/questions/sheet?member={big}",
    ):
        assert coord.get(url).status_code == 404, url
    form = coord.post(f"/jobs/{job}/score/view", data={"view": "all", "candidate_id": big})
    assert form.status_code == 404
    order = coord.post(f"/jobs/{job}/plan/order", data={"candidate_id": big, "direction": "up"})
    assert order.status_code == 404
    assert coord.post(f"/jobs/{job}/candidates/{big}/remove").status_code == 404
    assert _count(app, Candidate) == 2


def test_the_largest_id_in_range_still_matches_a_route(app, ids):
    coord = signed_in_client(app, ids["coord"])
    response = coord.get(f"/jobs/{ids['job']}/candidates/{2**31 - 1}")
    assert response.status_code == 404  # the route ran and found no such candidate
    assert "Page not found" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("[" * 50_000 + "]" * 50_000, "too big"),
        ('{"answers": ' + "[" * 1000 + "]" * 1000 + "}", "too many blocks"),
        ('{"client_id": "x", "answers": {}, "note": "\\ud800"}', "broken character"),
        ('{"client_id": "x", "answers": {}, "note": "a\\u0000b"}', "hidden character"),
        ('{"client_id": "x", "answers": {"q1": ' + "9" * 5000 + "}}", "not JSON we can read"),
        ('{"client_id": "x", "answers": {"q1": 1e400}}', "too big"),
        ('{"client_id": "x", "answers": {"q1": NaN}}', "not JSON we can read"),
        ('["client_id"]', "must be a block"),
    ],
)
def test_bad_json_to_the_tablet_is_a_plain_400(app, ids, body, words):
    sam = signed_in_client(app, ids["sam"])
    response = sam.post(score_url(ids, 0, "/send"), data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json["ok"] is False and words in response.json["errors"]["scores"]
    assert _count(app, ScoreSheet) == 0


def test_a_huge_score_value_is_a_plain_400(app, ids):
    sam = signed_in_client(app, ids["sam"])
    body = {"client_id": "x", "answers": {"q1": 10**400}}
    response = sam.post(
        score_url(ids, 0, "/send"), data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400 and "is not on the" in response.json["errors"]["q-q1"]


def test_bad_json_to_the_checker_is_a_plain_400(app, ids):
    sam = signed_in_client(app, ids["sam"])
    url = f"/jobs/{ids['job']}/questions/check"
    deep = sam.post(url, data="[" * 10_000 + "]" * 10_000, content_type="application/json")
    assert deep.status_code == 400 and "too many blocks" in deep.json["error"]
    lone = sam.post(url, data='{"text": "\\udc00"}', content_type="application/json")
    assert lone.status_code == 400 and "broken character" in lone.json["error"]


def test_nul_in_a_form_field_is_a_plain_400_and_nothing_is_saved(app, ids):
    coord = signed_in_client(app, ids["coord"])
    response = coord.post(
        f"/jobs/{ids['job']}/candidates/add", data={"name": "Amy\x00Lee", "email": ""}
    )
    assert response.status_code == 400
    assert "hidden or broken character" in response.get_data(as_text=True)
    assert _count(app, Candidate) == 2


def _upload(client, data: bytes):
    return client.post(
        "/jobs/import",
        data={"file": (io.BytesIO(data), "job.json")},
        content_type="multipart/form-data",
    )


def test_job_file_ref_longer_than_the_column_is_refused(app, ids):
    """It imported on SQLite and was a 500 on PostgreSQL: the file allowed 100, the column 40."""
    coord = signed_in_client(app, ids["hr"])
    response = _upload(coord, job_file({"job.ref": "R" * 60}))
    assert response.status_code == 400
    assert "job.ref: this is 60 characters long. Keep it to 40 or fewer." in response.get_data(
        as_text=True
    )
    assert _count(app, Job) == 1


def test_job_file_ref_as_long_as_the_column_imports(app, ids):
    coord = signed_in_client(app, ids["hr"])
    response = _upload(coord, job_file({"job.ref": "R" * 40, "members.0.group": "g" * 60}))
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Job.ref).where(Job.ref == "R" * 40)) is not None


def test_job_file_with_nul_or_surrogate_text_is_refused(app, ids):
    coord = signed_in_client(app, ids["hr"])
    for text in ("a\x00b", "a\ud800b"):
        response = _upload(coord, job_file({"job.title": text}))
        assert response.status_code == 400
        assert "job.title: this has a" in response.get_data(as_text=True)
    assert _count(app, Job) == 1
