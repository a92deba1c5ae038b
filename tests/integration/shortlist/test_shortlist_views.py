"""What matters to us, applications, reviewing without names and the shortlist, through
the Flask test client: who sees what, the rows written, and the error markup."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from panels.db import db
from panels.models import (
    Application,
    AuditEvent,
    Candidate,
    Quality,
    QualityMark,
    ReviewSheet,
    ShortlistDecision,
)
from tests.conftest import signed_in_client
from tests.integration import shortlist_helpers as h

HIDDEN = ("Rosa Quinn", "rosa@example.net", "07700 900123", "1987", "44 years old")
ANSWER = (
    "My name is Rosa Quinn and I am 44 years old. Call me on 07700 900123 or write to "
    "rosa@example.net. I was born on 3 March 1987. I listen to people."
)


@pytest.fixture
def world(shared_world):
    """Every test here starts from ``world``: its rows are built once for the module and
    each test's writes are rolled back after it (``shared_world`` in tests/conftest.py)."""
    return dict(shared_world)


def _setup(app, world, prompts=h.PROMPTS, qualities=True):
    with app.app_context():
        ids = h.agreed_qualities(world["job_a"]) if qualities else []
        h.open_form(world["job_a"], prompts=prompts)
        rosa = h.application(world["job_a"], 1, "Rosa Quinn", (ANSWER, "I helped my gran."))
        other = h.application(world["job_a"], 2, "Tom Hill", ("I like people.",), guaranteed=True)
        db.session.commit()
        return {"qualities": ids, "rosa": rosa.id, "tom": other.id}


def _count(app, model, **where) -> int:
    with app.app_context():
        query = select(func.count()).select_from(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return db.session.scalar(query)


# --- what matters to us ------------------------------------------------------------------


def test_two_members_agree_a_quality_each_mark_counting_the_same(app, world):
    sam = signed_in_client(app, world["sam"])
    page = sam.post(
        f"/jobs/{world['job_a']}/what-matters",
        data={"kind": "quality", "easy_read": "Listens to me"},
    )
    assert page.status_code == 302
    with app.app_context():
        quality = db.session.scalar(select(Quality).where(Quality.job_id == world["job_a"]))
        qid, status = quality.id, quality.status
    assert status == "draft"
    for user in ("coordinator", "sam"):
        client = signed_in_client(app, world[user])
        assert (
            client.post(f"/jobs/{world['job_a']}/what-matters/{qid}/mark", data={"mark": "keep"})
        ).status_code == 302
    with app.app_context():
        assert db.session.get(Quality, qid).status == "draft"  # Jo has not marked yet
    jo = signed_in_client(app, world["jo"])
    jo.post(f"/jobs/{world['job_a']}/what-matters/{qid}/mark", data={"mark": "keep"})
    with app.app_context():
        assert db.session.get(Quality, qid).status == "agreed"
    # New words: everyone marks again.
    page = jo.post(
        f"/jobs/{world['job_a']}/what-matters/{qid}/words", data={"easy_read": "Listens to me well"}
    )
    assert page.status_code == 302
    with app.app_context():
        assert db.session.get(Quality, qid).status == "draft"
        assert _count(app, QualityMark, quality_id=qid) == 0
    shown = jo.get(f"/jobs/{world['job_a']}/what-matters/{qid}")
    assert shown.status_code == 200 and b"Listens to me well" in shown.data
    assert b"Easy-read advice" in shown.data and b"data-listen" in shown.data


def test_a_quality_with_no_words_or_markup_is_refused_in_plain_words(app, world):
    sam = signed_in_client(app, world["sam"])
    page = sam.post(
        f"/jobs/{world['job_a']}/what-matters", data={"kind": "quality", "easy_read": ""}
    )
    assert page.status_code == 400
    assert b"There is a problem" in page.data and b"Enter the words" in page.data
    page = sam.post(
        f"/jobs/{world['job_a']}/what-matters",
        data={"kind": "quality", "easy_read": "<script>x</script>"},
    )
    assert page.status_code == 400 and b"cannot have &lt; or &gt; in it" in page.data
    assert _count(app, Quality) == 0


def test_a_coordinator_not_on_the_panel_cannot_mark(app, world):
    with app.app_context():
        from tests.conftest import make_user

        hr = make_user("Hana Reed", "hana@example.org", coordinator=True)
        db.session.commit()
        hr_id = hr.id
    ids = _setup(app, world)
    client = signed_in_client(app, hr_id)
    page = client.post(
        f"/jobs/{world['job_a']}/what-matters/{ids['qualities'][0]}/mark", data={"mark": "remove"}
    )
    assert page.status_code == 403
    assert _count(app, QualityMark) == 0


# --- applying -------------------------------------------------------------------------------


def _form(**extra):
    data = {
        "name": "Ada Lovel",
        "email": "ada@example.net",
        "phone": "",
        "answer_0": "I care about people.",
        "answer_1": "I helped a neighbour.",
        "action": "send",
    }
    data.update(extra)
    return data


def test_apply_on_the_public_page_without_signing_in(app, world):
    _setup(app, world)
    client = app.test_client()
    page = client.get(f"/apply/{h.TOKEN}")
    assert page.status_code == 200
    assert b"Listens to me" in page.data and b"There is no time limit" in page.data
    assert b"<script" not in page.data.split(b"</main>")[0].split(b"<main")[-1]
    sent = client.post(f"/apply/{h.TOKEN}", data=_form(guaranteed="y"))
    assert sent.status_code == 302 and sent.headers["Location"].endswith("/sent")
    with app.app_context():
        ada = db.session.scalar(select(Application).where(Application.email == "ada@example.net"))
        assert ada.status == "sent" and ada.guaranteed and ada.number == 3
        assert [a.answer for a in ada.answers] == ["I care about people.", "I helped a neighbour."]


def test_a_draft_is_kept_behind_a_private_link(app, world):
    _setup(app, world)
    client = app.test_client()
    saved = client.post(f"/apply/{h.TOKEN}", data=_form(action="save"))
    assert saved.status_code == 302
    link = saved.headers["Location"]
    assert "/draft/" in link
    page = client.get(link)
    assert page.status_code == 200 and b"I helped a neighbour." in page.data
    with app.app_context():
        draft = db.session.scalar(select(Application).where(Application.email == "ada@example.net"))
        assert draft.status == "draft" and draft.resume_hash and len(draft.resume_hash) == 64
    # The same email again from the plain form: a clear message, the draft kept.
    again = app.test_client().post(f"/apply/{h.TOKEN}", data=_form())
    assert again.status_code == 409
    assert b"already on this job" in again.data and b"There is a problem" in again.data
    sent = client.post(link, data=_form(answer_1="Changed."))
    assert sent.status_code == 302
    with app.app_context():
        draft = db.session.scalar(select(Application).where(Application.email == "ada@example.net"))
        assert draft.status == "sent" and draft.resume_hash is None
        assert draft.answers[1].answer == "Changed."
    assert client.get(link).status_code == 404  # sent: the link no longer opens it


def test_the_honeypot_and_bad_input_are_refused_with_nothing_saved(app, world):
    _setup(app, world)
    client = app.test_client()
    page = client.post(f"/apply/{h.TOKEN}", data=_form(website="http://spam.example"))
    assert page.status_code == 400 and b"Leave this box empty" in page.data
    page = client.post(f"/apply/{h.TOKEN}", data=_form(answer_0="x" * 100_000))
    assert page.status_code == 400 and b"5000 characters or fewer" in page.data
    page = client.post(f"/apply/{h.TOKEN}", data=_form(name="<script>alert(1)</script>"))
    assert page.status_code == 400 and b"cannot have &lt; or &gt;" in page.data
    page = client.post(f"/apply/{h.TOKEN}", data=_form(answer_0="a" * 1_000_001))
    assert page.status_code == 413 and b"too long to save" in page.data
    assert _count(app, Application) == 2


def test_script_in_an_answer_is_kept_as_words_and_escaped(app, world):
    ids = _setup(app, world)
    client = app.test_client()
    sent = client.post(f"/apply/{h.TOKEN}", data=_form(answer_0="<script>alert(1)</script> hi"))
    assert sent.status_code == 302
    page = client.get(sent.headers["Location"])
    assert b"plain words only" in page.data
    with app.app_context():
        ada = db.session.scalar(select(Application).where(Application.email == "ada@example.net"))
        ada_id = ada.id
    sam = signed_in_client(app, world["sam"])
    shown = sam.get(f"/jobs/{world['job_a']}/review/{ada_id}")
    assert b"&lt;script&gt;alert(1)&lt;/script&gt; hi" in shown.data
    assert b"<script>alert" not in shown.data
    assert ids


def test_throttling_slows_many_sends_from_one_address(app, world):
    _setup(app, world)
    app.config["APPLY_TRIES_PER_ADDRESS"] = 2
    try:
        client = app.test_client()
        for i in range(2):
            client.post(f"/apply/{h.TOKEN}", data=_form(email=f"p{i}@example.net"))
        page = client.post(f"/apply/{h.TOKEN}", data=_form(email="p9@example.net"))
        assert page.status_code == 429 and b"Please wait a little" in page.data
    finally:
        app.config.pop("APPLY_TRIES_PER_ADDRESS")
    assert _count(app, Application) == 4


def test_a_closed_form_and_a_wrong_link(app, world):
    client = app.test_client()
    assert client.get("/apply/no-such-token").status_code == 404
    _setup(app, world)
    with app.app_context():
        from panels.models import ApplicationSetup

        db.session.get(ApplicationSetup, world["job_a"]).open = False
        db.session.commit()
    page = client.get(f"/apply/{h.TOKEN}")
    assert page.status_code == 200 and b"are closed" in page.data
    assert client.post(f"/apply/{h.TOKEN}", data=_form()).status_code == 409
    assert client.get(f"/apply/{h.TOKEN}/draft/nope").status_code == 404


# --- the coordinator's side -------------------------------------------------------------


def test_the_coordinator_types_in_and_imports_applications(app, world):
    _setup(app, world)
    coord = signed_in_client(app, world["coordinator"])
    page = coord.post(
        f"/jobs/{world['job_a']}/applications/add", data=_form(email="paper@example.net")
    )
    assert page.status_code == 302
    page = coord.post(
        f"/jobs/{world['job_a']}/applications/add", data=_form(email="rosa@example.net")
    )
    assert page.status_code == 409 and b"already on this job" in page.data
    csv = b"name,email,guaranteed,answer 1\nKim Lee,kim@example.net,yes,I am kind.\n"
    page = coord.post(
        f"/jobs/{world['job_a']}/applications/import",
        data={"file": (io.BytesIO(csv), "apps.csv")},
        content_type="multipart/form-data",
    )
    assert page.status_code == 302
    bad = b"name,email,guaranteed\n,kim@example.net,maybe\n"
    page = coord.post(
        f"/jobs/{world['job_a']}/applications/import",
        data={"file": (io.BytesIO(bad), "apps.csv")},
        content_type="multipart/form-data",
    )
    assert page.status_code == 400
    assert b"the name is empty" in page.data and b"write yes or no" in page.data
    assert b"already on this job" in page.data
    with app.app_context():
        kim = db.session.scalar(select(Application).where(Application.email == "kim@example.net"))
        assert kim.source == "import" and kim.guaranteed and kim.answers[0].answer == "I am kind."
    listing = coord.get(f"/jobs/{world['job_a']}/applications")
    assert b"Rosa Quinn" in listing.data and b"Kim Lee" in listing.data


def test_a_panel_member_cannot_open_the_record_with_names(app, world):
    ids = _setup(app, world)
    sam = signed_in_client(app, world["sam"])
    for url in (
        f"/jobs/{world['job_a']}/applications",
        f"/jobs/{world['job_a']}/applications/{ids['rosa']}",
        f"/jobs/{world['job_a']}/applications/setup",
    ):
        page = sam.get(url)
        assert page.status_code == 403
        assert b"Only the coordinator sees who applied" in page.data
        assert b"Rosa" not in page.data
    outsider = signed_in_client(app, world["outsider"])
    assert outsider.get(f"/jobs/{world['job_a']}/applications/{ids['rosa']}").status_code == 404
    assert outsider.get(f"/jobs/{world['job_a']}/review/{ids['rosa']}").status_code == 404


# --- reviewing and the shortlist --------------------------------------------------------


def test_the_review_page_never_shows_name_email_phone_age_or_photo(app, world):
    ids = _setup(app, world)
    sam = signed_in_client(app, world["sam"])
    listing = sam.get(f"/jobs/{world['job_a']}/review")
    page = sam.get(f"/jobs/{world['job_a']}/review/{ids['rosa']}")
    assert page.status_code == 200 and listing.status_code == 200
    for html in (listing.data.decode(), page.data.decode()):
        for secret in HIDDEN:
            assert secret not in html
        assert "Quinn" not in html and "Tom Hill" not in html
        assert "photo" not in html.lower()
    body = page.data.decode()
    assert "Application 1" in body and "I listen to people." in body
    assert "[name]" in body and "[phone]" in body and "[email]" in body
    assert "data-listen" in body and "I don't know" in body


def test_an_application_of_another_job_or_a_draft_is_not_found(app, world):
    ids = _setup(app, world)
    with app.app_context():
        draft = h.application(world["job_a"], 7, "Dee Raft", status="draft").id
        other = h.application(world["job_b"], 1, "Bea Other").id
        db.session.commit()
    sam = signed_in_client(app, world["sam"])
    assert sam.get(f"/jobs/{world['job_a']}/review/{draft}").status_code == 404
    assert sam.get(f"/jobs/{world['job_a']}/review/{other}").status_code == 404
    assert sam.get(f"/jobs/{world['job_a']}/review/{'9' * 30}").status_code == 404
    assert ids


def _score(client, world, application_id, values, action="send", version="0", note=""):
    data = {f"q-k{i}": v for i, v in enumerate(values, start=1)}
    data.update({"action": action, "version": version, "note": note})
    return client.post(f"/jobs/{world['job_a']}/review/{application_id}", data=data)


def test_scores_are_own_scale_hidden_sent_once(app, world):
    ids = _setup(app, world)
    sam = signed_in_client(app, world["sam"])  # faces3 is the default
    page = _score(sam, world, ids["rosa"], ["9", "1"])
    assert page.status_code == 400 and b"is not on the" in page.data
    assert b"There is a problem" in page.data
    page = _score(sam, world, ids["rosa"], ["3", ""])
    assert page.status_code == 400 and b"You can choose" in page.data
    assert _count(app, ReviewSheet) == 0
    assert _score(sam, world, ids["rosa"], ["3", "dk"], action="save").status_code == 302
    page = _score(sam, world, ids["rosa"], ["3", "dk"], version="0")
    assert page.status_code == 409 and b"changed on another tablet" in page.data
    assert _score(sam, world, ids["rosa"], ["3", "dk"], version="1").status_code == 302
    again = _score(sam, world, ids["rosa"], ["1", "1"], version="2")
    assert again.status_code == 409 and b"already sent your scores" in again.data
    with app.app_context():
        sheet = db.session.scalar(select(ReviewSheet))
        assert sheet.submitted and sheet.scale == "faces3"
        assert sorted((s.dont_know, s.value or 0) for s in sheet.scores) == [(False, 3), (True, 0)]
    # Nobody sees the shortlist before reviewing is closed.
    for who in ("sam", "coordinator"):
        page = signed_in_client(app, world[who]).get(f"/jobs/{world['job_a']}/shortlist")
        assert b"1 of 6 score sheets are sent" in page.data and b"Combined score" not in page.data
    huge = _score(sam, world, ids["tom"], ["1", "1"], note="x" * 100_000)
    assert huge.status_code == 400 and b"characters or fewer" in huge.data


def test_the_shortlist_is_combined_with_equal_weight_and_recorded(app, world):
    ids = _setup(app, world)
    coord = signed_in_client(app, world["coordinator"])  # faces3 too
    sam = signed_in_client(app, world["sam"])
    jo = signed_in_client(app, world["jo"])
    _score(sam, world, ids["rosa"], ["3", "3"])
    _score(jo, world, ids["rosa"], ["3", "dk"])
    _score(coord, world, ids["rosa"], ["1", "1"])
    _score(sam, world, ids["tom"], ["2", "2"])
    assert sam.post(f"/jobs/{world['job_a']}/shortlist/close").status_code == 404
    assert coord.post(f"/jobs/{world['job_a']}/shortlist/close").status_code == 302
    late = _score(jo, world, ids["tom"], ["1", "1"])
    assert late.status_code == 409 and b"Reviewing is closed" in late.data
    page = sam.get(f"/jobs/{world['job_a']}/shortlist")
    body = page.data.decode()
    # Rosa: members 1, 1, 0 -> 66.7; Tom: one member, 0.5 -> 50.0.
    assert "66.7" in body and "50.0" in body
    assert "Asked for a guaranteed interview" in body and "Rosa" not in body
    assert 'name="application"' not in body  # only the coordinator records it
    made = coord.post(
        f"/jobs/{world['job_a']}/shortlist/decide",
        data={
            "application": [str(ids["rosa"]), str(ids["tom"]), "99999"],
            "note": "Agreed together.",
        },
    )
    assert made.status_code == 302
    with app.app_context():
        names = set(
            db.session.scalars(select(Candidate.name).where(Candidate.job_id == world["job_a"]))
        )
        assert {"Rosa Quinn", "Tom Hill", "Ruth", "Dan"} == names
        decision = db.session.scalar(select(ShortlistDecision))
        assert decision.shortlisted == "1,2" and decision.decided_by_id == world["coordinator"]
        assert db.session.get(Application, ids["rosa"]).status == "shortlisted"
        assert (
            db.session.scalar(
                select(func.count())
                .select_from(AuditEvent)
                .where(AuditEvent.action == "shortlist decided")
            )
            == 1
        )
    twice = coord.post(f"/jobs/{world['job_a']}/shortlist/decide", data={"application": []})
    assert twice.status_code == 409 and b"already decided" in twice.data
    assert _count(app, Candidate, job_id=world["job_a"]) == 4


def test_the_agreed_qualities_are_on_the_candidates_invitation(app, world, client):
    from tests.integration.invitations_helpers import token

    with app.app_context():
        h.agreed_qualities(world["job_a"])
        db.session.add(
            Quality(job_id=world["job_a"], key="d1", easy_read="Shouts at me", status="draft")
        )
        db.session.commit()
        t = token(app, world["cand_a"])
    html = client.get(f"/invite/{t}").get_data(as_text=True)
    assert "What matters to us" in html
    assert "Listens to me" in html and "Lets me choose" in html
    assert "Shouts at me" not in html  # not agreed


def test_results_can_be_read_quality_by_quality(app, world):
    from panels.models import Question, Score, ScoreSheet, ScoringState
    from panels.models.scoring import ScoreView

    with app.app_context():
        listens, _choose = h.agreed_qualities(world["job_a"])
        job = world["job_a"]
        q1 = Question(job_id=job, key="q1", easy_read="Tell us about you.", status="agreed")
        q2 = Question(job_id=job, key="q2", easy_read="Why this job?", status="agreed")
        db.session.add_all([q1, q2])
        db.session.flush()
        qids = (q1.id, q2.id)
        ruth = world["cand_a"]
        for member_id, values in ((world["member_sam"], (3, 1)),):
            sheet = ScoreSheet(job_id=job, candidate_id=ruth, member_id=member_id,
                               status="submitted", scale="faces3")  # fmt: skip
            sheet.scores = [
                Score(question_id=q, value=v) for q, v in zip(qids, values, strict=True)
            ]
            db.session.add(sheet)
        db.session.add(ScoringState(job_id=job, closed=True))
        db.session.commit()
    coord = signed_in_client(app, world["coordinator"])
    page = coord.get(f"/jobs/{world['job_a']}/questions/{qids[0]}/qualities")
    assert page.status_code == 200 and b"Listens to me" in page.data
    linked = coord.post(
        f"/jobs/{world['job_a']}/questions/{qids[0]}/qualities", data={"quality": [str(listens)]}
    )
    assert linked.status_code == 302
    assert b"quality by quality" in coord.get(f"/jobs/{world['job_a']}/results").data
    results = coord.get(f"/jobs/{world['job_a']}/results/by-quality").get_data(as_text=True)
    section = results.split('id="by-quality"')[1]
    assert "Listens to me" in section and "Lets me choose" not in section
    assert "100.0" in section  # Sam's "good" on the one linked question
    with app.app_context():
        seen = db.session.scalar(
            select(func.count())
            .select_from(ScoreView)
            .where(ScoreView.what == "results by quality")
        )
    assert seen == 1
    assert (
        signed_in_client(app, world["sam"])
        .get(f"/jobs/{world['job_a']}/results/by-quality")
        .status_code
        == 403
    )
    other = signed_in_client(app, world["outsider"])
    assert (
        other.post(
            f"/jobs/{world['job_a']}/questions/{qids[0]}/qualities",
            data={"quality": [str(listens)]},
        ).status_code
        == 404
    )


def test_linking_a_question_ignores_ids_that_are_not_ours_or_not_numbers(app, world):
    from panels.models import Question, QuestionQuality

    with app.app_context():
        (mine,) = h.agreed_qualities(world["job_a"], ("Listens to me",))
        (theirs,) = h.agreed_qualities(world["job_b"], ("Is kind",))
        question = Question(job_id=world["job_a"], key="q1", easy_read="Why?", status="agreed")
        db.session.add(question)
        db.session.commit()
        qid = question.id
    sam = signed_in_client(app, world["sam"])
    sent = sam.post(
        f"/jobs/{world['job_a']}/questions/{qid}/qualities",
        data={"quality": ["²", "1" * 30, str(theirs), str(mine)]},
    )
    assert sent.status_code == 302
    with app.app_context():
        links = db.session.execute(select(QuestionQuality.quality_id)).scalars().all()
    assert links == [mine]
