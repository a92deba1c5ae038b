"""The whole story (issue 14, "done when"): a job with a lived-experience panel, a
managers' panel and a tea-making activity runs from plan to decision through the Flask
client, and the decision record shows every member's voice.

Our panel (lived experience): Sam and Jo, 3 faces. Managers' panel: Alex (the
coordinator) and Priya, 1 to 5. Our panel asks "Why do you want this job?" and does the
tea activity; the managers ask "How do you plan a rota?". Ruth is our panel's first
choice; under panel parity Dan comes first overall, so an offer to Dan needs a reason.
"""

from __future__ import annotations

import re
from html import unescape

from sqlalchemy import select

from panels.db import db
from panels.lib import easyread
from panels.models import (
    AuditEvent,
    Decision,
    DecisionAnswer,
    Job,
    Panel,
    PanelMember,
    Question,
    ScoreSheet,
)
from tests.conftest import make_user, signed_in_client
from tests.integration.questions.test_questions_views import _form
from tests.pagecheck import check_error_page, check_page

TEA = "Make a cup of tea with Sam."


def _text(response) -> str:
    return unescape(re.sub(r"\s+", " ", response.get_data(as_text=True)))


def _member(app, job_id: int, user_id: int) -> PanelMember:
    return db.session.scalar(
        select(PanelMember).where(PanelMember.job_id == job_id, PanelMember.user_id == user_id)
    )


def _plan_the_panels(app, world, alex) -> dict:
    """Two panels, the members on them, and who has lived experience: all by the client."""
    job = world["job_a"]
    added = alex.post(f"/jobs/{job}/panels", data={"name": "Managers' panel", "room": "Room 2"})
    assert added.status_code == 302
    with app.app_context():
        panels = {p.name: p.id for p in db.session.get(Job, job).panels}
        priya = make_user("Priya Shah", "priya@example.org", scale="points5").id
        db.session.commit()
    ours, managers = panels["Our panel"], panels["Managers' panel"]
    # Priya joins the managers' panel; Alex (the coordinator) moves onto it.
    response = alex.post(
        f"/jobs/{job}/panel/add",
        data={
            "name": "Priya Shah",
            "email": "priya@example.org",
            "pace": "1.0",
            "scale": "points5",
            "panel": str(managers),
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    with app.app_context():
        me = _member(app, job, world["coordinator"]).id
    moved = alex.post(
        f"/jobs/{job}/panel/{me}",
        data={"pace": "1.0", "scale": "points5", "panel": str(managers)},
    )
    assert moved.status_code == 302, moved.get_data(as_text=True)[:500]
    # Our panel is people with lived experience: a refused choice first, then the right one.
    bad = alex.post(f"/jobs/{job}/lived-experience", data={"who": "panel-0"})
    check_error_page(bad.get_data(as_text=True), "who", "Choose who has lived experience")
    lived = alex.post(f"/jobs/{job}/lived-experience", data={"who": f"panel-{ours}"})
    assert lived.status_code == 302
    with app.app_context():
        by_panel = {
            m.user.name: m.panel.name
            for m in db.session.scalars(select(PanelMember).where(PanelMember.job_id == job))
        }
        assert by_panel == {
            "Alex Morgan": "Managers' panel",
            "Sam Patel": "Our panel",
            "Jo Williams": "Our panel",
            "Priya Shah": "Managers' panel",
        }
        assert db.session.get(Panel, ours).lived_experience
        assert not db.session.get(Panel, managers).lived_experience
    return {"ours": ours, "managers": managers, "priya": priya}


def _write_and_agree(app, world, ids, clients) -> dict[str, str]:
    """Each panel writes its own questions and agrees them; returns the question keys."""
    job = world["job_a"]
    sam, jo, alex, priya = (clients[k] for k in ("sam", "jo", "alex", "priya"))
    for client, values in (
        (sam, {"easy_read": "Why do you want this job?", "panel": str(ids["ours"])}),
        (
            sam,
            {
                "kind": "activity",
                "easy_read": TEA,
                "look_for": "They asked Sam first\nThey were safe with the kettle",
                "answer_minutes": "10",
                "panel": str(ids["ours"]),
            },
        ),
        (alex, {"easy_read": "How do you plan a rota?", "panel": str(ids["managers"])}),
    ):
        assert client.post(f"/jobs/{job}/questions/new", data=_form(**values)).status_code == 302
    with app.app_context():
        questions = {q.easy_read: q for q in db.session.scalars(select(Question))}
        keys = {words: q.key for words, q in questions.items()}
        qids = {words: q.id for words, q in questions.items()}
    why, rota = qids["Why do you want this job?"], qids["How do you plan a rota?"]
    # Priya (managers) does not see our panel's questions and cannot mark them.
    listing = priya.get(f"/jobs/{job}/questions").get_data(as_text=True)
    assert "How do you plan a rota?" in listing and "Why do you want this job?" not in listing
    assert priya.post(f"/jobs/{job}/questions/{why}/mark", data={"mark": "keep"}).status_code == (
        404
    )
    for client in (sam, jo):
        for words in ("Why do you want this job?", TEA):
            url = f"/jobs/{job}/questions/{qids[words]}/mark"
            assert client.post(url, data={"mark": "keep"}).status_code == 302
    assert alex.post(f"/jobs/{job}/questions/{rota}/mark", data={"mark": "keep"}).status_code == (
        302
    )
    with app.app_context():
        assert db.session.get(Question, rota).status == "draft"  # Priya has not marked yet
    assert priya.post(f"/jobs/{job}/questions/{rota}/mark", data={"mark": "keep"}).status_code == (
        302
    )
    with app.app_context():
        statuses = {q.easy_read: q.status for q in db.session.scalars(select(Question))}
        assert set(statuses.values()) == {"agreed"}, statuses
    return keys


def _send(client, job, candidate_id, answers, n) -> None:
    body = {"client_id": f"story-{n}", "answers": answers, "submit": True}
    response = client.post(f"/jobs/{job}/score/{candidate_id}/send", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]


def test_a_two_panel_job_from_plan_to_decision(app, world):
    job = world["job_a"]
    alex = signed_in_client(app, world["coordinator"])
    ids = _plan_the_panels(app, world, alex)
    clients = {
        "alex": alex,
        "sam": signed_in_client(app, world["sam"]),
        "jo": signed_in_client(app, world["jo"]),
        "priya": signed_in_client(app, ids["priya"]),
    }
    keys = _write_and_agree(app, world, ids, clients)
    why, tea, rota = keys["Why do you want this job?"], keys[TEA], keys["How do you plan a rota?"]

    # The plan: each panel has its own part of the day.
    for panel in (ids["ours"], ids["managers"]):
        plan = alex.get(f"/jobs/{job}/plan?panel={panel}")
        assert plan.status_code == 200
        check_page(plan.get_data(as_text=True))
    assert "Make a cup of tea" in _text(alex.get(f"/jobs/{job}/plan?panel={ids['ours']}"))

    # Everyone agrees to keep candidates' details private, then scores their panel's part.
    for client in clients.values():
        assert client.post(f"/jobs/{job}/privacy").status_code == 303
    with app.app_context():
        ruth, dan = (c.id for c in db.session.get(Job, job).candidates)
    n = 0
    # Our panel (3 faces): Ruth "Good" on both, Dan "OK". Managers (1 to 5): Ruth 1, Dan 5.
    for who, ruth_answers, dan_answers in (
        ("sam", {why: 3, tea: 3}, {why: 2, tea: 2}),
        ("jo", {why: 3, tea: 3}, {why: 2, tea: "dk"}),
        ("alex", {rota: 1}, {rota: 5}),
        ("priya", {rota: 1}, {rota: 5}),
    ):
        for candidate, answers in ((ruth, ruth_answers), (dan, dan_answers)):
            n += 1
            _send(clients[who], job, candidate, answers, n)
    with app.app_context():
        sheets = db.session.scalars(select(ScoreSheet).where(ScoreSheet.job_id == job)).all()
        assert len(sheets) == 8 and {s.status for s in sheets} == {"submitted"}

    # Results: each panel side by side, combined with panel parity.
    assert (
        alex.post(
            f"/jobs/{job}/results", data={"action": "weighting", "weighting": "panels"}
        ).status_code
        == 302
    )
    results = _text(alex.get(f"/jobs/{job}/results"))
    assert "Our panel" in results and "Managers' panel" in results
    with app.app_context():
        from panels.results.service import job_results

        data = job_results(db.session.get(Job, job))
        rows = {r.key: r for r in data.results.rows}
        ruth_key, dan_key = (c.key for c in data.candidates)
        # Ruth: our panel 100, managers 0 -> 50. Dan: our panel 50, managers 100 -> 75.
        assert rows[ruth_key].panel_scores == {str(ids["ours"]): 100.0, str(ids["managers"]): 0.0}
        assert (rows[ruth_key].combined, rows[dan_key].combined) == (50.0, 75.0)
        assert data.results.top == [dan_key]

    # The decision meeting: our panel's first choice is Ruth; Dan is the panel's.
    assert alex.post(f"/jobs/{job}/decision/open").status_code == 302
    meeting = _text(clients["sam"].get(f"/jobs/{job}/decision"))
    assert "Our panel: Ruth. People with lived experience" in meeting
    assert "Managers' panel: Dan" in meeting
    # Each panel's members side by side with the panel's score, and every part read aloud.
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", meeting))
    assert "Our panel (people with lived experience): 50.0 out of 100" in words
    assert "Managers' panel: 100.0 out of 100" in words
    spoken = set(re.findall(r'data-text="([^"]*)"', meeting))
    assert (
        "Dan is in place 1. The panel score is 75 out of 100. Our panel gave 50 out of 100. "
        "Managers' panel gave 100 out of 100. People disagreed. Talk about it."
    ) in spoken
    assert any("Our panel chose Ruth first. Managers' panel chose Dan first." in t for t in spoken)
    assert any("Without Sam Patel's scores, the top would still be Dan." in t for t in spoken)
    dan_page = _text(clients["sam"].get(f"/jobs/{job}/decision/{dan}"))
    spoken |= set(re.findall(r'data-text="([^"]*)"', dan_page))
    assert "Make a cup of tea with Sam. Not enough answers to compare. 1 said I don't know." in (
        spoken
    )
    assert "Activity: Make a cup of tea with Sam." in dan_page
    for sentence in spoken:
        assert easyread.check(sentence).ok, sentence
    dan_url = f"/jobs/{job}/decision/{dan}"
    no_reason = alex.post(dan_url, data={"proposal": "offer", "reason": ""})
    assert no_reason.status_code == 400
    check_error_page(
        no_reason.get_data(as_text=True), "reason", "first choice of the lived-experience"
    )
    assert "The first choice of the lived-experience panel was Ruth." in _text(no_reason)
    reason = "Dan has run rotas for a team of ten. Our panel liked him too."
    assert alex.post(dan_url, data={"proposal": "offer", "reason": reason}).status_code == 302
    assert (
        alex.post(f"/jobs/{job}/decision/{ruth}", data={"proposal": "reserve"}).status_code == 302
    )

    # Every member gives their own answer on their own tablet.
    for who, answer, note in (
        ("sam", "agree", ""),
        ("jo", "disagree", "I liked Ruth more."),
        ("alex", "agree", ""),
        ("priya", "not_sure", "Dan was quiet with Sam."),
    ):
        response = clients[who].post(dan_url + "/answer", data={"answer": answer, "note": note})
        assert response.status_code == 302, (who, response.status_code)

    # Released: each member sees what happened, with the reason.
    assert alex.post(f"/jobs/{job}/decision/release").status_code == 302
    happened = _text(clients["jo"].get(f"/jobs/{job}/decision/what-happened"))
    assert "Dan" in happened and reason in happened
    # Said truthfully under panel parity: each panel counted the same.
    assert "Each panel counted the same. In your panel, your scores counted the same" in happened
    assert "Dan was not the first choice of the lived-experience panel." in happened

    # The decision record shows every member's voice.
    record = _text(alex.get(dan_url))
    for name in ("Sam Patel", "Jo Williams", "Alex Morgan", "Priya Shah"):
        assert name in record, name
    assert "I liked Ruth more." in record and "Dan was quiet with Sam." in record
    with app.app_context():
        decision = db.session.scalar(select(Decision).where(Decision.candidate_id == dan))
        assert (decision.proposal, decision.reason_needed, decision.lived_first) == (
            "offer",
            True,
            False,
        )
        assert decision.reason == reason
        voices = db.session.scalars(
            select(DecisionAnswer).where(DecisionAnswer.decision_id == decision.id)
        ).all()
        assert sorted(a.answer for a in voices) == ["agree", "agree", "disagree", "not_sure"]
        assert len({a.member_id for a in voices}) == 4
        assert db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "lived experience marked")
        )

    # How well we share power: this job's offer was not the lived panel's first choice.
    report = _text(alex.get("/organisation/sharing-power"))
    assert "first choice in 0 of 1 jobs" in report
