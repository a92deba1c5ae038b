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
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import current_app

from panels.lib import filestore, symbols
from panels.lib.filestore import StoredObject

STYLESHEET = Path(__file__).resolve().parent.parent.parent / "static" / "invitations" / "print.css"


class PdfFailed(Exception):
    """The PDF could not be made."""


def symbol_file_url(code: str) -> str:
    path = symbols.svg_path(code)
    return path.as_uri() if path else ""


PICTURE_SCHEME = "panels-file"


def stored_picture_url(key: str) -> str:
    """The address a print page uses for a stored file; `build_pdf` finds it in `pictures`."""
    return f"{PICTURE_SCHEME}:{key}" if filestore.is_key(key) else ""


def _local_fetcher(pictures: Mapping[str, StoredObject] | None = None):
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFetcher(URLFetcher):
        """Serves symbol SVG files and the stored pictures given; refuses everything else."""

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            allowed = symbols.svg_dir().resolve()
            if parts.scheme == "file":
                path = Path(unquote(parts.path)).resolve()
                if path.suffix == ".svg" and path.parent == allowed:
                    return super().fetch(url, headers)
            found = (pictures or {}).get(parts.path) if parts.scheme == PICTURE_SCHEME else None
            if found is not None and found.content_type in filestore.IMAGE_TYPES:
                return URLFetcherResponse(
                    url, body=found.data, headers={"Content-Type": found.content_type}
                )
            raise ValueError(f"Not a local picture: {url}")

    return LocalFetcher()


_FORMAT = "pdf-1"  # bump to make every cached PDF again
_FILE_URL = re.compile(r"""file://[^"'\s)]+""")


def cache_folder() -> Path:
    """Where this app keeps its PDFs: ``MEDIA_DIR/pdf``."""
    return Path(current_app.config["MEDIA_DIR"]) / "pdf"


def cache_key(
    html: str,
    stylesheet: str | Path = STYLESHEET,
    pictures: Mapping[str, StoredObject] | None = None,
) -> str:
    """sha256 of the page, its stylesheet, the bytes of every local file it shows and the
    stored pictures given."""
    digest = hashlib.sha256(_FORMAT.encode())
    for key, found in sorted((pictures or {}).items()):
        digest.update(f"{key}:{len(found.data)}:".encode())
        digest.update(found.data)
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
    pictures: Mapping[str, StoredObject] | None = None,
    stylesheet: str | Path = STYLESHEET,
    cache_dir: str | Path | None = None,
) -> bytes:
    """Render the print page to PDF bytes. Raises PdfFailed in plain words.

    Pictures may come only from the symbol folder and `pictures` (stored files by key,
    addressed with `stored_picture_url`). `stylesheet` is a local CSS file (the
    invitation's print styles unless given). With `cache_dir`, a PDF made before from the
    same page, stylesheet and pictures is read from there (see ``cache_key``); a new one is
    kept there.
    """
    if cache_dir is None:
        return _render(html, pictures, stylesheet)
    folder = Path(cache_dir)
    path = folder / f"{cache_key(html, stylesheet, pictures)}.pdf"
    if path.is_file():
        return path.read_bytes()
    data = _render(html, pictures, stylesheet)
    folder.mkdir(parents=True, exist_ok=True)
    part = folder / f".{path.stem}.{uuid.uuid4().hex}.part"
    part.write_bytes(data)
    os.replace(part, path)  # whole files only, even with two requests at once
    return data


def _render(
    html: str, pictures: Mapping[str, StoredObject] | None, stylesheet: str | Path
) -> bytes:
    try:
        from weasyprint import CSS, HTML

        fetcher = _local_fetcher(pictures)
        css = CSS(filename=str(stylesheet), url_fetcher=fetcher)
        page = HTML(string=html, base_url=None, url_fetcher=fetcher)
        return page.write_pdf(stylesheets=[css])
    except Exception as error:  # WeasyPrint can fail in many ways; never break the page.
        raise PdfFailed("We could not make the paper copy just now.") from error
