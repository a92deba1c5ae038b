"""Benchmark data, written straight into the database (ORM for small parts, bulk inserts for
score sheets): a job scored from 16 tablets, a live interview, and closed jobs with many
candidates for the results page."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import insert

from panels import create_app
from panels.db import db
from panels.live import service as live
from panels.models import (
    Candidate,
    Job,
    Organisation,
    OrgMembership,
    OrgRole,
    PanelMember,
    PrivacyAgreement,
    Question,
    Score,
    ScoreSheet,
    ScoringState,
    User,
)

SECRET = "bench-secret-not-for-production"  # noqa: S105
TABLETS = 16
QUESTIONS = 15
RESULT_MEMBERS = 10


@dataclass
class World:
    organisation_id: int = 0
    coordinator_id: int = 0
    save_job_id: int = 0
    save_candidate_id: int = 0
    tablet_user_ids: list[int] = field(default_factory=list)
    results_jobs: dict[int, int] = field(default_factory=dict)  # candidates -> job id


def scratch(prefix: str) -> Path:
    """A temporary folder, removed when the benchmark ends."""
    folder = Path(tempfile.mkdtemp(prefix=f"panels-bench-{prefix}-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def make_app(url: str, folder: Path):
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": SECRET,
            "MEDIA_DIR": str(folder / "media"),
        }
    )
    app.instance_path = str(folder)
    with app.app_context():
        db.drop_all()
        db.create_all()
    return app


def analyse(app) -> None:
    """Table statistics for PostgreSQL's planner, as autovacuum keeps them in a running
    installation (a benchmark reads straight after writing, before autovacuum runs)."""
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect() as connection:
                connection.exec_driver_sql("ANALYZE")
                connection.commit()


def seed(app, result_sizes: tuple[int, ...] = ()) -> World:
    world = World()
    with app.app_context():
        organisation = Organisation(name="Benchmark", slug="bench")
        coordinator = User(email="hr@example.org", name="HR")
        db.session.add_all(
            [
                organisation,
                coordinator,
                OrgMembership(user=coordinator, organisation=organisation, role=OrgRole.ADMIN),
            ]
        )
        db.session.flush()
        world.organisation_id = organisation.id
        world.coordinator_id = coordinator.id
        _save_job(world)
        for size in result_sizes:
            world.results_jobs[size] = _results_job(size, world.organisation_id)
        db.session.commit()
    return world


def _questions(job: Job) -> list[Question]:
    questions = [
        Question(
            job_id=job.id,
            key=f"q{q}",
            position=q,
            easy_read=f"Tell us about a time you helped someone ({q + 1})?",
            status="agreed",
            scored=True,
        )
        for q in range(QUESTIONS)
    ]
    db.session.add_all(questions)
    db.session.flush()
    return questions


def _save_job(world: World) -> None:
    """16 panel members (faces3) who agreed to keep candidates' details private, one
    candidate, 15 questions, a live interview running."""
    job = Job(
        ref="SAVE",
        title="Support worker",
        interview_date=date(2026, 12, 1),
        organisation_id=world.organisation_id,
    )
    db.session.add(job)
    for t in range(TABLETS):
        user = User(email=f"tablet{t}@example.org", name=f"Tablet {t}", scale="faces3")
        db.session.add(PanelMember(job=job, user=user, key=f"m{t}"))
    candidate = Candidate(job=job, key="c1", name="Ruth", position=1)
    db.session.add(candidate)
    db.session.flush()
    _questions(job)
    db.session.add_all(PrivacyAgreement(job_id=job.id, member_id=m.id) for m in job.members)
    live.apply(job, candidate, "start", 0)
    world.save_job_id = job.id
    world.save_candidate_id = candidate.id
    world.tablet_user_ids = [m.user_id for m in job.members]


def _results_job(size: int, organisation_id: int) -> int:
    """A closed job: size candidates x 10 members x 15 questions, every sheet sent."""
    job = Job(
        ref=f"R{size}",
        title="Results",
        interview_date=date(2026, 1, 1),
        organisation_id=organisation_id,
    )
    db.session.add(job)
    members = []
    for m in range(RESULT_MEMBERS):
        user = User(
            email=f"r{size}-m{m}@example.org",
            name=f"Member {m}",
            scale="points5" if m % 2 else "faces3",
        )
        members.append(PanelMember(job=job, user=user, key=f"m{m}", group=f"g{m % 2}"))
    db.session.add_all(members)
    candidates = [
        Candidate(job=job, key=f"c{c}", name=f"Candidate {c}", position=c) for c in range(size)
    ]
    db.session.add_all(candidates)
    db.session.flush()
    questions = _questions(job)
    _bulk_scores(job.id, candidates, members, questions)
    db.session.add(ScoringState(job_id=job.id, closed=True, close_reason="benchmark"))
    return job.id


def _bulk_scores(job_id, candidates, members, questions) -> None:
    rows = [
        {
            "job_id": job_id,
            "candidate_id": c.id,
            "member_id": m.id,
            "status": "submitted",
            "scale": m.user.scale,
            "note": "",
            "version": 1,
        }
        for c in candidates
        for m in members
    ]
    made = db.session.execute(
        insert(ScoreSheet).returning(
            ScoreSheet.id,
            ScoreSheet.candidate_id,
            ScoreSheet.member_id,
            sort_by_parameter_order=True,
        ),
        rows,
    ).all()
    top = {m.id: 5 if i % 2 else 3 for i, m in enumerate(members)}
    order = {m.id: i for i, m in enumerate(members)}
    scores = []
    for sheet_id, candidate_id, member_id in made:
        for j, q in enumerate(questions):
            value = None
            if (candidate_id + j) % 11:
                value = 1 + (candidate_id * 7 + order[member_id] + j) % top[member_id]
            scores.append(
                {
                    "sheet_id": sheet_id,
                    "question_id": q.id,
                    "value": value,
                    "dont_know": value is None,
                }
            )
    db.session.execute(insert(Score), scores)
