"""Score sheets (panels.scoring.sheets), without HTTP: save, send, amend and every refusal.

The pages and the tablets' JSON call ``sheets.save``; these tests call it directly, on a
job from ``scoring_job`` (Alex on points5, Sam and Jo on faces3, questions q1 and q2).
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from panels.db import db
from panels.models import Candidate, PanelMember, Score, ScoreSend, ScoreSheet, ScoringState, User
from panels.scoring import sheets
from panels.scoring.sheets import AlreadySent, ScoringConflict, ScoringProblem
from tests.integration.scoring_helpers import scoring_job


@pytest.fixture
def job(ctx):
    return scoring_job()


def _member(job, user_key: str) -> PanelMember:
    return db.session.scalar(
        select(PanelMember).where(
            PanelMember.job_id == job["job"], PanelMember.user_id == job[user_key]
        )
    )


def _save(job, raw, user_key="sam", cand=0, note="", **kw):
    candidate = db.session.get(Candidate, job["cands"][cand])
    questions = sheets.scored_questions(job["job"])
    kw.setdefault("version", 0)
    return sheets.save(candidate, _member(job, user_key), questions, raw, note, **kw)


def _sheet(job, user_key="sam", cand=0) -> ScoreSheet | None:
    return sheets.find_sheet(job["cands"][cand], _member(job, user_key).id)


def test_scored_questions_are_the_agreed_scored_ones_in_order(job):
    assert [q.key for q in sheets.scored_questions(job["job"])] == ["q1", "q2"]


def test_a_first_save_starts_a_draft_on_the_members_scale(job):
    result = _save(job, {"q1": "2", "q2": ""}, note="  Kind  ", client_id="c1")
    assert (result.result, result.version, result.status) == ("saved", 1, "draft")
    sheet = _sheet(job)
    assert sheet.scale == "faces3" and sheet.note == "Kind" and not sheet.submitted
    assert list(sheets.answers_of(sheet).values()) == [2]  # q2 empty: not answered
    assert db.session.scalar(select(func.count()).select_from(ScoreSend)) == 1


def test_the_same_change_sent_again_is_a_duplicate_applied_once(job):
    _save(job, {"q1": "2"}, client_id="c1")
    again = _save(job, {"q1": "3"}, client_id="c1")  # a resend: its first result
    assert (again.result, again.version) == ("duplicate", 1)
    assert list(sheets.answers_of(_sheet(job)).values()) == [2]


def test_a_save_on_an_old_version_is_a_conflict_that_keeps_what_is_stored(job):
    _save(job, {"q1": "2"}, client_id="c1")
    with pytest.raises(ScoringConflict) as refused:
        _save(job, {"q1": "1"}, client_id="c2", version=0)
    assert refused.value.status == 409
    assert refused.value.saved["version"] == 1 and refused.value.saved["answers"] == {"q1": 2}
    assert refused.value.saved["scale"] == "faces3"
    assert list(sheets.answers_of(_sheet(job)).values()) == [2]


def test_a_sheet_on_another_scale_is_a_conflict(job):
    _save(job, {"q1": "2"})
    with pytest.raises(ScoringConflict) as refused:
        _save(job, {"q1": "2"}, version=1, scale="points5")
    words = refused.value.errors["scores"]
    assert words.startswith("Your scores for Ruth are on the ") and "scale, not the " in words
    assert _sheet(job).scale == "faces3"


def test_sending_needs_every_question_and_dont_know_counts(job):
    with pytest.raises(ScoringProblem) as refused:
        _save(job, {"q1": "2"}, submit=True)
    assert set(refused.value.errors) == {"q-q2"} and refused.value.status == 400
    assert _sheet(job) is None  # nothing saved
    sent = _save(job, {"q1": "2", "q2": sheets.DONT_KNOW}, submit=True)
    assert (sent.result, sent.status) == ("submitted", "submitted")
    scores = {s.question_id: (s.value, s.dont_know) for s in _sheet(job).scores}
    assert sorted(scores.values(), key=str) == sorted([(2, False), (None, True)], key=str)


def test_a_value_off_the_scale_or_an_unknown_question_is_refused_in_plain_words(job):
    with pytest.raises(ScoringProblem) as refused:
        _save(job, {"q1": "5", "nope": "1"})  # faces3 goes to 3
    assert set(refused.value.errors) == {"q-q1", "q-nope"}
    assert "is not a question the panel scores" in refused.value.errors["q-nope"]
    assert db.session.scalar(select(func.count()).select_from(Score)) == 0


def test_changing_a_sent_sheet_needs_a_reason_and_is_an_amendment(job):
    _save(job, {"q1": "2", "q2": "1"}, submit=True)
    with pytest.raises(AlreadySent) as refused:
        _save(job, {"q1": "3", "q2": "1"}, version=1)
    assert "reason" in refused.value.errors
    amended = _save(job, {"q1": "3", "q2": "1"}, version=1, reason="I pressed the wrong face")
    assert amended.result == "amended" and _sheet(job).amended


def test_nothing_is_saved_once_scoring_is_closed(job):
    db.session.add(ScoringState(job_id=job["job"], closed=True, close_reason="Done"))
    db.session.commit()
    assert sheets.is_closed(job["job"])
    with pytest.raises(ScoringProblem) as refused:
        _save(job, {"q1": "2"})
    assert refused.value.status == 409 and "Scoring is closed" in refused.value.errors["scores"]
    assert _sheet(job) is None


def test_a_member_who_saw_others_scores_cannot_send_first_scores(job):
    sam = db.session.get(User, job["sam"])
    candidate = db.session.get(Candidate, job["cands"][0])
    assert not sheets.has_seen(sam.id, job["job"], candidate.id)
    sheets.record_view(sam, job["job"], candidate, "results")
    assert sheets.has_seen(sam.id, job["job"], candidate.id)
    with pytest.raises(ScoringProblem) as refused:
        _save(job, {"q1": "2"})
    assert refused.value.status == 403
    assert refused.value.errors["scores"] == sheets.seen_message("Ruth")
    _save(job, {"q1": "2"}, cand=1)  # the other candidate is still open to Sam


def test_a_paper_sheet_never_replaces_one_started_on_a_tablet(job):
    _save(job, {"q1": "2"})
    alex = db.session.get(User, job["coord"])
    with pytest.raises(ScoringProblem) as refused:
        _save(job, {"q1": "2", "q2": "2"}, version=1, submit=True, on_behalf=True, actor=alex)
    assert refused.value.status == 409 and not isinstance(refused.value, ScoringConflict)
    assert "started scores for Ruth on a tablet" in refused.value.errors["scores"]


def test_bad_ids_versions_notes_and_reasons_are_refused(job):
    for kw, field in (
        ({"client_id": "x" * 65}, "client_id"),
        ({"version": -1}, "version"),
        ({"version": True}, "version"),
    ):
        with pytest.raises(ScoringProblem) as refused:
            _save(job, {"q1": "2"}, **kw)
        assert set(refused.value.errors) == {field}
    with pytest.raises(ScoringProblem) as refused:
        _save(job, {"q1": "2"}, note="a\x00b")
    assert refused.value.errors == {"note": "The note must be text."}
    with pytest.raises(ScoringProblem) as refused:
        _save(job, {"q1": "2"}, note="x" * (sheets.NOTE_MAX + 1))
    assert "characters or fewer" in refused.value.errors["note"]
    assert _sheet(job) is None


def test_statuses_and_submitted_sheets_follow_what_was_sent(job):
    _save(job, {"q1": "2", "q2": "2"}, submit=True)
    _save(job, {"q1": "1"}, user_key="jo")
    statuses = sheets.statuses(job["job"])
    sam, jo = _member(job, "sam"), _member(job, "jo")
    assert statuses[(job["cands"][0], sam.id)] == "submitted"
    assert statuses[(job["cands"][0], jo.id)] == "draft"
    assert set(sheets.submitted_sheets(job["cands"][0])) == {sam.id}


def test_reading_the_state_of_a_job_nobody_closed_writes_nothing(job):
    state = sheets.state_for(job["job"])
    assert state.closed is False
    db.session.flush()
    assert db.session.scalar(select(func.count()).select_from(ScoringState)) == 0
