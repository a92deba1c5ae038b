"""Receipt photos: checked by Pillow, EXIF removed, kept in the file store.

Small on purpose: the only two things pay needs from the file store
(``panels.common.storage``). The key goes on ``Expense.receipt``; the file goes with
the row (``storage.OWNERS``).
"""

from __future__ import annotations

from panels.common import storage
from panels.lib import photos

PhotoError = photos.PhotoError


def keep(data: bytes) -> str:
    """Check and clean the photo (PhotoError in plain words), store it; its key."""
    return storage.put_photo(data, photos.MAX_SIDE)


def response(key: str):
    """The receipt photo (the caller has checked who may see it)."""
    return storage.file_response(key)
