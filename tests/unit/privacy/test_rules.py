"""Who is due when: hand-made cases (exactly at the limit, a held job, the appointed
person, no decision, already gone), and the months arithmetic."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from panels.privacy import rules
from panels.privacy.rules import CandidateFacts, JobFacts, Policy, State

POLICY = Policy(keep_months=6, keep_appointed_months=12)
DECIDED = datetime(2026, 1, 31, 14, 0)


def job(decided=DECIDED, held=False, *candidates: CandidateFacts) -> JobFacts:
    return JobFacts(1, decided, held, candidates or (CandidateFacts(10), CandidateFacts(11)))


def test_months_keep_the_day_or_take_the_months_last():
    assert rules.add_months(DECIDED, 6) == datetime(2026, 7, 31, 14, 0)
    assert rules.add_months(DECIDED, 1) == datetime(2026, 2, 28, 14, 0)
    assert rules.add_months(datetime(2027, 12, 15), 2) == datetime(2028, 2, 15)
    assert rules.add_months(datetime(2028, 3, 31), -1) == datetime(2028, 2, 29)


def test_exactly_at_the_limit_is_due_and_a_second_before_is_kept():
    limit = datetime(2026, 7, 31, 14, 0)
    assert rules.due(job(), POLICY, limit) == [10, 11]
    before = rules.plan_job(job(), POLICY, limit - timedelta(seconds=1))
    assert [p.state for p in before] == [State.KEPT, State.KEPT]
    assert before[0].remove_on == limit


def test_no_decision_keeps_everyone_with_no_date():
    plans = rules.plan_job(job(None), POLICY, datetime(2040, 1, 1))
    assert [(p.state, p.remove_on) for p in plans] == [(State.WAITING, None)] * 2
    assert rules.early(job(None)) == []


def test_a_held_job_keeps_those_due_and_says_so():
    plans = rules.plan_job(job(DECIDED, True), POLICY, datetime(2027, 1, 1))
    assert [p.state for p in plans] == [State.HELD, State.HELD]
    assert rules.due(job(DECIDED, True), POLICY, datetime(2027, 1, 1)) == []


def test_the_appointed_person_is_kept_for_their_own_period():
    facts = job(DECIDED, False, CandidateFacts(10, appointed=True), CandidateFacts(11))
    at_seven = datetime(2026, 8, 31)
    assert rules.due(facts, POLICY, at_seven) == [11]
    assert rules.plan_job(facts, POLICY, at_seven)[0].remove_on == datetime(2027, 1, 31, 14, 0)
    assert rules.due(facts, POLICY, datetime(2027, 1, 31, 14, 0)) == [10, 11]


def test_those_gone_stay_gone_and_are_not_taken_twice():
    facts = job(DECIDED, False, CandidateFacts(10, gone=True), CandidateFacts(11))
    assert rules.due(facts, POLICY, datetime(2030, 1, 1)) == [11]
    assert rules.early(facts) == [11]
    assert rules.plan_job(facts, POLICY, datetime(2030, 1, 1))[0] == rules.Plan(
        10, State.GONE, None
    )


def test_the_next_removal_is_the_soonest_still_kept():
    facts = job(DECIDED, False, CandidateFacts(10, appointed=True), CandidateFacts(11))
    plans = rules.plan_job(facts, POLICY, datetime(2026, 2, 1))
    assert rules.next_removal(plans) == datetime(2026, 7, 31, 14, 0)
    assert rules.next_removal([]) is None


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (1, True),
        (6, True),
        (120, True),
        (0, False),
        (121, False),
        (1200, False),
        (-3, False),
        ("6", False),
        (True, False),
        (None, False),
    ],
)
def test_a_period_of_0_or_100_years_is_refused_in_plain_words(value, ok):
    problem = rules.check_months(value)
    assert (problem == "") is ok
    if not ok:
        assert "month" in problem
