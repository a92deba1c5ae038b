"""Command: flask --app panels export-plan JOB_REF."""

from __future__ import annotations

import sys

import click
from flask import Flask

from panels.orgs.cli import job_by_ref, organisation_option
from panels.plan import queries


def register(app: Flask) -> None:
    @app.cli.command("export-plan")
    @click.argument("job_ref")
    @organisation_option
    def export_plan(job_ref: str, organisation: str | None) -> None:
        """Write the day plan for JOB_REF as CSV to standard output."""
        job = job_by_ref(job_ref, organisation)
        if job is None:
            click.echo(f"There is no job with the reference {job_ref}.", err=True)
            sys.exit(1)
        plan, problems = queries.plan_or_problems(job)
        if plan is None:
            click.echo(f"The day for {job.ref} cannot be planned yet:", err=True)
            for problem in problems:
                click.echo(f"- {problem}", err=True)
            sys.exit(2)
        click.echo(queries.plan_csv(job, plan), nl=False)
