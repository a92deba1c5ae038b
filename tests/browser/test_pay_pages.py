"""A panel member, on a tablet, reads what they will be paid (and listens), chooses a lower
amount, confirms their time and claims a bus fare with a receipt photo; the coordinator
approves it and exports the claims for finance. Axe on every page at 3 sizes."""

from __future__ import annotations

import csv
import io
from datetime import date, time

from PIL import Image
from sqlalchemy import select

from panels.db import db
from panels.models import Expense, Job, PanelMember, PayClaim, User
from panels.pay import service
from tests.browser.conftest import sign_in

SIZES = ("tablet-portrait", "tablet-landscape", "phone")


def _setup(live_app) -> tuple[int, str]:
    """The demo job; Sam has the interview day in his time (as after the day)."""
    with live_app.app_context():
        job = db.session.scalar(select(Job).where(Job.ref == "DEMO-SW-01"))
        sam = db.session.scalar(select(User).where(User.email == "sam@example.org"))
        member = db.session.scalar(
            select(PanelMember).where(PanelMember.job_id == job.id, PanelMember.user_id == sam.id)
        )
        if not db.session.scalar(select(PayClaim).where(PayClaim.member_id == member.id)):
            service.add_time(
                member, "interview_day", date(2026, 12, 15), time(9, 30), time(14, 0), ""
            )
        return job.id, sam.name


def _receipt_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 80), (240, 240, 200)).save(out, "PNG")
    return out.getvalue()


def _each_size(page, check_a11y, label: str) -> None:
    from tests.browser.conftest import SIZES as VIEWPORTS

    for size in SIZES:
        page.set_viewport_size(VIEWPORTS[size])
        check_a11y(page, f"{label} at {size}")
    page.set_viewport_size(VIEWPORTS["tablet-portrait"])


def test_member_reads_chooses_confirms_and_claims_then_coordinator_pays(
    live_app, new_page, check_a11y
):
    job_id, sam_name = _setup(live_app)
    page = new_page("tablet-portrait")
    sign_in(page, "sam@example.org")
    page.goto(f"/jobs/{job_id}")
    page.get_by_role("link", name="Your pay").first.click()
    page.get_by_role("heading", level=1, name="Your pay for").wait_for()
    page.get_by_text("Pay can change your benefits.").wait_for()
    _each_size(page, check_a11y, "the offer")

    # Listen works: the first Listen button fetches its sound and shows it is playing.
    with page.expect_response(lambda r: "/listen/" in r.url) as heard:
        page.locator("#block-pay [data-listen]").click()
    assert heard.value.status in (200, 206)  # the browser may ask for part of it
    assert heard.value.headers["content-type"].startswith("audio/mpeg")
    whole = page.request.get(f"/jobs/{job_id}/my-pay/offer.mp3")
    assert whole.status == 200 and whole.headers["content-type"].startswith("audio/mpeg")

    # A lower amount: a wrong amount first, then a right one.
    page.get_by_label("Pay me a lower amount.").check()
    page.get_by_label("How much would you like? (pounds)").fill("-5")
    page.get_by_role("button", name="Save my choice").click()
    assert page.title().startswith("Error: ")
    check_a11y(page, "choice with an error")
    page.get_by_label("How much would you like? (pounds)").fill("20")
    page.get_by_role("button", name="Save my choice").click()
    page.get_by_text("You chose to be paid £20.00.").wait_for()
    button = page.get_by_role("button", name="Save my choice")
    assert button.bounding_box()["height"] >= 44  # a big tap target

    # Time, in easy-read; confirmed.
    page.get_by_role("link", name="Your time").click()
    page.get_by_text("you worked 4 hours and 30 minutes.").wait_for()
    _each_size(page, check_a11y, "your time")
    page.get_by_label("Yes, this is right.").check()
    page.get_by_role("button", name="Send").click()
    page.get_by_text("You said this is right. Thank you.").wait_for()

    # A bus fare with a photo of the ticket.
    page.get_by_role("link", name="Money you spent").click()
    _each_size(page, check_a11y, "money you spent")
    page.get_by_label("Bus or train fare").check()
    page.get_by_label("How much did it cost? (pounds)").fill("3.50")
    page.get_by_label("A photo of the receipt").set_input_files(
        {"name": "ticket.png", "mimeType": "image/png", "buffer": _receipt_png()}
    )
    page.get_by_role("button", name="Send").click()
    page.get_by_text("We are looking at this.").wait_for()
    page.get_by_role("link", name="Your claim").click()
    page.get_by_text("We will pay you £20.00.").wait_for()
    _each_size(page, check_a11y, "your claim")

    # The coordinator approves the fare and downloads the claims.
    coordinator = new_page("tablet-landscape")
    sign_in(coordinator, "coordinator@example.org")
    coordinator.goto(f"/jobs/{job_id}")
    coordinator.get_by_role("link", name="Pay for panel members").click()
    coordinator.get_by_role("heading", level=1, name="Pay for panel members").wait_for()
    _each_size(coordinator, check_a11y, "pay for panel members")
    coordinator.get_by_role("link", name=sam_name).click()
    coordinator.get_by_role("heading", level=1, name=sam_name).wait_for()
    _each_size(coordinator, check_a11y, "a member's pay")
    with live_app.app_context():
        expense_id = db.session.scalar(select(Expense.id).order_by(Expense.id.desc()))
    card = coordinator.locator(f"#expense-{expense_id}")
    card.get_by_label("Approve").check()
    card.get_by_role("button", name="Save the decision").click()
    coordinator.get_by_text("Approved: Bus or train fare.").wait_for()
    coordinator.get_by_role("link", name="Back to pay for").click()
    with coordinator.expect_download() as download:
        coordinator.get_by_role("link", name="Download the claims (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(open(download.value.path()).read())))
    sam = next(r for r in rows if r["member"] == sam_name)
    assert (sam["amount"], sam["choice"], sam["expenses"], sam["total"]) == (
        "20.00", "lower", "3.50", "23.50",
    )  # fmt: skip
