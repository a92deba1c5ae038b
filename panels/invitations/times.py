"""The real times for one candidate: from the day plan, which the plan area works out.

(arrive, start, end) for the candidate, or None if the day cannot be planned yet.
"""

from __future__ import annotations

from panels.plan.service import candidate_times

__all__ = ["candidate_times"]
