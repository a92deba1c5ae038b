"""The words of an invitation, as blocks with a picture each. Plain Python: no Flask.

The page, the printout and the audio are all made from these blocks, so they always
say the same thing. Every default sentence passes the easy-read checker (tested).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from panels.plan.planner import minutes_words

# Pictures (OpenMoji codes).
PICTURES = {
    "job": "1F4BC",
    "date": "1F4C5",
    "time": "23F0",
    "length": "23F3",
    "place": "1F4CD",
    "people": "1F465",
    "person": "1F9D1",
    "steps": "1F4CB",
    "break": "2615",
    "contact": "260E",
    "questions": "2753",
    "activity": "1F91D",
    "outcome": "1F4E8",
    "help": "1F4AC",
}

STEPS = (
    "Tell the person at the door your name.",
    "Someone will meet you and take you to a room.",
    "You can wait there.",
    "You will meet the panel.",
    "The panel will say hello and tell you their names.",
    "The panel will ask you some questions.",
    "They may ask the questions slowly.",
    "This is fine.",
    "Take your time to answer.",
    "You can ask them to say a question again.",
    "At the end, you can ask us questions too.",
    "Then you can go home.",
    "We will tell you what happens next.",
)

# Adjustment choices: (value stored, words shown).
CHOICES = (
    ("quiet-room", "I would like a quiet room to wait in."),
    ("written-questions", "I would like the questions written down."),
    ("more-time", "I would like more time."),
    ("break", "I would like a break."),
    ("someone-with-me", "I would like to bring someone with me."),
    ("ground-floor", "I would like a room on the ground floor."),
    ("large-print", "I would like large print."),
)
CHOICE_WORDS = dict(CHOICES)

TIMES_LATER = "We will tell you the times soon."


@dataclass(frozen=True)
class Line:
    """One idea on one line, with an optional picture of its own."""

    text: str
    picture: str = ""
    photo: str = ""  # a key for a person's photo, shown instead of the picture if set


@dataclass(frozen=True)
class Block:
    key: str
    heading: str
    picture: str
    lines: tuple[Line, ...]

    @property
    def text(self) -> str:
        """The block as text to read aloud."""
        return "\n".join([self.heading + ".", *(line.text for line in self.lines)])


@dataclass(frozen=True)
class Facts:
    """Everything an invitation says, gathered from the database by the service."""

    job_title: str
    day: date
    place: str
    contact: str
    times: tuple[datetime, datetime, datetime] | None  # arrive, start, end
    panel: tuple[tuple[str, ...], ...] = ()  # (name, about) or (name, about, photo key)
    questions: tuple[tuple[str, str], ...] = ()  # (easy-read text, picture code)
    outcome: str = ""
    feedback: str = ""
    extra: dict[str, object] = field(default_factory=dict)
    organisation: str = ""  # the name candidates see (the organisation's settings)
    # Each panel's part of the day, in time order (panel name, room, start, end): only
    # when the job has two or more panels.
    parts: tuple[tuple[str, str, datetime, datetime], ...] = ()
    # What matters to us: the qualities the panel agreed (easy-read text, picture code).
    qualities: tuple[tuple[str, str], ...] = ()
    # The activities of the day, in interview order (easy-read text, picture code, minutes,
    # the panel's name with two or more panels, else ""). Always told: a candidate can get
    # ready for "Make a cup of tea with Sam" (what to wear, what to ask for).
    activities: tuple[tuple[str, str, float, str], ...] = ()


def clock(moment: datetime) -> str:
    """24-hour clock time, like 09:30."""
    return moment.strftime("%H:%M")


def day_words(day: date) -> str:
    """A date in words, like Tuesday 15 December 2026."""
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}"


def _lines(*texts: str) -> tuple[Line, ...]:
    return tuple(Line(t) for t in texts if t)


def _address(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.replace(",", "\n").splitlines() if part.strip())


def blocks(facts: Facts) -> list[Block]:
    """The invitation, block by block, in reading order."""
    out = [
        Block(
            "job",
            "Your interview",
            PICTURES["job"],
            _lines(
                "You have an interview for a job.",
                f"The job is: {facts.job_title}.",
                f"The job is with {facts.organisation}." if facts.organisation else "",
                "Thank you for wanting to work with us.",
            ),
        ),
        Block(
            "date",
            "The day",
            PICTURES["date"],
            _lines(f"Your interview is on {day_words(facts.day)}."),
        ),
    ]
    if facts.times:
        arrive, start, end = facts.times
        minutes = (end - start).total_seconds() / 60
        out.append(
            Block(
                "time",
                "The time",
                PICTURES["time"],
                _lines(
                    f"Please come at {clock(arrive)}.",
                    f"Your interview starts at {clock(start)}.",
                    f"Your interview ends at {clock(end)}.",
                ),
            )
        )
        if len(facts.parts) > 1:
            out.append(_parts_block(facts.parts))
        out.append(
            Block(
                "length",
                "How long it takes",
                PICTURES["length"],
                _lines(f"It takes about {minutes_words(minutes)}."),
            )
        )
    else:
        out.append(Block("time", "The time", PICTURES["time"], _lines(TIMES_LATER)))
    if facts.place.strip():
        out.append(
            Block(
                "place",
                "The place",
                PICTURES["place"],
                _lines("The interview is at this place.", *_address(facts.place)),
            )
        )
    if facts.panel:
        people = [Line("You will meet these people."), Line("They are the interview panel.")]
        for name, about, *photo in facts.panel:
            people.append(Line(name, PICTURES["person"], photo[0] if photo else ""))
            if about.strip():
                people.append(Line(about.strip()))
        out.append(Block("people", "Who you will meet", PICTURES["people"], tuple(people)))
    out.append(Block("steps", "What will happen", PICTURES["steps"], _lines(*STEPS)))
    if facts.activities:
        out.append(_activities_block(facts.activities))
    out.append(
        Block(
            "break",
            "Breaks",
            PICTURES["break"],
            _lines(
                "You can ask for a break at any time.",
                "Just say you need a break.",
                "This is fine too.",
            ),
        )
    )
    if facts.qualities:
        lines = [Line("The people you will support chose these."), Line("They matter to them.")]
        lines += [Line(text, picture or PICTURES["questions"]) for text, picture in facts.qualities]
        out.append(Block("qualities", "What matters to us", "2764", tuple(lines)))
    if facts.questions:
        lines = [Line("Here are the questions we will ask you."), Line(READ_BEFORE)]
        lines += [Line(text, picture or PICTURES["questions"]) for text, picture in facts.questions]
        out.append(Block("questions", "The questions", PICTURES["questions"], tuple(lines)))
    if facts.contact.strip():
        out.append(
            Block(
                "contact",
                "Who to contact",
                PICTURES["contact"],
                _lines(
                    "If you have a question, please get in touch.",
                    "This is who to contact.",
                    *_address(facts.contact),
                ),
            )
        )
    if facts.outcome.strip() or facts.feedback.strip():
        out.append(
            Block(
                "outcome",
                "How it went",
                PICTURES["outcome"],
                _lines(*facts.outcome.strip().splitlines(), *facts.feedback.strip().splitlines()),
            )
        )
    return out


READ_BEFORE = "You can read them before your interview."
ACTIVITIES_INTRO = ("You will also do something with us.", "It is called an activity.")
ACTIVITY_HELP = "Tell us if you need something to do it. We will help."


def _activities_block(activities: tuple[tuple[str, str, float, str], ...]) -> Block:
    """What the candidate does as well as answer questions, with how long each takes."""
    lines = [Line(text) for text in ACTIVITIES_INTRO]
    for text, picture, minutes, panel in activities:
        lines.append(Line(text, picture or PICTURES["activity"]))
        lines.append(Line(f"It takes about {minutes_words(minutes)}."))
        if panel:
            lines.append(Line(f"You do it with {panel}."))
    lines.append(Line(ACTIVITY_HELP))
    return Block("activities", "Things you will do", PICTURES["activity"], tuple(lines))


def _parts_block(parts: tuple[tuple[str, str, datetime, datetime], ...]) -> Block:
    """Every part of the candidate's day: each panel's time and room, in order."""
    lines = [
        Line(f"Your interview has {len(parts)} parts."),
        Line("You meet a different panel in each part."),
    ]
    for number, (name, room, start, end) in enumerate(parts, start=1):
        lines.append(Line(f"Part {number} is with {name}.", PICTURES["people"]))
        lines.append(Line(f"It starts at {clock(start)}. It ends at {clock(end)}."))
        if room.strip():
            lines.append(Line(f"It is in this room: {room.strip()}."))
    return Block("parts", "Your day, part by part", PICTURES["time"], tuple(lines))


def email_text(candidate_name: str, link: str, facts: Facts) -> str:
    """A plain-words email the coordinator can copy."""
    lines = [
        f"Dear {candidate_name},",
        "",
        f"Thank you for applying for the job: {facts.job_title}.",
        "We would like to meet you for an interview.",
        f"The interview is on {day_words(facts.day)}.",
    ]
    if facts.times:
        arrive, start, _end = facts.times
        lines += [
            f"Please come at {clock(arrive)}.",
            f"Your interview starts at {clock(start)}.",
        ]
    lines += [
        "",
        "Your invitation is on this web page. It is in easy-read.",
        "You can listen to it, print it, and tell us what would help you.",
        link,
        "",
        "Please keep this link to yourself.",
    ]
    if facts.contact:
        lines += ["", "If you have a question, please contact:", facts.contact]
    return "\n".join(lines)


# Words fixed in the templates, kept here so the checker test sees them too.
PAGE_WORDS = (
    "Tell us what would help you.",
    "We will try to make it happen.",
    "Something else that would help you.",
    "We got your message.",
    "Thank you.",
    "We will contact you about it.",
    "Listen to all of this.",
    "Print this page.",
    "Put it in your calendar.",
    "The main things.",
    "Who to contact.",
    "Changes that help you.",
    "You told us this would help you.",
    "Back to your invitation.",
    "Read more.",
)

ASKED = "You told us this would help you."


def asked_words(choices: list[str], other: str) -> list[str]:
    """What a candidate asked for, in the words they saw: ticked choices, then their own."""
    words = [CHOICE_WORDS[c] for c in choices if c in CHOICE_WORDS]
    return words + ([other.strip()] if other.strip() else [])


AUDIO_TOO_LONG = "The questions are on the page."

# Messages: (heading, words).
LINK_WRONG = ("We cannot find this page", "Please check you typed the whole link.")
LINK_GONE = (
    "This link no longer works",
    "Please ask the person who sent it to you for a new link.",
)
LINK_HELP = "If you need help, ask the person who sent you the link."
PDF_FAILED = (
    "We could not make the paper copy just now",
    "Please try again later. The page still has all the words.",
)
AUDIO_FAILED = (
    "We could not make the sound file just now",
    "Please try again later. You can still read the page.",
)
NO_TIME_YET = "We do not know the time yet"
SENT = ("We got your message.", "Thank you.", "We will contact you about it.")
EMPTY_REQUEST = "Tick what would help you, or write it in the box"
MESSAGES = (
    *LINK_WRONG, *LINK_GONE, LINK_HELP, *PDF_FAILED, *AUDIO_FAILED, NO_TIME_YET, *SENT,
    EMPTY_REQUEST,
)  # fmt: skip


def whole_text(all_blocks: list[Block], limit: int = 4800) -> str:
    """All blocks as one text to read aloud; leaves out the questions if too long."""
    text = "\n\n".join(b.text for b in all_blocks)
    if len(text) <= limit:
        return text
    short = [b for b in all_blocks if b.key != "questions"]
    text = "\n\n".join(b.text for b in short) + "\n\n" + AUDIO_TOO_LONG
    return text[:limit]


def default_sentences(facts: Facts) -> list[str]:
    """Every sentence the app writes itself (not names, addresses or outcomes)."""
    fixed = [*STEPS, *CHOICE_WORDS.values(), *PAGE_WORDS, TIMES_LATER, READ_BEFORE]
    fixed += [AUDIO_TOO_LONG, *MESSAGES]
    for block in blocks(facts):
        fixed.append(block.heading)
        if block.key not in ("people", "place", "contact", "outcome", "questions", "activities"):
            fixed += [line.text for line in block.lines]
    if facts.activities:
        fixed += [*ACTIVITIES_INTRO, ACTIVITY_HELP]
    fixed += [
        "You have an interview for a job.",
        "The interview is at this place.",
        "You will meet these people.",
        "They are the interview panel.",
        "Here are the questions we will ask you.",
        "If you have a question, please get in touch.",
        "This is who to contact.",
    ]
    return list(dict.fromkeys(fixed))
