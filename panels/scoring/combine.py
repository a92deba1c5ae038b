"""Combine panel members' scores with equal weight (see PRODUCT.md, "Equal weighting").

Pure maths: no Flask, no database. Scores come in already normalised to 0..1 on each
member's own scale (``panels.scoring.scales``); ``None`` means "I don't know": no score, not zero.

Rules, as implemented:

* Member score for a candidate = mean of that member's 0..1 scores for the candidate,
  ignoring "I don't know". A member with only "I don't know" answers has no member score.
* Combined = mean of member scores over the members who scored the candidate, times 100.
  So every member has the same weight however many questions they scored.
* Group parity (optional): combined = mean over groups of (mean of member scores in that
  group), counting only groups with at least one member score. Members without a group
  form the group ``"other"`` (a member whose group is literally "other" joins it too).
* Panel parity (optional, never with group parity): each panel of the job counts the
  same: combined = mean over panels of (mean of member scores on that panel). Members
  without a panel form one panel, ``""``.
* Panels: with ``questions_by_panel`` (panel -> its scored questions and activities) each
  member is asked only their own panel's; scores for another panel's are ignored. Every
  row has each panel's score (mean of its members' scores), side by side, whatever rule.
* Complete: every member has answered every scored question for the candidate (their
  panel's, with panels). An "I don't know" answer counts as answered; a missing one does not.
* Sums are exact (``math.fsum``); a mean is one division. Before a score is rounded to one
  decimal place it is rounded to 9 places, so float noise (around 1e-13) never moves a
  score across a rounding boundary (62.25 shows as 62.3, never 62.2): two real scores
  on panels' scales are never closer than that without being equal.
* Ranks compare combined scores as shown, to one decimal place (half up), so candidates
  shown with the same score always share a rank ("1, 1, 3"). Candidates with no score have
  no rank. Ties are marked, never broken.
* Scores for questions not in ``scored_questions`` are ignored (the question is not
  scored). Scores naming an unknown member or candidate raise ValueError.
"""

from __future__ import annotations

import csv
import functools
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

NO_GROUP = "other"
NO_PANEL = ""
CSV_HEADER = ["candidate_key", "candidate", "rank", "combined", "complete", "spread"]


@dataclass(frozen=True)
class MemberIn:
    """A panel member. ``group`` matters only with group parity; ``panel`` is the key of
    the member's panel (None: the job's only panel)."""

    key: str
    name: str
    group: str | None = None
    panel: str | None = None


@dataclass(frozen=True)
class ScoreIn:
    """One answer: ``value`` normalised to 0..1, or None for "I don't know"."""

    member: str
    candidate: str
    question: str
    value: float | None


@dataclass(frozen=True)
class SheetIn:
    """One member's answers for one candidate, already summed (the results page's way).

    ``mean`` is the mean of the member's 0..1 values for the candidate (None: only "I
    don't know"); ``answered`` the scored questions answered, None for every one of them.
    """

    member: str
    candidate: str
    mean: float | None
    answered: frozenset[str] | None = None


@dataclass(frozen=True)
class CandidateResult:
    """One candidate's row in the results. Scores are 0..100."""

    key: str
    name: str
    rank: int | None
    combined: float | None
    member_scores: dict[str, float | None]
    complete: bool
    missing: list[tuple[str, str]]  # (member key, question key) with no answer
    spread: float | None  # highest member score minus lowest
    disagreement: bool
    note: str | None  # plain words when members disagree strongly
    tied: bool  # shares its rank with another candidate
    scored_by: int  # members with a member score for this candidate
    group_scores: dict[str, float | None] = field(default_factory=dict)  # parity only
    panel_scores: dict[str, float | None] = field(default_factory=dict)  # each panel's


@dataclass(frozen=True)
class Influence:
    """Would the top candidate change without this member's scores?"""

    member: str
    top_without: list[str]  # candidate keys ranked 1 without this member (ties: several)
    changes_top: bool
    note: str


@dataclass(frozen=True)
class Results:
    """Rows in rank order (unranked last), the top candidate(s), and each member's influence."""

    rows: list[CandidateResult]
    top: list[str]
    influence: list[Influence]
    member_keys: list[str]
    group_parity: bool
    groups: dict[str, list[str]]  # group name -> member keys (parity only)
    panel_parity: bool = False
    panels: dict[str, list[str]] = field(default_factory=dict)  # panel -> member keys

    def row(self, key: str) -> CandidateResult:
        """The row for candidate ``key``."""
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(key)


def format_score(value: float | None) -> str:
    """A 0..100 score as shown everywhere: one decimal place, half up; blank for None."""
    if value is None:
        return ""
    if type(value) is float and value:  # the common case, remembered (see _shown)
        return _shown_text(value)
    return str(_shown_exactly(value))


_TENTH = Decimal("0.1")


def _shown_exactly(value: float) -> Decimal:
    return Decimal(repr(round(value, 9))).quantize(_TENTH, rounding=ROUND_HALF_UP)


# A results page shows thousands of scores, most of them repeated: each one is worked
# out once. Only non-zero floats are remembered (0.0 and -0.0 are equal keys but shown
# differently; ints and other numbers take the exact path every time).
_shown_float = functools.lru_cache(maxsize=8192)(_shown_exactly)


@functools.lru_cache(maxsize=8192)
def _shown_text(value: float) -> str:
    return str(_shown_float(value))


def _shown(value: float) -> Decimal:
    if type(value) is float and value:
        return _shown_float(value)
    return _shown_exactly(value)


def _mean(values: Iterable[float]) -> float | None:
    vals = list(values)
    return math.fsum(vals) / len(vals) if vals else None


def _pct(value: float | None) -> float | None:
    return None if value is None else value * 100


def _combined(
    member_scores: Mapping[str, float | None], groups: Mapping[str, str] | None
) -> float | None:
    """Mean of member scores; with ``groups`` (member -> group), mean of group means."""
    if groups is None:
        return _mean([v for v in member_scores.values() if v is not None])
    by_group: dict[str, list[float]] = {}
    for member, v in member_scores.items():
        if v is not None:
            by_group.setdefault(groups[member], []).append(v)
    return _mean(m for vals in by_group.values() if (m := _mean(vals)) is not None)


def _ranks(combined: Mapping[str, float | None]) -> dict[str, int | None]:
    """Competition ranks ("1, 1, 3") on the shown value; None for no score."""
    shown = {k: _shown(v) for k, v in combined.items() if v is not None}
    ordered = sorted(shown.values(), reverse=True)
    first: dict[Decimal, int] = {}
    for i, s in enumerate(ordered):
        first.setdefault(s, i + 1)
    return {k: (first[shown[k]] if k in shown else None) for k in combined}


def _check_inputs(
    members: Sequence[MemberIn],
    candidates: Sequence[tuple[str, str]],
    disagreement_threshold: float,
    rule: Rule | None = None,
) -> None:
    if rule is not None and rule.group_parity and rule.panel_parity:
        raise ValueError("Choose group parity or panel parity, not both.")
    member_keys = [m.key for m in members]
    for what, keys in (("member", member_keys), ("candidate", [c[0] for c in candidates])):
        seen: set[str] = set()
        for k in keys:
            if k in seen:
                raise ValueError(f"The {what} key {k!r} is used twice.")
            seen.add(k)
    if not 0 < disagreement_threshold <= 100:
        raise ValueError("The disagreement threshold must be above 0 and at most 100.")


@dataclass(frozen=True)
class Rule:
    """How members' scores are combined: every member the same (the default), every group
    the same, or every panel the same; and each panel's own questions and activities."""

    group_parity: bool = False
    panel_parity: bool = False
    questions_by_panel: Mapping[str, Sequence[str]] | None = None


def _asked(
    members: Sequence[MemberIn],
    scored_questions: Sequence[str],
    by_panel: Mapping[str, Sequence[str]] | None,
) -> dict[str, list[str]]:
    """member -> the scored questions the member is asked (their panel's, with panels)."""
    questions = list(dict.fromkeys(scored_questions))
    if by_panel is None:
        return {m.key: questions for m in members}
    scored = set(questions)
    return {
        m.key: [q for q in dict.fromkeys(by_panel.get(m.panel or NO_PANEL, ())) if q in scored]
        for m in members
    }


def _collect(
    members: Sequence[MemberIn],
    candidates: Sequence[tuple[str, str]],
    asked: Mapping[str, Sequence[str]],
    scores: Iterable[ScoreIn],
) -> dict[tuple[str, str], dict[str, float | None]]:
    """(member, candidate) -> {question: value} for the questions each member is asked,
    checked."""
    cand_keys = {c[0] for c in candidates}
    scored = {m: set(qs) for m, qs in asked.items()}
    answers: dict[tuple[str, str], dict[str, float | None]] = {}
    for s in scores:
        if s.member not in scored:
            raise ValueError(f"A score names {s.member!r}, who is not a panel member.")
        if s.candidate not in cand_keys:
            raise ValueError(f"A score names {s.candidate!r}, who is not a candidate.")
        if s.question not in scored[s.member]:
            continue
        v = s.value
        if v is not None and (
            isinstance(v, bool)
            or not isinstance(v, int | float)
            or math.isnan(v)
            or not 0 <= v <= 1
        ):
            raise ValueError(f"Score {v!r} must be from 0 to 1, or None for I don't know.")
        per = answers.setdefault((s.member, s.candidate), {})
        if s.question in per:
            raise ValueError(
                f"{s.member!r} has two scores for {s.candidate!r} on question {s.question!r}."
            )
        per[s.question] = v
    return answers


def _names(keys: Sequence[str], names: Mapping[str, str]) -> str:
    words = [names[k] for k in keys]
    if not words:
        return "nobody"
    text = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    return text + (" (equal)" if len(words) > 1 else "")


def combine(
    members: Sequence[MemberIn],
    candidates: Sequence[tuple[str, str]],
    scored_questions: Sequence[str],
    scores: Iterable[ScoreIn],
    group_parity: bool = False,
    disagreement_threshold: float = 50.0,
    *,
    panel_parity: bool = False,
    questions_by_panel: Mapping[str, Sequence[str]] | None = None,
) -> Results:
    """Combine every member's scores with equal weight. ``candidates`` are (key, name).

    With ``panel_parity`` every panel has the same weight; ``questions_by_panel`` gives
    each panel's scored questions and activities (see the module's rules).
    """
    rule = Rule(group_parity, panel_parity, questions_by_panel)
    _check_inputs(members, candidates, disagreement_threshold, rule)
    asked = _asked(members, scored_questions, questions_by_panel)
    answers = _collect(members, candidates, asked, scores)
    exact: dict[str, dict[str, float | None]] = {}
    for ckey, _ in candidates:
        exact[ckey] = {}
        for m in members:
            vals = answers.get((m.key, ckey), {}).values()
            exact[ckey][m.key] = _mean([v for v in vals if v is not None])
    answered: dict[tuple[str, str], frozenset[str] | None] = {
        pair: frozenset(given) for pair, given in answers.items()
    }
    return _results(members, candidates, asked, exact, answered, rule, disagreement_threshold)


def combine_sheets(
    members: Sequence[MemberIn],
    candidates: Sequence[tuple[str, str]],
    scored_questions: Sequence[str],
    sheets: Iterable[SheetIn],
    group_parity: bool = False,
    disagreement_threshold: float = 50.0,
    *,
    panel_parity: bool = False,
    questions_by_panel: Mapping[str, Sequence[str]] | None = None,
) -> Results:
    """As ``combine``, from each member's sheet already summed (one mean per sheet)."""
    return combine_means(
        members,
        candidates,
        scored_questions,
        [(s.member, s.candidate, s.mean, s.answered) for s in sheets],
        group_parity,
        disagreement_threshold,
        panel_parity=panel_parity,
        questions_by_panel=questions_by_panel,
    )


# A summed sheet as plain values: (member, candidate, mean, answered), as in SheetIn
SheetMean = tuple[str, str, float | None, frozenset[str] | None]


def combine_means(
    members: Sequence[MemberIn],
    candidates: Sequence[tuple[str, str]],
    scored_questions: Sequence[str],
    sheets: Iterable[SheetMean],
    group_parity: bool = False,
    disagreement_threshold: float = 50.0,
    *,
    panel_parity: bool = False,
    questions_by_panel: Mapping[str, Sequence[str]] | None = None,
) -> Results:
    """As ``combine_sheets``, from plain ``(member, candidate, mean, answered)`` tuples
    (the results page's way: hundreds of sheets, no object made for each)."""
    rule = Rule(group_parity, panel_parity, questions_by_panel)
    _check_inputs(members, candidates, disagreement_threshold, rule)
    asked = _asked(members, scored_questions, questions_by_panel)
    no_scores = dict.fromkeys([m.key for m in members])
    exact: dict[str, dict[str, float | None]] = {c: dict(no_scores) for c, _ in candidates}
    answered: dict[tuple[str, str], frozenset[str] | None] = {}
    for member, candidate, v, given in sheets:
        scores = exact.get(candidate)
        if scores is None or member not in no_scores:
            raise ValueError(f"A sheet names {member!r} or {candidate!r}, not known.")
        if v is not None and not 0 <= v <= 1:  # (NaN is not from 0 to 1 either)
            raise ValueError(f"Score {v!r} must be from 0 to 1, or None for I don't know.")
        scores[member] = v
        answered[(member, candidate)] = given
    return _results(members, candidates, asked, exact, answered, rule, disagreement_threshold)


NOTHING: frozenset[str] = frozenset()


def _weighting(members: Sequence[MemberIn], rule: Rule) -> dict[str, str] | None:
    """member -> the set that shares one weight (group or panel); None: every member."""
    if rule.panel_parity:
        return {m.key: (m.panel or NO_PANEL) for m in members}
    if rule.group_parity:
        return {m.key: (m.group or NO_GROUP) for m in members}
    return None


def _set_scores(
    scores: Mapping[str, float | None],
    sets: Mapping[str, str],
    names: Iterable[str] | None = None,
) -> dict[str, float | None]:
    """Each set's (group's or panel's) mean of member scores, 0..100, in the order of
    ``names`` (the sets' names in order of their first member, worked out once)."""
    by_set: dict[str, list[float]] = {
        name: [] for name in (dict.fromkeys(sets.values()) if names is None else names)
    }
    for m, v in scores.items():
        if v is not None:
            by_set[sets[m]].append(v)
    return {
        name: _pct(math.fsum(vals) / len(vals)) if vals else None for name, vals in by_set.items()
    }


def _results(
    members: Sequence[MemberIn],
    candidates: Sequence[tuple[str, str]],
    asked: Mapping[str, Sequence[str]],
    exact: dict[str, dict[str, float | None]],
    answered: Mapping[tuple[str, str], frozenset[str] | None],
    rule: Rule,
    disagreement_threshold: float,
) -> Results:
    """The rows, ranks and influence from member scores (``exact``: candidate -> member ->
    0..1) and the questions each member answered (None: all; missing pair: none)."""
    member_keys = [m.key for m in members]
    groups = _weighting(members, rule)
    panel_of = {m.key: (m.panel or NO_PANEL) for m in members}

    combined = {c: _pct(_combined(exact[c], groups)) for c, _ in candidates}
    ranks = _ranks(combined)
    rank_counts: dict[int, int] = {}
    for r in ranks.values():
        if r is not None:
            rank_counts[r] = rank_counts.get(r, 0) + 1

    group_names = list(dict.fromkeys(groups.values())) if groups is not None else []
    panel_names = list(dict.fromkeys(panel_of.values()))
    rows = []
    for index, (ckey, cname) in enumerate(candidates):
        scores = exact[ckey]
        given = [v for v in scores.values() if v is not None]
        spread = _pct(max(given) - min(given)) if given else None
        disagree = len(given) >= 2 and spread is not None and spread >= disagreement_threshold
        note = None
        if disagree:
            note = (
                f"Panel members disagree strongly about {cname}: member scores go from "
                f"{format_score(_pct(min(given)))} to {format_score(_pct(max(given)))}. "
                "Talk about this together."
            )
        missing = _missing(member_keys, asked, answered, ckey)
        group_scores = _set_scores(scores, groups, group_names) if groups is not None else {}
        rank = ranks[ckey]
        row = CandidateResult(
            key=ckey,
            name=cname,
            rank=rank,
            combined=combined[ckey],
            member_scores={m: None if v is None else v * 100 for m, v in scores.items()},
            complete=not missing,
            missing=missing,
            spread=spread,
            disagreement=disagree,
            note=note,
            tied=rank is not None and rank_counts[rank] > 1,
            scored_by=len(given),
            group_scores=group_scores,
            panel_scores=_set_scores(scores, panel_of, panel_names),
        )
        rows.append((rank is None, rank or 0, index, row))
    rows.sort(key=lambda t: t[:3])

    top = [c for c, _ in candidates if ranks[c] == 1]
    influence = _influence(members, candidates, exact, groups, top)
    group_lists: dict[str, list[str]] = {}
    for m, g in (groups or {}).items():
        group_lists.setdefault(g, []).append(m)
    panel_lists: dict[str, list[str]] = {}
    for m, p in panel_of.items():
        panel_lists.setdefault(p, []).append(m)
    return Results(
        rows=[t[3] for t in rows],
        top=top,
        influence=influence,
        member_keys=member_keys,
        group_parity=rule.group_parity,
        groups=group_lists,
        panel_parity=rule.panel_parity,
        panels=panel_lists,
    )


def _missing(
    member_keys: Sequence[str],
    asked: Mapping[str, Sequence[str]],
    answered: Mapping[tuple[str, str], frozenset[str] | None],
    candidate: str,
) -> list[tuple[str, str]]:
    """(member, question) pairs with no answer for this candidate."""
    missing: list[tuple[str, str]] = []
    for m in member_keys:
        given = answered.get((m, candidate), NOTHING)
        if given is not None:
            missing.extend((m, q) for q in asked[m] if q not in given)
    return missing


def _grouped_without_each(
    given: Sequence[tuple[str, float]],
    groups: Mapping[str, str],
    candidate: str,
    out: dict[str, dict[str, float | None]],
) -> None:
    """With group parity: each scorer's ``out[member][candidate]``, the combined score
    without their scores. Only their own group's mean changes (or the group drops out
    when they are its only scorer); the others' means are the same sums as in the
    combined score (``_combined``), each still exact."""
    by_group: dict[str, list[float]] = {}
    for m, v in given:
        by_group.setdefault(groups[m], []).append(v)
    means = {g: math.fsum(vals) / len(vals) for g, vals in by_group.items()}
    place: dict[str, int] = {}  # each group's scorers so far
    for m, _v in given:
        g = groups[m]
        vals = by_group[g]
        i = place.get(g, 0)
        place[g] = i + 1
        others = [mean for h, mean in means.items() if h != g]
        if len(vals) > 1:
            others.append(math.fsum(vals[:i] + vals[i + 1 :]) / (len(vals) - 1))
        out[m][candidate] = _pct(math.fsum(others) / len(others)) if others else None


def _leave_one_out(
    member_keys: Sequence[str],
    candidates: Sequence[tuple[str, str]],
    exact: Mapping[str, Mapping[str, float | None]],
    groups: Mapping[str, str] | None,
) -> dict[str, dict[str, float | None]]:
    """member -> candidate -> combined score (0..100) without that member's scores.

    Worked out once per candidate: a member with no score for a candidate leaves it as it
    is (the same sum as the combined score); only the members who scored it are left out
    one at a time, each sum still exact (``math.fsum``).
    """
    out: dict[str, dict[str, float | None]] = {m: {} for m in member_keys}
    for ckey, _ in candidates:
        scores = exact[ckey]
        given = [(m, v) for m, v in scores.items() if v is not None]
        scorers = [m for m, _ in given]
        if groups is None:
            vals = [v for _, v in given]
            everyone = _pct(math.fsum(vals) / len(vals)) if vals else None
            n = len(vals) - 1
            for i, m in enumerate(scorers):
                out[m][ckey] = math.fsum(vals[:i] + vals[i + 1 :]) / n * 100 if n else None
        else:
            everyone = _pct(_combined(scores, groups))
            _grouped_without_each(given, groups, ckey, out)
        for m in member_keys:
            if scores.get(m) is None:
                out[m][ckey] = everyone
    return out


def _top_of(scores: Mapping[str, float | None], candidates: Sequence[tuple[str, str]]) -> list[str]:
    """The candidates ranked 1 on these scores (as ``_ranks`` would say), in order.

    The shown value never goes down as a score goes up, and a score more than 0.2 below
    the highest cannot be shown the same; so only the few near the top are rounded.
    """
    given = [v for v in scores.values() if v is not None]
    if not given:
        return []
    high = max(given)
    best = _shown(high)
    near = high - 0.2
    return [
        c for c, _ in candidates if (v := scores[c]) is not None and v >= near and _shown(v) == best
    ]


def _influence(
    members: Sequence[MemberIn],
    candidates: Sequence[tuple[str, str]],
    exact: Mapping[str, Mapping[str, float | None]],
    groups: Mapping[str, str] | None,
    top: list[str],
) -> list[Influence]:
    cand_names = dict(candidates)
    out = []
    without_each = _leave_one_out([m.key for m in members], candidates, exact, groups)
    for member in members:
        top_without = _top_of(without_each[member.key], candidates)
        changes = top_without != top
        if changes:
            note = (
                f"Without {member.name}'s scores, the top would be "
                f"{_names(top_without, cand_names)} instead of {_names(top, cand_names)}."
            )
        else:
            note = (
                f"Without {member.name}'s scores, the top would still be {_names(top, cand_names)}."
            )
        out.append(Influence(member.key, top_without, changes, note))
    return out


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """Stop spreadsheet programs reading a name as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def results_rows(results: Results, member_keys: Sequence[str] | None = None) -> list[list[str]]:
    """The results table: header, then one row per candidate in rank order.

    Scores to one decimal place, blank where none; text starting with = + - @ gets a
    leading ' so spreadsheet programs do not run it as a formula.
    """
    keys = list(results.member_keys if member_keys is None else member_keys)
    unknown = [k for k in keys if k not in results.member_keys]
    if unknown:
        raise ValueError(f"Not panel members in these results: {', '.join(unknown)}.")
    table = [CSV_HEADER + [_cell(f"member:{k}") for k in keys]]
    for r in results.rows:
        table.append(
            [
                _cell(r.key),
                _cell(r.name),
                "" if r.rank is None else str(r.rank),
                format_score(r.combined),
                "yes" if r.complete else "no",
                format_score(r.spread),
                *(format_score(r.member_scores[k]) for k in keys),
            ]
        )
    return table


def results_csv(results: Results, member_keys: Sequence[str] | None = None) -> str:
    """The results table as CSV text (RFC 4180 style, \\r\\n line ends)."""
    buf = io.StringIO()
    csv.writer(buf).writerows(results_rows(results, member_keys))
    return buf.getvalue()
