"""The printout: the invitation page as a PDF, made by WeasyPrint with local files only.

PDFs are cached by a hash of everything they are made from (the page, its stylesheet and
the bytes of every local picture it shows), like audio: the same page again is read from
the cache, and any change to it makes a new file. The cache can always be deleted.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import current_app

from panels.lib import symbols

STYLESHEET = Path(__file__).resolve().parent.parent.parent / "static" / "invitations" / "print.css"


class PdfFailed(Exception):
    """The PDF could not be made."""


def symbol_file_url(code: str) -> str:
    path = symbols.svg_path(code)
    return path.as_uri() if path else ""


PHOTO_SUFFIXES = (".jpg", ".png")


def _local_fetcher(photo_dir: Path | None = None):
    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):
        """Serves symbol SVG files and people's photos; refuses everything else."""

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            allowed = symbols.svg_dir().resolve()
            photos = photo_dir.resolve() if photo_dir else None
            if parts.scheme == "file":
                path = Path(unquote(parts.path)).resolve()
                if path.suffix == ".svg" and path.parent == allowed:
                    return super().fetch(url, headers)
                if photos and path.suffix in PHOTO_SUFFIXES and path.parent == photos:
                    return super().fetch(url, headers)
            raise ValueError(f"Not a local picture: {url}")

    return LocalFetcher()


_FORMAT = "pdf-1"  # bump to make every cached PDF again
_FILE_URL = re.compile(r"""file://[^"'\s)]+""")


def cache_folder() -> Path:
    """Where this app keeps its PDFs: ``MEDIA_DIR/pdf``."""
    return Path(current_app.config["MEDIA_DIR"]) / "pdf"


def cache_key(html: str, stylesheet: str | Path = STYLESHEET) -> str:
    """sha256 of the page, its stylesheet and the bytes of every local file it shows."""
    digest = hashlib.sha256(_FORMAT.encode())
    for part in (html.encode("utf-8"), Path(stylesheet).read_bytes()):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    for url in sorted(set(_FILE_URL.findall(html))):
        path = Path(unquote(urlsplit(url).path))
        digest.update(url.encode("utf-8"))
        digest.update(path.read_bytes() if path.is_file() else b"(missing)")
    return digest.hexdigest()


def build_pdf(
    html: str,
    photo_dir: str | Path | None = None,
    stylesheet: str | Path = STYLESHEET,
    cache_dir: str | Path | None = None,
) -> bytes:
    """Render the print page to PDF bytes. Raises PdfFailed in plain words.

    Pictures may come only from the symbol folder and, if given, `photo_dir`.
    `stylesheet` is a local CSS file (the invitation's print styles unless given).
    With `cache_dir`, a PDF made before from the same page, stylesheet and pictures is
    read from there (see ``cache_key``); a new one is kept there.
    """
    if cache_dir is None:
        return _render(html, photo_dir, stylesheet)
    folder = Path(cache_dir)
    path = folder / f"{cache_key(html, stylesheet)}.pdf"
    if path.is_file():
        return path.read_bytes()
    data = _render(html, photo_dir, stylesheet)
    folder.mkdir(parents=True, exist_ok=True)
    part = folder / f".{path.stem}.{uuid.uuid4().hex}.part"
    part.write_bytes(data)
    os.replace(part, path)  # whole files only, even with two requests at once
    return data


def _render(html: str, photo_dir: str | Path | None, stylesheet: str | Path) -> bytes:
    try:
        from weasyprint import CSS, HTML

        fetcher = _local_fetcher(Path(photo_dir) if photo_dir else None)
        css = CSS(filename=str(stylesheet), url_fetcher=fetcher)
        page = HTML(string=html, base_url=None, url_fetcher=fetcher)
        return page.write_pdf(stylesheets=[css])
    except Exception as error:  # WeasyPrint can fail in many ways; never break the page.
        raise PdfFailed("We could not make the paper copy just now.") from error
