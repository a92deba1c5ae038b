"""Demo data: one organisation, whose one job has a mixed panel of 4 members and 3
candidates, and the `load-demo` command. Each area adds its part (Area.demo), in the
app's order of areas."""

from __future__ import annotations

from datetime import date, time, timedelta

import click
from flask import Flask, current_app
from sqlalchemy import func, select

from panels.auth.service import set_password
from panels.common.areas import areas_of
from panels.db import db
from panels.models import (
    Candidate,
    Job,
    Organisation,
    OrganisationSettings,
    OrgMembership,
    OrgRole,
    PanelMember,
    User,
)
from panels.models.base import utcnow

DEMO_PASSWORD = "panels-demo"  # noqa: S105  (printed for newcomers; demo only)
DEMO_ORGANISATION = ("Demo organisation", "demo")
DEMO_CONTACT = "Alex Morgan, 0113 496 0000, coordinator@example.org"

PEOPLE = [
    # key, name, email, coordinator, pace, scale, read_aloud, large_text, group, about
    (
        "alex",
        "Alex Morgan",
        "coordinator@example.org",
        True,
        1.0,
        "points5",
        False,
        False,
        "organisation",
        "I work in HR. I like walking.",
    ),
    (
        "sam",
        "Sam Patel",
        "sam@example.org",
        False,
        2.0,
        "faces3",
        True,
        True,
        "lived experience",
        "I like football and music.",
    ),
    (
        "jo",
        "Jo Williams",
        "jo@example.org",
        False,
        1.5,
        "faces3",
        True,
        False,
        "lived experience",
        "I help run a self-advocacy group.",
    ),
    (
        "priya",
        "Priya Shah",
        "priya@example.org",
        False,
        1.0,
        "points5",
        False,
        False,
        "organisation",
        "I manage the support team.",
    ),
]

CANDIDATES = [
    ("ruth", "Ruth Okafor", "ruth@example.net", "07700 900101", "A quiet room to wait in"),
    ("dan", "Daniel Evans", "dan@example.net", "07700 900102", ""),
    ("mei", "Mei Chen", "mei@example.net", "07700 900103", "Questions written down as well"),
]


def is_empty() -> bool:
    return (db.session.scalar(select(func.count(User.id))) or 0) == 0


def load_demo(today: date | None = None) -> Job:
    """Add the demo organisation and its job. Call on an empty database only.

    The demo coordinator is the organisation's admin; the others are its panel members.
    """
    today = today or utcnow().date()
    org_name, org_slug = DEMO_ORGANISATION
    organisation = Organisation(name=org_name, slug=org_slug)
    db.session.add(organisation)
    db.session.add(
        OrganisationSettings(
            organisation=organisation, display_name="Leeds Community Care", contact=DEMO_CONTACT
        )
    )
    job = Job(
        organisation=organisation,
        ref="DEMO-SW-01",
        title="Support worker",
        interview_date=today + timedelta(days=14),
        start_time=time(9, 30),
        place="Community Hub\n12 High Street\nLeeds\nLS1 1AA",
        contact=DEMO_CONTACT,
        lived_group="lived experience",  # Sam and Jo: the coordinator marked their group
    )
    db.session.add(job)
    for key, name, email, coord, pace, scale, aloud, large, group, about in PEOPLE:
        user = User(
            email=email,
            name=name,
            pace=pace,
            more_time=pace > 1,
            scale=scale,
            read_aloud=aloud,
            large_text=large,
            pictures=True,
            about=about,
        )
        set_password(user, DEMO_PASSWORD)
        db.session.add(user)
        role = OrgRole.ADMIN if coord else OrgRole.MEMBER
        db.session.add(OrgMembership(user=user, organisation=organisation, role=role.value))
        db.session.add(PanelMember(job=job, user=user, key=key, group=group))
    for position, (key, name, email, phone, adjustments) in enumerate(CANDIDATES, start=1):
        db.session.add(
            Candidate(
                job=job,
                key=key,
                name=name,
                email=email,
                phone=phone,
                adjustments=adjustments,
                position=position,
            )
        )
    db.session.flush()
    for area in areas_of(current_app):
        if area.demo is not None:
            area.demo(job)
    db.session.commit()
    return job


def register_cli(app: Flask) -> None:
    @app.cli.command("load-demo")
    def load_demo_command() -> None:
        """Load demo data, if the database is empty."""
        if not is_empty():
            click.echo("The database already has people in it: demo data not loaded.")
            return
        job = load_demo()
        click.echo(f"Demo job loaded: {job.title} ({job.ref}), in {job.organisation.name}.")
