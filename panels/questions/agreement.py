"""The equal rule for agreeing a question. Plain Python: no Flask, no database.

A draft question becomes **agreed** when every panel member has marked it and every
mark is "keep". It becomes **removed** when every panel member has marked it "remove".
Otherwise it stays a **draft**, so the panel talks about it. Every member's mark counts
the same; nobody (coordinator included) can agree or remove a question alone. The panel
can also record a decision taken together at a meeting (see ``MEETING_DECISIONS``).
When the words change, the old marks were about other words, so they are cleared.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from panels.lib.choices import QuestionStatus

MARK_WORDS = {"keep": "Keep it", "change": "Change it", "remove": "Take it out"}
MEETING_DECISIONS = ("agreed", "removed", "draft")
RULE_TEXT = (
    "A question is agreed when everyone on the panel has marked it 'keep'. "
    "It is taken out when everyone has marked it 'remove'. "
    "Everyone's mark counts the same. "
    "If the words change, everyone marks it again."
)


def status_for(marks: Mapping[int, str], member_ids: Iterable[int]) -> QuestionStatus:
    """Status from marks (member id -> mark) and the ids of everyone on the panel."""
    members = set(member_ids)
    if not members:
        return QuestionStatus.DRAFT
    given = {member: mark for member, mark in marks.items() if member in members}
    if set(given) != members:
        return QuestionStatus.DRAFT
    values = set(given.values())
    if values == {"keep"}:
        return QuestionStatus.AGREED
    if values == {"remove"}:
        return QuestionStatus.REMOVED
    return QuestionStatus.DRAFT


def tally(marks: Mapping[int, str], member_ids: Iterable[int]) -> dict[str, int]:
    """Counts of keep, change, remove and not yet marked."""
    members = set(member_ids)
    counts = Counter(mark for member, mark in marks.items() if member in members)
    return {
        "keep": counts["keep"],
        "change": counts["change"],
        "remove": counts["remove"],
        "waiting": len(members) - sum(counts.values()),
    }
