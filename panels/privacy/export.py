"""Everything we hold about one person: a ZIP with a summary PDF anyone can read, the same
as JSON, and their files. Each area says what it holds (``personal_data``)."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from flask import current_app

from panels.common import storage
from panels.common.areas import areas_of
from panels.common.audit import record
from panels.common.pdf import PdfFailed, build_pdf
from panels.lib import filestore
from panels.models import Candidate, Organisation, User
from panels.models.base import utcnow

STYLESHEET = Path(__file__).resolve().parent.parent.parent / "static" / "privacy" / "summary.css"
EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "application/pdf": ".pdf"}


@dataclass(frozen=True)
class Part:
    """One area's part of the export."""

    area: str
    data: dict[str, Any]
    files: dict[str, str]


def _json_ready(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_ready(v) for v in value]
    return value


def candidate_parts(candidate: Candidate) -> list[Part]:
    parts = []
    for area in areas_of(current_app):
        hook = area.personal_data
        if hook is not None and hook.candidate_export is not None:
            held = hook.candidate_export(candidate)
            parts.append(Part(area.name, _json_ready(dict(held.data)), dict(held.files)))
    return parts


def member_parts(user: User, organisation_id: int) -> list[Part]:
    parts = []
    for area in areas_of(current_app):
        hook = area.personal_data
        if hook is not None and hook.member_export is not None:
            held = hook.member_export(user, organisation_id)
            parts.append(Part(area.name, _json_ready(dict(held.data)), dict(held.files)))
    return parts


def _pdf(title: str, about: str, people: list[tuple[str, list[Part]]], made: datetime) -> bytes:
    template = current_app.jinja_env.get_template("privacy/summary_pdf.html")
    html = template.render(title=title, about=about, people=people, made=made)
    try:
        return build_pdf(html, stylesheet=STYLESHEET)
    except PdfFailed:
        return b""


def build_zip(title: str, about: str, people: list[tuple[str, list[Part]]]) -> bytes:
    """The ZIP: summary.pdf, everything.json and files/ (each person's, by area)."""
    made = utcnow()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        everything = {
            "about": about,
            "made": made.isoformat(),
            "people": [
                {"who": who, **{part.area: part.data for part in parts}} for who, parts in people
            ],
        }
        archive.writestr("everything.json", json.dumps(everything, indent=2, ensure_ascii=False))
        pdf = _pdf(title, about, people, made)
        if pdf:
            archive.writestr("summary.pdf", pdf)
        for number, (_who, parts) in enumerate(people, start=1):
            for name, found in _files(parts):
                archive.writestr(f"files/{number}-{name}", found.data)
    return out.getvalue()


def _files(parts: Iterable[Part]) -> Iterable[tuple[str, filestore.StoredObject]]:
    for part in parts:
        found = storage.fetch_many(part.files.values())
        for name, key in part.files.items():
            if key in found:
                ext = EXTENSIONS.get(found[key].content_type, "")
                yield f"{part.area}-{name}{ext}", found[key]


def export_candidate(candidate: Candidate, actor_id: int | None) -> bytes:
    """The candidate's ZIP; the export is in the audit trail (the caller commits)."""
    parts = candidate_parts(candidate)
    about = f"Everything {candidate.job.organisation.name} holds about a candidate."
    data = build_zip(f"Everything we hold about {candidate.name}", about, [(candidate.name, parts)])
    record(
        "personal data exported",
        job_id=candidate.job_id,
        actor_id=actor_id,
        candidate=candidate.key,
    )
    return data


def export_member(user: User, organisation: Organisation, actor_id: int | None) -> bytes:
    parts = member_parts(user, organisation.id)
    about = f"Everything {organisation.name} holds about a panel member."
    data = build_zip(f"Everything we hold about {user.name}", about, [(user.name, parts)])
    record(
        "personal data exported",
        actor_id=actor_id,
        on_behalf_of_id=user.id,
        organisation=organisation.slug,
    )
    return data


def export_everyone_with(email: str, people: list[tuple[str, list[Part]]]) -> bytes:
    """For the command line: everyone with this email address, in every organisation."""
    return build_zip(
        f"Everything Panels holds about {email}",
        "Everything this installation of Panels holds about one email address.",
        people,
    )
