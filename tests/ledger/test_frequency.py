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
        ("30 min biweekly", "only daily, weekly, monthly and yearly"),
        ("30 min every other week", "only daily, weekly, monthly and yearly"),
        ("30 min quarterly", "only daily, weekly, monthly and yearly"),
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
)


@given(frequencies)
def test_canonical_round_trips(f):
    assert parse_frequency(f.canonical) == f
    assert parse_frequency(f.canonical).canonical == f.canonical
