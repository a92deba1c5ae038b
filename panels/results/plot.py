"""A dot plot per candidate as inline SVG: each member's score and the combined mark.

The whole list of plots is drawn in one pass in Python (``plot_items``), like the
results table: a Jinja call per plot was a tenth of the page's time. Names and notes
are escaped; everything else is a number or fixed words.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape

from panels.scoring.combine import CandidateResult, format_score

WIDTH, HEIGHT, PAD = 400, 56, 16


def _x(score: float) -> float:
    return round(PAD + score / 100 * (WIDTH - 2 * PAD), 1)


_AXIS = (
    f'<line x1="{PAD}" y1="28" x2="{WIDTH - PAD}" y2="28" stroke="#505a5f" stroke-width="2"/>'
    + "".join(
        f'<text x="{_x(tick)}" y="52" font-size="11" text-anchor="middle" '
        f'fill="#0b0c0c">{tick}</text>'
        for tick in (0, 50, 100)
    )
)  # the same line and numbers on every plot


@functools.lru_cache(maxsize=4096)
def _dot(value: float, row: int) -> str:
    """One member's dot (``row``: 0, 1 or 2, so close dots do not hide each other)."""
    return f'<circle cx="{_x(value)}" cy="{20 + row * 8}" r="6" fill="#1d70b8" fill-opacity="0.8"/>'


def dot_plot(row: CandidateResult, names: Mapping[str, str]) -> Markup:
    """An SVG with a text alternative; the table beside it has the same numbers."""
    return Markup(_svg(row, names))  # noqa: S704  (names escaped; the rest are numbers)


def _svg(row: CandidateResult, names: Mapping[str, str]) -> str:
    given = [(k, v) for k, v in row.member_scores.items() if v is not None]
    words = ", ".join(f"{names.get(k, k)} {format_score(v)}" for k, v in given) or "no scores"
    combined = format_score(row.combined) or "none"
    summary = f"{row.name}: combined {combined}. Members: {words}."
    parts = [
        f'<svg class="dot-plot" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(summary)}" focusable="false">',
        _AXIS,
    ]
    parts.extend(_dot(value, i % 3) for i, (_key, value) in enumerate(given))
    if row.combined is not None:
        x = _x(row.combined)
        parts.append(f'<rect x="{x - 2}" y="6" width="4" height="36" fill="#d4351c"/>')
    parts.append("</svg>")
    return "".join(parts)


def plot_items(rows: Sequence[CandidateResult], names: Mapping[str, str]) -> Markup:
    """One ``<li>`` per candidate: their name, their dot plot and, when the panel members
    disagree strongly, the note that says so."""
    parts: list[str] = []
    add = parts.append
    for row in rows:
        note = f'<p class="disagree">{escape(row.note)}</p>' if row.note else ""
        add(f'<li class="plot-item"><h3>{escape(row.name)}</h3>{_svg(row, names)}\n  {note}</li>\n')
    return Markup("".join(parts))  # noqa: S704  (names and notes escaped; the rest numbers)
