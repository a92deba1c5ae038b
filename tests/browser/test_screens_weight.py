"""Issue 17: every panel-member and candidate screen transfers at most 30 KB on a first
load (all it fetches, as sent over the wire, headers too), and a second load fetches only
the page itself: the stylesheet, scripts and pictures come from the browser's cache."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SIZES, sign_in
from tests.browser.screens_helpers import make_job

MOST_BYTES = 30 * 1024
LIVE_DATA = ("Document", "Fetch", "XHR")


def _start(page, url: str):
    """Start loading url, watching what the browser asks for as the network sees it
    (DevTools) until the network goes quiet for that load (Chrome's own networkIdle);
    returns once the page's own response has come.

    Its wait may end well after that (the other screens loading beside it are waited for
    first): what the live screen's polling sends later is not part of its load.
    """
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Page.enable")
    cdp.send("Page.setLifecycleEventsEnabled", {"enabled": True})
    seen: dict[str, dict] = {}
    load: dict[str, str | bool | None] = {"loader": None, "idle": False}

    def sent(e) -> None:
        if load["idle"]:
            return
        if e.get("type") == "Document" and load["loader"] is None:
            load["loader"] = e["loaderId"]
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

    def quiet(e) -> None:
        if e["name"] == "networkIdle" and e["loaderId"] == load["loader"]:
            load["idle"] = True

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.requestServedFromCache", cached)
    cdp.on("Network.responseReceived", received)
    cdp.on("Network.loadingFinished", finished)
    cdp.on("Page.lifecycleEvent", quiet)
    page.goto(url, wait_until="commit")
    return page, cdp, seen


def _load_side_by_side(pages: list, urls: list[str]) -> list[list[dict]]:
    """What each page asked for while loading its url, all of them loading at once: each
    load is started, then each is waited for until its network is idle (the waits overlap,
    and the browser's events for every page are taken while any one is waited for)."""
    loading = [_start(page, url) for page, url in zip(pages, urls, strict=True)]
    found = []
    for page, cdp, seen in loading:
        page.wait_for_load_state("networkidle")
        cdp.detach()
        found.append(list(seen.values()))
    return found


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
    screens = _screens(ids)
    signed_in: dict[str, dict] = {}
    for _name, who, _url in screens:
        if who and who not in signed_in:
            context = browser.new_context(viewport=SIZES[size], base_url=base_url)
            sign_in(context.new_page(), who)
            signed_in[who] = context.storage_state()
            context.close()
    # For each screen a new browser with the person signed in and nothing cached yet; the
    # screens load side by side, first all of them, then all of them again.
    contexts = [
        browser.new_context(
            viewport=SIZES[size], base_url=base_url, storage_state=signed_in.get(who)
        )
        for _name, who, _url in screens
    ]
    try:
        pages = [context.new_page() for context in contexts]
        urls = [url for _name, _who, url in screens]
        firsts = _load_side_by_side(pages, urls)
        for (name, _who, _url), first in zip(screens, firsts, strict=True):
            weight = sum(r["bytes"] for r in first)
            assert weight <= MOST_BYTES, (
                name,
                size,
                weight,
                [(r["url"], r["bytes"]) for r in first],
            )
            assert all(r["url"].startswith((base_url, "data:")) for r in first), first
        agains = _load_side_by_side(pages, urls)
        for (name, _who, _url), again in zip(screens, agains, strict=True):
            # Files only: the live screen's own polling for news (JSON) is not a file.
            fetched = [r["url"] for r in again if not r["cache"] and r["type"] not in LIVE_DATA]
            assert not fetched, (name, size, fetched)
            documents = [r for r in again if r["type"] == "Document"]
            assert len(documents) == 1 and not documents[0]["cache"], (name, documents)
    finally:
        for context in contexts:
            context.close()
