"""Keeping candidates' information private: the agreement and who may see candidates.
Plain Python: no Flask, no database.

A panel member sees nothing about candidates (names, candidate pages, score sheets, the
live screen, results) until they have read or listened to the agreement and said "I
agree". A coordinator of the job's organisation has agreed to this in their job already,
so the rule is about panel members who do not manage the job.
"""

from __future__ import annotations

from dataclasses import dataclass

WORDS_VERSION = "1"

# The pages that show something about candidates to panel members. A new page that
# shows candidates to panel members goes here (its endpoint name). Not here: a tablet's
# score save (``scoring.send``): its answer says nothing about the candidate, it needs
# the sheet (a page here) to be filled in, and it must stay within the statements a
# save may send (issue 11). Nor the live screen's poll (``live.state``): it holds the
# question being asked, never the candidate, and a 304 must cost two statements.
CANDIDATE_PAGES = frozenset(
    {
        "live.choose",
        "live.screen",
        "plan.show",
        "plan.csv",
        "scoring.index",
        "scoring.set_view",
        "scoring.sheet",
        "scoring.amend",
        "scoring.panel_scores",
        # the decision meeting and what happened (panels/decision)
        "decision.meeting",
        "decision.candidate",
        "decision.answer",
        "decision.happened",
        # reading and scoring applications, without names (panels/shortlist)
        "shortlist.reviews",
        "shortlist.review_application",
    }
)


@dataclass(frozen=True)
class Point:
    """One point of the agreement: a picture (OpenMoji code) and short sentences."""

    symbol: str
    lines: tuple[str, ...]


AGREEMENT: tuple[Point, ...] = (
    Point(
        "1F512",
        (
            "You will learn about the people who want the job.",
            "We call them candidates.",
            "What you learn about them is private.",
        ),
    ),
    Point(
        "1F910",
        (
            "Do not tell other people their names.",
            "Do not tell other people what they said.",
        ),
    ),
    Point(
        "1F4F5",
        (
            "Do not take photos of the screens or the papers.",
            "Leave the papers in the room.",
        ),
    ),
    Point(
        "1F5E3",
        (
            "You can talk about the candidates with the panel.",
            "You can talk about them with the coordinator.",
        ),
    ),
    Point(
        "2753",
        (
            "Not sure what you can say?",
            "Ask the coordinator.",
        ),
    ),
)


def agreement_text() -> str:
    """The whole agreement as one text, for Listen."""
    return " ".join(line for point in AGREEMENT for line in point.lines)


def may_see_candidates(*, manages: bool, on_panel: bool, agreed: bool) -> bool:
    """Coordinators of the job see its candidates; a panel member once they agreed."""
    return manages or (on_panel and agreed)


def must_agree_first(endpoint: str | None, *, manages: bool, on_panel: bool, agreed: bool) -> bool:
    """This request is a panel member, who has not agreed yet, opening a candidate page."""
    if endpoint not in CANDIDATE_PAGES or manages or not on_panel:
        return False
    return not agreed
