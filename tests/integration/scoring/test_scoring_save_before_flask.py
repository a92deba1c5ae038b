"""The tablet's everyday save answered before Flask (panels/scoring/fastsave.py ``QuickSave``,
panels/common/early.py ``posts_before_flask``): no session opened, no hook or view run, the
usual headers and an access line with the request id; and every check of the usual way kept,
each falling through to it with nothing written: the CSRF token (and the referrer on
HTTPS), session protection, an ended session, another job's member, a sent sheet, closed
scoring, a conflict, bad JSON, huge ids. On SQLite and PostgreSQL alike."""

from __future__ import annotations

import logging

import flask_login.utils
import pytest
from flask import request
from sqlalchemy import select, update

from panels.common.early import BeforeFlask
from panels.db import db, login_manager
from panels.lib.limits import ID_MAX, JSON_BYTES
from panels.models import ScoreSend, ScoreSheet, ScoringState, UserSession
from panels.models.base import utcnow
from panels.scoring import fastsave
from tests.conftest import signed_in_client
from tests.integration.scoring.test_scoring_fastsave import CSRF
from tests.integration.scoring_helpers import score_url, scoring_job
from tests.integration.statements import statements


@pytest.fixture
def ids(app):
    with app.app_context():
        return scoring_job(candidates=["Ruth", "Amir"])


def _send(client, ids, body, cand=0, **kw):
    return client.post(score_url(ids, cand, "/send"), json=body, **kw)


def _started(client, ids, cand=0) -> int:
    first = _send(
        client, ids, {"client_id": f"start-{cand}", "version": 0, "answers": {"q1": 1}}, cand
    )
    assert first.status_code == 200 and first.json["result"] == "saved", first.json
    return first.json["version"]


def _sheets(app) -> list[tuple[int, int, str]]:
    """Every sheet's (candidate, version, status) and every change id kept: what a refused
    save must leave as it was."""
    with app.app_context():
        sheets = db.session.execute(
            select(ScoreSheet.candidate_id, ScoreSheet.version, ScoreSheet.status).order_by(
                ScoreSheet.id
            )
        ).all()
        kept = sorted(db.session.scalars(select(ScoreSend.client_id)))
        return [tuple(s) for s in sheets] + [tuple(kept)]


def _quick(app) -> fastsave.QuickSave:
    outer = app.wsgi_app
    assert isinstance(outer, BeforeFlask)
    [(_pattern, quick)] = outer.posts
    assert isinstance(quick, fastsave.QuickSave)
    return quick


def _body(version: int, client_id: str = "b", **more) -> dict:
    return {"client_id": client_id, "version": version, "answers": {"q1": 2}} | more


def test_the_everyday_save_is_answered_before_flask_and_logged(app, ids, monkeypatch, caplog):
    sam = signed_in_client(app, ids["sam"])
    version = _started(sam, ids)
    opened, viewed = [], []
    interface = app.session_interface
    real_open = interface.open_session
    monkeypatch.setattr(interface, "open_session", lambda *a: opened.append(a) or real_open(*a))
    real_view = app.view_functions["scoring.send"]
    monkeypatch.setitem(
        app.view_functions, "scoring.send", lambda **kw: viewed.append(kw) or real_view(**kw)
    )
    caplog.set_level(logging.INFO, logger="panels.access")
    caplog.clear()
    with statements(app) as sent:
        saved = _send(sam, ids, _body(version), headers={"X-Request-ID": "not-mine"})
    assert saved.status_code == 200, saved.data
    assert saved.json == {
        "ok": True,
        "result": "saved",
        "version": version + 1,
        "status": "draft",
        "next": score_url(ids),
    }
    assert opened == [] and viewed == []  # no session opened, no view run
    assert len(sent) == 4
    headers = saved.headers
    assert headers["Content-Type"] == "application/json"
    assert headers["Cache-Control"] == "no-store"
    assert headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["Vary"] == "Accept-Encoding, Cookie"
    assert "Set-Cookie" not in headers
    request_id = headers["X-Request-ID"]
    assert len(request_id) == 32 and request_id != "not-mine"  # no proxy trusted here
    [line] = [r for r in caplog.records if r.name == "panels.access"]
    assert line.getMessage() == f"POST {score_url(ids, 0, '/send')} 200"
    assert line.request_id == request_id and line.status == 200
    assert line.method == "POST" and isinstance(line.duration_ms, float)
    assert _sheets(app)[0][1] == version + 1


def test_the_usual_way_gets_the_body_the_tablet_sent(app, ids, monkeypatch):
    """A save the quick answer does not take (here: a first save) is read again by Flask."""
    sam = signed_in_client(app, ids["sam"])
    tried = []
    real = fastsave.QuickSave.__call__
    monkeypatch.setattr(
        fastsave.QuickSave, "__call__", lambda self, *a: tried.append(a) or real(self, *a)
    )
    first = _send(sam, ids, {"client_id": "a", "version": 0, "answers": {"q1": 3}})
    assert first.status_code == 200 and first.json["result"] == "saved"
    assert len(tried) == 1
    with app.app_context():
        assert db.session.scalar(select(ScoreSheet.version)) == first.json["version"]


@pytest.fixture
def csrf_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)


def _token(client, ids, base_url="http://localhost") -> str:
    page = client.get(score_url(ids), base_url=base_url)
    found = CSRF.search(page.data)
    assert page.status_code == 200 and found
    return found.group(1).decode()


def test_a_missing_or_wrong_csrf_token_saves_nothing(app, ids, csrf_on):
    sam = signed_in_client(app, ids["sam"])
    token = _token(sam, ids)
    first = _send(
        sam,
        ids,
        {"client_id": "a", "version": 0, "answers": {"q1": 1}},
        headers={"X-CSRFToken": token},
    )
    version = first.json["version"]
    before = _sheets(app)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for headers in (
        {},
        {"X-CSRFToken": ""},
        {"X-CSRFToken": "nonsense"},
        {"X-CSRFToken": forged},
        {"X-CSRF-Token": forged},
    ):
        refused = _send(sam, ids, _body(version), headers=headers)
        assert refused.status_code == 400, headers
        assert _sheets(app) == before
    saved = _send(sam, ids, _body(version), headers={"X-CSRF-Token": token})  # either header
    assert saved.status_code == 200 and saved.json["version"] == version + 1


def test_on_https_the_referrer_must_be_this_site(app, ids, csrf_on):
    https = "https://localhost"
    sam = signed_in_client(app, ids["sam"])
    token = _token(sam, ids, https)
    url = score_url(ids, 0, "/send")
    first = sam.post(
        url,
        json={"client_id": "a", "version": 0, "answers": {"q1": 1}},
        headers={"X-CSRFToken": token, "Referer": f"{https}/"},
        base_url=https,
    )
    assert first.status_code == 200, first.data
    version = first.json["version"]
    before = _sheets(app)
    for referrer in (None, "https://elsewhere.example/", "http://localhost/"):
        headers = {"X-CSRFToken": token}
        if referrer:
            headers["Referer"] = referrer
        refused = sam.post(url, json=_body(version), headers=headers, base_url=https)
        assert refused.status_code == 400, referrer
        assert _sheets(app) == before
    with statements(app) as sent:
        saved = sam.post(
            url,
            json=_body(version),
            headers={"X-CSRFToken": token, "Referer": f"{https}{score_url(ids)}"},
            base_url=https,
        )
    assert saved.status_code == 200 and saved.json["version"] == version + 1
    assert len(sent) == 4


def test_session_protection_is_flask_logins_own(app):
    """The quick answer's browser identifier is Flask-Login's, for the same request."""
    cases = [
        {"REMOTE_ADDR": "10.0.0.1"},
        {"REMOTE_ADDR": "10.0.0.1", "HTTP_USER_AGENT": "Tablet/1.0 (é)"},
        {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 10.0.0.9"},
        {"HTTP_USER_AGENT": "x"},
    ]
    for environ in cases:
        with app.test_request_context("/", environ_base=environ):
            if "REMOTE_ADDR" not in environ:
                request.environ.pop("REMOTE_ADDR", None)
            expected = flask_login.utils._create_identifier()
            assert fastsave.identifier(request.environ) == expected, environ


def test_another_browser_with_the_cookie_goes_the_usual_way(app, ids, monkeypatch):
    """Session protection: the cookie sent from another browser (another User-Agent) is
    for Flask-Login to judge; it marks the session not fresh, and the save is kept."""
    sam = signed_in_client(app, ids["sam"])
    version = _started(sam, ids)
    with sam.session_transaction() as session:
        session["_fresh"] = True
        session["_id"] = "an identifier of another browser"
    loaded = []
    real = login_manager._user_callback
    monkeypatch.setattr(login_manager, "_user_callback", lambda *a: loaded.append(a) or real(*a))
    saved = _send(sam, ids, _body(version))
    assert saved.status_code == 200 and saved.json["version"] == version + 1
    assert loaded  # the usual way ran
    assert "Set-Cookie" in saved.headers  # and marked the session not fresh
    with sam.session_transaction() as session:
        assert session["_fresh"] is False


def test_an_ended_session_saves_nothing(app, ids):
    sam = signed_in_client(app, ids["sam"])
    version = _started(sam, ids)
    before = _sheets(app)
    with app.app_context():
        db.session.execute(
            update(UserSession).where(UserSession.user_id == ids["sam"]).values(ended_at=utcnow())
        )
        db.session.commit()
    refused = _send(sam, ids, _body(version))
    assert refused.status_code in (302, 401)
    assert _sheets(app) == before


def test_a_member_of_another_job_saves_nothing(app, ids):
    """Kim sits on another job's panel, with a sheet of her own there: her cookie and a
    save that looks like a quick one get 404 on this job, and on her own job with this
    job's candidate."""
    with app.app_context():
        other = scoring_job(candidates=["Lee"], ref="JOB-T")
    kim = signed_in_client(app, other["sam"])
    own = _started(kim, other)
    sam = signed_in_client(app, ids["sam"])
    version = _started(sam, ids)
    before = _sheets(app)
    for url in (
        score_url(ids, 0, "/send"),  # this job, its candidate
        f"/jobs/{other['job']}/score/{ids['cands'][0]}/send",  # her job, this job's candidate
        f"/jobs/{ids['job']}/score/{other['cands'][0]}/send",  # this job, her candidate
    ):
        for seen in (version, own):
            refused = kim.post(url, json=_body(seen, f"kim-{seen}"))
            assert refused.status_code == 404, url
            assert _sheets(app) == before


def test_a_sent_sheet_or_closed_scoring_is_for_the_usual_way(app, ids):
    sam = signed_in_client(app, ids["sam"])
    version = _started(sam, ids)
    sent = _send(
        sam,
        ids,
        {"client_id": "send", "version": version, "answers": {"q1": 2, "q2": 3}, "submit": True},
    )
    assert sent.status_code == 200 and sent.json["status"] == "submitted", sent.json
    before = _sheets(app)
    draft = _send(sam, ids, _body(sent.json["version"], "after"))
    assert draft.status_code in (400, 409) and draft.json["ok"] is False
    assert _sheets(app) == before
    jo = signed_in_client(app, ids["jo"])
    jo_version = _started(jo, ids)
    with app.app_context():
        state = db.session.scalar(select(ScoringState).where(ScoringState.job_id == ids["job"]))
        if state is None:
            state = ScoringState(job_id=ids["job"])
            db.session.add(state)
        state.closed = True
        db.session.commit()
    before = _sheets(app)
    closed = _send(jo, ids, _body(jo_version, "jo-b"))
    assert closed.status_code == 409 and closed.json["ok"] is False
    assert _sheets(app) == before


def test_a_conflict_is_answered_by_the_usual_way(app, ids):
    sam = signed_in_client(app, ids["sam"])
    version = _started(sam, ids)
    before = _sheets(app)
    for seen in (version + 1, version - 1 if version > 1 else version + 7):
        stale = _send(sam, ids, _body(seen, f"stale-{seen}"))
        assert stale.status_code == 409 and stale.json["conflict"] is True
        assert stale.json["version"] == version and stale.json["saved"]["answers"] == {"q1": 1}
        assert _sheets(app) == before


def _as_usual(monkeypatch, send):
    """The answer with no quick answer at all (nothing is saved by these bad saves)."""
    with monkeypatch.context() as patched:
        patched.setattr(fastsave.QuickSave, "__call__", lambda *_a: None)
        usual = send()
    return usual.status_code, usual.get_json(silent=True)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"not json", "application/json"),
        (b'{"client_id": "b", "version": 1, "answers": {"q1": 2}', "application/json"),
        (b'{"client_id": "b", "version": 1, "answers": {"q1": 2}}', "text/plain"),
        (b'{"client_id": "b", "version": 1, "answers": {"q1": NaN}}', "application/json"),
        (b'{"client_id": "b", "version": 1, "answers": [2]}', "application/json"),
        (b'{"client_id": "b", "version": 1, "answers": {"q1": 9}}', "application/json"),
        (
            b'{"client_id": "b", "version": 1, "answers": {"q1": 2}, "note": "\\ud800"}',
            "application/json",
        ),
        (b'{"client_id": "b", "version": -1, "answers": {"q1": 2}}', "application/json"),
        (b'{"client_id": "b", "version": 1e400, "answers": {"q1": 2}}', "application/json"),
        (b'{"client_id": "' + b"x" * 65 + b'", "version": 1, "answers": {}}', "application/json"),
        (
            b'{"client_id": "b", "version": 1, "answers": {"q1": 2}, "x": '
            + b"[" * 40
            + b"]" * 40
            + b"}",
            "application/json",
        ),
        (
            b'{"client_id": "b", "version": 1, "note": "' + b"x" * JSON_BYTES + b'"}',
            "application/json",
        ),
        (b"", "application/json"),
    ],
)
def test_bad_json_saves_nothing_and_gets_the_usual_answer(app, ids, monkeypatch, data, kind):
    sam = signed_in_client(app, ids["sam"])
    version = _started(sam, ids)
    assert version == 1
    before = _sheets(app)
    url = score_url(ids, 0, "/send")
    usual = _as_usual(monkeypatch, lambda: sam.post(url, data=data, content_type=kind))
    answer = sam.post(url, data=data, content_type=kind)
    assert (answer.status_code, answer.get_json(silent=True)) == usual
    assert 400 <= answer.status_code < 500 or answer.json["result"] != "saved"
    assert _sheets(app) == before


@pytest.mark.parametrize(
    "job, cand",
    [
        (ID_MAX + 1, None),
        (None, ID_MAX + 1),
        ("9" * 30, None),
        (0, None),
        (None, "-1"),
    ],
)
def test_huge_or_odd_ids_save_nothing(app, ids, monkeypatch, job, cand):
    sam = signed_in_client(app, ids["sam"])
    version = _started(sam, ids)
    before = _sheets(app)
    job_part = ids["job"] if job is None else job
    cand_part = ids["cands"][0] if cand is None else cand
    url = f"/jobs/{job_part}/score/{cand_part}/send"
    usual = _as_usual(monkeypatch, lambda: sam.post(url, json=_body(version)))
    answer = sam.post(url, json=_body(version))
    assert answer.status_code == usual[0] == 404
    assert _sheets(app) == before


def test_a_query_string_or_a_second_cookie_goes_the_usual_way(app, ids, monkeypatch):
    sam = signed_in_client(app, ids["sam"])
    version = _started(sam, ids)
    tried = []
    real = fastsave._save
    monkeypatch.setattr(fastsave, "_save", lambda *a: tried.append(a) or real(*a))
    cookie = sam.get_cookie("session").value
    with_query = sam.post(score_url(ids, 0, "/send") + "?x=1", json=_body(version, "q"))
    assert with_query.status_code == 200 and with_query.json["version"] == version + 1
    doubled = app.test_client().post(
        score_url(ids, 0, "/send"),
        json=_body(version + 1, "c"),
        headers={"Cookie": f"session={cookie}; session={cookie}"},
    )
    assert doubled.status_code in (200, 302, 400, 401)
    assert tried == []  # neither was read before Flask


@pytest.mark.concurrency
def test_a_thread_connection_that_fails_is_replaced(app, ids, caplog):
    """Outside tests' one connection the quick save runs on a connection its server thread
    keeps: one that fails sends that save the usual way (saved all the same) and the next
    save makes a new connection."""
    from panels.common import rawsql

    caplog.set_level(logging.ERROR, logger="panels.common.early")
    sam = signed_in_client(app, ids["sam"])
    version = _started(sam, ids)
    quick = _quick(app)
    saved = _send(sam, ids, _body(version, "b"))
    assert saved.status_code == 200 and saved.json["version"] == version + 1
    held = quick._held.connection
    held.close()
    straight: list[str] = []
    with rawsql.watching(straight.append):
        usual = _send(sam, ids, _body(version + 1, "c"))
    assert usual.status_code == 200 and usual.json["version"] == version + 2
    assert len(straight) == 1  # the read, tried on the closed connection; the usual way saved
    assert getattr(quick._held, "connection", None) is None
    straight.clear()
    with rawsql.watching(straight.append):
        again = _send(sam, ids, _body(version + 2, "d", answers={"q2": 3}))
    assert again.status_code == 200 and again.json["version"] == version + 3
    assert len(straight) == 4 and quick._held.connection is not held
    assert not [r for r in caplog.records if r.name == "panels.common.early"]
