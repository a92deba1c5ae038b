"""The "what matters to us" and shortlisting box on the job page."""

from __future__ import annotations

from typing import Any

from flask import url_for

from panels.common.access import manages
from panels.common.sections import Section
from panels.models import Job, PanelMember
from panels.shortlist import queries


def shortlist_section(job: Job, me: PanelMember | None, user: Any) -> Section:
    qualities = queries.qualities_for(job, "quality")
    agreed = sum(q.status == "agreed" for q in qualities)
    links = [("What matters to us", url_for("shortlist.matters", job_id=job.id))]
    if me is not None:
        links.append(("Read the applications", url_for("shortlist.reviews", job_id=job.id)))
    if manages(job, user):
        links.append(("Applications", url_for("shortlist.applications", job_id=job.id)))
    links.append(("The shortlist", url_for("shortlist.shortlist", job_id=job.id)))
    text = f"{len(qualities)} qualities: {agreed} agreed."
    done = bool(qualities) and agreed == len(qualities)
    return Section(
        title="What matters to us and the shortlist",
        links=links,
        text=text,
        order=15,
        status="Done"
        if done
        else (f"{agreed} of {len(qualities)} agreed" if qualities else "To do"),
        done=done,
    )
