"""The easy-read words about pay: the offer before the day, and the claim after it.

Plain Python: no Flask, no database. The page, the printout and the audio are made from
the same blocks (``panels.invitations.content.Block``), a picture by every point. Amounts
are shown with Babel in the organisation's currency. Every fixed sentence passes the
easy-read checker (tested).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from babel.numbers import format_currency

from panels.invitations.content import Block, Line, clock, day_words
from panels.pay import money
from panels.pay.money import Choice, TimeKind

PICTURES = {
    "do": "1F465",
    "when": "1F4C5",
    "length": "23F3",
    "pay": "1F4B0",
    "costs": "1F68C",
    "receipt": "1F9FE",
    "paid": "1F4B7",
    "benefits": "2139",
    "advice": "1F4AC",
    "contact": "260E",
    "choice": "1F91D",
    "time": "23F0",
    "check": "2705",
}
LOCALE = "en_GB"
# Said on every offer; the coordinator's organisation can set its own (PAY_ADVICE).
DEFAULT_ADVICE = (
    "Citizens Advice can help.",
    "Their phone number is 0800 144 8848.",
)


def money_text(pence: int, currency: str = "GBP") -> str:
    """An amount the way people read it: 1150 -> "£11.50" (Babel, British English)."""
    return format_currency(money.pence_decimal(pence), currency or "GBP", locale=LOCALE)


@dataclass(frozen=True)
class OfferFacts:
    job_title: str
    organisation: str
    day: date
    rates: money.Rates
    currency: str = "GBP"
    times: tuple[datetime, datetime] | None = None  # the panel's day, from the plan
    paid_through_job: bool = False
    contact: str = ""
    advice: tuple[str, ...] = DEFAULT_ADVICE
    extra: dict[str, object] = field(default_factory=dict)


def _lines(*texts: str, picture: str = "") -> tuple[Line, ...]:
    return tuple(Line(t, picture) for t in texts if t)


def rate_sentence(kind: str, rates: money.Rates, currency: str) -> str:
    pence, per = rates.for_kind(kind)
    if pence <= 0:
        return ""
    amount = money_text(pence, currency)
    if per == money.Per.SESSION:
        return f"We pay {amount} for each time you come."
    return f"We pay {amount} for each hour."


def _pay_block(facts: OfferFacts) -> Block:
    if facts.paid_through_job:
        return Block(
            "pay",
            "Your pay",
            PICTURES["pay"],
            _lines(
                "Your job pays you for this work.",
                "So you do not claim pay from us.",
                "You can still claim back what you spend.",
            ),
        )
    cur = facts.currency
    lines = [Line("We will pay you for your time.", PICTURES["pay"])]
    for kind, heading in (
        (TimeKind.INTERVIEW_DAY, "For the interview day:"),
        (TimeKind.PREPARATION, "For meetings to get ready:"),
        (TimeKind.TRAINING, "For training:"),
        (TimeKind.TRAVEL, "For your travel time:"),
    ):
        sentence = rate_sentence(kind, facts.rates, cur)
        if sentence:
            lines.append(Line(heading, PICTURES["time"]))
            lines.append(Line(sentence))
    if facts.times:
        minutes = int((facts.times[1] - facts.times[0]).total_seconds() // 60)
        rate, per = facts.rates.for_kind(TimeKind.INTERVIEW_DAY)
        about = money.time_pay(minutes, rate, per)
        if about:
            lines.append(Line(f"For the interview day, that is about {money_text(about, cur)}."))
    return Block("pay", "Your pay", PICTURES["pay"], tuple(lines))


def _costs_block(facts: OfferFacts) -> Block:
    mileage = facts.rates.mileage
    return Block(
        "costs",
        "Money you spend",
        PICTURES["costs"],
        (
            Line("We pay back money you spend to come.", PICTURES["costs"]),
            Line("This can be a bus or train ticket."),
            Line("It can be a taxi."),
            Line(
                f"If you drive, we pay {money_text(mileage, facts.currency)} for each mile."
                if mileage
                else ""
            ),
            Line("We pay for a support worker, or someone to sign for you."),
            Line("We pay for care at home while you are out."),
            Line("We pay for food on a long day."),
            Line("Keep your tickets and bills.", PICTURES["receipt"]),
            Line("You can take a photo of them."),
        ),
    )


def offer_blocks(facts: OfferFacts) -> list[Block]:
    """The offer, block by block, in reading order."""
    out = [
        Block(
            "do",
            "What you will do",
            PICTURES["do"],
            _lines(
                "You are on the interview panel for a job.",
                f"The job is: {facts.job_title}.",
                f"The job is with {facts.organisation}." if facts.organisation else "",
                "You will help choose the best person for the job.",
            ),
        ),
    ]
    when = [f"The interviews are on {day_words(facts.day)}."]
    if facts.times:
        start, end = facts.times
        when += [f"The day starts at {clock(start)}.", f"The day ends at about {clock(end)}."]
    else:
        when.append("We will tell you the times soon.")
    out.append(Block("when", "When", PICTURES["when"], _lines(*when)))
    if facts.times:
        minutes = int((facts.times[1] - facts.times[0]).total_seconds() // 60)
        out.append(
            Block(
                "length",
                "How long it takes",
                PICTURES["length"],
                _lines(f"It takes about {money.duration_words(minutes)}.", "There are breaks."),
            )
        )
    out.append(_pay_block(facts))
    out.append(_costs_block(facts))
    out.append(
        Block(
            "paid",
            "How and when we pay you",
            PICTURES["paid"],
            _lines(
                "After the day, you check your time on this app.",
                "You tell us if it is right.",
                "Then we pay you.",
                "We pay you in the next 4 weeks.",
            ),
        )
    )
    out.append(
        Block(
            "benefits",
            "Pay and benefits",
            PICTURES["benefits"],
            _lines(
                "Pay can change your benefits.",
                "So you choose how we pay you.",
                "You can have all of the money.",
                "You can have less of it, or none of it.",
                "We can give it to a charity for you.",
                "We can give you vouchers.",
                "You do not have to tell us about your benefits.",
            ),
        )
    )
    out.append(
        Block(
            "advice",
            "Free help about benefits",
            PICTURES["advice"],
            _lines(
                "You can ask for free help before you choose.",
                "The help is private.",
                *facts.advice,
            ),
        )
    )
    if facts.contact.strip():
        out.append(
            Block(
                "contact",
                "Who to ask",
                PICTURES["contact"],
                _lines(
                    "If you have a question, ask us.",
                    *(p.strip() for p in facts.contact.splitlines() if p.strip()),
                ),
            )
        )
    return out


def choice_sentence(choice: str | None, lower: int | None, charity: str, currency: str) -> str:
    """What the member chose, in easy-read."""
    if choice == Choice.LOWER:
        return f"You chose to be paid {money_text(lower or 0, currency)}."
    if choice == Choice.CHARITY:
        return f"You chose to give your pay to {charity}."
    if choice in set(Choice):
        return "You chose: " + money.CHOICE_WORDS[Choice(choice)].rstrip(".").lower() + "."
    return "You have not chosen yet."


# Fixed words in the pay templates, kept here so the easy-read test sees them too.
PAGE_WORDS = (
    "Listen to all of this.",
    "Print this page.",
    "Tell us how you would like to be paid.",
    "You can change this later.",
    "This is the time we have for you.",
    "Is this right?",
    "Thank you. We have saved it.",
    "Tell us what you spent.",
    "Add a photo of the ticket or bill.",
    "Your claim.",
    "We are looking at this.",
    "We will pay this.",
    "We will not pay this.",
)
