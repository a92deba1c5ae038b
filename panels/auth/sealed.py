"""Secrets kept encrypted in the database with a key made from the app's secret key.

A copy of the database alone does not give anyone a coordinator's two-step secret.
Changing the app's secret key makes the stored secrets unreadable: each coordinator then
sets two-step sign-in up again (``Unreadable``).
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken


class Unreadable(Exception):
    """Sealed with another key, or damaged."""


def _fernet(app_key: str) -> Fernet:
    digest = hashlib.sha256(b"panels two-step secret\x00" + app_key.encode("utf-8")).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(app_key: str, text: str) -> str:
    return _fernet(app_key).encrypt(text.encode("utf-8")).decode("ascii")


def unseal(app_key: str, sealed: str) -> str:
    try:
        return _fernet(app_key).decrypt(sealed.encode("ascii")).decode("utf-8")
    except (InvalidToken, ValueError, UnicodeError) as problem:
        raise Unreadable() from problem
