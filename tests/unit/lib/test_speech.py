"""Read-aloud: real espeak-ng audio through the spawned pyttsx3 worker (no mocks).

No MP3 decoder is at hand, so speech is checked in the WAV the worker makes, and each MP3 is
checked frame by frame: valid headers, mono 22,050 Hz at 40 kbps, as long as its WAV.
"""

from __future__ import annotations

import math
import shutil
import subprocess
import sys
import threading
import wave
from array import array
from pathlib import Path

import pytest

from panels.lib.mp3 import mp3_info
from panels.lib.speech import (
    MAX_CHARS,
    Speaker,
    SpeechFailed,
    SpeechUnavailable,
    get_speaker,
    mp3_duration,
    spoken_text,
    wav_duration,
)

QUESTION = (
    "Please tell us about a time when you helped a person to make a choice "
    "and what you did to help them."
)  # 20 words
SHORT = "Thank you for coming today."
LONG = " ".join(["You will meet the panel in a quiet room and we will ask you six questions."] * 60)


@pytest.fixture
def speaker(tmp_path: Path):
    spk = Speaker(tmp_path / "audio")
    yield spk
    spk.close()


def samples(path: Path) -> array:
    with wave.open(str(path), "rb") as wav:
        assert wav.getsampwidth() == 2
        data = array("h", wav.readframes(wav.getnframes()))
    if sys.byteorder == "big":
        data.byteswap()
    return data


def rms(data: array) -> float:
    return math.sqrt(sum(s * s for s in data) / len(data))


def test_espeak_ng_is_installed():
    assert shutil.which("espeak-ng"), "espeak-ng is missing: apt-get install espeak-ng"


def test_clip_is_a_real_wav_of_speech(speaker: Speaker):
    path = speaker.wav_path(QUESTION)
    head = path.read_bytes()[:12]
    assert head[:4] == b"RIFF" and head[8:12] == b"WAVE"
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 22050)
    data = samples(path)
    assert rms(data) > 500  # speech, not silence
    assert max(abs(s) for s in data) > 5000
    assert speaker.voice_id == "gmw/en"  # English (Great Britain)


def test_served_clip_is_a_small_mp3_as_long_as_its_wav(speaker: Speaker):
    path = speaker.audio_path(QUESTION)
    assert path.suffix == ".mp3"
    assert list(speaker.cache_dir.iterdir()) == [path]  # the WAV is not kept
    data = path.read_bytes()
    assert data[0] == 0xFF and data[1] & 0xE0 == 0xE0  # frame sync, no tag first
    info = mp3_info(data)
    assert (info.sample_rate, info.channels, info.bitrates) == (22050, 1, {40})
    assert info.samples_per_frame == 576  # MPEG-2 Layer III
    wav = speaker.wav_path(QUESTION)
    assert wav.with_suffix(".mp3") == path  # one key, two kinds of file
    assert abs(mp3_duration(path) - wav_duration(wav)) < 0.2
    assert len(data) < wav.stat().st_size / 7
    assert len(data) == pytest.approx(mp3_duration(path) * 40_000 / 8, rel=0.02)


def test_duration_fits_the_words_at_130_a_minute(speaker: Speaker):
    seconds = mp3_duration(speaker.audio_path(QUESTION))
    expected = len(QUESTION.split()) / 130 * 60  # about 9.2 s
    assert 0.5 * expected < seconds < 2 * expected


EASY_READ = [
    QUESTION,
    "What would you do if a person you support is upset? Tell us what you would say to them.",
    "Your interview is on Tuesday. It will take about 45 minutes. You will meet four people.",
    "We will ask you six questions. You can take your time. You can ask us to say it again.",
]


def test_listeners_hear_about_130_words_a_minute(speaker: Speaker):
    words = sum(len(t.split()) for t in EASY_READ)
    seconds = sum(wav_duration(speaker.wav_path(t)) for t in EASY_READ)
    assert 110 <= words / seconds * 60 <= 150
    assert speaker.engine_rate == 107  # espeak-ng's nominal rate runs fast for short words
    assert Speaker(speaker.cache_dir, rate=50).engine_rate == 80  # espeak-ng's slowest


def test_rate_really_changes_the_speed(tmp_path: Path, speaker: Speaker):
    fast = Speaker(tmp_path / "fast", rate=260)
    try:
        slow_s = mp3_duration(speaker.audio_path(QUESTION))
        fast_s = mp3_duration(fast.audio_path(QUESTION))
    finally:
        fast.close()
    assert fast_s < 0.7 * slow_s


def test_second_request_is_a_cache_hit_without_the_worker(speaker: Speaker):
    first = speaker.audio_path(QUESTION)
    mtime = first.stat().st_mtime_ns
    speaker.close()  # no worker now: a hit must not need one
    again = speaker.audio_path(QUESTION)
    assert again == first
    assert again.stat().st_mtime_ns == mtime
    assert speaker._proc is None


def test_cache_key_depends_on_text_rate_and_voice(tmp_path: Path):
    base = Speaker(tmp_path, rate=130)
    key = base.cache_key(QUESTION)
    assert len(key) == 64 and int(key, 16) >= 0
    assert key == Speaker(tmp_path, rate=130).cache_key(QUESTION)
    assert key != Speaker(tmp_path, rate=140).cache_key(QUESTION)
    assert key != Speaker(tmp_path, voice="en-us").cache_key(QUESTION)
    assert key != base.cache_key(SHORT)
    # the same words with different markup sound the same, so share one clip
    assert base.cache_key("<b>Thank you</b> for coming today.") == base.cache_key(SHORT)


def test_cache_key_changes_with_the_mp3_settings(tmp_path: Path, monkeypatch):
    import panels.lib.speech as speech

    key = Speaker(tmp_path).cache_key(QUESTION)
    monkeypatch.setattr(speech, "BITRATE_KBPS", 48)
    assert Speaker(tmp_path).cache_key(QUESTION) != key


def test_two_threads_at_once_both_get_their_own_clip(speaker: Speaker):
    texts = [QUESTION, SHORT, QUESTION, SHORT, LONG[:600]]
    results: dict[int, Path] = {}
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(texts))

    def ask(i: int, text: str) -> None:
        barrier.wait()
        try:
            results[i] = speaker.audio_path(text)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=ask, args=(i, t)) for i, t in enumerate(texts)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert results[0] == results[2] and results[1] == results[3]
    assert len({results[0], results[1], results[4]}) == 3
    for i, text in enumerate(texts):
        assert results[i] == speaker.cache_dir / f"{speaker.cache_key(text)}.mp3"
        expected = len(text.split()) / 130 * 60
        assert 0.5 * expected < mp3_duration(results[i]) < 2 * expected
    assert not list(speaker.cache_dir.glob("*.part"))


def test_timeout_raises_then_a_fresh_worker_takes_over(speaker: Speaker):
    speaker.audio_path(SHORT)  # worker running
    old = speaker._proc
    speaker.timeout = 0.005  # far less than the ~0.3 s this long text needs
    with pytest.raises(SpeechFailed, match="took longer than"):
        speaker.audio_path(LONG[:MAX_CHARS])
    assert not old.is_alive()
    assert not list(speaker.cache_dir.glob("*.part"))
    speaker.timeout = 30.0
    path = speaker.audio_path(QUESTION)
    assert speaker._proc is not old and speaker._proc.is_alive()
    assert abs(mp3_duration(path) - wav_duration(speaker.wav_path(QUESTION))) < 0.2
    assert rms(samples(speaker.wav_path(QUESTION))) > 500


def test_a_dead_worker_is_replaced(speaker: Speaker):
    speaker.audio_path(SHORT)
    old = speaker._proc
    old.kill()
    old.join(5)
    path = speaker.wav_path(QUESTION)
    assert speaker._proc is not old and speaker._proc.is_alive()
    assert rms(samples(path)) > 500


def test_worker_is_spawned_not_forked(speaker: Speaker):
    assert speaker._proc is None  # lazily started
    assert speaker.available()
    assert type(speaker._proc).__name__ == "SpawnProcess"


@pytest.mark.parametrize("text", ["", "   \n ", "😀👍🏽", "<p></p>", "- \n* "])
def test_no_words_is_a_value_error(speaker: Speaker, text: str):
    with pytest.raises(ValueError, match="no words"):
        speaker.audio_path(text)
    assert speaker._proc is None


def test_too_long_is_a_plain_value_error(speaker: Speaker):
    with pytest.raises(ValueError, match="too long to read aloud.*5,000"):
        speaker.audio_path("word " * 1200)
    assert speaker._proc is None


def test_other_languages_and_emoji_do_not_crash(speaker: Speaker):
    text = "Bonjour, ça va? Zürich 你好 مرحبا Привет 😀👍🏽 🇬🇧 well done ✅"
    path = speaker.wav_path(text)
    assert rms(samples(path)) > 300
    assert mp3_duration(speaker.audio_path(text)) > 1.0


def test_missing_driver_is_unavailable(tmp_path: Path):
    spk = Speaker(tmp_path, driver="nonexistent")
    try:
        assert spk.available() is False
        assert "espeak-ng" in spk.unavailable_reason
        with pytest.raises(SpeechUnavailable, match="apt-get install espeak-ng"):
            spk.audio_path(SHORT)
        assert spk._proc is None
    finally:
        spk.close()


def test_missing_voice_is_unavailable(tmp_path: Path):
    spk = Speaker(tmp_path, voice="xx-no-such-voice")
    try:
        with pytest.raises(SpeechUnavailable, match="xx-no-such-voice"):
            spk.audio_path(SHORT)
    finally:
        spk.close()


def test_bad_settings_are_refused(tmp_path: Path):
    for rate in (0, 1000, 130.5, True):
        with pytest.raises(ValueError):
            Speaker(tmp_path, rate=rate)
    with pytest.raises(ValueError):
        Speaker(tmp_path, timeout=0)


def test_get_speaker_is_one_lazy_speaker_per_folder(tmp_path: Path):
    a = get_speaker(tmp_path / "x")
    assert get_speaker(str(tmp_path / "x")) is a
    assert get_speaker(tmp_path / "y") is not a
    assert a._proc is None


def test_import_does_not_load_pyttsx3():
    code = "import sys, panels.lib.speech; print('pyttsx3' in sys.modules)"
    root = Path(__file__).resolve().parents[3]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr


def test_wav_duration(tmp_path: Path):
    path = tmp_path / "one.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(8000)
        wav.writeframes(b"\0\0" * 12000)
    assert wav_duration(path) == pytest.approx(1.5)


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        ("<p>Hello <b>there</b> &amp; welcome</p>", "Hello there & welcome."),
        ("**Bold** and _this_ and snake_case", "Bold and this and snake_case."),
        ("- one\n- two\n\n1. three", "one. two. three."),
        ("Come at 10:30am", "Come at 10 30 a.m."),
        ("Come at 9.30 am", "Come at 9 30 a.m."),
        ("Come at 2pm", "Come at 2 p.m."),
        ("Come at 14:05", "Come at 2 oh 5 p.m."),
        ("Come at 9:00", "Come at 9 o'clock."),
        ("Come on 12/03/2025", "Come on 12 March 2025."),
        ("Not a date 31/02/2025", "Not a date 31/02/2025."),
        ("Call 01632 960123.", "Call 0 1 6 3 2, 9 6 0 1 2 3."),
        ("Call +44 1632 960123", "Call plus 4 4, 1 6 3 2, 9 6 0 1 2 3."),
        ("See [our page](https://x.org/a) or https://x.org/b?c=1", "See our page or the web link."),
        ("Visit https://www.example.org/.", "Visit www.example.org."),
        ("Email jo@example.org", "Email jo@example.org."),
        ("Well done 👍🏽✅ → next 👨‍👩‍👧", "Well done next."),
        ("It is   10°C\n\nin  Zürich", "It is 10°C. in Zürich."),
        ("Score 3.5 of 5", "Score 3.5 of 5."),
    ],
)
def test_spoken_text(raw: str, said: str):
    assert spoken_text(raw) == said
