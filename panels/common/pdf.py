"""The printout: the invitation page as a PDF, made by WeasyPrint with local files only."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

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


def build_pdf(
    html: str, photo_dir: str | Path | None = None, stylesheet: str | Path = STYLESHEET
) -> bytes:
    """Render the print page to PDF bytes. Raises PdfFailed in plain words.

    Pictures may come only from the symbol folder and, if given, `photo_dir`.
    `stylesheet` is a local CSS file (the invitation's print styles unless given).
    """
    try:
        from weasyprint import CSS, HTML

        fetcher = _local_fetcher(Path(photo_dir) if photo_dir else None)
        css = CSS(filename=str(stylesheet), url_fetcher=fetcher)
        page = HTML(string=html, base_url=None, url_fetcher=fetcher)
        return page.write_pdf(stylesheets=[css])
    except Exception as error:  # WeasyPrint can fail in many ways; never break the page.
        raise PdfFailed("We could not make the paper copy just now.") from error
