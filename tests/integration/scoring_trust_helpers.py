"""Helpers for the issue 9 scoring tests: row counts, page versions, sends."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from panels.db import db


def row_counts(app) -> dict[str, int]:
    """How many rows every table holds: to show that a request wrote nothing."""
    with app.app_context():
        return {
            table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables
        }


def form_fields(html: str) -> dict[str, str]:
    """The hidden fields a score page carries (version, scale, client_id)."""
    fields = {}
    for name in ("version", "scale", "client_id"):
        found = re.search(rf'name="{name}" value="([^"]*)"', html)
        if found:
            fields[name] = found.group(1)
    return fields


def checked(html: str) -> dict[str, str]:
    """Question key -> the value checked on a score page."""
    out = {}
    for tag in re.findall(r"<input[^>]*class=\"tile-input\"[^>]*>", html):
        if " checked" in tag:
            name = re.search(r'name="q-([^"]+)"', tag).group(1)
            out[name] = re.search(r'value="([^"]+)"', tag).group(1)
    return out


def send_json(client, url, client_id, answers, version=0, **extra):
    body = {"client_id": client_id, "version": version, "answers": answers, **extra}
    return client.post(url, json=body)
