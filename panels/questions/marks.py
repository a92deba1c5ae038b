"""One member's mark on words the panel agrees by the equal rule: a draft question here,
a part of "what matters to us" in the shortlist area. The mark is saved (or changed),
then the status is worked out again from every mark, and both go in the audit trail.
The caller commits (``service.set_mark`` in each area, through ``commit_with_retry``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from panels.common.audit import record
from panels.db import db
from panels.lib.choices import Mark
from panels.models import PanelMember, Quality, QualityMark, Question, QuestionMark
from panels.questions.agreement import status_for

AgreedMark = TypeVar("AgreedMark", QuestionMark, QualityMark)


def put_mark(
    item: Question | Quality,
    noun: str,
    member: PanelMember,
    mark: str,
    suggestion: str,
    *,
    mark_class: type[AgreedMark],
    member_ids: Iterable[int],
) -> AgreedMark:
    """Save ``member``'s mark on ``item``, then apply the equal rule over ``member_ids``
    (who agrees it). Recorded as "<noun> marked", with the status before and after."""
    marks: list[AgreedMark] = item.marks  # type: ignore[assignment]
    mine = next((m for m in marks if m.member_id == member.id), None)
    if mine is None:
        mine = mark_class(member=member, mark=Mark(mark), suggestion=suggestion)
        marks.append(mine)
    else:
        mine.mark, mine.suggestion = Mark(mark), suggestion
    db.session.flush()
    before = item.status
    item.status = status_for({m.member_id: m.mark for m in marks}, member_ids)
    detail: dict[str, Any] = {noun: item.key}
    record(
        f"{noun} marked",
        job_id=item.job_id,
        **detail,
        member=member.key,
        mark=mark,
        status_before=before,
        status_after=item.status,
    )
    return mine
