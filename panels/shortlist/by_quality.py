"""Interview results read quality by quality: for each agreed quality, the candidates'
combined scores on the questions that look for it (the same equal-weight rule)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from panels.db import db
from panels.models import Candidate, Job, Question, Score, ScoreSheet
from panels.scoring import combine
from panels.scoring.sheets import scale_named
from panels.shortlist import queries


@dataclass(frozen=True)
class QualityResult:
    words: str
    questions: list[str]  # the easy-read words of the questions that look for it
    results: combine.Results


def quality_results(job: Job) -> list[QualityResult]:
    """One entry per agreed quality that some scored question is linked to."""
    links = queries.links_for(job)
    if not links:
        return []
    questions = {
        q.id: q
        for q in db.session.scalars(
            select(Question).where(
                Question.job_id == job.id, Question.status == "agreed", Question.scored.is_(True)
            )
        )
    }
    candidates = list(
        db.session.scalars(
            select(Candidate).where(Candidate.job_id == job.id).order_by(Candidate.position)
        )
    )
    members = [combine.MemberIn(m.key, m.user.name, m.group) for m in job.members]
    member_key = {m.id: m.key for m in job.members}
    cand_key = {c.id: c.key for c in candidates}
    rows = db.session.execute(
        select(ScoreSheet.member_id, ScoreSheet.candidate_id, ScoreSheet.scale, Score)
        .join(Score, Score.sheet_id == ScoreSheet.id)
        .where(ScoreSheet.job_id == job.id, ScoreSheet.status == "submitted")
    ).all()
    out = []
    for quality in queries.agreed_qualities(job.id):
        linked = [q for qid, found in links.items() if quality.id in found
                  if (q := questions.get(qid)) is not None]  # fmt: skip
        if not linked:
            continue
        keys = {q.id: q.key for q in linked}
        scores = [
            combine.ScoreIn(
                member_key[member_id],
                cand_key[candidate_id],
                keys[score.question_id],
                None if score.dont_know else scale_named(scale).normalise(score.value),
            )
            for member_id, candidate_id, scale, score in rows
            if score.question_id in keys and member_id in member_key and candidate_id in cand_key
        ]
        results = combine.combine(
            members,
            [(c.key, c.name) for c in candidates],
            list(keys.values()),
            scores,
            group_parity=job.group_parity,
        )
        out.append(QualityResult(quality.easy_read, [q.easy_read for q in linked], results))
    return out
