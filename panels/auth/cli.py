"""Command: flask --app panels create-coordinator."""

from __future__ import annotations

import click
from flask import Flask

from panels.auth import two_step
from panels.auth.service import normalise_email, set_password, user_by_email
from panels.db import db
from panels.models import OrgRole, User


def register(app: Flask) -> None:
    @app.cli.command("create-coordinator")
    @click.option("--email", prompt=True)
    @click.option("--name", prompt=True)
    @click.password_option()
    @click.option(
        "--organisation",
        default=None,
        metavar="SLUG",
        help="The organisation's short name (slug); made if new. The person becomes its "
        "admin. Needed when there are several organisations.",
    )
    @click.option("--organisation-name", default=None, help="The name of a new organisation.")
    def create_coordinator(
        email: str,
        name: str,
        password: str,
        organisation: str | None,
        organisation_name: str | None,
    ) -> None:
        """Add an admin of an organisation (or make an existing person one)."""
        from panels.orgs import service
        from panels.orgs.cli import pick_organisation

        into = pick_organisation(organisation, create=True, name=organisation_name)
        user = user_by_email(email) or User(email=normalise_email(email), name=name)
        set_password(user, password)
        db.session.add(user)
        db.session.flush()
        service.join(into, user, OrgRole.ADMIN)
        db.session.commit()
        click.echo(f"{user.name} can now sign in as an admin of {into.name} ({into.slug}).")

    @app.cli.command("two-step-off")
    @click.argument("email")
    def two_step_off(email: str) -> None:
        """Turn off someone's two-step sign-in (they lost their phone and recovery codes)."""
        user = user_by_email(email)
        if user is None:
            raise click.ClickException(f"Nobody has the email address {email}.")
        if not user.two_step_on and not user.two_step_secret:
            click.echo(f"{user.name} does not use two-step sign-in.")
            return
        two_step.reset(user)
        click.echo(
            f"Two-step sign-in is off for {user.name}. If their organisation requires it, "
            "they set it up again when they next sign in."
        )
