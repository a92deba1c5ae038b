"""The file store, wired into Flask: where uploaded photos and pictures are kept.

Nothing people upload lives on one machine's disk, so every app process on every machine
can serve it. The store is the database (``DatabaseStore``, the default: the
``stored_file`` table) or, when ``PANELS_S3_BUCKET`` is set, S3-compatible object storage
(``panels.lib.filestore.S3Store``). The pure part (keys, the S3 store) is in
``panels.lib.filestore``.

- ``put_photo`` cleans a photo and stores it; the caller puts the key on the row that owns
  it (``User.photo``, ``Question.photo``) and commits. A store that is down raises
  ``StoreUnavailable`` before anything changed.
- When an owning row is deleted or its key replaced or cleared, the file goes too: in the
  same transaction for the database store, after the commit for S3 (so a row never points
  to a missing object; at worst an object is left over).
- ``file_response`` sends a file once the caller has checked access through the owning
  row: its own content type, ``nosniff``, private caching with an ETag.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from flask import Flask, Response, abort, current_app, has_app_context, render_template, request
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import bindparam, delete, event, inspect, select
from sqlalchemy.orm import object_session

from panels.common.forms import add_error
from panels.db import db
from panels.lib import filestore, photos
from panels.lib.filestore import FileStore, StoredObject, StoreUnavailable
from panels.models import (
    Expense,
    Job,
    Panel,
    PanelMember,
    PayClaim,
    Question,
    StoredFile,
    SupportedProfile,
    User,
)

EXTENSION = "panels_files"
# Rows whose column holds a file key: the file belongs to the row.
OWNERS: tuple[tuple[Any, str], ...] = (
    (User, "photo"),
    (Question, "photo"),
    (Expense, "receipt"),
    (SupportedProfile, "photo"),
)
# Owners the database deletes with their parent (ON DELETE CASCADE, no ORM event):
# (parent, owner, the owner's column pointing to the parent, the owner's file column).
CASCADES: tuple[tuple[Any, Any, str, str], ...] = (
    (Job, Question, "job_id", "photo"),
    # A job's panels go before the job (and their questions with them, ON DELETE CASCADE).
    (Panel, Question, "panel_id", "photo"),
    (Job, Expense, "job_id", "receipt"),
    (Job, SupportedProfile, "job_id", "photo"),
)
# The same, two steps away: a panel member's claim goes with them, and its receipts.
MEMBER_RECEIPTS = (
    select(Expense.receipt)
    .join(PayClaim, PayClaim.id == Expense.claim_id)
    .where(PayClaim.member_id == bindparam("member_id"))
)
PRIVATE = "private, no-cache"  # the browser keeps it, and asks (ETag) before using it again
_GONE = "panels_files_gone"  # keys to delete from S3 once the transaction commits
_PUT = "panels_files_put"  # keys put into S3 in this transaction (deleted if it rolls back)
UNAVAILABLE = (
    "The pictures are not available just now",
    "Please try again in a few minutes. Nothing you saved is lost.",
)
NOT_SAVED = "We could not save the picture just now. Nothing was changed. Please try again."


def photo_not_kept(field, error: photos.PhotoError | StoreUnavailable) -> int:
    """Says beside a photo field why its photo was not kept, and gives the page's status:
    400 for the photo itself (too big, not a photo), 503 when the file store is down."""
    if isinstance(error, StoreUnavailable):
        add_error(field, NOT_SAVED)
        return 503
    add_error(field, str(error))
    return 400


class DatabaseStore:
    """Files as rows of ``stored_file``, written and deleted in the caller's transaction."""

    def put(self, data: bytes, content_type: str) -> str:
        key = filestore.new_key()
        db.session.add(StoredFile(key=key, content_type=content_type, size=len(data), data=data))
        return key

    def get(self, key: str) -> StoredObject | None:
        if not filestore.is_key(key):
            return None
        row = db.session.execute(
            select(StoredFile.data, StoredFile.content_type).where(StoredFile.key == key)
        ).first()
        return StoredObject(row.data, row.content_type) if row else None

    def delete(self, key: str) -> None:
        db.session.execute(delete(StoredFile).where(StoredFile.key == key))


def make_store(config: Any) -> FileStore:
    """The store the settings ask for: S3 when a bucket is named, else the database."""
    bucket = (config.get("S3_BUCKET") or "").strip()
    if bucket:
        return filestore.S3Store(
            bucket,
            endpoint_url=config.get("S3_ENDPOINT_URL") or None,
            prefix=config.get("S3_PREFIX", "files/"),
        )
    return DatabaseStore()


def store() -> FileStore:
    return current_app.extensions[EXTENSION]


def init_app(app: Flask) -> None:
    from panels.common.files_cli import files_cli

    app.extensions[EXTENSION] = make_store(app.config)
    _listen_once()
    app.register_error_handler(StoreUnavailable, _unavailable)
    app.cli.add_command(files_cli)


def _unavailable(error: StoreUnavailable):
    current_app.logger.warning("File store unavailable: %r", error.__cause__ or error)
    db.session.rollback()
    heading, message = UNAVAILABLE
    return render_template("error.html", heading=heading, message=message), 503


# --- putting files ------------------------------------------------------------------------


def put_file(data: bytes, content_type: str) -> str:
    """Store bytes; the key, for the caller to put on the owning row and commit."""
    current = store()
    key = current.put(data, content_type)
    if not isinstance(current, DatabaseStore):
        db.session.info.setdefault(_PUT, set()).add(key)
    return key


def put_photo(data: bytes, max_side: int = photos.MAX_SIDE) -> str:
    """Clean a photo (photos.PhotoError if it cannot be used) and store it; its key."""
    cleaned, ext = photos.clean(data, max_side)
    return put_file(cleaned, filestore.TYPE_FOR_EXTENSION[ext])


def fetch_many(keys: Iterable[str]) -> dict[str, StoredObject]:
    """The stored files for these keys (missing ones left out), for a PDF."""
    current = store()
    found = {key: current.get(key) for key in set(keys) if filestore.is_key(key)}
    return {key: obj for key, obj in found.items() if obj is not None}


# --- serving files ------------------------------------------------------------------------


def file_response(key: str, cache: str = PRIVATE) -> Response:
    """The stored file under `key` (404 if none). Check access before calling this."""
    if not filestore.is_key(key):
        abort(404)
    etag = filestore.etag_for(key)
    if request.if_none_match.contains_weak(etag):
        response = Response(status=304)
    else:
        found = store().get(key)
        if found is None:
            abort(404)
        kind = filestore.served_type(found.content_type)
        response = Response(found.data, mimetype=kind)
        if kind == filestore.DOWNLOAD_TYPE:
            response.headers["Content-Disposition"] = "attachment"
    response.set_etag(etag)
    response.headers["Cache-Control"] = cache
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


# --- a file goes with its row -------------------------------------------------------------

_listening: list[bool] = []


def _listen_once() -> None:
    if _listening:
        return
    _listening.append(True)
    for model, column in OWNERS:
        event.listen(model, "after_update", partial(_after_update, column))
        event.listen(model, "after_delete", partial(_after_delete, column))
    for parent, owner, parent_id, column in CASCADES:
        event.listen(
            parent, "before_delete", partial(_before_parent_delete, owner, parent_id, column)
        )
    event.listen(PanelMember, "before_delete", _before_member_delete)
    event.listen(FlaskSession, "after_commit", _after_commit)
    event.listen(FlaskSession, "after_soft_rollback", _after_soft_rollback)


def _after_update(column: str, _mapper, connection, target) -> None:
    for old in inspect(target).attrs[column].history.deleted or ():
        _gone(connection, target, old)


def _after_delete(column: str, _mapper, connection, target) -> None:
    _gone(connection, target, getattr(target, column))


def _before_parent_delete(owner, parent_id: str, column: str, _mapper, connection, target) -> None:
    table = owner.__table__
    keys = connection.execute(select(table.c[column]).where(table.c[parent_id] == target.id))
    for (key,) in keys:
        _gone(connection, target, key)


def _before_member_delete(_mapper, connection, target) -> None:
    for (key,) in connection.execute(MEMBER_RECEIPTS, {"member_id": target.id}):
        _gone(connection, target, key)


def _gone(connection, target, key: str | None) -> None:
    """The row no longer holds `key`: delete its file with this transaction."""
    if not filestore.is_key(key) or not has_app_context():
        return
    if isinstance(store(), DatabaseStore):
        connection.execute(delete(StoredFile).where(StoredFile.key == key))
        return
    session = object_session(target)
    if session is not None:
        session.info.setdefault(_GONE, set()).add(key)


def _after_commit(session) -> None:
    session.info.pop(_PUT, None)
    gone = session.info.pop(_GONE, None)
    if gone and has_app_context():
        _delete_quietly(gone)


def _after_soft_rollback(session, previous_transaction) -> None:
    session.info.pop(_GONE, None)  # the rows keep their keys: keep the files
    if previous_transaction.parent is None:
        put = session.info.pop(_PUT, None)
        if put and has_app_context():
            _delete_quietly(put)  # nothing points to these


def _delete_quietly(keys: Iterable[str]) -> None:
    """Delete from the store; one left over (store down) is logged, never an error."""
    current = store()
    for key in keys:
        try:
            current.delete(key)
        except StoreUnavailable as error:
            current_app.logger.warning("Stored file %s left over: %r", key, error.__cause__)
