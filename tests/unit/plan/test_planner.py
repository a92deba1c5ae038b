"""Tests for the interview-day planner."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from panels.plan.planner import (
    Asker,
    Candidate,
    Plan,
    PlanError,
    Question,
    Settings,
    Slot,
    count_words,
    describe_pace,
    interview_minutes,
    learned_ask_seconds,
    minutes_words,
    part_clashes,
    plan_csv,
    plan_day,
    replan_from,
    shift_remaining,
    validate_settings,
)

DAY = dt.date(2025, 3, 3)
NINE = dt.time(9, 0)
# 13 words: at 130 words a minute that is 6 seconds at pace 1.
THIRTEEN = "Tell us about a time you helped someone make a choice for themselves."


def questions(n: int = 4, asker: str | None = "sam", **kw) -> list[Question]:
    return [Question(f"q{i}", THIRTEEN, asker, **kw) for i in range(n)]


def candidates(n: int) -> list[Candidate]:
    return [Candidate(f"c{i}", f"Candidate {i}") for i in range(n)]


def sam(pace: float = 1.0, learned: float | None = None) -> list[Asker]:
    return [Asker("sam", "Sam", pace, learned)]


def interviews(plan: Plan):
    return [s for s in plan.slots if s.kind == "interview"]


def runs_of_work(plan: Plan) -> list[list[float]]:
    """Interview lengths grouped by the breaks between them."""
    runs: list[list[float]] = [[]]
    for s in plan.slots:
        if s.kind == "break":
            runs.append([])
        elif s.kind == "interview":
            runs[-1].append(s.minutes)
    return runs


def check_invariants(plan: Plan, day: dt.date, settings: Settings) -> None:
    slots = plan.slots
    # In order, each slot has length, no gaps, no overlaps.
    for a, b in zip(slots, slots[1:], strict=False):
        assert a.start < a.end
        assert a.end == b.start
    assert slots[-1].start < slots[-1].end
    assert plan.ends == slots[-1].end
    assert plan.ends.date() == day
    # Interview, gap, interview, gap ... last change-over: breaks only between candidates.
    kinds = [s.kind for s in slots]
    assert kinds[0::2] == ["interview"] * len(kinds[0::2])
    assert all(k in ("break", "change-over") for k in kinds[1::2])
    assert kinds[-1] == "change-over"
    # First interview at the start; arrivals; candidate fields only on interviews.
    assert slots[0].start == dt.datetime.combine(day, settings.start)
    lead = dt.timedelta(minutes=settings.arrive_before_minutes)
    for s in slots:
        if s.kind == "interview":
            assert s.arrive == s.start - lead
            assert s.candidate_key and s.candidate
        else:
            assert s.arrive is None and s.candidate_key == "" and s.candidate == ""
            assert s.minutes >= settings.changeover_minutes
        if s.kind == "break":
            assert s.minutes >= settings.changeover_minutes + settings.break_minutes
    # The break rule: no run of work longer than allowed, unless it is one long interview.
    long_warning = any("longer than the panel should work" in w for w in plan.warnings)
    for run in runs_of_work(plan):
        if sum(run) > settings.max_work_minutes:
            assert len(run) == 1
            assert long_warning
    assert long_warning == (plan.slot_minutes > settings.max_work_minutes)


# --- the model ------------------------------------------------------------------------


def test_count_words():
    assert count_words(THIRTEEN) == 13
    assert count_words("What's your name?  It’s fine - well-known.") == 6


def test_model_numbers_exact():
    s = Settings(start=NINE)
    total, per = interview_minutes(questions(2), sam(2.0), [1.0, 1.5], s)
    ask = 13 / 130 * 60 * 2.0 + 10  # 22 seconds
    assert per[0].ask_seconds == pytest.approx(ask)
    assert per[0].scoring_minutes == pytest.approx(1.5)  # slowest panel member
    assert per[0].minutes == pytest.approx(ask / 60 + 3 + 1.5)
    assert total == pytest.approx(5 + 2 * (ask / 60 + 3 + 1.5) + 5)


def test_slower_asker_makes_longer_interview():
    s = Settings(start=NINE)
    quick, _ = interview_minutes(questions(), sam(1.0), [1.0], s)
    slow, _ = interview_minutes(questions(), sam(3.0), [1.0], s)
    assert slow > quick


def test_slowest_panel_member_sets_scoring_pace():
    s = Settings(start=NINE)
    a, _ = interview_minutes(questions(), sam(), [1.0, 1.0], s)
    b, _ = interview_minutes(questions(), sam(), [1.0, 2.0], s)
    assert b - a == pytest.approx(4 * 1.0)  # 4 scored questions, 1 extra minute each


def test_unscored_questions_have_no_scoring_time():
    s = Settings(start=NINE)
    _, per = interview_minutes(questions(1, scored=False), sam(), [3.0], s)
    assert per[0].scoring_minutes == 0


def test_question_with_no_asker_uses_slowest_pace():
    s = Settings(start=NINE)
    _, per = interview_minutes(questions(1, asker=None), sam(), [1.0, 2.0], s)
    assert per[0].ask_seconds == pytest.approx(13 / 130 * 60 * 2.0 + 10)
    assert per[0].asker == ""


def test_learned_timings_override_the_model():
    s = Settings(start=NINE)
    fast, per_fast = interview_minutes(questions(), sam(1.0, learned=95.0), [1.0], s)
    slow, per_slow = interview_minutes(questions(), sam(4.0, learned=95.0), [1.0], s)
    assert fast == slow  # pace no longer matters: real timings hold it
    assert per_fast[0].ask_seconds == 95.0 and per_fast[0].learned
    modelled, per_model = interview_minutes(questions(), sam(1.0), [1.0], s)
    assert not per_model[0].learned
    assert fast - modelled == pytest.approx(4 * (95 - 16) / 60)


def test_learned_ask_seconds():
    assert learned_ask_seconds([30, 40]) is None
    assert learned_ask_seconds([30, 40, 50]) == 40
    assert learned_ask_seconds([30, 40, 50, 60]) == 45
    # Absurd values are ignored: a double tap, a timer left running, nonsense.
    assert learned_ask_seconds([0.1, 30, 40, 50, 36000, float("nan"), -5]) == 40
    assert learned_ask_seconds([0.1, 30, 40, 99999]) is None
    # The median is not pulled by one slow (but real) question.
    assert learned_ask_seconds([30, 31, 32, 600]) == 31.5


def test_describe_pace_and_minutes_words():
    assert describe_pace("Sam", 118) == "Sam usually needs about 2 minutes to ask a question."
    assert describe_pace("Sam", 33) == "Sam usually needs about 35 seconds to ask a question."
    assert describe_pace("Sam", 59) == "Sam usually needs about 1 minute to ask a question."
    assert describe_pace("Ann", None) == "We do not know yet how long Ann needs to ask a question."
    assert minutes_words(80) == "1 hour 20 minutes"
    assert minutes_words(61) == "1 hour 1 minute"
    assert minutes_words(120) == "2 hours"
    assert minutes_words(1) == "1 minute"
    assert minutes_words(44.6) == "45 minutes"
    assert minutes_words(-3) == "0 minutes"


# --- the day ------------------------------------------------------------------------


def test_first_interview_at_start_and_arrival_before_it():
    s = Settings(start=dt.time(9, 30), arrive_before_minutes=20)
    plan = plan_day(DAY, s, questions(), sam(), [1.0], candidates(3))
    first = plan.slots[0]
    assert first.kind == "interview" and first.start == dt.datetime(2025, 3, 3, 9, 30)
    for slot in interviews(plan):
        assert slot.arrive == slot.start - dt.timedelta(minutes=20)
    check_invariants(plan, DAY, s)


def test_slots_rounded_up_to_five_minutes():
    s = Settings(start=NINE)
    plan = plan_day(DAY, s, questions(), sam(), [1.0], candidates(2))
    assert plan.slot_minutes % 5 == 0
    assert plan.interview_minutes <= plan.slot_minutes < plan.interview_minutes + 5
    assert all(slot.minutes == plan.slot_minutes for slot in interviews(plan))


def test_break_between_candidates_when_work_would_run_over():
    # 4 questions at pace 1: 5 + 4 * (16 s + 3 + 1) + 5 = about 27 min -> 30 min slots.
    s = Settings(start=NINE, max_work_minutes=60)
    plan = plan_day(DAY, s, questions(), sam(), [1.0], candidates(5))
    assert plan.slot_minutes == 30
    kinds = [slot.kind for slot in plan.slots]
    assert kinds == [
        "interview", "change-over", "interview", "break",
        "interview", "change-over", "interview", "break",
        "interview", "change-over",
    ]  # fmt: skip
    brk = plan.slots[3]
    assert brk.minutes == 15 + 15  # change-over made longer by the break
    assert plan.ends == dt.datetime(2025, 3, 3, 9, 0) + dt.timedelta(
        minutes=5 * 30 + 2 * 15 + 2 * 30 + 15
    )
    check_invariants(plan, DAY, s)


def test_no_breaks_needed_for_short_day():
    s = Settings(start=NINE, max_work_minutes=120)
    plan = plan_day(DAY, s, questions(), sam(), [1.0], candidates(4))
    assert [slot.kind for slot in plan.slots].count("break") == 0
    check_invariants(plan, DAY, s)


def test_one_interview_longer_than_break_rule_is_said_plainly():
    s = Settings(start=NINE, max_work_minutes=60)
    plan = plan_day(DAY, s, questions(20), sam(), [1.0], candidates(3))
    assert plan.slot_minutes > 60
    words = minutes_words(plan.slot_minutes)
    assert (
        f"One interview takes {words}. That is longer than the panel should work without "
        "a break (1 hour). Think about fewer questions or a break in the middle."
    ) in plan.warnings
    # Every interview stands alone between breaks.
    assert [slot.kind for slot in plan.slots[1::2]] == ["break", "break", "change-over"]
    check_invariants(plan, DAY, s)


def test_warnings_for_too_many_interviews_and_long_day():
    s = Settings(start=dt.time(8, 0))
    plan = plan_day(DAY, s, questions(12), sam(), [1.0], candidates(7))
    assert (
        "This plan has 7 interviews. One panel can do about 5 in a day. Think about 2 days."
        in plan.warnings
    )
    assert any(w.startswith("This plan has ") and "of interviews" in w for w in plan.warnings)
    assert any("from start to end" in w for w in plan.warnings)
    check_invariants(plan, DAY, s)


def test_ordinary_day_has_no_warnings():
    s = Settings(start=NINE)
    plan = plan_day(DAY, s, questions(), sam(), [1.0], candidates(4))
    assert plan.warnings == ()


def test_csv_format_exact():
    s = Settings(start=NINE, max_work_minutes=60)
    cands = [Candidate("a1", "Ana"), Candidate("b2", "Smith, Bo"), Candidate("c3", "=cmd")]
    plan = plan_day(DAY, s, questions(), sam(), [1.0], cands)
    assert plan_csv(plan) == (
        "kind,candidate_key,candidate,start,end\n"
        "interview,a1,Ana,09:00,09:30\n"
        "change-over,,,09:30,09:45\n"
        'interview,b2,"Smith, Bo",09:45,10:15\n'
        "break,,,10:15,10:45\n"
        "interview,c3,'=cmd,10:45,11:15\n"
        "change-over,,,11:15,11:30\n"
    )


# --- bad input -----------------------------------------------------------------------


def problems_of(**kw) -> list[str]:
    args = {
        "day": DAY,
        "settings": Settings(start=NINE),
        "questions": questions(),
        "askers": sam(),
        "panel_paces": [1.0],
        "candidates": candidates(2),
    }
    args.update(kw)
    with pytest.raises(PlanError) as caught:
        plan_day(**args)
    assert str(caught.value) == " ".join(caught.value.problems)
    return caught.value.problems


def test_no_questions():
    assert problems_of(questions=[]) == ["There are no questions. Add at least 1 question."]


def test_no_candidates():
    assert problems_of(candidates=[]) == ["There are no candidates. Add at least 1 candidate."]


def test_no_questions_and_no_candidates_gives_both():
    assert len(problems_of(questions=[], candidates=[])) == 2


def test_zero_and_negative_minutes():
    s = Settings(start=NINE, break_minutes=0, changeover_minutes=-5, welcome_minutes=-1)
    assert problems_of(settings=s) == [
        "The break must be more than 0 minutes.",
        "The change-over must be more than 0 minutes.",
        "The welcome cannot be less than 0 minutes.",
    ]


def test_settings_out_of_range_and_not_numbers():
    s = Settings(start=NINE, words_per_minute=5000, max_work_minutes=float("nan"))
    assert validate_settings(s) == [
        "The longest time without a break must be a number.",
        "The speaking speed is 5000 words a minute. It must be from 20 to 400 words a minute.",
    ]
    assert validate_settings(Settings(start=NINE)) == []
    assert validate_settings(Settings(start=None)) == [  # type: ignore[arg-type]
        "The start time is missing. Choose a start time, like 09:30."
    ]


@pytest.mark.parametrize("pace", [0, 50, -1, 0.4, float("nan")])
def test_bad_asker_pace(pace):
    (problem,) = problems_of(askers=sam(pace))
    assert problem.startswith("Sam's pace is ")
    assert problem.endswith("A pace must be from 0.5 to 4. 1 is usual. 2 means twice as long.")


@pytest.mark.parametrize("pace", [0, 50])
def test_bad_panel_pace(pace):
    assert problems_of(panel_paces=[1.0, pace]) == [
        f"A panel member's pace is {pace}. A pace must be from 0.5 to 4. "
        "1 is usual. 2 means twice as long."
    ]


def test_bad_questions():
    qs = [
        Question("q1", THIRTEEN, "nobody"),
        Question("q2", THIRTEEN, "sam", answer_minutes=0),
        Question("q3", THIRTEEN, "sam", answer_minutes=90),
    ]
    assert problems_of(questions=qs) == [
        "Question 1 is asked by someone who is not on the panel. Choose who asks it.",
        "Question 2 needs more than 0 minutes to answer.",
        "Question 3 has 90 minutes to answer. The most is 60 minutes.",
    ]


def test_same_candidate_twice():
    c = Candidate("c1", "Ana")
    assert problems_of(candidates=[c, c]) == ["Ana is in the list of candidates twice."]


def test_interview_minutes_raises_plan_error_too():
    with pytest.raises(PlanError, match="Sam's pace is 50"):
        interview_minutes(questions(), sam(50), [1.0], Settings(start=NINE))


def test_day_crossing_midnight():
    problems = problems_of(settings=Settings(start=dt.time(22, 0)), candidates=candidates(4))
    assert problems == [
        "This plan would end after midnight. Start earlier, or move some candidates to another day."
    ]


def test_arrival_before_midnight():
    problems = problems_of(settings=Settings(start=dt.time(0, 5)), candidates=candidates(1))
    assert problems == [
        "The first candidate would have to arrive before midnight. Start later in the day."
    ]


# --- running late ----------------------------------------------------------------------


def test_shift_moves_only_later_candidates():
    s = Settings(start=NINE, max_work_minutes=60)
    plan = plan_day(DAY, s, questions(), sam(), [1.0], candidates(5))
    moved = shift_remaining(plan, "c2", 12)  # rounded up to 15
    old = {x.candidate_key: x for x in interviews(plan)}
    new = {x.candidate_key: x for x in interviews(moved)}
    index = plan.slots.index(old["c2"])
    assert moved.slots[:index] == plan.slots[:index]  # c0, c1 and gaps unchanged
    assert new["c2"].start == old["c2"].start
    assert new["c2"].end == old["c2"].end + dt.timedelta(minutes=15)
    assert new["c3"].start >= old["c3"].start + dt.timedelta(minutes=15)
    assert new["c4"].start >= old["c4"].start
    # c2 now has 45 min of work, so with 30 more the panel needs a break first.
    assert moved.slots[index + 1].kind == "break"
    check_invariants_after_shift(moved, s, "c2")


def check_invariants_after_shift(plan: Plan, settings: Settings, late_key: str) -> None:
    """Contiguous, and the break rule holds after the late interview. (The run that holds
    the late interview may now be too long: that time is already spent.)"""
    slots = plan.slots
    for a, b in zip(slots, slots[1:], strict=False):
        assert a.start < a.end == b.start
    late = next(i for i, x in enumerate(slots) if x.candidate_key == late_key)
    if late + 2 < len(slots):
        work = 0.0
        for x in reversed(slots[: late + 1]):
            if x.kind == "break":
                break
            work += x.minutes if x.kind == "interview" else 0
        if work + slots[late + 2].minutes > settings.max_work_minutes:
            assert slots[late + 1].kind == "break"
    after = Plan(slots[late + 2 :], 0, (), (), plan.ends, plan.slot_minutes, settings)
    for run in runs_of_work(after)[1:]:
        assert sum(run) <= settings.max_work_minutes or len(run) == 1
    assert plan.ends == slots[-1].end


def test_shift_of_last_candidate_moves_only_the_end():
    s = Settings(start=NINE)
    plan = plan_day(DAY, s, questions(), sam(), [1.0], candidates(3))
    moved = shift_remaining(plan, "c2", 10)
    assert moved.slots[:-2] == plan.slots[:-2]
    assert moved.ends == plan.ends + dt.timedelta(minutes=10)


def test_shift_by_zero_changes_nothing_and_bad_shifts_are_refused():
    s = Settings(start=NINE)
    plan = plan_day(DAY, s, questions(), sam(), [1.0], candidates(3))
    assert shift_remaining(plan, "c0", 0) == plan
    with pytest.raises(PlanError, match="not in this plan"):
        shift_remaining(plan, "nobody", 10)
    with pytest.raises(PlanError, match="make a new plan"):
        shift_remaining(plan, "c0", -10)
    with pytest.raises(PlanError, match="after midnight"):
        shift_remaining(plan, "c0", 20 * 60)


def test_replan_from_now():
    s = Settings(start=NINE)
    plan = plan_day(DAY, s, questions(), sam(), [1.0], candidates(3))
    first = plan.slots[0]
    assert replan_from(plan, "c0", first.end - dt.timedelta(minutes=5)) == plan
    later = replan_from(plan, "c0", first.end + dt.timedelta(minutes=7))
    assert later == shift_remaining(plan, "c0", 10)


# --- property test --------------------------------------------------------------------

minutes = st.integers

settings_strategy = st.builds(
    Settings,
    start=st.times(min_value=dt.time(6, 0), max_value=dt.time(14, 0)).map(
        lambda t: t.replace(second=0, microsecond=0)
    ),
    max_work_minutes=minutes(10, 240),
    break_minutes=minutes(1, 60),
    changeover_minutes=minutes(1, 45),
    welcome_minutes=minutes(0, 20),
    close_minutes=minutes(0, 20),
    arrive_before_minutes=minutes(0, 60),
    words_per_minute=minutes(20, 400),
    pause_seconds=minutes(0, 60),
    scoring_minutes=st.floats(0, 5),
    max_interviews=minutes(1, 8),
    round_to_minutes=st.sampled_from([1, 5, 10, 15]),
)
paces = st.floats(0.5, 4.0)
askers_strategy = st.lists(
    st.builds(
        Asker,
        key=st.sampled_from(["a", "b", "c"]),
        name=st.just("Member"),
        pace=paces,
        learned_ask_seconds=st.none() | st.floats(2, 300),
    ),
    max_size=3,
    unique_by=lambda a: a.key,
)


@st.composite
def question_lists(draw, asker_keys):
    n = draw(st.integers(1, 10))
    return [
        Question(
            f"q{i}",
            draw(st.text(alphabet="ab ", max_size=120)),
            draw(st.sampled_from([None, *asker_keys])),
            draw(st.floats(0.5, 15)),
            draw(st.booleans()),
        )
        for i in range(n)
    ]


@hyp_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    s=settings_strategy,
    askers=askers_strategy,
    panel=st.lists(paces, max_size=5),
    n_candidates=st.integers(1, 8),
    data=st.data(),
)
def test_plan_invariants_hold_for_any_valid_input(s, askers, panel, n_candidates, data):
    qs = data.draw(question_lists([a.key for a in askers]))
    try:
        plan = plan_day(DAY, s, qs, askers, panel, candidates(n_candidates))
    except PlanError as error:
        # The only way valid input can fail is a day that runs past midnight.
        assert error.problems == [
            "This plan would end after midnight. Start earlier, or move some candidates to "
            "another day."
        ]
        return
    check_invariants(plan, DAY, s)
    total, _ = interview_minutes(qs, askers, panel, s)
    assert plan.interview_minutes == total
    assert all(slot.minutes == plan.slot_minutes for slot in interviews(plan))
    assert (n_candidates > s.max_interviews) == any(
        "One panel can do about" in w for w in plan.warnings
    )

    # Running late: earlier slots stay, later candidates never start earlier than told.
    who = data.draw(st.sampled_from(candidates(n_candidates))).key
    late = data.draw(st.integers(0, 90))
    try:
        moved = shift_remaining(plan, who, late)
    except PlanError as error:
        assert "after midnight" in str(error)
        return
    check_invariants_after_shift(moved, s, who)
    old = interviews(plan)
    new = interviews(moved)
    assert [x.candidate_key for x in new] == [x.candidate_key for x in old]
    position = [x.candidate_key for x in old].index(who)
    assert new[:position] == old[:position]
    assert new[position].start == old[position].start
    for before, after in zip(old[position + 1 :], new[position + 1 :], strict=True):
        assert after.start >= before.start
        assert after.arrive == after.start - dt.timedelta(minutes=s.arrive_before_minutes)


def _part(name: str, key: str, start: str, end: str) -> Slot:
    day = "2025-03-03T"
    return Slot(
        "interview", dt.datetime.fromisoformat(day + start), dt.datetime.fromisoformat(day + end),
        key, name,
    )  # fmt: skip


def _panel_plan(*slots: Slot) -> Plan:
    plan = plan_day(
        DAY, Settings(start=NINE), questions(1, asker=None), [], [1.0], [Candidate("r", "Ruth")]
    )
    return dataclasses.replace(plan, slots=slots)


def test_a_candidate_with_two_panels_at_once_is_a_clash_back_to_back_is_not():
    ours = _panel_plan(_part("Ruth", "r", "09:30", "10:00"), _part("Dan", "d", "10:15", "10:45"))
    managers = _panel_plan(
        _part("Dan", "d", "09:30", "10:00"),  # Dan: managers first, then ours: fine
        _part("Ruth", "r", "09:45", "10:15"),  # Ruth: 09:45 is before our 10:00 end
    )
    said = part_clashes([("Our panel", ours), ("Managers' panel", managers)])
    assert said == [
        "Ruth would be with Our panel from 09:30 to 10:00 and with Managers' panel from "
        "09:45 to 10:15, at the same time."
    ]
    back_to_back = _panel_plan(_part("Ruth", "r", "10:00", "10:30"))
    assert part_clashes([("Our panel", ours), ("Managers' panel", back_to_back)]) == []
    assert part_clashes([("Our panel", ours)]) == []
