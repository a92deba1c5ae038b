"""flask prune-audio: removes old cached clips from MEDIA_DIR/audio and says how many."""

from __future__ import annotations

import os
import time
from pathlib import Path

DAY = 24 * 60 * 60


def aged(path: Path, size: int, days: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    when = time.time() - days * DAY
    os.utime(path, (when, when))
    return path


def test_prune_audio_removes_old_clips_only(app):
    media = Path(app.config["MEDIA_DIR"])
    old = aged(media / "audio" / "old-clip.mp3", 3 * 1024, 45)
    part = aged(media / "audio" / ".old-clip.abc.wav.part", 1024, 45)
    fresh = aged(media / "audio" / "fresh-clip.mp3", 1024, 1)
    photo = aged(media / "photos" / "old-photo.mp3", 1024, 400)
    runner = app.test_cli_runner()

    result = runner.invoke(args=["prune-audio"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Removed 2 files (4 KB)."
    assert not old.exists() and not part.exists()
    assert fresh.exists() and photo.exists()

    result = runner.invoke(args=["prune-audio", "--days", "0"])
    assert result.exit_code == 2 and fresh.exists()
    result = runner.invoke(args=["prune-audio", "--days", "2"])
    assert result.output.strip() == "Removed 0 files (0 KB)."
    fresh.unlink()
    photo.unlink()
