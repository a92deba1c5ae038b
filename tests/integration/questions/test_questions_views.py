"""Question pages: writing, advice, marks as equals, order, pictures, practice, sheet."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlalchemy import select

from panels.db import db
from panels.lib import filestore
from panels.models import AuditEvent, PanelMember, Question, QuestionChange, QuestionMark
from panels.questions import queries, service
from tests.conftest import signed_in_client
from tests.integration.files_helpers import disk_files, stored_keys
from tests.integration.writes import no_writes
from tests.pagecheck import check_error_page, check_page


def _question(app, job_id, text="Why do you want this job?", **extra) -> int:
    with app.app_context():
        from panels.models import Job

        question = service.add_question(db.session.get(Job, job_id), None, easy_read=text, **extra)
        db.session.commit()
        return question.id


def _get(app, model, ident):
    with app.app_context():
        obj = db.session.get(model, ident)
        db.session.expunge(obj) if obj else None
        return obj


def _form(**values):
    base = {
        "easy_read": "Why do you want this job?",
        "follow_up": "",
        "good_answer": "",
        "standard": "",
        "answer_minutes": "3",
        "asker": "0",
        "scored": "y",
        "action": "save",
    }
    base.update(values)
    return base


def test_pages_render_for_a_member(app, world):
    qid = _question(app, world["job_a"], picture="1F91D")
    client = signed_in_client(app, world["sam"])
    job = world["job_a"]
    for url in (
        f"/jobs/{job}/questions",
        f"/jobs/{job}/questions/new",
        f"/jobs/{job}/questions/{qid}",
        f"/jobs/{job}/questions/{qid}/edit",
        f"/jobs/{job}/questions/{qid}/picture?words=hands",
        f"/jobs/{job}/questions/bank",
        f"/jobs/{job}/questions/bank?bank=support-worker",
        f"/jobs/{job}/practice",
        f"/jobs/{job}/questions/sheet",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        check_page(response.get_data(as_text=True))
    page = client.get(f"/jobs/{job}").get_data(as_text=True)
    assert "Practise my questions" in page and "Print my sheet" in page


def test_outsiders_get_404_everywhere(app, world):
    qid = _question(app, world["job_a"])
    client = signed_in_client(app, world["outsider"])
    job = world["job_a"]
    for url in (
        f"/jobs/{job}/questions",
        f"/jobs/{job}/questions/{qid}",
        f"/jobs/{job}/questions/{qid}/edit",
        f"/jobs/{job}/questions/{qid}/picture",
        f"/jobs/{job}/practice",
        f"/jobs/{job}/questions/sheet",
    ):
        assert client.get(url).status_code == 404, url
    marked = client.post(f"/jobs/{job}/questions/{qid}/mark", data={"mark": "keep"})
    assert marked.status_code == 404
    assert client.post(f"/jobs/{job}/questions/check", json={"text": "Hi"}).status_code == 404
    # A question id from another job is not found through this job.
    own = signed_in_client(app, world["sam"])
    other = _question(app, world["job_b"])
    assert own.get(f"/jobs/{job}/questions/{other}").status_code == 404
    assert own.post(f"/jobs/{job}/questions/{other}/mark", data={"mark": "keep"}).status_code == 404


def test_signed_out_people_are_sent_to_sign_in(app, world):
    response = app.test_client().get(f"/jobs/{world['job_a']}/questions")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_member_writes_a_question_and_who_wrote_it_is_recorded(app, world):
    client = signed_in_client(app, world["jo"])
    response = client.post(
        f"/jobs/{world['job_a']}/questions/new",
        data=_form(asker=str(world["member_sam"]), overall="y"),
    )
    assert response.status_code == 302
    with app.app_context():
        question = db.session.scalar(select(Question))
        assert question.asker_id == world["member_sam"] and question.overall
        assert question.status == "draft" and question.created_by_id == world["jo"]
        change = db.session.scalar(select(QuestionChange))
        assert change.by_id == world["jo"] and change.after == "Why do you want this job?"


def test_hard_words_are_advice_not_a_block(app, world):
    client = signed_in_client(app, world["sam"])
    hard = "Please utilise your expertise to elucidate your methodology."
    response = client.post(
        f"/jobs/{world['job_a']}/questions/new", data=_form(easy_read=hard, action="check")
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    check_page(html)
    assert "to change. This is advice: you can still save." in html
    assert "Use &#39;use&#39;" in html or "Use 'use'" in html
    with app.app_context():
        assert db.session.scalar(select(Question)) is None
    response = client.post(f"/jobs/{world['job_a']}/questions/new", data=_form(easy_read=hard))
    assert response.status_code == 302
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "to change" in shown


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter the question"),
        ("Why? " * 200, "600 characters or fewer"),
        ("Why do you want this job? \U0001f600", "emoji"),
        ("Почему вы хотите эту работу?", "another alphabet"),
        ("Why <b>this</b> job?", "cannot have &lt; or &gt;"),
    ],
)
def test_bad_question_text_is_refused_plainly(app, world, text, message):
    client = signed_in_client(app, world["sam"])
    response = client.post(f"/jobs/{world['job_a']}/questions/new", data=_form(easy_read=text))
    assert response.status_code == 400
    check_error_page(response.get_data(as_text=True), "easy_read", message)
    with app.app_context():
        assert db.session.scalar(select(Question)) is None


def test_bad_minutes_and_asker_are_refused(app, world):
    client = signed_in_client(app, world["sam"])
    url = f"/jobs/{world['job_a']}/questions/new"
    response = client.post(url, data=_form(answer_minutes="99"))
    check_error_page(response.get_data(as_text=True), "answer_minutes", "from 1 to 15")
    response = client.post(url, data=_form(asker=str(world["member_outsider"])))
    assert response.status_code == 400


def test_check_endpoint_gives_json_advice(app, world):
    client = signed_in_client(app, world["sam"])
    url = f"/jobs/{world['job_a']}/questions/check"
    result = client.post(url, json={"text": "The form must be completed."}).get_json()
    assert result["ok"] is False and result["problems"][0]["rule"]
    assert client.post(url, json={"text": "Why do you want this job?"}).get_json()["ok"]
    assert client.post(url, json={"text": "Hi \U0001f600"}).get_json()["blocking"]
    assert client.post(url, data="nonsense").status_code == 400
    assert client.post(url, json={"text": 5}).status_code == 400
    assert client.post(url, json={"text": "a" * 5000}).status_code == 400


def _mark(client, world, qid, mark, suggestion=""):
    return client.post(
        f"/jobs/{world['job_a']}/questions/{qid}/mark",
        data={"mark": mark, "suggestion": suggestion},
    )


def test_agreed_only_when_every_member_keeps(app, world):
    qid = _question(app, world["job_a"])
    people = [world["coordinator"], world["sam"], world["jo"]]
    for person in people[:2]:
        assert _mark(signed_in_client(app, person), world, qid, "keep").status_code == 302
    assert _get(app, Question, qid).status == "draft"
    _mark(signed_in_client(app, world["jo"]), world, qid, "change", "Why do you want to work here?")
    assert _get(app, Question, qid).status == "draft"
    _mark(signed_in_client(app, world["jo"]), world, qid, "keep")
    assert _get(app, Question, qid).status == "agreed"
    with app.app_context():
        assert len(db.session.scalars(select(QuestionMark)).all()) == 3  # one per member
        page = signed_in_client(app, world["sam"]).get(f"/jobs/{world['job_a']}/questions/{qid}")
        html = page.get_data(as_text=True)
        assert "Keep 3, change 0, take out 0, not marked yet 0" in html
        assert "Jo Williams" in html and "Sam Patel" in html


def test_any_member_accepts_a_suggestion_and_the_change_is_recorded(app, world):
    qid = _question(app, world["job_a"])
    jo = signed_in_client(app, world["jo"])
    _mark(jo, world, qid, "change", "Why do you want to work with us?")
    _mark(signed_in_client(app, world["coordinator"]), world, qid, "keep")
    with app.app_context():
        mark_id = db.session.scalar(select(QuestionMark.id).where(QuestionMark.mark == "change"))
    sam = signed_in_client(app, world["sam"])
    response = sam.post(f"/jobs/{world['job_a']}/questions/{qid}/accept/{mark_id}")
    assert response.status_code == 302
    with app.app_context():
        question = db.session.get(Question, qid)
        assert question.easy_read == "Why do you want to work with us?"
        assert question.marks == [] and question.status == "draft"
        change = db.session.scalars(
            select(QuestionChange).order_by(QuestionChange.id.desc())
        ).first()
        assert change.by_id == world["sam"] and change.before == "Why do you want this job?"
        actions = set(db.session.scalars(select(AuditEvent.action)))
        assert {"suggestion accepted", "question marks cleared"} <= actions


def test_mark_needs_a_choice_and_a_panel_seat(app, world):
    qid = _question(app, world["job_a"])
    response = _mark(signed_in_client(app, world["sam"]), world, qid, "")
    assert response.status_code == 400
    check_error_page(response.get_data(as_text=True), "mark", "Choose keep, change or take out")
    assert _mark(signed_in_client(app, world["sam"]), world, qid, "maybe").status_code == 400
    with app.app_context():
        coordinator_only = PanelMember.query.filter_by(user_id=world["coordinator"]).one()
        db.session.delete(coordinator_only)
        db.session.commit()
    assert _mark(signed_in_client(app, world["coordinator"]), world, qid, "keep").status_code == 403


def test_meeting_decision_and_move(app, world):
    first = _question(app, world["job_a"])
    second = _question(app, world["job_a"], "What do you do on a hard day?")
    sam = signed_in_client(app, world["sam"])
    base = f"/jobs/{world['job_a']}/questions"
    assert sam.post(f"{base}/{second}/decide", data={"decision": "agreed"}).status_code == 302
    assert _get(app, Question, second).status == "agreed"
    assert sam.post(f"{base}/{second}/decide", data={"decision": "boss"}).status_code == 400
    assert sam.post(f"{base}/{second}/move", data={"direction": "up"}).status_code == 302
    assert _get(app, Question, second).position < _get(app, Question, first).position
    assert sam.post(f"{base}/{second}/move", data={"direction": "sideways"}).status_code == 400


def test_bank_copy(app, world):
    client = signed_in_client(app, world["sam"])
    url = f"/jobs/{world['job_a']}/questions/bank"
    response = client.post(url, data={"bank": "support-worker"})
    assert response.status_code == 400
    check_error_page(response.get_data(as_text=True), "keys", "Choose at least one question")
    response = client.post(url, data={"bank": "support-worker", "keys": ["respect", "listening"]})
    assert response.status_code == 302
    client.post(url, data={"bank": "support-worker", "keys": ["respect"]})  # no copy twice
    with app.app_context():
        rows = db.session.scalars(select(Question).order_by(Question.position)).all()
        assert [q.source for q in rows] == ["support-worker/respect", "support-worker/listening"]
        assert rows[0].picture and rows[0].good_answer and rows[0].status == "draft"
    assert client.get(url + "?bank=nope").status_code == 404
    assert client.post(url, data={"bank": "support-worker", "keys": ["nope"]}).status_code == 400


def test_choose_symbol_and_serve_it(app, world):
    qid = _question(app, world["job_a"])
    client = signed_in_client(app, world["sam"])
    url = f"/jobs/{world['job_a']}/questions/{qid}/picture"
    assert client.post(url, data={"code": "1F442"}).status_code == 302
    assert _get(app, Question, qid).picture == "1F442"
    assert client.post(url, data={"code": "../../etc/passwd"}).status_code == 400
    assert client.post(url, data={"code": "FFFFF"}).status_code == 400
    svg = app.test_client().get("/symbols/1F442.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    assert "max-age=31536000" in svg.headers["Cache-Control"]
    assert app.test_client().get("/symbols/zzz.svg").status_code == 404
    assert app.test_client().get("/symbols/..%2Fsecret.svg").status_code == 404


def _png_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (53.0, 48.0, 0.0), 3: "W", 4: (1.0, 33.0, 0.0)}
    out = io.BytesIO()
    Image.new("RGB", (1600, 900), (20, 120, 60)).save(out, "PNG", exif=exif)
    return out.getvalue()


def test_photo_upload_is_cleaned_and_only_for_the_panel(app, world):
    qid = _question(app, world["job_a"])
    client = signed_in_client(app, world["sam"])
    url = f"/jobs/{world['job_a']}/questions/{qid}/photo"
    response = client.post(
        url,
        data={"photo": (io.BytesIO(_png_with_gps()), "me.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    name = _get(app, Question, qid).photo
    assert filestore.is_key(name) and name in stored_keys(app) and disk_files(app) == []
    served = client.get(f"/jobs/{world['job_a']}/photos/{name}")
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    image = Image.open(io.BytesIO(served.data))
    assert max(image.size) == 1200 and len(image.getexif()) == 0
    outsider = signed_in_client(app, world["outsider"])
    assert outsider.get(f"/jobs/{world['job_a']}/photos/{name}").status_code == 404
    assert client.get(f"/jobs/{world['job_a']}/photos/../secret_key").status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"I am a text file, honest.", "This file is not a photo"),
        (b"", "The file is empty"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * (6 * 1024 * 1024), "The photo is too big"),
    ],
)
def test_bad_uploads_get_400_and_a_plain_message(app, world, data, message):
    qid = _question(app, world["job_a"], picture="1F91D")
    client = signed_in_client(app, world["sam"])
    response = client.post(
        f"/jobs/{world['job_a']}/questions/{qid}/photo",
        data={"photo": (io.BytesIO(data), "photo.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    check_error_page(response.get_data(as_text=True), "photo", message)
    assert _get(app, Question, qid).picture == "1F91D"  # nothing lost


def test_practice_shows_only_my_questions_one_at_a_time(app, world):
    mine = _question(app, world["job_a"], "What do you like about this work?")
    _question(app, world["job_a"], "Someone else asks this one?")
    with app.app_context():
        db.session.get(Question, mine).asker_id = world["member_sam"]
        db.session.commit()
    client = signed_in_client(app, world["sam"])
    html = client.get(f"/jobs/{world['job_a']}/practice").get_data(as_text=True)
    check_page(html)
    assert "What do you like about this work?" in html and "Someone else" not in html
    assert "Question 1 of 1" in html
    assert client.get(f"/jobs/{world['job_a']}/practice?n=99").status_code == 200
    assert client.get(f"/jobs/{world['job_a']}/practice?n=abc").status_code == 200
    sheet = client.get(f"/jobs/{world['job_a']}/questions/sheet").get_data(as_text=True)
    assert "Sam Patel&#39;s questions" in sheet and "Someone else" not in sheet
    other = signed_in_client(app, world["jo"]).get(
        f"/jobs/{world['job_a']}/questions/sheet?member={world['member_outsider']}"
    )
    assert other.status_code == 404


def test_demo_has_questions_with_askers(app):
    with app.app_context():
        from panels import demo

        job = demo.load_demo()
        questions = queries.questions_for(job)
        assert len(questions) == 7
        assert {q.status for q in questions} == {"agreed", "draft"}
        assert all(q.asker_id for q in questions)
        assert sum(q.overall for q in questions) == 1


def test_changing_only_the_asker_keeps_the_marks(app, world):
    qid = _question(app, world["job_a"])
    _mark(signed_in_client(app, world["jo"]), world, qid, "keep")
    client = signed_in_client(app, world["sam"])
    url = f"/jobs/{world['job_a']}/questions/{qid}/edit"
    assert client.post(url, data=_form(asker=str(world["member_sam"]))).status_code == 302
    with app.app_context():
        question = db.session.get(Question, qid)
        assert question.asker_id == world["member_sam"] and len(question.marks) == 1
    client.post(url, data=_form(easy_read="Why do you want to work here?"))
    with app.app_context():
        assert db.session.get(Question, qid).marks == []


def test_question_pages_write_nothing_on_get(app, world):
    qid = _question(app, world["job_a"], picture="1F91D")
    _mark(signed_in_client(app, world["jo"]), world, qid, "change", "Other words?")
    job = world["job_a"]
    urls = (
        f"/jobs/{job}/questions",
        f"/jobs/{job}/questions/new",
        f"/jobs/{job}/questions/{qid}",
        f"/jobs/{job}/questions/{qid}/edit",
        f"/jobs/{job}/questions/{qid}/picture?words=hands",
        f"/jobs/{job}/questions/bank?bank=support-worker",
        f"/jobs/{job}/practice",
        f"/jobs/{job}/questions/sheet",
        f"/jobs/{job}/questions/sheet?member={world['member_sam']}",
        "/symbols/1F91D.svg",
    )
    for user in ("coordinator", "sam"):
        client = signed_in_client(app, world[user])
        with no_writes(app):
            for url in urls:
                assert client.get(url).status_code == 200, url
