"""A server serving Panels or the hello-world app, with its start-up time, memory (RSS) and
CPU time read from /proc: waitress with 8 threads (as `make serve` does), or gunicorn as the
production set-up runs it (deploy/gunicorn.conf.py: gthread, 8 threads) with ONE worker
process, whose figures are the worker's own (the master process only watches it)."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .seed import SECRET, scratch

ROOT = Path(__file__).resolve().parents[2]
THREADS = 8  # as in `make serve`
PANELS = "panels:create_app"
HELLO = "bench.hello:create_app"
WAITRESS = "waitress"
GUNICORN = "gunicorn"
SERVERS = {
    WAITRESS: f"waitress, {THREADS} threads (make serve)",
    GUNICORN: "gunicorn, 1 process (production: deploy/gunicorn.conf.py, gthread, 8 threads)",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


def get(port: int, path: str, headers: dict | None = None) -> Reply:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        found = {k.lower(): v for k, v in response.getheaders()}
        return Reply(response.status, found, response.read())
    finally:
        connection.close()


@dataclass
class Server:
    app: str
    database_url: str = ""
    media_dir: str = ""
    kind: str = WAITRESS
    port: int = field(default_factory=free_port)
    started_in: float = 0.0
    process: subprocess.Popen | None = None
    log: Path | None = None  # the server's own output

    def __enter__(self) -> Server:
        env = dict(
            os.environ,
            PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'scripts'}",
            PANELS_SECRET_KEY=SECRET,
            PANELS_DATABASE_URL=self.database_url,
            PANELS_MEDIA_DIR=self.media_dir,
        )
        if self.kind == GUNICORN:
            env["PANELS_WEB_WORKERS"] = "1"
            command = [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                str(ROOT / "deploy/gunicorn.conf.py"),
            ]
            command += ["--bind", f"127.0.0.1:{self.port}", f"{self.app}()"]
        else:
            command = [sys.executable, "-m", "waitress", "--host=127.0.0.1"]
            command += [f"--port={self.port}", f"--threads={THREADS}", "--call", self.app]
        self.log = scratch("server") / f"{self.kind}.log"
        start = time.perf_counter()
        with self.log.open("w") as log:
            self.process = subprocess.Popen(  # noqa: S603
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        self._wait_for_first_response()
        self.started_in = time.perf_counter() - start
        return self

    def _wait_for_first_response(self, limit: float = 60.0) -> None:
        deadline = time.monotonic() + limit
        path = "/" if self.app == HELLO else "/sign-in"
        while time.monotonic() < deadline:
            try:
                if get(self.port, path).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.005)
        raise RuntimeError(f"{self.app} did not answer within {limit:.0f} s")

    def __exit__(self, *_exc) -> None:
        assert self.process is not None
        if self.kind == GUNICORN:
            self.process.send_signal(signal.SIGINT)  # quick shutdown (SIGTERM waits up to 30 s)
        else:
            self.process.terminate()
        self.process.wait(timeout=35)

    @property
    def pid(self) -> int:
        """The process answering requests: waitress's own, gunicorn's one worker."""
        assert self.process is not None
        if self.kind != GUNICORN:
            return self.process.pid
        own = self.process.pid
        children = Path(f"/proc/{own}/task/{own}/children").read_text().split()
        if len(children) != 1:
            raise RuntimeError(f"gunicorn has {len(children)} worker processes, not one")
        return int(children[0])

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def settle(self, limit: float = 10.0) -> None:
        """Wait until the server uses no more CPU (requests in flight have finished)."""
        deadline = time.monotonic() + limit
        used = self.cpu_seconds()
        while time.monotonic() < deadline:
            time.sleep(0.1)
            now = self.cpu_seconds()
            if now - used < 0.005:
                return
            used = now

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
