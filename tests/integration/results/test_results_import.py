"""The job file: CLI and upload, good and bad files, all or nothing; export-results CLI."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from panels.db import db
from panels.models import (
    AuditEvent,
    Candidate,
    Job,
    PanelMember,
    Question,
    Score,
    ScoreSheet,
    User,
)
from tests.conftest import make_user, signed_in_client

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "example_job.json"


def _counts(app):
    with app.app_context():
        return {
            m.__name__: db.session.scalar(select(func.count()).select_from(m))
            for m in (Job, User, PanelMember, Question, Candidate, ScoreSheet, Score)
        }


def test_cli_import_then_export(app, tmp_path):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["import-job", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    with app.app_context():
        job = db.session.scalar(select(Job).where(Job.ref == "SW-2025-014"))
        assert len(job.members) == 4 and len(job.candidates) == 3
        dan = db.session.scalar(select(User).where(User.name == "Dan Price"))
        assert dan.email == "sw-2025-014-dan@panels.invalid" and dan.pace == 1.5
        assert dan.scale == "faces3"
        q = db.session.scalar(select(Question).where(Question.key == "why"))
        assert q.status == "agreed" and q.scored and q.asker.key == "dan"
        sheets = list(db.session.scalars(select(ScoreSheet)))
        assert len(sheets) == 4 and {s.status for s in sheets} == {"submitted"}
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "scores entered on behalf")
        )
        assert event.actor_id is None and event.reason == "imported from example_job.json"
        assert event.on_behalf_of_id is not None
    before = _counts(app)
    again = runner.invoke(args=["import-job", str(EXAMPLE)])  # same file again: no doubles
    assert again.exit_code == 0, again.output
    assert _counts(app) == before
    out = runner.invoke(args=["export-results", "SW-2025-014"])
    assert out.exit_code == 0
    lines = out.output.splitlines()
    assert lines[0] == (
        "candidate_key,candidate,rank,combined,complete,spread,"
        "member:amira,member:dan,member:helen,member:tom"
    )
    # c1: amira 100, dan 50, helen (0.75+1)/2=87.5 -> 79.2; c2: tom 0.
    assert lines[1] == "c1,Jo Baker,1,79.2,no,50.0,100.0,50.0,87.5,"
    assert lines[2] == "c2,Sam Ortiz,2,0.0,no,0.0,,,,0.0"
    missing = runner.invoke(args=["export-results", "NOPE"])
    assert missing.exit_code != 0 and "NOPE" in missing.output


def _bad_file(tmp_path, change):
    data = json.loads(EXAMPLE.read_text())
    change(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    return path


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda d: d["job"].update(colour="red"), "colour"),
        (lambda d: d["members"][0].update(pace="fast"), "pace"),
        (lambda d: d["scores"][0].update(value=7), "7"),
        (lambda d: d["scores"][0].update(member="nobody"), "nobody"),
        (
            lambda d: d["scores"].append(
                {"member": "amira", "candidate": "c1", "question": "welcome", "value": 1}
            ),
            "welcome",
        ),
    ],
)
def test_cli_bad_file_changes_nothing(app, tmp_path, change, words):
    before = _counts(app)
    result = app.test_cli_runner().invoke(args=["import-job", str(_bad_file(tmp_path, change))])
    assert result.exit_code == 1
    assert "Nothing was changed" in result.output and words in result.output
    assert _counts(app) == before


def test_import_rejects_whole_file_when_a_late_problem_is_found(app, tmp_path):
    """A person already on the panel under another key: nothing of the file is saved."""
    runner = app.test_cli_runner()
    assert runner.invoke(args=["import-job", str(EXAMPLE)]).exit_code == 0
    before = _counts(app)
    path = _bad_file(
        tmp_path,
        lambda d: (
            d["members"][0].update(key="amira2"),
            d["questions"][1].update(asker="amira2"),
            d["questions"][2].update(asker="amira2"),
            d["questions"][0].update(asker="amira2"),
            d["scores"].clear(),
            d["candidates"].append({"key": "c9", "name": "New Person", "email": None}),
        ),
    )
    result = runner.invoke(args=["import-job", str(path)])
    assert result.exit_code == 1 and "already on the panel" in result.output
    assert _counts(app) == before


def test_upload_page(app):
    with app.app_context():
        hr = make_user("Hana Reed", "hana@example.org", coordinator=True)
        member = make_user("Mo", "mo@example.org")
        db.session.commit()
        hr_id, member_id = hr.id, member.id
    client = signed_in_client(app, hr_id)
    page = client.get("/jobs/import")
    assert page.status_code == 200
    empty = client.post("/jobs/import", data={})
    assert empty.status_code == 400
    bad = client.post(
        "/jobs/import",
        data={"file": (io.BytesIO(b'{"job": {"ref": 5}, "extra": 1}'), "bad.json")},
        content_type="multipart/form-data",
    )
    assert bad.status_code == 400
    html = bad.get_data(as_text=True)
    assert "Nothing was imported" in html and "extra" in html
    binary = client.post(
        "/jobs/import",
        data={"file": (io.BytesIO(b"\xff\xfe\x00"), "bad.json")},
        content_type="multipart/form-data",
    )
    assert binary.status_code == 400
    assert _counts(app)["Job"] == 0
    good = client.post(
        "/jobs/import",
        data={"file": (io.BytesIO(EXAMPLE.read_bytes()), "example_job.json")},
        content_type="multipart/form-data",
    )
    assert good.status_code == 302
    with app.app_context():
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "scores entered on behalf")
        )
        assert event.actor_id == hr_id
    assert signed_in_client(app, member_id).get("/jobs/import").status_code == 403
