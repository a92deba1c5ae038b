"""A world for the pay tests: two organisations, a mixed panel, helpers to post forms.

Alpha Trust: Alex (admin, on job A's panel), Cleo (coordinator, not on the panel),
Sam and Jo (panel members of job A). Beta Care: Bea (admin) and job B with Olu.
"""

from __future__ import annotations

import io
import re
from datetime import date, time

from PIL import Image

from panels.db import db
from panels.models import OrgRole
from tests.conftest import make_job, make_user, signed_in_client
from tests.integration.invitations_helpers import add_questions
from tests.integration.orgs_helpers import coordinator, organisation

CSRF_RE = re.compile(r'name="(?:[\w-]*-)?csrf_token"[^>]*value="([^"]+)"')


def pay_world(app, questions: bool = True) -> dict:
    with app.app_context():
        org_a = organisation("Alpha Trust", "alpha")
        org_b = organisation("Beta Care", "beta")
        alex = coordinator("Alex Admin", "alex@alpha.example", org_a, OrgRole.ADMIN)
        cleo = coordinator("Cleo Coord", "cleo@alpha.example", org_a, OrgRole.COORDINATOR)
        bea = coordinator("Bea Beta", "bea@beta.example", org_b, OrgRole.ADMIN)
        sam = make_user("Sam Member", "sam@alpha.example")
        jo = make_user("Jo Member", "jo@alpha.example")
        olu = make_user("Olu Beta", "olu@beta.example")
        job_a = make_job(
            "PAY-A", "Support worker", [alex, sam, jo], ["Ruth", "Dan"], organisation=org_a,
            interview_date=date(2026, 12, 15), start_time=time(9, 30),
        )  # fmt: skip
        job_b = make_job("PAY-B", "Office helper", [olu], ["Mei"], organisation=org_b)
        if questions:
            add_questions(job_a)
        db.session.commit()
        m_alex, m_sam, m_jo = job_a.members
        return {
            "alex": alex.id,
            "cleo": cleo.id,
            "bea": bea.id,
            "sam": sam.id,
            "jo": jo.id,
            "olu": olu.id,
            "job_a": job_a.id,
            "job_b": job_b.id,
            "org_a": org_a.id,
            "org_b": org_b.id,
            "m_alex": m_alex.id,
            "m_sam": m_sam.id,
            "m_jo": m_jo.id,
            "m_olu": job_b.members[0].id,
        }


def client_for(app, user_id):
    return signed_in_client(app, user_id)


def csrf(client, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    found = CSRF_RE.search(html)
    return found.group(1) if found else ""


def post(client, url: str, data: dict, page: str | None = None, **kw):
    """POST with a CSRF token taken from ``page`` (default: the same address)."""
    token = csrf(client, page or url)
    return client.post(url, data={"csrf_token": token, **data}, **kw)


def png(colour=(20, 120, 200), size=(60, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def jpeg_with_exif() -> bytes:
    """A JPEG carrying EXIF data (a camera make and a GPS block)."""
    image = Image.new("RGB", (80, 60), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x8825] = {2: (53.0, 48.0, 0.0)}  # GPSInfo: latitude
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()
