"""One live screen per panel: which panel's screen a person gets, its pace and its order.

Pure: ids, paces and times in, answers out. Each panel of a job runs its own live
interview with each candidate, at the same time as the other panels; nothing one panel
presses moves another panel's screen.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from datetime import datetime
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


class NoSuchPanel(LookupError):
    """That panel is not one of this job's panels."""


class OtherPanel(PermissionError):
    """The person sits on another panel of this job: they run their own panel's screen."""


OTHER_PANEL_HEADING = "This live screen is for another panel"
OTHER_PANEL_WORDS = "You can open the screen for your own panel from the job."


def pick_panel(panels: Sequence[int], wanted: int | None, mine: int | None, manages: bool) -> int:
    """The panel whose live screen is shown.

    ``wanted`` is the panel asked for (None: not named in the address); ``mine`` the panel
    the person sits on (None: on no panel of this job); ``manages``: they coordinate the
    job. A coordinator may open every panel's screen; a panel member only their own.
    Unnamed: the person's own panel, else the first. Raises NoSuchPanel or OtherPanel.
    """
    if not panels:
        raise NoSuchPanel
    if wanted is not None:
        if wanted not in panels:
            raise NoSuchPanel
        if wanted != mine and not manages:
            raise OtherPanel
        return wanted
    if mine is not None and mine in panels:
        return mine
    return panels[0]


def slowest_pace(paces: Sequence[float]) -> float:
    """The pace the panel scores at: its slowest member's (1.0 for a panel with nobody)."""
    return max(paces, default=1.0)


def in_plan_order(candidates: Sequence[K], starts: Mapping[K, datetime]) -> list[K]:
    """The candidates in the order of the panel's day plan: those with a planned start by
    their start, then the others in the order given (ties keep the order given)."""
    given = {key: i for i, key in enumerate(candidates)}
    planned = sorted((k for k in candidates if k in starts), key=lambda k: (starts[k], given[k]))
    return planned + [k for k in candidates if k not in starts]
