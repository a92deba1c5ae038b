"""The live screen's poll in process: the app's own time for one answer, timed around the WSGI
call (no test client, no server), with its SQL statements and whether it sets a cookie.

``python scripts/benchmark.py poll`` runs only the poll's figures (in process and under wrk,
beside hello-world), for working on the poll.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from io import BytesIO

from werkzeug.test import EnvironBuilder

from panels.db import db

from .seed import World
from .tablets import StatementCounter, signed_in


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    median: float  # seconds of wall time in the WSGI call
    cpu: float  # seconds of this thread's CPU time in the WSGI call, median
    statements: int  # SQL statements of one answer
    fastest: float = 0.0  # seconds of wall time, the fastest tenth's slowest (10th centile)


def _environ(path: str, cookie: str, etag: str) -> dict:
    headers = {"Cookie": cookie}
    if etag:
        headers["If-None-Match"] = etag
    builder = EnvironBuilder(path=path, headers=headers)
    try:
        return builder.get_environ()
    finally:
        builder.close()


def wsgi_answer(app, path: str, cookie: str, etag: str = "", runs: int = 500) -> Answer:
    """Call the app's WSGI callable ``runs`` times (after a warm-up) and time each call."""
    template = _environ(path, cookie, etag)
    seen: dict = {}

    def start_response(status: str, headers: list, _exc=None) -> None:
        seen["status"] = int(status.split()[0])
        seen["headers"] = dict(headers)

    def once() -> tuple[float, float]:
        environ = dict(template, **{"wsgi.input": BytesIO()})
        start, cpu = time.perf_counter(), time.thread_time()
        body = app(environ, start_response)
        for _chunk in body:
            pass
        if hasattr(body, "close"):
            body.close()
        return time.perf_counter() - start, time.thread_time() - cpu

    for _ in range(20):
        once()
    counter = None
    if "sqlalchemy" in app.extensions:
        with app.app_context():
            engine = db.engine
        with StatementCounter(engine) as counter:
            once()
    walls, cpus = zip(*(once() for _ in range(runs)), strict=True)
    return Answer(
        seen["status"],
        seen["headers"],
        statistics.median(walls),
        statistics.median(cpus),
        counter.count if counter else 0,
        statistics.quantiles(walls, n=10)[0],
    )


def hello_answer(runs: int = 500) -> Answer:
    """The hello-world app's WSGI call, timed the same way: the floor on this machine now."""
    from .hello import create_app

    return wsgi_answer(create_app(), "/", "", runs=runs)


def poll_path(world: World) -> str:
    return f"/jobs/{world.save_job_id}/live/{world.save_candidate_id}/state.json"


def poll_answers(app, world: World) -> tuple[Answer, Answer]:
    """(the full state, the 304 for a tablet that has it) for the first tablet."""
    client = signed_in(app, world.tablet_user_ids[0])
    path = poll_path(world)
    first = client.get(path)
    cookie = client.get_cookie("session")
    assert first.status_code == 200 and cookie is not None, first.status_code
    etag = first.headers.get("ETag", "")
    full = wsgi_answer(app, path, f"session={cookie.value}", runs=200)
    unchanged = wsgi_answer(app, path, f"session={cookie.value}", etag)
    return full, unchanged
