"""A score save from a tablet sends few SQL statements (issue 11: at most 6), and keeps
every trust rule while doing so."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from panels.db import db
from panels.models import Score, ScoreSend, ScoreSheet
from tests.conftest import signed_in_client
from tests.integration.scoring_helpers import score_url, scoring_job
from tests.integration.statements import statements

MOST = 6


@pytest.fixture
def ids(app):
    with app.app_context():
        return scoring_job(candidates=["Ruth", "Amir"])


def _send(client, ids, body):
    return client.post(score_url(ids, 0, "/send"), json=body)


def test_first_save_and_later_saves_send_at_most_six_statements(app, ids):
    sam = signed_in_client(app, ids["sam"])
    with statements(app) as first_save:
        first = _send(sam, ids, {"client_id": "a", "version": 0, "answers": {"q1": 1}})
    assert first.status_code == 200 and first.json["result"] == "saved"
    assert len(first_save) <= MOST, "\n".join(s[:90] for s in first_save)
    version = first.json["version"]
    for n, answers in enumerate(({"q1": 2}, {"q1": 2, "q2": "dk"}, {"q2": 3}), start=1):
        with statements(app) as later:
            saved = _send(sam, ids, {"client_id": f"b{n}", "version": version, "answers": answers})
        assert saved.status_code == 200 and saved.json["result"] == "saved", saved.json
        assert saved.json["version"] == version + 1
        version = saved.json["version"]
        assert len(later) <= MOST, later
    with app.app_context():
        sheet = db.session.scalar(select(ScoreSheet))
        values = {s.question_id: (s.value, s.dont_know) for s in sheet.scores}
        sends = db.session.scalars(select(ScoreSend.client_id)).all()
    assert sorted(values.values()) == [(2, False), (3, False)]
    assert sorted(sends) == ["a", "b1", "b2", "b3"]


def test_a_resend_and_a_stale_version_send_few_statements_and_write_nothing(app, ids):
    sam = signed_in_client(app, ids["sam"])
    first = _send(sam, ids, {"client_id": "a", "version": 0, "answers": {"q1": 1}})
    with statements(app) as resend:
        again = _send(sam, ids, {"client_id": "a", "version": 0, "answers": {"q1": 1}})
    assert again.json["result"] == "duplicate" and again.json["version"] == first.json["version"]
    assert len(resend) <= MOST
    assert not [s for s in resend if s.lstrip().upper().startswith(("INSERT", "UPDATE"))]
    stale = _send(sam, ids, {"client_id": "c", "version": 0, "answers": {"q1": 3}})
    assert stale.status_code == 409 and stale.json["conflict"] is True
    with app.app_context():
        assert [s.value for s in db.session.scalars(select(Score))] == [1]


def test_a_save_on_another_job_or_as_a_non_member_is_404(app, ids):
    sam = signed_in_client(app, ids["sam"])
    other = scoring_job_in(app)
    wrong = sam.post(
        f"/jobs/{other['job']}/score/{ids['cands'][0]}/send",
        json={"client_id": "x", "version": 0, "answers": {"q1": 1}},
    )
    assert wrong.status_code == 404
    hr = signed_in_client(app, ids["hr"])
    assert _send(hr, ids, {"client_id": "y", "version": 0, "answers": {"q1": 1}}).status_code == 404
    with app.app_context():
        assert db.session.scalar(select(ScoreSheet)) is None


def scoring_job_in(app):
    with app.app_context():
        return scoring_job(candidates=["Lee"], ref="OTHER")
