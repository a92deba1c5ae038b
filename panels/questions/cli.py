"""Command: flask --app panels check-banks [FOLDER]."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask

from panels.questions import banks


def register(app: Flask) -> None:
    @app.cli.command("check-banks")
    @click.argument("folder", required=False, type=click.Path(path_type=Path))
    def check_banks(folder: Path | None) -> None:
        """Check question bank files; print file:line: reason for each problem."""
        folder = folder or banks.shipped_folder()
        if not folder.is_dir():
            click.echo(f"{folder}: this folder does not exist", err=True)
            raise SystemExit(2)
        errors = banks.validate_folder(folder)
        for error in errors:
            click.echo(str(error))
        if errors:
            click.echo(f"{len(errors)} problems found.", err=True)
            raise SystemExit(1)
        loaded = banks.load_banks(folder)
        if not loaded:
            click.echo(f"{folder}: no bank files (*.yaml) in this folder", err=True)
            raise SystemExit(1)
        count = sum(len(b.questions) for b in loaded)
        click.echo(f"{len(loaded)} banks, {count} questions: all fine.")
