"""Measure the panel-member and candidate screens in Chromium at the three test sizes.

For each screen and size: the y (top and bottom) of its main action, the page height, the
number of Listen buttons, and the first load's weight over the wire and request count.
Prints a table; asserts nothing. Used for issue 17's before/after figures:

PYTHONPATH=. .venv/bin/python scripts/measure_screens.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = os.environ.get("PANELS_CHROMIUM", "/usr/bin/chromium")
SIZES = {"1024x768": (1024, 768), "768x1024": (768, 1024), "375x667": (375, 667)}
ONLY = set(sys.argv[1:])  # screen names to measure (all if none given)


def _app(folder: str):
    from flask_migrate import upgrade

    from panels import create_app
    from panels.config import TestConfig

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/m.sqlite3",
            "SECRET_KEY": "measure-secret",
            "MEDIA_DIR": f"{folder}/media",
            "WTF_CSRF_ENABLED": True,
            "PASSWORD_HASH_METHOD": TestConfig.PASSWORD_HASH_METHOD,
        }
    )
    with app.app_context():
        upgrade()
        from panels import demo

        demo.load_demo()
    return app


def _ids(app) -> dict[str, object]:
    from sqlalchemy import select

    from panels.db import db
    from panels.invitations import queries, service
    from panels.models import Candidate, Job, Question

    with app.app_context():
        job = db.session.scalar(select(Job).where(Job.ref == "DEMO-SW-01"))
        cands = {
            c.key: c
            for c in db.session.scalars(select(Candidate).where(Candidate.job_id == job.id))
        }
        question = db.session.scalars(
            select(Question).where(Question.job_id == job.id).order_by(Question.position)
        ).first()
        invitation = service.invitation_for(cands["ruth"])
        token = queries.token_for(app.config["SECRET_KEY"], invitation)
        db.session.commit()
        return {
            "job": job.id,
            "ruth": cands["ruth"].id,
            "dan": cands["dan"].id,
            "mei": cands["mei"].id,
            "question": question.id,
            "invite": f"/invite/{token}",
        }


def _sign_in(page, email: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill("panels-demo")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/jobs")


def _weight(browser, context, url: str) -> tuple[float, int]:
    """KB over the wire and requests for a first load of url: same cookies, empty cache."""
    fresh = browser.new_context(
        storage_state=context.storage_state(), base_url=context_base(context)
    )
    page = fresh.new_page()
    sizes: list[int] = []

    def done(r) -> None:
        n = r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"]
        sizes.append(n)
        if os.environ.get("PANELS_MEASURE_URLS"):
            print(f"   {n:7} {r.url}")

    page.on("requestfinished", done)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    fresh.close()
    return sum(sizes) / 1024, len(sizes)


_BASE: dict[int, str] = {}


def context_base(context) -> str:
    return _BASE[id(context)]


def _box(page, locator: str):
    element = page.locator(locator).first
    if not element.count():
        return None
    box = element.bounding_box()
    if box is None:
        return None
    return round(box["y"]), round(box["y"] + box["height"])


def measure(base_url: str, ids: dict[str, object], sizes: dict | None = None) -> list[tuple]:
    from playwright.sync_api import sync_playwright

    j = ids["job"]
    screens = [
        # name, who, url, main-action selector, before (callable or None)
        (
            "marking",
            "jo@example.org",
            f"/jobs/{j}/questions/{ids['question']}",
            "text=Keep it",
            None,
        ),
        (
            "marking save",
            "jo@example.org",
            f"/jobs/{j}/questions/{ids['question']}",
            "role=button[name='Save my mark']",
            None,
        ),
        (
            "practice",
            "sam@example.org",
            f"/jobs/{j}/practice",
            "role=link[name='Next question']",
            None,
        ),
        (
            "scoring q1",
            "jo@example.org",
            f"/jobs/{j}/score/{ids['mei']}",
            "role=button[name='Next question']",
            None,
        ),
        (
            "scoring note",
            "jo@example.org",
            f"/jobs/{j}/score/{ids['mei']}",
            "role=button[name='Send my scores']",
            "note",
        ),
        ("sent", "jo@example.org", f"/jobs/{j}/score/{ids['dan']}", "main .button", None),
        (
            "panel said",
            "jo@example.org",
            f"/jobs/{j}/score/{ids['dan']}/panel",
            "main .button",
            None,
        ),
        (
            "live",
            "coordinator@example.org",
            f"/jobs/{j}/live/{ids['ruth']}",
            "role=button[name='Next']",
            "live",
        ),
        (
            "invitation",
            None,
            ids["invite"],
            "role=link[name='Tell us what would help you']",
            None,
        ),
        ("invite help", None, f"{ids['invite']}/help", "role=button[name='Send']", None),
        ("job page", "coordinator@example.org", f"/jobs/{j}", "main h1", None),
        (
            "day plan",
            "coordinator@example.org",
            f"/jobs/{j}/plan",
            "role=link[name='Start the interview (live screen)']",
            None,
        ),
        ("my preferences", "jo@example.org", "/my-preferences", "main h1", None),
    ]
    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        for size, (w, h) in (sizes or SIZES).items():
            for name, who, url, action, before in screens:
                if ONLY and name not in ONLY:
                    continue
                context = browser.new_context(viewport={"width": w, "height": h}, base_url=base_url)
                _BASE[id(context)] = base_url
                page = context.new_page()
                if who:
                    _sign_in(page, who)
                kb, requests = _weight(browser, context, url)
                page.goto(url)
                if before == "note":
                    for _ in range(20):
                        face = page.locator("fieldset.score-question:visible .tile-input").first
                        if not face.count():
                            break
                        face.check()
                        step = "fieldset.score-question:visible button"
                        nxt = page.locator(f"{step}[value='next'], {step}[value='finish']")
                        nxt.first.click()
                    page.evaluate("window.scrollTo(0, 0)")
                if before == "live":
                    start = page.get_by_role("button", name="Start the interview")
                    if start.is_visible():
                        start.click()
                        page.get_by_role("button", name="Next").wait_for()
                    page.evaluate("window.scrollTo(0, 0)")
                height = page.evaluate("document.documentElement.scrollHeight")
                listens = page.locator(".button-listen:visible").count()
                rows.append((size, name, _box(page, action), height, listens, kb, requests))
                context.close()
        browser.close()
    return rows


def measure_demo(sizes: dict | None = None) -> list[tuple]:
    """Every screen of a fresh demo, served on loopback (also used by make benchmark)."""
    import logging

    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    logging.getLogger("panels.access").setLevel(logging.WARNING)

    with tempfile.TemporaryDirectory() as folder:
        app = _app(folder)
        ids = _ids(app)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            return measure(f"http://127.0.0.1:{server.server_port}", ids, sizes)
        finally:
            server.shutdown()


def main() -> None:
    rows = measure_demo()
    head = ("size", "screen", "action y (top-bottom)", "height", "listen", "KB", "req")
    print("{:9} {:15} {:22} {:>7} {:>6} {:>6} {:>4}".format(*head))
    for size, name, box, height, listens, kb, requests in rows:
        where = f"{box[0]}-{box[1]}" if box else "not found"
        print(f"{size:9} {name:15} {where:22} {height:7} {listens:6} {kb:6.1f} {requests:4}")


if __name__ == "__main__":
    main()
