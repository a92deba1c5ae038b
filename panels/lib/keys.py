"""Short readable keys for members and candidates (used in exports and imports)."""

from __future__ import annotations

import re
import unicodedata


def slug(text: str, fallback: str = "item") -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:30]
    return out or fallback


def unique_key(text: str, taken: set[str], fallback: str = "item") -> str:
    base = slug(text, fallback)
    key, n = base, 2
    while key in taken:
        key = f"{base}-{n}"
        n += 1
    return key
