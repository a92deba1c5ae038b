"""Reading a CSV file of candidates. Plain Python: no Flask, no database.

Columns (a header row is needed; column order does not matter, case does not matter):
``name`` (needed), ``email``, ``phone``, ``adjustments``. Either every row is good and all are
added, or nothing is added and every problem is listed by row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Set
from dataclasses import dataclass

from panels.lib import limits

COLUMNS = ("name", "email", "phone", "adjustments")
LIMITS = {
    "name": limits.PERSON_NAME,
    "email": limits.EMAIL,
    "phone": limits.PHONE,
    "adjustments": limits.ADJUSTMENTS,
}
EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
PHONE = re.compile(r"^[0-9 +()\-]{6," + str(limits.PHONE) + "}$")


@dataclass(frozen=True)
class CandidateRow:
    row: int
    name: str
    email: str
    phone: str
    adjustments: str


class CandidateCsvError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def decode(data: bytes) -> str:
    """Text from an uploaded file: UTF-8 (with or without a byte-order mark), else Latin-1."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def parse(
    text: str, *, existing_emails: Set[str] = frozenset(), max_rows: int = 500
) -> list[CandidateRow]:
    """Every candidate in the file, or CandidateCsvError listing every problem."""
    table = _read_table(text)
    header = [cell.strip().lower() for cell in table[0]]
    _check_header(header)
    body = _body(table, max_rows)
    rows: list[CandidateRow] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for number, values in by_column(body, header, problems):
        row_problems = _check_row(number, values, seen, existing_emails)
        problems.extend(row_problems)
        if not row_problems:
            rows.append(_row(number, values))
    if problems:
        raise CandidateCsvError(problems)
    return rows


def _read_table(text: str) -> list[list[str]]:
    if not text.strip():
        raise CandidateCsvError(["The file is empty. Add a header row and one row per candidate."])
    if "\x00" in text:
        raise CandidateCsvError(["This is not a CSV file. Save the list as CSV and try again."])
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        return list(reader)
    except csv.Error as error:
        raise CandidateCsvError([f"The file could not be read as CSV: {error}."]) from error


def by_column(
    body: list[tuple[int, list[str]]], header: list[str], problems: list[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Each row's number and its cells by column name; a row with more cells than columns is
    a problem instead."""
    for number, cells in body:
        if len(cells) > len(header):
            problems.append(f"Row {number}: there are more cells than columns.")
            continue
        yield (
            number,
            {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)},
        )


def header_problems(header: list[str], known: Set[str], use: str) -> list[str]:
    """A header needs a name column and no unknown ones (``use`` lists the known ones)."""
    problems: list[str] = []
    if "name" not in header:
        problems.append("The first row must be a header with a 'name' column.")
    unknown = [h for h in header if h and h not in known]
    if unknown:
        problems.append(
            "Row 1: these columns are not known: "
            + ", ".join(repr(u[:40]) for u in unknown)
            + f". Use {use}."
        )
    return problems


def _check_header(header: list[str]) -> None:
    problems = header_problems(header, set(COLUMNS), "name, email, phone and adjustments")
    if problems:
        raise CandidateCsvError(problems)


def _body(table: list[list[str]], max_rows: int) -> list[tuple[int, list[str]]]:
    """The rows after the header that have something in them, with their row numbers."""
    body = [(number, cells) for number, cells in enumerate(table[1:], start=2) if any(cells)]
    if not body:
        raise CandidateCsvError(["There are no candidates in the file, only a header row."])
    if len(body) > max_rows:
        raise CandidateCsvError([f"The file has {len(body)} rows. The most is {max_rows}."])
    return body


def _row(number: int, values: dict[str, str]) -> CandidateRow:
    return CandidateRow(
        row=number,
        name=values["name"],
        email=values.get("email", "").lower(),
        phone=values.get("phone", ""),
        adjustments=values.get("adjustments", ""),
    )


def _check_row(
    number: int, values: dict[str, str], seen: dict[str, int], existing: Set[str]
) -> list[str]:
    out: list[str] = []
    if not values.get("name"):
        out.append(f"Row {number}: the name is empty.")
    for column, limit in LIMITS.items():
        if len(values.get(column, "")) > limit:
            out.append(f"Row {number}: the {column} is too long. Use {limit} characters or fewer.")
    out.extend(markup_problems(number, values))
    email = values.get("email", "").lower()
    out.extend(email_problems(number, email, seen, existing, "a candidate with the email {}"))
    out.extend(phone_problems(number, values))
    return out


def markup_problems(number: int, values: dict[str, str]) -> list[str]:
    return [
        f"Row {number}: the {column} cannot have < or > in it."
        for column in ("name", "email", "phone")
        if "<" in values.get(column, "") or ">" in values.get(column, "")
    ]


def email_problems(
    number: int, email: str, seen: dict[str, int], existing: Set[str], who: str
) -> list[str]:
    """An email must look right and be new: not on an earlier row (a good one goes into
    ``seen``) nor in ``existing`` (``who``, with {} for the address, names who has it)."""
    if not email:
        return []
    if not EMAIL.match(email):
        return [f"Row {number}: the email '{email[:60]}' is not in the right format."]
    if email in seen:
        return [f"Row {number}: the email {email} is also on row {seen[email]}."]
    if email in existing:
        return [f"Row {number}: {who.format(email)} is already on this job."]
    seen[email] = number
    return []


def phone_problems(number: int, values: dict[str, str]) -> list[str]:
    phone = values.get("phone", "")
    if phone and not PHONE.match(phone):
        return [f"Row {number}: the phone number can only have digits, spaces, + ( ) and -."]
    return []
