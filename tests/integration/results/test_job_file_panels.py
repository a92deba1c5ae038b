"""The job file, import and export, with panels (issue 14)."""

from __future__ import annotations

import json

from sqlalchemy import select

from panels.db import db
from panels.models import Job, PanelMember, Question
from panels.results.export_file import job_file
from panels.results.jobfile import parse_job_file
from tests.unit.results.test_jobfile import BASE
from tests.unit.results.test_jobfile_panels import two_panels


def _import(app, tmp_path, data, name="job.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return app.test_cli_runner().invoke(args=["import-job", str(path)])


def _job(app) -> Job:
    return db.session.scalar(select(Job).where(Job.ref == BASE["job"]["ref"]))


def test_import_makes_the_panels_and_puts_everyone_on_theirs(app, tmp_path):
    data = two_panels()
    data["job"]["lived_group"] = "lived experience"
    result = _import(app, tmp_path, data)
    assert result.exit_code == 0, result.output
    with app.app_context():
        job = _job(app)
        assert [(p.name, p.room, p.lived_experience) for p in job.panels] == [
            ("Our panel", "Room 1", True),
            ("Managers' panel", "Room 2", False),
        ]
        assert job.panels[1].start_time.strftime("%H:%M") == "13:00"
        assert job.lived_group == "lived experience"
        assert {m.key: m.panel.name for m in job.members} == {
            "amira": "Our panel",
            "dan": "Our panel",
            "helen": "Managers' panel",
            "tom": "Managers' panel",
        }
        questions = {q.key: q.panel.name for q in db.session.scalars(select(Question))}
        assert questions["choice"] == "Managers' panel" and questions["why"] == "Our panel"
        # Export, then read it back: the same panels, members' and questions' panels.
        exported = job_file(job)
    again = parse_job_file(json.dumps(exported))
    assert [(p.name, p.room, p.lived_experience) for p in again.panels] == [
        ("Our panel", "Room 1", True),
        ("Managers' panel", "Room 2", False),
    ]
    assert {m.key: again.panel_of(m) for m in again.members} == {
        "amira": "panel-1",
        "dan": "panel-1",
        "helen": "panel-2",
        "tom": "panel-2",
    }
    assert {q.key: again.panel_of(q) for q in again.questions}["choice"] == "panel-2"
    assert again.job.lived_group == "lived experience"
    assert len(again.scores) == len(data["scores"])
    # The exported file imports again over the same job, changing nothing.
    assert _import(app, tmp_path, exported, "again.json").exit_code == 0
    with app.app_context():
        job = _job(app)
        assert len(job.panels) == 2 and len(job.members) == 4


def test_a_file_from_before_panels_still_imports_on_one_panel(app, tmp_path):
    result = _import(app, tmp_path, BASE)
    assert result.exit_code == 0, result.output
    with app.app_context():
        job = _job(app)
        assert [p.name for p in job.panels] == ["Our panel"]
        assert {m.panel_id for m in job.members} == {job.panels[0].id}
        assert {q.panel_id for q in db.session.scalars(select(Question))} == {job.panels[0].id}
        exported = job_file(job)
    assert [p["name"] for p in exported["panels"]] == ["Our panel"]
    out = app.test_cli_runner().invoke(args=["export-job", BASE["job"]["ref"]])
    assert out.exit_code == 0 and json.loads(out.output) == json.loads(json.dumps(exported))
    missing = app.test_cli_runner().invoke(args=["export-job", "NOPE"])
    assert missing.exit_code != 0 and "NOPE" in missing.output


def test_a_member_who_scored_stays_on_their_panel(app, tmp_path):
    assert _import(app, tmp_path, BASE).exit_code == 0  # Helen has sent scores
    data = two_panels()
    result = _import(app, tmp_path, data, "moved.json")
    assert result.exit_code == 1
    assert "members[2] (helen): this person has scored on their panel" in result.output
    with app.app_context():
        job = _job(app)
        assert [p.name for p in job.panels] == ["Our panel"]  # nothing saved
        helen = db.session.scalar(select(PanelMember).where(PanelMember.key == "helen"))
        assert helen.panel.name == "Our panel"


def test_an_activity_imports_with_its_things_to_look_for_and_exports_back(app, tmp_path):
    data = two_panels()
    tea = data["questions"][0]
    tea.update(kind="activity", look_for=["They asked Sam first.", "They let Sam pour."])
    result = _import(app, tmp_path, data)
    assert result.exit_code == 0, result.output
    with app.app_context():
        job = _job(app)
        made = db.session.scalar(select(Question).where(Question.key == tea["key"]))
        assert made.is_activity and made.look_for_points == tea["look_for"]
        others = db.session.scalars(select(Question).where(Question.key != tea["key"])).all()
        assert others and not any(q.is_activity for q in others)
        exported = job_file(job)
    [out] = [q for q in exported["questions"] if q["key"] == tea["key"]]
    assert out["kind"] == "activity" and out["look_for"] == tea["look_for"]
    assert all("kind" not in q for q in exported["questions"] if q["key"] != tea["key"])
    assert parse_job_file(json.dumps(exported)).questions[0].is_activity  # it reads back
