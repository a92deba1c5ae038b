"""A job as a job file (the JSON ``panels.results.jobfile`` reads): the job, its panels
(name, room, start time, lived-experience flag), members and their panel, agreed
questions and activities with their panel, candidates and sent scores.

Importing the file again (``flask import-job``) gives the same job. A question with no
asker gets the first member of its panel as its asker (the file needs one).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from panels.db import db
from panels.models import Job, PanelMember, Question, ScoreSheet
from panels.results.importer import PLACEHOLDER_DOMAIN


def _panel_keys(job: Job) -> dict[int, str]:
    return {p.id: f"panel-{n}" for n, p in enumerate(job.panels, start=1)}


def _member(m: PanelMember, keys: dict[int, str]) -> dict[str, Any]:
    email = m.user.email
    return {
        "key": m.key,
        "name": m.user.name,
        "email": None if email.endswith("@" + PLACEHOLDER_DOMAIN) else email,
        "scale": str(m.user.scale),
        "pace": m.user.pace,
        "group": m.group,
        "panel": keys[m.panel_id],
    }


def _question(q: Question, keys: dict[int, str], askers: dict[int, str]) -> dict[str, Any]:
    return {
        "key": q.key,
        "text": q.easy_read,
        "asker": q.asker.key if q.asker is not None else askers.get(q.panel_id, ""),
        "answer_minutes": q.answer_minutes,
        "scored": q.scored,
        "panel": keys[q.panel_id],
        **({"kind": "activity", "look_for": q.look_for_points} if q.is_activity else {}),
    }


def _scores(job: Job, questions: dict[int, str]) -> list[dict[str, Any]]:
    sheets = db.session.scalars(
        select(ScoreSheet)
        .where(ScoreSheet.job_id == job.id, ScoreSheet.status == "submitted")
        .order_by(ScoreSheet.id)
    )
    members = {m.id: m.key for m in job.members}
    candidates = {c.id: c.key for c in job.candidates}
    return [
        {
            "member": members[sheet.member_id],
            "candidate": candidates[sheet.candidate_id],
            "question": questions[s.question_id],
            "value": None if s.dont_know else s.value,
        }
        for sheet in sheets
        for s in sheet.scores
        if s.question_id in questions
    ]


def job_file(job: Job) -> dict[str, Any]:
    """The job file of the job, as JSON data."""
    keys = _panel_keys(job)
    askers: dict[int, str] = {}
    for m in job.members:
        askers.setdefault(m.panel_id, m.key)
    agreed = list(
        db.session.scalars(
            select(Question)
            .where(Question.job_id == job.id, Question.status == "agreed")
            .order_by(Question.position, Question.id)
        )
    )
    scored = {q.id: q.key for q in agreed if q.scored}
    return {
        "job": {
            "ref": job.ref,
            "title": job.title,
            "interview_date": job.interview_date.isoformat(),
            "start_time": job.start_time.strftime("%H:%M"),
            "group_parity": job.group_parity,
            "lived_group": job.lived_group,
        },
        "panels": [
            {
                "key": keys[p.id],
                "name": p.name,
                "room": p.room,
                "start_time": p.start_time.strftime("%H:%M") if p.start_time else None,
                "lived_experience": p.lived_experience,
            }
            for p in job.panels
        ],
        "members": [_member(m, keys) for m in job.members],
        "questions": [_question(q, keys, askers) for q in agreed],
        "candidates": [
            {"key": c.key, "name": c.name, "email": c.email or None} for c in job.candidates
        ],
        "scores": _scores(job, scored),
    }


def job_file_text(job: Job) -> str:
    return json.dumps(job_file(job), indent=2, ensure_ascii=False) + "\n"
