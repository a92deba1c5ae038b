"""The fixed sets of values that pure code shares with the database. Plain Python.

Each is a ``StrEnum``: a member equals its text (``QuestionStatus.AGREED == "agreed"``), so
code and templates that compare with, or assign, the plain words keep working. The models
store the text and refuse anything else with a ``CHECK`` constraint
(``panels.models.base.choice``). Sets that only the database code uses live next to their
model (``panels.models``).

Adding a member needs a migration that widens the constraint.
"""

from __future__ import annotations

from enum import StrEnum


class QuestionStatus(StrEnum):
    """Where a question is in the panel's agreement (``question.status``)."""

    DRAFT = "draft"  # still to agree
    AGREED = "agreed"  # everyone marked "keep"
    REMOVED = "removed"  # everyone marked "remove"


class QuestionKind(StrEnum):
    """What a panel scores (``question.kind``): a question asked, or an activity done
    together ("Make a cup of tea with Sam")."""

    QUESTION = "question"
    ACTIVITY = "activity"


class Mark(StrEnum):
    """One member's mark on a draft question (``question_mark.mark``)."""

    KEEP = "keep"
    CHANGE = "change"
    REMOVE = "remove"


class ScaleKey(StrEnum):
    """The scoring scales a person can pick (``user.scale``; ``panels.scoring.scales``)."""

    FACES3 = "faces3"
    POINTS3 = "points3"
    POINTS5 = "points5"
    YESNO = "yesno"
