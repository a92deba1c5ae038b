"""Easy-read rules for punctuation. Pure: no Flask, no database.

From the published easy-read guides: Mencap's "Am I making myself clear?" asks for simple
punctuation and Inclusion Europe's "Information for all" for no special characters and
no initials. The rules:

- ``symbol``: "&", "and/or", "he/she", "Monday/Tuesday": say the words. Names people
  know ("A&E") and web addresses are left alone.
- ``acronym-brackets``: "a Directed Enhanced Service (DES)", and the text never uses
  "DES" again: the letters in brackets are a second thing to remember, for nothing. Leave
  them out. (``easyread.check`` lets them be when the text uses them again; easy-read
  guides also say what letters mean in a sentence of their own, "CCG means Clinical Care
  Commissioning Group.", as Norfolk County Council's easy read guidance shows.)

Each returns (rule, message, start, end, suggestion) tuples for one sentence;
``easyread.check`` turns them into problems.
"""

from __future__ import annotations

import re

Found = tuple[str, str, int, int, str | None]

_LETTER = r"[^\W\d_]"
# "and/or", "he/she", "&": a slash between words, or an ampersand.
_SYMBOL_RE = re.compile(rf"(?<={_LETTER})\s*/\s*(?={_LETTER})|&")


def _in_name_or_address(sentence: str, start: int, end: int) -> bool:
    """'A&E', 'M&S' (names people know) and 'mencap.org.uk/easyread' (a web address)."""
    left = re.search(r"\S*$", sentence[:start])
    right = re.match(r"\S*", sentence[end:])
    word = (left.group() if left else "") + sentence[start:end] + (right.group() if right else "")
    word = word.rstrip(".,;:!?)")
    if re.fullmatch(r"[A-Z]+&[A-Z]+", word):
        return True
    return "." in word or ":" in word or word.lower().startswith("www")


def symbols(sentence: str, offset: int) -> list[Found]:
    """'&', 'and/or', 'he/she': symbols instead of words."""
    out: list[Found] = []
    for m in _SYMBOL_RE.finditer(sentence):
        if _in_name_or_address(sentence, m.start(), m.end()):
            continue
        sign = m.group().strip()
        start = m.start() + m.group().index(sign)
        hint = "Write 'and'." if sign == "&" else "Write 'or' or 'and', not '/'."
        out.append(
            (
                "symbol",
                f"Not everyone knows what '{sign}' means here. Use words.",
                offset + start,
                offset + start + len(sign),
                hint,
            )
        )
    return out


# "a Directed Enhanced Service (DES)": the short form, in brackets after the words.
_BRACKET_ACRONYM_RE = re.compile(r"\(([A-Z]{2,})s?\)")


def bracket_acronyms(sentence: str, offset: int) -> list[Found]:
    """'Directed Enhanced Service (DES)': easy read says what the letters mean on their own."""
    return [
        (
            "acronym-brackets",
            f"'{m.group(1)}' in brackets is one more thing to remember, and it is not used again.",
            offset + m.start(),
            offset + m.end(),
            f"Leave out '{m.group()}'. The words are enough.",
        )
        for m in _BRACKET_ACRONYM_RE.finditer(sentence)
    ]


def style_rules(sentence: str, offset: int) -> list[Found]:
    """Every punctuation rule on one sentence (its text, and where it starts)."""
    return symbols(sentence, offset) + bracket_acronyms(sentence, offset)
