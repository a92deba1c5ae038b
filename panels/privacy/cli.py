"""Commands: flask --app panels retention --dry-run | --apply, and export-person EMAIL."""

from __future__ import annotations

import re
from pathlib import Path

import click
from flask import Flask


def register(app: Flask) -> None:
    @app.cli.command("retention")
    @click.option("--dry-run", "dry_run", is_flag=True, help="List what would go (the default).")
    @click.option("--apply", "apply", is_flag=True, help="Remove it.")
    def retention(dry_run: bool, apply: bool) -> None:
        """Candidates whose time is up under their organisation's setting: list them, or
        remove their details (names, contact details, notes, links, files), keeping
        scores, results and the audit trail."""
        if dry_run and apply:
            raise click.UsageError("Choose --dry-run or --apply, not both.")
        run_retention(apply)

    @app.cli.command("export-person")
    @click.argument("email")
    @click.option("--out", "out", type=click.Path(dir_okay=False), help="Where to write the ZIP.")
    def export_person(email: str, out: str | None) -> None:
        """Write a ZIP of everything held about the person with this email address: a
        candidate, a panel member, or both (every organisation)."""
        write_export(email, out)


def run_retention(apply: bool) -> None:
    from panels.privacy import service

    report = service.run(apply=apply)
    verb = "Removed" if apply else "Would remove"
    for job, candidates in report.jobs:
        names = ", ".join(c.key if apply else c.name for c in candidates)
        click.echo(f"{verb} {len(candidates)} from {job.ref} ({job.organisation.slug}): {names}")
    for job, error in report.failed:
        click.echo(f"Could not remove from {job.ref}: nothing in it changed ({error})")
    if not report.jobs and not report.failed:
        click.echo("Nothing is due.")
    if apply:
        click.echo(f"Swept {service.sweep()} files nothing owns.")
    if report.failed:
        raise SystemExit(1)


def write_export(email: str, out: str | None) -> None:
    from panels.common.audit import record
    from panels.db import db
    from panels.privacy import export, queries

    people = queries.people_with_email(email)
    if not people:
        raise click.ClickException(f"Nobody with the email address {email} is in Panels.")
    parts = []
    for who, candidate, user, organisation in people:
        if candidate is not None:
            parts.append((who, export.candidate_parts(candidate)))
            record(
                "personal data exported",
                job_id=candidate.job_id,
                candidate=candidate.key,
                reason="flask export-person",
            )
        elif user is not None and organisation is not None:
            parts.append((who, export.member_parts(user, organisation.id)))
            record(
                "personal data exported",
                on_behalf_of_id=user.id,
                organisation=organisation.slug,
                reason="flask export-person",
            )
    data = export.export_everyone_with(email, parts)
    db.session.commit()
    path = Path(out or f"export-{re.sub(r'[^a-z0-9]+', '-', email.lower())}.zip")
    path.write_bytes(data)
    click.echo(f"Wrote {path} ({len(people)} records).")
