"""Pay maths: hours from times, pay, mileage, choices and totals. Plain Python: no Flask.

Money is whole pence (``int``) everywhere it is stored and added up; ``Decimal`` only
where a rate meets a part of an hour. Each line (a time entry, an expense) is rounded to
the penny once, half up (2.5p is 3p), and a total is the sum of its rounded lines: so a
total never depends on the order of its lines, and the claim adds up to what it shows.
Nothing here is ever negative.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

# Limits: more than these is a typing slip, not a claim.
RATE_MAX_PENCE = 100_000  # £1,000 an hour or a session
EXPENSE_MAX_PENCE = 200_000  # £2,000 for one item
MILES_MAX = Decimal(1000)  # one journey's miles
MILEAGE_RATE_MAX_PENCE = 500  # £5 a mile
ENTRY_MAX_MINUTES = 16 * 60  # one time entry
LOWER_MAX_PENCE = 10_000_000  # a lower amount asked for (checked against the pay too)


class PayError(ValueError):
    """Input that cannot be used; the message is in plain words."""


class Per(StrEnum):
    """How a rate is paid."""

    HOUR = "hour"
    SESSION = "session"


class TimeKind(StrEnum):
    """What the time was for; each has its own rate."""

    PREPARATION = "preparation"
    INTERVIEW_DAY = "interview_day"
    TRAINING = "training"
    TRAVEL = "travel"


TIME_KIND_WORDS = {
    TimeKind.PREPARATION: "Preparation",
    TimeKind.INTERVIEW_DAY: "The interview day",
    TimeKind.TRAINING: "Training",
    TimeKind.TRAVEL: "Travel time",
}


class Choice(StrEnum):
    """How a panel member chooses to be paid. Never what benefits they get."""

    FULL = "full"
    LOWER = "lower"
    NONE = "none"
    CHARITY = "charity"
    VOUCHERS = "vouchers"


CHOICE_WORDS = {
    Choice.FULL: "Pay me the full amount.",
    Choice.LOWER: "Pay me a lower amount.",
    Choice.NONE: "Do not pay me.",
    Choice.CHARITY: "Give the money to a charity.",
    Choice.VOUCHERS: "Give me vouchers.",
}
CHOICE_SHORT = {
    Choice.FULL: "full pay",
    Choice.LOWER: "a lower amount",
    Choice.NONE: "no pay",
    Choice.CHARITY: "to a charity",
    Choice.VOUCHERS: "vouchers",
}


class ExpenseKind(StrEnum):
    FARE = "fare"
    TAXI = "taxi"
    MILEAGE = "mileage"
    SUPPORT = "support"
    INTERPRETER = "interpreter"
    CARE = "care"
    FOOD = "food"


EXPENSE_WORDS = {
    ExpenseKind.FARE: "Bus or train fare",
    ExpenseKind.TAXI: "Taxi",
    ExpenseKind.MILEAGE: "Driving (miles)",
    ExpenseKind.SUPPORT: "A support worker's time",
    ExpenseKind.INTERPRETER: "Someone to sign or speak for you",
    ExpenseKind.CARE: "Care for someone at home while you were out",
    ExpenseKind.FOOD: "Food on a long day",
}


class Decision(StrEnum):
    WAITING = "waiting"
    APPROVED = "approved"
    REFUSED = "refused"


# --- reading what people type --------------------------------------------------------------


def parse_pounds(text: str, *, most: int, what: str = "The amount") -> int:
    """Pounds as typed ("11.50", "£11.5", "12") -> whole pence, from 0 to ``most``.

    More than 2 decimal places, a minus, letters or too much: PayError in plain words.
    """
    cleaned = (text or "").strip().replace(",", "").removeprefix("£").strip()
    if not cleaned:
        raise PayError(f"{what} is missing. Type an amount in pounds, like 11.50.")
    if cleaned.startswith("-"):
        raise PayError(f"{what} cannot be less than nothing.")
    if len(cleaned) > 12 or not all(c.isdigit() or c == "." for c in cleaned):
        raise PayError(f"{what} must be a number of pounds, like 11.50.")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise PayError(f"{what} must be a number of pounds, like 11.50.") from None
    if not value.is_finite() or value.as_tuple().exponent < -2:  # type: ignore[operator]
        raise PayError(f"{what} can have at most 2 numbers after the point, like 11.50.")
    pence = int(value * 100)
    if pence > most:
        raise PayError(f"{what} is too big. It can be at most {pounds_text(most)}.")
    return pence


def parse_miles(text: str) -> Decimal:
    """Miles as typed ("12", "12.5") -> Decimal to a tenth of a mile, above 0, at most
    ``MILES_MAX``."""
    cleaned = (text or "").strip()
    if not cleaned:
        raise PayError("Say how many miles you drove.")
    if cleaned.startswith("-"):
        raise PayError("The miles cannot be less than nothing.")
    if len(cleaned) > 10 or not all(c.isdigit() or c == "." for c in cleaned):
        raise PayError("The miles must be a number, like 12 or 12.5.")
    try:
        miles = Decimal(cleaned)
    except InvalidOperation:
        raise PayError("The miles must be a number, like 12 or 12.5.") from None
    if not miles.is_finite() or miles.as_tuple().exponent < -1:  # type: ignore[operator]
        raise PayError("The miles can have at most 1 number after the point, like 12.5.")
    if miles <= 0:
        raise PayError("The miles must be more than 0.")
    if miles > MILES_MAX:
        raise PayError(f"That is too many miles for one journey. It can be at most {MILES_MAX}.")
    return miles


def pounds_text(pence: int) -> str:
    """Plain pounds for messages and CSV cells: 1150 -> "£11.50"."""
    return f"£{pence // 100:,}.{pence % 100:02d}"


def pence_decimal(pence: int) -> Decimal:
    """Pence as a Decimal of pounds (1150 -> Decimal("11.50")), for Babel and exports."""
    return (Decimal(pence) / 100).quantize(Decimal("0.01"))


# --- time ------------------------------------------------------------------------------------


def minutes_between(start: time, end: time) -> int:
    """Whole minutes from ``start`` to ``end`` on one day. An end before or at the start,
    or more than ``ENTRY_MAX_MINUTES``: PayError."""
    begin = start.hour * 60 + start.minute
    finish = end.hour * 60 + end.minute
    if finish <= begin:
        raise PayError("The end time must be after the start time.")
    if finish - begin > ENTRY_MAX_MINUTES:
        raise PayError("One time entry can be at most 16 hours. Split it into 2 entries.")
    return finish - begin


@dataclass(frozen=True)
class Span:
    """A piece of time someone worked, on one day."""

    day: date
    start: time
    end: time

    def overlaps(self, other: Span) -> bool:
        return self.day == other.day and self.start < other.end and other.start < self.end


def first_overlap(new: Span, existing: Iterable[Span]) -> Span | None:
    """The first existing span the new one overlaps, or None."""
    return next((span for span in existing if new.overlaps(span)), None)


def duration_words(minutes: int) -> str:
    """Easy-read length: 270 -> "4 hours and 30 minutes", 60 -> "1 hour"."""
    hours, mins = divmod(max(0, minutes), 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour" + ("" if hours == 1 else "s"))
    if mins or not hours:
        parts.append(f"{mins} minute" + ("" if mins == 1 else "s"))
    return " and ".join(parts)


def worked_sentence(day: date, minutes: int) -> str:
    """ "On Tuesday 15 December you worked 4 hours and 30 minutes." """
    on = f"{day.strftime('%A')} {day.day} {day.strftime('%B')}"
    return f"On {on} you worked {duration_words(minutes)}."


# --- pay -------------------------------------------------------------------------------------


def round_pence(value: Decimal) -> int:
    """A Decimal number of pence to whole pence, half up (never below 0)."""
    return max(0, int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP)))


def time_pay(minutes: int, rate_pence: int, per: Per | str) -> int:
    """Pay for one time entry: minutes / 60 x the hourly rate, or one session's rate."""
    if minutes <= 0 or rate_pence <= 0:
        return 0
    if Per(per) == Per.SESSION:
        return rate_pence
    return round_pence(Decimal(minutes) * Decimal(rate_pence) / Decimal(60))


def mileage_pence(miles: Decimal, rate_pence: int) -> int:
    """Miles x pence a mile, rounded to the penny."""
    if miles <= 0 or rate_pence <= 0:
        return 0
    return round_pence(miles * Decimal(rate_pence))


def chosen_pence(pay: int, choice: Choice | str | None, lower: int | None) -> int:
    """What is paid for the time, by the member's choice (before they choose: the full pay).

    A lower amount is never more than the pay; no pay is 0. The charity and vouchers get
    the full amount (to the charity, or as vouchers).
    """
    pay = max(0, pay)
    if choice == Choice.NONE:
        return 0
    if choice == Choice.LOWER:
        return min(pay, max(0, lower or 0))
    return pay


@dataclass(frozen=True)
class TimeLine:
    kind: str
    minutes: int


@dataclass(frozen=True)
class Rates:
    """A job's rates: pence and per (hour or session) for each kind of time, and mileage."""

    pence: dict[str, int]
    per: dict[str, str]
    mileage: int
    travel_paid: bool = True

    def for_kind(self, kind: str) -> tuple[int, str]:
        if kind == TimeKind.TRAVEL and not self.travel_paid:
            return 0, Per.HOUR.value
        return self.pence.get(kind, 0), self.per.get(kind, Per.HOUR.value)


@dataclass(frozen=True)
class Totals:
    minutes: int
    pay: int  # hours x rates
    chosen: int  # what is paid for the time, by the choice
    expenses: int  # approved expenses only
    waiting: int  # expenses not decided yet
    total: int  # chosen + expenses


def line_pay(line: TimeLine, rates: Rates) -> int:
    rate, per = rates.for_kind(line.kind)
    return time_pay(line.minutes, rate, per)


def totals(
    lines: Sequence[TimeLine],
    rates: Rates,
    choice: Choice | str | None,
    lower: int | None,
    expenses: Iterable[tuple[int, str]],
    paid_through_job: bool = False,
) -> Totals:
    """Everything a claim adds up to. ``expenses`` are (pence, decision)."""
    minutes = sum(max(0, line.minutes) for line in lines)
    pay = 0 if paid_through_job else sum(line_pay(line, rates) for line in lines)
    chosen = chosen_pence(pay, choice, lower)
    spent = list(expenses)
    approved = sum(max(0, p) for p, d in spent if d == Decision.APPROVED)
    waiting = sum(max(0, p) for p, d in spent if d == Decision.WAITING)
    return Totals(minutes, pay, chosen, approved, waiting, chosen + approved)


def combine(moments: Iterable[datetime]) -> tuple[datetime, datetime] | None:
    """The earliest and latest of some moments, or None if there are none."""
    found = sorted(moments)
    return (found[0], found[-1]) if found else None
