"""Round photo thumbnails on the job page, at phone and tablet sizes."""

from __future__ import annotations

import io

from PIL import Image
from sqlalchemy import select

from panels.common.storage import put_photo
from panels.db import db
from panels.models import Job, User
from tests.browser.conftest import sign_in


def _set_photo(live_app, email: str) -> str:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (160, 60, 40)).save(out, "JPEG")
    with live_app.app_context():
        person = db.session.scalar(select(User).where(User.email == email))
        person.photo = put_photo(out.getvalue())
        db.session.commit()
        job = db.session.scalar(select(Job).where(Job.ref == "DEMO-SW-01"))
        return f"/jobs/{job.id}"


def _clear_photo(live_app, email: str) -> None:
    with live_app.app_context():
        person = db.session.scalar(select(User).where(User.email == email))
        person.photo = ""  # its stored file goes with this change
        db.session.commit()


def test_job_page_thumbnails_at_phone_and_tablet(live_app, new_page, check_a11y):
    url = _set_photo(live_app, "jo@example.org")
    try:
        for size, label in (("phone", "375x667"), ("tablet-landscape", "1024x768")):
            page = new_page(size)
            sign_in(page, "sam@example.org")
            page.goto(url)
            thumb = page.locator("img.person-thumb")
            assert thumb.count() == 1
            box = thumb.first.bounding_box()
            assert box and 40 <= box["width"] <= 56 and box["width"] == box["height"]
            loaded = "(img) => img.complete && img.naturalWidth > 0"
            assert page.evaluate(loaded, thumb.first.element_handle())
            check_a11y(page, f"job page with a panel photo at {label}")
    finally:
        _clear_photo(live_app, "jo@example.org")
