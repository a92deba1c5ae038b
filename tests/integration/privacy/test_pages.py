"""Keeping records through the Flask client: the organisation's setting, a job's records
(hold, release, appointed, remove early), a person's page (export, delete on request),
and the easy-read notices."""

from __future__ import annotations

import io
import zipfile

from sqlalchemy import select

from panels.db import db
from panels.models import (
    AnonymisedCandidate,
    AuditEvent,
    Candidate,
    Job,
    JobRetention,
    OrganisationSettings,
)
from tests.conftest import signed_in_client
from tests.integration.invitations_helpers import token
from tests.integration.privacy_helpers import PEOPLE, decided_job


def _client(app):
    with app.app_context():
        ids = decided_job(months_ago=2)
    return ids, signed_in_client(app, ids["coordinator"])


def test_the_organisation_sets_how_long_and_sees_what_goes_when(app):
    ids, client = _client(app)
    page = client.get("/organisation/retention")
    assert page.status_code == 200
    assert "Support worker (JOB-R)" in page.text and "Next removal on" in page.text
    saved = client.post(
        "/organisation/retention", data={"keep_months": "3", "keep_appointed_months": "24"}
    )
    assert saved.status_code == 302
    with app.app_context():
        job = db.session.get(Job, ids["job"])
        settings = db.session.get(OrganisationSettings, job.organisation_id)
        assert (settings.keep_months, settings.keep_appointed_months) == (3, 24)
    assert "for 3 months after" in client.get("/organisation").text


def test_a_period_of_0_or_100_years_is_refused_and_nothing_changes(app):
    ids, client = _client(app)
    for months, words in (
        ("0", "at least 1 month"),
        ("1200", "at most 120 months"),
        ("six", "whole number"),
        ("", "whole number"),
    ):
        refused = client.post(
            "/organisation/retention", data={"keep_months": months, "keep_appointed_months": "12"}
        )
        assert refused.status_code == 400
        assert words in refused.text and "There is a problem" in refused.text
    with app.app_context():
        job = db.session.get(Job, ids["job"])
        assert db.session.get(OrganisationSettings, job.organisation_id) is None


def test_hold_release_appointed_and_remove_early(app):
    ids, client = _client(app)
    url = f"/jobs/{ids['job']}/retention"
    page = client.get(url)
    assert page.status_code == 200 and "Kept until" in page.text
    empty = client.post(url + "/hold", data={"reason": "  "})
    assert empty.status_code == 400 and "Enter why the records are held" in empty.text
    assert client.post(url + "/hold", data={"reason": "A complaint"}).status_code == 302
    held = client.get(url)
    assert "Reason: A complaint" in held.text
    refused = client.post(url + "/remove")
    assert refused.status_code == 409 and "Release the hold first" in refused.text
    assert client.post(url + "/release").status_code == 302
    wrong = client.post(url + "/appointed", data={"candidate": "999999"})
    assert wrong.status_code == 400 and "Choose one of the job" in wrong.text
    chosen = ids["candidates"][1]
    assert client.post(url + "/appointed", data={"candidate": str(chosen)}).status_code == 302
    with app.app_context():
        row = db.session.get(JobRetention, ids["job"])
        assert row.appointed_id == chosen and row.held_at is None
    confirm = client.get(url + "/remove")
    assert "Yes, remove their details" in confirm.text and PEOPLE[0][0] in confirm.text
    assert client.post(url + "/remove").status_code == 302
    with app.app_context():
        gone = db.session.scalars(select(AnonymisedCandidate.why)).all()
        assert gone == ["early"] * 3
    assert "Removed" in client.get(url).text


def test_remove_early_is_refused_before_the_decision(app):
    ids, client = _client(app)
    with app.app_context():
        from panels.models import ScoringState

        db.session.get(ScoringState, ids["job"]).finalised_at = None
        db.session.commit()
    refused = client.post(f"/jobs/{ids['job']}/retention/remove")
    assert refused.status_code == 409 and "not finalised yet" in refused.text
    with app.app_context():
        assert not db.session.scalars(select(AnonymisedCandidate)).all()


def test_export_a_candidate_is_a_zip_with_a_pdf_json_and_is_audited(app):
    ids, client = _client(app)
    cid = ids["candidates"][0]
    page = client.get(f"/jobs/{ids['job']}/candidates/{cid}/privacy")
    assert page.status_code == 200 and "Download everything we hold" in page.text
    got = client.post(f"/jobs/{ids['job']}/candidates/{cid}/privacy/export")
    assert got.status_code == 200 and got.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(got.data)) as archive:
        assert {"everything.json", "summary.pdf"} <= set(archive.namelist())
        everything = archive.read("everything.json").decode()
        pdf = archive.read("summary.pdf")
    assert PEOPLE[0][1] in everything and "needs a quiet room" in everything
    assert '"score_sheets": [' in everything  # the job is decided: its scores are in
    from pypdf import PdfReader

    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert PEOPLE[0][0] in text
    with app.app_context():
        actions = db.session.scalars(select(AuditEvent.action)).all()
        assert "personal data exported" in actions


def test_delete_a_candidate_on_request(app):
    ids, client = _client(app)
    cid = ids["candidates"][2]
    url = f"/jobs/{ids['job']}/candidates/{cid}/privacy/delete"
    assert "Yes, delete their details" in client.get(url).text
    assert client.post(url).status_code == 302
    with app.app_context():
        candidate = db.session.get(Candidate, cid)
        assert candidate.name == f"Candidate {cid}" and candidate.email == ""
        assert db.session.get(AnonymisedCandidate, cid).why == "request"
    again = client.post(url)
    assert again.status_code == 409 and "already removed" in again.text


def test_the_notices_say_the_organisations_real_setting(app):
    ids, client = _client(app)
    with app.app_context():
        job = db.session.get(Job, ids["job"])
        db.session.add(OrganisationSettings(organisation_id=job.organisation_id, keep_months=9))
        db.session.commit()
        # A new job, not yet decided, whose candidate still has a link.
        link = token(app, ids["candidates"][0])
    invitation = client.get(f"/invite/{link}")
    assert f"/invite/{link}/privacy" in invitation.text
    notice = client.get(f"/invite/{link}/privacy")
    assert notice.status_code == 200
    assert "Then we keep your things for 9 months." in notice.text
    assert "Listen" in notice.text and "/invite/symbols/" in notice.text
    assert client.get("/invite/not-a-link/privacy").status_code == 404
    # Someone applying reads the same notice from the application form.
    from tests.integration.shortlist_helpers import TOKEN, open_form

    with app.app_context():
        open_form(ids["job"])
        db.session.commit()
    form = app.test_client().get(f"/apply/{TOKEN}")
    assert f"/apply/{TOKEN}/privacy" in form.text
    applicant = app.test_client().get(f"/apply/{TOKEN}/privacy")
    assert applicant.status_code == 200
    assert "Then we keep your things for 9 months." in applicant.text
    assert "Back to the application form" in applicant.text
    assert app.test_client().get("/apply/no-such-form/privacy").status_code == 404
    member = client.get(f"/jobs/{ids['job']}/how-we-keep-your-details")
    assert member.status_code == 200 and "We keep the scores you give." in member.text
    job_page = client.get(f"/jobs/{ids['job']}")
    assert f"/jobs/{ids['job']}/retention" in job_page.text
    assert (
        f"/jobs/{ids['job']}/how-we-keep-your-details" in job_page.text
    )  # the coordinator is on the panel


def test_the_persons_pages_link_to_everything_we_hold(app):
    ids, client = _client(app)
    cid, mid = ids["candidates"][0], ids["members"][1]
    edit = client.get(f"/jobs/{ids['job']}/candidates/{cid}")
    assert f"/jobs/{ids['job']}/candidates/{cid}/privacy" in edit.text
    member = client.get(f"/jobs/{ids['job']}/panel/{mid}")
    assert f"/jobs/{ids['job']}/members/{mid}/privacy" in member.text
