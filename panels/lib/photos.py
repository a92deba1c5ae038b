"""Checking and cleaning uploaded photos. Plain Python with Pillow: no Flask.

Used for question photos and for panel members' own photos. A photo must be a real
image (Pillow verifies it, then opens it again to decode it), at most ``MAX_BYTES``.
It is turned the right way up, made at most ``max_side`` pixels on its longest side
(``MAX_SIDE`` for question photos, ``FACE_SIDE`` for people), and saved again as JPEG
(or PNG if it has see-through parts) without EXIF, so no location or camera data is kept.
"""

from __future__ import annotations

import io
import re
import secrets
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
                image = ImageOps.exif_transpose(image)
                image.thumbnail((max_side, max_side))
                return _encode(image)
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


def save(data: bytes, folder: str | Path, max_side: int = MAX_SIDE) -> str:
    """Clean the photo and store it under a random name in `folder`; return the name."""
    cleaned, ext = clean(data, max_side)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_urlsafe(18)}.{ext}"
    (folder / name).write_bytes(cleaned)
    return name


def is_valid_name(name: str) -> bool:
    """True for names `save` makes (so a path can never leave the folder)."""
    return bool(NAME_RE.fullmatch(name or ""))


def path_for(folder: str | Path, name: str) -> Path | None:
    """The stored file for a name `save` made, or None if there is no such file."""
    if not is_valid_name(name):
        return None
    path = Path(folder) / name
    return path if path.is_file() else None


def delete(folder: str | Path, name: str) -> None:
    """Remove a stored photo; a name `save` did not make is ignored."""
    path = path_for(folder, name)
    if path is not None:
        path.unlink(missing_ok=True)


def folder_for(media_dir: str | Path) -> Path:
    """Where photos live under the media folder."""
    return Path(media_dir) / "photos"
