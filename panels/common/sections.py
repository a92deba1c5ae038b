"""The boxes on a job's page: each area gives its own (see Area.section).

A provider takes (job, me, user) and returns a Section or None. ``me`` is the signed-in
person's PanelMember on this job, or None.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from panels.models import Job, PanelMember


@dataclass(frozen=True)
class Section:
    title: str
    links: list[tuple[str, str]] = field(default_factory=list)
    text: str = ""
    order: int = 50
    status: str = ""  # in plain words, for the job page's task list ("Done", "2 of 5 agreed")
    done: bool = False


SectionProvider = Callable[[Job, PanelMember | None, Any], Section | None]


def sections_for(
    providers: Iterable[SectionProvider], job: Job, me: PanelMember | None, user: Any
) -> list[Section]:
    """The sections to show, by their order (areas' order where equal)."""
    found = [s for s in (p(job, me, user) for p in providers) if s]
    return sorted(found, key=lambda s: s.order)
