"""A job ready for its decision meeting: groups set, scores sent, scoring closed."""

from __future__ import annotations

from panels.db import db
from panels.models import Job, PanelMember
from tests.conftest import signed_in_client
from tests.integration.scoring_helpers import score_url, scoring_job


def send(app, user_id, ids, cand, q1, q2):
    client = signed_in_client(app, user_id)
    body = {"client_id": f"{user_id}-{cand}", "answers": {"q1": q1, "q2": q2}, "submit": True}
    assert client.post(score_url(ids, cand, "/send"), json=body).status_code == 200


def decision_job(app, ref="JOB-D", close=True):
    """Sam and Jo (lived experience, 3 faces) put Ruth first; Alex (organisation, 1 to 5)
    puts Dan first. Ruth: Sam 100, Jo 50, Alex 0 -> 50. Dan: Sam 0, Jo 50, Alex 100 -> 50.
    The lived-experience group's first choice is Ruth (75 against 25)."""
    with app.app_context():
        ids = scoring_job(ref=ref)
        for member in db.session.scalars(
            db.select(PanelMember).where(PanelMember.job_id == ids["job"])
        ):
            member.group = "organisation" if member.user_id == ids["coord"] else "lived experience"
        # The coordinator marked which group is people with lived experience.
        db.session.get(Job, ids["job"]).lived_group = "lived experience"
        db.session.commit()
    send(app, ids["sam"], ids, 0, 3, 3)
    send(app, ids["jo"], ids, 0, 2, 2)
    send(app, ids["coord"], ids, 0, 1, 1)
    send(app, ids["sam"], ids, 1, 1, 1)
    send(app, ids["jo"], ids, 1, 2, "dk")
    if close:  # the last sheet sent closes scoring by itself
        send(app, ids["coord"], ids, 1, 5, 5)
    return ids


def url(ids, suffix=""):
    return f"/jobs/{ids['job']}/decision{suffix}"
