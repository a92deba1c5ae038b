"""Demo scores: some panel members have sent scores for some candidates."""

from __future__ import annotations

from sqlalchemy import select

from panels.db import db
from panels.demo import DEMO_HOOKS
from panels.models import Question, Score, ScoreSheet
from panels.models.base import utcnow
from panels.scoring.sheets import scored_questions

# Used only if no other area has given the demo job questions to score.
FALLBACK_QUESTIONS = [
    ("score-why", "Why do you want this job?", "1F4AC"),
    ("score-listen", "How do you show a person you are listening?", "1F442"),
    ("score-overall", "Would you like this person to support you?", "1F91D"),
]
# member key -> candidate key -> values, in question order (None = "I don't know").
DEMO_SCORES = {
    "sam": {"ruth": [3, 3, 3], "dan": [2, 1, None]},
    "priya": {"ruth": [4, 5, 4]},
    "jo": {"dan": [2, 2, 1]},
}


def add_demo_scores(job) -> None:
    questions = scored_questions(job.id)
    if not questions:
        for position, (key, text, picture) in enumerate(FALLBACK_QUESTIONS, start=100):
            q = Question(
                job_id=job.id,
                key=key,
                easy_read=text,
                picture=picture,
                position=position,
                status="agreed",
                scored=True,
                overall=key == "score-overall",
            )
            db.session.add(q)
        db.session.flush()
        questions = scored_questions(job.id)
    members = {m.key: m for m in job.members}
    candidates = {c.key: c for c in job.candidates}
    for mkey, per in DEMO_SCORES.items():
        member = members.get(mkey)
        if member is None:
            continue
        for ckey, values in per.items():
            candidate = candidates.get(ckey)
            if candidate is None or db.session.scalar(
                select(ScoreSheet.id).where(
                    ScoreSheet.candidate_id == candidate.id, ScoreSheet.member_id == member.id
                )
            ):
                continue
            sheet = ScoreSheet(
                job_id=job.id,
                candidate_id=candidate.id,
                member_id=member.id,
                status="submitted",
                submitted_at=utcnow(),
                note="They listened to me.",
            )
            for q, v in zip(questions, values, strict=False):
                sheet.scores.append(Score(question_id=q.id, value=v, dont_know=v is None))
            db.session.add(sheet)
    db.session.flush()


if add_demo_scores not in DEMO_HOOKS:
    DEMO_HOOKS.append(add_demo_scores)
