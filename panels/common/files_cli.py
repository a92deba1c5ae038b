"""``flask files import-local``: move photos kept on this machine's disk into the file store.

Before the file store, photos were files under ``MEDIA_DIR/photos`` and rows held their
file names. This moves each one into the store (the database, or S3 when configured) and
puts the new key on its row, one row at a time, then removes the moved files. Running it
again does nothing more: rows that already hold a key are left alone. A row whose file is
not on this machine is left as it is (run the command where the files are).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from panels.common import storage
from panels.db import db
from panels.lib import filestore, photos

files_cli = AppGroup("files", help="Stored files: people's photos and question pictures.")


@dataclass
class Imported:
    moved: int = 0
    missing: list[str] = field(default_factory=list)
    removed: int = 0
    failed: str = ""


def import_local(folder: Path, keep: bool = False) -> Imported:
    """Move every photo a row names from `folder` into the store; what happened."""
    done = Imported()
    moved_names: set[str] = set()
    for model, column in storage.OWNERS:
        attr = getattr(model, column)
        rows = db.session.scalars(select(model).where(attr != "").order_by(model.id)).all()
        for row in rows:
            name = getattr(row, column)
            if filestore.is_key(name):
                continue
            path = photos.path_for(folder, name)
            if path is None:
                done.missing.append(name)
                continue
            content_type = filestore.TYPE_FOR_EXTENSION[name.rsplit(".", 1)[1].lower()]
            try:
                setattr(row, column, storage.put_file(path.read_bytes(), content_type))
                db.session.commit()
            except filestore.StoreUnavailable as error:
                db.session.rollback()
                done.failed = str(error)
                return done
            done.moved += 1
            moved_names.add(name)
    if not keep:
        done.removed = _remove(folder, moved_names - _names_still_used())
    return done


def _names_still_used() -> set[str]:
    used: set[str] = set()
    for model, column in storage.OWNERS:
        used.update(db.session.scalars(select(getattr(model, column))).all())
    return used


def _remove(folder: Path, names: set[str]) -> int:
    removed = 0
    for name in names:
        path = photos.path_for(folder, name)
        if path is not None:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


@files_cli.command("import-local")
@click.option(
    "--folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The old photo folder (MEDIA_DIR/photos unless given).",
)
@click.option("--keep", is_flag=True, help="Keep the files on disk after moving them.")
def import_local_command(folder: Path | None, keep: bool) -> None:
    """Move photos kept on this machine's disk into the file store. Safe to run again."""
    folder = folder or photos.folder_for(current_app.config["MEDIA_DIR"])
    done = import_local(folder, keep=keep)
    click.echo(f"Moved {done.moved} photo(s) from {folder} into the file store.")
    if done.removed:
        click.echo(f"Removed {done.removed} moved file(s) from the disk.")
    if done.missing:
        click.echo(
            f"{len(done.missing)} photo(s) are not in {folder}: left as they were. "
            "Run this where those files are."
        )
    if done.failed:
        raise click.ClickException(f"{done.failed} Moved so far are kept. Run this again later.")
