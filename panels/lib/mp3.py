"""MP3 for read-aloud: encode a WAV with lameenc, and read MP3 frame headers (stdlib only).

Settings: mono, constant 40 kbps, LAME quality 2, at the WAV's own sample rate (22,050 Hz from
espeak-ng, which makes MPEG-2 Layer III frames of 576 samples). Why 40 kbps: LAME low-passes
a mono 40 kbps stream at about 10.5 kHz (its 40 kbps table value, 7 kHz, times 1.5 for mono),
so nearly all of espeak-ng's 11 kHz band (the hiss of "s", "f", "th") is kept; at 32 kbps
the cut is near 8 kHz. 40 kbps is 5 KB a second, about 1/9 of the 16-bit WAV. Quality 2 (the
slower, better noise shaping, which matters most at low bitrates) costs about 0.2 s of CPU a
minute of speech against 0.14 s at quality 5, once per text since clips are cached.
"""

from __future__ import annotations

import array
import sys
import wave
from dataclasses import dataclass
from pathlib import Path

BITRATE_KBPS = 40
QUALITY = 2  # LAME: 0 best and slowest ... 9 worst and fastest
_CHUNK = 65536  # WAV frames encoded at a time

# Bitrates (kbps) by header index for Layer III: MPEG-1, and MPEG-2 / 2.5.
_BITRATES = {
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


@dataclass(frozen=True)
class Mp3Info:
    """What the frame headers of an MP3 (Layer III) say."""

    frames: int  # audio frames, not counting a Xing/Info tag frame
    sample_rate: int
    channels: int
    bitrates: frozenset[int]  # kbps seen; one value for constant bitrate
    samples_per_frame: int

    @property
    def seconds(self) -> float:
        """Length in seconds (includes the encoder's ~0.05 s of delay and padding)."""
        return self.frames * self.samples_per_frame / self.sample_rate


def encode_wav(wav_path: Path | str, mp3_path: Path | str) -> None:
    """Write the 16-bit PCM WAV at `wav_path` as an MP3 at `mp3_path`."""
    import lameenc  # C extension; only the speech worker needs it

    with wave.open(str(wav_path), "rb") as wav, open(mp3_path, "wb") as out:
        if wav.getsampwidth() != 2:
            raise ValueError("only 16-bit WAV files can be made into MP3")
        encoder = lameenc.Encoder()
        encoder.set_channels(wav.getnchannels())
        encoder.set_in_sample_rate(wav.getframerate())
        encoder.set_out_sample_rate(wav.getframerate())
        encoder.set_bit_rate(BITRATE_KBPS)
        encoder.set_quality(QUALITY)
        while pcm := wav.readframes(_CHUNK):
            if sys.byteorder == "big":  # WAV is little-endian, lameenc wants native
                samples = array.array("h", pcm)
                samples.byteswap()
                pcm = samples.tobytes()
            out.write(encoder.encode(pcm))
        out.write(encoder.flush())


def _skip_id3v2(data: bytes) -> int:
    if data[:3] != b"ID3" or len(data) < 10:
        return 0
    size = 0
    for byte in data[6:10]:  # "syncsafe": 7 bits a byte
        size = (size << 7) | (byte & 0x7F)
    return 10 + size + (10 if data[5] & 0x10 else 0)


def mp3_info(source: Path | str | bytes) -> Mp3Info:
    """Walk every frame header of an MP3 file (path) or its bytes; ValueError if broken."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    pos = _skip_id3v2(data)
    frames = headers = 0
    rate = channels = spf = 0
    bitrates: set[int] = set()
    while pos + 4 <= len(data):
        if data[pos : pos + 3] == b"TAG":  # ID3v1 tag at the end
            break
        b1, b2, b3 = data[pos + 1], data[pos + 2], data[pos + 3]
        version, layer = (b1 >> 3) & 3, (b1 >> 1) & 3
        rate_index, kbps_index = (b2 >> 2) & 3, b2 >> 4
        if data[pos] != 0xFF or b1 & 0xE0 != 0xE0 or version == 1 or rate_index == 3:
            raise ValueError(f"not an MP3 frame at byte {pos}")
        if layer != 1 or kbps_index in (0, 15):
            raise ValueError(f"not a Layer III frame with a set bitrate at byte {pos}")
        kbps = _BITRATES[1 if version == 3 else 2][kbps_index]
        frame_rate = _RATES[version][rate_index]
        mono = b3 >> 6 == 3
        if headers and (frame_rate != rate or (1 if mono else 2) != channels):
            raise ValueError(f"the sample rate or channels change at byte {pos}")
        rate, channels = frame_rate, 1 if mono else 2
        spf = 1152 if version == 3 else 576
        length = (spf // 8) * kbps * 1000 // rate + ((b2 >> 1) & 1)
        if pos + length > len(data):
            raise ValueError(f"the last frame is cut short at byte {pos}")
        side = (17 if mono else 32) if version == 3 else (9 if mono else 17)
        tag = pos + 4 + side + (0 if b1 & 1 else 2)
        if not (headers == 0 and data[tag : tag + 4] in (b"Xing", b"Info")):
            frames += 1
            bitrates.add(kbps)
        headers += 1
        pos += length
    if frames == 0:
        raise ValueError("there are no MP3 audio frames")
    return Mp3Info(frames, rate, channels, frozenset(bitrates), spf)


def mp3_duration(path: Path | str) -> float:
    """Length of an MP3 file in seconds, from its frame headers."""
    return mp3_info(path).seconds
