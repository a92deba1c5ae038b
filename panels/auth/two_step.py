"""Two-step sign-in for coordinators: after the password or link, a code from an
authenticator app (or one of ten single-use recovery codes).

Every check of a code counts as a sign-in try (``throttle``, on the person's email and
the address), so codes cannot be guessed faster than passwords. A code is taken with one
conditional update (its time step must be newer than the last one used; a recovery code
must still be in the list as it was read), so the same code sent twice at once works
once. A wrong, reused or used-up code changes nothing but the try count and the audit
trail. The secret is sealed with the app's key (``sealed``) and never shown again after
set-up; the rules themselves are pure (``totp``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, cast

from flask import current_app, session
from sqlalchemy import CursorResult, or_, select, update

from panels.auth import sealed, throttle, totp
from panels.common.audit import record
from panels.db import db
from panels.models import OrganisationSettings, User
from panels.models.base import utcnow
from panels.models.orgs import COORDINATING, OrgMembership

PENDING_KEY = "_panels_two_step"

EMPTY = "Enter the code from your authenticator app"
WRONG = (
    "The code is not right. Type the 6 numbers your authenticator app shows now, "
    "or one of your recovery codes."
)
REUSED = (
    "This code has been used already. Wait for your app to show a new code, then type that one."
)
RECOVERY_NOT_RIGHT = (
    "This recovery code is not right, or it has been used already. Each recovery code works once."
)
SETUP_WRONG = (
    "The code is not right. Check that the app shows Panels, then type the 6 numbers it shows now."
)
START_AGAIN = "Set-up has not started, or it has ended. Start setting up again."
ALREADY_ON = "Two-step sign-in is already on."
UNREADABLE = (
    "Your two-step sign-in cannot be checked because the app's key has changed. "
    "Ask an admin of your organisation for a sign-in link, then set it up again."
)
REQUIRED = (
    "Your organisation asks every coordinator to use two-step sign-in, so it cannot be turned off."
)


class CodeProblem(Exception):
    """The code cannot be used; ``message`` says why in plain words."""

    def __init__(self, message: str, why: str = "wrong code"):
        super().__init__(message)
        self.message = message
        self.why = why


def _key() -> str:
    return str(current_app.config["SECRET_KEY"])


def _rows(result: Any) -> int:
    return cast(CursorResult[Any], result).rowcount


def required_for(user: User) -> bool:
    """Does an organisation the person coordinates for require two-step sign-in?"""
    if not user.is_coordinator:
        return False
    found = db.session.scalar(
        select(OrganisationSettings.organisation_id)
        .join(
            OrgMembership,
            OrgMembership.organisation_id == OrganisationSettings.organisation_id,
        )
        .where(
            OrgMembership.user_id == user.id,
            OrgMembership.role.in_(COORDINATING),
            OrganisationSettings.require_two_step.is_(True),
        )
        .limit(1)
    )
    return found is not None


# --- setting up ---------------------------------------------------------------------------


def start_setup(user: User) -> None:
    """A new secret, waiting for a code from the app before two-step sign-in is on."""
    if user.two_step_on:
        raise CodeProblem(ALREADY_ON, "already on")
    user.two_step_secret = sealed.seal(_key(), totp.new_secret())
    user.two_step_last_step = None
    record("two-step set-up started", on_behalf_of_id=user.id)
    db.session.commit()


def pending_secret(user: User) -> str | None:
    """The secret being set up (to show as a QR code and as text), if any."""
    if user.two_step_on or not user.two_step_secret:
        return None
    try:
        return sealed.unseal(_key(), user.two_step_secret)
    except sealed.Unreadable:
        return None


def confirm_setup(user: User, text: str, remote: str) -> list[str]:
    """Turn two-step sign-in on with a right code; returns the recovery codes (shown once).

    Raises CodeProblem or TooManyTries, changing nothing else.
    """
    reservation = throttle.reserve(user.email, remote)
    secret = pending_secret(user)
    if secret is None:
        raise CodeProblem(START_AGAIN, "not started")
    checked = totp.check_app_code(secret, text, utcnow(), None)
    if checked.outcome != totp.Outcome.RIGHT:
        record("two-step set-up failed", on_behalf_of_id=user.id)
        db.session.commit()
        raise CodeProblem(SETUP_WRONG if (text or "").strip() else EMPTY)
    codes = totp.new_recovery_codes()
    turned_on = db.session.execute(
        update(User)
        .where(
            User.id == user.id,
            User.two_step_on_at.is_(None),
            User.two_step_secret == user.two_step_secret,
        )
        .values(
            two_step_on_at=utcnow(),
            two_step_last_step=checked.step,
            two_step_recovery=totp.join_hashes(codes),
        )
    )
    if _rows(turned_on) != 1:  # set up again, or turned on, in another window meanwhile
        db.session.rollback()
        raise CodeProblem(START_AGAIN, "not started")
    throttle.succeeded(reservation)
    record("two-step sign-in turned on", on_behalf_of_id=user.id)
    db.session.commit()
    db.session.refresh(user)
    return codes


# --- using a code -------------------------------------------------------------------------


def check_code(user: User, text: str, remote: str, *, during: str = "sign-in") -> str:
    """Take a code: "app code" or "recovery code". Raises CodeProblem or TooManyTries.

    Commits: the try count, the used code, and the audit trail (a failure too).
    """
    reservation = throttle.reserve(user.email, remote)
    db.session.refresh(user)
    try:
        how = _take(user, text)
    except CodeProblem as problem:
        db.session.rollback()
        action = "sign-in failed" if during == "sign-in" else "two-step code refused"
        record(action, actor_id=user.id, step="code", why=problem.why, during=during)
        db.session.commit()
        raise
    throttle.succeeded(reservation)
    db.session.commit()
    db.session.refresh(user)
    return how


def _take(user: User, text: str) -> str:
    if not (text or "").strip():
        raise CodeProblem(EMPTY, "no code")
    if totp.looks_like_app_code(text):
        _take_app_code(user, text)
        return "app code"
    if totp.looks_like_recovery_code(text):
        _take_recovery_code(user, text)
        return "recovery code"
    raise CodeProblem(WRONG)


def _take_app_code(user: User, text: str) -> None:
    try:
        secret = sealed.unseal(_key(), user.two_step_secret)
    except sealed.Unreadable:
        raise CodeProblem(UNREADABLE, "secret unreadable") from None
    checked = totp.check_app_code(secret, text, utcnow(), user.two_step_last_step)
    if checked.outcome == totp.Outcome.REUSED:
        raise CodeProblem(REUSED, "code used before")
    if checked.outcome != totp.Outcome.RIGHT or checked.step is None:
        raise CodeProblem(WRONG)
    taken = db.session.execute(
        update(User)
        .where(
            User.id == user.id,
            or_(User.two_step_last_step.is_(None), User.two_step_last_step < checked.step),
        )
        .values(two_step_last_step=checked.step)
    )
    if _rows(taken) != 1:  # the same code, sent at the same moment from elsewhere
        raise CodeProblem(REUSED, "code used before")


def _take_recovery_code(user: User, text: str) -> None:
    stored = user.two_step_recovery
    left = totp.use_recovery_code(stored, text)
    if left is None:
        raise CodeProblem(RECOVERY_NOT_RIGHT, "recovery code not right or used")
    taken = db.session.execute(
        update(User)
        .where(User.id == user.id, User.two_step_recovery == stored)
        .values(two_step_recovery=left)
    )
    if _rows(taken) != 1:
        raise CodeProblem(RECOVERY_NOT_RIGHT, "recovery code not right or used")
    record("recovery code used", actor_id=user.id, codes_left=len(totp.hashes_in(left)))


def codes_left(user: User) -> int:
    return len(totp.hashes_in(user.two_step_recovery))


# --- turning off, new recovery codes ------------------------------------------------------


def turn_off(user: User, text: str, remote: str) -> None:
    """Turn two-step sign-in off, with a code; raises CodeProblem or TooManyTries."""
    if required_for(user):
        raise CodeProblem(REQUIRED, "required")
    check_code(user, text, remote, during="turning off")
    _clear(user)
    record("two-step sign-in turned off", on_behalf_of_id=user.id)
    db.session.commit()


def reset(user: User) -> None:
    """From the command line: off for someone who lost their phone and codes. Commits."""
    _clear(user)
    record("two-step sign-in turned off", on_behalf_of_id=user.id, by="command line")
    db.session.commit()


def _clear(user: User) -> None:
    user.two_step_secret = ""
    user.two_step_on_at = None
    user.two_step_last_step = None
    user.two_step_recovery = ""


def new_recovery_codes(user: User, text: str, remote: str) -> list[str]:
    """Ten new recovery codes in place of the old ones, with a code; shown once."""
    check_code(user, text, remote, during="new recovery codes")
    codes = totp.new_recovery_codes()
    user.two_step_recovery = totp.join_hashes(codes)
    record("recovery codes made again", on_behalf_of_id=user.id)
    db.session.commit()
    return codes


# --- between the password (or link) and the code ------------------------------------------


@dataclass(frozen=True)
class Pending:
    user: User
    method: str
    next: str | None


def wait_for_code(user: User, method: str, next_url: str | None) -> None:
    """The password or link was right: this browser may now give the code, for a while."""
    minutes = float(current_app.config["TWO_STEP_PENDING_MINUTES"])
    session[PENDING_KEY] = {
        "user": user.id,
        "method": method,
        "next": next_url,
        "until": time.time() + minutes * 60,
    }


def pending() -> Pending | None:
    """Who this browser is giving a code for, if their first step is still fresh."""
    found = session.get(PENDING_KEY)
    if not isinstance(found, dict):
        return None
    until, user_id = found.get("until"), found.get("user")
    if not isinstance(until, int | float) or until < time.time() or not isinstance(user_id, int):
        session.pop(PENDING_KEY, None)
        return None
    user = db.session.get(User, user_id)
    if user is None or not user.two_step_on:
        session.pop(PENDING_KEY, None)
        return None
    next_url = found.get("next")
    return Pending(
        user, str(found.get("method", "")), next_url if isinstance(next_url, str) else None
    )


def done_waiting() -> None:
    session.pop(PENDING_KEY, None)
