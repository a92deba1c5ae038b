"""Areas add their own parts to a job's page without editing its template.

A provider takes (job, me, user) and returns a Section or None. ``me`` is the signed-in
person's PanelMember on this job, or None.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    title: str
    links: list[tuple[str, str]] = field(default_factory=list)
    text: str = ""
    order: int = 50


_PROVIDERS: list[Callable] = []


def job_section(provider: Callable) -> Callable:
    """Decorator: register a provider of a job page section."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def sections_for(job, me, user) -> list[Section]:
    found = [s for s in (p(job, me, user) for p in _PROVIDERS) if s]
    return sorted(found, key=lambda s: s.order)
