"""Claims for finance: rows, CSV text and an Excel workbook. Amounts in pounds with 2
decimal places (from whole pence, never a float on the way)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from openpyxl import Workbook

from panels.pay import money

HEADER = (
    "job",
    "interview_date",
    "member",
    "hours",
    "rate",
    "amount",
    "choice",
    "charity",
    "expenses",
    "total",
    "currency",
    "status",
    "paid_on",
    "paid_how",
)
MONEY_COLUMNS = {"amount", "expenses", "total"}


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))


def _rate(row) -> str:
    """The rate of the interview day (the main one), like "11.50/hour"."""
    pence, per = row.rates.for_kind(money.TimeKind.INTERVIEW_DAY)
    return f"{money.pence_decimal(pence)}/{per}"


def claim_rows(jobs_and_rows, currency: str) -> list[list]:
    """One row per panel member and job: the header first."""
    out: list[list] = [list(HEADER)]
    for job, rows in jobs_and_rows:
        for row in rows:
            claim, totals = row.claim, row.totals
            out.append(
                [
                    job.ref,
                    job.interview_date.isoformat(),
                    row.member.user.name,
                    _hours(totals.minutes),
                    "paid through their job" if claim.paid_through_job else _rate(row),
                    money.pence_decimal(totals.chosen),
                    claim.choice or "not chosen",
                    claim.charity or "",
                    money.pence_decimal(totals.expenses),
                    money.pence_decimal(totals.total),
                    currency,
                    row.status,
                    claim.paid_on.isoformat() if claim.paid_on else "",
                    claim.paid_how or "",
                ]
            )
    return out


def _safe(cell) -> str:
    """A cell as text; text that a spreadsheet would run as a formula gets a quote first."""
    text = str(cell)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not isinstance(cell, Decimal):
        return "'" + text
    return text


def to_csv(rows: list[list]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for row in rows:
        writer.writerow([_safe(c) for c in row])
    return buf.getvalue()


def to_xlsx(rows: list[list], title: str) -> bytes:
    """One sheet named Payments: numbers as numbers (2 decimal places)."""
    wb = Workbook()
    ws = wb.worksheets[0]
    ws.title = "Payments"
    for row in rows:
        ws.append([c if isinstance(c, Decimal) else _safe(c) for c in row])
    for col, name in enumerate(rows[0], start=1):
        if name in MONEY_COLUMNS or name == "hours":
            for cell in ws.iter_cols(min_col=col, max_col=col, min_row=2):
                for c in cell:
                    c.number_format = "0.00"
    ws.freeze_panes = "A2"
    wb.properties.title = title[:200]
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
