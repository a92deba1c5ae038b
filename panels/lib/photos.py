"""Checking and cleaning uploaded photos. Plain Python with Pillow: no Flask.

Used for question photos and for panel members' own photos. A photo must be a real
image (Pillow verifies it, then opens it again to decode it), at most ``MAX_BYTES``.
It is turned the right way up, made at most ``max_side`` pixels on its longest side
(``MAX_SIDE`` for question photos, ``FACE_SIDE`` for people), and saved again as JPEG
(or PNG if it has see-through parts) without EXIF, so no location or camera data is kept.
The cleaned bytes go into the file store (``panels.common.storage.put_photo``), not onto disk.
"""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 1200
FACE_SIDE = 600
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG", "PNG", "GIF", "WEBP", "BMP"}
NAME_RE = re.compile(r"[A-Za-z0-9_-]{16,40}\.(?:jpg|png)")


class PhotoError(ValueError):
    """The upload cannot be used; the message is in plain words."""


def clean(data: bytes, max_side: int = MAX_SIDE) -> tuple[bytes, str]:
    """Checked, resized, EXIF-free image bytes and their extension ("jpg" or "png")."""
    if not data:
        raise PhotoError("The file is empty. Choose a photo.")
    if len(data) > MAX_BYTES:
        raise PhotoError("The photo is too big. Choose one smaller than 5 MB.")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in FORMATS:
                    raise PhotoError("This is not a photo we can use. Use a JPEG or PNG file.")
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise PhotoError("The photo has too many pixels. Choose a smaller one.")
                image.load()
                upright = ImageOps.exif_transpose(image)
                upright.thumbnail((max_side, max_side))
                return _encode(upright)
        except PhotoError:
            raise
        except (
            UnidentifiedImageError,
            Image.DecompressionBombError,
            Image.DecompressionBombWarning,
            OSError,
            SyntaxError,
            ValueError,
        ):
            raise PhotoError("This file is not a photo. Choose a JPEG or PNG photo.") from None


def _encode(image: Image.Image) -> tuple[bytes, str]:
    out = io.BytesIO()
    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    if has_alpha:
        image.convert("RGBA").save(out, "PNG", optimize=True)
        return out.getvalue(), "png"
    image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue(), "jpg"


# --- photos kept on disk before the file store (``flask files import-local`` moves them) ---


def is_valid_name(name: str) -> bool:
    """True for the file names photos had on disk (so a path can never leave the folder)."""
    return bool(NAME_RE.fullmatch(name or ""))


def path_for(folder: str | Path, name: str) -> Path | None:
    """The old photo file with this name, or None if there is no such file."""
    if not is_valid_name(name):
        return None
    path = Path(folder) / name
    return path if path.is_file() else None


def folder_for(media_dir: str | Path) -> Path:
    """Where photos were kept under the media folder."""
    return Path(media_dir) / "photos"
