"""Task kinds for tests: they record each run, and fail when asked to."""

from __future__ import annotations

import threading

import pytest

from panels.common.areas import TaskKind
from panels.common.tasks import EXTENSION


class Recorder:
    """Kinds "test.ok" (records its payload) and "test.boom" (raises every time)."""

    def __init__(self):
        self.runs: list[dict] = []
        self.lock = threading.Lock()

    def ok(self, payload):
        with self.lock:
            self.runs.append(dict(payload))

    def boom(self, payload):
        with self.lock:
            self.runs.append(dict(payload))
        raise RuntimeError("the printer is on fire")

    def kinds(self) -> dict[str, TaskKind]:
        return {
            "test.ok": TaskKind(run=self.ok, lease_seconds=60),
            "test.boom": TaskKind(run=self.boom, lease_seconds=60),
        }


@pytest.fixture
def recorder(app, monkeypatch):
    """The two test kinds, registered on the app for this test only."""
    found = Recorder()
    for name, kind in found.kinds().items():
        monkeypatch.setitem(app.extensions[EXTENSION], name, kind)
    return found
