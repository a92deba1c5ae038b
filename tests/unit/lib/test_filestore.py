"""The pure part of the file store: keys, ETags, served types, and S3 errors in plain words."""

from __future__ import annotations

import pytest

from panels.lib import filestore, photos
from panels.lib.filestore import MemoryStore, S3Store, StoredObject, StoreUnavailable


def test_keys_are_random_and_never_file_names():
    keys = {filestore.new_key() for _ in range(500)}
    assert len(keys) == 500
    assert all(filestore.is_key(k) and len(k) == 32 and "." not in k for k in keys)
    old_name = "AAAAAAAAAAAAAAAAAAAAAAAA.jpg"
    assert photos.is_valid_name(old_name) and not filestore.is_key(old_name)
    for bad in ("", None, "../" + "a" * 29, "a" * 31, "a" * 33, "a" * 31 + "/", "a" * 31 + "\x00"):
        assert not filestore.is_key(bad)


def test_etag_is_stable_per_key_and_does_not_show_the_key():
    key = filestore.new_key()
    assert filestore.etag_for(key) == filestore.etag_for(key)
    assert filestore.etag_for(key) != filestore.etag_for(filestore.new_key())
    assert key not in filestore.etag_for(key)


def test_only_photo_types_are_served_as_themselves():
    assert filestore.served_type("image/jpeg") == "image/jpeg"
    assert filestore.served_type("image/png") == "image/png"
    for other in ("text/html", "image/svg+xml", "application/pdf", ""):
        assert filestore.served_type(other) == filestore.DOWNLOAD_TYPE


def test_memory_store_put_get_delete_and_down():
    store = MemoryStore()
    key = store.put(b"abc", "image/png")
    assert store.get(key) == StoredObject(b"abc", "image/png")
    store.delete(key)
    assert store.get(key) is None
    store.delete(key)  # deleting twice is fine
    store.down = True
    with pytest.raises(StoreUnavailable):
        store.put(b"abc", "image/png")


class _Missing(Exception):
    response = {"Error": {"Code": "NoSuchKey"}}


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self) -> bytes:
        return self.data


class FakeS3:
    """Just enough of a boto3 S3 client; `fail` makes every call raise."""

    def __init__(self) -> None:
        self.objects: dict[str, tuple[bytes, str]] = {}
        self.fail: Exception | None = None

    def _check(self) -> None:
        if self.fail:
            raise self.fail

    def put_object(self, Bucket, Key, Body, ContentType):  # noqa: N803 (boto3's names)
        self._check()
        self.objects[f"{Bucket}/{Key}"] = (Body, ContentType)

    def get_object(self, Bucket, Key):  # noqa: N803
        self._check()
        if f"{Bucket}/{Key}" not in self.objects:
            raise _Missing()
        data, kind = self.objects[f"{Bucket}/{Key}"]
        return {"Body": _Body(data), "ContentType": kind}

    def delete_object(self, Bucket, Key):  # noqa: N803
        self._check()
        self.objects.pop(f"{Bucket}/{Key}", None)


def test_s3_store_keeps_objects_under_its_prefix():
    client = FakeS3()
    store = S3Store("bucket", prefix="files/", client=client)
    key = store.put(b"\xff\xd8data", "image/jpeg")
    assert list(client.objects) == [f"bucket/files/{key}"]
    assert store.get(key) == StoredObject(b"\xff\xd8data", "image/jpeg")
    assert store.get(filestore.new_key()) is None  # missing: None, not an error
    assert store.get("../../secret") is None and not client.fail
    store.delete(key)
    assert client.objects == {}


def test_s3_store_that_fails_says_so_in_plain_words():
    client = FakeS3()
    store = S3Store("bucket", client=client)
    key = store.put(b"x", "image/png")
    client.fail = ConnectionError("Could not connect to the endpoint URL")
    with pytest.raises(StoreUnavailable, match="could not save the picture"):
        store.put(b"x", "image/png")
    with pytest.raises(StoreUnavailable, match="could not fetch the picture"):
        store.get(key)
    with pytest.raises(StoreUnavailable):
        store.delete(key)
    client.fail = None
    assert store.get(key) is not None  # nothing was lost
