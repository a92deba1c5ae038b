"""Report Panels' speed and size figures. Prints figures; asserts nothing (machines are noisy).

make benchmark
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(fn, repeat: int = 1) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def checker_figures() -> None:
    from panels.lib import easyread
    from panels.questions import banks

    folder = banks.shipped_folder()
    texts = []
    for bank in banks.load_banks(folder, easy_read=False):
        for q in bank.questions:
            texts.append(q.easy_read)
            texts.extend(q.good_answer)
            if q.follow_up:
                texts.append(q.follow_up)
    seconds, reports = timed(lambda: [easyread.check(t) for t in texts])
    passed = sum(r.ok for r in reports)
    print(
        f"easy-read checker: {passed}/{len(texts)} shipped bank texts pass "
        f"({100 * passed / len(texts):.1f}%), {1000 * seconds:.1f} ms for all"
    )
    import yaml

    data = ROOT / "tests" / "data"
    asked = yaml.safe_load((data / "interview_questions.yaml").read_text(encoding="utf-8"))
    standard_questions = [q["text"] for q in asked["questions"]]
    flagged = sum(not easyread.check(t).ok for t in standard_questions)
    print(
        f"easy-read checker: {flagged}/{len(standard_questions)} standard interview questions "
        f"flagged ({100 * flagged / len(standard_questions):.1f}%)"
    )
    evaluation = yaml.safe_load((data / "easyread_eval.yaml").read_text(encoding="utf-8"))
    for key, value in easyread.evaluate(evaluation["easy_read"], evaluation["standard"]).items():
        print(f"easy-read checker: evaluation set {key} {100 * value:.1f}%")
    big = "We will ask you some questions. " * 3200
    seconds, _ = timed(lambda: easyread.check(big), repeat=3)
    print(f"easy-read checker: {len(big) // 1024} KB text in {1000 * seconds:.0f} ms")


def speech_figures() -> None:
    from panels.lib.speech import Speaker

    with tempfile.TemporaryDirectory() as folder:
        speaker = Speaker(Path(folder))
        start_up, ok = timed(speaker.available)
        if not ok:
            print("speech: unavailable here:", speaker.unavailable_reason)
            return
        text = "Tell us about a time you helped someone to make their own choice."
        first, path = timed(lambda: speaker.audio_path(text))
        cached, _ = timed(lambda: speaker.audio_path(text), repeat=5)
        from panels.lib.speech import mp3_duration

        print(
            f"speech: worker start {1000 * start_up:.0f} ms; "
            f"first question audio {1000 * first:.0f} ms, "
            f"cached {1000 * cached:.2f} ms, clip {mp3_duration(path):.1f} s, "
            f"{path.stat().st_size / 1024:.0f} KB MP3"
        )
        speaker.close()


def planner_figures() -> None:
    from datetime import date
    from datetime import time as clock

    from panels.plan import planner

    questions = [
        planner.Question(f"q{i}", "Tell us about a time you helped someone.", "a")
        for i in range(15)
    ]
    askers = [planner.Asker("a", "Sam", pace=2.0)]
    candidates = [planner.Candidate(f"c{i}", f"Candidate {i}") for i in range(6)]
    settings = planner.Settings(start=clock(9, 0))
    seconds, plan = timed(
        lambda: planner.plan_day(
            date(2026, 12, 1), settings, questions, askers, [2.0, 1.0], candidates
        ),
        repeat=20,
    )
    print(
        f"planner: 6 candidates x 15 questions planned in {1000 * seconds:.2f} ms "
        f"({len(plan.warnings)} warnings)"
    )


def results_figures() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import benchmark_results

    benchmark_results.main()


def invitation_figures() -> None:
    """The demo candidate's invitation: page weight, PDF and audio build times."""
    import re

    from sqlalchemy import select

    from panels import create_app, demo
    from panels.db import db
    from panels.invitations import service
    from panels.models import Candidate

    folder = Path(tempfile.mkdtemp())
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/inv.sqlite3",
            "SECRET_KEY": "bench",
            "MEDIA_DIR": str(folder / "media"),
        }
    )
    with app.app_context():
        db.create_all()
        demo.load_demo()
        candidate = db.session.scalar(select(Candidate).order_by(Candidate.position))
        token = service.token_for("bench", service.invitation_for(candidate))
        db.session.commit()
    client = app.test_client()
    page = client.get(f"/invite/{token}")
    html = page.data
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+)"', html)
    asset_bytes = sum(len(client.get(a.decode()).data) for a in set(assets))
    print(
        f"invitation page: HTML {len(html) / 1024:.1f} KB, CSS and JS "
        f"{asset_bytes / 1024:.1f} KB, total {(len(html) + asset_bytes) / 1024:.1f} KB"
    )
    for label, path in (("PDF", "invitation.pdf"), ("audio", "invitation.mp3")):
        first, response = timed(lambda p=path: client.get(f"/invite/{token}/{p}"))
        again, _ = timed(lambda p=path: client.get(f"/invite/{token}/{p}"))
        print(
            f"invitation {label}: {response.status_code}, {len(response.data) / 1024:.0f} KB, "
            f"first build {1000 * first:.0f} ms, again {1000 * again:.0f} ms"
        )


EXTRA: list = [results_figures, invitation_figures]

if __name__ == "__main__":
    for figure in (checker_figures, speech_figures, planner_figures, *EXTRA):
        figure()
