"""Results as CSV text and as an Excel workbook."""

from __future__ import annotations

import io

from openpyxl import Workbook

from panels.scoring.combine import Results, results_csv, results_rows


def to_csv(results: Results) -> str:
    return results_csv(results)


def to_xlsx(results: Results, title: str) -> bytes:
    """One sheet named Results: the same table as the CSV, numbers as numbers."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Results"
    rows = results_rows(results)
    ws.append(rows[0])
    numeric = {2, 3, 5, *range(6, len(rows[0]))}
    for row in rows[1:]:
        ws.append(
            [
                (float(cell) if i != 2 else int(cell)) if (i in numeric and cell) else cell
                for i, cell in enumerate(row)
            ]
        )
    ws.freeze_panes = "A2"
    wb.properties.title = title[:200]
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
