"""Two-step sign-in's rules, with no Flask and no database: codes from an authenticator
app (TOTP, RFC 6238: 6 digits, a new one every 30 seconds) and single-use recovery codes.

A code is taken once: the time step it belongs to is remembered, and a code of that step
or an earlier one is refused, so a code seen over someone's shoulder cannot be used again.
Recovery codes are stored only as hashes; using one removes it.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

import pyotp

STEP_SECONDS = 30
DIGITS = 6
DRIFT_STEPS = 1  # a phone's clock may be this many steps early or late
RECOVERY_COUNT = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: easy to type
RECOVERY_LENGTH = 10  # two groups of five: about 50 bits each
ISSUER = "Panels"


class Outcome(StrEnum):
    RIGHT = "right"
    WRONG = "wrong"
    REUSED = "reused"  # right, but that code (or a newer one) was used already
    NOT_A_CODE = "not a code"


@dataclass(frozen=True)
class Checked:
    outcome: Outcome
    step: int | None = None  # the time step of a right code


def new_secret() -> str:
    """A new random secret (32 base32 letters: 160 bits)."""
    return pyotp.random_base32(32)


def grouped(secret: str) -> str:
    """The secret in groups of four, for typing into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def setup_uri(secret: str, account: str, issuer: str = ISSUER) -> str:
    """What the QR code holds: an otpauth:// address the authenticator app reads."""
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=issuer)


def step_at(now: datetime) -> int:
    """The 30-second time step a moment is in (``now`` naive UTC or aware)."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return int(now.timestamp()) // STEP_SECONDS


def clean_code(text: str) -> str:
    """What the person typed, without spaces and dashes."""
    return "".join(c for c in (text or "") if c not in " -\t").lower()


def looks_like_app_code(text: str) -> bool:
    code = clean_code(text)
    return len(code) == DIGITS and code.isascii() and code.isdigit()


def code_for(secret: str, step: int) -> str:
    """The app's code for one time step (for tests and tools)."""
    return pyotp.TOTP(secret).at(step * STEP_SECONDS)


def check_app_code(secret: str, text: str, now: datetime, last_step: int | None) -> Checked:
    """Is this the app's code now (or one step either side), and not used before?"""
    if not looks_like_app_code(text):
        return Checked(Outcome.NOT_A_CODE)
    code = clean_code(text)
    totp = pyotp.TOTP(secret)
    current = step_at(now)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if secrets.compare_digest(totp.at(step * STEP_SECONDS), code):
            if last_step is not None and step <= last_step:
                return Checked(Outcome.REUSED, step)
            return Checked(Outcome.RIGHT, step)
    return Checked(Outcome.WRONG)


def new_recovery_codes(count: int = RECOVERY_COUNT) -> list[str]:
    """Fresh recovery codes, shown once, like "k7m2p-x9qrt"."""
    out = []
    for _ in range(count):
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
        out.append(f"{raw[:5]}-{raw[5:]}")
    return out


def looks_like_recovery_code(text: str) -> bool:
    code = clean_code(text)
    return len(code) == RECOVERY_LENGTH and all(c in RECOVERY_ALPHABET for c in code)


def recovery_hash(code: str) -> str:
    return hashlib.sha256(clean_code(code).encode("ascii", "replace")).hexdigest()


def join_hashes(codes: list[str]) -> str:
    """The stored form of a list of recovery codes: their hashes, space-separated."""
    return " ".join(recovery_hash(c) for c in codes)


def hashes_in(stored: str) -> list[str]:
    return [h for h in (stored or "").split() if h]


def use_recovery_code(stored: str, text: str) -> str | None:
    """What is stored once this code is used up, or None if it is not one of them
    (never was, or was used already)."""
    if not looks_like_recovery_code(text):
        return None
    wanted = recovery_hash(text)
    left = hashes_in(stored)
    found = [h for h in left if secrets.compare_digest(h, wanted)]
    if not found:
        return None
    return " ".join(h for h in left if h != found[0])
