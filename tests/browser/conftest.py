"""Real-browser tests: the app served on loopback, Debian's Chromium driven by Playwright.

A missing browser is a failure, never a skip.
"""

from __future__ import annotations

import os
import threading
import weakref
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask_migrate import upgrade
from playwright.sync_api import Error as PlaywrightError
from werkzeug.serving import make_server

from panels import create_app
from panels.config import TestConfig

CHROMIUM = os.environ.get("PANELS_CHROMIUM", "/usr/bin/chromium")
SIZES = {
    "tablet-landscape": {"width": 1024, "height": 768},
    "tablet-portrait": {"width": 768, "height": 1024},
    "phone": {"width": 375, "height": 667},
}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    """The app with CSRF on, on its own SQLite file, loaded with the demo job."""
    folder = tmp_path_factory.mktemp("live")
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/live.sqlite3",
            "SECRET_KEY": "live-test-secret",
            "MEDIA_DIR": str(folder / "media"),
            "WTF_CSRF_ENABLED": True,
            "PASSWORD_HASH_METHOD": TestConfig.PASSWORD_HASH_METHOD,
        }
    )
    with app.app_context():
        upgrade()
        from panels import demo

        demo.load_demo()
    return app


@pytest.fixture(scope="session")
def base_url(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"Chromium is missing at {CHROMIUM}: run make test"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, base_url, axe):
    """Make pages at a named size; every request must stay on our own server."""
    contexts = []
    outside: list[str] = []

    def make(size: str = "tablet-landscape"):
        context = browser.new_context(viewport=SIZES[size], base_url=base_url)
        contexts.append(context)
        hold_axe(context, axe)
        page = context.new_page()
        page.on(
            "request",
            lambda request: (
                None
                if request.url.startswith((base_url, "data:", "blob:"))
                else outside.append(request.url)
            ),
        )
        return page

    yield make
    for context in contexts:
        context.close()
    assert not outside, f"third-party requests: {outside}"


@dataclass(frozen=True)
class AxeSource:
    """axe-core's script (axe-playwright-python's copy), and an init script that holds it."""

    script: str
    loader: str


@pytest.fixture(scope="session")
def axe() -> AxeSource:
    from axe_playwright_python.base import AXE_SCRIPT

    return AxeSource(AXE_SCRIPT, f"window.{_AXE_LOADER} = function () {{\n{AXE_SCRIPT}\n}};")


# Only the violations come back whole: axe's passes and the rest would be one node each
# (resultTypes), and only the violations are sent back from the page.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}

# axe's source (over 500 KB) is held by each browser context as an init script that only
# defines a function: every new document gets it without it being sent again, and axe
# itself is set up only in a document that is checked, when the check calls the function.
_AXE_LOADER = "__panelsLoadAxe"
_HOLDING_AXE: weakref.WeakSet = weakref.WeakSet()

# One trip to the page: axe set up if this document has not got it yet, then run. Null
# when the document has neither axe nor the function (a context that does not hold axe,
# or a document loaded before its context was given it).
_RUN_AXE = f"""options => {{
    if (typeof window.axe !== "object") {{
        if (typeof window.{_AXE_LOADER} !== "function") return null;
        window.{_AXE_LOADER}();
    }}
    return window.axe.run(document, options).then(results => results.violations);
}}"""


def hold_axe(context, axe: AxeSource) -> None:
    """Give every later document in this browser context axe's source, as a function."""
    if context not in _HOLDING_AXE:
        context.add_init_script(script=axe.loader)
        _HOLDING_AXE.add(context)


def _axe_violations(axe: AxeSource, page) -> list[dict]:
    """axe's findings on the page as it stands once its load has finished.

    A click that navigates returns before the new document exists; axe run on the old one
    as it is torn down fails with a null ``document``. So wait for the load, and if the page
    still moved underneath (a redirect after the load), run once more on the new document.
    """
    for attempt in (1, 2):
        page.wait_for_load_state("load")
        try:
            found = page.evaluate(_RUN_AXE, AXE_OPTIONS)
            if found is None:
                # A context made without new_page: axe given to this document the old way,
                # and to its context for the documents after it.
                hold_axe(page.context, axe)
                page.evaluate(axe.script)
                found = page.evaluate(_RUN_AXE, AXE_OPTIONS)
            return found
        except PlaywrightError as error:
            moved = "documentElement" in str(error) or "context was destroyed" in str(error)
            if attempt == 2 or not moved:
                raise
    raise AssertionError("unreachable")


@pytest.fixture
def check_a11y(axe):
    """Run axe on the page; fail on any violation, naming each one."""

    def run(page, label: str = "") -> None:
        violations = _axe_violations(axe, page)
        detail = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} -> "
            + "; ".join(
                n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                for n in v["nodes"][:5]
            )
            for v in violations
        )
        assert not violations, f"axe violations on {label or page.url}:\n{detail}"
        no_scroll = page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1"
        )
        assert no_scroll, f"horizontal scrolling on {label or page.url}"

    return run


# The cookies the sign-in form gave each person on this worker's server: a later test's
# new browser context starts with them instead of filling the form in again.
_SIGNED_IN: dict[tuple[str, str], list] = {}


def sign_in(page, email: str, password: str = "panels-demo") -> None:
    """Signed in as ``email``, on the jobs page, in this page's own browser context.

    The first time through the sign-in form; after that with the session cookie that form
    gave, while the server still takes it (a test that signed that session out, or turned
    on two-step sign-in, makes the next one use the form again).
    """
    key = (email, password)
    cookies = _SIGNED_IN.get(key)
    if cookies:
        page.context.add_cookies(cookies)
        page.goto("/jobs")
        if urlsplit(page.url).path == "/jobs":
            return
        page.context.clear_cookies()
    sign_in_with_the_form(page, email, password)
    _SIGNED_IN[key] = page.context.cookies()


def sign_in_with_the_form(page, email: str, password: str = "panels-demo") -> None:
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/jobs")
