"""The tablet's everyday save answered early (panels/scoring/fastsave.py): one read and three
writes, no person loaded; and every check of the usual way kept: the CSRF token, an ended
session, a session due a touch, a coordinator who must set up two-step sign-in, a query
string, a body that is not JSON, and a save that is not the quick kind."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from panels.db import db, login_manager
from panels.models import OrganisationSettings, OrgMembership, ScoreSend, ScoreSheet, UserSession
from panels.models.base import utcnow
from tests.conftest import signed_in_client
from tests.integration.auth_helpers import session_rows
from tests.integration.scoring_helpers import score_url, scoring_job
from tests.integration.statements import statements

CSRF = re.compile(rb'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def ids(app):
    with app.app_context():
        return scoring_job(candidates=["Ruth", "Amir"])


def _send(client, ids, body, **kw):
    return client.post(score_url(ids, 0, "/send"), json=body, **kw)


def _started(client, ids) -> int:
    first = _send(client, ids, {"client_id": "start", "version": 0, "answers": {"q1": 1}})
    assert first.status_code == 200 and first.json["result"] == "saved", first.json
    return first.json["version"]


def _sheet(app) -> tuple[int, list[str]]:
    with app.app_context():
        sheet = db.session.scalar(select(ScoreSheet))
        return sheet.version, sorted(db.session.scalars(select(ScoreSend.client_id)))


def test_a_later_save_is_one_read_and_three_writes_with_no_person_loaded(app, ids, monkeypatch):
    sam = signed_in_client(app, ids["sam"])
    version = _started(sam, ids)
    loaded = []
    real = login_manager._user_callback
    monkeypatch.setattr(login_manager, "_user_callback", lambda *a: loaded.append(a) or real(*a))
    with statements(app) as sent:
        saved = _send(sam, ids, {"client_id": "b", "version": version, "answers": {"q2": "dk"}})
    assert saved.status_code == 200 and saved.json["result"] == "saved", saved.json
    assert saved.json["version"] == version + 1 and saved.json["next"] == score_url(ids)
    assert saved.headers["Content-Type"] == "application/json"
    assert saved.headers["Cache-Control"] == "no-store"  # the usual headers still come
    assert "Set-Cookie" not in saved.headers
    kinds = [s.lstrip().split()[0].upper() for s in sent]
    assert kinds == ["SELECT", "INSERT", "UPDATE", "INSERT"], sent
    assert loaded == []
    with statements(app) as again:
        resent = _send(sam, ids, {"client_id": "b", "version": version, "answers": {"q2": "dk"}})
    assert resent.json["result"] == "duplicate" and resent.json["version"] == version + 1
    assert len(again) == 1  # the read answers a resend
    assert _sheet(app) == (version + 1, ["b", "start"])


def test_a_save_that_is_not_the_quick_kind_reads_once_more_only(app, ids):
    """A stale version: the quick read sees it and the usual way answers 409 without
    trying the quick save again."""
    sam = signed_in_client(app, ids["sam"])
    version = _started(sam, ids)
    with statements(app) as sent:
        stale = _send(sam, ids, {"client_id": "c", "version": version + 5, "answers": {"q1": 2}})
    assert stale.status_code == 409 and stale.json["conflict"] is True
    assert not [s for s in sent if s.lstrip().upper().startswith(("INSERT", "UPDATE"))]
    assert len(sent) <= 6, sent
    assert _sheet(app) == (version, ["start"])


@pytest.fixture
def csrf_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)


def _token(client, ids) -> str:
    page = client.get(score_url(ids))
    found = CSRF.search(page.data)
    assert page.status_code == 200 and found
    return found.group(1).decode()


def test_the_csrf_token_is_checked_before_anything_is_saved(app, ids, csrf_on):
    sam = signed_in_client(app, ids["sam"])
    token = _token(sam, ids)
    first = _send(
        sam,
        ids,
        {"client_id": "a", "version": 0, "answers": {"q1": 1}},
        headers={"X-CSRFToken": token},
    )
    assert first.status_code == 200, first.data
    version = first.json["version"]
    body = {"client_id": "b", "version": version, "answers": {"q1": 2}}
    jo = signed_in_client(app, ids["jo"])
    someone_elses = _token(jo, ids)
    for headers in ({}, {"X-CSRFToken": "nonsense"}, {"X-CSRFToken": someone_elses}):
        refused = _send(sam, ids, body, headers=headers)
        assert refused.status_code == 400, headers
        assert _sheet(app) == (version, ["a"])
    with statements(app) as sent:
        saved = _send(sam, ids, body, headers={"X-CSRFToken": token})
    assert saved.status_code == 200 and saved.json["version"] == version + 1
    assert len(sent) == 4  # quick, and the token checked once is still checked
    again = _send(sam, ids, dict(body, client_id="c", version=version + 1), headers={})
    assert again.status_code == 400


def test_a_copy_of_the_cookie_after_signing_out_saves_nothing(app, ids):
    sam = signed_in_client(app, ids["sam"])
    version = _started(sam, ids)
    with app.app_context():
        db.session.execute(
            update(UserSession).where(UserSession.user_id == ids["sam"]).values(ended_at=utcnow())
        )
        db.session.commit()
    refused = _send(sam, ids, {"client_id": "b", "version": version, "answers": {"q1": 2}})
    assert refused.status_code in (302, 401)
    assert _sheet(app) == (version, ["start"])


def test_a_session_due_a_touch_is_touched_and_the_save_is_kept(app, ids):
    sam = signed_in_client(app, ids["sam"])
    version = _started(sam, ids)
    long_ago = utcnow() - timedelta(minutes=app.config["SESSION_TOUCH_MINUTES"] + 1)
    with app.app_context():
        db.session.execute(
            update(UserSession)
            .where(UserSession.user_id == ids["sam"])
            .values(last_seen_at=long_ago)
        )
        db.session.commit()
    saved = _send(sam, ids, {"client_id": "b", "version": version, "answers": {"q1": 2}})
    assert saved.status_code == 200 and saved.json["version"] == version + 1
    assert "Set-Cookie" in saved.headers  # the usual way re-signs the cookie
    [row] = session_rows(app, ids["sam"])
    assert utcnow() - row.last_seen_at < timedelta(minutes=1)


def test_a_coordinator_who_must_set_up_two_step_is_sent_to_do_it(app, ids):
    alex = signed_in_client(app, ids["coord"])
    version = _started(alex, ids)
    with app.app_context():
        org_id = db.session.scalar(
            select(OrgMembership.organisation_id).where(OrgMembership.user_id == ids["coord"])
        )
        db.session.add(OrganisationSettings(organisation_id=org_id, require_two_step=True))
        db.session.commit()
    sent_on = _send(alex, ids, {"client_id": "b", "version": version, "answers": {"q1": 2}})
    assert sent_on.status_code == 302
    assert sent_on.headers["Location"].endswith("/my-account/two-step")
    assert _sheet(app) == (version, ["start"])


@pytest.mark.parametrize(
    ("query", "data", "kind", "status"),
    [
        ("?x=%00", None, None, 400),  # the text guard reads the query string
        ("", b"not json", "application/json", 400),
        ("", b'{"client_id": "b", "answers": {"q1": "\\u0000"}}', "application/json", 400),
        ("", b"[]", "application/json", 400),
    ],
)
def test_bad_input_goes_the_usual_way_and_saves_nothing(app, ids, query, data, kind, status):
    sam = signed_in_client(app, ids["sam"])
    version = _started(sam, ids)
    url = score_url(ids, 0, "/send") + query
    if data is None:
        sent = sam.post(url, json={"client_id": "b", "version": version, "answers": {"q1": 2}})
    else:
        sent = sam.post(url, data=data, content_type=kind)
    assert sent.status_code == status
    assert _sheet(app) == (version, ["start"])


def test_a_cookie_signed_with_another_key_is_not_a_session(app, ids):
    """The session cookie is checked once per process: a changed one is checked again."""
    sam = signed_in_client(app, ids["sam"])
    version = _started(sam, ids)
    cookie = sam.get_cookie("session").value
    forged = cookie[:-3] + ("AAA" if not cookie.endswith("AAA") else "BBB")
    sam.set_cookie("session", forged)
    refused = _send(sam, ids, {"client_id": "b", "version": version, "answers": {"q1": 2}})
    assert refused.status_code in (302, 401)
    assert _sheet(app) == (version, ["start"])
    sam.set_cookie("session", cookie)
    saved = _send(sam, ids, {"client_id": "b", "version": version, "answers": {"q1": 2}})
    assert saved.status_code == 200


@pytest.mark.concurrency
def test_a_server_writes_straight_to_the_driver_what_sqlalchemy_reads_back(app, ids):
    """Outside tests' one connection (here: the real engine, as a server runs) the quick
    save sends its SQL straight to a pooled driver connection: what it writes, dates and
    all, reads back through SQLAlchemy as the usual way would have written it."""
    from panels.common import rawsql

    sam = signed_in_client(app, ids["sam"])
    version = _started(sam, ids)
    before = utcnow()
    straight: list[str] = []
    with rawsql.watching(straight.append):
        saved = _send(
            sam,
            ids,
            {
                "client_id": "b",
                "version": version,
                "answers": {"q1": 3, "q2": "dk"},
                "note": "Kind",
            },
        )
    assert saved.status_code == 200 and saved.json["version"] == version + 1, saved.json
    assert [s.lstrip().split()[0].upper() for s in straight] == [
        "SELECT",
        "INSERT",
        "UPDATE",
        "INSERT",
    ]
    with app.app_context():
        sheet = db.session.scalar(select(ScoreSheet))
        assert sheet.version == version + 1 and sheet.note == "Kind"
        assert before - timedelta(seconds=1) <= sheet.updated_at <= utcnow()
        answers = sorted((s.dont_know, s.value) for s in sheet.scores)
        assert answers == [(False, 3), (True, None)]
        kept = db.session.scalar(select(ScoreSend).where(ScoreSend.client_id == "b"))
        assert kept.version == version + 1 and kept.result == "saved"
        assert before - timedelta(seconds=1) <= kept.at <= utcnow()
    again = _send(sam, ids, {"client_id": "b", "version": version, "answers": {"q1": 3}})
    assert again.json["result"] == "duplicate"
