"""MP3 encoding (lameenc) and the stdlib frame-header reader."""

from __future__ import annotations

import math
import wave
from array import array
from pathlib import Path

import pytest

from panels.lib.mp3 import BITRATE_KBPS, encode_wav, mp3_duration, mp3_info


def _tone_wav(path: Path, seconds: float, rate: int = 22050) -> Path:
    count = int(seconds * rate)
    samples = array("h", (int(8000 * math.sin(2 * math.pi * 440 * i / rate)) for i in range(count)))
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(samples.tobytes())
    return path


@pytest.fixture
def tone(tmp_path: Path) -> Path:
    mp3 = tmp_path / "tone.mp3"
    encode_wav(_tone_wav(tmp_path / "tone.wav", 2.5), mp3)
    return mp3


def test_encoded_tone_is_mono_40_kbps_and_as_long_as_the_wav(tone: Path):
    info = mp3_info(tone)
    assert (info.sample_rate, info.channels, info.bitrates) == (22050, 1, {BITRATE_KBPS})
    assert info.samples_per_frame == 576
    assert 2.5 <= mp3_duration(tone) < 2.5 + 0.15  # encoder delay and padding only
    assert tone.stat().st_size == pytest.approx(info.seconds * BITRATE_KBPS * 1000 / 8, rel=0.02)


@pytest.mark.parametrize("seconds", [0.3, 4.0])
def test_duration_tracks_the_wav(tmp_path: Path, seconds: float):
    mp3 = tmp_path / "t.mp3"
    encode_wav(_tone_wav(tmp_path / "t.wav", seconds), mp3)
    assert abs(mp3_duration(mp3) - seconds) < 0.15


def test_id3_tags_and_an_info_frame_are_not_counted(tone: Path):
    data = tone.read_bytes()
    info = mp3_info(data)
    first = data[: _frame_length(data)]
    # An "Info" tag frame: a copy of the first frame header with "Info" after its side info.
    tag_frame = first[:4] + bytes(9) + b"Info" + bytes(len(first) - 17)
    id3v2 = b"ID3\x04\x00\x00" + bytes([0, 0, 0, 20]) + bytes(20)
    id3v1 = b"TAG" + bytes(125)
    wrapped = mp3_info(id3v2 + tag_frame + data + id3v1)
    assert wrapped.frames == info.frames
    assert wrapped.seconds == info.seconds


def _frame_length(data: bytes) -> int:
    kbps = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)[data[2] >> 4]
    return 72 * kbps * 1000 // 22050 + ((data[2] >> 1) & 1)


def test_broken_files_are_value_errors(tone: Path, tmp_path: Path):
    data = tone.read_bytes()
    with pytest.raises(ValueError, match="not an MP3 frame"):
        mp3_info(b"RIFF" + bytes(100))
    with pytest.raises(ValueError, match="no MP3 audio frames"):
        mp3_info(b"")
    with pytest.raises(ValueError, match="cut short"):
        mp3_info(data[:-10])
    with pytest.raises(ValueError, match="not an MP3 frame at byte"):
        mp3_info(data[:500] + b"\0" + data[500:])
    wav = _tone_wav(tmp_path / "x.wav", 0.5)
    with pytest.raises(ValueError):
        mp3_duration(wav)


def test_only_16_bit_wav_is_encoded(tmp_path: Path):
    path = tmp_path / "8bit.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(1)
        wav.setframerate(22050)
        wav.writeframes(bytes(22050))
    with pytest.raises(ValueError, match="16-bit"):
        encode_wav(path, tmp_path / "out.mp3")
