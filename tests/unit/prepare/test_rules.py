"""The privacy agreement's rules and words (panels/prepare/rules.py)."""

from __future__ import annotations

import pytest

from panels.lib import easyread, symbols
from panels.prepare import rules


@pytest.mark.parametrize(
    ("manages", "on_panel", "agreed", "sees"),
    [
        (True, False, False, True),  # a coordinator of the job's organisation
        (True, True, False, True),  # a coordinator who sits on the panel
        (False, True, True, True),  # a member who agreed
        (False, True, False, False),  # a member who has not agreed yet
        (False, False, True, False),  # not on this panel
        (False, False, False, False),
    ],
)
def test_who_may_see_candidates(manages, on_panel, agreed, sees):
    assert rules.may_see_candidates(manages=manages, on_panel=on_panel, agreed=agreed) is sees


@pytest.mark.parametrize("endpoint", sorted(rules.CANDIDATE_PAGES))
def test_a_member_who_has_not_agreed_is_stopped_at_every_candidate_page(endpoint):
    assert rules.must_agree_first(endpoint, manages=False, on_panel=True, agreed=False)
    assert not rules.must_agree_first(endpoint, manages=False, on_panel=True, agreed=True)
    assert not rules.must_agree_first(endpoint, manages=True, on_panel=True, agreed=False)
    # Someone not on the panel is the view's business (a 404), not the agreement's.
    assert not rules.must_agree_first(endpoint, manages=False, on_panel=False, agreed=False)


@pytest.mark.parametrize("endpoint", ["jobs.show", "prepare.privacy", "pay.offer", None])
def test_pages_without_candidates_are_not_stopped(endpoint):
    assert not rules.must_agree_first(endpoint, manages=False, on_panel=True, agreed=False)


def test_the_pages_that_show_candidates_are_covered():
    assert {"scoring.sheet", "scoring.index", "live.screen", "live.choose", "plan.show"} <= (
        rules.CANDIDATE_PAGES
    )


@pytest.mark.parametrize("line", [line for point in rules.AGREEMENT for line in point.lines])
def test_every_line_of_the_agreement_is_easy_read(line):
    report = easyread.check(line)
    assert report.ok, [p.message for p in report.problems]


def test_every_point_has_a_picture_and_listen_says_it_all():
    assert all(symbols.exists(point.symbol) for point in rules.AGREEMENT)
    whole = rules.agreement_text()
    assert all(line in whole for point in rules.AGREEMENT for line in point.lines)
