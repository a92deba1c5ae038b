"""Clearing old clips out of the read-aloud cache. Plain Python, no Flask."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

# Finished clips, and the temporary parts the speech worker writes before renaming them.
SUFFIXES = (".mp3", ".wav", ".mp3.part", ".wav.part")
DAY_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class Pruned:
    files: int
    size: int  # bytes

    def summary(self) -> str:
        kb = -(-self.size // 1024)  # round up, so a small file never shows as 0 KB
        noun = "file" if self.files == 1 else "files"
        return f"Removed {self.files} {noun} ({kb:,} KB)."


def audio_folder(media_dir: str | Path) -> Path:
    """Where read-aloud clips are cached."""
    return Path(media_dir) / "audio"


def prune(folder: str | Path, days: float, now: float | None = None) -> Pruned:
    """Delete cached clips in `folder` not read or changed for `days` days.

    Only regular files directly in `folder` with a clip suffix; symlinks, folders and
    anything else are left alone.
    """
    cutoff = (time.time() if now is None else now) - days * DAY_SECONDS
    files = size = 0
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return Pruned(0, 0)
    for entry in entries:
        if not entry.name.endswith(SUFFIXES) or not entry.is_file(follow_symlinks=False):
            continue
        try:
            stat = entry.stat(follow_symlinks=False)
            if max(stat.st_atime, stat.st_mtime) >= cutoff:
                continue
            os.unlink(entry.path)
        except FileNotFoundError:
            continue  # removed by someone else meanwhile
        files += 1
        size += stat.st_size
    return Pruned(files, size)
