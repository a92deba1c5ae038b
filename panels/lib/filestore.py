"""Stored files (photos and pictures people upload), kept off the local disk. No Flask.

A file is put into a store and gets a random key; the row that owns the file (a person's
photo, a question's picture) keeps the key. A key says nothing about the file and cannot
be guessed, and it is never a file name. The stores:

- the database (``panels.common.storage.DatabaseStore``, the default; a table of bytes),
- S3-compatible object storage (``S3Store`` here), when a bucket is configured.

Both give the same three calls: ``put(data, content_type) -> key``, ``get(key)`` (a
``StoredObject`` or None) and ``delete(key)``. A store that cannot be reached raises
``StoreUnavailable``, whose message is in plain words.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from collections.abc import Mapping

KEY_RE = re.compile(r"[A-Za-z0-9_-]{32}")
# What a stored file may be served as. Anything else is sent as a download of bytes.
IMAGE_TYPES = {"image/jpeg", "image/png"}
DOWNLOAD_TYPE = "application/octet-stream"
TYPE_FOR_EXTENSION = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png"}


class StoreUnavailable(Exception):
    """The file store could not be reached or refused; nothing was stored or changed."""

    def __init__(self, message: str = "We could not save the picture just now.") -> None:
        super().__init__(message)


@dataclass(frozen=True)
class StoredObject:
    data: bytes
    content_type: str


class FileStore(Protocol):
    def put(self, data: bytes, content_type: str) -> str: ...

    def get(self, key: str) -> StoredObject | None: ...

    def delete(self, key: str) -> None: ...


def new_key() -> str:
    """A random key of 32 URL-safe characters (192 random bits)."""
    return secrets.token_urlsafe(24)


def is_key(text: str | None) -> bool:
    """True for keys `new_key` makes (a stored file), False for old file names and ""."""
    return bool(KEY_RE.fullmatch(text or ""))


def etag_for(key: str) -> str:
    """A file under a key never changes, so the key's hash is a strong validator."""
    return hashlib.sha256(b"panels-file:" + key.encode()).hexdigest()[:32]


def served_type(content_type: str) -> str:
    """The content type to send: an image type we made, else plain bytes."""
    return content_type if content_type in IMAGE_TYPES else DOWNLOAD_TYPE


class MemoryStore:
    """A store in a dict: for tests and for trying things out. Not shared between processes."""

    def __init__(self) -> None:
        self.files: dict[str, StoredObject] = {}
        self.down = False

    def _check(self) -> None:
        if self.down:
            raise StoreUnavailable()

    def put(self, data: bytes, content_type: str) -> str:
        self._check()
        key = new_key()
        self.files[key] = StoredObject(bytes(data), content_type)
        return key

    def get(self, key: str) -> StoredObject | None:
        self._check()
        return self.files.get(key) if is_key(key) else None

    def delete(self, key: str) -> None:
        self._check()
        self.files.pop(key, None)


class S3Store:
    """Files as objects in an S3-compatible bucket (AWS S3, MinIO, Ceph, moto...).

    Credentials come the usual boto3 way (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
    AWS_DEFAULT_REGION, or an instance role). Calls give up quickly when the store is
    down, so a form is answered in seconds, not minutes.
    """

    def __init__(
        self,
        bucket: str,
        endpoint_url: str | None = None,
        prefix: str = "files/",
        client: Any = None,
    ) -> None:
        self.bucket = bucket
        self.prefix = prefix
        self.client = client or _s3_client(endpoint_url)

    def _name(self, key: str) -> str:
        return self.prefix + key

    def put(self, data: bytes, content_type: str) -> str:
        key = new_key()
        try:
            self.client.put_object(
                Bucket=self.bucket, Key=self._name(key), Body=data, ContentType=content_type
            )
        except Exception as error:  # botocore raises many kinds; all mean "not stored".
            raise StoreUnavailable() from error
        return key

    def get(self, key: str) -> StoredObject | None:
        if not is_key(key):
            return None
        try:
            found = self.client.get_object(Bucket=self.bucket, Key=self._name(key))
            return StoredObject(found["Body"].read(), found.get("ContentType") or DOWNLOAD_TYPE)
        except Exception as error:
            if _is_missing(error):
                return None
            raise StoreUnavailable("We could not fetch the picture just now.") from error

    def delete(self, key: str) -> None:
        if not is_key(key):
            return
        try:
            self.client.delete_object(Bucket=self.bucket, Key=self._name(key))
        except Exception as error:
            if not _is_missing(error):
                raise StoreUnavailable("We could not delete the picture just now.") from error


def _is_missing(error: Exception) -> bool:
    response: Mapping[str, Any] = getattr(error, "response", None) or {}
    code = str(response.get("Error", {}).get("Code", ""))
    return code in {"NoSuchKey", "404", "NotFound"}


def _s3_client(endpoint_url: str | None) -> Any:
    import boto3
    from botocore.config import Config

    config = Config(
        connect_timeout=3,
        read_timeout=10,
        retries={"max_attempts": 2, "mode": "standard"},
    )
    return boto3.client("s3", endpoint_url=endpoint_url or None, config=config)
