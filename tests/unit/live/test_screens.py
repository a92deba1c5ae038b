"""One live screen per panel (panels.live.screens): whose screen, its pace, its order."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from panels.live.screens import NoSuchPanel, OtherPanel, in_plan_order, pick_panel, slowest_pace

OURS, MANAGERS = 11, 12


def test_a_member_gets_their_own_panels_screen_unnamed_or_named():
    assert pick_panel([OURS, MANAGERS], None, MANAGERS, manages=False) == MANAGERS
    assert pick_panel([OURS, MANAGERS], MANAGERS, MANAGERS, manages=False) == MANAGERS


def test_a_member_cannot_open_another_panels_screen():
    with pytest.raises(OtherPanel):
        pick_panel([OURS, MANAGERS], OURS, MANAGERS, manages=False)


def test_a_coordinator_opens_any_panel_and_starts_on_their_own_or_the_first():
    assert pick_panel([OURS, MANAGERS], MANAGERS, OURS, manages=True) == MANAGERS
    assert pick_panel([OURS, MANAGERS], None, None, manages=True) == OURS
    assert pick_panel([OURS, MANAGERS], None, MANAGERS, manages=True) == MANAGERS


def test_a_panel_of_another_job_is_no_panel():
    with pytest.raises(NoSuchPanel):
        pick_panel([OURS, MANAGERS], 99, None, manages=True)
    with pytest.raises(NoSuchPanel):
        pick_panel([], None, None, manages=True)


def test_one_panel_works_as_before():
    assert pick_panel([OURS], None, OURS, manages=False) == OURS
    assert pick_panel([OURS], None, None, manages=True) == OURS


def test_each_panel_scores_at_its_own_slowest_members_pace():
    ours, managers = [1.0, 2.0], [1.0, 1.25]
    assert slowest_pace(ours) == 2.0
    assert slowest_pace(managers) == 1.25
    assert slowest_pace([]) == 1.0


def test_candidates_in_the_panels_plan_order():
    starts = {"dan": datetime(2026, 12, 15, 9, 30), "ruth": datetime(2026, 12, 15, 11, 0)}
    # Ruth is first on the job's list, but this panel sees Dan first; Mei has no time yet.
    assert in_plan_order(["ruth", "dan", "mei"], starts) == ["dan", "ruth", "mei"]
    assert in_plan_order(["ruth", "dan"], {}) == ["ruth", "dan"]


@given(
    st.lists(st.integers(1, 50), unique=True, min_size=1),
    st.data(),
)
def test_plan_order_keeps_every_candidate_once(candidates, data):
    chosen = data.draw(st.lists(st.sampled_from(candidates), unique=True))
    starts = {c: datetime(2026, 12, 15, 9, data.draw(st.integers(0, 59))) for c in chosen}
    ordered = in_plan_order(candidates, starts)
    assert sorted(ordered) == sorted(candidates)
    planned = ordered[: len(starts)]
    assert [starts[c] for c in planned] == sorted(starts.values())


@given(
    st.lists(st.integers(1, 9), unique=True, min_size=1),
    st.integers(1, 9),
    st.one_of(st.none(), st.integers(1, 9)),
    st.booleans(),
)
def test_a_member_never_gets_another_panel(panels, mine, wanted, manages):
    try:
        chosen = pick_panel(panels, wanted, mine, manages)
    except NoSuchPanel:
        assert wanted is not None and wanted not in panels
        return
    except OtherPanel:
        assert not manages and wanted != mine
        return
    assert chosen in panels
    if not manages and mine in panels:
        assert chosen == mine


def test_the_refusal_is_in_easy_words():
    from panels.lib import easyread
    from panels.live.screens import OTHER_PANEL_HEADING, OTHER_PANEL_WORDS

    for words in (OTHER_PANEL_HEADING + ".", OTHER_PANEL_WORDS):
        assert easyread.check(words).problems == ()
