"""Bringing a tablet back online in a browser test."""

from __future__ import annotations

from playwright.sync_api import Error as PlaywrightError


def back_online(page) -> None:
    """Connect the tablet again and tell the page so. Chromium may say so first: the
    page then sends what it kept and moves on before our own "online" event, and the
    event has no page left to go to (which is what the test waits for anyway)."""
    page.context.set_offline(False)
    try:
        page.evaluate("window.dispatchEvent(new Event('online'))")
    except PlaywrightError as error:
        if "Execution context was destroyed" not in str(error):
            raise
