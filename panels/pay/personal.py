"""What the pay area holds about a panel member: their claims, time, expenses and
receipts (``panels.common.personal``). Amounts stay when a person is deleted: the
organisation's accounts need them; what they wrote and their receipts go."""

from __future__ import annotations

from sqlalchemy import select

from panels.common.personal import Held, PersonalData, Removal, Scrub, in_their_places
from panels.db import db
from panels.lib import filestore
from panels.models import PayClaim, User


def _claims(user: User, organisation_id: int) -> list[PayClaim]:
    from panels.models import PanelMember

    query = select(PayClaim).join(PanelMember, PanelMember.id == PayClaim.member_id)
    return list(
        db.session.scalars(in_their_places(query, user, organisation_id).order_by(PayClaim.id))
    )


def export(user: User, organisation_id: int) -> Held:
    claims, files = [], {}
    for claim in _claims(user, organisation_id):
        expenses = []
        for expense in claim.expenses:
            if filestore.is_key(expense.receipt):
                files[f"receipt-{expense.id}"] = expense.receipt or ""
            expenses.append(
                {
                    "kind": expense.kind,
                    "day": expense.day,
                    "what": expense.description,
                    "pence": expense.amount_pence,
                    "receipt": f"receipt-{expense.id}" if expense.receipt else "",
                    "no_receipt_because": expense.no_receipt_reason,
                    "decision": expense.decision,
                    "decision_reason": expense.decision_reason,
                }
            )
        claims.append(
            {
                "job": claim.member.job.ref,
                "choice": claim.choice,
                "lower_pence": claim.lower_pence,
                "charity": claim.charity,
                "time_check": claim.time_check,
                "time_note": claim.time_note,
                "paid_on": claim.paid_on,
                "paid_pence": claim.paid_pence,
                "paid_how": claim.paid_how,
                "time": [
                    {
                        "kind": e.kind,
                        "day": e.day,
                        "from": e.start_time,
                        "to": e.end_time,
                        "what": e.what,
                    }
                    for e in claim.entries
                ],
                "expenses": expenses,
            }
        )
    return Held({"pay": claims}, files)


def erase(user: User, organisation_id: int, scrub: Scrub, _removal: Removal) -> None:
    for claim in _claims(user, organisation_id):
        claim.charity = ""
        claim.time_note = ""
        claim.paid_how = scrub.text(claim.paid_how)
        for entry in claim.entries:
            entry.what = scrub.text(entry.what)
        for expense in claim.expenses:
            expense.description = scrub.text(expense.description)
            expense.no_receipt_reason = scrub.text(expense.no_receipt_reason)
            expense.decision_reason = scrub.text(expense.decision_reason)
            expense.receipt = None  # the file goes with the key (storage.OWNERS)


PERSONAL = PersonalData(member_export=export, member_erase=erase)
