"""What the shortlist pages share: the refusal page, lookups that 404, template names."""

from __future__ import annotations

from flask import abort, render_template

from panels.common.access import membership
from panels.models import Job, PanelMember
from panels.questions.pictures import symbol_url
from panels.questions.views_common import Routes
from panels.scoring.sheets import DONT_KNOW, label
from panels.shortlist.service import ApplicationDetails

__all__ = ["Routes", "details_from", "member_or_403", "refused", "shared"]


def refused(job: Job | None, title: str, words: str, status: int = 403):
    """A plain page that says why not, and what to do instead."""
    return render_template("shortlist/refused.html", job=job, title=title, words=words), status


def member_or_403(job: Job) -> PanelMember:
    me = membership(job)
    if me is None:
        abort(403)
    return me


def shared() -> dict:
    return {"symbol_url": symbol_url, "DONT_KNOW": DONT_KNOW, "score_label": label}


def details_from(form, prompts: list[str]) -> ApplicationDetails:
    """What an application form holds, once it is checked."""
    return ApplicationDetails(
        name=form.name.data or "",
        email=form.email.data or "",
        phone=form.phone.data or "",
        guaranteed=bool(form.guaranteed.data),
        answers=[form[f"answer_{i}"].data or "" for i in range(len(prompts))],
    )
