"""The plan area's command-line tool and demo data."""

from __future__ import annotations

import sys
from datetime import time

import click
from flask import Flask
from sqlalchemy import select

from panels.cli import CLI_HOOKS
from panels.db import db
from panels.demo import DEMO_HOOKS
from panels.models import DaySettings, Job


def register_export(app: Flask) -> None:
    @app.cli.command("export-plan")
    @click.argument("job_ref")
    def export_plan(job_ref: str) -> None:
        """Write the day plan for JOB_REF as CSV to standard output."""
        from panels.plan import service
        from panels.plan.service import plan_or_problems

        job = db.session.scalar(select(Job).where(Job.ref == job_ref))
        if job is None:
            click.echo(f"There is no job with the reference {job_ref}.", err=True)
            sys.exit(1)
        plan, problems = plan_or_problems(job)
        if plan is None:
            click.echo(f"The day for {job.ref} cannot be planned yet:", err=True)
            for problem in problems:
                click.echo(f"- {problem}", err=True)
            sys.exit(2)
        click.echo(service.plan_csv(job, plan), nl=False)


def demo_day_settings(job: Job) -> None:
    """The demo job's day: starts at the job's time, a break after 90 minutes of work."""
    db.session.add(
        DaySettings(
            job_id=job.id,
            start=job.start_time or time(9, 30),
            end_by=time(16, 30),
            max_work_minutes=90,
            break_minutes=20,
            changeover_minutes=15,
            welcome_minutes=5,
            close_minutes=5,
            arrive_before_minutes=15,
        )
    )


if register_export not in CLI_HOOKS:
    CLI_HOOKS.append(register_export)
if demo_day_settings not in DEMO_HOOKS:
    DEMO_HOOKS.append(demo_day_settings)
