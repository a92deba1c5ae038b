"""Equal-weight scoring: hand-worked examples and CSV output."""

import csv
import io

import pytest

from panels.scoring.combine import (
    CSV_HEADER,
    MemberIn,
    ScoreIn,
    combine,
    format_score,
    results_csv,
    results_rows,
)
from panels.scoring.scales import get_scale

F = get_scale("faces3").normalise
P = get_scale("points5").normalise


def S(member: str, cand: str, q: str, v: float | None) -> ScoreIn:
    return ScoreIn(member, cand, q, v)


def test_different_scales_each_member_equal_weight() -> None:
    members = [MemberIn("a", "Amira"), MemberIn("h", "Helen")]
    # Amira (faces) scores 2 questions: Good, OK -> 1.0, 0.5 -> 0.75
    # Helen (1-5) scores 3 questions: 5, 1, 3 -> 1.0, 0.0, 0.5 -> 0.5
    scores = [
        S("a", "c1", "q1", F(3)),
        S("a", "c1", "q2", F(2)),
        S("h", "c1", "q1", P(5)),
        S("h", "c1", "q2", P(1)),
        S("h", "c1", "q3", P(3)),
    ]
    r = combine(members, [("c1", "Jo")], ["q1", "q2", "q3"], scores)
    row = r.row("c1")
    assert row.member_scores == {"a": 75.0, "h": 50.0}
    # (75 + 50) / 2, not the mean of all five answers (60)
    assert row.combined == 62.5
    assert row.rank == 1
    assert row.complete is False
    assert row.missing == [("a", "q3")]
    assert row.spread == 25.0
    assert row.scored_by == 2


def test_dont_know_is_no_score_and_counts_as_answered() -> None:
    members = [MemberIn("a", "A"), MemberIn("b", "B")]
    scores = [
        S("a", "c1", "q1", 1.0),
        S("a", "c1", "q2", None),
        S("b", "c1", "q1", None),
        S("b", "c1", "q2", None),
    ]
    row = combine(members, [("c1", "Jo")], ["q1", "q2"], scores).row("c1")
    assert row.member_scores == {"a": 100.0, "b": None}  # not 50: "I don't know" is not zero
    assert row.combined == 100.0  # b said "I don't know" to all, so b has no member score
    assert row.scored_by == 1
    assert row.complete is True
    assert row.missing == []


def test_member_who_scored_only_some_candidates() -> None:
    members = [MemberIn("a", "A"), MemberIn("b", "B"), MemberIn("c", "C")]
    scores = [
        S("a", "c1", "q1", 1.0),
        S("b", "c1", "q1", 0.5),
        S("c", "c1", "q1", 0.0),
        S("a", "c2", "q1", 1.0),
        S("b", "c2", "q1", 0.5),
        # c did not score c2 at all
    ]
    r = combine(members, [("c1", "Jo"), ("c2", "Sam")], ["q1"], scores)
    assert r.row("c1").combined == 50.0
    assert r.row("c2").combined == 75.0  # mean over the members who scored c2
    assert r.row("c2").member_scores["c"] is None
    assert r.row("c2").complete is False
    assert r.row("c2").missing == [("c", "q1")]
    assert [row.key for row in r.rows] == ["c2", "c1"]
    assert r.top == ["c2"]


def test_group_parity_gives_each_group_equal_weight() -> None:
    members = [
        MemberIn("l1", "L1", "lived experience"),
        MemberIn("l2", "L2", "lived experience"),
        MemberIn("o1", "O1", "organisation"),
        MemberIn("o2", "O2", "organisation"),
        MemberIn("o3", "O3", "organisation"),
    ]
    values = {"l1": 1.0, "l2": 0.5, "o1": 0.0, "o2": 0.0, "o3": 0.5}
    scores = [S(m, "c1", "q1", v) for m, v in values.items()]
    plain = combine(members, [("c1", "Jo")], ["q1"], scores)
    assert plain.row("c1").combined == 40.0  # (1 + .5 + 0 + 0 + .5) / 5
    assert plain.row("c1").group_scores == {}
    parity = combine(members, [("c1", "Jo")], ["q1"], scores, group_parity=True)
    row = parity.row("c1")
    # lived: 0.75, organisation: 1/6; (0.75 + 1/6) / 2 = 0.458333
    assert row.combined == pytest.approx(45.8333333, abs=1e-6)
    assert format_score(row.combined) == "45.8"
    assert row.group_scores["lived experience"] == 75.0
    assert row.group_scores["organisation"] == pytest.approx(16.6666667, abs=1e-6)
    assert parity.groups == {"lived experience": ["l1", "l2"], "organisation": ["o1", "o2", "o3"]}


def test_group_parity_members_without_group_form_other() -> None:
    members = [MemberIn("a", "A", "lived experience"), MemberIn("b", "B"), MemberIn("c", "C")]
    scores = [S("a", "c1", "q", 1.0), S("b", "c1", "q", 0.0), S("c", "c1", "q", 0.5)]
    r = combine(members, [("c1", "Jo")], ["q"], scores, group_parity=True)
    assert r.groups == {"lived experience": ["a"], "other": ["b", "c"]}
    assert r.row("c1").combined == 62.5  # (1.0 + 0.25) / 2


def test_group_parity_ignores_group_with_no_scores_for_candidate() -> None:
    members = [MemberIn("a", "A", "x"), MemberIn("b", "B", "y")]
    scores = [S("a", "c1", "q", 1.0), S("b", "c1", "q", None)]
    r = combine(members, [("c1", "Jo")], ["q"], scores, group_parity=True)
    assert r.row("c1").combined == 100.0
    assert r.row("c1").group_scores == {"x": 100.0, "y": None}


def test_ties_share_a_rank_one_one_three() -> None:
    members = [MemberIn("a", "A"), MemberIn("b", "B")]
    scores = [
        S("a", "c1", "q", 0.75),
        S("b", "c1", "q", 0.25),  # 50
        S("a", "c2", "q", 0.5),
        S("b", "c2", "q", 0.5),  # 50
        S("a", "c3", "q", 0.25),
        S("b", "c3", "q", 0.25),  # 25
    ]
    r = combine(members, [("c1", "A1"), ("c2", "B2"), ("c3", "C3"), ("c4", "D4")], ["q"], scores)
    assert [(row.key, row.rank, row.tied) for row in r.rows] == [
        ("c1", 1, True),
        ("c2", 1, True),
        ("c3", 3, False),
        ("c4", None, False),  # no score at all: no rank
    ]
    assert r.top == ["c1", "c2"]


def test_scores_shown_the_same_always_share_a_rank() -> None:
    # 0.1 and 0.2 average to 0.15000000000000002 in floats; shown as 15.0 like 0.15.
    members = [MemberIn("a", "A"), MemberIn("b", "B")]
    scores = [
        S("a", "c1", "q", 0.1),
        S("b", "c1", "q", 0.2),
        S("a", "c2", "q", 0.15),
        S("b", "c2", "q", 0.15),
    ]
    r = combine(members, [("c1", "X"), ("c2", "Y")], ["q"], scores)
    assert format_score(r.row("c1").combined) == format_score(r.row("c2").combined) == "15.0"
    assert r.row("c1").rank == r.row("c2").rank == 1


def test_thirds_tie_exactly() -> None:
    # 1/3 each from three members vs one member at 1/3: equal, whatever float rounding does
    members = [MemberIn(k, k) for k in "abc"]
    third = 1 / 3
    scores = [S(m, "c1", "q", third) for m in "abc"] + [S("a", "c2", "q", third)]
    r = combine(members, [("c1", "X"), ("c2", "Y")], ["q"], scores)
    assert r.row("c1").rank == r.row("c2").rank == 1


def test_disagreement_flag_and_note() -> None:
    members = [MemberIn("a", "Amira"), MemberIn("b", "Ben"), MemberIn("c", "Cat")]
    scores = [
        S("a", "c1", "q", 1.0),
        S("b", "c1", "q", 0.0),
        S("c", "c1", "q", 0.5),
        S("a", "c2", "q", 0.75),
        S("b", "c2", "q", 0.5),
    ]
    r = combine(members, [("c1", "Jo"), ("c2", "Sam")], ["q"], scores)
    jo = r.row("c1")
    assert jo.spread == 100.0 and jo.disagreement is True
    assert jo.note == (
        "Panel members disagree strongly about Jo: member scores go from 0.0 to 100.0. "
        "Talk about this together."
    )
    sam = r.row("c2")
    assert sam.spread == 25.0 and sam.disagreement is False and sam.note is None
    cands = [("c1", "Jo"), ("c2", "Sam")]
    strict = combine(members, cands, ["q"], scores, disagreement_threshold=25)
    assert strict.row("c2").disagreement is True  # spread equal to the threshold counts


def test_one_member_cannot_disagree_with_themselves() -> None:
    r = combine([MemberIn("a", "A")], [("c1", "Jo")], ["q"], [S("a", "c1", "q", 1.0)])
    assert r.row("c1").spread == 0.0
    assert r.row("c1").disagreement is False


def test_influence_changing_the_top() -> None:
    members = [MemberIn("a", "Amira"), MemberIn("b", "Ben"), MemberIn("c", "Cat")]
    scores = [
        S("a", "c1", "q", 1.0),
        S("b", "c1", "q", 0.5),
        S("c", "c1", "q", 0.5),  # Jo: 66.7
        S("a", "c2", "q", 0.0),
        S("b", "c2", "q", 0.75),
        S("c", "c2", "q", 0.75),  # Sam: 50.0
    ]
    r = combine(members, [("c1", "Jo"), ("c2", "Sam")], ["q"], scores)
    assert r.top == ["c1"]
    by_member = {i.member: i for i in r.influence}
    assert by_member["a"].top_without == ["c2"]
    assert by_member["a"].changes_top is True
    assert by_member["a"].note == "Without Amira's scores, the top would be Sam instead of Jo."
    assert by_member["b"].top_without == ["c1"]
    assert by_member["b"].changes_top is False
    assert by_member["b"].note == "Without Ben's scores, the top would still be Jo."
    assert [i.member for i in r.influence] == ["a", "b", "c"]


def test_influence_reports_ties_without_a_member() -> None:
    members = [MemberIn("a", "Amira"), MemberIn("b", "Ben")]
    scores = [
        S("a", "c1", "q", 1.0),
        S("b", "c1", "q", 0.5),
        S("a", "c2", "q", 0.5),
        S("b", "c2", "q", 0.5),
    ]
    r = combine(members, [("c1", "Jo"), ("c2", "Sam")], ["q"], scores)
    amira = r.influence[0]
    assert amira.top_without == ["c1", "c2"]
    assert amira.changes_top is True
    assert "Jo and Sam (equal)" in amira.note


def test_influence_when_only_one_member_scored() -> None:
    members = [MemberIn("a", "Amira"), MemberIn("b", "Ben")]
    r = combine(members, [("c1", "Jo")], ["q"], [S("a", "c1", "q", 1)])
    assert r.influence[0].top_without == []
    assert r.influence[0].changes_top is True
    assert r.influence[0].note == "Without Amira's scores, the top would be nobody instead of Jo."


def test_scores_for_unscored_questions_are_ignored() -> None:
    members = [MemberIn("a", "A")]
    scores = [S("a", "c1", "q1", 1.0), S("a", "c1", "warmup", 0.0)]
    row = combine(members, [("c1", "Jo")], ["q1"], scores).row("c1")
    assert row.combined == 100.0
    assert row.complete is True


def test_no_scored_questions_means_no_scores() -> None:
    r = combine([MemberIn("a", "A")], [("c1", "Jo")], [], [S("a", "c1", "q", 1.0)])
    assert r.row("c1").combined is None and r.row("c1").rank is None
    assert r.top == []


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        ([S("zz", "c1", "q", 1.0)], "'zz', who is not a panel member"),
        ([S("a", "zz", "q", 1.0)], "'zz', who is not a candidate"),
        ([S("a", "c1", "q", 1.5)], "must be from 0 to 1"),
        ([S("a", "c1", "q", -0.1)], "must be from 0 to 1"),
        ([S("a", "c1", "q", float("nan"))], "must be from 0 to 1"),
        ([S("a", "c1", "q", True)], "must be from 0 to 1"),
        ([S("a", "c1", "q", 1.0), S("a", "c1", "q", None)], "two scores for 'c1'"),
    ],
)
def test_bad_scores_raise(scores: list[ScoreIn], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        combine([MemberIn("a", "A")], [("c1", "Jo")], ["q"], scores)


def test_bad_set_up_raises() -> None:
    with pytest.raises(ValueError, match="member key 'a' is used twice"):
        combine([MemberIn("a", "A"), MemberIn("a", "B")], [], [], [])
    with pytest.raises(ValueError, match="candidate key 'c' is used twice"):
        combine([], [("c", "X"), ("c", "Y")], [], [])
    with pytest.raises(ValueError, match="threshold"):
        combine([], [], [], [], disagreement_threshold=0)


def test_format_score_rounds_half_up_to_one_place() -> None:
    assert format_score(None) == ""
    assert format_score(72.5) == "72.5"
    assert format_score(72.25) == "72.3"
    assert format_score(100.0) == "100.0"
    assert format_score(0.0) == "0.0"
    assert format_score(200 / 3) == "66.7"


def _sample():
    members = [MemberIn("amira", "Amira"), MemberIn("ben", "Ben")]
    scores = [
        S("amira", "c1", "q1", 1.0),
        S("amira", "c1", "q2", 0.5),
        S("ben", "c1", "q1", 0.5),
        S("ben", "c1", "q2", None),
        S("amira", "c2", "q1", 0.25),
    ]
    cands = [("c1", "Jo Baker"), ("c2", "=cmd|' /C calc'!A0"), ("c3", 'Lee "Lucky" Chen, Jr')]
    return combine(members, cands, ["q1", "q2"], scores)


def test_results_rows_table() -> None:
    rows = results_rows(_sample())
    assert rows[0] == CSV_HEADER + ["member:amira", "member:ben"]
    assert rows[1] == ["c1", "Jo Baker", "1", "62.5", "yes", "25.0", "75.0", "50.0"]
    # a name that looks like a spreadsheet formula is made safe
    assert rows[2] == ["c2", "'=cmd|' /C calc'!A0", "2", "25.0", "no", "0.0", "25.0", ""]
    assert rows[3] == ["c3", 'Lee "Lucky" Chen, Jr', "", "", "no", "", "", ""]


def test_results_rows_choose_member_columns() -> None:
    rows = results_rows(_sample(), ["ben"])
    assert rows[0][-1] == "member:ben" and len(rows[0]) == 7
    with pytest.raises(ValueError, match="Not panel members in these results: zz"):
        results_rows(_sample(), ["zz"])


def test_results_csv_round_trips() -> None:
    text = results_csv(_sample())
    assert text.startswith(
        "candidate_key,candidate,rank,combined,complete,spread,member:amira,member:ben\r\n"
    )
    assert list(csv.reader(io.StringIO(text))) == results_rows(_sample())
    assert '"Lee ""Lucky"" Chen, Jr"' in text
