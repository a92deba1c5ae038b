"""Commands: flask --app panels create-organisation, and the --organisation option the
other commands share (``pick_organisation``, ``job_by_ref``, ``job_by_ref_or_stop``)."""

from __future__ import annotations

import click
from flask import Flask

from panels.db import db
from panels.models import Job, Organisation
from panels.orgs import queries, service

DEFAULT_ORGANISATION = "Our organisation"

organisation_option = click.option(
    "--organisation",
    default=None,
    metavar="SLUG",
    help="The organisation's short name (slug). Needed when there are several.",
)


def pick_organisation(
    slug: str | None, *, create: bool = False, name: str | None = None
) -> Organisation:
    """The organisation a command works in.

    With a slug: that organisation (made, named ``name``, if ``create``). Without: the
    installation's only organisation, or a new "Our organisation" if it has none yet.
    With several and no slug, the command stops and asks for one.
    """
    if slug:
        found = queries.by_slug(slug)
        if found is not None:
            return found
        if not create:
            raise click.ClickException(f'There is no organisation "{slug}".')
        if not service.is_slug(slug):
            raise click.ClickException(
                "An organisation's short name has only lower-case letters, digits and dashes,"
                " like north-leeds."
            )
        return service.create_organisation(name or slug.replace("-", " ").capitalize(), slug)
    only = queries.only_one()
    if only is not None:
        return only
    if queries.organisation_count() == 0:
        return service.create_organisation(name or DEFAULT_ORGANISATION)
    raise click.ClickException("There are several organisations: say which with --organisation.")


def job_by_ref(ref: str, organisation: str | None) -> Job | None:
    """The job with this reference (in the organisation, if given); None if there is none.

    Stops if several organisations have a job with this reference and none was given.
    """
    organisation_id = None
    if organisation:
        found = queries.by_slug(organisation)
        if found is None:
            raise click.ClickException(f'There is no organisation "{organisation}".')
        organisation_id = found.id
    jobs = queries.jobs_with_ref(ref, organisation_id)
    if len(jobs) > 1:
        raise click.ClickException(
            f'Several organisations have a job "{ref}": say which with --organisation.'
        )
    return jobs[0] if jobs else None


def job_by_ref_or_stop(ref: str, organisation: str | None) -> Job:
    """The job with this reference (see ``job_by_ref``); stops, saying so, if there is none."""
    job = job_by_ref(ref, organisation)
    if job is None:
        raise click.ClickException(f'There is no job with the reference "{ref}".')
    return job


def register(app: Flask) -> None:
    @app.cli.command("list-organisations")
    def list_organisations() -> None:
        """Show every organisation: its short name, name and coordinators."""
        from sqlalchemy import select

        for org in db.session.scalars(select(Organisation).order_by(Organisation.slug)):
            people = ", ".join(m.user.email for m in queries.coordinators(org.id))
            click.echo(f"{org.slug}\t{org.name}\t{people}")
