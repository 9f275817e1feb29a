"""Properties every count must have, whatever the dates (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from iep_tui.calendar.day_count import FLAG_PAST_END, count_days
from iep_tui.calendar.school_calendar import SchoolCalendar

from .conftest import wa_settings

WA = SchoolCalendar.from_settings(wa_settings())
WA_ESTIMATE = SchoolCalendar.estimate_for("WA")
FIRST, LAST = date(2026, 9, 2), date(2027, 6, 17)

in_year = st.dates(min_value=FIRST, max_value=LAST)
any_day = st.dates(min_value=date(2025, 1, 1), max_value=date(2029, 12, 31))
small = st.integers(min_value=1, max_value=60)


def _counted(calendar: SchoolCalendar, kind: str, day: date) -> bool:
    if kind == "school":
        return calendar.is_school_day(day)
    if kind == "business":
        return calendar.is_business_day(day)
    return day.weekday() < 5


@settings(max_examples=300, deadline=None)
@given(start=in_year, n=small, m=small)
def test_n_then_m_school_days_is_n_plus_m(start: date, n: int, m: int) -> None:
    first = count_days(WA, start, n, "school")
    whole = count_days(WA, start, n + m, "school")
    if first.due is None:
        assert whole.due is None and whole.flag == FLAG_PAST_END
        return
    second = count_days(WA, first.due, m, "school")
    assert second.due == whole.due
    if whole.due is None:
        assert whole.days_available == first.count + (second.days_available or 0)


@settings(max_examples=300, deadline=None)
@given(start=any_day, n=small, m=small, kind=st.sampled_from(["business", "weekday"]))
def test_n_then_m_unbounded_kinds(start: date, n: int, m: int, kind: str) -> None:
    first = count_days(WA_ESTIMATE, start, n, kind)
    assert first.due is not None
    assert count_days(WA_ESTIMATE, first.due, m, kind).due == count_days(WA_ESTIMATE, start, n + m, kind).due


@settings(max_examples=300, deadline=None)
@given(
    start=any_day,
    n=small,
    kind=st.sampled_from(["school", "business", "weekday"]),
    district=st.booleans(),
    backward=st.booleans(),
)
def test_due_is_a_counted_day_and_the_count_adds_up(
    start: date, n: int, kind: str, district: bool, backward: bool
) -> None:
    calendar = WA if district else WA_ESTIMATE
    result = count_days(calendar, start, n, kind, backward=backward)
    if result.due is None:
        return
    assert _counted(calendar, kind, result.due)
    assert (result.due < start) if backward else (result.due > start)
    # Every weekday strictly between the trigger and the due date is either counted or
    # listed as skipped with a reason; together with the due date they make n.
    lo, hi = sorted((start, result.due))
    between = [lo + timedelta(days=i) for i in range(1, (hi - lo).days)]
    counted = [d for d in between if _counted(calendar, kind, d)]
    assert len(counted) + 1 == n
    not_counted = [d for d in between if d.weekday() < 5 and not _counted(calendar, kind, d)]
    assert [d for d, _ in result.skipped] == not_counted  # in date order, none missing
    assert all(reason for _, reason in result.skipped)


@settings(max_examples=300, deadline=None)
@given(start=any_day, n=small)
def test_school_day_due_is_never_in_summer(start: date, n: int) -> None:
    result = count_days(WA, start, n, "school")
    if result.due is not None:
        assert FIRST <= result.due <= LAST
        assert WA.school_year_for(result.due) is not None
    else:
        assert result.flag is not None


@settings(max_examples=200, deadline=None)
@given(start=in_year, n=small)
def test_back_and_forth_returns_to_a_school_day(start: date, n: int) -> None:
    if not WA.is_school_day(start):
        return
    back = count_days(WA, start, n, "school", backward=True)
    if back.due is not None:
        assert count_days(WA, back.due, n, "school").due == start


@settings(max_examples=200, deadline=None)
@given(start=in_year, end=in_year)
def test_school_days_list_matches_is_school_day(start: date, end: date) -> None:
    days = WA.school_days(start, end)
    expected = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    assert days == [d for d in expected if WA.is_school_day(d)]
