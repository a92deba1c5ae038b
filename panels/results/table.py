"""The results table's body as HTML, built in one pass in Python.

A Jinja loop with a call per cell was most of the page's time (60 candidates x 10
members is 600 cells). Names are escaped; everything else is a number or fixed words.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from panels.scoring.combine import CandidateResult, Results, format_score

DASH = "–"


def table_body(results: Results, panel_keys: Sequence[str] = ()) -> Markup:
    """One ``<tr>`` per candidate in rank order: rank, name, combined, each panel's score
    (``panel_keys``, when the job has several panels), each member's, spread, complete."""
    keys = results.member_keys
    fmt = format_score
    parts: list[str] = []
    add = parts.append
    for row in results.rows:
        add(_start(row))
        panel_scores = row.panel_scores
        for p in panel_keys:
            add(f'<td class="panel-col">{fmt(panel_scores.get(p)) or DASH}</td>')
        scores = row.member_scores
        for k in keys:
            add(f"<td>{fmt(scores[k]) or DASH}</td>")
        add(f"<td>{fmt(row.spread) or DASH}</td>")
        if row.complete:
            add("<td>Yes</td></tr>\n")
        else:
            add(f'<td><strong class="flag">No: {len(row.missing)} missing</strong></td></tr>\n')
    return Markup("".join(parts))  # noqa: S704  (names escaped; the rest are numbers)


def _start(row: CandidateResult) -> str:
    tie = " (tie)" if row.tied else ""
    combined = format_score(row.combined) or "no score"
    return (
        f"<tr><td>{row.rank or DASH}{tie}</td>"
        f'<th scope="row">{escape(row.name)}</th>'
        f"<td><strong>{combined}</strong></td>"
    )
