"""Figures kept from the first benchmark: the easy-read checker, speech and the planner."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .report import Report, ms

T = TypeVar("T")


def timed(fn: Callable[[], T], repeat: int = 1) -> tuple[float, T]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def checker(report: Report) -> None:
    from panels.lib import easyread
    from panels.questions import banks

    texts = []
    for bank in banks.load_banks(banks.shipped_folder(), easy_read=False):
        for q in bank.questions:
            texts.extend([q.easy_read, *q.good_answer, *([q.follow_up] if q.follow_up else [])])
    seconds, reports = timed(lambda: [easyread.check(t) for t in texts])
    passed = sum(r.ok for r in reports)
    report.add(
        "Easy-read checker",
        "shipped bank texts passing",
        f"{passed}/{len(texts)} ({100 * passed / len(texts):.1f}%)",
        f"all checked in {ms(seconds)}",
    )
    import yaml

    corpus = Path(__file__).resolve().parents[2] / "tests" / "data" / "interview_questions.yaml"
    asked = [q["text"] for q in yaml.safe_load(corpus.read_text(encoding="utf-8"))["questions"]]
    flagged = sum(not easyread.check(text).ok for text in asked)
    report.add(
        "Easy-read checker",
        "standard interview questions flagged",
        f"{flagged}/{len(asked)} ({100 * flagged / len(asked):.1f}%)",
        "tests/data/interview_questions.yaml",
    )
    public = Path(__file__).resolve().parents[2] / "tests" / "data" / "easyread_public.yaml"
    figures = easyread.public_figures(yaml.safe_load(public.read_text(encoding="utf-8")))
    for part, label in (("held_out", "held out"), ("tuning", "tuning documents")):
        f = figures[part]
        report.add(
            "Easy-read checker",
            f"real documents, {label}",
            f"{100 * f['easy_read']:.1f}% easy-read pass, {100 * f['standard']:.1f}% standard"
            f" flagged, {100 * f['interview']:.1f}% interview questions flagged",
            f"{f['easy_read_count']:.0f} + {f['standard_count']:.0f} + "
            f"{f['interview_count']:.0f} sentences, tests/data/easyread_public.yaml"
            f" (targets 90%, 90%, 80%: {_targets(f)})",
        )
    plain = easyread.plain_form_figures(yaml.safe_load(public.read_text(encoding="utf-8")))
    for part, label in (("held_out", "held out"), ("tuning", "tuning documents")):
        (e_all, e_plain, _), (s_all, s_plain, s_pass) = (
            plain[part]["easy_read"],
            plain[part]["standard"],
        )
        report.add(
            "Easy-read checker",
            f"sentences in plain form, {label}",
            f"standard {s_plain}/{s_all} ({100 * s_plain / max(s_all, 1):.1f}%, "
            f"{s_pass} of them pass), easy-read {e_plain}/{e_all} "
            f"({100 * e_plain / max(e_all, 1):.1f}%)",
            f"at most {easyread.PLAIN_FORM_WORDS} words, each of zipf "
            f">= {easyread.PLAIN_FORM_ZIPF}: the form easy-read aims for, in both kinds of"
            " document",
        )
    big = "We will ask you some questions. " * 3200
    seconds, _ = timed(lambda: easyread.check(big), repeat=3)
    report.add("Easy-read checker", f"{len(big) // 1024} KB text", ms(seconds))


def _targets(f: dict[str, float]) -> str:
    """Which of issue 17's targets these figures meet."""
    missed = [
        name
        for name, key, target in (
            ("easy-read", "easy_read", 0.90),
            ("standard", "standard", 0.90),
            ("interview", "interview", 0.80),
        )
        if f[key] < target
    ]
    return "all met" if not missed else "missed: " + ", ".join(missed)


def speech(report: Report) -> None:
    from panels.lib.speech import Speaker, mp3_duration

    with tempfile.TemporaryDirectory() as folder:
        speaker = Speaker(Path(folder))
        start_up, ok = timed(speaker.available)
        if not ok:
            report.add("Speech", "worker", "speech unavailable", speaker.unavailable_reason)
            return
        text = "Tell us about a time you helped someone to make their own choice."
        first, path = timed(lambda: speaker.audio_path(text))
        cached, _ = timed(lambda: speaker.audio_path(text), repeat=5)
        report.add("Speech", "worker start", ms(start_up))
        report.add(
            "Speech",
            "first question audio",
            ms(first),
            f"{mp3_duration(path):.1f} s clip, {path.stat().st_size / 1024:.0f} KB MP3",
        )
        report.add("Speech", "same audio again (cached)", ms(cached))
        speaker.close()


def planner(report: Report) -> None:
    from datetime import date
    from datetime import time as clock

    from panels.plan import planner as core

    questions = [core.Question(f"q{i}", "Tell us about a time you helped.", "a") for i in range(15)]
    askers = [core.Asker("a", "Sam", pace=2.0)]
    candidates = [core.Candidate(f"c{i}", f"Candidate {i}") for i in range(6)]
    settings = core.Settings(start=clock(9, 0))
    seconds, plan = timed(
        lambda: core.plan_day(
            date(2026, 12, 1), settings, questions, askers, [2.0, 1.0], candidates
        ),
        repeat=20,
    )
    report.add(
        "Planner", "6 candidates x 15 questions", ms(seconds), f"{len(plan.warnings)} warnings"
    )
