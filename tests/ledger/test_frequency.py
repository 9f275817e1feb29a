"""Frequency parsing: every form the issue lists, the canonical string, and bad input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from iep_tui.domain.frequency import Frequency, FrequencyError, parse_frequency
from iep_tui.domain.models import Requirement
from iep_tui.errors import InputError


@pytest.mark.parametrize(
    ("text", "minutes", "times", "period", "per_period", "session", "canonical"),
    [
        # the forms named in the issue
        ("30 min 2x weekly", 30, 2, "week", 60, 30, "30 min 2x weekly"),
        ("2 x 30 minutes per week", 30, 2, "week", 60, 30, "30 min 2x weekly"),
        ("30 minutes twice a week", 30, 2, "week", 60, 30, "30 min 2x weekly"),
        ("15 min 3 times per week", 15, 3, "week", 45, 15, "15 min 3x weekly"),
        ("60 min/month", 60, None, "month", 60, None, "60 min monthly"),
        ("45 minutes daily", 45, None, "day", 45, 45, "45 min daily"),
        ("120 minutes weekly", 120, None, "week", 120, None, "120 min weekly"),
        ("1800 minutes per year", 1800, None, "year", 1800, None, "1800 min yearly"),
        # other ways IEPs write the same things
        ("30MIN 2X/WK", 30, 2, "week", 60, 30, "30 min 2x weekly"),
        ("30-minute sessions, 2x per week", 30, 2, "week", 60, 30, "30 min 2x weekly"),
        ("2 sessions of 30 minutes each week", 30, 2, "week", 60, 30, "30 min 2x weekly"),
        ("30 min x 2 weekly", 30, 2, "week", 60, 30, "30 min 2x weekly"),
        ("three times a week, 20 minutes", 20, 3, "week", 60, 20, "20 min 3x weekly"),
        ("30 min 5 days a week", 30, 5, "week", 150, 30, "30 min 5x weekly"),
        ("1 hour weekly", 60, None, "week", 60, None, "60 min weekly"),
        ("1.5 hours per month", 90, None, "month", 90, None, "90 min monthly"),
        ("20 min once a month", 20, 1, "month", 20, 20, "20 min 1x monthly"),
        ("30 minutes each school day", 30, None, "day", 30, 30, "30 min daily"),
        ("300 min per week", 300, None, "week", 300, None, "300 min weekly"),
    ],
)
def test_counted_forms(text, minutes, times, period, per_period, session, canonical):
    f = parse_frequency(text)
    assert (f.minutes, f.times, f.period, f.basis) == (minutes, times, period, "scheduled")
    assert f.counted
    assert f.minutes_per_period == per_period
    assert f.session_minutes == session
    assert f.canonical == canonical
    assert parse_frequency(f.canonical) == f


@pytest.mark.parametrize(
    ("text", "basis", "canonical"),
    [
        ("as needed", "as-needed", "as needed"),
        ("As-Needed", "as-needed", "as needed"),
        ("PRN", "as-needed", "as needed"),
        ("consult", "consult", "consult"),
        ("Consultation", "consult", "consult"),
        ("consult 30 min monthly", "consult", "consult, 30 min monthly"),
        ("30 min weekly as needed", "as-needed", "as needed, 30 min weekly"),
    ],
)
def test_shown_never_counted(text, basis, canonical):
    f = parse_frequency(text)
    assert f.basis == basis
    assert not f.counted
    assert f.canonical == canonical
    assert parse_frequency(f.canonical) == f
    assert "never counted" in f.describe()


def test_period_alone_is_shown_not_counted():
    f = parse_frequency("daily")
    assert f == Frequency(period="day")
    assert not f.counted
    assert f.canonical == "daily"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("often", "not understood"),
        ("30 min", "needs a period"),
        ("2x weekly", "needs the minutes"),
        ("30 min 2x", "needs a period"),
        ("30 min every other day", "only daily, weekly (or every 2 to 4 weeks), monthly and yearly"),
        ("30 min bimonthly", "only daily, weekly (or every 2 to 4 weeks), monthly and yearly"),
        ("30 min every 6 weeks", "for N from 2 to 4"),
        ("30 min weekly every other week", "more than one period"),
        ("1x weekly for 6 weeks", "says how long the service lasts"),
        ("biweekly", "needs its minutes, such as '30 min every 2 weeks'"),
        ("30 min 2x weekly 3x monthly", "more than one number of sessions"),
        ("30 min 60 min weekly", "more than one amount"),
        ("30 min weekly daily", "more than one period"),
        ("0 min weekly", "between 1 and"),
        ("12.5 min weekly", "whole"),
        ("30 min 0x weekly", "between 1 and"),
        ("30 min 2x weekly on tuesdays", "not understood"),
        ("as needed consult", "both"),
        ("90 min 20x daily", "more minutes than a day has"),
    ],
)
def test_bad_input_is_one_clear_error_with_an_example(text, why):
    with pytest.raises(FrequencyError) as raised:
        parse_frequency(text)
    message = str(raised.value)
    assert why in message
    assert '"30 min 2x weekly"' in message  # an accepted example
    assert isinstance(raised.value, InputError)  # exit code 2 on the CLI
    assert raised.value.exit_code == 2


def test_requirement_stores_the_canonical_form_and_allows_empty():
    r = Requirement(kind="service", name="speech", text="Speech", frequency="30 minutes twice a week")
    assert r.frequency == "30 min 2x weekly"
    assert Requirement(kind="accommodation", name="ext", text="Extended time").frequency == ""


def test_requirement_refuses_an_unreadable_frequency():
    with pytest.raises(ValidationError) as raised:
        Requirement(kind="service", name="speech", text="Speech", frequency="sometimes")
    assert "30 min 2x weekly" in str(raised.value)


frequencies = st.builds(
    Frequency,
    minutes=st.integers(1, 600),
    times=st.one_of(st.none(), st.integers(1, 2)),
    period=st.sampled_from(["day", "week", "month", "year"]),
    basis=st.sampled_from(["scheduled", "as-needed", "consult"]),
    weeks=st.integers(1, 4),
).filter(lambda f: f.weeks == 1 or f.period == "week")


@given(frequencies)
def test_canonical_round_trips(f):
    assert parse_frequency(f.canonical) == f
    assert parse_frequency(f.canonical).canonical == f.canonical


# ---------------------------------------------------------------- every N weeks, number words


@pytest.mark.parametrize(
    ("text", "minutes", "times", "weeks", "canonical"),
    [
        ("30 min every other week", 30, None, 2, "30 min every 2 weeks"),
        ("30 min biweekly", 30, None, 2, "30 min every 2 weeks"),
        ("30 min Bi-Weekly", 30, None, 2, "30 min every 2 weeks"),
        ("60 min fortnightly", 60, None, 2, "60 min every 2 weeks"),
        ("45 min 1x every 2 weeks", 45, 1, 2, "45 min 1x every 2 weeks"),
        ("30 minutes once every two weeks", 30, 1, 2, "30 min 1x every 2 weeks"),
        ("2 x 30 minutes every other week", 30, 2, 2, "30 min 2x every 2 weeks"),
        ("30 min every 3 weeks", 30, None, 3, "30 min every 3 weeks"),
    ],
)
def test_every_n_weeks(text, minutes, times, weeks, canonical):
    f = parse_frequency(text)
    assert (f.minutes, f.times, f.period, f.weeks) == (minutes, times, "week", weeks)
    assert f.counted and f.canonical == canonical
    assert parse_frequency(f.canonical) == f


def test_every_other_week_describes_its_weekly_rate():
    # 45 min every 2 weeks: 45 / 2 = 22.5 min a week
    assert parse_frequency("45 min 1x every 2 weeks").describe() == (
        "45 min, 1 session every 2 weeks (45 min every 2 weeks, counted as 22.5 min a week)"
    )
    # one session every other week is less than one a week: no weekly make-up pace to suggest
    assert parse_frequency("45 min 1x every 2 weeks").sessions_per_week is None
    assert parse_frequency("30 min 4x every 2 weeks").sessions_per_week == 2


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("thirty minutes twice a week", "30 min 2x weekly"),
        ("Forty-five minutes daily", "45 min daily"),
        ("one hundred twenty minutes weekly", "120 min weekly"),
        ("one hundred and twenty minutes weekly", "120 min weekly"),
        ("fifteen minutes three times per week", "15 min 3x weekly"),
        ("two sessions of twenty minutes each week", "20 min 2x weekly"),
        ("half an hour weekly", "30 min weekly"),
        ("an hour a week", "60 min weekly"),
        ("thirty minutes every other week", "30 min every 2 weeks"),
    ],
)
def test_number_words(text, canonical):
    assert parse_frequency(text).canonical == canonical


@pytest.mark.parametrize(
    ("text", "yearly"),
    [
        # a quarter of a school year: 120 min x 4 = 480
        ("120 min per quarter", "'480 min yearly'"),
        ("120 min quarterly", "'480 min yearly'"),
        # 2 x 30 = 60 min a semester, x 2 = 120
        ("30 min 2x per semester", "'120 min yearly'"),
        # 90 min a trimester x 3 = 270
        ("90 minutes each trimester", "'270 min yearly'"),
    ],
)
def test_school_terms_are_refused_with_the_yearly_amount(text, yearly):
    with pytest.raises(FrequencyError) as raised:
        parse_frequency(text)
    message = str(raised.value)
    assert "not on the school calendar" in message
    assert "Write the yearly amount instead" in message and yearly in message
    assert "monthly" in message


def test_a_grading_period_suggests_the_yearly_or_monthly_form():
    with pytest.raises(FrequencyError, match="as a yearly or monthly amount"):
        parse_frequency("60 min per grading period")


def test_a_duration_suggests_the_frequency_and_an_end_date():
    with pytest.raises(FrequencyError) as raised:
        parse_frequency("30 min 1x weekly for 6 weeks")
    message = str(raised.value)
    assert "'for 6 weeks' says how long the service lasts, not how often" in message
    assert "write '30 min 1x weekly'" in message and "--end DATE" in message


def test_the_error_through_a_model_ends_with_one_period():
    with pytest.raises(ValidationError) as raised:
        Requirement(kind="service", name="speech", text="Speech", frequency="whenever")
    from iep_tui.domain.validation import explain

    sentence = explain(raised.value)
    assert sentence.endswith('or "as needed".') and not sentence.endswith("..")
