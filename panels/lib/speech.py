"""Read-aloud for easy-read text: MP3 files made by pyttsx3 (espeak-ng), cached on disk.

pyttsx3 runs only in spawned worker processes (see `panels.lib.speech_worker`), each one job
at a time, with a time limit per job. There are two lanes: the main worker, and an express
worker for short clips (a Listen button) that come while the main one is busy, so a long
synthesis (an invitation read aloud) never holds up a short clip. The worker writes a WAV,
then encodes it as a small MP3 (see `panels.lib.mp3`); only the MP3 is kept, unless a
caller asks for the WAV itself.
`Speaker` is safe to call from many threads (waitress).
As with any use of multiprocessing "spawn", the script that starts the web server must
guard its start-up code with ``if __name__ == "__main__":``.
"""

from __future__ import annotations

import atexit
import calendar
import hashlib
import html
import json
import multiprocessing
import os
import re
import threading
import uuid
import wave
from pathlib import Path
from typing import Any

from panels.lib.mp3 import BITRATE_KBPS, QUALITY, Mp3Info, mp3_info
from panels.lib.mp3 import mp3_duration as mp3_duration  # for callers and tests
from panels.lib.speech_worker import worker_main

MAX_CHARS = 5000
DEFAULT_RATE = 130  # words a minute heard: slow and clear for easy-read
# espeak-ng 1.51 (en-gb) speaks short easy-read sentences about 22% faster than its nominal
# words-a-minute setting (nominal 130 -> about 159 heard), so the engine gets rate * 0.82,
# never below espeak-ng's floor of 80. Change _FORMAT if you change this.
ENGINE_RATE_FACTOR = 0.82
ENGINE_MIN_RATE = 80
STARTUP_TIMEOUT = 60.0  # seconds allowed for the worker process to start
SHORT_CHARS = 400  # a spoken text this long or shorter may take the express lane
_FORMAT = "speech-2"  # bump to invalidate every cached clip

INSTALL_HINT = (
    "Read aloud is not working on this server, so the Listen buttons cannot play. "
    "The speech program espeak-ng (or its pyttsx3 driver) is missing or broken. "
    "Someone who looks after the server can install it with: apt-get install espeak-ng"
)


class SpeechUnavailable(Exception):
    """The server cannot make speech at all (espeak-ng or the pyttsx3 driver is missing)."""


class SpeechFailed(Exception):
    """One clip could not be made: too slow (timeout) or an engine error."""


# ---------------------------------------------------------------------------------------
# Text tidying

_TAG = re.compile(r"<[^>]*>")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w.])(?:\+\d{1,3}[ -]?|0)\d(?:[ -]?\d){7,12}(?!\w|\.\d)")
_BULLET = re.compile(r"^\s*(?:[-*+•·‣◦▪]|\d+[.)]|#+|>)\s+", re.MULTILINE)
_MARKUP = re.compile(r"\*\*|__|`+|~~|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")
_EMOJI = re.compile(
    "["
    "\U0001f000-\U0001faff"  # pictographs, emoticons, transport, flags, etc.
    "\U000e0000-\U000e007f"  # tag characters (subdivision flags)
    "\u2190-\u21ff"  # arrows
    "\u2300-\u23ff"  # technical symbols (watch, hourglass)
    "\u2460-\u24ff"  # enclosed alphanumerics
    "\u25a0-\u27bf"  # shapes, dingbats, misc symbols
    "\u2b00-\u2bff"  # misc symbols and arrows
    "\ufe00-\ufe0f"  # variation selectors
    "\u200d\u20e3"  # zero-width joiner, keycap
    "]+"
)
_TIME_AMPM = re.compile(r"\b(1[0-2]|0?[1-9])(?:[:.]([0-5]\d))?\s*([ap])\.?\s*m\b\.?", re.IGNORECASE)
_TIME_24 = re.compile(r"\b([01]?\d|2[0-3]):([0-5]\d)\b")
_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def _say_time(hour: int, minute: int, ampm: str | None) -> str:
    """'10', '30', 'pm' -> '10 30 p.m.'; minutes 00 -> o'clock; 05 -> oh 5."""
    if ampm is None and hour > 12:
        hour, ampm = hour - 12, "p"
    elif ampm is None and hour == 0:
        hour, ampm = 12, "a"
    if minute == 0:
        words = f"{hour} o'clock" if ampm is None else f"{hour}"
    elif minute < 10:
        words = f"{hour} oh {minute}"
    else:
        words = f"{hour} {minute}"
    return words if ampm is None else f"{words} {ampm.lower()}.m."


def _time_ampm(m: re.Match[str]) -> str:
    return _say_time(int(m.group(1)), int(m.group(2) or 0), m.group(3))


def _time_24(m: re.Match[str]) -> str:
    return _say_time(int(m.group(1)), int(m.group(2)), None)


def _url(m: re.Match[str]) -> str:
    """Short bare web addresses are read out; long links become 'the web link'."""
    url = m.group(0).rstrip(".,;:!?)")
    tail = m.group(0)[len(url) :]
    host = re.sub(r"^https?://", "", url, flags=re.IGNORECASE).rstrip("/")
    if "/" in host or "?" in host or len(host) > 40:
        return "the web link" + tail
    return host + tail


def _phone(m: re.Match[str]) -> str:
    """'01632 960123' -> '0 1 6 3 2, 9 6 0 1 2 3' so each digit is said."""
    raw = m.group(0)
    groups = [" ".join(group) for group in re.split(r"[ -]", raw.lstrip("+")) if group]
    return ("plus " if raw.startswith("+") else "") + ", ".join(groups)


def _date(m: re.Match[str]) -> str:
    day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
        return f"{day} {calendar.month_name[month]} {year}"
    return m.group(0)


def _end_lines(text: str) -> str:
    """Give every non-empty line an ending mark so the voice pauses between lines."""
    lines = []
    for line in text.split("\n"):
        line = line.strip()
        if line:
            lines.append(line if line[-1] in ".!?:;," else line + ".")
    return " ".join(lines)


def spoken_text(text: str) -> str:
    """Tidy text for speech: drop markup, links and emoji; say times and dates clearly."""
    text = html.unescape(_TAG.sub(" ", str(text)))
    text = _MD_LINK.sub(r"\1", text)
    text = _URL.sub(_url, text)
    text = _PHONE.sub(_phone, text)
    text = _BULLET.sub("", text)
    text = _MARKUP.sub("", text)
    text = _EMOJI.sub(" ", text)
    text = _DATE.sub(_date, text)
    text = _TIME_AMPM.sub(_time_ampm, text)
    text = _TIME_24.sub(_time_24, text)
    text = _end_lines(_SPACES.sub(" ", text))
    return _SPACES.sub(" ", text).strip()


def _checked(text: str) -> str:
    """Spoken form of `text`, or ValueError in plain words."""
    if not isinstance(text, str):
        raise ValueError("Only text can be read aloud.")
    spoken = spoken_text(text)
    if not any(ch.isalnum() for ch in spoken):
        raise ValueError("There are no words here to read aloud.")
    if len(spoken) > MAX_CHARS:
        raise ValueError(
            f"This text is too long to read aloud in one go: it has {len(spoken):,} "
            f"letters and spaces, and the most is {MAX_CHARS:,}. Split it into shorter parts."
        )
    return spoken


# ---------------------------------------------------------------------------------------
# Audio files


def wav_duration(path: Path) -> float:
    """Length of a WAV file in seconds."""
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / float(wav.getframerate())


def _check_wav(path: Path) -> float:
    """Seconds of audio in the engine's WAV, or SpeechFailed if it is broken or empty."""
    try:
        seconds = wav_duration(path)
    except (OSError, EOFError, wave.Error) as exc:
        raise SpeechFailed(f"The speech engine made a broken audio file ({exc}).") from exc
    if seconds == 0:
        raise SpeechFailed("The speech engine made an empty audio file.")
    return seconds


def _check_mp3(path: Path, wav_seconds: float) -> Mp3Info:
    """The MP3's frame facts, or SpeechFailed unless it is as long as the WAV it came from."""
    try:
        info = mp3_info(path)
    except (OSError, ValueError) as exc:
        raise SpeechFailed(f"The audio could not be made smaller as MP3 ({exc}).") from exc
    if abs(info.seconds - wav_seconds) > 0.5:
        raise SpeechFailed(
            f"The MP3 audio is {info.seconds:.1f} seconds long, not {wav_seconds:.1f}."
        )
    return info


class _Lane:
    """One worker process and the lock that gives it one job at a time."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lock = threading.Lock()
        self.proc: Any = None
        self.conn: Any = None


class Speaker:
    """Makes and caches MP3 clips (WAV on request), thread-safe.

    Two lanes, each a spawned worker doing one job at a time: every clip goes to the main
    lane, except a short one that arrives while the main lane is busy: that one takes the
    express lane (started in the background when the main worker starts).
    """

    def __init__(
        self,
        cache_dir: Path,
        rate: int = DEFAULT_RATE,
        voice: str | None = None,
        timeout: float = 30.0,
        *,
        driver: str = "espeak",
    ) -> None:
        if isinstance(rate, bool) or not isinstance(rate, int) or not 50 <= rate <= 400:
            raise ValueError("The speaking rate must be a whole number of words a minute, 50-400.")
        if not timeout > 0:
            raise ValueError("The time limit must be more than 0 seconds.")
        self.cache_dir = Path(cache_dir)
        self.rate = rate
        self.voice = voice
        self.timeout = float(timeout)
        self.driver = driver
        self.voice_id: str | None = None  # the engine's id for the voice, once started
        self._main = _Lane("panels-speech")
        self._express = _Lane("panels-speech-express")
        self._starter: threading.Thread | None = None
        self._available: bool | None = None
        self._reason = ""

    @property
    def _proc(self) -> Any:
        """The main lane's worker process (None when it is not running)."""
        return self._main.proc

    @property
    def engine_rate(self) -> int:
        """The rate given to espeak-ng so that listeners hear about `rate` words a minute."""
        return max(ENGINE_MIN_RATE, round(self.rate * ENGINE_RATE_FACTOR))

    def cache_key(self, text: str) -> str:
        """sha256 of the spoken text, voice, rate, driver and MP3 settings."""
        parts = [_FORMAT, BITRATE_KBPS, QUALITY, self.driver, self.voice or "", self.rate]
        parts.append(_checked(text))
        return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()

    def audio_path(self, text: str) -> Path:
        """Path of an MP3 clip of `text` (mono, 40 kbps), made now or taken from the cache."""
        return self._clip(text, ".mp3")

    def wav_path(self, text: str) -> Path:
        """Path of a WAV clip of `text` (16-bit mono, 22,050 Hz), made now or from the cache."""
        return self._clip(text, ".wav")

    def _take_lane(self, spoken: str) -> _Lane:
        """The lane for this text, its lock held: the main one, or for a short text that
        finds the main lane busy, the express one."""
        if len(spoken) <= SHORT_CHARS:
            if self._main.lock.acquire(blocking=False):
                return self._main
            self._express.lock.acquire()
            return self._express
        self._main.lock.acquire()
        return self._main

    def _clip(self, text: str, suffix: str) -> Path:
        spoken = _checked(text)
        path = self.cache_dir / f"{self.cache_key(text)}{suffix}"
        if path.is_file():
            return path
        lane = self._take_lane(spoken)
        try:
            if path.is_file():  # another thread made it while we waited
                return path
            self._ensure_worker(lane)
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            stem = f".{path.stem}.{uuid.uuid4().hex}"
            wav_part = self.cache_dir / f"{stem}.wav.part"
            mp3_part = self.cache_dir / f"{stem}.mp3.part"
            try:
                self._run_job(lane, spoken, wav_part, mp3_part if suffix == ".mp3" else None)
                seconds = _check_wav(wav_part)
                if suffix == ".mp3":
                    _check_mp3(mp3_part, seconds)
                os.replace(mp3_part if suffix == ".mp3" else wav_part, path)
            finally:
                wav_part.unlink(missing_ok=True)
                mp3_part.unlink(missing_ok=True)
        finally:
            lane.lock.release()
        return path

    def available(self) -> bool:
        """True if this server can make speech. Starts the worker once, then cached."""
        if self._available is None:
            with self._main.lock:
                try:
                    self._ensure_worker(self._main)
                except (SpeechUnavailable, SpeechFailed):
                    pass
        return bool(self._available)

    @property
    def unavailable_reason(self) -> str:
        """Plain-words reason when `available()` is False ("" otherwise)."""
        return self._reason

    def close(self) -> None:
        """Stop the worker processes. A later request starts new ones."""
        with self._main.lock:
            starter = self._starter
            if starter is not None:
                starter.join(max(STARTUP_TIMEOUT, self.timeout))
            self._stop_worker(self._main)
        with self._express.lock:
            self._stop_worker(self._express)

    # -- worker handling (call with the lane's lock held) -----------------------------

    def _ensure_worker(self, lane: _Lane) -> None:
        if self._available is False:
            raise SpeechUnavailable(self._reason)
        if lane.proc is not None and lane.proc.is_alive():
            return
        self._stop_worker(lane)
        ctx = multiprocessing.get_context("spawn")  # never fork: pyttsx3 hangs after fork
        parent, child = ctx.Pipe()
        proc = ctx.Process(
            target=worker_main,
            args=(child, self.driver, self.voice),
            name=lane.name,
            daemon=True,
        )
        proc.start()
        child.close()
        lane.proc, lane.conn = proc, parent
        if not parent.poll(max(STARTUP_TIMEOUT, self.timeout)):
            self._stop_worker(lane, kill=True)
            raise SpeechFailed("The speech worker took too long to start. Please try again.")
        try:
            kind, detail = parent.recv()
        except (EOFError, OSError):
            kind, detail = "unavailable", "the speech worker stopped while starting"
        if kind != "ready":
            self._stop_worker(lane)
            self._available = False
            self._reason = f"{INSTALL_HINT} (Detail: {detail}.)"
            raise SpeechUnavailable(self._reason)
        self._available = True
        self.voice_id = detail
        if lane is self._main:
            self._start_express_soon()

    def _start_express_soon(self) -> None:
        """Start the express worker in the background, so a short clip never waits for a
        worker to start while a long one is being made (called with the main lock held)."""
        if self._starter is not None and self._starter.is_alive():
            return

        def start() -> None:
            with self._express.lock:
                try:
                    self._ensure_worker(self._express)
                except (SpeechUnavailable, SpeechFailed):
                    pass  # a short clip will try again, and say why if it cannot

        self._starter = threading.Thread(target=start, name="panels-speech-start", daemon=True)
        self._starter.start()

    def _run_job(self, lane: _Lane, spoken: str, wav_part: Path, mp3_part: Path | None) -> None:
        try:
            mp3 = None if mp3_part is None else str(mp3_part)
            lane.conn.send((spoken, str(wav_part), self.engine_rate, mp3))
            ready = lane.conn.poll(self.timeout)
        except (EOFError, OSError) as exc:
            self._stop_worker(lane)
            raise SpeechFailed("The speech worker stopped. Please try again.") from exc
        if not ready:
            self._stop_worker(lane, kill=True)
            raise SpeechFailed(
                f"Making the audio took longer than {self.timeout:g} seconds, so it was "
                "stopped. Please try again."
            )
        try:
            kind, detail = lane.conn.recv()
        except (EOFError, OSError) as exc:
            self._stop_worker(lane)
            raise SpeechFailed("The speech worker stopped. Please try again.") from exc
        if kind != "ok":
            raise SpeechFailed(f"The speech engine could not make the audio ({detail}).")

    def _stop_worker(self, lane: _Lane, kill: bool = False) -> None:
        proc, conn = lane.proc, lane.conn
        lane.proc = lane.conn = None
        if kill and proc is not None:
            proc.kill()
        if conn is not None:
            try:
                if proc is not None and proc.is_alive():
                    conn.send(None)
            except OSError:
                pass
            conn.close()
        if proc is not None:
            proc.join(1.0)
            if proc.is_alive():
                proc.kill()
                proc.join(5.0)


# ---------------------------------------------------------------------------------------
# One speaker per cache directory

_speakers: dict[Path, Speaker] = {}
_speakers_lock = threading.Lock()


def get_speaker(cache_dir: Path | str) -> Speaker:
    """The process-wide Speaker for `cache_dir`, made on first use."""
    key = Path(cache_dir).resolve()
    with _speakers_lock:
        speaker = _speakers.get(key)
        if speaker is None:
            if not _speakers:
                atexit.register(_close_all)
            speaker = _speakers[key] = Speaker(key)
        return speaker


def _close_all() -> None:
    with _speakers_lock:
        for speaker in _speakers.values():
            speaker.close()
