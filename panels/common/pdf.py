"""The printout: the invitation page as a PDF, made by WeasyPrint with local files only."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

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


def build_pdf(
    html: str,
    pictures: Mapping[str, StoredObject] | None = None,
    stylesheet: str | Path = STYLESHEET,
) -> bytes:
    """Render the print page to PDF bytes. Raises PdfFailed in plain words.

    Pictures may come only from the symbol folder and `pictures` (stored files by key,
    addressed with `stored_picture_url`). `stylesheet` is a local CSS file (the
    invitation's print styles unless given).
    """
    try:
        from weasyprint import CSS, HTML

        fetcher = _local_fetcher(pictures)
        css = CSS(filename=str(stylesheet), url_fetcher=fetcher)
        page = HTML(string=html, base_url=None, url_fetcher=fetcher)
        return page.write_pdf(stylesheets=[css])
    except Exception as error:  # WeasyPrint can fail in many ways; never break the page.
        raise PdfFailed("We could not make the paper copy just now.") from error
