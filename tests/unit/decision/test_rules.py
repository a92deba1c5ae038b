"""The decision meeting's pure rules, with hand-worked examples."""

from __future__ import annotations

import pytest

from panels.decision import content, rules
from panels.lib import easyread
from panels.lib.decisions import ANSWER_WORDS, PHRASE_WORDS, PROPOSAL_WORDS
from panels.scoring.combine import MemberIn, SheetIn
from panels.scoring.scales import FACES3, POINTS5

CANDS = [("ruth", "Ruth"), ("mei", "Mei"), ("ali", "Ali")]
MEMBERS = [
    MemberIn("sam", "Sam", "lived experience"),
    MemberIn("jo", "Jo", "lived experience"),
    MemberIn("pat", "Pat", "organisation"),
    MemberIn("kim", "Kim", "organisation"),
]


def sheets(table: dict[str, dict[str, float | None]]) -> list[SheetIn]:
    return [SheetIn(m, c, v) for m, row in table.items() for c, v in row.items()]


# Sam and Jo (lived experience) like Ruth; Pat and Kim like Mei.
# Ruth: sam 1, jo 0.5, pat 0, kim 0.5 -> mean 0.5
# Mei:  sam 0.5, jo None (I don't know only), pat 1, kim 1 -> mean 2.5/3 = 0.833
SCORES = sheets(
    {
        "sam": {"ruth": 1.0, "mei": 0.5, "ali": 0.0},
        "jo": {"ruth": 0.5, "mei": None, "ali": 0.5},
        "pat": {"ruth": 0.0, "mei": 1.0, "ali": 0.5},
        "kim": {"ruth": 0.5, "mei": 1.0, "ali": 0.0},
    }
)


def test_each_group_has_its_own_first_choice():
    views = rules.group_views(MEMBERS, CANDS, SCORES, lived_group="lived experience")
    assert [(v.name, v.first) for v in views] == [
        ("lived experience", ("ruth",)),  # ruth 0.75, mei 0.5 (Jo's I don't know is no score)
        ("organisation", ("mei",)),
    ]
    assert rules.lived_first_choice(views) == ("ruth",)


def test_the_whole_panel_first_choice_and_who_changes_the_top():
    panel = rules.group_view("panel", MEMBERS, CANDS, SCORES)
    assert panel.first == ("mei",)  # 83.3 against ruth 50
    # Without Pat: mei (0.5+1)/2 = 0.75, ruth 0.667: still Mei. Nobody alone changes it.
    assert [i.changes_top for i in panel.influence] == [False, False, False, False]
    # Inside the lived-experience group, without Sam the top is Ruth and Ali tied (0.5)
    lived = rules.group_view("lived", MEMBERS[:2], CANDS, SCORES)
    sam = lived.influence[0]
    assert sam.changes_top and sam.top_without == ["ruth", "ali"]
    assert [i.member for i in lived.changes] == ["sam"]


def test_a_tie_gives_two_first_choices_and_no_reason_is_needed_for_either():
    tied = sheets({"sam": {"ruth": 1.0, "mei": 1.0, "ali": 0.0}})
    view = rules.group_view("lived experience", MEMBERS[:1], CANDS, tied)
    assert view.first == ("ruth", "mei")
    assert not rules.reason_needed(["mei"], view.first)
    assert rules.reason_needed(["ali"], view.first)


def test_a_group_with_only_i_dont_know_has_no_first_choice():
    nothing = sheets({"sam": {"ruth": None, "mei": None, "ali": None}})
    views = rules.group_views(MEMBERS[:1], CANDS, nothing, lived_group="lived experience")
    assert views[0].first == ()
    assert rules.lived_first_choice(views) is None
    assert not rules.reason_needed(["ali"], None)


def test_no_lived_experience_group_means_no_reason_needed():
    views = rules.group_views(MEMBERS[2:], CANDS, SCORES)
    assert rules.lived_first_choice(views) is None


def test_the_lived_experience_group_is_the_one_the_coordinator_marked_not_a_name():
    # A group named "lived experience" the coordinator did not mark is just a group.
    unmarked = rules.group_views(MEMBERS, CANDS, SCORES)
    assert [v.lived for v in unmarked] == [False, False]
    assert rules.lived_first_choice(unmarked) is None
    # Marking "organisation" (any name) makes its first choice the one that needs a reason.
    marked = rules.group_views(MEMBERS, CANDS, SCORES, lived_group="organisation")
    assert [v.lived for v in marked] == [False, True]
    assert rules.lived_first_choice(marked) == ("mei",)
    assert rules.reason_needed(["ruth"], rules.lived_first_choice(marked))


def test_each_panel_has_its_own_view_and_the_flagged_panel_decides_the_reason():
    on_panels = [
        MemberIn(m.key, m.name, m.group, "ours" if m.key in ("sam", "jo") else "managers")
        for m in MEMBERS
    ]
    flags = [("ours", "Our panel", True), ("managers", "Managers' panel", False)]
    views = rules.panel_views(on_panels, CANDS, SCORES, flags)
    assert [(v.name, v.members, v.first, v.lived) for v in views] == [
        ("Our panel", ("sam", "jo"), ("ruth",), True),
        ("Managers' panel", ("pat", "kim"), ("mei",), False),
    ]
    assert rules.lived_first_choice(views) == ("ruth",)
    # Nobody flagged: no lived-experience first choice, so no reason is ever needed.
    plain = rules.panel_views(on_panels, CANDS, SCORES, [(k, n, False) for k, n, _ in flags])
    assert rules.lived_first_choice(plain) is None
    # One panel: the whole panel is that panel, so there is no view per panel.
    assert rules.panel_views(on_panels, CANDS, SCORES, flags[:1]) == []


@pytest.mark.parametrize(
    ("values", "level", "spread", "dont_know"),
    [
        ([1.0, 1.0, 1.0], rules.Agreement.AGREED, 0.0, 0),
        ([1.0, 0.5, None], rules.Agreement.DISAGREED, 0.5, 1),  # I don't know: not zero
        ([1.0, 0.75], rules.Agreement.MOSTLY, 0.25, 0),
        ([0.0, 1.0, 0.5], rules.Agreement.DISAGREED, 1.0, 0),
        ([1.0, None, None], rules.Agreement.TOO_FEW, None, 2),
        ([], rules.Agreement.TOO_FEW, None, 0),
    ],
)
def test_agreement_per_question(values, level, spread, dont_know):
    found = rules.question_agreement("q1", values)
    assert found.level == level
    assert found.dont_know == dont_know
    assert found.spread == spread


def test_half_the_scale_apart_is_a_disagreement():
    assert rules.question_agreement("q", [1.0, 0.5]).level == rules.Agreement.DISAGREED
    assert rules.question_agreement("q", [1.0, 0.51]).level == rules.Agreement.MOSTLY


def test_agreement_refuses_a_value_off_the_scale():
    with pytest.raises(ValueError):
        rules.question_agreement("q", [1.5])


def test_tally_counts_and_refuses_more_answers_than_members():
    t = rules.tally(["agree", "agree", "disagree"], 4)
    assert (t.agree, t.disagree, t.not_sure, t.waiting, t.answered) == (2, 1, 0, 1, 3)
    with pytest.raises(ValueError):
        rules.tally(["agree", "agree"], 1)


@pytest.mark.parametrize(
    ("member", "answered", "everyone", "released", "sees"),
    [
        (True, False, False, False, False),  # a member who has not answered
        (True, True, False, False, True),
        (False, False, False, False, False),  # the shared screen before everyone answered
        (False, False, True, False, True),
        (False, False, False, True, True),
    ],
)
def test_independence_rule(member, answered, everyone, released, sees):
    assert rules.may_see_answers(member, answered, everyone, released) is sees


@pytest.mark.parametrize(
    ("mean", "label"),
    [
        (0.0, "Not good"),
        (0.24, "Not good"),
        (0.25, "OK"),
        (0.74, "OK"),
        (0.75, "Good"),
        (1.0, "Good"),
    ],
)
def test_the_nearest_face(mean, label):
    assert rules.nearest_option(FACES3, mean).label == label


def test_the_nearest_point_on_five():
    assert rules.nearest_option(POINTS5, 0.6).value == 3  # 2.4 steps -> step 2 -> 3
    with pytest.raises(ValueError):
        rules.nearest_option(POINTS5, 1.2)


def outcome(month, decided=True, lived=True, reason=False, feedback=()):
    return rules.JobOutcome("R1", "Support worker", month, decided, lived, reason, feedback)


def test_report_across_jobs():
    found = rules.report(
        [
            outcome("2026-11", lived=True, feedback=((3, 3, 3), (1, 2, 3))),
            rules.JobOutcome(
                "R2", "Cook", "2026-12", True, False, True, ((2, 2, 2),), ((3, 1, 2),)
            ),
            outcome("2026-12", lived=None),
            outcome("2026-12", decided=False, lived=None),
        ]
    )
    assert (found.jobs, found.decided, found.with_lived_choice) == (4, 3, 2)
    assert (found.lived_first_appointed, found.reasons) == (1, 1)
    assert found.lived_first_share == 50
    # November: listened (100 + 0)/2 = 50, time (100 + 50)/2 = 75, again 100
    assert found.by_month == (
        ("2026-11", 2, (50.0, 75.0, 100.0)),
        ("2026-12", 1, (50.0, 50.0, 50.0)),
    )
    # December's candidate: listened good 100, time not good 0, again OK 50
    assert found.candidates_by_month == (("2026-12", 1, (100.0, 0.0, 50.0)),)


def test_report_with_no_jobs_has_no_share():
    assert rules.report([]).lived_first_share is None


def test_report_csv_guards_against_formulas():
    text = rules.report_csv([rules.JobOutcome("=cmd()", "+1", "2026-12", True, None, False, ())])
    lines = text.splitlines()
    assert lines[0].startswith("job,title,month")
    assert lines[1] == "'=cmd(),'+1,2026-12,yes,,no,0,,,,0,,,"


@pytest.mark.parametrize(
    "sentence",
    [
        *ANSWER_WORDS.values(),
        *PHRASE_WORDS.values(),
        *rules.AGREEMENT_WORDS.values(),
        *(q for _, q in rules.FEEDBACK_QUESTIONS),
    ],
)
def test_words_for_panel_members_are_easy_read(sentence):
    report = easyread.check(sentence)
    assert report.ok, [p.message for p in report.problems]


@pytest.mark.parametrize(
    "sentence",
    [
        *content.ALL,
        content.offered("Ruth"),
        content.not_first("Mei"),
        content.not_their_first("Ruth"),
        *(content.plan(words) for words in PROPOSAL_WORDS.values()),
    ],
)
def test_screen_words_are_easy_read(sentence):
    report = easyread.check(sentence)
    assert report.ok, [p.message for p in report.problems]


def test_what_happened_says_truthfully_how_scores_counted_and_reads_easily():
    assert content.counted(False, False) == "Your scores counted the same as everyone's."
    assert content.counted(True, False).startswith("Each panel counted the same.")
    assert content.counted(False, True).startswith("Each group counted the same.")
    spoken = [
        content.place("Dan", 1, "75.0"),
        content.panel_gave("Our panel", "62.5"),
        content.panel_gave("Our panel", ""),
        content.no_scores("Dan"),
        content.scored("Sam", "Good"),
        content.scored("Sam", None),
        content.chose("the whole panel", ["Ruth", "Dan", "Mei"]),
        content.chose("Our panel", []),
        *(content.counted(p, g) for p in (True, False) for g in (True, False)),
    ]
    assert spoken[0] == "Dan is in place 1. The panel score is 75 out of 100."
    assert spoken[1] == "Our panel gave 62.5 out of 100."
    assert spoken[6] == "The whole panel chose Ruth, Dan and Mei first."
    for sentence in spoken:
        assert easyread.check(sentence).ok, sentence
