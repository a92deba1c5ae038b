"""App server processes for tests: N gunicorn processes (and the worker) on one database.

``app_servers(n)`` (a fixture factory) starts ``n`` gunicorn servers, each on its own
port with one process, made with the production config (``deploy/gunicorn.conf.py``),
plus one background worker, all against the test database (the ``app`` fixture has
migrated it; a SQLite file or PostgreSQL), with one secret key. It waits until each
answers /healthz with 200 and stops them all after the test. Use it in tests marked
``@pytest.mark.concurrency`` (they commit for real) and ``@pytest.mark.servers``.

``Browser`` is a requests session that fills in a page's form the way a browser would
(every field with its value, the CSRF token included) and does not follow redirects.
"""

from __future__ import annotations

import ctypes
import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SECRET = "one-secret-for-every-process-in-this-test"  # noqa: S105
READY_SECONDS = 90


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(app, **extra) -> dict[str, str]:
    """What every process gets: the test database, one secret, one media folder."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PANELS_") or key == "PANELS_TEST_DATABASE_URL"
    }
    env.update(
        PYTHONPATH=str(ROOT),
        PANELS_DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        PANELS_SECRET_KEY=SECRET,
        PANELS_MEDIA_DIR=app.config["MEDIA_DIR"],
        PANELS_LOG_FORMAT="json",
        **extra,
    )
    return env


@dataclass
class Started:
    name: str
    process: subprocess.Popen
    log: Path
    url: str | None = None


def _die_with_the_tests() -> None:
    """In the child: SIGTERM when the test process dies, however it dies (Linux)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def _start(name: str, command: list[str], env: dict, folder: Path, url=None) -> Started:
    log = folder / f"{name}.log"
    out = log.open("wb")
    process = subprocess.Popen(  # noqa: S603  (our own commands)
        command,
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=_die_with_the_tests,
    )
    return Started(name, process, log, url)


def _wait_healthy(started: list[Started]) -> None:
    deadline = time.monotonic() + READY_SECONDS
    waiting = [s for s in started if s.url]
    while waiting and time.monotonic() < deadline:
        for server in list(waiting):
            if server.process.poll() is not None:
                raise RuntimeError(f"{server.name} stopped:\n{server.log.read_text()[-3000:]}")
            try:
                if requests.get(server.url + "/healthz", timeout=2).status_code == 200:
                    waiting.remove(server)
            except requests.RequestException:
                pass
        time.sleep(0.2)
    if waiting:
        logs = "\n".join(f"--- {s.name}\n{s.log.read_text()[-3000:]}" for s in started)
        raise RuntimeError(f"Not healthy after {READY_SECONDS} s:\n{logs}")


def _stop(started: list[Started]) -> None:
    for s in started:
        if s.process.poll() is None:
            s.process.send_signal(signal.SIGTERM)
    for s in started:
        try:
            s.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            s.process.kill()
            s.process.wait()


@pytest.fixture
def app_servers(app, tmp_path):
    """``app_servers(n)``: the URLs of n running app servers (and one worker)."""
    started: list[Started] = []

    def start(count: int = 2, worker: bool = True) -> list[str]:
        env = server_env(app)
        if worker:
            flask = [str(BIN / "flask"), "--app", "panels", "worker"]
            started.append(_start("worker", flask, env, tmp_path))
        for n in range(count):
            port = free_port()
            command = [
                str(BIN / "gunicorn"),
                "-c",
                str(ROOT / "deploy" / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--threads",
                "4",
            ]
            url = f"http://127.0.0.1:{port}"
            started.append(_start(f"server{n + 1}", command, env, tmp_path, url))
        _wait_healthy(started)
        return [s.url for s in started if s.url]

    start.started = started  # type: ignore[attr-defined]
    yield start
    _stop(started)


# --- a browser that fills in forms ---------------------------------------------------------


class _Forms(HTMLParser):
    """Every <form> of a page: its action and its fields with their values."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "fields": {}})
        elif not self.forms:
            return
        fields = self.forms[-1]["fields"]
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    fields[name] = a.get("value", "on")
            elif kind not in ("submit", "button", "file", "image"):
                fields[name] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            if "selected" in a or self._select not in fields:
                fields[self._select] = a.get("value", "")

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def forms_of(html: str) -> list[dict]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


class Browser:
    """One person's browser. Each call names the server it goes to."""

    def __init__(self):
        self.session = requests.Session()

    def get(self, base: str, path: str) -> requests.Response:
        return self.session.get(base + path, allow_redirects=False, timeout=60)

    def post(self, base: str, path: str, data: dict | None = None) -> requests.Response:
        return self.session.post(base + path, data=data or {}, allow_redirects=False, timeout=60)

    def fill_in(self, page_from: str, post_to: str, path: str, to=None, **values):
        """GET ``path`` from one server, fill in its form (the one posting to ``to``,
        by default ``path``) with ``values``, and POST it to the other server."""
        page = self.get(page_from, path)
        assert page.status_code == 200, (path, page.status_code)
        target = to or path.split("?")[0]
        forms = [f for f in forms_of(page.text) if f["action"] in (target, "")]
        assert forms, f"no form posting to {target} on {path}"
        fields = {**forms[0]["fields"], **values}
        return self.post(post_to, target, {k: v for k, v in fields.items() if v is not None})


def location(response: requests.Response) -> str:
    """The path a redirect goes to."""
    return re.sub(r"^https?://[^/]+", "", response.headers["Location"])
