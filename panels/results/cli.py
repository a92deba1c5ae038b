"""Commands: flask --app panels export-results JOB_REF / export-job JOB_REF / import-job
FILE.json."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask

from panels.orgs.cli import job_by_ref_or_stop, organisation_option, pick_organisation


def register(app: Flask) -> None:
    @app.cli.command("export-results")
    @click.argument("job_ref")
    @organisation_option
    def export_results(job_ref: str, organisation: str | None) -> None:
        """Write a job's combined results as CSV to standard output."""
        from panels.results.exports import to_csv
        from panels.results.service import combined_results

        job = job_by_ref_or_stop(job_ref, organisation)
        sys.stdout.write(to_csv(combined_results(job).results))

    @app.cli.command("export-job")
    @click.argument("job_ref")
    @organisation_option
    def export_job(job_ref: str, organisation: str | None) -> None:
        """Write a job as a JSON job file to standard output (see docs/job-file.md)."""
        from panels.results.export_file import job_file_text

        job = job_by_ref_or_stop(job_ref, organisation)
        sys.stdout.write(job_file_text(job))

    @app.cli.command("import-job")
    @click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
    @organisation_option
    def import_job(path: Path, organisation: str | None) -> None:
        """Create or update a job from a JSON job file (see docs/job-file.md)."""
        from panels.results.importer import import_text
        from panels.results.jobfile import JobFileError

        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise click.ClickException(f"Cannot read {path}: {error}") from None
        into = pick_organisation(organisation)
        try:
            job = import_text(text, actor_id=None, source=path.name, organisation_id=into.id)
        except JobFileError as error:
            click.echo(f"{path.name} was not imported. Nothing was changed. Problems:", err=True)
            for problem in error.problems:
                click.echo(f"- {problem}", err=True)
            sys.exit(1)
        click.echo(f"Imported {job.ref}: {job.title}.")
