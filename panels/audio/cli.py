"""Command: flask --app panels prune-audio [--days 30]."""

from __future__ import annotations

import click
from flask import Flask

from panels.audio.prune import audio_folder, prune


def register(app: Flask) -> None:
    @app.cli.command("prune-audio")
    @click.option(
        "--days",
        default=30,
        show_default=True,
        type=click.IntRange(min=1),
        help="Remove clips not used for this many days.",
    )
    def prune_audio(days: int) -> None:
        """Delete read-aloud clips nobody has played for a while (they are made again)."""
        click.echo(prune(audio_folder(app.config["MEDIA_DIR"]), days).summary())
