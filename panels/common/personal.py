"""What each area holds about people, so that retention, "everything we hold about you"
and deletion find all of it (``panels/privacy`` runs them).

An area that keeps anything about a candidate or a panel member gives its ``Area`` a
``personal_data=PersonalData(...)`` with the callables that apply to it; every one runs in
the caller's transaction and never commits:

- ``candidate_export(candidate) -> Held``: what the area holds about this candidate, as
  JSON-ready data (and their files, by name in the ZIP -> file-store key).
- ``candidate_anonymise(candidate, scrub, removal)``: remove or replace what the area holds
  about them (``scrub.text(...)`` takes their name, email and phone out of free text);
  scores and numbers stay. Files to delete once the change commits go in ``removal``
  (files whose key is on a row in ``storage.OWNERS`` go by themselves when the key is
  cleared).
- ``member_export(user, organisation_id) -> Held``: the same for a person on the panels of
  that organisation's jobs.
- ``member_erase(user, organisation_id, scrub, removal)``: remove what the area holds about
  them, keeping the numbers the organisation's decided results are made of.
- ``job_anonymise(job, removal)``: when a job's candidates' details go (retention or
  early), remove what the area holds about people of the job who were never candidates
  (applicants who were not shortlisted).
- ``member_keeps(user, organisation_id) -> str``: why this person cannot be deleted now, in
  plain words ("" when nothing stops it), for example "They are on the panel for ...".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Select

from panels.lib.scrub import Scrub
from panels.models import Job, PanelMember

if TYPE_CHECKING:
    from panels.models import Candidate, User

__all__ = ["Held", "PersonalData", "Removal", "Scrub", "in_their_places"]

S = TypeVar("S", bound=Select)


def in_their_places(query: S, user: User, organisation_id: int) -> S:
    """``query`` (on ``PanelMember`` or joined to it) kept to the person's own places on the
    panels of the organisation's jobs."""
    return query.join(Job, Job.id == PanelMember.job_id).where(
        PanelMember.user_id == user.id, Job.organisation_id == organisation_id
    )


@dataclass(frozen=True)
class Held:
    """What one area holds about one person."""

    data: Mapping[str, Any] = field(default_factory=dict)
    files: Mapping[str, str] = field(default_factory=dict)  # name in the ZIP -> file key


@dataclass
class Removal:
    """Files to delete once the change commits (never before: a rollback keeps them)."""

    file_keys: set[str] = field(default_factory=set)
    paths: set[Path] = field(default_factory=set)


@dataclass(frozen=True)
class PersonalData:
    candidate_export: Callable[[Candidate], Held] | None = None
    candidate_anonymise: Callable[[Candidate, Scrub, Removal], None] | None = None
    member_export: Callable[[User, int], Held] | None = None
    member_erase: Callable[[User, int, Scrub, Removal], None] | None = None
    member_keeps: Callable[[User, int], str] | None = None
    job_anonymise: Callable[[Job, Removal], None] | None = None
