"""Counts worked out by hand on the conftest calendar (2026-27, Washington).

Each test's comment is the hand count; the expected values come from it, not from
running the code. Day 0 is the trigger and is never counted.
"""

from __future__ import annotations

from datetime import date

import pytest

from iep_tui.calendar.day_count import (
    FLAG_BEFORE_START,
    FLAG_NEEDS_NEXT_YEAR,
    FLAG_OUTSIDE,
    FLAG_PAST_END,
    add_years,
    count_days,
)
from iep_tui.calendar.school_calendar import SchoolCalendar
from iep_tui.calendar.settings import CalendarSettings, SchoolYear
from iep_tui.errors import InputError

D = date.fromisoformat


def skipped_dates(result) -> list[date]:
    return [d for d, _ in result.skipped]


# ---------------------------------------------------------------- school days


def test_thanksgiving_with_early_release(wa: SchoolCalendar) -> None:
    # Start Mon 2026-11-23 (not counted). Tue 24 (1), Wed 25 early release (2),
    # Thu 26 + Fri 27 Thanksgiving break closed, Mon 30 (3), Tue Dec 1 (4), Wed 2 (5),
    # Thu 3 (6), Fri 4 (7), Mon 7 (8), Tue 8 (9), Wed 9 (10) -> due Wed 2026-12-09.
    result = count_days(wa, D("2026-11-23"), 10, "school")
    assert result.due == D("2026-12-09")
    assert result.flag is None and result.estimate is False
    assert result.skipped == [
        (D("2026-11-26"), "Thanksgiving Break (closure)"),
        (D("2026-11-27"), "Thanksgiving Break (closure)"),
    ]
    assert result.early_release == [(D("2026-11-25"), "Early Dismissal before Thanksgiving Break")]


def test_winter_break(wa: SchoolCalendar) -> None:
    # Start Fri 2026-12-11. Mon 14 (1), Tue 15 (2), Wed 16 (3), Thu 17 (4), Fri 18 (5),
    # Mon 12-21 .. Fri 2027-01-01 winter break (10 weekdays closed, Christmas and
    # New Year's Day among them), Mon Jan 4 (6), Tue 5 (7), Wed 6 (8), Thu 7 (9),
    # Fri 8 (10) -> due Fri 2027-01-08.
    result = count_days(wa, D("2026-12-11"), 10, "school")
    assert result.due == D("2027-01-08")
    assert len(result.skipped) == 10
    assert skipped_dates(result)[0] == D("2026-12-21") and skipped_dates(result)[-1] == D("2027-01-01")
    assert {reason for _, reason in result.skipped} == {"Winter Break (closure)"}


def test_mlk_day_and_clerical_day(wa: SchoolCalendar) -> None:
    # Start Tue 2027-01-12. Wed 13 (1), Thu 14 (2), Fri 15 (3), Mon 18 MLK closed,
    # Tue 19 (4), Wed 20 (5), Thu 21 (6), Fri 22 (7), Mon 25 (8), Tue 26 (9),
    # Wed 27 (10), Thu 28 (11), Fri 29 clerical day closed, Mon Feb 1 (12).
    result = count_days(wa, D("2027-01-12"), 12, "school")
    assert result.due == D("2027-02-01")
    assert result.skipped == [
        (D("2027-01-18"), "Martin Luther King Jr. Day (closure)"),
        (D("2027-01-29"), "Clerical Day (closure)"),
    ]


def test_teacher_workday_and_open_columbus_day(wa: SchoolCalendar, wa_estimate: SchoolCalendar) -> None:
    # District calendar. Start Mon 2026-10-05. Tue 6 (1), Wed 7 (2), Thu 8 (3),
    # Fri 9 teacher workday closed, Mon 12 Columbus Day: the district is open (4).
    district = count_days(wa, D("2026-10-05"), 4, "school")
    assert district.due == D("2026-10-12")
    assert district.skipped == [(D("2026-10-09"), "Teacher Workday (closure)")]
    # No district calendar: weekdays minus federal + WA holidays. Tue 6 (1), Wed 7 (2),
    # Thu 8 (3), Fri 9 (4): the teacher workday is unknown -> Fri 2026-10-09, an estimate.
    estimate = count_days(wa_estimate, D("2026-10-05"), 4, "school")
    assert estimate.due == D("2026-10-09")
    assert estimate.estimate is True
    assert any("ESTIMATE" in note for note in estimate.notes)


def test_estimate_skips_columbus_day_as_a_federal_holiday(wa_estimate: SchoolCalendar) -> None:
    # Estimate. Start Fri 2026-10-09. Mon 12 Columbus Day (federal; not in Washington's
    # own list, so only combining holidays.US() finds it) skipped, Tue 13 (1).
    result = count_days(wa_estimate, D("2026-10-09"), 1, "school")
    assert result.due == D("2026-10-13")
    assert result.skipped == [(D("2026-10-12"), "Columbus Day (holiday)")]


def test_memorial_day_then_the_last_week(wa: SchoolCalendar) -> None:
    # Start Mon 2027-05-24. Tue 25 (1), Wed 26 (2), Thu 27 (3), Fri 28 (4),
    # Mon 31 Memorial Day closed, Tue Jun 1 (5), Wed 2 (6).
    result = count_days(wa, D("2027-05-24"), 6, "school")
    assert result.due == D("2027-06-02")
    assert skipped_dates(result) == [D("2027-05-31")]


def test_end_of_school_year_is_flagged_not_rolled(wa: SchoolCalendar) -> None:
    # Start Tue 2027-06-01. School days left: Wed 2, Thu 3, Fri 4 (3), Mon 7 - Fri 11 (8),
    # Mon 14 - Thu 17 (12). Thu 17 is the last student day (early release).
    exact = count_days(wa, D("2027-06-01"), 12, "school")
    assert exact.due == D("2027-06-17")
    assert exact.early_release == [(D("2027-06-17"), "Last day is also an early-release day")]
    # 20 school days cannot fit: no date, the flag, and the 12 that were available.
    flagged = count_days(wa, D("2027-06-01"), 20, "school")
    assert flagged.due is None
    assert flagged.flag == FLAG_PAST_END == "past_end_of_school_year"
    assert flagged.days_available == 12
    one_over = count_days(wa, D("2027-06-01"), 13, "school")
    assert (one_over.due, one_over.days_available) == (None, 12)


def test_trigger_on_the_last_day_has_none_available(wa: SchoolCalendar) -> None:
    # Start Thu 2027-06-17 (last day). The next day is summer: 0 school days available.
    result = count_days(wa, D("2027-06-17"), 1, "school")
    assert (result.due, result.flag, result.days_available) == (None, FLAG_PAST_END, 0)


def test_summer_trigger_counts_from_the_first_day(wa: SchoolCalendar) -> None:
    # Start Wed 2026-08-12, in the summer before the year. First day Wed Sep 2 (1),
    # Thu 3 (2), Fri 4 (3).
    result = count_days(wa, D("2026-08-12"), 3, "school")
    assert result.due == D("2026-09-04")
    # The summer weekdays Thu Aug 13 .. Tue Sep 1 (14 of them) are listed as not counted.
    assert len(result.skipped) == 14
    assert result.skipped[0] == (D("2026-08-13"), "summer (before the first day of school)")
    assert any("summer" in note for note in result.notes)


def test_trigger_after_the_known_year_is_outside_the_calendar(wa: SchoolCalendar) -> None:
    # Start Thu 2027-07-01: the 2027-28 calendar is not loaded, so there is no answer.
    result = count_days(wa, D("2027-07-01"), 5, "school")
    assert (result.due, result.flag, result.days_available) == (None, FLAG_OUTSIDE, None)


def test_trigger_on_a_closure_day(wa: SchoolCalendar) -> None:
    # Start Wed 2026-11-11 (Veterans Day, closed): Thu 12 (1).
    assert count_days(wa, D("2026-11-11"), 1, "school").due == D("2026-11-12")


def test_count_zero_is_the_trigger_day(wa: SchoolCalendar) -> None:
    # Same-day duty: due on the trigger day even when it is a Saturday.
    result = count_days(wa, D("2026-11-14"), 0, "school")
    assert result.due == D("2026-11-14") and result.skipped == []


# ---------------------------------------------------------------- business days


def test_business_days_cross_a_washington_holiday_that_is_not_federal() -> None:
    # WA, start Mon 2026-11-23. Tue 24 (1), Wed 25 (2), Thu 26 Thanksgiving (federal),
    # Fri 27 Native American Heritage Day (Washington only), Mon 30 (3), Tue Dec 1 (4),
    # Wed 2 (5) -> Wed 2026-12-02.
    wa = SchoolCalendar.estimate_for("WA")
    result = count_days(wa, D("2026-11-23"), 5, "business")
    assert result.due == D("2026-12-02")
    assert result.skipped == [
        (D("2026-11-26"), "Thanksgiving Day (holiday)"),
        (D("2026-11-27"), "Native American Heritage Day (holiday)"),
    ]
    assert result.estimate is False  # business days never depend on a district calendar
    # Federal holidays only: Fri 27 counts (3), Mon 30 (4), Tue Dec 1 (5).
    federal = count_days(SchoolCalendar.estimate_for(None), D("2026-11-23"), 5, "business")
    assert federal.due == D("2026-12-01")


def test_business_days_cross_cesar_chavez_day_in_california() -> None:
    # CA, start Fri 2027-03-26. Mon 29 (1), Tue 30 (2), Wed 31 Cesar Chavez Day
    # (California only) skipped, Thu Apr 1 (3), Fri 2 (4), Mon 5 (5) -> Mon 2027-04-05.
    ca = SchoolCalendar.estimate_for("CA")
    result = count_days(ca, D("2027-03-26"), 5, "business")
    assert result.due == D("2027-04-05")
    assert skipped_dates(result) == [D("2027-03-31")]
    assert "Chavez" in result.skipped[0][1]


def test_business_days_ignore_the_district_calendar(wa: SchoolCalendar) -> None:
    # Business days are Mon-Fri minus holidays whatever the district does: winter break
    # weekdays count. Start Fri 2026-12-18: Mon 21 (1), Tue 22 (2), Wed 23 (3),
    # Thu 24 (4), Fri 25 Christmas skipped, Mon 28 (5).
    assert count_days(wa, D("2026-12-18"), 5, "business").due == D("2026-12-28")


def test_business_days_across_new_year() -> None:
    # Federal. Start Wed 2026-12-30. Thu 31 (1), Fri Jan 1 New Year's Day skipped,
    # Mon 4 (2), Tue 5 (3).
    result = count_days(SchoolCalendar.estimate_for(None), D("2026-12-30"), 3, "business")
    assert result.due == D("2027-01-05")
    assert skipped_dates(result) == [D("2027-01-01")]


# ---------------------------------------------------------------- calendar days, years, roll-forward


def test_calendar_days_do_not_roll_forward(wa: SchoolCalendar) -> None:
    # Start Wed 2026-10-28 + 45: Oct 31 is day 3, Nov 30 day 33, Dec 12 day 45,
    # a Saturday. Federal calendar-day deadlines stay on the Saturday.
    result = count_days(wa, D("2026-10-28"), 45, "calendar")
    assert result.due == D("2026-12-12")
    assert result.skipped == [] and result.rolled_from is None


def test_records_access_45_calendar_days(wa: SchoolCalendar) -> None:
    # Start Mon 2026-11-23: Nov 30 is day 7, Dec 31 day 38, Jan 7 day 45.
    assert count_days(wa, D("2026-11-23"), 45, "calendar").due == D("2027-01-07")


def test_roll_forward_past_weekend_and_holiday() -> None:
    il = SchoolCalendar.estimate_for("IL")
    # Start Mon 2026-11-09 + 5 = Sat 11-14 -> rolls to Mon 2026-11-16.
    weekend = count_days(il, D("2026-11-09"), 5, "calendar", roll_forward=True)
    assert (weekend.due, weekend.rolled_from) == (D("2026-11-16"), D("2026-11-14"))
    # Start Fri 2026-11-06 + 5 = Wed 11-11 Veterans Day -> Thu 2026-11-12.
    holiday = count_days(il, D("2026-11-06"), 5, "calendar", roll_forward=True)
    assert (holiday.due, holiday.rolled_from) == (D("2026-11-12"), D("2026-11-11"))
    assert skipped_dates(holiday) == [D("2026-11-11")]


def test_years_are_anniversaries_not_365_days(wa: SchoolCalendar) -> None:
    # One year from Mon 2027-03-01 is Wed 2028-03-01; 365 days would be 2028-02-29.
    assert count_days(wa, D("2027-03-01"), 1, "year").due == D("2028-03-01")
    # Two years from Mon 2026-03-02 is Thu 2028-03-02.
    assert count_days(wa, D("2026-03-02"), 2, "year").due == D("2028-03-02")
    # From Feb 29 the anniversary in a common year is Feb 28 (never a day late).
    assert add_years(D("2028-02-29"), 2) == D("2030-02-28")
    assert add_years(D("2028-02-29"), 4) == D("2032-02-29")


# ---------------------------------------------------------------- counting backward


def test_weekdays_before_including_holidays() -> None:
    # 10 business days "including any holidays that occur on a business day" before a
    # removal on Mon 2026-11-30: Fri 27 (1), Thu 26 Thanksgiving still counts (2),
    # Wed 25 (3), Tue 24 (4), Mon 23 (5), Fri 20 (6), Thu 19 (7), Wed 18 (8),
    # Tue 17 (9), Mon 16 (10) -> notice by Mon 2026-11-16.
    result = count_days(SchoolCalendar.estimate_for("WA"), D("2026-11-30"), 10, "weekday", backward=True)
    assert result.due == D("2026-11-16")
    assert result.skipped == []


def test_school_days_before_a_meeting(wa: SchoolCalendar) -> None:
    # 3 school days before a meeting on Mon 2026-11-30: Fri 27 + Thu 26 closed,
    # Wed 25 early release (1), Tue 24 (2), Mon 23 (3) -> documents by Mon 2026-11-23.
    result = count_days(wa, D("2026-11-30"), 3, "school", backward=True)
    assert result.due == D("2026-11-23")
    assert skipped_dates(result) == [D("2026-11-26"), D("2026-11-27")]
    assert [d for d, _ in result.early_release] == [D("2026-11-25")]


def test_backward_before_the_first_day_is_flagged(wa: SchoolCalendar) -> None:
    # 3 school days before Fri 2026-09-04: Thu 3 (1), Wed 2 (2), then summer.
    result = count_days(wa, D("2026-09-04"), 3, "school", backward=True)
    assert (result.due, result.flag, result.days_available) == (None, FLAG_BEFORE_START, 2)


def test_backward_business_days_across_years() -> None:
    # Federal. 3 business days before Mon 2027-01-04: Fri Jan 1 New Year's Day skipped,
    # Thu Dec 31 (1), Wed 30 (2), Tue 29 (3).
    result = count_days(SchoolCalendar.estimate_for(None), D("2027-01-04"), 3, "business", backward=True)
    assert result.due == D("2026-12-29")
    assert skipped_dates(result) == [D("2027-01-01")]


# ---------------------------------------------------------------- tolled calendar days


def test_california_long_breaks_are_not_counted(wa: SchoolCalendar) -> None:
    # 30 calendar days from Thu 2026-12-10, not counting vacations of more than five
    # school days: Dec 11..18 are days 1-8; Sat Dec 19 .. Sun Jan 3 is one run of
    # non-school days holding 10 weekdays, so none of it counts; Mon Jan 4 is day 9,
    # Mon Jan 25 day 30.
    result = count_days(wa, D("2026-12-10"), 30, "calendar_excl_breaks")
    assert result.due == D("2027-01-25")
    assert len(result.skipped) == 10  # the ten winter-break weekdays


def test_california_five_day_break_still_counts(wa: SchoolCalendar) -> None:
    # Mid-winter break Mon 02-15 .. Fri 02-19 is exactly five school days: "in excess of
    # five" does not apply, so every day counts. Mon 2027-02-01 + 30 = Wed 2027-03-03.
    result = count_days(wa, D("2027-02-01"), 30, "calendar_excl_breaks")
    assert result.due == D("2027-03-03")
    assert result.skipped == []


def test_california_count_into_summer_needs_the_next_school_year(wa: SchoolCalendar) -> None:
    # From Mon 2027-06-07: Jun 8..17 are days 1-10, then summer with no next year loaded. The
    # summer is not counted and the count goes on in the fall (Ed. Code 56343.5, 56344(a)), so
    # the answer is "needs the next school year", not "past the end" (audit of issue 11, gap 3).
    result = count_days(wa, D("2027-06-07"), 30, "calendar_excl_breaks")
    assert (result.due, result.flag, result.days_available) == (None, FLAG_NEEDS_NEXT_YEAR, 10)


def test_pennsylvania_summer_is_not_counted() -> None:
    settings = CalendarSettings(
        state="PA",
        school_years=[
            SchoolYear(first_day=D("2026-09-02"), last_day=D("2027-06-17")),
            SchoolYear(first_day=D("2027-09-01"), last_day=D("2028-06-15")),
        ],
    )
    calendar = SchoolCalendar.from_settings(settings)
    # 60 days from Mon 2027-05-24: May 25..31 (7), Jun 1..17 (24); Jun 18 .. Aug 31 is
    # summer; Sep 1 is day 25, so Sep n is day 24+n: Sep 30 day 54, Oct 6 day 60.
    result = count_days(calendar, D("2027-05-24"), 60, "calendar_excl_summer")
    assert result.due == D("2027-10-06")
    assert all(reason.startswith("summer") for _, reason in result.skipped)


def test_tolled_kinds_without_a_district_calendar_are_plain_estimates(wa_estimate: SchoolCalendar) -> None:
    result = count_days(wa_estimate, D("2026-12-10"), 30, "calendar_excl_breaks")
    assert result.due == D("2027-01-09")  # Dec 10 + 30 plain calendar days
    assert result.estimate is True
    assert result.notes


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("count", "kind", "words"),
    [(-1, "school", "negative"), (10, "fortnight", "day kind"), (10**6, "calendar", "more days")],
)
def test_bad_counts_are_input_errors(wa: SchoolCalendar, count: int, kind: str, words: str) -> None:
    with pytest.raises(InputError, match=words):
        count_days(wa, D("2026-11-23"), count, kind)


def test_json_shape(wa: SchoolCalendar) -> None:
    document = count_days(wa, D("2026-11-23"), 10, "school").to_json()
    assert document["due"] == "2026-12-09"
    assert document["skipped"][0] == {"date": "2026-11-26", "reason": "Thanksgiving Break (closure)"}
    for key in ("due", "flag", "days_available", "day_kind", "count", "start", "rule", "skipped", "estimate"):
        assert key in document
