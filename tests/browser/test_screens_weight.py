"""Issue 17: every panel-member and candidate screen transfers at most 30 KB on a first
load (all it fetches, as sent over the wire, headers too), and a second load fetches only
the page itself: the stylesheet, scripts and pictures come from the browser's cache."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SIZES, sign_in
from tests.browser.screens_helpers import make_job

MOST_BYTES = 30 * 1024
LIVE_DATA = ("Document", "Fetch", "XHR")


def _load(page, url: str) -> list[dict]:
    """What the browser asked for while loading url, as the network saw it (DevTools)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    seen: dict[str, dict] = {}

    def sent(e) -> None:
        seen.setdefault(
            e["requestId"], {"url": e["request"]["url"], "type": e.get("type"), "bytes": 0}
        )
        seen[e["requestId"]].setdefault("cache", False)

    def cached(e) -> None:
        if e["requestId"] in seen:
            seen[e["requestId"]]["cache"] = True

    def received(e) -> None:
        if e["requestId"] in seen and e["response"].get("fromDiskCache"):
            seen[e["requestId"]]["cache"] = True

    def finished(e) -> None:
        if e["requestId"] in seen:
            seen[e["requestId"]]["bytes"] = e["encodedDataLength"]

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.requestServedFromCache", cached)
    cdp.on("Network.responseReceived", received)
    cdp.on("Network.loadingFinished", finished)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    cdp.detach()
    return list(seen.values())


def _screens(ids: dict) -> list[tuple[str, str | None, str]]:
    j = ids["job"]
    return [
        ("question marking", "jo@example.org", f"/jobs/{j}/questions/{ids['q1']}"),
        ("practice", "jo@example.org", f"/jobs/{j}/practice"),
        ("scoring", "jo@example.org", f"/jobs/{j}/score/{ids['c1']}"),
        ("live", "jo@example.org", f"/jobs/{j}/live/{ids['c1']}"),
        ("job page", "jo@example.org", f"/jobs/{j}"),
        ("day plan", "jo@example.org", f"/jobs/{j}/plan"),
        ("my preferences", "jo@example.org", "/my-preferences"),
        ("invitation", None, ids["links"]["c1"]),
        ("what would help", None, ids["links"]["c1"] + "/help"),
    ]


@pytest.mark.parametrize("size", ["tablet-landscape", "phone"])
def test_screens_are_light_and_cached(live_app, browser, base_url, size) -> None:
    ids = make_job(live_app)
    signed_in: dict[str, dict] = {}
    for name, who, url in _screens(ids):
        if who and who not in signed_in:
            context = browser.new_context(viewport=SIZES[size], base_url=base_url)
            sign_in(context.new_page(), who)
            signed_in[who] = context.storage_state()
            context.close()
        # A new browser with the person signed in and nothing cached yet.
        context = browser.new_context(
            viewport=SIZES[size], base_url=base_url, storage_state=signed_in.get(who)
        )
        try:
            page = context.new_page()
            first = _load(page, url)
            weight = sum(r["bytes"] for r in first)
            assert weight <= MOST_BYTES, (
                name,
                size,
                weight,
                [(r["url"], r["bytes"]) for r in first],
            )
            assert all(r["url"].startswith((base_url, "data:")) for r in first), first
            again = _load(page, url)
            # Files only: the live screen's own polling for news (JSON) is not a file.
            fetched = [r["url"] for r in again if not r["cache"] and r["type"] not in LIVE_DATA]
            assert not fetched, (name, size, fetched)
            documents = [r for r in again if r["type"] == "Document"]
            assert len(documents) == 1 and not documents[0]["cache"], (name, documents)
        finally:
            context.close()
