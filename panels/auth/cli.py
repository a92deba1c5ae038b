"""Command: flask --app panels create-coordinator."""

from __future__ import annotations

import click
from flask import Flask

from panels.auth.service import normalise_email, set_password, user_by_email
from panels.db import db
from panels.models import User


def register(app: Flask) -> None:
    @app.cli.command("create-coordinator")
    @click.option("--email", prompt=True)
    @click.option("--name", prompt=True)
    @click.password_option()
    def create_coordinator(email: str, name: str, password: str) -> None:
        """Add a coordinator account (or make an existing person a coordinator)."""
        user = user_by_email(email) or User(email=normalise_email(email), name=name)
        user.is_coordinator = True
        set_password(user, password)
        db.session.add(user)
        db.session.commit()
        click.echo(f"{user.name} can now sign in as a coordinator.")
