"""Helpers for tests of the file store: what is stored, an S3 server, two app processes.

- ``stored(app, key)``: the stored file under a key, or None.
- ``stored_keys(app)``: every key in the database store.
- ``disk_files(app)``: every file under MEDIA_DIR/photos (there should be none now).
- ``moto_server()``: a local S3-compatible server (moto) on a free port, with a bucket.
- ``use_store(app, store)``: the app uses another store for a while (S3, a broken one).
- ``upload_in_one_fetch_in_other(url_a, url_b, ...)``: the multi-machine check, for the
  two-process journey: a photo uploaded through one app is served by the other.
"""

from __future__ import annotations

import io
import os
import socket
from contextlib import contextmanager

from PIL import Image
from sqlalchemy import select

from panels.common import storage
from panels.db import db
from panels.lib import filestore, photos
from panels.models import StoredFile

BUCKET = "panels-test"


def photo_bytes(size=(800, 600), colour=(30, 90, 160)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return out.getvalue()


def stored(app, key: str) -> filestore.StoredObject | None:
    with app.app_context():
        return storage.store().get(key)


def stored_keys(app) -> set[str]:
    """Keys of files in the database store."""
    with app.app_context():
        return set(db.session.scalars(select(StoredFile.key)))


def disk_files(app) -> list[str]:
    folder = photos.folder_for(app.config["MEDIA_DIR"])
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


@contextmanager
def use_store(app, store):
    """The app keeps its files in `store` inside the block, then in its own again."""
    before = app.extensions[storage.EXTENSION]
    app.extensions[storage.EXTENSION] = store
    try:
        yield store
    finally:
        app.extensions[storage.EXTENSION] = before


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def aws_test_credentials():
    names = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION")
    before = {name: os.environ.get(name) for name in names}
    os.environ.update(
        AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION="eu-west-2"
    )
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def moto_server():
    """A moto S3 server on a free local port with an empty bucket; its endpoint URL."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    try:
        with aws_test_credentials():
            s3 = filestore.S3Store(BUCKET, endpoint_url=endpoint)
            s3.client.create_bucket(
                Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
            )
            yield endpoint
    finally:
        server.stop()


def s3_objects(endpoint: str) -> set[str]:
    """The object names in the test bucket."""
    with aws_test_credentials():
        client = filestore.S3Store(BUCKET, endpoint_url=endpoint).client
        found = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return {item["Key"] for item in found}


def down_store() -> filestore.S3Store:
    """An S3 store at an address where nothing listens: every call fails at once."""
    with aws_test_credentials():
        return filestore.S3Store(BUCKET, endpoint_url=f"http://127.0.0.1:{free_port()}")


def upload_in_one_fetch_in_other(client_a, client_b, user_id: int) -> bytes:
    """Person `user_id` (signed in on both clients) uploads a photo through app A; app B
    serves it, byte for byte. Works with test clients of two Flask apps on one database
    file, or with two HTTP sessions (anything with Flask-client-like post/get)."""
    sent = photo_bytes(colour=(200, 40, 120))
    response = client_a.post(
        "/my-preferences",
        data={"pace": "1.0", "scale": "faces3", "photo": (io.BytesIO(sent), "me.jpg")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.status_code
    served_a = client_a.get(f"/people/{user_id}/photo")
    served_b = client_b.get(f"/people/{user_id}/photo")
    assert served_b.status_code == 200, served_b.status_code
    assert served_b.mimetype == "image/jpeg" and served_b.data == served_a.data
    return served_b.data
