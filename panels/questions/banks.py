"""Interview question banks: load and check the YAML files in ``question_banks/``.

Files are parsed with PyYAML's safe loader only. Checking walks the composed node tree,
so every problem carries the line it comes from. The schema is in
``question_banks/README.md``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from panels.lib import symbols

try:  # The easy-read checker lives in its own module; banks still load without it.
    from panels.lib import easyread as _easyread
except ImportError:  # pragma: no cover - only before the easyread branch is merged
    _easyread = None

SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_MAX = 60
TITLE_MAX = 120
DESCRIPTION_MAX = 600
EASY_READ_MAX = 400
STANDARD_MAX = 1000
FOLLOW_UP_MAX = 200
GOOD_ANSWER_ITEM_MAX = 150
GOOD_ANSWER_MIN, GOOD_ANSWER_MAX = 2, 4
MINUTES_MIN, MINUTES_MAX = 1, 15
TAGS_MAX = 10

BANK_FIELDS = {"key": True, "title": True, "description": True, "questions": True}
QUESTION_FIELDS = {
    "key": True,
    "easy_read": True,
    "standard": True,
    "picture": True,
    "follow_up": False,
    "good_answer": True,
    "answer_minutes": True,
    "tags": False,
}
EASY_READ_FIELDS = ("description", "easy_read", "follow_up", "good_answer")


@dataclass(frozen=True)
class BankError:
    """One problem in a bank file, at a 1-based line."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


class BankInvalid(ValueError):
    """Raised by the loaders when a bank file has problems."""

    def __init__(self, errors: list[BankError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass(frozen=True)
class BankQuestion:
    """One interview question."""

    key: str
    easy_read: str
    standard: str
    picture: str
    follow_up: str | None
    good_answer: tuple[str, ...]
    answer_minutes: float
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Bank:
    """A named set of interview questions for one kind of job."""

    key: str
    title: str
    description: str
    questions: tuple[BankQuestion, ...]
    path: Path

    def question(self, key: str) -> BankQuestion | None:
        """The question with this key, or None."""
        return next((q for q in self.questions if q.key == key), None)


def easy_read_available() -> bool:
    """True when the easy-read checker module is installed."""
    return _easyread is not None


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _clean(text: str) -> str:
    """Folded YAML text: trim, and join lines into single spaces."""
    return " ".join(text.split())


class _Checker:
    """Walks one file's node tree, collecting errors and building a Bank."""

    def __init__(self, path: Path, easy_read: bool):
        self.path = path
        self.file = str(path)
        self.easy_read = easy_read and _easyread is not None
        self.errors: list[BankError] = []
        self.constructor = yaml.SafeLoader("")
        self.lines: list[str] = []

    def error(self, node_or_line: Node | int, reason: str) -> None:
        line = node_or_line if isinstance(node_or_line, int) else _line(node_or_line)
        self.errors.append(BankError(self.file, line, reason))

    def fields(self, node: MappingNode, spec: dict[str, bool], where: str) -> dict[str, Node]:
        """Map field name -> value node; report unknown, repeated and missing fields."""
        found: dict[str, Node] = {}
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.error(key_node, f"{where}: a field name must be plain text")
                continue
            name = key_node.value
            if name not in spec:
                hint = difflib.get_close_matches(name, list(spec), n=1)
                tip = f" (did you mean '{hint[0]}'?)" if hint else ""
                self.error(key_node, f"{where}: unknown field '{name}'{tip}")
                continue
            if name in found:
                self.error(key_node, f"{where}: field '{name}' appears twice")
                continue
            found[name] = value_node
            key_lines[name] = _line(key_node)
        for name, required in spec.items():
            if required and name not in found:
                self.error(node, f"{where}: missing required field '{name}'")
        return found

    def scalar(self, node: Node, where: str) -> Any:
        """The Python value of a scalar node (safe constructor), or None on error."""
        if not isinstance(node, ScalarNode):
            kind = "a list" if isinstance(node, SequenceNode) else "a mapping"
            self.error(node, f"{where} must be a single value, not {kind}")
            return None
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            self.error(node, f"{where}: {getattr(exc, 'problem', None) or exc}")
            return None

    def text(self, node: Node, where: str, limit: int, easy: bool = False) -> str | None:
        before = len(self.errors)
        value = self.scalar(node, where)
        if value is None:
            if len(self.errors) == before:
                self.error(node, f"{where} is empty")
            return None
        if not isinstance(value, str):
            self.error(node, f"{where} must be text, not {_type_name(value)}")
            return None
        value = _clean(value)
        if not value:
            self.error(node, f"{where} is empty")
            return None
        if len(value) > limit:
            self.error(node, f"{where} is too long: {len(value)} characters, limit {limit}")
            return None
        if easy:
            self.check_easy_read(node, where, value)
        return value

    def check_easy_read(self, node: Node, where: str, value: str) -> None:
        if not self.easy_read:
            return
        report = _easyread.check(value)
        for problem in report.problems:
            reason = f"{where} is not easy-read ({problem.rule}): {problem.message}"
            if problem.excerpt:
                reason += f' In: "{problem.excerpt}".'
            if problem.suggestion:
                reason += f" Try: {problem.suggestion}"
            self.error(self.line_of(node, problem.excerpt), reason)

    def line_of(self, node: Node, excerpt: str) -> int:
        """The source line inside a (multi-line) text node where `excerpt` starts."""
        words = excerpt.split()
        first, last = node.start_mark.line, min(node.end_mark.line, len(self.lines) - 1)
        for size in (3, 2, 1):
            if len(words) < size:
                continue
            pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words[:size])))
            for index in range(first, last + 1):
                if pattern.search(self.lines[index]):
                    return index + 1
        return _line(node)

    def slug(self, node: Node, where: str) -> str | None:
        value = self.scalar(node, where)
        if value is None:
            return None
        if not isinstance(value, str):
            self.error(node, f"{where} must be text, not {_type_name(value)}")
            return None
        if len(value) > SLUG_MAX or not SLUG_RE.fullmatch(value):
            self.error(
                node,
                f"{where} '{value}' must use only small letters, digits and single dashes "
                f"(at most {SLUG_MAX} characters), like 'why-this-job'",
            )
            return None
        return value

    def picture(self, node: Node, where: str) -> str | None:
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:int":
            self.error(node, f'{where} must be in quotes, like "{node.value}"')
            return None
        value = self.scalar(node, where)
        if value is None:
            return None
        if not isinstance(value, str):
            self.error(node, f'{where} must be an OpenMoji code in quotes, like "1F91D"')
            return None
        if not symbols.is_valid_code(value):
            self.error(node, f"{where} '{value}' is not an OpenMoji code (like \"1F91D\")")
            return None
        if not symbols.exists(value):
            self.error(node, f"{where} '{value}' is not in the installed OpenMoji pictures")
            return None
        return value

    def minutes(self, node: Node, where: str) -> float | None:
        value = self.scalar(node, where)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(node, f"{where} must be a number, not {_type_name(value)}")
            return None
        if not MINUTES_MIN <= value <= MINUTES_MAX:
            self.error(node, f"{where} is {value}: it must be from {MINUTES_MIN} to {MINUTES_MAX}")
            return None
        return float(value)

    def text_list(
        self, node: Node, where: str, low: int, high: int, item_max: int, easy: bool
    ) -> tuple[str, ...] | None:
        if not isinstance(node, SequenceNode):
            self.error(node, f"{where} must be a list")
            return None
        if not low <= len(node.value) <= high:
            self.error(node, f"{where} has {len(node.value)} points: give {low} to {high}")
        items = [self.text(item, f"{where} point", item_max, easy) for item in node.value]
        if any(i is None for i in items):
            return None
        return tuple(i for i in items if i is not None)

    def tags(self, node: Node, where: str) -> tuple[str, ...] | None:
        if not isinstance(node, SequenceNode):
            self.error(node, f"{where} must be a list")
            return None
        if len(node.value) > TAGS_MAX:
            self.error(node, f"{where} has {len(node.value)} tags: at most {TAGS_MAX}")
        out = [self.slug(item, f"{where} tag") for item in node.value]
        return None if any(t is None for t in out) else tuple(t for t in out if t)

    def question(self, node: Node, index: int, seen: dict[str, int]) -> BankQuestion | None:
        where = f"question {index}"
        if not isinstance(node, MappingNode):
            self.error(node, f"{where} must be a set of fields (key, easy_read, ...)")
            return None
        start = len(self.errors)
        found = self.fields(node, QUESTION_FIELDS, where)
        key = self.slug(found["key"], f"{where} key") if "key" in found else None
        if key is not None:
            where = f"question '{key}'"
            if key in seen:
                self.error(found["key"], f"{where}: key used twice (first on line {seen[key]})")
            else:
                seen[key] = _line(found["key"])

        def opt(name: str, check: Any, *args: Any) -> Any:
            return check(found[name], f"{where} {name}", *args) if name in found else None

        values = {
            "easy_read": opt("easy_read", self.text, EASY_READ_MAX, True),
            "standard": opt("standard", self.text, STANDARD_MAX),
            "picture": opt("picture", self.picture),
            "follow_up": opt("follow_up", self.text, FOLLOW_UP_MAX, True),
            "good_answer": opt(
                "good_answer",
                self.text_list,
                GOOD_ANSWER_MIN,
                GOOD_ANSWER_MAX,
                GOOD_ANSWER_ITEM_MAX,
                True,
            ),
            "answer_minutes": opt("answer_minutes", self.minutes),
            "tags": opt("tags", self.tags) or (),
        }
        if len(self.errors) > start or key is None:
            return None
        return BankQuestion(key=key, **values)  # type: ignore[arg-type]

    def bank(self, root: Node) -> Bank | None:
        if not isinstance(root, MappingNode):
            self.error(root, "the file must be a set of fields: key, title, description, questions")
            return None
        start = len(self.errors)
        found = self.fields(root, BANK_FIELDS, "bank")
        key = self.slug(found["key"], "bank key") if "key" in found else None
        title = self.text(found["title"], "title", TITLE_MAX) if "title" in found else None
        description = (
            self.text(found["description"], "description", DESCRIPTION_MAX, True)
            if "description" in found
            else None
        )
        questions: list[BankQuestion | None] = []
        if "questions" in found:
            qnode = found["questions"]
            if not isinstance(qnode, SequenceNode) or not qnode.value:
                self.error(qnode, "questions must be a list with at least 1 question")
            else:
                seen: dict[str, int] = {}
                questions = [self.question(q, i, seen) for i, q in enumerate(qnode.value, 1)]
        if len(self.errors) > start or None in (key, title, description):
            return None
        return Bank(
            key=key,  # type: ignore[arg-type]
            title=title,  # type: ignore[arg-type]
            description=description,  # type: ignore[arg-type]
            questions=tuple(q for q in questions if q is not None),
            path=self.path,
        )


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    return type(value).__name__


def _check_file(path: Path, easy_read: bool) -> tuple[Bank | None, list[BankError]]:
    checker = _Checker(path, easy_read)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        checker.error(1, f"cannot read the file: {exc}")
        return None, checker.errors
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "bad YAML"
        checker.error(mark.line + 1 if mark else 1, f"YAML syntax error: {problem}")
        return None, checker.errors
    except yaml.YAMLError as exc:
        checker.error(1, f"YAML error: {exc}")
        return None, checker.errors
    if root is None:
        checker.error(1, "the file is empty")
        return None, checker.errors
    checker.lines = text.splitlines()
    bank = checker.bank(root)
    return bank, checker.errors


def validate_bank_file(path: str | Path, *, easy_read: bool = True) -> list[BankError]:
    """Every problem in one bank file (empty list when it is fine)."""
    return _check_file(Path(path), easy_read)[1]


def _bank_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def validate_folder(folder: str | Path, *, easy_read: bool = True) -> list[BankError]:
    """Every problem in every ``*.yaml`` bank in `folder`, plus repeated bank keys."""
    banks, errors = _check_folder(Path(folder), easy_read)
    return errors


def _check_folder(folder: Path, easy_read: bool) -> tuple[list[Bank], list[BankError]]:
    banks: list[Bank] = []
    errors: list[BankError] = []
    first: dict[str, Path] = {}
    for path in _bank_files(folder):
        bank, file_errors = _check_file(path, easy_read)
        errors.extend(file_errors)
        if bank is None:
            continue
        if bank.key in first:
            errors.append(
                BankError(
                    str(path),
                    _key_line(path),
                    f"bank key '{bank.key}' is also used in {first[bank.key].name}",
                )
            )
            continue
        first[bank.key] = path
        banks.append(bank)
    return banks, errors


def _key_line(path: Path) -> int:
    root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    for key_node, _ in root.value:
        if key_node.value == "key":
            return _line(key_node)
    return 1


def load_bank(path: str | Path, *, easy_read: bool = True) -> Bank:
    """Load one bank; raise BankInvalid listing every problem if it has any."""
    bank, errors = _check_file(Path(path), easy_read)
    if errors or bank is None:
        raise BankInvalid(errors)
    return bank


def load_banks(folder: str | Path, *, easy_read: bool = True) -> list[Bank]:
    """Load every bank in `folder`, sorted by key; raise BankInvalid if any has problems."""
    banks, errors = _check_folder(Path(folder), easy_read)
    if errors:
        raise BankInvalid(errors)
    return sorted(banks, key=lambda b: b.key)


def shipped_folder() -> Path:
    """The ``question_banks/`` folder that ships with Panels."""
    return Path(__file__).resolve().parents[2] / "question_banks"


def errors_text(errors: Iterable[BankError]) -> str:
    """All errors, one per line."""
    return "\n".join(str(e) for e in errors)
