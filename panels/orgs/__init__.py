"""Organisations: one installation, many organisations. Each coordinator works for one or
more; jobs and people belong to one. The organisation page: coordinators, invitations,
roles, and the organisation's settings (what candidates see of it)."""

from __future__ import annotations

from panels.common.areas import Area


def area() -> Area:
    """What this area brings to the app (imported only when the app is built)."""
    from panels.orgs import cli, views

    return Area(
        name="orgs",
        blueprint=views.bp,
        register_cli=cli.register,
    )
