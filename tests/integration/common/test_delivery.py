"""Compression and caching (issue 11): text responses compressed, static files versioned
and cached for a year, pages never cached."""

from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path

import brotli
from flask.testing import FlaskClient

from panels.auth.sessions import start_session

STATIC = Path(__file__).resolve().parents[3] / "static"


def _static_links(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html)


def test_static_links_carry_the_files_hash_and_are_cached_for_a_year(client):
    html = client.get("/sign-in").get_data(as_text=True)
    links = _static_links(html)
    assert any(re.search(r"css/panels\.[0-9a-f]{12}\.css$", link) for link in links)
    for link in links:
        stem, version, suffix = re.fullmatch(
            r"/static/([^?]+)\.([0-9a-f]{12})(\.[a-z0-9]+)", link
        ).groups()
        data = (STATIC / f"{stem}{suffix}").read_bytes()
        assert version == hashlib.sha256(data).hexdigest()[:12]
        plain = client.get(link)
        assert plain.status_code == 200 and plain.data == data
        assert "immutable" in plain.headers["Cache-Control"]
        assert "max-age=315360000" in plain.headers["Cache-Control"]
        assert plain.headers["X-Content-Type-Options"] == "nosniff"


def test_a_file_asked_for_by_its_plain_name_is_not_kept_for_long(client):
    plain = client.get("/static/css/panels.css")
    assert plain.status_code == 200
    assert plain.data == (STATIC / "css" / "panels.css").read_bytes()
    assert "immutable" not in plain.headers["Cache-Control"]
    assert "max-age=60" in plain.headers["Cache-Control"]


def test_a_changed_file_gets_a_new_name(tmp_path):
    from panels.common.delivery import file_versions, hashed_name

    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "a.css").write_text("p { color: red }")
    before = hashed_name("css/a.css", file_versions(tmp_path)["css/a.css"])
    (tmp_path / "css" / "a.css").write_text("p { color: blue }")
    after = hashed_name("css/a.css", file_versions(tmp_path)["css/a.css"])
    assert before != after
    assert re.fullmatch(r"css/a\.[0-9a-f]{12}\.css", before)
    assert hashed_name("LICENCE", "0123456789ab") == "LICENCE.0123456789ab"


def test_static_files_are_sent_compressed_when_asked(client):
    css = (STATIC / "css" / "panels.css").read_bytes()
    br = client.get("/static/css/panels.css", headers={"Accept-Encoding": "br, gzip"})
    assert br.headers["Content-Encoding"] == "br" and brotli.decompress(br.data) == css
    gz = client.get("/static/css/panels.css", headers={"Accept-Encoding": "gzip"})
    assert gz.headers["Content-Encoding"] == "gzip" and gzip.decompress(gz.data) == css
    assert len(gz.data) < len(css) / 2


def _plain_client(app, user_id: int | None = None) -> FlaskClient:
    """A test browser that does not read pages (they come compressed here)."""
    browser = FlaskClient(app, app.response_class, use_cookies=True)
    if user_id is not None:
        with browser.session_transaction() as session:
            session.update(start_session(user_id, app))
    return browser


def test_pages_are_compressed_and_never_cached(app, world):
    client = _plain_client(app)
    page = client.get("/sign-in", headers={"Accept-Encoding": "gzip"})
    assert page.status_code == 200 and page.headers["Content-Encoding"] == "gzip"
    assert "<h1" in gzip.decompress(page.data).decode()
    assert page.headers["Cache-Control"] == "no-store"
    plain = client.get("/sign-in")
    assert "Content-Encoding" not in plain.headers and b"<h1" in plain.data
    sam = _plain_client(app, world["sam"])
    jobs = sam.get("/", headers={"Accept-Encoding": "br"}, follow_redirects=True)
    assert jobs.status_code == 200 and jobs.headers["Cache-Control"] == "no-store"
    assert jobs.headers.get("Content-Encoding") in ("br", None)  # small pages go as they are
    if jobs.headers.get("Content-Encoding") == "br":
        assert b"<h1" in brotli.decompress(jobs.data)
