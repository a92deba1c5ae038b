"""Panel members' own photos: upload, remove, consent, and who may see them."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from sqlalchemy import select

from panels.db import db
from panels.lib import filestore, photos
from panels.models import AuditEvent, User
from tests.conftest import signed_in_client
from tests.integration.files_helpers import disk_files, stored, stored_keys
from tests.pagecheck import check_error_page, check_page

PREFS = {"pace": "1.0", "scale": "faces3"}


@pytest.fixture
def world(shared_world):
    """Every test here starts from ``world``: its rows are built once for the module and
    each test's writes are rolled back after it (``shared_world`` in tests/conftest.py)."""
    return dict(shared_world)


def photo_bytes(size=(1600, 1200), colour=(30, 90, 160)) -> bytes:
    """A JPEG with a camera maker and a GPS position in its EXIF."""
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif[0x8825] = {1: "N", 2: (53.0, 48.0, 0.0), 3: "W", 4: (1.0, 33.0, 0.0)}
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", exif=exif)
    return out.getvalue()


def upload(client, url: str, data: bytes | None = None, **fields):
    form = {**PREFS, **fields}
    if data is not None:
        form["photo"] = (io.BytesIO(data), "me.jpg")
    return client.post(url, data=form, content_type="multipart/form-data")


def user(app, user_id: int) -> User:
    with app.app_context():
        found = db.session.get(User, user_id)
        db.session.expunge(found)
        return found


def consent_ticked(html: str) -> bool:
    tag = re.search(r"<input[^>]*name=\"photo_consent\"[^>]*>", html)
    assert tag, "no consent box"
    return "checked" in tag.group(0)


def events(app, action: str) -> list[tuple[int | None, int | None, int | None]]:
    with app.app_context():
        rows = db.session.scalars(select(AuditEvent).where(AuditEvent.action == action))
        return [(e.actor_id, e.on_behalf_of_id, e.job_id) for e in rows]


def test_member_uploads_photo_and_exif_is_gone(app, world):
    client = signed_in_client(app, world["sam"])
    assert upload(client, "/my-preferences", photo_bytes()).status_code == 302
    sam = user(app, world["sam"])
    assert filestore.is_key(sam.photo) and not sam.photo_consent
    assert stored(app, sam.photo).content_type == "image/jpeg"
    assert disk_files(app) == []  # in the file store, not on this machine's disk
    served = client.get(f"/people/{world['sam']}/photo")
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    assert "private" in served.headers["Cache-Control"]
    assert served.headers["X-Content-Type-Options"] == "nosniff" and served.headers["ETag"]
    image = Image.open(io.BytesIO(served.data))
    assert max(image.size) == photos.FACE_SIDE
    assert len(image.getexif()) == 0 and b"Camera maker" not in served.data
    html = client.get("/my-preferences").get_data(as_text=True)
    check_page(html)
    assert f'src="/people/{world["sam"]}/photo" alt="Photo of Sam Patel"' in html
    assert "Remove the photo" in html
    assert events(app, "photo added") == [(world["sam"], world["sam"], None)]


def test_new_photo_replaces_the_old_file_and_remove_deletes_it(app, world):
    client = signed_in_client(app, world["sam"])
    upload(client, "/my-preferences", photo_bytes())
    first = user(app, world["sam"]).photo
    upload(client, "/my-preferences", photo_bytes(colour=(200, 0, 0)))
    second = user(app, world["sam"]).photo
    assert second != first and stored(app, first) is None and stored(app, second)
    assert upload(client, "/my-preferences", remove_photo="y").status_code == 302
    assert user(app, world["sam"]).photo == "" and stored(app, second) is None
    assert client.get(f"/people/{world['sam']}/photo").status_code == 404
    assert "Remove the photo" not in client.get("/my-preferences").get_data(as_text=True)
    assert len(events(app, "photo removed")) == 1


def test_consent_on_and_off_keeps_the_photo(app, world):
    client = signed_in_client(app, world["sam"])
    upload(client, "/my-preferences", photo_bytes(), photo_consent="y")
    sam = user(app, world["sam"])
    assert sam.photo and sam.photo_consent
    assert consent_ticked(client.get("/my-preferences").get_data(as_text=True))
    upload(client, "/my-preferences")
    after = user(app, world["sam"])
    assert after.photo == sam.photo and not after.photo_consent
    assert not consent_ticked(client.get("/my-preferences").get_data(as_text=True))
    assert len(events(app, "photo consent given")) == 1
    assert len(events(app, "photo consent withdrawn")) == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"I am a text file, honest.", "This file is not a photo"),
        (b"", "The file is empty"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * (6 * 1024 * 1024), "The photo is too big"),
    ],
)
def test_bad_upload_gets_400_and_nothing_saved_is_lost(app, world, data, message):
    client = signed_in_client(app, world["sam"])
    upload(client, "/my-preferences", photo_bytes(), photo_consent="y")
    before = user(app, world["sam"])
    files_before = stored_keys(app)
    response = upload(client, "/my-preferences", data, large_text="y", pace="2.0")
    assert response.status_code == 400
    check_error_page(response.get_data(as_text=True), "photo", message)
    after = user(app, world["sam"])
    assert after.photo == before.photo and stored(app, after.photo)
    assert after.photo_consent  # the untouched consent box was not saved either
    assert not after.large_text and after.pace == before.pace
    assert stored_keys(app) == files_before  # no new file kept


def test_no_file_chosen_keeps_the_photo(app, world):
    client = signed_in_client(app, world["sam"])
    upload(client, "/my-preferences", photo_bytes())
    name = user(app, world["sam"]).photo
    response = client.post(
        "/my-preferences",
        data={**PREFS, "photo": (io.BytesIO(b""), "")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302 and user(app, world["sam"]).photo == name


def test_who_may_fetch_a_photo(app, world):
    upload(signed_in_client(app, world["sam"]), "/my-preferences", photo_bytes())
    url = f"/people/{world['sam']}/photo"
    assert signed_in_client(app, world["jo"]).get(url).status_code == 200  # same panel
    assert signed_in_client(app, world["coordinator"]).get(url).status_code == 200
    assert signed_in_client(app, world["outsider"]).get(url).status_code == 404
    anonymous = app.test_client().get(url)
    assert anonymous.status_code in (302, 401) and not anonymous.data.startswith(b"\xff\xd8")
    sam = signed_in_client(app, world["sam"])
    assert sam.get(f"/people/{world['jo']}/photo").status_code == 404  # no photo
    assert sam.get("/people/999999/photo").status_code == 404


def test_coordinator_adds_photo_for_a_member_with_an_audit_event(app, world):
    client = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/panel/{world['member_sam']}"
    html = client.get(url).get_data(as_text=True)
    check_page(html)
    assert "Only tick this if Sam Patel agreed." in html
    assert "Candidates may see this photo: Sam Patel agreed" in html
    response = upload(client, url, photo_bytes(), photo_consent="y")
    assert response.status_code == 302
    sam = user(app, world["sam"])
    assert sam.photo and sam.photo_consent
    job = world["job_a"]
    assert events(app, "photo added") == [(world["coordinator"], world["sam"], job)]
    assert events(app, "photo consent given") == [(world["coordinator"], world["sam"], job)]
    assert 'alt="Photo of Sam Patel"' in client.get(url).get_data(as_text=True)
    assert upload(client, url, remove_photo="y", photo_consent="y").status_code == 302
    assert user(app, world["sam"]).photo == ""


def test_coordinator_bad_upload_and_other_jobs_member(app, world):
    client = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/panel/{world['member_sam']}"
    response = upload(client, url, b"not a photo")
    assert response.status_code == 400
    check_error_page(response.get_data(as_text=True), "photo", "This file is not a photo")
    other = f"/jobs/{world['job_a']}/panel/{world['member_outsider']}"
    assert upload(client, other, photo_bytes()).status_code == 404
    assert user(app, world["outsider"]).photo == ""
    member = signed_in_client(app, world["jo"])
    assert upload(member, url, photo_bytes()).status_code == 403
    assert user(app, world["sam"]).photo == ""


def test_adding_a_member_has_no_photo_fields(app, world):
    client = signed_in_client(app, world["coordinator"])
    html = client.get(f"/jobs/{world['job_a']}/panel/add").get_data(as_text=True)
    assert 'name="photo"' not in html and "photo_consent" not in html
