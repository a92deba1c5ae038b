"""Command: flask --app panels export-payments JOB_REF."""

from __future__ import annotations

import sys

import click
from flask import Flask

from panels.orgs.cli import job_by_ref_or_stop, organisation_option

CLI_HEADER = ("member", "hours", "rate", "amount", "choice", "expenses", "total")


def register(app: Flask) -> None:
    @app.cli.command("export-payments")
    @click.argument("job_ref")
    @organisation_option
    def export_payments(job_ref: str, organisation: str | None) -> None:
        """Write a job's pay claims as CSV to standard output: member, hours, rate,
        amount, choice, expenses, total."""
        from panels.pay import exports, queries

        job = job_by_ref_or_stop(job_ref, organisation)
        rows = exports.claim_rows([(job, queries.rows_for(job))], queries.currency(job))
        keep = [rows[0].index(name) for name in ("member", "hours", "rate", "amount")]
        keep += [rows[0].index(name) for name in ("choice", "expenses", "total")]
        sys.stdout.write(exports.to_csv([[row[i] for i in keep] for row in rows]))
