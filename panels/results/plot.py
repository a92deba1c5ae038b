"""A dot plot per candidate as inline SVG: each member's score and the combined mark."""

from __future__ import annotations

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


def dot_plot(row: CandidateResult, names: dict[str, str]) -> Markup:
    """An SVG with a text alternative; the table beside it has the same numbers."""
    given = [(k, v) for k, v in row.member_scores.items() if v is not None]
    words = ", ".join(f"{names.get(k, k)} {format_score(v)}" for k, v in given) or "no scores"
    combined = format_score(row.combined) or "none"
    summary = f"{row.name}: combined {combined}. Members: {words}."
    parts = [
        f'<svg class="dot-plot" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(summary)}" focusable="false">',
        _AXIS,
    ]
    for i, (_key, value) in enumerate(given):
        y = 28 - 8 + (i % 3) * 8
        parts.append(f'<circle cx="{_x(value)}" cy="{y}" r="6" fill="#1d70b8" fill-opacity="0.8"/>')
    if row.combined is not None:
        x = _x(row.combined)
        parts.append(f'<rect x="{x - 2}" y="6" width="4" height="36" fill="#d4351c"/>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704  (names escaped; the rest are numbers)
