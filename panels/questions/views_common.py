"""What the questions pages share: routes gathered per page module, the question lookup,
and the easy-read findings shown beside a question."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from flask import Blueprint, abort

from panels.common.access import manages, membership
from panels.lib import easyread
from panels.models import Job, Question
from panels.questions import queries

CHECKED_FIELDS = ("easy_read", "follow_up", "good_answer", "look_for")

View = Callable[..., Any]


class Routes:
    """The routes of one page module, added to the questions blueprint by ``views.py``.

    Used like ``@routes("/jobs/<int:job_id>/questions")``: the URL stays beside its view,
    and the endpoint is the function's name (``questions.index``).
    """

    def __init__(self) -> None:
        self.rules: list[tuple[str, View, dict[str, Any]]] = []

    def __call__(self, rule: str, **options: Any) -> Callable[[View], View]:
        def add(view: View) -> View:
            self.rules.append((rule, view, options))
            return view

        return add

    def register(self, bp: Blueprint) -> None:
        for rule, view, options in self.rules:
            bp.add_url_rule(rule, view_func=view, **options)


def question_or_404(job: Job, question_id: int) -> Question:
    question = queries.question_or_none(job, question_id)
    if question is None:
        abort(404)
    return question


def question_seen_or_404(job: Job, question_id: int) -> Question:
    """A question of the job; a member of another panel does not see it (the coordinator
    sees every panel's): each panel's members write, order and agree their own."""
    question = question_or_404(job, question_id)
    me = membership(job)
    if me is not None and not queries.marks_it(me, question) and not manages(job):
        abort(404)
    return question


def reports(values: Mapping[str, Any]) -> dict[str, easyread.Report]:
    """Easy-read findings for the fields a panel member reads."""
    return {name: easyread.check(values.get(name) or "") for name in CHECKED_FIELDS}
