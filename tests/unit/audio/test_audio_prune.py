"""Pruning the read-aloud cache: only old clips in the audio folder go."""

from __future__ import annotations

import os
import time

from panels.audio.prune import Pruned, prune

DAY = 24 * 60 * 60
NOW = time.time()


def make(path, size: int, days_old: float, read_days_ago: float | None = None):
    path.write_bytes(b"x" * size)
    modified = NOW - days_old * DAY
    read = modified if read_days_ago is None else NOW - read_days_ago * DAY
    os.utime(path, (read, modified))
    return path


def test_old_clips_and_parts_go_recent_and_other_files_stay(tmp_path):
    cache = tmp_path / "audio"
    cache.mkdir()
    gone = [
        make(cache / ("a" * 64 + ".mp3"), 2048, 40),
        make(cache / ("b" * 64 + ".wav"), 1000, 31),
        make(cache / ".cc.1234.wav.part", 10, 90),
        make(cache / ".cc.1234.mp3.part", 10, 90),
    ]
    kept = [
        make(cache / ("d" * 64 + ".mp3"), 500, 5),
        make(cache / ("e" * 64 + ".mp3"), 500, 60, read_days_ago=2),  # played lately
        make(cache / "notes.txt", 500, 400),
        make(cache / "keep.mp3.bak", 500, 400),
    ]
    sub = cache / "old.mp3"
    sub.mkdir()
    os.utime(sub, (NOW - 400 * DAY, NOW - 400 * DAY))
    outside = make(tmp_path / "outside.mp3", 100, 400)
    (cache / "link.mp3").symlink_to(outside)

    result = prune(cache, 30, now=NOW)

    assert result == Pruned(4, 2048 + 1000 + 10 + 10)
    assert not any(p.exists() for p in gone)
    assert all(p.exists() for p in kept) and sub.is_dir()
    assert outside.exists() and (cache / "link.mp3").is_symlink()
    assert prune(cache, 30, now=NOW) == Pruned(0, 0)


def test_days_decides_what_is_old(tmp_path):
    clip = make(tmp_path / "f.mp3", 10, 10)
    assert prune(tmp_path, 30, now=NOW).files == 0 and clip.exists()
    assert prune(tmp_path, 7, now=NOW).files == 1 and not clip.exists()


def test_missing_folder_removes_nothing(tmp_path):
    assert prune(tmp_path / "nowhere", 30) == Pruned(0, 0)


def test_summary_words():
    assert Pruned(0, 0).summary() == "Removed 0 files (0 KB)."
    assert Pruned(1, 100).summary() == "Removed 1 file (1 KB)."
    assert Pruned(3, 3 * 1024 * 1024).summary() == "Removed 3 files (3,072 KB)."
