"""One run of every figure; the table at the end."""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from datetime import datetime

from . import load, machine, media, other, pages
from .plans import sums_plan
from .poll import hello_answer, poll_answers
from .report import Report, ms
from .seed import analyse, make_app, scratch, seed
from .served import (
    POLL_NOTE,
    hello_figures,
    panels_served,
    poll_served,
    postgres_served,
    save_served,
)
from .split import results_split
from .tablets import save_figures

RESULT_SIZES = (15, 60, 240)
AREAS = (
    "Score save, SQLite",
    "Score save, PostgreSQL",
    "Hello-world baseline",
    "Results page",
    "Results page, PostgreSQL",
    "Live-screen poll",
    "Invitation",
    "Screen weights",
    "Speech worker",
    "Compression and caching",
    "Memory and start-up",
)


def main() -> None:
    if sys.argv[1:] == ["poll"]:
        _poll_only()
        return
    if sys.argv[1:] == ["results"]:
        _results_only()
        return
    if sys.argv[1:] == ["save"]:
        _save_only()
        return
    report = Report(AREAS)
    busy = machine.Busy()
    heading = _heading()
    print(heading, flush=True)
    other.checker(report)
    other.speech(report)
    other.planner(report)
    hello = hello_figures(report) if load.available() else None
    _sqlite(report, hello)
    _postgres(report, hello)
    _invitation(report)
    _screens(report)
    if hello is not None:
        report.footnote(POLL_NOTE)
    print()
    print(heading)
    print(f"load average after: {machine.load_average()}; run took {busy.describe()}")
    print()
    report.print()


def _heading() -> str:
    return (
        f"Panels benchmark {datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} CPU cores, "
        f"load average before: {machine.load_average()}; Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}; waitress --threads=8 (the poll: also gunicorn); "
        f"wrk {load.CLIENTS} threads x {load.CLIENTS} connections, "
        f"{load.SECONDS} s after a {load.WARM_UP} s warm-up"
    )


def _save_in_process(report: Report, area: str, app, world) -> None:
    statements, cpu = save_figures(app, world)
    report.add(area, "SQL statements per save", str(statements), "Flask test client")
    report.add(area, "CPU per save", ms(cpu), "Flask test client, in process")


def _sqlite(report: Report, hello) -> None:
    folder = scratch("sqlite")
    url = f"sqlite:///{folder}/bench.sqlite3"
    app = make_app(url, folder)
    world = seed(app, RESULT_SIZES)
    _save_in_process(report, "Score save, SQLite", app, world)
    _results(report, app, world)
    _poll(report, app, world)
    panels_served(report, app, world, url, str(folder / "media"), hello)
    if hello is not None:
        poll_served(report, app, world, url, str(folder / "media"), "SQLite")


def _postgres(report: Report, hello) -> None:
    url = os.environ.get("PANELS_TEST_DATABASE_URL", "")
    area = "Score save, PostgreSQL"
    if not url.startswith("postgresql"):
        report.add(area, "all figures", "not measured", "no PostgreSQL (see make benchmark)")
        return
    folder = scratch("postgresql")
    app = make_app(url, folder)
    world = seed(app, RESULT_SIZES)
    analyse(app)  # as autovacuum would have by the time anyone reads the results
    _save_in_process(report, area, app, world)
    _results(report, app, world, "Results page, PostgreSQL")
    postgres_served(report, app, world, url, str(folder / "media"), hello)
    if hello is not None:
        poll_served(report, app, world, url, str(folder / "media"), "PostgreSQL")


def _results(report: Report, app, world, area: str = "Results page") -> None:
    """15, 60 and 240 candidates, in a database holding all three jobs and the save job
    (as an installation holds many jobs); then where the time goes for 60."""
    times, cpus, fastest = {}, {}, {}
    for size in RESULT_SIZES:
        timed = pages.results_page(app, world, size)
        times[size], cpus[size], fastest[size] = timed.median, timed.cpu, timed.fastest
        report.add(
            area,
            f"{size} candidates x 10 members x 15 questions",
            ms(timed.median),
            f"median of 9 ({ms(timed.cpu)} CPU, fastest {ms(timed.fastest)}), "
            f"{timed.statements} SQL statements, HTTP {timed.status}",
        )
    per = ", ".join(f"{n}: {ms(t / n)}" for n, t in times.items())
    report.add(
        area, "time for 240 / time for 60", f"x{times[240] / times[60]:.1f}", "x4.0 is linear"
    )
    report.add(
        area,
        "fastest for 240 / fastest for 60",
        f"x{fastest[240] / fastest[60]:.1f}",
        "x4.0 is linear",
    )
    report.add(
        area,
        "CPU for 240 / CPU for 60",
        f"x{cpus[240] / cpus[60]:.1f}",
        "x4.0 is linear; CPU is what a busy machine changes least",
    )
    report.add(area, "time per candidate", per)
    for size in RESULT_SIZES:
        short, plan = sums_plan(app, world.results_jobs[size])
        report.add(area, f"how the scores are read, {size} candidates", short, plan)
    for size in (60, 240):
        split = results_split(app, world, size)
        report.add(
            area,
            f"where the time goes, {size} candidates",
            ms(split.total),
            f"{split.describe()}, medians of 9; load average {machine.load_average()}",
        )


def _poll(report: Report, app, world) -> None:
    area = "Live-screen poll"
    full, unchanged = poll_answers(app, world)
    report.add(
        area,
        "app time, full state",
        ms(full.median),
        f"HTTP {full.status}, {ms(full.cpu)} CPU, {full.statements} SQL statements, "
        "median of 200 WSGI calls",
    )
    if "ETag" not in full.headers:
        report.add(area, "nothing changed: 304 with ETag?", "no ETag", "full state every poll")
        return
    cookie = "sets a cookie" if "Set-Cookie" in unchanged.headers else "no Set-Cookie"
    hello = hello_answer()
    report.add(
        area,
        "app time, nothing changed (target under 1 ms)",
        ms(unchanged.median),
        f"HTTP {unchanged.status}, {ms(unchanged.cpu)} CPU, 10th centile "
        f"{ms(unchanged.fastest)}, {unchanged.statements} SQL statement(s), {cookie}, "
        "median of 500 WSGI calls",
    )
    report.add(
        area,
        "app time, hello-world's WSGI call beside it",
        ms(hello.median),
        f"{ms(hello.cpu)} CPU, 10th centile {ms(hello.fastest)}; the poll's 304 takes "
        f"x{unchanged.median / hello.median:.1f}",
    )


def _poll_only() -> None:
    """Only the poll's figures: in process, then under wrk beside hello-world, on SQLite
    and (with PANELS_TEST_DATABASE_URL) PostgreSQL."""
    report = Report(("Live-screen poll",))
    heading = _heading()
    print(heading, flush=True)
    folder = scratch("poll")
    url = f"sqlite:///{folder}/bench.sqlite3"
    app = make_app(url, folder)
    world = seed(app)
    _poll(report, app, world)
    if load.available():
        poll_served(report, app, world, url, str(folder / "media"), "SQLite")
        pg_url = os.environ.get("PANELS_TEST_DATABASE_URL", "")
        if pg_url.startswith("postgresql"):
            pg_folder = scratch("poll-pg")
            pg_app = make_app(pg_url, pg_folder)
            pg_world = seed(pg_app)
            poll_served(report, pg_app, pg_world, pg_url, str(pg_folder / "media"), "PostgreSQL")
        report.footnote(POLL_NOTE)
    print()
    print(heading)
    print(f"load average after: {machine.load_average()}")
    print()
    report.print()


def _results_only() -> None:
    """Only the results page's figures: SQLite, then PostgreSQL when there is one."""
    report = Report(("Results page", "Results page, PostgreSQL"))
    print(_heading(), flush=True)
    folder = scratch("results")
    app = make_app(f"sqlite:///{folder}/bench.sqlite3", folder)
    _results(report, app, seed(app, RESULT_SIZES))
    url = os.environ.get("PANELS_TEST_DATABASE_URL", "")
    if url.startswith("postgresql"):
        folder = scratch("results-postgresql")
        app = make_app(url, folder)
        world = seed(app, RESULT_SIZES)
        analyse(app)
        _results(report, app, world, "Results page, PostgreSQL")
    print(f"load average after: {machine.load_average()}")
    report.print()


def _save_only() -> None:
    """Only the score save's figures, SQLite then PostgreSQL (when there is one), each in
    process and then under wrk beside hello-world measured in the same run."""
    report = Report(AREAS[:3])
    busy = machine.Busy()
    print(_heading(), flush=True)
    hello = hello_figures(report) if load.available() else None
    folder = scratch("save-sqlite")
    url = f"sqlite:///{folder}/bench.sqlite3"
    app = make_app(url, folder)
    world = seed(app)
    _save_in_process(report, "Score save, SQLite", app, world)
    if hello is not None:
        save_served(report, "Score save, SQLite", app, world, url, str(folder / "media"), hello)
    _postgres(report, hello)
    print(f"load average after: {machine.load_average()}; run took {busy.describe()}")
    report.print()


def _invitation(report: Report) -> None:
    area = "Invitation"
    inv = media.invitation()
    html, assets = media.page_weight(inv)
    report.add(area, "page weight", f"{(html + assets) / 1024:.1f} KB", _kb(html, assets))
    first, again, status, size = media.pdf_times(inv)
    report.add(area, "PDF first request", ms(first), f"HTTP {status}, {size / 1024:.0f} KB")
    cached = "cached" if again < first / 3 else "rebuilt on every request"
    report.add(area, "PDF repeated request", ms(again), cached)
    ok, reason = media.speech_available(inv)
    if not ok:
        report.add("Speech worker", "Listen clip during a long MP3", "speech unavailable", reason)
        return
    speech = media.speech_times(inv)
    report.add(area, "invitation MP3 first request", ms(speech.long_first))
    report.add(area, "invitation MP3 repeated", ms(speech.long_again))
    blocked = speech.short_during_long > speech.short_alone + 0.25 * speech.long_first
    report.add("Speech worker", "short Listen clip alone", ms(speech.short_alone))
    report.add(
        "Speech worker",
        "short Listen clip while the MP3 is made",
        ms(speech.short_during_long),
        "waits for the long one" if blocked else "not blocked",
    )


def _kb(html: int, assets: int) -> str:
    return f"HTML {html / 1024:.1f} KB, CSS and JS {assets / 1024:.1f} KB"


def _screens(report: Report) -> None:
    """First-load weight of each panel and candidate screen, in Chromium (issue 17)."""
    area = "Screen weights"
    try:
        import measure_screens

        rows = measure_screens.measure_demo({"375x667": (375, 667)})
    except Exception as error:  # noqa: BLE001 - a missing browser is reported, not hidden
        report.add(area, "Chromium", "not measured", f"{type(error).__name__}: {error}"[:120])
        return
    for _size, name, _box, height, _listens, kb, requests in rows:
        if name == "marking save":
            continue  # the same page as "marking"
        note = f"{requests} requests, page {height} px tall on a 375x667 phone"
        report.add(area, f"{name}, first load", f"{kb:.1f} KB", f"{note} (target 30 KB)")
