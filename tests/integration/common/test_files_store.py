"""The file store: uploads kept off the local disk, served safely, gone with their row.

The database store (the default) and S3-compatible storage (moto's local server), a store
that is down, moving old photos from the disk (`flask files import-local`), and two apps
on one database serving the same photo.
"""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from panels.db import db
from panels.lib import filestore, photos
from panels.lib.filestore import S3Store
from panels.models import Job, Question, User
from panels.questions import service as questions
from tests.conftest import signed_in_client
from tests.integration.auth_helpers import another_app
from tests.integration.files_helpers import (
    BUCKET,
    disk_files,
    down_store,
    moto_server,
    photo_bytes,
    s3_objects,
    stored,
    stored_keys,
    upload_in_one_fetch_in_other,
    use_store,
)
from tests.integration.members.test_photos_members import upload, user
from tests.pagecheck import check_error_page, check_page

NOT_SAVED = "We could not save the picture just now"


def _photo_url(user_id: int) -> str:
    return f"/people/{user_id}/photo"


def _question(app, job_id: int, **extra) -> int:
    with app.app_context():
        job = db.session.get(Job, job_id)
        question = questions.add_question(job, None, easy_read="Why this job?", **extra)
        db.session.commit()
        return question.id


def _question_photo(app, question_id: int) -> str:
    with app.app_context():
        return db.session.get(Question, question_id).photo


def _upload_question_photo(client, job_id: int, question_id: int, data: bytes):
    return client.post(
        f"/jobs/{job_id}/questions/{question_id}/photo",
        data={"photo": (io.BytesIO(data), "picture.png")},
        content_type="multipart/form-data",
    )


# --- the database store -------------------------------------------------------------------


def test_upload_is_kept_in_the_database_and_served_privately(app, world):
    client = signed_in_client(app, world["sam"])
    assert upload(client, "/my-preferences", photo_bytes()).status_code == 302
    key = user(app, world["sam"]).photo
    assert filestore.is_key(key) and key in stored_keys(app) and disk_files(app) == []
    served = client.get(_photo_url(world["sam"]))
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    assert served.data == stored(app, key).data and served.data.startswith(b"\xff\xd8")
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert served.headers["Cache-Control"] == "private, no-cache"
    assert served.headers["ETag"] == f'"{filestore.etag_for(key)}"'
    again = client.get(_photo_url(world["sam"]), headers={"If-None-Match": served.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["Cache-Control"] == "private, no-cache"
    # The ETag is no way in: someone who may not see the photo still gets 404.
    outsider = signed_in_client(app, world["outsider"])
    refused = outsider.get(
        _photo_url(world["sam"]), headers={"If-None-Match": served.headers["ETag"]}
    )
    assert refused.status_code == 404


def test_deleting_a_person_deletes_their_photo(app, world):
    upload(signed_in_client(app, world["sam"]), "/my-preferences", photo_bytes())
    key = user(app, world["sam"]).photo
    other = user(app, world["jo"]).photo
    assert key in stored_keys(app)
    with app.app_context():
        db.session.delete(db.session.get(User, world["sam"]))
        db.session.commit()
    assert key not in stored_keys(app) and stored(app, key) is None
    assert other == ""


def test_a_question_photo_is_replaced_cleared_and_goes_with_its_job(app, world):
    job = world["job_a"]
    client = signed_in_client(app, world["sam"])
    first_q, second_q = _question(app, job), _question(app, job)
    assert _upload_question_photo(client, job, first_q, photo_bytes()).status_code == 302
    first = _question_photo(app, first_q)
    assert (
        _upload_question_photo(client, job, first_q, photo_bytes(colour=(9, 9, 9))).status_code
        == 302
    )
    second = _question_photo(app, first_q)
    assert second != first and stored(app, first) is None and stored(app, second)
    assert client.get(f"/jobs/{job}/photos/{first}").status_code == 404
    picture = client.post(f"/jobs/{job}/questions/{first_q}/picture", data={"code": "1F642"})
    assert picture.status_code == 302 and stored(app, second) is None  # a symbol instead

    assert _upload_question_photo(client, job, second_q, photo_bytes()).status_code == 302
    kept = _question_photo(app, second_q)
    assert stored(app, kept)
    with app.app_context():
        db.session.delete(db.session.get(Job, job))
        db.session.commit()
    assert stored(app, kept) is None


# --- S3-compatible storage (moto's server) -------------------------------------------------


@pytest.fixture(scope="module")
def s3_endpoint():
    with moto_server() as endpoint:
        yield endpoint


@pytest.fixture
def s3(app, s3_endpoint):
    """The app keeps its files in the moto bucket during the test."""
    from tests.integration.files_helpers import aws_test_credentials

    with aws_test_credentials():
        store = S3Store(BUCKET, endpoint_url=s3_endpoint)
        with use_store(app, store):
            yield s3_endpoint
    for name in s3_objects(s3_endpoint):
        store.client.delete_object(Bucket=BUCKET, Key=name)


def test_s3_upload_serve_replace_and_remove(app, world, s3):
    client = signed_in_client(app, world["sam"])
    before = stored_keys(app)
    assert upload(client, "/my-preferences", photo_bytes()).status_code == 302
    first = user(app, world["sam"]).photo
    assert s3_objects(s3) == {f"files/{first}"}
    assert stored_keys(app) == before and disk_files(app) == []  # not in the database or on disk
    served = client.get(_photo_url(world["sam"]))
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    assert (
        served.data.startswith(b"\xff\xd8")
        and served.headers["X-Content-Type-Options"] == "nosniff"
    )
    coordinator = signed_in_client(app, world["coordinator"])
    assert coordinator.get(_photo_url(world["sam"])).data == served.data
    assert signed_in_client(app, world["outsider"]).get(_photo_url(world["sam"])).status_code == 404

    assert upload(client, "/my-preferences", photo_bytes(colour=(250, 0, 0))).status_code == 302
    second = user(app, world["sam"]).photo
    assert s3_objects(s3) == {f"files/{second}"}  # the replaced photo is deleted
    assert upload(client, "/my-preferences", remove_photo="y").status_code == 302
    assert s3_objects(s3) == set() and user(app, world["sam"]).photo == ""
    assert client.get(_photo_url(world["sam"])).status_code == 404


def test_s3_question_photo_and_its_pdf(app, world, s3):
    job, client = world["job_a"], signed_in_client(app, world["sam"])
    qid = _question(app, job)
    with app.app_context():
        db.session.get(Question, qid).asker_id = world["member_sam"]
        db.session.commit()
    assert _upload_question_photo(client, job, qid, photo_bytes()).status_code == 302
    key = _question_photo(app, qid)
    assert s3_objects(s3) == {f"files/{key}"}
    assert client.get(f"/jobs/{job}/photos/{key}").mimetype == "image/jpeg"
    pdf = client.get(f"/jobs/{job}/questions/sheet.pdf")
    assert pdf.status_code == 200 and b"/DCTDecode" in pdf.data  # the photo, from the bucket


# --- a store that is down --------------------------------------------------------------------


def test_store_down_the_form_says_so_and_nothing_is_half_saved(app, world):
    client = signed_in_client(app, world["sam"])
    upload(client, "/my-preferences", photo_bytes(), photo_consent="y")
    before, keys = user(app, world["sam"]), stored_keys(app)
    with use_store(app, down_store()):
        response = upload(
            client, "/my-preferences", photo_bytes(colour=(1, 1, 1)), large_text="y", pace="2.0"
        )
    assert response.status_code == 503
    html = response.get_data(as_text=True)
    check_error_page(html, "photo", NOT_SAVED)
    assert "Please try again" in html
    # What they chose is still on the form, ready to send again.
    assert re.search(r'<input checked[^>]*name="pace" type="radio" value="2.0"', html)
    assert re.search(r'<input checked[^>]*name="large_text"', html)
    after = user(app, world["sam"])
    assert after.photo == before.photo and stored(app, after.photo)
    assert after.photo_consent == before.photo_consent
    assert not after.large_text and after.pace == before.pace
    assert stored_keys(app) == keys
    # Once the store is back, the same form works.
    assert upload(client, "/my-preferences", photo_bytes(colour=(1, 1, 1))).status_code == 302


def test_store_down_for_a_coordinator_and_a_question_photo(app, world):
    coordinator = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/panel/{world['member_sam']}"
    qid = _question(app, world["job_a"], picture="1F91D")
    keys = stored_keys(app)
    with use_store(app, down_store()):
        response = upload(coordinator, url, photo_bytes(), group="Experts", photo_consent="y")
        assert response.status_code == 503
        check_error_page(response.get_data(as_text=True), "photo", NOT_SAVED)
        sam = signed_in_client(app, world["sam"])
        picture = _upload_question_photo(sam, world["job_a"], qid, photo_bytes())
        assert picture.status_code == 503
        check_error_page(picture.get_data(as_text=True), "photo", NOT_SAVED)
    after = user(app, world["sam"])
    assert after.photo == "" and not after.photo_consent
    with app.app_context():
        question = db.session.get(Question, qid)
        assert question.picture == "1F91D" and question.photo == ""
    assert stored_keys(app) == keys


def test_serving_when_the_store_is_down_is_a_plain_503(app, world):
    client = signed_in_client(app, world["sam"])
    upload(client, "/my-preferences", photo_bytes())
    with use_store(app, down_store()):
        response = client.get(_photo_url(world["sam"]))
    assert response.status_code == 503
    html = response.get_data(as_text=True)
    check_page(html)
    assert "The pictures are not available just now" in html and "Nothing you saved is lost" in html


# --- photos already on disk: flask files import-local --------------------------------------


def _old_file(folder, name: str, kind: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), (5, 90, 5)).save(out, kind)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(out.getvalue())
    return out.getvalue()


def test_import_local_moves_old_photos_once(app, world, tmp_path):
    folder = tmp_path / "photos"
    person, picture, missing = "A" * 24 + ".jpg", "B" * 24 + ".png", "C" * 24 + ".jpg"
    person_bytes = _old_file(folder, person, "JPEG")
    picture_bytes = _old_file(folder, picture, "PNG")
    qid = _question(app, world["job_a"], photo=picture)
    with app.app_context():
        db.session.get(User, world["sam"]).photo = person
        db.session.get(User, world["jo"]).photo = missing
        db.session.commit()
    runner = app.test_cli_runner()
    with use_store(app, down_store()):
        failed = runner.invoke(args=["files", "import-local", "--folder", str(folder)])
    assert failed.exit_code == 1 and "could not save the picture" in failed.output
    assert user(app, world["sam"]).photo == person and (folder / person).is_file()

    result = runner.invoke(args=["files", "import-local", "--folder", str(folder)])
    assert result.exit_code == 0, result.output
    assert "Moved 2 photo(s)" in result.output and "1 photo(s) are not in" in result.output
    sam_key, question_key = user(app, world["sam"]).photo, _question_photo(app, qid)
    assert filestore.is_key(sam_key) and filestore.is_key(question_key)
    assert stored(app, sam_key) == filestore.StoredObject(person_bytes, "image/jpeg")
    assert stored(app, question_key) == filestore.StoredObject(picture_bytes, "image/png")
    assert user(app, world["jo"]).photo == missing  # left as it was, for the machine that has it
    assert sorted(p.name for p in folder.iterdir()) == []

    again = runner.invoke(args=["files", "import-local", "--folder", str(folder)])
    assert again.exit_code == 0 and "Moved 0 photo(s)" in again.output
    assert user(app, world["sam"]).photo == sam_key

    client = signed_in_client(app, world["sam"])
    assert client.get(_photo_url(world["sam"])).data == person_bytes
    job = world["job_a"]
    assert client.get(f"/jobs/{job}/photos/{question_key}").data == picture_bytes
    assert client.get(f"/jobs/{job}/photos/{picture}").status_code == 404  # the old name is gone


def test_import_local_keep_leaves_the_files(app, world, tmp_path):
    folder = tmp_path / "photos"
    name = "D" * 24 + ".jpg"
    _old_file(folder, name, "JPEG")
    with app.app_context():
        db.session.get(User, world["sam"]).photo = name
        db.session.commit()
    result = app.test_cli_runner().invoke(
        args=["files", "import-local", "--folder", str(folder), "--keep"]
    )
    assert result.exit_code == 0 and "Moved 1 photo(s)" in result.output
    assert (folder / name).is_file() and filestore.is_key(user(app, world["sam"]).photo)
    assert photos.path_for(folder, "../" + name) is None


# --- several machines ---------------------------------------------------------------------


@pytest.mark.concurrency  # a second app: its own connection
def test_a_photo_uploaded_through_one_app_is_served_by_another(app, world, tmp_path):
    with another_app(app, MEDIA_DIR=str(tmp_path / "other-machine")) as other:
        served = upload_in_one_fetch_in_other(
            signed_in_client(app, world["sam"]), signed_in_client(other, world["sam"]), world["sam"]
        )
    assert served.startswith(b"\xff\xd8") and disk_files(app) == []
