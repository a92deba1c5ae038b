"""The decision meeting's writes, and the one read that gathers the meeting screen."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from panels.common.audit import record
from panels.common.retry import rolls_back_on
from panels.db import db
from panels.decision import content, rules
from panels.decision.rules import GroupView, QuestionAgreement
from panels.lib import limits
from panels.lib.decisions import Answer, Phrase, Proposal
from panels.models import (
    Candidate,
    DayFeedback,
    Decision,
    DecisionAnswer,
    DecisionMeeting,
    Job,
    PanelMember,
    Score,
    ScoreSheet,
)
from panels.models.base import utcnow
from panels.results.service import JobResults, job_results
from panels.scoring.combine import MemberIn, SheetIn, format_score
from panels.scoring.scales import SCALES, Option
from panels.scoring.sheets import is_closed


class DecisionProblem(ValueError):
    """A change that cannot be made: ``field`` names the form field, ``status`` the code."""

    def __init__(self, field: str, message: str, status: int = 400) -> None:
        self.field = field
        self.status = status
        super().__init__(message)


_refusal_saves_nothing = rolls_back_on(DecisionProblem)


# --- reads ----------------------------------------------------------------------------


def meeting_of(job_id: int) -> DecisionMeeting | None:
    return db.session.get(DecisionMeeting, job_id)


def decisions_of(job_id: int) -> dict[int, Decision]:
    """Candidate id -> its decision."""
    rows = db.session.scalars(select(Decision).where(Decision.job_id == job_id))
    return {d.candidate_id: d for d in rows}


def answers_of(job_id: int) -> dict[int, dict[int, DecisionAnswer]]:
    """Decision id -> member id -> that member's answer."""
    found: dict[int, dict[int, DecisionAnswer]] = {}
    for a in db.session.scalars(select(DecisionAnswer).where(DecisionAnswer.job_id == job_id)):
        found.setdefault(a.decision_id, {})[a.member_id] = a
    return found


@dataclass(frozen=True)
class MemberPicture:
    """One member's score for one candidate, on the scale they scored on."""

    member: PanelMember
    score: float | None  # 0..100
    option: Option | None  # the nearest option on their scale (a face on 3 faces)


@dataclass(frozen=True)
class PanelPicture:
    """One panel's members' pictures for one candidate, and the panel's score (0..100).
    A job with one panel has one, with no name."""

    name: str
    lived: bool
    score: float | None
    pictures: list[MemberPicture]


@dataclass
class CandidateView:
    candidate: Candidate
    rank: int | None
    combined: float | None
    tied: bool
    pictures: list[MemberPicture]
    questions: list[QuestionAgreement]
    disagreement: bool
    decision: Decision | None = None
    answers: dict[int, DecisionAnswer] = field(default_factory=dict)
    panels: list[PanelPicture] = field(default_factory=list)

    @property
    def said(self) -> str:
        """The card read aloud: place and score, each panel's score, disagreement."""
        name = self.candidate.name
        if self.rank is None:
            return content.no_scores(name)
        out = [content.place(name, self.rank, format_score(self.combined))]
        out += [content.panel_gave(p.name, format_score(p.score)) for p in self.panels if p.name]
        if self.disagreement:
            out.append(content.DISAGREED)
        return " ".join(out)

    @property
    def faces_said(self) -> str:
        """Each member's score in words, for Listen (their face's name on 3 faces)."""
        return " ".join(
            [content.PICTURE]
            + [content.scored(p.member.user.name, p.option.label if p.option else None)
               for p in self.pictures]
        )  # fmt: skip


@dataclass
class Meeting:
    job: Job
    data: JobResults
    panel: GroupView
    groups: list[GroupView]
    lived_first: tuple[str, ...] | None
    candidates: list[CandidateView]
    names: dict[str, str]  # candidate key -> name
    by_key: dict[str, PanelMember]

    def candidate(self, candidate_id: int) -> CandidateView:
        for view in self.candidates:
            if view.candidate.id == candidate_id:
                return view
        raise KeyError(candidate_id)

    def first_names(self, keys) -> str:
        return rules.join_names(rules.mapping_names(keys, self.names))

    def member_name(self, key: str) -> str:
        return self.by_key[key].user.name

    @property
    def lived_word(self) -> str:
        """Whom the reason rule follows: the lived-experience "panel" or "group"."""
        return content.lived_word(
            len(self.job.panels), any(p.lived_experience for p in self.job.panels)
        )

    @property
    def first_said(self) -> str:
        """Each group's first choice in words, for Listen."""
        views = [self.panel, *self.groups]
        return " ".join(
            [content.FIRST_CHOICE]
            + [content.chose(v.name, rules.mapping_names(v.first, self.names)) for v in views]
        )

    @property
    def without_said(self) -> str:
        return " ".join([content.WITHOUT_ONE, *(i.note for i in self.panel.influence)])


def _answers(job_id: int) -> tuple[dict[tuple[int, int], str], dict[tuple[int, int], dict]]:
    """The scale of each sent sheet, and its answers 0..1 by question id (None: I don't
    know), keyed by (member id, candidate id). One query."""
    rows = db.session.execute(
        select(
            ScoreSheet.member_id,
            ScoreSheet.candidate_id,
            ScoreSheet.scale,
            Score.question_id,
            Score.value,
        )  # fmt: skip
        .join(Score, Score.sheet_id == ScoreSheet.id)
        .where(ScoreSheet.job_id == job_id, ScoreSheet.status == "submitted")
    ).all()
    scales: dict[tuple[int, int], str] = {}
    answers: dict[tuple[int, int], dict[int, float | None]] = {}
    for member_id, candidate_id, scale_key, question_id, value in rows:
        scale = SCALES.get(scale_key, SCALES["faces3"])
        scales[(member_id, candidate_id)] = scale.key
        try:
            normal = scale.normalise(value)
        except ValueError:  # damaged data: not on the sheet's scale, not an answer
            continue
        answers.setdefault((member_id, candidate_id), {})[question_id] = normal
    return scales, answers


def meeting(job: Job) -> Meeting:
    """Everything the meeting screen shows, in a fixed number of queries."""
    data = job_results(job)
    results = data.results
    members_in = [MemberIn(m.key, m.user.name, m.group, str(m.panel_id)) for m in data.members]
    cands = [(c.key, c.name) for c in data.candidates]
    sheets = [
        SheetIn(m, row.key, None if v is None else v / 100)
        for row in results.rows
        for m, v in row.member_scores.items()
        if v is not None
    ]
    panel = rules.group_view(
        "The whole panel", members_in, cands, sheets, job.group_parity,
        panel_parity=job.panel_parity,
    )  # fmt: skip
    flags = [(str(p.id), p.name, p.lived_experience) for p in job.panels]
    groups = rules.panel_views(members_in, cands, sheets, flags)
    groups += rules.group_views(members_in, cands, sheets, job.lived_group)
    scales, answers = _answers(job.id)
    decisions = decisions_of(job.id)
    given = answers_of(job.id)
    views = []
    for c in data.candidates:
        row = results.row(c.key)
        pictures = []
        for m in data.members:
            score = row.member_scores.get(m.key)
            scale = SCALES.get(scales.get((m.id, c.id), m.user.scale or "faces3"), SCALES["faces3"])
            option = None if score is None else rules.nearest_option(scale, score / 100)
            pictures.append(MemberPicture(m, score, option))
        questions = [
            rules.question_agreement(
                q.key,
                [
                    answers[(m.id, c.id)][q.id]
                    for m in data.members
                    if q.id in answers.get((m.id, c.id), {})
                ],
            )  # fmt: skip
            for q in data.questions
        ]
        decision = decisions.get(c.id)
        panels = [PanelPicture("", False, row.combined, pictures)]
        if len(job.panels) > 1:
            panels = [
                PanelPicture(
                    p.name,
                    p.lived_experience,
                    row.panel_scores.get(str(p.id)),
                    [pic for pic in pictures if pic.member.panel_id == p.id],
                )  # fmt: skip
                for p in job.panels
            ]
        views.append(
            CandidateView(
                c,
                row.rank,
                row.combined,
                row.tied,
                pictures,
                questions,
                row.disagreement,
                decision,
                given.get(decision.id, {}) if decision else {},
                panels,
            )  # fmt: skip
        )
    views.sort(key=lambda v: (v.rank is None, v.rank or 0))
    return Meeting(
        job, data, panel, groups, rules.lived_first_choice(groups), views,
        dict(cands), {m.key: m for m in data.members},
    )  # fmt: skip


# --- writes ---------------------------------------------------------------------------


def _open_meeting_or_refuse(job: Job) -> DecisionMeeting:
    found = meeting_of(job.id)
    if found is None:
        raise DecisionProblem("meeting", "The decision meeting has not started yet.", 409)
    if found.released_at is not None:
        raise DecisionProblem(
            "meeting", "The decision is already shared with the panel. It cannot change now.", 409
        )
    return found


@_refusal_saves_nothing
def open_meeting(job: Job, actor_id: int | None) -> DecisionMeeting:
    if not is_closed(job.id):
        raise DecisionProblem(
            "meeting", "Close scoring before the decision meeting. Some scores may still come.", 409
        )
    if meeting_of(job.id) is not None:
        raise DecisionProblem("meeting", "The decision meeting is already open.", 409)
    opened = DecisionMeeting(job_id=job.id, opened_by_id=actor_id)
    db.session.add(opened)
    record("decision meeting opened", job_id=job.id, actor_id=actor_id)
    db.session.commit()
    return opened


def _text(value: str | None, limit: int, what: str, field: str) -> str:
    text = (value or "").strip()
    if len(text) > limit:
        raise DecisionProblem(field, f"{what} must be {limit} characters or fewer.")
    return text


def _proposal(value: str | None) -> Proposal:
    try:
        return Proposal(value or "")
    except ValueError:
        raise DecisionProblem(
            "proposal", "Choose offer the job, keep as reserve, or not this time."
        ) from None


@dataclass(frozen=True)
class DecisionIn:
    proposal: str | None
    reason: str | None = ""
    change: bool = False
    change_reason: str | None = ""


@_refusal_saves_nothing
def decide(job: Job, candidate: Candidate, given: DecisionIn, actor_id: int | None) -> Decision:
    """Record (or, explicitly, change) the proposal for one candidate."""
    _open_meeting_or_refuse(job)
    proposal = _proposal(given.proposal)
    reason = _text(given.reason, limits.REASON, "The reason", "reason")
    decisions = decisions_of(job.id)
    existing = decisions.get(candidate.id)
    if existing is not None and not given.change:
        raise DecisionProblem(
            "proposal",
            f"There is already a decision for {candidate.name}. "
            "To change it, choose Change the decision.",
            409,
        )
    if existing is None and given.change:
        raise DecisionProblem("proposal", f"There is no decision for {candidate.name} yet.", 409)
    current = meeting(job)
    lived = current.lived_first
    needed = proposal == Proposal.OFFER and rules.reason_needed([candidate.key], lived)
    if needed and not reason:
        raise DecisionProblem(
            "reason",
            f"Write why the job is offered to {candidate.name}. "
            + content.not_first(current.first_names(lived or ()), current.lived_word),
        )
    if existing is None:
        decision = Decision(job_id=job.id, candidate_id=candidate.id)
        db.session.add(decision)
    else:
        decision = _change(job, candidate, existing, given, actor_id)
    decision.proposal, decision.reason, decision.reason_needed = proposal, reason, needed
    decision.lived_first = None if lived is None else candidate.key in lived
    decision.decided_by_id, decision.decided_at = actor_id, utcnow()
    record(
        "decision recorded",
        job_id=job.id,
        actor_id=actor_id,
        reason=reason,
        candidate=candidate.name,
        proposal=str(proposal),
        reason_needed=needed,
        lived_first=list(lived or ()),
    )
    try:
        db.session.commit()
    except IntegrityError:  # two coordinators deciding for the same candidate at once
        db.session.rollback()
        raise DecisionProblem(
            "proposal", f"There is already a decision for {candidate.name}. Reload the page.", 409
        ) from None
    return decision


def _change(
    job: Job, candidate: Candidate, existing: Decision, given: DecisionIn, actor_id: int | None
) -> Decision:
    why = _text(given.change_reason, limits.REASON, "The reason", "change_reason")
    if not why:
        raise DecisionProblem("change_reason", "Say why you are changing the decision.")
    old = answers_of(job.id).get(existing.id, {})
    record(
        "decision changed",
        job_id=job.id,
        actor_id=actor_id,
        reason=why,
        candidate=candidate.name,
        was=str(existing.proposal),
        was_reason=existing.reason,
        answers_before={str(m): str(a.answer) for m, a in old.items()},
    )
    for answer in old.values():  # members answer the new proposal afresh
        db.session.delete(answer)
    existing.changes += 1
    return existing


@dataclass(frozen=True)
class AnswerIn:
    answer: str | None
    phrase: str | None = ""
    note: str | None = ""


@_refusal_saves_nothing
def answer(job: Job, candidate: Candidate, member: PanelMember, given: AnswerIn) -> DecisionAnswer:
    """A panel member's own answer to the proposal for one candidate. Once only."""
    if member.job_id != job.id:
        raise DecisionProblem("answer", "Only panel members of this job can answer.", 403)
    _open_meeting_or_refuse(job)
    decision = decisions_of(job.id).get(candidate.id)
    if decision is None:
        raise DecisionProblem("answer", f"There is no proposal for {candidate.name} yet.", 409)
    if answers_of(job.id).get(decision.id, {}).get(member.id) is not None:
        raise DecisionProblem("answer", "You have already answered. Your answer is saved.", 409)
    try:
        choice = Answer(given.answer or "")
    except ValueError:
        raise DecisionProblem(
            "answer", "Choose I agree, I do not agree, or I am not sure."
        ) from None
    phrase = None
    if given.phrase:
        try:
            phrase = Phrase(given.phrase)
        except ValueError:
            raise DecisionProblem("phrase", "Choose one of the sentences, or none.") from None
    note = _text(given.note, limits.DECISION_NOTE, "Your note", "note")
    row = DecisionAnswer(
        job_id=job.id, decision_id=decision.id, member_id=member.id, answer=choice,
        phrase=phrase, note=note,
    )  # fmt: skip
    db.session.add(row)
    record(
        "decision answered",
        job_id=job.id,
        candidate=candidate.name,
        member=member.key,
        answer=str(choice),
    )
    try:
        db.session.commit()
    except IntegrityError:  # the same member on two tablets at once
        db.session.rollback()
        raise DecisionProblem(
            "answer", "You have already answered. Your answer is saved.", 409
        ) from None
    return row


@_refusal_saves_nothing
def release(job: Job, actor_id: int | None) -> DecisionMeeting:
    opened = _open_meeting_or_refuse(job)
    decisions = decisions_of(job.id)
    waiting = [c.name for c in job.candidates if c.id not in decisions]
    if waiting:
        raise DecisionProblem(
            "release",
            "Record a decision for every candidate first: " + ", ".join(waiting) + ".",
            409,
        )
    opened.released_at, opened.released_by_id = utcnow(), actor_id
    record("decision released to the panel", job_id=job.id, actor_id=actor_id)
    db.session.commit()
    return opened


def _face(value: str | None, question: str) -> int:
    try:
        number = int(value or "")
    except ValueError:
        number = 0
    if not limits.FEEDBACK_MIN <= number <= limits.FEEDBACK_MAX:
        raise DecisionProblem(question, "Choose a face for this question.")
    return number


def feedback_of(job_id: int, *, member_id: int | None = None, candidate_id: int | None = None):
    who = (
        DayFeedback.member_id == member_id
        if member_id is not None
        else DayFeedback.candidate_id == candidate_id
    )
    return db.session.scalar(select(DayFeedback).where(DayFeedback.job_id == job_id, who))


@_refusal_saves_nothing
def give_feedback(
    job_id: int, values: dict[str, str | None], *, member_id=None, candidate_id=None
) -> DayFeedback:
    """Three answers about the day, once per member or candidate of a job."""
    faces = {key: _face(values.get(key), key) for key, _ in rules.FEEDBACK_QUESTIONS}
    if feedback_of(job_id, member_id=member_id, candidate_id=candidate_id) is not None:
        raise DecisionProblem("listened", "You have already answered. Thank you.", 409)
    row = DayFeedback(job_id=job_id, member_id=member_id, candidate_id=candidate_id, **faces)
    db.session.add(row)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise DecisionProblem("listened", "You have already answered. Thank you.", 409) from None
    return row
