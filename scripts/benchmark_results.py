"""Time the results page for 60 candidates x 10 members x 15 questions; count its SQL queries.

Run: /work/main/.venv/bin/python scripts/benchmark_results.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event  # noqa: E402

from panels import create_app  # noqa: E402
from panels.db import db  # noqa: E402
from panels.models import (  # noqa: E402
    Candidate,
    Job,
    Organisation,
    OrgMembership,
    PanelMember,
    Question,
    Score,
    ScoreSheet,
    ScoringState,
    User,
)

CANDIDATES, MEMBERS, QUESTIONS, RUNS = 60, 10, 15, 5


def build(app) -> int:
    with app.app_context():
        db.create_all()
        org = Organisation(name="Benchmark", slug="bench")
        hr = User(email="hr@example.org", name="HR")
        job = Job(ref="BENCH", title="Benchmark", interview_date=date(2026, 1, 1), organisation=org)
        db.session.add_all([org, hr, job, OrgMembership(user=hr, organisation=org, role="admin")])
        members = []
        for m in range(MEMBERS):
            user = User(
                email=f"m{m}@example.org",
                name=f"Member {m}",
                scale="points5" if m % 2 else "faces3",
            )
            member = PanelMember(job=job, user=user, key=f"m{m}", group="g" + str(m % 2))
            members.append(member)
            db.session.add(member)
        cands = [Candidate(job=job, key=f"c{c}", name=f"Candidate {c}") for c in range(CANDIDATES)]
        db.session.add_all(cands)
        db.session.flush()
        qs = [
            Question(job_id=job.id, key=f"q{q}", easy_read=f"Q{q}?", status="agreed", scored=True)
            for q in range(QUESTIONS)
        ]
        db.session.add_all(qs)
        db.session.flush()
        for c in cands:
            for i, member in enumerate(members):
                sheet = ScoreSheet(
                    job_id=job.id, candidate_id=c.id, member_id=member.id, status="submitted"
                )
                top = 5 if i % 2 else 3
                for j, q in enumerate(qs):
                    value = None if (c.id + j) % 11 == 0 else 1 + (c.id * 7 + i + j) % top
                    sheet.scores.append(
                        Score(question_id=q.id, value=value, dont_know=value is None)
                    )
                db.session.add(sheet)
        db.session.add(ScoringState(job_id=job.id, closed=True, close_reason="benchmark"))
        db.session.commit()
        return hr.id, job.id


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite3",
            "SECRET_KEY": "bench",
            "WTF_CSRF_ENABLED": False,
        }
    )
    app.instance_path = str(folder)
    hr_id, job_id = build(app)
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(hr_id)
        session["_fresh"] = True
    with app.app_context():
        engine = db.engine
    count = {"n": 0}

    def counter(*_args):
        count["n"] += 1

    client.get(f"/jobs/{job_id}/results")  # warm up templates
    event.listen(engine, "before_cursor_execute", counter)
    times = []
    for _ in range(RUNS):
        count["n"] = 0
        start = time.perf_counter()
        response = client.get(f"/jobs/{job_id}/results")
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
    event.remove(engine, "before_cursor_execute", counter)
    median = sorted(times)[RUNS // 2] * 1000
    print(
        f"results page, {CANDIDATES} candidates x {MEMBERS} members x {QUESTIONS} questions "
        f"({CANDIDATES * MEMBERS * QUESTIONS} scores): median {median:.0f} ms, "
        f"best {min(times) * 1000:.0f} ms, {count['n']} SQL queries per page"
    )


if __name__ == "__main__":
    main()
