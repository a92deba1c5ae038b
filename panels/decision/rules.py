"""The decision meeting's rules: pure, no Flask, no database.

Everything here works on *groups of members' scores*: a group is any set of panel members
(the whole panel, the lived-experience group, or one panel of several), each with one
member score per candidate (0..1 on their own scale, ``None`` for "I don't know" only).
So the same functions apply per group today and per panel once a job has several panels.

* **First choice** of a group: the candidate(s) ranked first by the equal-weight rule
  (``panels.scoring.combine``), ties kept (several first choices), none without scores.
* **Would the top change without one member**: the equal-weight rule again, with each
  member left out in turn.
* **Agreement per question**: how far apart members' answers (0..1) are on one question
  for one candidate; "I don't know" is no answer, never zero.
* **Reason needed**: an offer to someone who is not among the lived-experience group's
  first choices needs a written reason.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from panels.lib.decisions import (
    Answer,
)
from panels.scoring.combine import Influence, MemberIn, SheetIn, combine_sheets
from panels.scoring.scales import Option, Scale

# Answers this far apart (0..1) or more: members disagreed on the question.
DISAGREE_AT = 0.5


class Agreement(StrEnum):
    """How far members agreed on one question for one candidate."""

    AGREED = "agreed"
    MOSTLY = "mostly"
    DISAGREED = "disagreed"
    TOO_FEW = "too_few"


AGREEMENT_WORDS = {
    Agreement.AGREED: "Everyone gave the same answer.",
    Agreement.MOSTLY: "Answers were close.",
    Agreement.DISAGREED: "People gave different answers. Talk about it.",
    Agreement.TOO_FEW: "Not enough answers to compare.",
}


@dataclass(frozen=True)
class GroupView:
    """One group's (or panel's) first choice and each member's influence on it."""

    name: str
    members: tuple[str, ...]
    first: tuple[str, ...]  # candidate keys ranked first (several when tied)
    influence: tuple[Influence, ...]
    # The coordinator said these are people with lived experience (a flagged panel, or
    # the job's lived-experience group): never guessed from the name.
    lived: bool = False

    @property
    def changes(self) -> tuple[Influence, ...]:
        """The members without whom the top would change."""
        return tuple(i for i in self.influence if i.changes_top)


def group_view(
    name: str,
    members: Sequence[MemberIn],
    candidates: Sequence[tuple[str, str]],
    sheets: Iterable[SheetIn],
    group_parity: bool = False,
    *,
    panel_parity: bool = False,
    lived: bool = False,
) -> GroupView:
    """First choice and influence for the members given, from their summed sheets.

    Sheets of members not in ``members`` are left out, so one list of sheets serves
    every group.
    """
    keys = {m.key for m in members}
    mine = [s for s in sheets if s.member in keys]
    results = combine_sheets(
        members, candidates, [], mine, group_parity=group_parity, panel_parity=panel_parity
    )
    return GroupView(
        name, tuple(m.key for m in members), tuple(results.top), tuple(results.influence), lived
    )


def group_views(
    members: Sequence[MemberIn],
    candidates: Sequence[tuple[str, str]],
    sheets: Sequence[SheetIn],
    lived_group: str | None = None,
) -> list[GroupView]:
    """One view per named group, in the order groups first appear (members without a
    group are not a group of their own here). ``lived_group`` is the group the
    coordinator marked as people with lived experience (None: none)."""
    names = list(dict.fromkeys(m.group for m in members if m.group))
    return [
        group_view(
            g, [m for m in members if m.group == g], candidates, sheets, lived=g == lived_group
        )
        for g in names
    ]


def panel_views(
    members: Sequence[MemberIn],
    candidates: Sequence[tuple[str, str]],
    sheets: Sequence[SheetIn],
    panels: Sequence[tuple[str, str, bool]],
) -> list[GroupView]:
    """One view per panel (key, name, lived-experience flag), in the order given; none
    for a job with one panel (the whole panel is that panel)."""
    if len(panels) < 2:
        return []
    return [
        group_view(name, [m for m in members if m.panel == key], candidates, sheets, lived=lived)
        for key, name, lived in panels
    ]


def lived_first_choice(views: Sequence[GroupView]) -> tuple[str, ...] | None:
    """The first choices of the panel or group the coordinator marked as people with
    lived experience (the first such with scores); None when there is none (or it gave
    no scores, so it has no first choice)."""
    for view in views:
        if view.lived and view.first:
            return view.first
    return None


def reason_needed(offers: Iterable[str], lived_first: Sequence[str] | None) -> bool:
    """An offer goes to someone the lived-experience group did not rank first."""
    if lived_first is None:
        return False
    return any(candidate not in lived_first for candidate in offers)


@dataclass(frozen=True)
class QuestionAgreement:
    question: str
    answers: int  # members with an answer (not "I don't know")
    dont_know: int
    spread: float | None  # highest minus lowest, 0..1
    level: Agreement

    @property
    def words(self) -> str:
        return AGREEMENT_WORDS[self.level]


def question_agreement(question: str, values: Iterable[float | None]) -> QuestionAgreement:
    """How far apart members' answers (0..1, None for "I don't know") are on a question."""
    given: list[float] = []
    dont_know = 0
    for v in values:
        if v is None:
            dont_know += 1
        elif math.isnan(v) or not 0 <= v <= 1:
            raise ValueError(f"Answer {v!r} must be from 0 to 1, or None for I don't know.")
        else:
            given.append(v)
    if len(given) < 2:
        return QuestionAgreement(question, len(given), dont_know, None, Agreement.TOO_FEW)
    spread = round(max(given) - min(given), 9)
    level = (
        Agreement.AGREED
        if spread == 0
        else Agreement.DISAGREED
        if spread >= DISAGREE_AT
        else Agreement.MOSTLY
    )
    return QuestionAgreement(question, len(given), dont_know, spread, level)


@dataclass(frozen=True)
class Tally:
    agree: int
    disagree: int
    not_sure: int
    waiting: int  # members who have not answered

    @property
    def answered(self) -> int:
        return self.agree + self.disagree + self.not_sure


def tally(answers: Iterable[str], members: int) -> Tally:
    """Count members' answers to one proposal."""
    counts = {a: 0 for a in Answer}
    for answer in answers:
        counts[Answer(answer)] += 1
    answered = sum(counts.values())
    if answered > members:
        raise ValueError("More answers than panel members.")
    return Tally(
        counts[Answer.AGREE], counts[Answer.DISAGREE], counts[Answer.NOT_SURE], members - answered
    )


def may_see_answers(
    is_member: bool, answered: bool, everyone_answered: bool, released: bool
) -> bool:
    """The independence rule: a member sees everyone's answers after giving their own;
    anyone else (the coordinator, a shared screen) once every member has answered or the
    decision is released."""
    if is_member and answered:
        return True
    return everyone_answered or released


# --- "How did it go?": three questions with faces ------------------------------------

FEEDBACK_QUESTIONS = (
    ("listened", "Did you feel listened to?"),
    ("time", "Was there enough time?"),
    ("again", "Would you do it again?"),
)
FEEDBACK_LOW, FEEDBACK_HIGH = 1, 3  # the 3 faces: not good, OK, good


@dataclass(frozen=True)
class JobOutcome:
    """One job's decision, for the report across jobs."""

    ref: str
    title: str
    month: str  # "2026-12"
    decided: bool
    lived_first_appointed: bool | None  # None: no lived-experience first choice
    reason_given: bool
    feedback: tuple[tuple[int, int, int], ...]  # members' answers (listened, time, again)
    candidate_feedback: tuple[tuple[int, int, int], ...] = ()  # candidates' answers
    job_id: int | None = None  # for a link to the job's answers (None: no link)


@dataclass(frozen=True)
class Report:
    jobs: int
    decided: int
    with_lived_choice: int
    lived_first_appointed: int
    reasons: int
    by_month: tuple[tuple[str, int, tuple[float | None, ...]], ...]  # month, answers, means
    candidates_by_month: tuple[tuple[str, int, tuple[float | None, ...]], ...] = ()

    @property
    def lived_first_share(self) -> float | None:
        """Percent of decided jobs with a lived-experience first choice where it was
        appointed."""
        if not self.with_lived_choice:
            return None
        return 100 * self.lived_first_appointed / self.with_lived_choice


def _face_mean(values: Sequence[int]) -> float | None:
    """Mean of 1..3 answers as 0..100 (not good = 0, good = 100)."""
    if not values:
        return None
    span = FEEDBACK_HIGH - FEEDBACK_LOW
    return 100 * math.fsum(v - FEEDBACK_LOW for v in values) / (span * len(values))


def report(outcomes: Sequence[JobOutcome]) -> Report:
    decided = [o for o in outcomes if o.decided]
    with_choice = [o for o in decided if o.lived_first_appointed is not None]
    return Report(
        jobs=len(outcomes),
        decided=len(decided),
        with_lived_choice=len(with_choice),
        lived_first_appointed=sum(1 for o in with_choice if o.lived_first_appointed),
        reasons=sum(1 for o in decided if o.reason_given),
        by_month=_by_month(outcomes, lambda o: o.feedback),
        candidates_by_month=_by_month(outcomes, lambda o: o.candidate_feedback),
    )


def _by_month(
    outcomes: Sequence[JobOutcome],
    answers: Callable[[JobOutcome], tuple[tuple[int, int, int], ...]],
) -> tuple[tuple[str, int, tuple[float | None, ...]], ...]:
    """Month, how many answered, and the mean of each question (0..100), oldest first;
    months with no answers are left out."""
    months: dict[str, list[tuple[int, int, int]]] = {}
    for o in sorted(outcomes, key=lambda o: o.month):
        if answers(o):
            months.setdefault(o.month, []).extend(answers(o))
    return tuple(
        (month, len(rows), tuple(_face_mean([r[i] for r in rows]) for i in range(3)))
        for month, rows in months.items()
    )


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def cell(text: str) -> str:
    """Stop spreadsheet programs reading text as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}"


CSV_HEADER = [
    "job",
    "title",
    "month",
    "decided",
    "lived_experience_first_choice_appointed",
    "reason_given",
    "member_answers",
    "listened",
    "enough_time",
    "do_it_again",
    "candidate_answers",
    "candidate_listened",
    "candidate_enough_time",
    "candidate_do_it_again",
]


def report_csv(outcomes: Sequence[JobOutcome]) -> str:
    """One row per job; feedback as 0..100 (not good 0, OK 50, good 100)."""
    buf = io.StringIO()
    out = csv.writer(buf)
    out.writerow(CSV_HEADER)
    for o in outcomes:
        means = [_face_mean([r[i] for r in o.feedback]) for i in range(3)]
        theirs = [_face_mean([r[i] for r in o.candidate_feedback]) for i in range(3)]
        out.writerow(
            [
                cell(o.ref),
                cell(o.title),
                o.month,
                _yes_no(o.decided),
                _yes_no(o.lived_first_appointed),
                _yes_no(o.reason_given),
                str(len(o.feedback)),
                *(_pct(m) for m in means),
                str(len(o.candidate_feedback)),
                *(_pct(m) for m in theirs),
            ]
        )
    return buf.getvalue()


def nearest_option(scale: Scale, mean: float) -> Option:
    """The option on ``scale`` nearest a member score (0..1): a face on the faces scale.
    Half-way rounds up (0.25 on 3 faces is OK)."""
    if math.isnan(mean) or not 0 <= mean <= 1:
        raise ValueError(f"Score {mean!r} must be from 0 to 1.")
    top = len(scale.options) - 1
    step = int(Decimal(repr(round(mean * top, 9))).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return scale.options[step]


def join_names(names: Sequence[str]) -> str:
    """ "Ruth", "Ruth and Mei", "Ruth, Mei and Ali"."""
    if not names:
        return "nobody"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def mapping_names(keys: Iterable[str], names: Mapping[str, str]) -> list[str]:
    return [names[k] for k in keys if k in names]
