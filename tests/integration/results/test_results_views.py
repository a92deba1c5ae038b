"""HR results: close/reopen with reasons, combined results, exports, query count, audit."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import event, select

from panels.db import db
from panels.models import AuditEvent, Candidate, Job
from tests.conftest import signed_in_client
from tests.integration.scoring_helpers import score_url, scoring_job
from tests.pagecheck import check_error_page, check_page


@pytest.fixture
def ids(app):
    with app.app_context():
        return scoring_job()


def _send(app, user_id, ids, cand, q1, q2):
    client = signed_in_client(app, user_id)
    body = {"client_id": f"{user_id}-{cand}", "answers": {"q1": q1, "q2": q2}, "submit": True}
    assert client.post(score_url(ids, cand, "/send"), json=body).status_code == 200


def test_close_needs_a_reason_then_results_show(app, ids):
    hr = signed_in_client(app, ids["hr"])
    _send(app, ids["sam"], ids, 0, 3, 3)  # Sam: Ruth 100
    _send(app, ids["jo"], ids, 0, 1, "dk")  # Jo: Ruth 0
    _send(app, ids["sam"], ids, 1, 2, 2)  # Sam: Dan 50
    url = f"/jobs/{ids['job']}/results/status"
    bad = hr.post(url, data={"action": "close", "reason": "  "})
    assert bad.status_code == 400
    check_error_page(bad.get_data(as_text=True), "reason", "Say why")
    assert hr.post(url, data={"action": "close", "reason": "Alex is ill"}).status_code == 302
    page = hr.get(f"/jobs/{ids['job']}/results")
    html = page.get_data(as_text=True)
    check_page(html)
    assert "Ruth" in html and "50.0" in html and "disagree strongly" in html
    assert "<svg" in html and 'role="img"' in html and "No: " in html  # incomplete flagged
    # Finalising with missing scores needs a reason.
    fin = hr.post(f"/jobs/{ids['job']}/results", data={"action": "finalise", "reason": ""})
    assert fin.status_code == 400
    check_error_page(fin.get_data(as_text=True), "reason", "missing scores")
    ok = hr.post(
        f"/jobs/{ids['job']}/results", data={"action": "finalise", "reason": "Agreed at panel"}
    )
    assert ok.status_code == 302
    # Scoring is closed: no more changes, even from a tablet.
    sam = signed_in_client(app, ids["sam"])
    late = sam.post(score_url(ids, 1, "/send"), json={"client_id": "late", "answers": {"q1": 1}})
    assert late.status_code == 409 and "closed" in late.json["errors"]["scores"]
    # Reopen needs a reason too.
    assert hr.post(url, data={"action": "reopen", "reason": ""}).status_code == 400
    assert hr.post(url, data={"action": "reopen", "reason": "Jo's paper"}).status_code == 302
    with app.app_context():
        actions = [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
        reasons = {e.action: e.reason for e in db.session.scalars(select(AuditEvent))}
    assert "scoring closed" in actions and "scoring reopened" in actions
    assert (
        reasons["scoring closed"] == "Alex is ill" and reasons["scoring reopened"] == "Jo's paper"
    )


def test_all_sent_closes_by_itself_and_exports(app, ids):
    for cand in (0, 1):
        _send(app, ids["coord"], ids, cand, 5, 4)
        _send(app, ids["sam"], ids, cand, 3, 3)
        _send(app, ids["jo"], ids, cand, 2, 2)
    hr = signed_in_client(app, ids["hr"])
    assert hr.get(f"/jobs/{ids['job']}/results").status_code == 200
    response = hr.get(f"/jobs/{ids['job']}/results.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == [
        "candidate_key",
        "candidate",
        "rank",
        "combined",
        "complete",
        "spread",
        "member:m1",
        "member:m2",
        "member:m3",
    ]
    # Alex (points5): (1 + 0.75)/2 = 87.5; Sam 100; Jo 50 -> 79.2, both tied at rank 1.
    assert rows[1][2:] == ["1", "79.2", "yes", "50.0", "87.5", "100.0", "50.0"]
    assert rows[2][2] == "1"
    xlsx = hr.get(f"/jobs/{ids['job']}/results.xlsx")
    book = load_workbook(io.BytesIO(xlsx.data))
    sheet = book["Results"]
    assert sheet["A1"].value == "candidate_key" and sheet["D2"].value == pytest.approx(79.2)
    # The member who is a coordinator now sees everything too (closed).
    alex = signed_in_client(app, ids["coord"])
    assert alex.get(score_url(ids, 0, "/panel")).status_code == 200
    audit = hr.get(f"/jobs/{ids['job']}/audit").get_data(as_text=True)
    check_page(audit)
    assert "hidden until" not in audit and "&#39;q1&#39;: 5" in audit


def test_exports_wait_for_close_and_members_cannot_see_results(app, ids):
    hr, sam = signed_in_client(app, ids["hr"]), signed_in_client(app, ids["sam"])
    for suffix in ("results", "results.csv", "results.xlsx"):
        assert hr.get(f"/jobs/{ids['job']}/{suffix}").status_code == 302
        assert sam.get(f"/jobs/{ids['job']}/{suffix}").status_code == 403


def test_group_parity_toggle(app, ids):
    with app.app_context():
        from panels.models import PanelMember

        for m in db.session.scalars(select(PanelMember)):
            m.group = "lived experience" if m.key != "m1" else "organisation"
        db.session.commit()
    _send(app, ids["coord"], ids, 0, 5, 5)  # 100
    _send(app, ids["sam"], ids, 0, 1, 1)  # 0
    _send(app, ids["jo"], ids, 0, 1, 1)  # 0
    hr = signed_in_client(app, ids["hr"])
    hr.post(f"/jobs/{ids['job']}/results/status", data={"action": "close", "reason": "Done"})
    html = hr.get(f"/jobs/{ids['job']}/results").get_data(as_text=True)
    assert "33.3" in html
    hr.post(f"/jobs/{ids['job']}/results", data={"action": "parity", "parity": "on"})
    html = hr.get(f"/jobs/{ids['job']}/results").get_data(as_text=True)
    assert "50.0" in html and "Group parity is <strong>on" in html


def _count_queries(app, client, url):
    counter = {"n": 0}

    def count(*_args):
        counter["n"] += 1

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(url)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200
    return counter["n"]


def test_results_page_queries_do_not_grow_with_candidates(app):
    counts = []
    for n, ref in ((5, "Q5"), (30, "Q30")):
        with app.app_context():
            ids = scoring_job(candidates=[f"Person {i}" for i in range(n)], ref=ref)
        for cand in range(n):
            _send(app, ids["sam"], ids, cand, 1 + cand % 3, 3)
        hr = signed_in_client(app, ids["hr"])
        hr.post(f"/jobs/{ids['job']}/results/status", data={"action": "close", "reason": "x"})
        counts.append(_count_queries(app, hr, f"/jobs/{ids['job']}/results"))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 12


def test_job_page_sections(app, ids):
    sam, hr = signed_in_client(app, ids["sam"]), signed_in_client(app, ids["hr"])
    sam_page = sam.get(f"/jobs/{ids['job']}").get_data(as_text=True)
    assert "Score candidates" in sam_page and "Audit trail" not in sam_page
    hr_page = hr.get(f"/jobs/{ids['job']}").get_data(as_text=True)
    assert "Audit trail" in hr_page and "Import a job file" in hr_page
    with app.app_context():
        assert db.session.scalar(select(Job.id).where(Job.ref == "JOB-S"))
        assert db.session.scalar(select(Candidate.id))
