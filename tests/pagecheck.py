"""Checks every page a person sees should pass (after alphagov/notifications-admin)."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

from flask.testing import FlaskClient


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.h1: list[str] = []
        self.title = ""
        self._in: list[str] = []
        self.described: list[str] = []
        self.error_links: list[str] = []
        self._in_summary = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if attrs.get("aria-describedby"):
            self.described.extend(attrs["aria-describedby"].split())
        if "error-summary" in (attrs.get("class") or ""):
            self._in_summary += 1
        if tag == "a" and self._in_summary and attrs.get("href", "").startswith("#"):
            self.error_links.append(attrs["href"][1:])
        if tag in ("h1", "title"):
            self._in.append(tag)
            if tag == "h1":
                self.h1.append("")

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        if "h1" in self._in:
            self.h1[-1] += data
        elif "title" in self._in:
            self.title += data


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def _norm(text: str) -> str:
    return " ".join(text.split())


def check_page(html: str) -> _Page:
    """Assert the common rules; return the parsed page for more checks."""
    page = parse(html)
    assert len(page.h1) == 1, f"expected one h1, found {len(page.h1)}"
    title = _norm(page.title)
    heading = _norm(page.h1[0])
    if title.startswith("Error: "):
        title = title[len("Error: ") :]
    assert title.startswith(heading), f"title {title!r} should start with h1 {heading!r}"
    dupes = [i for i, n in Counter(page.ids).items() if n > 1]
    assert not dupes, f"duplicate ids: {dupes}"
    missing = [i for i in page.described if i not in page.ids]
    assert not missing, f"aria-describedby points at missing ids: {missing}"
    broken = [i for i in page.error_links if i not in page.ids]
    assert not broken, f"error summary links to missing ids: {broken}"
    return page


def check_error_page(html: str, field_id: str, message: str) -> None:
    """A form re-shown with an error, the GOV.UK way."""
    page = check_page(html)
    assert _norm(page.title).startswith("Error: "), "title should start with 'Error: '"
    assert field_id in page.error_links, f"error summary should link to #{field_id}"
    assert f"{field_id}-error" in page.described, "field should be described by its error"
    assert message in html


class PageCheckingClient(FlaskClient):
    """The Flask test client, checking every HTML page it gets with check_page."""

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        request = response.request
        if response.mimetype == "text/html" and request.method != "HEAD":
            try:
                check_page(response.get_data(as_text=True))
            except AssertionError as error:
                raise AssertionError(
                    f"{request.method} {request.full_path.rstrip('?')} "
                    f"({response.status_code}): the page fails the page check: {error}"
                ) from None
        return response
