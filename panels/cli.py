"""Command-line tools: flask --app panels COMMAND."""

from __future__ import annotations

import click
from flask import Flask

from panels.db import db


def register_cli(app: Flask) -> None:
    @app.cli.command("load-demo")
    def load_demo_command() -> None:
        """Load demo data, if the database is empty."""
        from panels import demo

        if not demo.is_empty():
            click.echo("The database already has people in it: demo data not loaded.")
            return
        job = demo.load_demo()
        click.echo(f"Demo job loaded: {job.title} ({job.ref}).")

    @app.cli.command("create-coordinator")
    @click.option("--email", prompt=True)
    @click.option("--name", prompt=True)
    @click.password_option()
    def create_coordinator(email: str, name: str, password: str) -> None:
        """Add a coordinator account (or make an existing person a coordinator)."""
        from panels.auth.service import normalise_email, set_password, user_by_email
        from panels.models import User

        user = user_by_email(email) or User(email=normalise_email(email), name=name)
        user.is_coordinator = True
        set_password(user, password)
        db.session.add(user)
        db.session.commit()
        click.echo(f"{user.name} can now sign in as a coordinator.")

    for register in CLI_HOOKS:
        register(app)


# Areas add their own commands by appending a function that takes the app.
CLI_HOOKS: list = []
