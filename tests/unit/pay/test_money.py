"""The pay maths, worked by hand, and properties that hold for any claim."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from panels.pay import money
from panels.pay.money import Choice, Decision, PayError, Per, Rates, Span, TimeLine

RATES = Rates(
    pence={"preparation": 1150, "interview_day": 1150, "training": 2000, "travel": 1000},
    per={"preparation": "hour", "interview_day": "hour", "training": "session", "travel": "hour"},
    mileage=45,
    travel_paid=True,
)


# --- hand-worked examples ---------------------------------------------------------------


def test_four_and_a_half_hours_at_eleven_fifty():
    # 4.5 x £11.50 = £51.75
    assert money.time_pay(270, 1150, Per.HOUR) == 5175


def test_rounding_is_half_up_to_the_penny():
    # 10 minutes at £11.50 an hour = 191.666...p -> 192p
    assert money.time_pay(10, 1150, "hour") == 192
    # 3 minutes at £10.10 = 50.5p -> 51p (half up, not to even)
    assert money.time_pay(3, 1010, "hour") == 51
    # 1 minute at £0.01 = 0.0166p -> 0p
    assert money.time_pay(1, 1, "hour") == 0


def test_a_session_is_paid_once_whatever_its_length():
    assert money.time_pay(20, 2000, Per.SESSION) == 2000
    assert money.time_pay(300, 2000, Per.SESSION) == 2000


def test_mileage_is_miles_times_the_rate():
    # 12.5 miles at 45p = 562.5p -> 563p
    assert money.mileage_pence(Decimal("12.5"), 45) == 563
    assert money.mileage_pence(Decimal("0"), 45) == 0


def test_minutes_between_and_bad_times():
    assert money.minutes_between(time(9, 30), time(14, 0)) == 270
    with pytest.raises(PayError, match="after the start"):
        money.minutes_between(time(14, 0), time(9, 30))
    with pytest.raises(PayError, match="after the start"):
        money.minutes_between(time(9, 0), time(9, 0))
    with pytest.raises(PayError, match="16 hours"):
        money.minutes_between(time(0, 0), time(23, 59))


def test_easy_read_time_words():
    assert money.duration_words(270) == "4 hours and 30 minutes"
    assert money.duration_words(60) == "1 hour"
    assert money.duration_words(1) == "1 minute"
    assert money.duration_words(0) == "0 minutes"
    assert (
        money.worked_sentence(date(2026, 12, 15), 270)
        == "On Tuesday 15 December you worked 4 hours and 30 minutes."
    )


def test_overlaps_on_the_same_day_only():
    morning = Span(date(2026, 12, 15), time(9, 0), time(12, 0))
    assert Span(date(2026, 12, 15), time(11, 0), time(13, 0)).overlaps(morning)
    assert not Span(date(2026, 12, 15), time(12, 0), time(13, 0)).overlaps(morning)  # touching
    assert not Span(date(2026, 12, 16), time(9, 0), time(12, 0)).overlaps(morning)
    assert money.first_overlap(Span(date(2026, 12, 15), time(8, 0), time(9, 30)), [morning])


def test_a_whole_claim_by_hand():
    # Preparation 2h at £11.50 = £23.00; the day 4h30 at £11.50 = £51.75;
    # training (a session) £20.00; travel 30 minutes at £10 = £5.00. Pay = £99.75.
    lines = [
        TimeLine("preparation", 120),
        TimeLine("interview_day", 270),
        TimeLine("training", 45),
        TimeLine("travel", 30),
    ]
    expenses = [(350, Decision.APPROVED), (563, Decision.APPROVED), (900, Decision.REFUSED)]
    expenses.append((1200, Decision.WAITING))
    got = money.totals(lines, RATES, Choice.FULL, None, expenses)
    assert got.minutes == 465
    assert got.pay == 9975
    assert got.chosen == 9975
    assert got.expenses == 913  # refused and waiting items are not paid
    assert got.waiting == 1200
    assert got.total == 9975 + 913


def test_choices():
    assert money.chosen_pence(9975, Choice.FULL, None) == 9975
    assert money.chosen_pence(9975, Choice.LOWER, 5000) == 5000
    assert money.chosen_pence(9975, Choice.LOWER, 20000) == 9975  # never more than the pay
    assert money.chosen_pence(9975, Choice.NONE, None) == 0
    assert money.chosen_pence(9975, Choice.CHARITY, None) == 9975
    assert money.chosen_pence(9975, Choice.VOUCHERS, None) == 9975
    assert money.chosen_pence(9975, None, None) == 9975  # before they choose


def test_travel_time_unpaid_when_the_organisation_does_not_pay_it():
    unpaid = Rates(RATES.pence, RATES.per, 45, travel_paid=False)
    assert money.totals([TimeLine("travel", 60)], unpaid, None, None, []).pay == 0


def test_paid_through_their_job_claims_no_pay_but_expenses():
    got = money.totals(
        [TimeLine("interview_day", 270)], RATES, None, None, [(350, "approved")], True
    )
    assert (got.pay, got.expenses, got.total) == (0, 350, 350)


@pytest.mark.parametrize(
    ("typed", "pence"),
    [("11.50", 1150), ("£11.5", 1150), ("12", 1200), ("0", 0), ("1,000.00", 100000)],
)
def test_pounds_as_typed(typed, pence):
    assert money.parse_pounds(typed, most=money.RATE_MAX_PENCE) == pence


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "missing"),
        ("-5", "less than nothing"),
        ("1.234", "at most 2 numbers"),
        ("abc", "number of pounds"),
        ("1e3", "number of pounds"),
        ("NaN", "number of pounds"),
        ("1.2.3", "number of pounds"),
        ("9" * 40, "number of pounds"),
        ("1000.01", "too big"),
    ],
)
def test_bad_pounds_in_plain_words(typed, words):
    with pytest.raises(PayError, match=words):
        money.parse_pounds(typed, most=money.RATE_MAX_PENCE)


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("1000000", "too many miles"),
        ("-3", "less than nothing"),
        ("0", "more than 0"),
        ("1.25", "at most 1 number"),
        ("lots", "must be a number"),
        ("", "how many miles"),
    ],
)
def test_bad_miles(typed, words):
    with pytest.raises(PayError, match=words):
        money.parse_miles(typed)


def test_pounds_text():
    assert money.pounds_text(5175) == "£51.75"
    assert money.pounds_text(100000) == "£1,000.00"
    assert money.pence_decimal(5) == Decimal("0.05")


# --- properties ---------------------------------------------------------------------------

KINDS = st.sampled_from(["preparation", "interview_day", "training", "travel"])
LINES = st.lists(
    st.builds(TimeLine, KINDS, st.integers(min_value=-60, max_value=16 * 60)), max_size=12
)
EXPENSES = st.lists(
    st.tuples(
        st.integers(min_value=-500, max_value=money.EXPENSE_MAX_PENCE),
        st.sampled_from(["waiting", "approved", "refused"]),
    ),
    max_size=8,
)
RATE_SETS = st.builds(
    Rates,
    st.fixed_dictionaries(
        {k: st.integers(min_value=0, max_value=money.RATE_MAX_PENCE) for k in money.TimeKind}
    ),
    st.fixed_dictionaries({k: st.sampled_from(["hour", "session"]) for k in money.TimeKind}),
    st.integers(min_value=0, max_value=money.MILEAGE_RATE_MAX_PENCE),
    st.booleans(),
)
CHOICES = st.sampled_from([None, *Choice])
LOWER = st.one_of(st.none(), st.integers(min_value=-100, max_value=money.LOWER_MAX_PENCE))


@given(LINES, EXPENSES, RATE_SETS, CHOICES, LOWER, st.randoms(use_true_random=False))
def test_a_total_never_depends_on_the_order(lines, expenses, rates, choice, lower, rnd):
    first = money.totals(lines, rates, choice, lower, expenses)
    lines2, expenses2 = list(lines), list(expenses)
    rnd.shuffle(lines2)
    rnd.shuffle(expenses2)
    assert money.totals(lines2, rates, choice, lower, expenses2) == first


@given(LINES, EXPENSES, RATE_SETS, CHOICES, LOWER, st.booleans())
def test_no_negative_pay_and_the_parts_add_up(lines, expenses, rates, choice, lower, staff):
    got = money.totals(lines, rates, choice, lower, expenses, staff)
    assert min(got.minutes, got.pay, got.chosen, got.expenses, got.waiting, got.total) >= 0
    assert got.chosen <= got.pay
    assert got.total == got.chosen + got.expenses


@given(st.integers(min_value=1, max_value=16 * 60), st.integers(0, money.RATE_MAX_PENCE))
def test_hourly_pay_is_within_half_a_penny_of_the_exact_amount(minutes, rate):
    exact = Decimal(minutes) * Decimal(rate) / 60
    assert abs(Decimal(money.time_pay(minutes, rate, "hour")) - exact) <= Decimal("0.5")


@given(st.integers(min_value=0, max_value=money.RATE_MAX_PENCE))
def test_pounds_round_trip(pence):
    assert money.parse_pounds(money.pounds_text(pence), most=money.RATE_MAX_PENCE) == pence
