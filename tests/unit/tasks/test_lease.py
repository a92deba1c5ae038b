"""The pure rules of the task queue."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from panels.tasks import lease

NOW = datetime(2026, 12, 1, 13, 7, 42)


def test_a_first_failure_is_tried_again_later():
    decision = lease.after_failure(1, 2, NOW, 60)
    assert decision.retry
    assert decision.run_after == NOW + timedelta(seconds=60)


def test_the_last_failure_is_final():
    assert lease.after_failure(2, 2, NOW, 60) == lease.AfterFailure(False, None)
    assert not lease.after_failure(3, 2, NOW, 60).retry


def test_one_key_per_period():
    day = timedelta(days=1)
    morning = lease.period_key("auth.prune", day, datetime(2026, 12, 1, 0, 0, 1))
    evening = lease.period_key("auth.prune", day, datetime(2026, 12, 1, 23, 59, 59))
    tomorrow = lease.period_key("auth.prune", day, datetime(2026, 12, 2, 0, 0, 0))
    assert morning == evening == "auth.prune@2026-12-01T00:00:00"
    assert tomorrow == "auth.prune@2026-12-02T00:00:00"
    hourly = lease.period_key("x", timedelta(hours=1), NOW)
    assert hourly == "x@2026-12-01T13:00:00"


def test_a_period_is_at_least_a_second():
    with pytest.raises(ValueError):
        lease.period_key("x", timedelta(0), NOW)


def test_a_heartbeat_is_recent_up_to_the_limit():
    assert lease.is_recent(NOW - timedelta(seconds=30), NOW, 30)
    assert not lease.is_recent(NOW - timedelta(seconds=31), NOW, 30)
    assert not lease.is_recent(None, NOW, 30)


def test_error_text_is_one_bounded_line():
    text = lease.error_text(ValueError("first line\nsecond " + "x" * 5000))
    assert text.startswith("ValueError: first line second ")
    assert "\n" not in text
    assert len(text) == lease.ERROR_CHARS


def test_worker_ids_differ():
    assert lease.new_worker_id() != lease.new_worker_id()


def test_stopped_text_says_how_many_tries():
    assert "tried 2 times" in lease.stopped_text(2)
