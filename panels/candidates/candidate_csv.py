"""Reading a CSV file of candidates. Plain Python: no Flask, no database.

Columns (a header row is needed; column order does not matter, case does not matter):
``name`` (needed), ``email``, ``phone``, ``adjustments``. Either every row is good and all are
added, or nothing is added and every problem is listed by row.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

COLUMNS = ("name", "email", "phone", "adjustments")
LIMITS = {"name": 200, "email": 254, "phone": 40, "adjustments": 2000}
EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
PHONE = re.compile(r"^[0-9 +()\-]{6,40}$")


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
    text: str, *, existing_emails: set[str] = frozenset(), max_rows: int = 500
) -> list[CandidateRow]:
    """Every candidate in the file, or CandidateCsvError listing every problem."""
    if not text.strip():
        raise CandidateCsvError(["The file is empty. Add a header row and one row per candidate."])
    if "\x00" in text:
        raise CandidateCsvError(["This is not a CSV file. Save the list as CSV and try again."])
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        table = list(reader)
    except csv.Error as error:
        raise CandidateCsvError([f"The file could not be read as CSV: {error}."]) from error
    header = [cell.strip().lower() for cell in table[0]]
    problems: list[str] = []
    if "name" not in header:
        problems.append("The first row must be a header with a 'name' column.")
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        problems.append(
            "Row 1: these columns are not known: "
            + ", ".join(repr(u[:40]) for u in unknown)
            + ". Use name, email, phone and adjustments."
        )
    if problems:
        raise CandidateCsvError(problems)

    body = [(number, cells) for number, cells in enumerate(table[1:], start=2) if any(cells)]
    if not body:
        raise CandidateCsvError(["There are no candidates in the file, only a header row."])
    if len(body) > max_rows:
        raise CandidateCsvError([f"The file has {len(body)} rows. The most is {max_rows}."])

    rows: list[CandidateRow] = []
    seen: dict[str, int] = {}
    for number, cells in body:
        if len(cells) > len(header):
            problems.append(f"Row {number}: there are more cells than columns.")
            continue
        values = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)}
        row_problems = _check_row(number, values, seen, existing_emails)
        problems.extend(row_problems)
        if not row_problems:
            rows.append(
                CandidateRow(
                    row=number,
                    name=values["name"],
                    email=values.get("email", "").lower(),
                    phone=values.get("phone", ""),
                    adjustments=values.get("adjustments", ""),
                )
            )
    if problems:
        raise CandidateCsvError(problems)
    return rows


def _check_row(number: int, values: dict, seen: dict[str, int], existing: set[str]) -> list[str]:
    out: list[str] = []
    if not values.get("name"):
        out.append(f"Row {number}: the name is empty.")
    for column, limit in LIMITS.items():
        if len(values.get(column, "")) > limit:
            out.append(f"Row {number}: the {column} is too long. Use {limit} characters or fewer.")
    for column in ("name", "email", "phone"):
        if "<" in values.get(column, "") or ">" in values.get(column, ""):
            out.append(f"Row {number}: the {column} cannot have < or > in it.")
    email = values.get("email", "").lower()
    if email:
        if not EMAIL.match(email):
            out.append(f"Row {number}: the email '{email[:60]}' is not in the right format.")
        elif email in seen:
            out.append(f"Row {number}: the email {email} is also on row {seen[email]}.")
        elif email in existing:
            out.append(f"Row {number}: a candidate with the email {email} is already on this job.")
        else:
            seen[email] = number
    phone = values.get("phone", "")
    if phone and not PHONE.match(phone):
        out.append(f"Row {number}: the phone number can only have digits, spaces, + ( ) and -.")
    return out
