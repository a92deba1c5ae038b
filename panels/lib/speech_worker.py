"""Child side of read-aloud: runs pyttsx3 (espeak-ng) alone in a spawned process.

pyttsx3 is not thread-safe and hangs after a fork, so `panels.lib.speech.Speaker` starts this
with the multiprocessing "spawn" context and sends one job at a time over a pipe.

Messages, child to parent: ("ready", voice_id) or ("unavailable", reason) once at start,
then ("ok", "") or ("error", detail) per job. Parent to child: (text, wav_path, rate,
mp3_path or None) per job, or None to stop. With an mp3_path the WAV is also encoded as MP3
here, so the encoding (C code, a second or so for minutes of speech) runs outside the web
process and within the job's time limit.

pyttsx3 2.99 quirks handled here (espeak driver, Linux):
- espeak-ng runs in AUDIO_OUTPUT_RETRIEVAL mode, which is asynchronous: synthesis and the
  WAV write happen on espeak-ng's own thread, and the first `runAndWait()` returns before
  the file exists. We wait for the "finished-utterance" event, then for espeak-ng to go idle.
- Properties set before the first run are queued and applied inside runAndWait, where the
  rate change (asynchronous in espeak-ng) can be cancelled by the driver's own stop(). So a
  warm-up clip runs first, then voice and rate are set, waited for and checked. Each run
  starts only when espeak-ng is idle, for the same reason.
- Setting an unknown voice fails silently (error event) and resets the rate to 175, so we
  resolve the voice id first and set voice before rate.
- The driver prints "Audio saved to ..." on stdout; stdout goes to /dev/null here.
- The driver writes 16-bit mono at a fixed 22,050 Hz, which matches espeak-ng's own
  voices but not MBROLA voices ("mb/..."), so those are refused.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from typing import Any

from panels.lib.mp3 import encode_wav

DEFAULT_LANGUAGE = "en-gb"


def pick_voice(voices: list[Any], wanted: str | None) -> str | None:
    """Return the id of the voice matching `wanted` (id, language or name), else None."""
    usable = [v for v in voices if not str(v.id).startswith("mb/")]
    target = (wanted or DEFAULT_LANGUAGE).lower()
    for voice in usable:
        if str(voice.id).lower() == target:
            return voice.id
    for voice in usable:
        if target in [str(lang).lower() for lang in (voice.languages or [])]:
            return voice.id
    for voice in usable:
        if str(voice.name).lower() == target:
            return voice.id
    if wanted is None:  # no en-gb: any English voice will do
        for voice in usable:
            if any(str(lang).lower().startswith("en") for lang in (voice.languages or [])):
                return voice.id
    return None


class _Synth:
    """One pyttsx3 engine plus the events needed to know when a file is really written."""

    def __init__(self, driver: str, voice: str | None) -> None:
        import pyttsx3  # imported only in the worker process

        self.engine = pyttsx3.init(driver)
        self.voice_id = pick_voice(self.engine.getProperty("voices"), voice)
        if self.voice_id is None:
            raise LookupError(f"the voice {voice or DEFAULT_LANGUAGE!r} is not installed")
        self.done = threading.Event()
        self.completed = False
        self.rate: int | None = None
        self.errors: list[BaseException] = []
        self.engine.connect("finished-utterance", self._on_finished)
        self.engine.connect("error", lambda **kw: self.errors.append(kw.get("exception")))

    def _on_finished(self, **kw: Any) -> None:
        self.completed = bool(kw.get("completed"))
        self.done.set()

    def _espeak(self) -> Any:
        try:
            from pyttsx3.drivers import _espeak
        except ImportError:  # another driver: nothing to wait for
            return None
        return _espeak

    def _wait_idle(self) -> None:
        """Wait until espeak-ng's own thread has no command queued or running."""
        espeak = self._espeak()
        while espeak is not None and espeak.IsPlaying():
            time.sleep(0.005)

    def _run(self, text: str, path: str) -> bool:
        """One save_to_file + runAndWait, waited for properly. True if it completed."""
        self._wait_idle()  # else runAndWait's stop() cancels the queued work
        self.done.clear()
        self.completed = False
        self.errors.clear()
        self.engine.save_to_file(text, path)
        self.engine.runAndWait()
        self.done.wait()  # the parent enforces the time limit
        self._wait_idle()
        return self.completed

    def configure(self, rate: int, scratch: str) -> None:
        """Set voice and rate. Properties are only applied once a first run has happened."""
        if self.rate is None:
            self._run("Ready.", scratch)  # warm-up: makes the engine apply commands at once
            with contextlib.suppress(OSError):
                os.remove(scratch)
        self.errors.clear()
        self.engine.setProperty("voice", self.voice_id)
        self.engine.setProperty("rate", rate)
        self._wait_idle()  # espeak-ng applies the rate asynchronously
        if self.errors:
            raise RuntimeError(str(self.errors[0]))
        actual = self.engine.getProperty("rate")
        if actual != rate:
            raise RuntimeError(f"speaking rate is {actual}, not {rate}")
        self.rate = rate

    def save(self, text: str, path: str, rate: int) -> None:
        """Write `text` as a WAV file at `path`; raise on any engine error."""
        if rate != self.rate:
            self.configure(rate, path)
        for _attempt in range(3):  # a run cancelled by a stray stop() is tried again
            if self._run(text, path) or self.errors:
                break
        if self.errors:
            raise RuntimeError(str(self.errors[0]))
        if not self.completed:
            raise RuntimeError("the speech engine stopped before the end")
        if not os.path.exists(path):
            raise RuntimeError("the speech engine wrote no audio file")


def worker_main(conn: Any, driver: str, voice: str | None) -> None:
    """Entry point of the spawned worker process."""
    sys.stdout = open(os.devnull, "w")  # the driver prints on every save
    try:
        synth = _Synth(driver, voice)
    except Exception as exc:  # any failure here means "cannot speak"
        conn.send(("unavailable", f"{type(exc).__name__}: {exc}"))
        conn.close()
        return
    conn.send(("ready", synth.voice_id))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            break
        if job is None:
            break
        text, path, rate, mp3_path = job
        try:
            synth.save(text, path, rate)
            if mp3_path is not None:
                encode_wav(path, mp3_path)
        except Exception as exc:  # report every engine error to the parent
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
        else:
            conn.send(("ok", ""))
    conn.close()
