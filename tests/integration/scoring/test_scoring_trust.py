"""Issue 9, scoring: two tablets, a scale change, a coordinator. Each finding reproduced.

A. A second tablet silently overwrote the first (a null version skipped the check).
B. Changing your scale rewrote results already sent (91.7 became 66.7).
C. A coordinator read scores early through the paper-sheet page; close, read, reopen and
   send let a member see first and score later.
"""

from __future__ import annotations

import csv
import io
import re
from html import unescape

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from panels.db import db
from panels.models import AuditEvent, Score, ScoreSheet, User
from panels.models.scoring import ScoreView
from tests.conftest import signed_in_client
from tests.integration.scoring_helpers import score_url, scoring_job
from tests.integration.scoring_trust_helpers import checked, form_fields, row_counts, send_json
from tests.pagecheck import check_page


@pytest.fixture
def ids(app):
    with app.app_context():
        return scoring_job()


def _values(app, ids, cand=0, member="m2"):
    with app.app_context():
        sheet = db.session.scalar(
            select(ScoreSheet).where(
                ScoreSheet.candidate_id == ids["cands"][cand],
                ScoreSheet.member_id == ids["members"][member],
            )
        )
        if sheet is None:
            return None
        by_q = {s.question_id: (None if s.dont_know else s.value) for s in sheet.scores}
        from panels.models import Question

        keys = {q.id: q.key for q in db.session.scalars(select(Question))}
        return {keys[q]: v for q, v in sorted(by_q.items())}, sheet.version, sheet.note


# --- A: two tablets ---------------------------------------------------------------------


@pytest.mark.parametrize("how", ["null", "missing", "zero"])
def test_second_tablet_cannot_overwrite_a_sheet_never_saved(app, ids, how):
    """The exact reproduction: both tablets open the page before anything is saved."""
    tablet1, tablet2 = signed_in_client(app, ids["sam"]), signed_in_client(app, ids["sam"])
    page1 = form_fields(tablet1.get(score_url(ids)).get_data(as_text=True))
    page2 = form_fields(tablet2.get(score_url(ids)).get_data(as_text=True))
    assert page1["version"] == page2["version"] == "0"  # "nothing saved yet"
    url = score_url(ids, 0, "/send")
    first = send_json(tablet1, url, "t1-a", {"q1": 3, "q2": 3}, version=0)
    assert first.status_code == 200 and first.json["version"] == 1
    body = {"client_id": "t2-a", "answers": {"q1": 1, "q2": 1}, "note": "Tablet two"}
    if how == "null":
        body["version"] = None
    elif how == "zero":
        body["version"] = int(page2["version"])
    second = tablet2.post(url, json=body)
    assert second.status_code == 409
    assert second.json["conflict"] is True and second.json["version"] == 1
    assert "another tablet" in second.json["errors"]["scores"]
    assert second.json["saved"]["answers"] == {"q1": 3, "q2": 3}  # Sam's own saved sheet
    assert _values(app, ids)[0] == {"q1": 3, "q2": 3}  # tablet 1's answers are kept
    # The member chooses "keep mine": the same answers again, on top of version 1.
    keep = send_json(tablet2, url, "t2-b", {"q1": 1, "q2": 1}, version=1, note="Tablet two")
    assert keep.status_code == 200 and keep.json["version"] == 2
    assert _values(app, ids)[0:2] == ({"q1": 1, "q2": 1}, 2)
    # Tablet 1 now is the one that is behind.
    late = send_json(tablet1, url, "t1-b", {"q1": 2}, version=1)
    assert late.status_code == 409 and late.json["saved"]["answers"] == {"q1": 1, "q2": 1}


def test_second_tablet_cannot_overwrite_an_existing_sheet(app, ids):
    tablet1, tablet2 = signed_in_client(app, ids["sam"]), signed_in_client(app, ids["sam"])
    url = score_url(ids, 0, "/send")
    assert send_json(tablet1, url, "t1-a", {"q1": 1}).json["version"] == 1
    v1 = form_fields(tablet1.get(score_url(ids)).get_data(as_text=True))["version"]
    v2 = form_fields(tablet2.get(score_url(ids)).get_data(as_text=True))["version"]
    assert v1 == v2 == "1"
    assert send_json(tablet1, url, "t1-b", {"q1": 3, "q2": 2}, version=1).status_code == 200
    for version in (1, None, 0, 7):
        stale = send_json(tablet2, url, f"t2-{version}", {"q1": 1, "q2": 1}, version=version)
        assert stale.status_code == 409 and stale.json["version"] == 2
    assert _values(app, ids)[0:2] == ({"q1": 3, "q2": 2}, 2)


def test_dropped_answer_resent_is_applied_once_and_not_a_conflict(app, ids):
    sam = signed_in_client(app, ids["sam"])
    url = score_url(ids, 0, "/send")
    first = send_json(sam, url, "c-1", {"q1": 2}, version=0)
    again = send_json(sam, url, "c-1", {"q1": 2}, version=0)  # the answer was lost
    assert again.status_code == 200 and again.json["result"] == "duplicate"
    assert again.json["version"] == first.json["version"] == 1
    nxt = send_json(sam, url, "c-2", {"q1": 3, "q2": "dk"}, version=1, submit=True)
    assert nxt.json["result"] == "submitted"
    with app.app_context():
        assert db.session.scalar(select(ScoreSheet)).version == 2
        assert len(list(db.session.scalars(select(Score)))) == 2


@pytest.mark.parametrize("existing", [False, True])
def test_form_without_javascript_detects_the_conflict(app, ids, existing):
    """Two browsers without JavaScript: the second is told, keeps its answers, chooses."""
    one, two = signed_in_client(app, ids["sam"]), signed_in_client(app, ids["sam"])
    if existing:
        assert send_json(one, score_url(ids, 0, "/send"), "x", {"q1": 1}).status_code == 200
    page = score_url(ids) + "?view=all"
    f1 = form_fields(one.get(page).get_data(as_text=True))
    f2 = form_fields(two.get(page).get_data(as_text=True))
    assert f1["version"] == f2["version"] == ("1" if existing else "0")
    saved = one.post(page, data={**f1, "q-q1": "3", "q-q2": "3", "action": "save"})
    assert saved.status_code == 302
    refused = two.post(
        page, data={**f2, "q-q1": "1", "q-q2": "dk", "action": "save", "note": "Mine"}
    )
    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    check_page(html)
    assert "changed on another tablet or computer" in html and 'id="conflict"' in html
    assert checked(html) == {"q1": "1", "q2": "dk"}  # the member's answers stay chosen
    assert "Question 1?: Good" in html  # the saved answers, to choose from
    assert "Keep my answers" in html and "Use the saved answers" in html
    assert _values(app, ids)[0] == {"q1": 3, "q2": 3}
    # "Keep my answers" posts the same form, which now carries the saved version.
    again = form_fields(html)
    assert again["version"] == str(int(f1["version"]) + 1)
    kept = two.post(
        page,
        data={**again, "q-q1": "1", "q-q2": "dk", "action": "save", "note": "Mine"},
    )
    assert kept.status_code == 302
    assert _values(app, ids)[0] == {"q1": 1, "q2": None}


def test_get_writes_nothing(app, ids):
    """Opening pages never makes a sheet or a scoring state."""
    sam, hr = signed_in_client(app, ids["sam"]), signed_in_client(app, ids["hr"])
    before = row_counts(app)
    assert sam.get(score_url(ids)).status_code == 200
    assert sam.get(score_url(ids) + "?view=all&step=2").status_code == 200
    assert sam.get(f"/jobs/{ids['job']}/score").status_code == 200
    assert sam.get(score_url(ids, 0, "/panel")).status_code == 403
    assert hr.get(f"/jobs/{ids['job']}/results/status").status_code == 200
    on_behalf = f"/jobs/{ids['job']}/score/{ids['cands'][0]}/for/{ids['members']['m3']}"
    assert hr.get(on_behalf).status_code == 200
    assert row_counts(app) == before


def test_refused_save_writes_nothing(app, ids):
    sam = signed_in_client(app, ids["sam"])
    before = row_counts(app)
    bad = send_json(sam, score_url(ids, 0, "/send"), "c", {"q1": 9})
    assert bad.status_code == 400
    incomplete = send_json(sam, score_url(ids, 0, "/send"), "d", {"q1": 1}, submit=True)
    assert incomplete.status_code == 400
    assert row_counts(app) == before


@pytest.mark.parametrize(
    "raw",
    [b"[1, 2]", b'"answers"', b"null", b"3", b"[" * 5000 + b"]" * 5000, b'{"a": "\\ud800"'],
)
def test_json_that_is_not_an_object_is_400(app, ids, raw):
    sam = signed_in_client(app, ids["sam"])
    response = sam.post(score_url(ids, 0, "/send"), data=raw, content_type="application/json")
    assert response.status_code == 400 and response.json["ok"] is False


def test_lone_surrogate_in_a_note_is_400(app, ids):
    sam = signed_in_client(app, ids["sam"])
    raw = b'{"client_id": "s", "version": 0, "answers": {"q1": 1}, "note": "\\ud800"}'
    response = sam.post(score_url(ids, 0, "/send"), data=raw, content_type="application/json")
    # The shared JSON reader refuses the whole body, in plain words, before any field is read.
    assert response.status_code == 400
    assert "broken character" in response.json["errors"]["scores"]
    assert row_counts(app)["score_sheet"] == 0


# --- B: a sent score keeps its scale -----------------------------------------------------


@pytest.fixture
def three(app):
    with app.app_context():
        return scoring_job(ref="JOB-B", n_questions=3)


def _combined(client, ids):
    response = client.get(f"/jobs/{ids['job']}/results.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    return {row[1]: row for row in rows[1:]}


def test_changing_scale_never_changes_sent_scores(app, three):
    ids = three
    alex, sam = signed_in_client(app, ids["coord"]), signed_in_client(app, ids["sam"])
    hr = signed_in_client(app, ids["hr"])
    answers = {"q1": 4, "q2": 5, "q3": 4}
    assert send_json(alex, score_url(ids, 0, "/send"), "a", answers, submit=True).status_code == 200
    sent = send_json(sam, score_url(ids, 0, "/send"), "s", {"q1": 3, "q2": 3, "q3": 3}, submit=True)
    assert sent.status_code == 200
    # Sam starts Dan on 3 faces too, and does not send yet.
    assert send_json(sam, score_url(ids, 1, "/send"), "d", {"q1": 3}).status_code == 200
    hr.post(f"/jobs/{ids['job']}/results/status", data={"action": "close", "reason": "Check"})
    before = _combined(hr, ids)
    # Alex (1 to 5): (0.75 + 1 + 0.75) / 3 = 83.3; Sam (3 faces): 3 of 3 = 100 -> 91.7.
    assert before["Ruth"][3] == "91.7" and before["Ruth"][7] == "100.0"
    xlsx_before = hr.get(f"/jobs/{ids['job']}/results.xlsx").data
    panel_before = alex.get(score_url(ids, 0, "/panel")).get_data(as_text=True)
    hr.post(f"/jobs/{ids['job']}/results/status", data={"action": "reopen", "reason": "More"})

    prefs = sam.post("/my-preferences", data={"pace": "1.0", "scale": "points5"})
    assert prefs.status_code == 302
    with app.app_context():
        assert db.session.get(User, ids["sam"]).scale == "points5"

    hr.post(f"/jobs/{ids['job']}/results/status", data={"action": "close", "reason": "Check"})
    after = _combined(hr, ids)
    assert after == before  # not 66.7: a sent 3-of-3 stays 3-of-3
    book = load_workbook(io.BytesIO(hr.get(f"/jobs/{ids['job']}/results.xlsx").data))
    old = load_workbook(io.BytesIO(xlsx_before))
    assert [[c.value for c in r] for r in book["Results"].iter_rows()] == [
        [c.value for c in r] for r in old["Results"].iter_rows()
    ]
    panel = alex.get(score_url(ids, 0, "/panel")).get_data(as_text=True)
    # Signed links (Listen, CSRF) carry a time stamp: the page is the same apart from those.
    # Sam's sheet is still read on 3 faces: three "Good" faces, never "3 OK" on 1 to 5.
    # (The page used to show "Score: 100.0"; issue 17: no 0-100 numbers for members.)
    assert _unsigned(panel) == _unsigned(panel_before)
    assert panel.count("1F642.svg") == 3 and "3 OK" not in panel
    sent_page = sam.get(score_url(ids)).get_data(as_text=True)
    assert "Good" in sent_page and "3 OK" not in sent_page
    hr.post(f"/jobs/{ids['job']}/results/status", data={"action": "reopen", "reason": "More"})
    # The draft Sam started on 3 faces stays on 3 faces...
    draft = sam.get(score_url(ids, 1) + "?view=all").get_data(as_text=True)
    assert 'name="scale" value="faces3"' in draft and 'value="5"' not in draft
    assert "as when you started it" in draft
    stale = send_json(sam, score_url(ids, 1, "/send"), "d2", {"q1": 5}, version=1)
    assert stale.status_code == 400 and "q-q1" in stale.json["errors"]
    # ...and a sheet not started yet uses the new preference.
    with app.app_context():
        from panels.models import Candidate

        db.session.add(Candidate(job_id=ids["job"], key="c3", name="Mo", position=3))
        db.session.commit()
        mo = db.session.scalar(select(Candidate.id).where(Candidate.key == "c3"))
    new = sam.get(f"/jobs/{ids['job']}/score/{mo}?view=all").get_data(as_text=True)
    assert 'name="scale" value="points5"' in new and 'value="5"' in new
    with app.app_context():
        scales = sorted(
            db.session.execute(
                select(ScoreSheet.member_id, ScoreSheet.candidate_id, ScoreSheet.scale)
            ).all()
        )
    m = ids["members"]
    assert scales == [
        (m["m1"], ids["cands"][0], "points5"),
        (m["m2"], ids["cands"][0], "faces3"),
        (m["m2"], ids["cands"][1], "faces3"),
    ]


def test_a_page_opened_before_a_scale_change_starts_the_sheet_on_its_own_scale(app, ids):
    """Sam opens Ruth on 3 faces, changes to 1 to 5 elsewhere, then saves: 3 means Good."""
    sam = signed_in_client(app, ids["sam"])
    page = form_fields(sam.get(score_url(ids) + "?view=all").get_data(as_text=True))
    assert page["scale"] == "faces3"
    sam.post("/my-preferences", data={"pace": "1.0", "scale": "points5"})
    r = send_json(sam, score_url(ids, 0, "/send"), "x", {"q1": 3, "q2": 3}, scale=page["scale"])
    assert r.status_code == 200
    with app.app_context():
        assert db.session.scalar(select(ScoreSheet.scale)) == "faces3"
    # A page on another scale than the sheet's is a conflict, not a silent reading.
    other = send_json(sam, score_url(ids, 0, "/send"), "y", {"q1": 3}, version=1, scale="points5")
    assert other.status_code == 409 and other.json["saved"]["scale"] == "faces3"


# --- C: nobody sees early ----------------------------------------------------------------


def _on_behalf(ids, member="m2", cand=0):
    return f"/jobs/{ids['job']}/score/{ids['cands'][cand]}/for/{ids['members'][member]}"


def test_paper_sheet_page_shows_nothing_and_is_refused_over_a_tablet_sheet(app, ids):
    sam, hr = signed_in_client(app, ids["sam"]), signed_in_client(app, ids["hr"])
    url = score_url(ids, 0, "/send")
    assert send_json(sam, url, "d", {"q1": 3}, note="Secret draft words").status_code == 200
    page = hr.get(_on_behalf(ids))
    html = page.get_data(as_text=True)
    assert page.status_code == 409
    check_page(html)
    assert "already started scores for Ruth on a tablet" in html
    assert "Secret draft words" not in html and "checked" not in html and "Good" not in html
    posted = hr.post(_on_behalf(ids), data={"q-q1": "1", "q-q2": "1", "version": "1"})
    assert posted.status_code == 409 and _values(app, ids)[0] == {"q1": 3}
    # Sent: still nothing shown, still refused.
    sent = send_json(sam, url, "s", {"q1": 3, "q2": 2}, version=1, submit=True, note="Sent words")
    assert sent.status_code == 200
    html = hr.get(_on_behalf(ids)).get_data(as_text=True)
    assert "already sent scores for Ruth" in html and "Sent words" not in html
    assert "checked" not in html
    # Jo has nothing on a tablet: the paper page is there, and blank.
    jo_page = hr.get(_on_behalf(ids, "m3"))
    assert jo_page.status_code == 200 and "checked" not in jo_page.get_data(as_text=True)
    with app.app_context():
        assert not list(db.session.scalars(select(ScoreView)))  # nothing seen by anyone


def test_coordinators_see_no_scores_before_close(app, ids):
    sam, hr = signed_in_client(app, ids["sam"]), signed_in_client(app, ids["hr"])
    alex = signed_in_client(app, ids["coord"])
    assert send_json(
        sam, score_url(ids, 0, "/send"), "s", {"q1": 3, "q2": 1}, submit=True, note="Sam note"
    ).json["ok"]
    for client in (hr, alex):
        assert client.get(score_url(ids, 0, "/panel")).status_code == 403
        for suffix in ("results", "results.csv", "results.xlsx"):
            assert client.get(f"/jobs/{ids['job']}/{suffix}").status_code == 302
        for path in ("results/status", "audit", "score"):
            html = client.get(f"/jobs/{ids['job']}/{path}").get_data(as_text=True)
            assert "Sam note" not in html and "'q1': 3" not in html
    assert "Sam note" not in hr.get(_on_behalf(ids)).get_data(as_text=True)


def test_close_read_reopen_then_send_first_scores_is_refused(app, ids):
    """Alex is a coordinator on the panel: close, read everyone's scores, reopen, send."""
    alex, sam = signed_in_client(app, ids["coord"]), signed_in_client(app, ids["sam"])
    assert send_json(sam, score_url(ids, 0, "/send"), "s", {"q1": 3, "q2": 3}, submit=True).json[
        "ok"
    ]
    # Alex sent Dan before, but not Ruth.
    dan = send_json(alex, score_url(ids, 1, "/send"), "ad", {"q1": 5, "q2": 5}, submit=True)
    assert dan.json["ok"]
    status = f"/jobs/{ids['job']}/results/status"
    assert alex.post(status, data={"action": "close", "reason": "Lunch"}).status_code == 302
    warning = alex.get(status).get_data(as_text=True)
    assert "have not sent scores for Ruth" in warning  # told before looking
    assert alex.get(f"/jobs/{ids['job']}/results").status_code == 200
    assert alex.post(status, data={"action": "reopen", "reason": "After lunch"}).status_code == 302

    send = send_json(alex, score_url(ids, 0, "/send"), "ar", {"q1": 1, "q2": 1}, submit=True)
    assert send.status_code == 403
    assert "seen other panel members' scores for Ruth" in send.json["errors"]["scores"]
    assert "coordinator can record why" in send.json["errors"]["scores"]
    form = alex.post(score_url(ids), data={"q-q1": "1", "q-q2": "1", "action": "submit"})
    assert form.status_code == 403
    page = alex.get(score_url(ids))
    assert page.status_code == 403 and "score-form" not in page.get_data(as_text=True)
    index = alex.get(f"/jobs/{ids['job']}/score").get_data(as_text=True)
    assert "cannot send first scores for Ruth" in index
    assert _values(app, ids, 0, "m1") is None
    # A sheet Alex had sent before can still be changed, with a reason, on record.
    fields = form_fields(alex.get(score_url(ids, 1, "/change")).get_data(as_text=True))
    amend = alex.post(
        score_url(ids, 1, "/change"),
        data={**fields, "q-q1": "4", "q-q2": "5", "action": "submit", "reason": "Misread"},
    )
    assert amend.status_code == 302
    with app.app_context():
        views = list(db.session.scalars(select(ScoreView)))
        assert [(v.user_id, v.candidate_id, v.what) for v in views] == [
            (ids["coord"], None, "results page")
        ]
        seen = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "scores viewed"))
        assert seen.actor_id == ids["coord"] and seen.detail["candidate"] == "all"
        amended = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "scores amended"))
        assert amended.reason == "Misread"


def test_paper_sheet_refused_for_a_member_who_has_seen(app, ids):
    jo, hr = signed_in_client(app, ids["jo"]), signed_in_client(app, ids["hr"])
    status = f"/jobs/{ids['job']}/results/status"
    hr.post(status, data={"action": "close", "reason": "Early"})
    assert jo.get(score_url(ids, 0, "/panel")).status_code == 200  # closed: a member may see
    hr.post(status, data={"action": "reopen", "reason": "Jo's paper"})
    refused = hr.get(_on_behalf(ids, "m3"))
    assert refused.status_code == 403
    assert "Jo Williams has seen other panel members' scores for Ruth" in unescape(
        refused.get_data(as_text=True)
    )
    posted = hr.post(_on_behalf(ids, "m3"), data={"q-q1": "1", "q-q2": "1", "version": "0"})
    assert posted.status_code == 403 and _values(app, ids, 0, "m3") is None
    # Dan was not seen by Jo: the paper sheet for Dan can be typed in.
    assert hr.get(_on_behalf(ids, "m3", 1)).status_code == 200


def test_every_view_of_others_scores_is_recorded(app, ids):
    for who, (q1, q2) in (("coord", (5, 5)), ("sam", (3, 3)), ("jo", (1, 1))):
        client = signed_in_client(app, ids[who])
        body = {"q1": q1, "q2": q2}
        assert send_json(client, score_url(ids, 0, "/send"), who, body, submit=True).json["ok"]
    sam, hr = signed_in_client(app, ids["sam"]), signed_in_client(app, ids["hr"])
    assert sam.get(score_url(ids, 0, "/panel")).status_code == 200
    hr.post(f"/jobs/{ids['job']}/results/status", data={"action": "close", "reason": "Done"})
    for suffix in ("results", "results.csv", "results.xlsx", "audit"):
        assert hr.get(f"/jobs/{ids['job']}/{suffix}").status_code == 200
    with app.app_context():
        views = [(v.user_id, v.candidate_id, v.what) for v in db.session.scalars(select(ScoreView))]
        events = list(
            db.session.scalars(select(AuditEvent).where(AuditEvent.action == "scores viewed"))
        )
    assert views == [
        (ids["sam"], ids["cands"][0], "what the panel said"),
        (ids["hr"], None, "results page"),
        (ids["hr"], None, "results CSV"),
        (ids["hr"], None, "results Excel"),
        (ids["hr"], None, "audit trail"),
    ]
    assert len(events) == 5 and events[0].detail == {"candidate": "c1", "what": views[0][2]}


def test_paper_sheet_is_never_shown_what_a_tablet_saved(app, ids):
    """Even when a tablet saves at the same moment, the paper page gets a plain refusal."""
    jo, hr = signed_in_client(app, ids["jo"]), signed_in_client(app, ids["hr"])
    assert send_json(jo, score_url(ids, 0, "/send"), "empty", {}).json["version"] == 1
    page = hr.get(_on_behalf(ids, "m3"))
    assert page.status_code == 200 and form_fields(page.get_data(as_text=True))["version"] == "1"
    # The paper page was drawn on another scale than the sheet's: a conflict, told plainly.
    data = {"q-q1": "5", "q-q2": "5", "version": "1", "scale": "points5"}
    refused = hr.post(_on_behalf(ids, "m3"), data=data)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 400 and 'id="conflict"' not in html
    assert "already started scores for Ruth on a tablet" in html
    assert _values(app, ids, 0, "m3")[0] == {}


def _unsigned(html: str) -> str:
    """The page with its time-stamped signed tokens (itsdangerous) and the session's
    seconds left (one less a second later, on a busy machine) blanked out."""
    html = re.sub(r'data-seconds-left="[0-9]+"', 'data-seconds-left=""', html)
    return re.sub(r"[\w-]+\.[\w-]{6}\.[\w-]{20,}", "SIGNED", html)
