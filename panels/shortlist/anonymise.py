"""Masking what says who an applicant is. Plain Python: no Flask, no database.

``anonymise(text, names)`` gives the text with these replaced by a word in brackets:

* email addresses: ``[email]``;
* phone numbers (7 or more digits, with spaces, dashes, dots, brackets or a leading +):
  ``[phone]``;
* dates (``12/03/1990``, ``1990-03-12``, ``12 March 1990``, ``March 12th, 1990``,
  ``March 1990``), years of birth ("born in 1990") and ages ("I am 45", "45 years old",
  "aged 45"): ``[date]`` and ``[age]``;
* the applicant's own names, every part of them, however the case is written, and a name
  after a title ("Mr Smith", "Dr. Patel") or after "my name is" / "I'm called":
  ``[name]``.

It is used on every application text a panel member reads; reviewers never get the
applicant's name, email, phone or age from anywhere else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

NAME = "[name]"
EMAIL = "[email]"
PHONE = "[phone]"
DATE = "[date]"
AGE = "[age]"

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_EMAIL = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+\.[^\s@<>()\[\],;:\"']+")
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DATES = [
    re.compile(r"\b\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}\b"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?(?:{_MONTHS})\.?,?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b(?:{_MONTHS})\.?\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?(?:{_MONTHS})\b", re.IGNORECASE),
    re.compile(rf"\b(?:{_MONTHS})\.?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b(?:born|birth)(?:\s+(?:in|on))?\s+{_YEAR}\b", re.IGNORECASE),
]
# 7 or more digits in a row, allowing the separators people type between them.
_PHONE = re.compile(r"(?<![\w\[])\+?\(?\d(?:[\s().\-]{0,2}\d){6,}(?![\w\]])")
_AGES = [
    re.compile(r"\b\d{1,3}[\s\-]*(?:years?|yrs?)[\s\-]*(?:of\s+age|old)\b", re.IGNORECASE),
    re.compile(r"\b(?:aged?|age:)\s*\d{1,3}\b", re.IGNORECASE),
    re.compile(r"\b((?:I\s+am|I'm|I’m)\s+)\d{1,3}\b(?!\s*(?:%|per|minutes|hours|days))", re.I),
]
_TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)?")
_CALLED = re.compile(
    r"\b((?:my\s+name\s+is|my\s+name's|I\s+am\s+called|I'm\s+called|call\s+me)\s+)"
    r"([A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)?)",
    re.IGNORECASE,
)


def name_parts(names: Iterable[str]) -> list[str]:
    """The parts of the applicant's names worth masking (two letters or more), longest first."""
    parts: set[str] = set()
    for name in names:
        for part in re.split(r"[\s,]+", name or ""):
            part = part.strip(".'’-")
            if len(part) >= 2:
                parts.add(part)
    return sorted(parts, key=lambda p: (-len(p), p))


def anonymise(text: str, names: Iterable[str] = ()) -> str:
    """``text`` with names, emails, phone numbers, dates and ages masked."""
    out = _EMAIL.sub(EMAIL, text or "")
    for pattern in _DATES:
        out = pattern.sub(DATE, out)
    for pattern in _AGES:
        out = pattern.sub(lambda m: (m.group(1) if m.re.groups else "") + AGE, out)
    out = _PHONE.sub(PHONE, out)
    out = _CALLED.sub(lambda m: m.group(1) + NAME, out)
    out = _TITLED.sub(NAME, out)
    for part in name_parts(names):
        out = re.sub(rf"(?<!\w){re.escape(part)}(?!\w)", NAME, out, flags=re.IGNORECASE)
    return out
