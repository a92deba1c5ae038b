"""Private invitation links: the candidate id and link version, signed with the app secret."""

from __future__ import annotations

from itsdangerous import BadSignature, URLSafeSerializer

SALT = "panels-invitation"


def make_token(secret: str, candidate_id: int, version: int) -> str:
    return URLSafeSerializer(secret, salt=SALT).dumps([candidate_id, version])


def read_token(secret: str, token: str) -> tuple[int, int] | None:
    """(candidate id, version), or None if the token is wrong or was changed."""
    if not isinstance(token, str) or len(token) > 200:
        return None
    try:
        data = URLSafeSerializer(secret, salt=SALT).loads(token)
    except BadSignature:
        return None
    if (
        not isinstance(data, list)
        or len(data) != 2
        or not all(isinstance(n, int) and not isinstance(n, bool) for n in data)
    ):
        return None
    return data[0], data[1]
