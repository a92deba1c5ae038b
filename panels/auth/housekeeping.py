"""The daily background task: clear away ended sessions and old sign-in counts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from panels.auth import sessions, throttle


def prune(_payload: Mapping[str, Any]) -> None:
    """Safe to run twice: it only deletes what has already run out."""
    sessions.prune_ended()
    throttle.prune()
