"""A panel member adds their photo in My preferences; a candidate sees it after consent."""

from __future__ import annotations

import io

from PIL import Image
from sqlalchemy import select

from panels.db import db
from panels.invitations import queries, service
from panels.models import Candidate, Job, User
from tests.browser.conftest import sign_in


def _photo_file(folder) -> str:
    path = folder / "me.jpg"
    out = io.BytesIO()
    Image.new("RGB", (900, 1200), (40, 110, 170)).save(out, "JPEG")
    path.write_bytes(out.getvalue())
    return str(path)


def _loaded(page, selector: str) -> bool:
    image = page.locator(selector).first
    return page.evaluate("(img) => img.complete && img.naturalWidth > 0", image.element_handle())


def test_member_adds_photo_and_consent_at_tablet_and_phone(
    live_app, new_page, check_a11y, tmp_path
):
    page = new_page("tablet-landscape")
    sign_in(page, "priya@example.org")
    page.goto("/my-preferences")
    text_file = tmp_path / "notes.txt"
    text_file.write_text("Not a photo.")
    page.get_by_label("Choose a photo").set_input_files(str(text_file))
    page.get_by_role("button", name="Save my preferences").click()
    assert page.title().startswith("Error: ")
    assert page.get_by_text("This file is not a photo").first.is_visible()
    check_a11y(page, "preferences with a photo error")

    page.get_by_label("Choose a photo").set_input_files(_photo_file(tmp_path))
    page.get_by_label("Candidates may see my photo").check()
    page.get_by_role("button", name="Save my preferences").click()
    page.get_by_text("Your preferences are saved.").wait_for()
    assert _loaded(page, "img.person-photo")
    check_a11y(page, "preferences with a photo at 1024x768")

    phone = new_page("phone")
    sign_in(phone, "priya@example.org")
    phone.goto("/my-preferences")
    assert _loaded(phone, "img.person-photo")
    assert phone.get_by_label("Candidates may see my photo").is_checked()
    check_a11y(phone, "preferences with a photo at 375x667")

    with live_app.app_context():
        job = db.session.scalar(select(Job).where(Job.ref == "DEMO-SW-01"))
        candidate = db.session.scalar(
            select(Candidate).where(Candidate.job_id == job.id, Candidate.key == "dan")
        )
        invitation = service.invitation_for(candidate)
        db.session.commit()
        link = f"/invite/{queries.token_for(live_app.config['SECRET_KEY'], invitation)}"
    candidate_phone = new_page("phone")
    candidate_phone.goto(link)
    # Who you will meet opens on request (issue 17: the main things come first).
    candidate_phone.locator("#block-people summary").click()
    photo = candidate_phone.get_by_role("img", name="Photo of Priya Shah")
    photo.wait_for()
    assert _loaded(candidate_phone, "img.invite-line-photo")
    check_a11y(candidate_phone, "invitation with a panel photo at 375x667")

    page.get_by_label("Candidates may see my photo").uncheck()
    page.get_by_label("Remove the photo").check()
    page.get_by_role("button", name="Save my preferences").click()
    page.get_by_text("Your preferences are saved.").wait_for()
    assert page.locator("img.person-photo").count() == 0
    with live_app.app_context():
        priya = db.session.scalar(select(User).where(User.email == "priya@example.org"))
        assert priya.photo == "" and not priya.photo_consent
    candidate_phone.reload()
    assert candidate_phone.locator("img.invite-line-photo").count() == 0
