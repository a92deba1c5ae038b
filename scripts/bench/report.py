"""The figures table: rows collected as the run goes, printed at the end."""

from __future__ import annotations

import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    area: str
    figure: str
    value: str
    note: str = ""


class Report:
    def __init__(self, order: tuple[str, ...] = ()) -> None:
        self.order = order  # areas printed first, in this order; then the rest as added
        self.rows: list[Row] = []
        self.footnotes: list[str] = []

    def footnote(self, text: str) -> None:
        self.footnotes.append(text)

    def add(self, area: str, figure: str, value: str, note: str = "") -> None:
        self.rows.append(Row(area, figure, value, note))
        print(f"  {area} | {figure}: {value}  {note}".rstrip(), file=sys.stderr, flush=True)

    def print(self) -> None:
        widths = [
            max([len(heading)] + [len(getattr(r, field)) for r in self.rows])
            for heading, field in (("Area", "area"), ("Figure", "figure"), ("Value", "value"))
        ]
        line = "  ".join("-" * w for w in widths) + "  " + "-" * 20
        print(_cells(("Area", "Figure", "Value", "Note"), widths))
        print(line)
        areas = list(dict.fromkeys([*self.order, *(r.area for r in self.rows)]))
        areas = [a for a in areas if any(r.area == a for r in self.rows)]
        for n, area in enumerate(areas):
            if n:
                print()
            rows = [r for r in self.rows if r.area == area]
            for i, row in enumerate(rows):
                print(_cells((area if i == 0 else "", row.figure, row.value, row.note), widths))
        for text in self.footnotes:
            print(f"\nNote: {text}")


def _cells(values: tuple[str, str, str, str], widths: list[int]) -> str:
    first = "  ".join(v.ljust(w) for v, w in zip(values[:3], widths, strict=True))
    return f"{first}  {values[3]}".rstrip()


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def per_second(value: float) -> str:
    return f"{value:,.0f}/s"


def percent(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"
