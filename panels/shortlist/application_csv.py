"""Reading a CSV file of applications. Plain Python: no Flask, no database.

The same way as the candidates file (``panels.candidates.candidate_csv``, whose reading
and checks this uses): a header row; ``name`` (needed), ``email``, ``phone``,
``guaranteed`` (yes or no: they asked for a guaranteed interview), and ``answer 1``,
``answer 2``... for the form's questions in order. Either every row is good and all are
added, or nothing is added and every problem is listed by row.
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass

from panels.candidates.candidate_csv import (
    CandidateCsvError,
    _body,
    _read_table,
    by_column,
    decode,
    email_problems,
    header_problems,
    markup_problems,
    phone_problems,
)
from panels.lib import limits

__all__ = ["ApplicationRow", "CandidateCsvError", "decode", "parse"]

YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}
_ANSWER = re.compile(r"^answer ([1-9])$")
_ANSWER_N = re.compile(r"^answer ?(\d+)$")


@dataclass(frozen=True)
class ApplicationRow:
    row: int
    name: str
    email: str
    phone: str
    guaranteed: bool
    answers: tuple[str, ...]


def _header(cells: list[str], questions: int) -> list[str]:
    header = [_ANSWER_N.sub(r"answer \1", re.sub(r"[\s_]+", " ", c.strip().lower())) for c in cells]
    known = {"name", "email", "phone", "guaranteed"} | {f"answer {i}" for i in range(1, 10)}
    use = "name, email, phone, guaranteed and answer 1, answer 2 and so on"
    problems = header_problems(header, known, use)
    too_far = [h for h in header if (m := _ANSWER.match(h)) and int(m.group(1)) > questions]
    if too_far:
        problems.append(
            f"Row 1: the form has {questions} question{'s' if questions != 1 else ''}, "
            f"so there is no {too_far[0]}."
        )
    if problems:
        raise CandidateCsvError(problems)
    return header


def parse(
    text: str, questions: int, *, existing_emails: Set[str] = frozenset(), max_rows: int = 500
) -> list[ApplicationRow]:
    """Every application in the file, or CandidateCsvError listing every problem."""
    table = _read_table(text)
    header = _header(table[0], questions)
    rows: list[ApplicationRow] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for number, values in by_column(_body(table, max_rows), header, problems):
        found = _check(number, values, seen, existing_emails)
        problems.extend(found)
        if not found:
            rows.append(
                ApplicationRow(
                    row=number,
                    name=values["name"],
                    email=values.get("email", "").lower(),
                    phone=values.get("phone", ""),
                    guaranteed=values.get("guaranteed", "").lower() in YES,
                    answers=tuple(values.get(f"answer {i}", "") for i in range(1, questions + 1)),
                )
            )
    if problems:
        raise CandidateCsvError(problems)
    return rows


def _check(
    number: int, values: dict[str, str], seen: dict[str, int], existing: Set[str]
) -> list[str]:
    out: list[str] = []
    if not values.get("name"):
        out.append(f"Row {number}: the name is empty.")
    sizes = {"name": limits.PERSON_NAME, "email": limits.EMAIL, "phone": limits.PHONE}
    for column, value in values.items():
        limit = sizes.get(column, limits.APPLICATION_ANSWER)
        if len(value) > limit:
            out.append(f"Row {number}: the {column} is too long. Use {limit} characters or fewer.")
        if limits.text_problem(value):
            out.append(f"Row {number}: the {column} {limits.text_problem(value)}.")
    out.extend(markup_problems(number, values))
    if values.get("guaranteed", "").lower() not in YES | NO:
        out.append(f"Row {number}: write yes or no in the guaranteed column.")
    email = values.get("email", "").lower()
    out.extend(email_problems(number, email, seen, existing, "an application from {}"))
    out.extend(phone_problems(number, values))
    return out
