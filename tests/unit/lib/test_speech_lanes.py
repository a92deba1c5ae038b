"""Two speech lanes (issue 11): a long synthesis never holds up a short Listen clip."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from panels.lib.speech import SHORT_CHARS, Speaker, mp3_duration

SHORT = "Please sit down. We are ready for you."
LONG = " ".join(["You will meet the panel in a quiet room and we will ask you questions."] * 20)


@pytest.fixture
def speaker(tmp_path: Path):
    spk = Speaker(tmp_path / "audio")
    yield spk
    spk.close()


def _in_thread(fn) -> tuple[threading.Thread, dict]:
    out: dict = {}

    def run() -> None:
        try:
            out["path"] = fn()
        except BaseException as error:  # noqa: BLE001 - handed to the test
            out["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    return thread, out


def test_a_short_clip_is_made_while_the_main_worker_is_busy(speaker: Speaker):
    assert len(SHORT) <= SHORT_CHARS < len(LONG)
    assert speaker.available()
    with speaker._main.lock:  # the main worker is busy (as with a long invitation)
        thread, out = _in_thread(lambda: speaker.audio_path(SHORT))
        thread.join(120)  # a guard against hanging, not a time limit on speech
        assert not thread.is_alive(), "the short clip waited for the busy main worker"
    assert "error" not in out, out.get("error")
    assert mp3_duration(out["path"]) > 1.0
    express = speaker._express.proc
    assert express is not None and express.is_alive() and express is not speaker._proc
    assert type(express).__name__ == "SpawnProcess"  # pyttsx3 in its own spawned process


def test_a_long_text_waits_for_the_main_worker_and_leaves_the_express_lane_free(
    speaker: Speaker,
):
    assert speaker.available()
    assert speaker._starter is not None
    speaker._starter.join(120)  # the express worker is up (it starts in the background)
    assert speaker._express.proc is not None and speaker._express.proc.is_alive()
    with speaker._main.lock:
        thread, out = _in_thread(lambda: speaker.audio_path(LONG))
        thread.join(0.5)
        assert thread.is_alive() and not out  # it cannot start while the main lane is busy
        assert not speaker._express.lock.locked()
    thread.join(120)
    assert not thread.is_alive() and "error" not in out, out.get("error")
    assert mp3_duration(out["path"]) > 10


def test_closing_stops_both_workers(speaker: Speaker):
    speaker.audio_path(SHORT)
    with speaker._main.lock:
        speaker.audio_path("Thank you for coming to see us today.")
    main, express = speaker._proc, speaker._express.proc
    assert main.is_alive() and express.is_alive()
    speaker.close()
    assert speaker._proc is None and speaker._express.proc is None
    assert not main.is_alive() and not express.is_alive()
