"""Easy-read words on the decision screens (checked by the easy-read checker in tests)."""

from __future__ import annotations

MEETING_INTRO = "We decide together. Everyone's say counts the same."
NOT_STARTED = "The meeting has not started yet. The coordinator starts it after scoring."
CLOSE_FIRST = "Close scoring first. Then you can start the meeting."
PICTURE = "This is how each person scored."
FIRST_CHOICE = "This is each group's first choice."
WITHOUT_ONE = "Would the top change without one person?"
ANSWER_FIRST = "Give your answer first. Then you see everyone's answers."
WAITING_OTHERS = "We show the answers when everyone has answered."
NO_PROPOSAL = "There is no plan for this person yet."
REASON_SHOWN = "This is why."
COUNTED = "Your scores counted the same as everyone's."
# With panel or group parity each panel (group) has the same weight: said truthfully.
COUNTED_PANELS = (
    "Each panel counted the same. In your panel, your scores counted the same as everyone else's."
)
COUNTED_GROUPS = (
    "Each group counted the same. In your group, your scores counted the same as everyone else's."
)
NOT_RELEASED = "We will tell you what happened soon."
HOW_IT_WENT = "Tell us how it went. Pick a face for each question."
THANKS = "Thank you. We have your answers."
NO_OFFER = "We did not offer the job this time."
ASK_AFTER = "After your interview, tell us how it went."
DISAGREED = "People disagreed. Talk about it."

ALL = (
    MEETING_INTRO,
    NOT_STARTED,
    CLOSE_FIRST,
    PICTURE,
    FIRST_CHOICE,
    WITHOUT_ONE,
    ANSWER_FIRST,
    WAITING_OTHERS,
    NO_PROPOSAL,
    REASON_SHOWN,
    COUNTED,
    COUNTED_PANELS,
    COUNTED_GROUPS,
    NOT_RELEASED,
    HOW_IT_WENT,
    THANKS,
    NO_OFFER,
    ASK_AFTER,
    DISAGREED,
)


def _spoken(score: str) -> str:
    """ "75.0" is said "75"; "62.5" stays."""
    return score.removesuffix(".0")


def place(name: str, rank: int, score: str) -> str:
    return f"{name} is in place {rank}. The panel score is {_spoken(score)} out of 100."


def no_scores(name: str) -> str:
    return f"{name} has no scores."


def panel_gave(panel: str, score: str) -> str:
    return f"{panel} gave {_spoken(score)} out of 100." if score else f"{panel} gave no scores."


def scored(member: str, label: str | None) -> str:
    return f"{member}: {label}." if label else f"{member}: no score."


def chose(group: str, names: list[str]) -> str:
    """ "Our panel chose Ruth first.", or that it has no first choice yet."""
    group = group[:1].upper() + group[1:]
    if not names:
        return f"{group} has no first choice yet."
    first = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{group} chose {first} first."


def counted(panel_parity: bool, group_parity: bool) -> str:
    """How each member's scores counted, by the job's rule (members, groups or panels)."""
    if panel_parity:
        return COUNTED_PANELS
    return COUNTED_GROUPS if group_parity else COUNTED


def offered(names: str) -> str:
    """The offer in one sentence."""
    return f"We offered the job to {names}."


def lived_word(panels: int, lived_panel: bool) -> str:
    """ "panel" when one of two or more panels is the lived-experience one, else "group"."""
    return "panel" if panels > 1 and lived_panel else "group"


def not_first(first: str, word: str = "group") -> str:
    return f"The first choice of the lived-experience {word} was {first}."


def not_their_first(name: str, word: str = "group") -> str:
    return f"{name} was not the first choice of the lived-experience {word}."


def plan(words: str) -> str:
    """The plan for a candidate, e.g. "The plan is: Offer the job."."""
    return f"The plan is: {words}."
