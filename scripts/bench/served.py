"""Figures from real servers under wrk, side by side with hello-world: waitress (as `make
serve`) for the saves, waitress and the production gunicorn (one process) for the poll;
start-up, memory, compression and static caching headers."""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable

from . import load
from .load import Load
from .report import Report, ms, per_second, percent
from .server import GUNICORN, HELLO, PANELS, SERVERS, WAITRESS, Server, get
from .tablets import sheet_versions, signed_in, tablet, tablets

POLL_SECONDS = 2


Targets = list[dict] | Callable[[], list[dict]]


def _loaded(server: Server, mode: str, targets: Targets, tag: str) -> tuple[Load, float]:
    """Warm up, let the server finish, then the measured run and its CPU per request.

    Waiting for the server to go idle keeps requests still running from the warm-up from
    meeting the measured run's first ones (the same sheet saved twice at once). A callable
    ``targets`` is asked again before each run (the sheet versions the tablets start on).
    """

    def now() -> list[dict]:
        return targets() if callable(targets) else targets

    load.run(server.port, mode, now(), f"{tag}-warm", load.WARM_UP)
    server.settle()
    before = server.cpu_seconds()
    result = load.run(server.port, mode, now(), tag, load.SECONDS)
    server.settle()
    used = server.cpu_seconds() - before
    return result, used / result.requests if result.requests else 0.0


HELLO_TARGETS = [{"path": "/", "cookie": "", "csrf": ""}]


def hello_figures(report: Report) -> tuple[Load, float]:
    area = "Hello-world baseline"
    with Server(HELLO) as server:
        report.add(area, "start-up to first response", ms(server.started_in))
        report.add(area, "RSS after start", f"{server.rss_mb():.0f} MB")
        result, cpu = _loaded(server, "get", HELLO_TARGETS, "hello")
    _throughput(report, area, result, cpu)
    return result, cpu


def _throughput(report, area, result: Load, cpu: float, hello=None) -> None:
    share = ""
    if hello is not None:
        share = f"{percent(result.per_second, hello[0].per_second)} of hello-world"
        share += f" ({per_second(hello[0].per_second)})"
    report.add(
        area, f"throughput, {load.CLIENTS} clients (wrk)", per_second(result.per_second), share
    )
    latency = f"{result.p50_ms:.1f} / {result.p95_ms:.1f} ms"
    base = f"hello-world {hello[0].p50_ms:.1f} / {hello[0].p95_ms:.1f} ms" if hello else ""
    report.add(area, "latency p50 / p95", latency, base)
    report.add(area, "server CPU per request", ms(cpu), result.errors or "no errors")


def _targets(app, world, key: str) -> list[dict]:
    return [
        {"path": getattr(t, key), "cookie": t.cookie, "csrf": t.csrf} for t in tablets(app, world)
    ]


def _poll_targets(app, world) -> list[dict]:
    """The tablets' live-screen polls, each with the ETag of the state it shows (as
    live.js sends it), when the server gives one. Each tablet asks for its own: a tag
    is the state as one person sees it."""
    targets = []
    for user_id in world.tablet_user_ids:
        me, client = tablet(app, world, user_id)
        etag = client.get(me.poll).headers.get("ETag", "")
        targets.append({"path": me.poll, "cookie": me.cookie, "csrf": me.csrf, "etag": etag})
    return targets


def _save_targets(app, world) -> Callable[[], list[dict]]:
    """The tablets' save targets, each with the version its sheet has when a run starts."""
    targets = _targets(app, world, "path")

    def with_versions() -> list[dict]:
        versions = sheet_versions(app, world)
        return [dict(t, version=v) for t, v in zip(targets, versions, strict=True)]

    return with_versions


def panels_served(report: Report, app, world, url: str, media: str, hello) -> None:
    """Panels on SQLite under waitress: start-up, memory, headers, save load."""
    with Server(PANELS, url, media) as server:
        _start_and_memory(report, app, world, server)
        _headers(report, server)
        if hello is None:
            report.add("Score save, SQLite", "throughput", "not measured", "wrk is missing")
            return
        save = _loaded(server, "save", _save_targets(app, world), "sqlite")
        _throughput(report, "Score save, SQLite", *save, hello=hello)
        report.add("Memory and start-up", "RSS after the load tests", f"{server.rss_mb():.0f} MB")


def poll_served(report: Report, app, world, url: str, media: str, database: str) -> None:
    """Every tablet polling with the ETag of the state it has (the 304 path), on each
    server, right after hello-world on the same server: one process each."""
    area = "Live-screen poll"
    targets = _poll_targets(app, world)
    for kind in (WAITRESS, GUNICORN):
        with Server(HELLO, kind=kind) as server:
            hello, hello_cpu = _loaded(server, "get", HELLO_TARGETS, f"hello-{kind}")
        with Server(PANELS, url, media, kind=kind) as server:
            poll, cpu = _loaded(server, "get", targets, f"poll-{kind}")
        name = f"{database}, {kind}"
        tablets_served = poll.per_second * POLL_SECONDS
        report.add(
            area,
            f"{name}: polls/s, {load.CLIENTS} clients (wrk)",
            per_second(poll.per_second),
            f"{percent(poll.per_second, hello.per_second)} of hello-world on the same server "
            f"({per_second(hello.per_second)}); {poll.errors or 'no errors'}",
        )
        report.add(
            area,
            f"{name}: tablets one process serves (a poll every {POLL_SECONDS} s; target 2,000)",
            f"{tablets_served:,.0f}",
            f"polls/s x {POLL_SECONDS} s; {SERVERS[kind]}",
        )
        report.add(
            area,
            f"{name}: server CPU per poll",
            ms(cpu),
            f"hello-world {ms(hello_cpu)}; p50 / p95 {poll.p50_ms:.1f} / {poll.p95_ms:.1f} ms "
            f"(hello-world {hello.p50_ms:.1f} / {hello.p95_ms:.1f} ms); wrk used "
            f"{100 * poll.client_cpu / poll.seconds:.0f}% of a core beside it",
        )


def save_served(report: Report, area: str, app, world, url: str, media: str, hello) -> None:
    """Only the save under load (``benchmark.py save``)."""
    with Server(PANELS, url, media) as server:
        save = _loaded(server, "save", _save_targets(app, world), area.rsplit(" ", 1)[-1])
    _throughput(report, area, *save, hello=hello)


def postgres_served(report: Report, app, world, url: str, media: str, hello) -> None:
    area = "Score save, PostgreSQL"
    if hello is None:
        report.add(area, "throughput", "not measured", "wrk is missing")
        return
    with Server(PANELS, url, media) as server:
        save = _loaded(server, "save", _save_targets(app, world), "pg")
    _throughput(report, area, *save, hello=hello)
    report.footnote(
        "Server CPU on PostgreSQL counts the app process only, not PostgreSQL's; "
        "scripts/with-postgres.sh runs PostgreSQL with fsync=off."
    )


POLL_NOTE = (
    "The poll is measured on one server process at a time: waitress with 8 threads (make "
    "serve) and gunicorn as deploy/gunicorn.conf.py runs it in production (gthread, 8 "
    "threads, keep-alive) with PANELS_WEB_WORKERS=1; hello-world is measured on the same "
    "server just before. wrk (16 threads, 16 keep-alive connections) runs on the same "
    "cores as the server (and PostgreSQL), so every figure is what one process serves "
    "while sharing the machine with its load; the server's polls/s are also capped by "
    "the one core Python's lock lets a process use."
)


def _start_and_memory(report: Report, app, world, server: Server) -> None:
    area = "Memory and start-up"
    report.add(area, "start-up to first response", ms(server.started_in), "waitress, Panels")
    report.add(area, "RSS after start", f"{server.rss_mb():.0f} MB")
    client = signed_in(app, world.coordinator_id)
    session = client.get_cookie("session")
    assert session is not None
    cookie = f"session={session.value}"
    response = get(server.port, f"/jobs/{world.results_jobs[60]}/results", {"Cookie": cookie})
    report.add(
        area,
        "RSS after the results page (60 candidates)",
        f"{server.rss_mb():.0f} MB",
        f"HTTP {response.status}",
    )


def _headers(report: Report, server: Server) -> None:
    area = "Compression and caching"
    page = get(server.port, "/sign-in", {"Accept-Encoding": "gzip"})
    encoding = page.header("Content-Encoding") or "not compressed"
    report.add(
        area, "HTML with Accept-Encoding: gzip", encoding, f"{len(page.body) / 1024:.1f} KB sent"
    )
    html = gzip.decompress(page.body) if encoding == "gzip" else page.body
    linked = re.findall(r'(?:href|src)="(/static/[^"]+)"', html.decode(errors="replace"))
    for path in [*linked[:2], "/static/css/panels.css"]:
        static = get(server.port, path, {"Accept-Encoding": "gzip"})
        control = static.header("Cache-Control") or "(none)"
        encoding = static.header("Content-Encoding") or "not compressed"
        report.add(area, f"{path} Cache-Control", control, f"{encoding}, HTTP {static.status}")
