"""The easy-read privacy notices: for candidates and for panel members. Plain Python.

The page, its Listen buttons and the audio are made from the same blocks
(``panels.invitations.content.Block``), a picture by every point. How long details are
kept is the organisation's real setting. Every sentence passes the easy-read checker
(tested).
"""

from __future__ import annotations

from dataclasses import dataclass

from panels.invitations.content import Block, Line

PICTURES = {
    "what": "1F4CB",  # clipboard
    "why": "2753",  # question mark
    "long": "1F4C5",  # calendar
    "see": "1F465",  # people
    "ask": "1F4AC",  # speech balloon
    "contact": "260E",  # telephone
    "lock": "1F512",  # lock
}


@dataclass(frozen=True)
class NoticeFacts:
    organisation: str
    contact: str
    keep_months: int
    keep_appointed_months: int


def months(n: int) -> str:
    return "1 month" if n == 1 else f"{n} months"


def _lines(*texts: str, picture: str = "") -> tuple[Line, ...]:
    return tuple(Line(t, picture) for t in texts if t)


def _address(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.replace(",", "\n").splitlines() if part.strip())


def _contact_block(facts: NoticeFacts) -> Block:
    lines = [
        "You can ask to see what we keep about you.",
        "We will give you a copy.",
        "You can ask us to delete it.",
        "You can ask us to put something right.",
    ]
    contact = (
        ("This is who to ask.", *_address(facts.contact))
        if facts.contact.strip()
        else ("Ask the person who sent you this.",)
    )
    return Block(
        "ask",
        "Who to ask",
        PICTURES["ask"],
        (
            *_lines(*lines),
            *(Line(t, PICTURES["contact"] if i == 0 else "") for i, t in enumerate(contact)),
        ),
    )


def candidate_blocks(facts: NoticeFacts) -> list[Block]:
    who = facts.organisation or "We"
    return [
        Block(
            "what",
            "What we keep",
            PICTURES["what"],
            _lines(
                f"{who} keeps some things about you." if facts.organisation else "",
                "We keep your name.",
                "We keep your email and phone number.",
                "We keep what you ask for to help you on the day.",
                "We keep what the panel thought of your answers.",
                "We keep your scores.",
            ),
        ),
        Block(
            "why",
            "Why we keep it",
            PICTURES["why"],
            _lines(
                "We need it to run your interview.",
                "We need it to choose who gets the job.",
                "We need it to tell you how it went.",
            ),
        ),
        Block(
            "long",
            "How long we keep it",
            PICTURES["long"],
            _lines(
                "We choose who gets the job.",
                f"Then we keep your things for {months(facts.keep_months)}.",
                "After that we delete your name and your email.",
                "We delete your phone number and what you asked for.",
                "We keep the scores without your name.",
                "Nobody can tell they are yours.",
                "If you get the job, we keep your things for "
                f"{months(facts.keep_appointed_months)}.",
                "Sometimes we must keep things longer.",
                "This can be when someone makes a complaint.",
            ),
        ),
        Block(
            "see",
            "Who can see it",
            PICTURES["lock"],
            _lines(
                "Only the people who run the interview can see it.",
                "The panel sees your name and your answers.",
                "We do not sell your things.",
                "We do not give them to anyone else.",
            ),
        ),
        _contact_block(facts),
    ]


def member_blocks(facts: NoticeFacts) -> list[Block]:
    return [
        Block(
            "what",
            "What we keep",
            PICTURES["what"],
            _lines(
                "We keep your name and your email.",
                "We keep what helps you, like more time or pictures.",
                "We keep your photo if you give us one.",
                "We keep the scores you give.",
                "We keep your time and your pay.",
                "We keep the training you did.",
            ),
        ),
        Block(
            "why",
            "Why we keep it",
            PICTURES["why"],
            _lines(
                "We need it so you can be on the panel.",
                "We need it to make the screens right for you.",
                "We need it to pay you.",
            ),
        ),
        Block(
            "long",
            "How long we keep it",
            PICTURES["long"],
            _lines(
                "We keep your things while you are on our panels.",
                "You can ask us to delete them.",
                "We keep the scores you gave without your name.",
                "The law says we must keep what we paid you.",
            ),
        ),
        Block(
            "see",
            "Who can see it",
            PICTURES["lock"],
            _lines(
                "The people who run the interview can see it.",
                "Other panel members cannot see your scores first.",
                "Candidates see your photo only if you say yes.",
                "We do not sell your things.",
            ),
        ),
        _contact_block(facts),
    ]


def whole_text(blocks: list[Block]) -> str:
    return "\n\n".join(block.text for block in blocks)
