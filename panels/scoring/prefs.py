"""A person's score screen preference (one question at a time, or all on one page)."""

from __future__ import annotations

from panels.common.retry import commit_with_retry
from panels.db import db
from panels.models import ScoringPref


def one_at_a_time(user_id: int) -> bool:
    pref = db.session.get(ScoringPref, user_id)
    return True if pref is None else pref.one_at_a_time


def save_one_at_a_time(user_id: int, one: bool) -> None:
    """Save and commit. Two tablets saving a first preference at once both succeed; the
    later one's choice stays."""

    def work() -> None:
        pref = db.session.get(ScoringPref, user_id)
        if pref is None:
            pref = ScoringPref(user_id=user_id)
            db.session.add(pref)
        pref.one_at_a_time = one
        db.session.flush()

    commit_with_retry(work)
