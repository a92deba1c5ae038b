"""The results page against hand-worked sums, to one decimal place; and its statements.

Sheets and scores are written straight into the database (as sent sheets), so each case
can hold what a tablet never sends: a value off its sheet's scale (damaged data).
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import insert

from panels.db import db
from panels.models import PanelMember, Question, Score, ScoreSheet, ScoringState
from panels.results.service import job_results
from panels.scoring.combine import format_score
from tests.conftest import make_job, make_user, signed_in_client
from tests.integration.statements import statements
from tests.pagecheck import check_page

DK = None  # "I don't know"

# member -> candidate -> (the sheet's scale, answers to q1, q2, q3). Worked by hand:
#   Ruth: A 5,4,dk on 1-5: steps 4+3 = 7 of 2x4 = 87.5; B faces 2,3,3: 1+2+2 = 5 of 3x2
#         = 83.3; C yes/no 1,0,1: 2 of 3 = 66.7. Combined (0.875 + 5/6 + 2/3) / 3 = 79.2;
#         spread 87.5 - 66.7 = 20.8. Groups (A, B | C): ((0.875 + 5/6) / 2 + 2/3) / 2 = 76.0.
#   Dan:  A 3,3,3: 6 of 12 = 50.0; B 1,dk,dk: 0 of 2 = 0.0; C 5 (not on yes/no: not
#         answered),1,1: 2 of 2 = 100.0. Combined 1.5 / 3 = 50.0; spread 100.0; C's q1
#         missing. Groups: ((0.5 + 0) / 2 + 1) / 2 = 62.5.
#   Mo:   B only, faces 3,2,1: 2+1+0 = 3 of 6 = 50.0.
#         Ties with Dan (50.0): both rank 2. A and C sent nothing: 6 answers missing.
#   Kim:  A 2,1,dk: 1 of 2x4 = 12.5; B 1,1,1: 0.0; C nothing. Combined 0.0625 = 6.25,
#         shown 6.3 (half up, where round() would say 6.2); groups: the same, 6.3.
SHEETS = {
    "A": {
        "Ruth": ("points5", 5, 4, DK),
        "Dan": ("points5", 3, 3, 3),
        "Kim": ("points5", 2, 1, DK),
    },
    "B": {
        "Ruth": ("faces3", 2, 3, 3),
        "Dan": ("faces3", 1, DK, DK),
        "Mo": ("faces3", 3, 2, 1),
        "Kim": ("faces3", 1, 1, 1),
    },
    "C": {"Ruth": ("yesno", 1, 0, 1), "Dan": ("yesno", 5, 1, 1)},
}
GROUPS = {"A": "lived experience", "B": "lived experience", "C": "organisation"}


def _closed_job(candidates, sheets, ref="EXACT"):
    """A closed job with members A, B and C, questions q1-q3 and these sent sheets."""
    people = [make_user(f"Member {k}", f"{k.lower()}.{ref.lower()}@example.org") for k in "ABC"]
    job = make_job(ref, "Support worker", people, list(candidates))
    members = {m.user.name[-1]: m for m in job.members}
    for key, member in members.items():
        member.group = GROUPS[key]
    questions = []
    for i in range(3):
        q = Question(
            job_id=job.id,
            key=f"q{i + 1}",
            easy_read=f"Question {i + 1}?",
            status="agreed",
            scored=True,
            position=i + 1,
        )
        db.session.add(q)
        questions.append(q)
    db.session.flush()
    cands = {c.name: c for c in job.candidates}
    for key, by_candidate in sheets.items():
        for name, (scale, *answers) in by_candidate.items():
            sheet = ScoreSheet(
                job_id=job.id,
                candidate_id=cands[name].id,
                member_id=members[key].id,
                status="submitted",
                scale=scale,
            )
            db.session.add(sheet)
            db.session.flush()
            db.session.execute(
                insert(Score),
                [
                    {"sheet_id": sheet.id, "question_id": q.id, "value": v, "dont_know": v is None}
                    for q, v in zip(questions, answers, strict=True)
                ],
            )
    db.session.add(ScoringState(job_id=job.id, closed=True, close_reason="Done"))
    coordinator = make_user("Hana Reed", f"hr.{ref.lower()}@example.org", coordinator=True)
    db.session.commit()
    return job.id, coordinator.id


def _cells(html: str) -> dict[str, list[str]]:
    """Candidate name -> the text of each cell of their row in the results table."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = {}
    for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", tr, re.S)
        ]
        rows[cells[1]] = cells
    return rows


def test_the_results_page_shows_the_hand_worked_scores(app):
    with app.app_context():
        job_id, hr_id = _closed_job(["Ruth", "Dan", "Mo", "Kim"], SHEETS)
    hr = signed_in_client(app, hr_id)
    page = hr.get(f"/jobs/{job_id}/results")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    check_page(html)
    rows = _cells(html)
    # rank, name, combined, A, B, C, spread, complete
    assert rows["Ruth"] == ["1", "Ruth", "79.2", "87.5", "83.3", "66.7", "20.8", "Yes"]
    assert rows["Dan"] == [
        "2 (tie)",
        "Dan",
        "50.0",
        "50.0",
        "0.0",
        "100.0",
        "100.0",
        "No: 1 missing",
    ]
    assert rows["Mo"] == ["2 (tie)", "Mo", "50.0", "–", "50.0", "–", "0.0", "No: 6 missing"]
    assert rows["Kim"] == ["4", "Kim", "6.3", "12.5", "0.0", "–", "12.5", "No: 3 missing"]
    assert list(rows) == ["Ruth", "Dan", "Mo", "Kim"]  # rank order; ties in the job's order
    assert "Without Member A&#39;s scores, the top would still be Ruth." in html
    assert "member scores go from 0.0 to 100.0" in html  # Dan: they disagree strongly


def test_group_parity_gives_the_hand_worked_scores(app):
    with app.app_context():
        job_id, _hr = _closed_job(["Ruth", "Dan", "Mo", "Kim"], SHEETS)
        from panels.models import Job

        job = db.session.get(Job, job_id)
        job.group_parity = True
        results = job_results(job).results
        shown = {r.name: format_score(r.combined) for r in results.rows}
        assert shown == {"Ruth": "76.0", "Dan": "62.5", "Mo": "50.0", "Kim": "6.3"}
        ruth = results.rows[0]
        assert {g: format_score(v) for g, v in ruth.group_scores.items()} == {
            "lived experience": "85.4",
            "organisation": "66.7",
        }
        assert [r.name for r in results.rows] == ["Ruth", "Dan", "Mo", "Kim"]


def _many(n: int) -> dict[str, dict[str, tuple]]:
    """Sheets for n candidates: every kind of answer, a short sheet and a damaged one."""
    names = [f"Person {i}" for i in range(n)]
    sheets: dict[str, dict[str, tuple]] = {"A": {}, "B": {}, "C": {}}
    for i, name in enumerate(names):
        sheets["A"][name] = ("points5", 1 + i % 5, 1 + (i * 3) % 5, DK)
        sheets["B"][name] = ("faces3", 1 + i % 3, DK, 1 + (i + 1) % 3)
        if i % 4:
            sheets["C"][name] = ("yesno", i % 2, 5 if i % 7 == 0 else 1, 0)
    return sheets


@pytest.mark.parametrize("sizes", [(15, 60)])
def test_the_results_page_sends_the_same_statements_for_15_and_60_candidates(app, sizes):
    sent = []
    for n in sizes:
        sheets = _many(n)
        with app.app_context():
            job_id, hr_id = _closed_job(list(sheets["A"]), sheets, ref=f"MANY{n}")
        hr = signed_in_client(app, hr_id)
        hr.get(f"/jobs/{job_id}/results")  # the session's first page loads the person
        with statements(app) as seen:
            assert hr.get(f"/jobs/{job_id}/results").status_code == 200
        sent.append(len(seen))
    assert sent[0] == sent[1], sent
    assert sent[0] <= 12, sent


def test_a_sheet_with_a_value_off_its_scale_counts_that_answer_as_missing(app):
    """Damaged data: the same results whether the sheet is summed or read one by one."""
    sheets = {"A": {"Ruth": ("faces3", 3, 5, DK)}, "B": {}, "C": {}}  # 5 is not a face
    with app.app_context():
        job_id, _hr = _closed_job(["Ruth"], sheets)
        from panels.models import Job

        row = job_results(db.session.get(Job, job_id)).results.rows[0]
        assert format_score(row.member_scores[_key(job_id, "A")]) == "100.0"  # 2 of 1x2
        assert (_key(job_id, "A"), "q2") in row.missing
        assert (_key(job_id, "A"), "q3") not in row.missing  # I don't know is an answer


def _key(job_id: int, letter: str) -> str:
    from sqlalchemy import select

    from panels.models import User

    return db.session.scalar(
        select(PanelMember.key)
        .join(User, User.id == PanelMember.user_id)
        .where(PanelMember.job_id == job_id, User.name == f"Member {letter}")
    )


@pytest.mark.parametrize("parity", [False, True])
def test_the_page_s_plain_rows_give_the_same_results_as_the_meeting_s_objects(app, parity):
    """``combined_results`` (the page and exports: plain rows) and ``job_results`` (the
    decision meeting: ORM objects) agree, with short and damaged sheets."""
    from panels.models import Job
    from panels.results.service import combined_results

    sheets = _many(30)
    with app.app_context():
        job_id, _hr = _closed_job(list(sheets["A"]), sheets, ref="BOTHWAYS")
        job = db.session.get(Job, job_id)
        job.group_parity = parity
        plain = combined_results(job)
        objects = job_results(job)
        assert plain.results == objects.results
        assert plain.names == objects.names and plain.panel_names == objects.panel_names
        assert plain.incomplete == objects.incomplete != []
        assert any(r.missing for r in plain.results.rows)  # short sheets were read
