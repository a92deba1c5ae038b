"""The audit trail keeps a member's reason for changing sent scores hidden until scoring
closes: the reason is about their scores, so it is theirs alone until then."""

from __future__ import annotations

from tests.conftest import signed_in_client
from tests.integration.scoring_helpers import page_version, score_url, scoring_job

REASON = "I gave Ruth 3 by mistake, I meant 1"


def test_reason_for_changing_scores_hidden_until_scoring_closes(app):
    with app.app_context():
        ids = scoring_job()
    sam, hr = signed_in_client(app, ids["sam"]), signed_in_client(app, ids["hr"])
    sent = {"q-q1": "3", "q-q2": "2", "action": "submit"}
    assert sam.post(score_url(ids), data=sent).status_code == 302
    change_url = score_url(ids, 0, "/change")
    change = {**sent, "q-q1": "1", "reason": REASON, "version": page_version(sam, change_url)}
    assert sam.post(change_url, data=change).status_code == 302
    audit = f"/jobs/{ids['job']}/audit"
    html = hr.get(audit).get_data(as_text=True)
    assert "scores amended" in html and "hidden until scoring closes" in html
    assert REASON not in html
    closing = {"action": "close", "reason": "The interviews are over."}
    assert hr.post(f"/jobs/{ids['job']}/results/status", data=closing).status_code == 302
    html = hr.get(audit).get_data(as_text=True)
    assert REASON in html and "The interviews are over." in html
