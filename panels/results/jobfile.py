"""Read and check the bulk set-up file (JSON) for ``flask import-job FILE.json``.

``parse_job_file(text)`` returns a ``JobFile`` or raises ``JobFileError`` listing every
problem with its place, in plain words. Optional fields: ``job.group_parity`` (false),
``job.lived_group`` (null), ``members[].pace`` (1.0), ``members[].group`` (null), the
``panels`` list (a file from before panels has none: everything is on the job's one
panel), ``members[].panel`` and ``questions[].panel`` (a panel's key; the first panel
when not given), ``questions[].kind`` ("question", or "activity" with ``look_for``: the
things to look for, a list of 1 to LOOK_FOR_POINTS lines) and the ``scores`` list. ``email``
must be given but may be null (no email: send a printed letter). A score ``value`` is on
that member's own scale, or null for "I don't know".
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from email_validator import EmailNotValidError, validate_email

from panels.lib import limits
from panels.scoring.combine import MemberIn, ScoreIn
from panels.scoring.scales import SCALES, get_scale, scale_keys_text

# Every limit is the database's own (``panels.lib.limits``), so a file that passes imports.
NAME_MAX = limits.PERSON_NAME
TITLE_MAX = limits.JOB_TITLE
GROUP_MAX = limits.GROUP
TEXT_MAX = limits.EASY_READ  # a question's text is its easy-read words
REF_MAX = limits.JOB_REF
KEY_MAX = limits.KEY
EMAIL_MAX = limits.EMAIL
KEY_RE = re.compile("[A-Za-z0-9][A-Za-z0-9_-]{0," + str(KEY_MAX - 1) + "}")
PACE_MIN, PACE_MAX = limits.PACE_MIN, limits.PACE_MAX
ANSWER_MINUTES_MIN = limits.ANSWER_MINUTES_MIN
ANSWER_MINUTES_MAX = limits.ANSWER_MINUTES_MAX
KINDS = ("question", "activity")  # ``question.kind`` (panels.lib.choices.QuestionKind)
ACTIVITY = "activity"
_NULL_VALUE = ' Use null for "I don\'t know".'


class JobFileError(ValueError):
    """The job file has problems; ``problems`` lists each one in plain words."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class JobInfo:
    ref: str
    title: str
    interview_date: dt.date
    start_time: dt.time
    group_parity: bool = False
    lived_group: str | None = None  # the member group of people with lived experience


@dataclass(frozen=True)
class PanelSpec:
    """One panel of the job: its name, room, start time and lived-experience flag."""

    key: str
    name: str
    room: str = ""
    start_time: dt.time | None = None
    lived_experience: bool = False


@dataclass(frozen=True)
class MemberSpec:
    key: str
    name: str
    email: str | None
    scale: str
    pace: float = 1.0
    group: str | None = None
    panel: str | None = None  # a panel's key; None: the first panel


@dataclass(frozen=True)
class QuestionSpec:
    key: str
    text: str
    asker: str
    answer_minutes: float
    scored: bool
    panel: str | None = None  # a panel's key; None: the first panel
    kind: str = "question"  # or "activity"
    look_for: tuple[str, ...] = ()  # an activity's things to look for

    @property
    def is_activity(self) -> bool:
        return self.kind == ACTIVITY


@dataclass(frozen=True)
class CandidateSpec:
    key: str
    name: str
    email: str | None


@dataclass(frozen=True)
class ScoreSpec:
    member: str
    candidate: str
    question: str
    value: int | None  # on the member's own scale; None = "I don't know"


@dataclass(frozen=True)
class JobFile:
    job: JobInfo
    members: tuple[MemberSpec, ...]
    questions: tuple[QuestionSpec, ...]
    candidates: tuple[CandidateSpec, ...]
    scores: tuple[ScoreSpec, ...] = ()
    panels: tuple[PanelSpec, ...] = ()  # none: a file from before panels (one panel)

    def panel_of(self, item: MemberSpec | QuestionSpec) -> str | None:
        """The key of the item's panel (the first when not given); None without panels."""
        if not self.panels:
            return None
        return item.panel or self.panels[0].key

    def member_inputs(self) -> list[MemberIn]:
        """Members for ``panels.scoring.combine``."""
        return [MemberIn(m.key, m.name, m.group, self.panel_of(m)) for m in self.members]

    def scored_questions(self) -> list[str]:
        return [q.key for q in self.questions if q.scored]

    def score_inputs(self) -> list[ScoreIn]:
        """Scores normalised to 0..1 on each member's scale, for ``combine``."""
        scale = {m.key: get_scale(m.scale) for m in self.members}
        return [
            ScoreIn(s.member, s.candidate, s.question, scale[s.member].normalise(s.value))
            for s in self.scores
        ]


# --- reading JSON -------------------------------------------------------------------------


class _Obj(dict[str, Any]):
    """A JSON object that remembers names given twice."""

    twice: list[str]


class _BadNumber:
    """NaN or Infinity in the file: JSON allows neither."""

    def __init__(self, word: str) -> None:
        self.word = word

    def __str__(self) -> str:
        return self.word


def _pairs(pairs: list[tuple[str, Any]]) -> _Obj:
    obj = _Obj()
    obj.twice = []
    for k, v in pairs:
        if k in obj and k not in obj.twice:
            obj.twice.append(k)
        obj[k] = v
    return obj


_JSON_WORDS = {
    "Expecting ',' delimiter": "A comma (,) is missing here.",
    "Expecting ':' delimiter": "A colon (:) is missing here.",
    "Expecting value": "Something is missing or wrong here (a value, or a comma too many).",
    "Expecting property name enclosed in double quotes": (
        "A name in double quotes is needed here (or there is a comma too many)."
    ),
    "Unterminated string starting at": 'Text in quotes is not closed with a ".',
    "Invalid control character at": "A line break or tab is inside quotes. Use \\n instead.",
    "Extra data": "There is more after the end of the file's main { }.",
}


def _load(text: str) -> Any:
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise JobFileError(["The file is empty."])
    try:
        return json.loads(text, object_pairs_hook=_pairs, parse_constant=_BadNumber)
    except json.JSONDecodeError as e:
        words = _JSON_WORDS.get(e.msg, e.msg)
        if e.pos >= len(text.rstrip()):
            words = "The file ends too soon. Is a } or ] missing at the end?"
        raise JobFileError(
            [f"line {e.lineno}, column {e.colno}: this is not valid JSON. {words}"]
        ) from None
    except RecursionError:
        raise JobFileError(["The file is nested too deeply to read."]) from None
    except ValueError:  # a number with thousands of digits
        raise JobFileError(["The file has a number too long to read."]) from None


def _unsafe_text(data: Any) -> list[str]:
    """Places where text cannot be stored (NUL, a broken character); walked without recursion."""
    problems: list[str] = []
    stack: list[tuple[str, Any]] = [("the file", data)]
    while stack:
        place, value = stack.pop()
        if isinstance(value, str):
            problem = limits.text_problem(value)
            if problem:
                problems.append(f"{place}: this {problem}. Type it again.")
        elif isinstance(value, dict):
            for name, item in value.items():
                problem = limits.text_problem(name)
                if problem:
                    problems.append(f"{place}: a field name {problem}. Type it again.")
                    continue
                at = name if place == "the file" else f"{place}.{name}"
                stack.append((at, item))
        elif isinstance(value, list):
            stack.extend((f"{place}[{i}]", item) for i, item in enumerate(value))
    return sorted(problems)


# --- checking -----------------------------------------------------------------------------


def _kind(value: Any) -> str:
    if value is None:
        return "null (nothing)"
    if isinstance(value, bool):
        return f"true or false ({json.dumps(value)})"
    if isinstance(value, _BadNumber):
        return f"{value.word}, which is not a number we can use"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text ({json.dumps(shown)})"
    if isinstance(value, list):
        return "a list [ ]"
    return "a block { }"


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, place: str, message: str) -> None:
        self.problems.append(f"{place}: {message}")

    @staticmethod
    def at(place: str, name: str) -> str:
        return f"{place}.{name}" if place else name

    def block(
        self,
        value: Any,
        place: str,
        what: str,
        required: tuple[str, ...],
        optional: tuple[str, ...],
    ) -> dict[str, Any] | None:
        """Check a { } block: known names only, each given once, required ones present."""
        if not isinstance(value, dict):
            self.add(place, f"this is {_kind(value)}. Each {what} must be a block {{ }}.")
            return None
        allowed = required + optional
        for name in getattr(value, "twice", []):
            self.add(self.at(place, name), "this is given twice. Keep only one.")
        for name in value:
            if name not in allowed:
                close = difflib.get_close_matches(name, allowed, n=1)
                hint = f' Did you mean "{close[0]}"?' if close else ""
                self.add(
                    self.at(place, name),
                    f'"{name}" is not a field we know.{hint} A {what} can have: '
                    f"{', '.join(allowed)}.",
                )
        for name in required:
            if name not in value:
                hint = {"email": " Use null if there is none.", "value": _NULL_VALUE}.get(name, "")
                self.add(self.at(place, name), f'missing. Every {what} needs "{name}".{hint}')
        return value

    def items(self, value: Any, place: str, what: str) -> list[Any]:
        if not isinstance(value, list):
            self.add(place, f"this is {_kind(value)}. Use a list [ ] of {what}.")
            return []
        return value

    def text(
        self, d: dict[str, Any], name: str, place: str, limit: int, lines: bool = False
    ) -> str | None:
        if name not in d:
            return None
        value, at = d[name], f"{place}.{name}"
        if not isinstance(value, str):
            self.add(at, f"this is {_kind(value)}. Use text in quotes.")
            return None
        value = value.strip()
        if not value:
            self.add(at, "this is empty. Write something here.")
            return None
        if len(value) > limit:
            self.add(at, f"this is {len(value)} characters long. Keep it to {limit} or fewer.")
            return None
        if not lines and any(c in value for c in "\n\r\t"):
            self.add(at, "this has a line break or tab in it. Keep it on one line.")
            return None
        return value

    def key(self, d: dict[str, Any], name: str, place: str) -> str | None:
        value = self.text(d, name, place, KEY_MAX)
        if value is not None and not KEY_RE.fullmatch(value):
            self.add(
                f"{place}.{name}",
                f"{json.dumps(value)} has a space or sign we cannot use. "
                "Use letters, numbers, - and _ only.",
            )
            return None
        return value

    def number(
        self, d: dict[str, Any], name: str, place: str, ok: Callable[[float], bool], rule: str
    ) -> float | None:
        if name not in d:
            return None
        value, at = d[name], f"{place}.{name}"
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(at, f"this is {_kind(value)}. Use a number, {rule}.")
            return None
        if not math.isfinite(value) or not ok(value):
            self.add(at, f"{value} is not allowed here. Use a number {rule}.")
            return None
        return float(value)

    def boolean(self, d: dict[str, Any], name: str, place: str) -> bool | None:
        if name not in d:
            return None
        value = d[name]
        if not isinstance(value, bool):
            self.add(f"{place}.{name}", f"this is {_kind(value)}. Use true or false.")
            return None
        return value

    def email(self, d: dict[str, Any], name: str, place: str) -> str | None:
        if d.get(name) is None:
            return None
        value = self.text(d, name, place, EMAIL_MAX)
        if value is None:
            return None
        try:
            return validate_email(value, check_deliverability=False).normalized
        except EmailNotValidError:
            self.add(
                f"{place}.{name}",
                f"{json.dumps(value)} is not an email address. Use one like name@example.org, "
                "or null if there is none.",
            )
            return None

    def unique(self, keys: list[tuple[str, str | None]], what: str) -> set[str]:
        """Report keys used twice in one list; return the set of good keys."""
        first: dict[str, str] = {}
        for place, k in keys:
            if k is None:
                continue
            if k in first:
                self.add(
                    f"{place}.key",
                    f"{json.dumps(k)} is used twice (also at {first[k]}). "
                    f"Each {what} needs its own key.",
                )
            else:
                first[k] = place
        return set(first)


_Parsed = TypeVar("_Parsed")


def _iso(
    c: _Checker,
    place: str,
    text: str | None,
    shape: str,
    parse: Callable[[str], _Parsed],
    problem: str,
) -> _Parsed | None:
    """``text`` read by ``parse`` if it has exactly the ``shape``; else a problem at ``place``."""
    if text is None:
        return None
    try:
        if not re.fullmatch(shape, text):
            raise ValueError
        return parse(text)
    except ValueError:
        c.add(place, f"{json.dumps(text)} {problem}")
        return None


def _job(c: _Checker, value: Any) -> JobInfo | None:
    d = c.block(
        value,
        "job",
        "job",
        ("ref", "title", "interview_date", "start_time"),
        ("group_parity", "lived_group"),
    )
    if d is None:
        return None
    ref = c.text(d, "ref", "job", REF_MAX)
    title = c.text(d, "title", "job", TITLE_MAX)
    day = c.text(d, "interview_date", "job", 10)
    start = c.text(d, "start_time", "job", 5)
    parity = c.boolean(d, "group_parity", "job")
    lived = c.text(d, "lived_group", "job", GROUP_MAX) if d.get("lived_group") is not None else None
    date = _iso(
        c,
        "job.interview_date",
        day,
        r"\d{4}-\d{2}-\d{2}",
        dt.date.fromisoformat,
        "is not a date. Use YYYY-MM-DD.",
    )
    time = _iso(
        c,
        "job.start_time",
        start,
        r"\d{2}:\d{2}",
        dt.time.fromisoformat,
        "is not a time. Use HH:MM, like 09:30.",
    )
    if None in (ref, title, date, time):
        return None
    assert ref is not None and title is not None and date is not None and time is not None
    return JobInfo(ref, title, date, time, bool(parity), lived)


def _panels(c: _Checker, value: Any) -> list[PanelSpec | None]:
    out: list[PanelSpec | None] = []
    names: dict[str, str] = {}
    for i, item in enumerate(c.items(value, "panels", "panels")):
        place = f"panels[{i}]"
        optional = ("room", "start_time", "lived_experience")
        d = c.block(item, place, "panel", ("key", "name"), optional)
        if d is None:
            out.append(None)
            continue
        key = c.key(d, "key", place)
        name = c.text(d, "name", place, limits.PANEL_NAME)
        if name is not None and name.casefold() in names:
            c.add(f"{place}.name", f"{names[name.casefold()]} has this name too. Use another.")
            name = None
        elif name is not None:
            names[name.casefold()] = place
        room = c.text(d, "room", place, limits.ROOM) if d.get("room") else ""
        start = None
        if d.get("start_time") is not None:
            text = c.text(d, "start_time", place, 5)
            start = _iso(
                c, f"{place}.start_time", text, r"\d{2}:\d{2}", dt.time.fromisoformat,
                "is not a time. Use HH:MM, like 11:00, or null for the start of the day.",
            )  # fmt: skip
        start_ok = d.get("start_time") is None or start is not None
        lived = c.boolean(d, "lived_experience", place)
        lived_ok = "lived_experience" not in d or lived is not None
        if key and name and room is not None and start_ok and lived_ok:
            out.append(PanelSpec(key, name, room, start, bool(lived)))
        else:
            out.append(None)
    return out


def _panel_ref(
    c: _Checker, d: dict[str, Any], place: str, panels: set[str]
) -> tuple[str | None, bool]:
    """An item's ``panel`` (a panel's key, or not given), and whether it is good."""
    if d.get("panel") is None:
        return None, True
    panel = c.text(d, "panel", place, KEY_MAX)
    if panel is not None and panel not in panels:
        there = "There is no panels list." if not panels else "Use one of the panels' keys."
        c.add(f"{place}.panel", f"{json.dumps(panel)} is not a panel's key. {there}")
        return None, False
    return panel, panel is not None


def _members(c: _Checker, value: Any, panels: set[str]) -> list[MemberSpec | None]:
    out: list[MemberSpec | None] = []
    for i, item in enumerate(c.items(value, "members", "panel members")):
        place = f"members[{i}]"
        fields = ("key", "name", "email", "scale")
        d = c.block(item, place, "panel member", fields, ("pace", "group", "panel"))
        if d is None:
            out.append(None)
            continue
        who = _person(c, d, place)
        scale = d.get("scale")
        if "scale" in d and not isinstance(scale, str):
            c.add(f"{place}.scale", f"this is {_kind(scale)}. Use {scale_keys_text()}.")
            scale = None
        elif "scale" in d and scale not in SCALES:
            c.add(f"{place}.scale", f"{json.dumps(scale)} is not a scale. Use {scale_keys_text()}.")
            scale = None
        pace: float | None = 1.0
        if "pace" in d:
            pace = c.number(
                d,
                "pace",
                place,
                lambda v: PACE_MIN <= v <= PACE_MAX,
                f"from {PACE_MIN:g} to {PACE_MAX:g}, like 1.5",
            )
        group = None
        if d.get("group") is not None:
            group = c.text(d, "group", place, GROUP_MAX)
        group_ok = d.get("group") is None or group is not None
        panel, panel_ok = _panel_ref(c, d, place, panels)
        if who and scale and pace is not None and group_ok and panel_ok:
            out.append(MemberSpec(*who, scale, pace, group, panel))
        else:
            out.append(None)
    return out


def _questions(
    c: _Checker, value: Any, members: set[str], panels: set[str]
) -> list[QuestionSpec | None]:
    out: list[QuestionSpec | None] = []
    for i, item in enumerate(c.items(value, "questions", "questions")):
        place = f"questions[{i}]"
        fields = ("key", "text", "asker", "answer_minutes", "scored")
        d = c.block(item, place, "question", fields, ("panel", "kind", "look_for"))
        if d is None:
            out.append(None)
            continue
        key = c.key(d, "key", place)
        text = c.text(d, "text", place, TEXT_MAX, lines=True)
        asker = c.text(d, "asker", place, KEY_MAX)
        if asker is not None and asker not in members:
            c.add(f"{place}.asker", f"{json.dumps(asker)} is not a panel member's key.")
            asker = None
        minutes = c.number(
            d,
            "answer_minutes",
            place,
            lambda v: ANSWER_MINUTES_MIN <= v <= ANSWER_MINUTES_MAX,
            f"from {ANSWER_MINUTES_MIN:g} to {ANSWER_MINUTES_MAX:g}, like 3",
        )
        scored = c.boolean(d, "scored", place)
        panel, panel_ok = _panel_ref(c, d, place, panels)
        kind, look_for, kind_ok = _kind_and_look_for(c, d, place)
        if (
            key
            and text
            and asker
            and minutes is not None
            and scored is not None
            and panel_ok
            and kind_ok
        ):
            out.append(QuestionSpec(key, text, asker, minutes, scored, panel, kind, look_for))
        else:
            out.append(None)
    return out


def _kind_and_look_for(
    c: _Checker, d: dict[str, Any], place: str
) -> tuple[str, tuple[str, ...], bool]:
    """A question's ``kind`` ("question" when not given) and an activity's things to look
    for (1 to LOOK_FOR_POINTS lines of text); whether both are good."""
    kind = "question"
    if d.get("kind") is not None:
        given = c.text(d, "kind", place, KEY_MAX)
        if given not in KINDS:
            if given is not None:
                c.add(
                    f"{place}.kind",
                    f'{json.dumps(given)} is not a kind. Use "question" or "activity".',
                )
            return kind, (), False
        kind = given
    if kind != ACTIVITY:
        if d.get("look_for"):
            c.add(
                f"{place}.look_for",
                'only an activity has things to look for. Add "kind": "activity".',
            )
            return kind, (), False
        return kind, (), True
    at = f"{place}.look_for"
    if "look_for" not in d:
        c.add(at, "an activity needs things to look for. Add a list of them.")
        return kind, (), False
    points: list[str] = []
    for i, point in enumerate(c.items(d["look_for"], at, "things to look for")):
        name = f"look_for[{i}]"
        line = c.text({name: point}, name, place, TEXT_MAX)
        if line is None:
            return kind, (), False
        points.append(line)
    if not 1 <= len(points) <= limits.LOOK_FOR_POINTS:
        c.add(at, f"write from 1 to {limits.LOOK_FOR_POINTS} things to look for.")
        return kind, (), False
    if len("\n".join(points)) > limits.GOOD_ANSWER:
        c.add(at, f"this is too long. Use {limits.GOOD_ANSWER} characters or fewer in all.")
        return kind, (), False
    return kind, tuple(points), True


def _candidates(c: _Checker, value: Any) -> list[CandidateSpec | None]:
    out: list[CandidateSpec | None] = []
    for i, item in enumerate(c.items(value, "candidates", "candidates")):
        place = f"candidates[{i}]"
        d = c.block(item, place, "candidate", ("key", "name", "email"), ())
        if d is None:
            out.append(None)
            continue
        who = _person(c, d, place)
        out.append(CandidateSpec(*who) if who else None)
    return out


def _person(c: _Checker, d: dict[str, Any], place: str) -> tuple[str, str, str | None] | None:
    """A person's key, name and email (None: no address), each checked; None if one is bad."""
    key = c.key(d, "key", place)
    name = c.text(d, "name", place, NAME_MAX)
    email = c.email(d, "email", place)
    email_ok = "email" in d and (d["email"] is None or email is not None)
    return (key, name, email) if key and name and email_ok else None


def _scores(
    c: _Checker,
    value: Any,
    members: dict[str, MemberSpec],
    questions: dict[str, QuestionSpec],
    candidates: set[str],
    all_keys: tuple[set[str], set[str], set[str]],
) -> list[ScoreSpec | None]:
    """``members`` etc. hold the good items; ``all_keys`` every key given (good or not)."""
    out: list[ScoreSpec | None] = []
    seen: dict[tuple[str, str, str], str] = {}
    for i, item in enumerate(c.items(value, "scores", "scores")):
        place = f"scores[{i}]"
        d = c.block(item, place, "score", ("member", "candidate", "question", "value"), ())
        if d is None:
            out.append(None)
            continue
        refs = {}
        for field, known, good, what in (
            ("member", all_keys[0], members, "panel member"),
            ("candidate", all_keys[1], candidates, "candidate"),
            ("question", all_keys[2], questions, "question"),
        ):
            k = c.text(d, field, place, KEY_MAX)
            if k is not None and k not in known:
                c.add(f"{place}.{field}", f"{json.dumps(k)} is not a {what}'s key.")
            refs[field] = k if k in good else None
        m, cand, q = refs["member"], refs["candidate"], refs["question"]
        if q is not None and not questions[q].scored:
            c.add(
                f"{place}.question",
                f'{json.dumps(q)} is not marked for scoring. Set "scored": true on it, '
                "or take this score out.",
            )
            q = None
        value_ok = "value" in d
        v = d.get("value")
        if m is not None and value_ok and v is not None:
            scale = get_scale(members[m].scale)
            try:
                scale.validate(v)
                v = int(v)
            except ValueError:
                allowed = ", ".join(str(x) for x in scale.values[:-1])
                c.add(
                    f"{place}.value",
                    f"this is {_kind(v)}, which is not on {m}'s scale ({scale.key}). "
                    f'Use {allowed} or {scale.highest}, or null for "I don\'t know".',
                )
                value_ok = False
        if m and cand and q:
            if (m, cand, q) in seen:
                c.add(place, f"{m} already scored {cand} on {q} at {seen[(m, cand, q)]}.")
                value_ok = False
            else:
                seen[(m, cand, q)] = place
        out.append(ScoreSpec(m, cand, q, v) if m and cand and q and value_ok else None)
    return out


def _raw_keys(raw: Any, name: str) -> list[tuple[str, str | None]]:
    """(place, key) for each item of a list, as given (stripped), for the twice check."""
    out: list[tuple[str, str | None]] = []
    for i, item in enumerate(raw if isinstance(raw, list) else []):
        k = item.get("key") if isinstance(item, dict) else None
        out.append((f"{name}[{i}]", k.strip() if isinstance(k, str) else None))
    return out


def parse_job_file(text: str) -> JobFile:
    """Parse and check a job file. Raises JobFileError listing every problem."""
    data = _load(text)
    unsafe = _unsafe_text(data)
    if unsafe:
        raise JobFileError(unsafe)
    c = _Checker()
    top = c.block(
        data, "", "job file", ("job", "members", "questions", "candidates"), ("scores", "panels")
    )
    if top is None:
        raise JobFileError(
            ["The file must be one { } block with job, members, questions and candidates."]
        )
    job = _job(c, top["job"]) if "job" in top else None

    panels = _panels(c, top["panels"]) if "panels" in top else []
    panel_keys = c.unique(_raw_keys(top.get("panels"), "panels"), "panel")
    members = _members(c, top["members"], panel_keys) if "members" in top else []
    member_keys = c.unique(_raw_keys(top.get("members"), "members"), "panel member")
    questions = (
        _questions(c, top["questions"], member_keys, panel_keys) if "questions" in top else []
    )
    question_keys = c.unique(_raw_keys(top.get("questions"), "questions"), "question")
    candidates = _candidates(c, top["candidates"]) if "candidates" in top else []
    candidate_keys = c.unique(_raw_keys(top.get("candidates"), "candidates"), "candidate")
    for name, what in (("members", "panel member"), ("questions", "question"), ("panels", "panel")):
        if isinstance(top.get(name), list) and not top[name]:
            c.add(name, f"the list is empty. Add at least one {what}.")
    good_members = {m.key: m for m in members if m is not None}
    good_questions = {q.key: q for q in questions if q is not None}
    scores = _scores(
        c,
        top.get("scores", []),
        good_members,
        good_questions,
        {x.key for x in candidates if x is not None},
        (member_keys, candidate_keys, question_keys),
    )
    found = JobFile(
        job=job,  # type: ignore[arg-type]  # checked below: None only with problems
        members=tuple(m for m in members if m is not None),
        questions=tuple(q for q in questions if q is not None),
        candidates=tuple(x for x in candidates if x is not None),
        scores=tuple(s for s in scores if s is not None),
        panels=tuple(p for p in panels if p is not None),
    )
    _own_panels_only(c, found, scores)
    if c.problems:
        raise JobFileError(c.problems)
    assert job is not None
    return found


def _own_panels_only(c: _Checker, jf: JobFile, scores: list[ScoreSpec | None]) -> None:
    """A member scores only their own panel's questions (with panels)."""
    if not jf.panels:
        return
    members = {m.key: jf.panel_of(m) for m in jf.members}
    questions = {q.key: jf.panel_of(q) for q in jf.questions}
    for i, s in enumerate(scores):
        if s is not None and members.get(s.member) != questions.get(s.question):
            c.add(
                f"scores[{i}]",
                f"{s.member} is on the panel {members.get(s.member)} and {s.question} is a "
                f"question of the panel {questions.get(s.question)}. A member scores only "
                "their own panel's questions.",
            )
