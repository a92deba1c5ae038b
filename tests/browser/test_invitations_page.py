"""A candidate opens their invitation on a phone and tablets; the coordinator sends it."""

from __future__ import annotations

from sqlalchemy import select

from panels.db import db
from panels.invitations import queries, service
from panels.models import Candidate, Job
from tests.browser.conftest import sign_in


def _demo_link(live_app, key: str = "ruth") -> tuple[str, int]:
    with live_app.app_context():
        job = db.session.scalar(select(Job).where(Job.ref == "DEMO-SW-01"))
        candidate = db.session.scalar(
            select(Candidate).where(Candidate.job_id == job.id, Candidate.key == key)
        )
        invitation = service.invitation_for(candidate)
        db.session.commit()
        return f"/invite/{queries.token_for(live_app.config['SECRET_KEY'], invitation)}", job.id


def test_candidate_page_at_phone_and_tablet_sizes(live_app, new_page, check_a11y):
    link, _job_id = _demo_link(live_app)
    for size in ("phone", "tablet-landscape", "tablet-portrait"):
        page = new_page(size)
        page.goto(link)
        page.get_by_role("heading", level=1, name="Your interview invitation").wait_for()
        check_a11y(page, f"invitation {size}")
    page.set_viewport_size({"width": 320, "height": 640})
    check_a11y(page, "invitation at 320 px")
    assert page.get_by_text("Daniel Evans").count() == 0
    pictures = page.locator("img.invite-picture")
    assert pictures.count() >= 6
    assert all(
        page.evaluate(
            "(img) => img.complete && img.naturalWidth > 0", pictures.nth(i).element_handle()
        )
        for i in range(pictures.count())
    )


def test_candidate_asks_for_adjustments_with_csrf_on(live_app, new_page, check_a11y):
    link, _job_id = _demo_link(live_app, "mei")
    page = new_page("phone")
    page.goto(link)
    page.get_by_role("link", name="Tell us what would help you").click()
    page.get_by_role("button", name="Send").click()
    assert page.title().startswith("Error: ")
    check_a11y(page, "adjustments with errors")
    page.get_by_label("I would like a quiet room to wait in.").check()
    page.get_by_label("Something else that would help you").fill("A <b>bold</b> request")
    page.get_by_role("button", name="Send").click()
    page.get_by_text("We got your message.").wait_for()
    check_a11y(page, "adjustments sent")
    # What they asked for shows in the main things, with Change to open it again.
    main = page.locator("#block-main")
    assert main.get_by_text("I would like a quiet room to wait in.").is_visible()
    assert main.get_by_text("A <b>bold</b> request").is_visible()
    main.get_by_role("link", name="Change what would help you").click()
    assert page.get_by_label("I would like a quiet room to wait in.").is_checked()
    assert page.get_by_label("Something else").input_value() == "A <b>bold</b> request"


def test_page_works_without_javascript(live_app, browser, base_url):
    link, _job_id = _demo_link(live_app, "dan")
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    try:
        page = context.new_page()
        page.goto(link)
        page.get_by_role("link", name="Tell us what would help you").click()
        page.get_by_label("I would like more time.").check()
        page.get_by_role("button", name="Send").click()
        page.get_by_text("We got your message.").wait_for()
    finally:
        context.close()


HALF = 5590 // 2  # the demo invitation was 5,590 px tall on a phone (issue 17)
TWO_SCREENS = 2 * 667


def _fits_a_phone(page, what: str) -> None:
    """At most half its old height; when, where, who to contact and how to ask for changes
    (its button too) all within the first two screens."""
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= HALF, f"{what}: {height} px"
    facts = page.locator("#block-main .invite-fact")
    names = facts.locator("dt").all_inner_texts()
    assert [n.strip() for n in names] == [
        "When",
        "Where",
        "Who to contact",
        "Changes that help you",
    ]
    ask = page.locator("#block-main a.invite-ask")
    for box in [facts.nth(i).bounding_box() for i in range(4)] + [ask.bounding_box()]:
        assert box["y"] + box["height"] <= TWO_SCREENS, (what, box)


def test_demo_invitation_is_half_as_tall_on_a_phone(live_app, new_page, check_a11y):
    link, _job_id = _demo_link(live_app)
    page = new_page("phone")
    page.goto(link)
    _fits_a_phone(page, "the demo invitation")
    # One "Listen to all of this", one Listen per section, every section still there.
    assert page.get_by_role("heading", name="Listen to all of this").count() == 1
    sections = page.locator("main section.invite-block")
    assert page.locator(".button-listen").count() == sections.count()
    headings = page.locator("main section.invite-block h2").all_inner_texts()
    for heading in ("The main things", "Your interview", "Who you will meet", "What will happen"):
        assert heading in headings, headings
    # After asking for something, the summary still fits.
    page.get_by_role("link", name="Tell us what would help you").click()
    page.get_by_label("I would like the questions written down.").check()
    page.get_by_label("I would like to bring someone with me.").check()
    page.get_by_label("Something else").fill("Please can my support worker sit with me.")
    page.get_by_role("button", name="Send").click()
    page.get_by_text("We got your message.").wait_for()
    _fits_a_phone(page, "the demo invitation with a request")
    check_a11y(page, "the demo invitation with a request")


def test_coordinator_screens(live_app, new_page, check_a11y):
    _link, job_id = _demo_link(live_app)
    page = new_page("tablet-landscape")
    sign_in(page, "coordinator@example.org")
    page.goto(f"/jobs/{job_id}")
    page.get_by_role("link", name="Candidate invitations").click()
    page.get_by_role("heading", level=1, name="Candidate invitations").wait_for()
    check_a11y(page, "candidate invitations")
    assert "/invite/" in page.get_by_label("Link for Ruth Okafor").input_value()
    assert (
        "Dear Ruth Okafor," in page.get_by_label("Email text to copy for Ruth Okafor").input_value()
    )
    page.get_by_role("link", name="Write what happened for Ruth Okafor").click()
    page.get_by_label("What happened").fill("Your application was unsuccessful.")
    page.get_by_role("button", name="Save").click()
    assert page.title().startswith("Error: ")
    check_a11y(page, "outcome with findings")
    page.get_by_label("What happened").fill("You did not get the job this time.")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved. Ruth Okafor can see it").wait_for()
    page.get_by_role("button", name="Make a new link for Daniel Evans").click()
    page.get_by_text("Daniel Evans has a new link.").wait_for()
    check_a11y(page, "after new link")
