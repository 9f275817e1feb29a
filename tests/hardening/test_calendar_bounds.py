"""Items 4 and 8 at their edges: the cap on the dates one calendar file expands to (5,000),
the window a repeating event with no end is expanded in, and a last day of school far away.

Every expected number is worked by hand in the comments from the rule in
iep_tui/calendar/calendar_import.py and iep_tui/limits.py (CALENDAR_DATES_MAX = 5,000;
a repeating event with no COUNT or UNTIL stops at the imported school year's last day,
else a year after it starts; a date outside 1900-01-01..2199-12-31 is refused).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from iep_tui.calendar.calendar_import import import_csv, import_ics
from iep_tui.errors import InputError
from tests.hardening.conftest import at_most, event, one_sentence, vcal

CASE = "demo-lena"
FIRST_DAY = event("First Day of School", "20260902")
LAST_DAY = event("Last Day of School", "20270617")
WEDNESDAYS = event("Early Release", "20261104", "RRULE:FREQ=WEEKLY")
"""Every Wednesday from Wed 2026-11-04, with no COUNT and no UNTIL."""


# ---------------------------------------------------------------- the 5,000-date cap


@pytest.mark.parametrize(("count", "refused"), [(50, False), (51, True)])
def test_an_ics_expanding_to_5000_dates_is_read_and_one_more_repeat_is_refused(count: int, refused: bool) -> None:
    # A 100-day closure (DTSTART 2001-01-01, DURATION P100D) repeating weekly COUNT times:
    # 50 x 100 = 5,000 dates (the cap: read); 51 x 100 = 5,100 (past it: refused).
    # 51 weekly starts span 350 days, inside the window (a year on: no school year in the file).
    ics = vcal(event("No School", "20010101", "DURATION:P100D", f"RRULE:FREQ=WEEKLY;COUNT={count}"))
    if not refused:
        assert len(import_ics(ics).closures) == 50
        return
    with at_most(20), pytest.raises(InputError) as error:
        import_ics(ics)
    assert "more than 5,000 dates" in str(error.value) and "nothing was imported" in str(error.value)


def ranges_csv(extra_day: bool) -> str:
    """50 closures of 100 days each, back to back from 2001-01-01: 5,000 dates; and one more day."""
    rows = []
    for n in range(50):
        start = date(2001, 1, 1) + timedelta(days=100 * n)
        rows.append(f"{start},{start + timedelta(days=99)},Break {n + 1},closure")
    if extra_day:
        rows.append("2020-01-06,,One day more,closure")  # 5,001
    return "date,end,label,kind\n" + "\n".join(rows) + "\n"


def test_a_csv_of_exactly_5000_dates_is_read() -> None:
    result = import_csv(ranges_csv(extra_day=False))
    assert len(result.closures) == 50
    # the last range starts 2001-01-01 + 4,900 days: 2001..2013 hold 13 x 365 + 3 leap days (2004, 2008,
    # 2012) = 4,748 days, so 2014-01-01 + 152 = 2014-06-02 (Jan 31 + Feb 28 + Mar 31 + Apr 30 + May 31 = 151);
    # it ends 99 days later: Jun 2 + 28 = Jun 30, + 31 = Jul 31, + 31 = Aug 31, + 9 = 2014-09-09
    assert (result.closures[-1].start, result.closures[-1].last) == (date(2014, 6, 2), date(2014, 9, 9))


def test_a_csv_of_5001_dates_is_refused_through_the_cli_and_nothing_is_saved(demo_ws, cli, tmp_path) -> None:
    path = tmp_path / "district.csv"
    path.write_text(ranges_csv(extra_day=True))
    before = demo_ws.case_file(CASE).read_bytes()
    line = one_sentence(cli("calendar", "import", str(path), "--case", CASE), 2)
    assert line == (
        "iep-tui: district.csv expands to more than 5,000 dates, more than any district calendar holds; "
        "nothing was imported. Check its repeating events."
    )
    assert demo_ws.case_file(CASE).read_bytes() == before


# ---------------------------------------------------------------- the window of a repeating event with no end


def test_a_repeating_event_with_no_end_stops_at_the_last_day_of_school() -> None:
    # Wednesdays from 2026-11-04 up to the last day, Thu 2027-06-17:
    # Nov 4 11 18 25 (4), Dec 2 9 16 23 30 (5), Jan 6 13 20 27 (4), Feb 3 10 17 24 (4),
    # Mar 3 10 17 24 31 (5), Apr 7 14 21 28 (4), May 5 12 19 26 (4), Jun 2 9 16 (3) = 33.
    result = import_ics(vcal(FIRST_DAY, LAST_DAY, WEDNESDAYS))
    days = [e.day for e in result.early_release]
    assert len(days) == 33 and days[0] == date(2026, 11, 4) and days[-1] == date(2027, 6, 16)
    assert all(d.weekday() == 2 for d in days)


def test_without_a_school_year_a_repeating_event_with_no_end_stops_a_year_on() -> None:
    # No first or last day: the window is a year (366 days) from 2026-11-04, to 2027-11-05.
    # 2026-11-04 + 52 weeks = Wed 2027-11-03 is the last Wednesday in it: 53 dates.
    result = import_ics(vcal(WEDNESDAYS))
    days = [e.day for e in result.early_release]
    assert len(days) == 53 and days[-1] == date(2027, 11, 3)


def test_a_last_day_more_than_a_year_after_the_first_is_not_a_school_year() -> None:
    # First day 2026-09-02, last day 2199-12-31 (the last date accepted): not one school year of
    # 173 years; no school year is set, the warning names both dates, and the repeating event's
    # window is a year on from its start (53 Wednesdays, as with no school year at all), not the
    # 2199 last day.
    result = import_ics(vcal(FIRST_DAY, event("Last Day of School", "21991231"), WEDNESDAYS))
    assert result.school_years == []
    assert any("2026-09-02" in w and "2199-12-31" in w and "more than a year" in w for w in result.warnings), (
        result.warnings
    )
    assert not any("no first day of school before it" in w for w in result.warnings)  # said once
    days = [e.day for e in result.early_release]
    assert len(days) == 53 and days[-1] == date(2027, 11, 3)


@pytest.mark.parametrize(
    ("last", "years"),
    [
        # 2026-09-02 .. 2027-09-02 is 366 days counting both: a year-round school's longest year
        ("2027-09-02", 1),
        # 2026-09-02 .. 2027-09-03 is 367 days: more than a year
        ("2027-09-03", 0),
    ],
)
def test_a_school_year_lasts_at_most_a_year_in_a_csv(last: str, years: int) -> None:
    result = import_csv(f"date,label,kind\n2026-09-02,First day,first_day\n{last},Last day,last_day\n")
    assert len(result.school_years) == years, result.warnings


# ---------------------------------------------------------------- a last day at 9999


def test_a_last_day_of_school_at_9999_is_one_sentence_and_saves_nothing(demo_ws, cli, tmp_path) -> None:
    with pytest.raises(InputError) as error:
        import_ics(vcal(FIRST_DAY, event("Last Day of School", "99990617"), WEDNESDAYS))
    # the file's lines: BEGIN:VCALENDAR, VERSION, PRODID, then the first day's event on lines 4-7;
    # the last day's BEGIN:VEVENT is line 8
    assert str(error.value) == (
        "the calendar: event 'Last Day of School' (line 8): 9999-06-17 is outside the dates iep-tui accepts "
        "(1900-01-01 to 2199-12-31); fix the date in the file."
    )
    with pytest.raises(InputError) as error:
        import_csv("date,label,kind\n2026-09-02,First day,first_day\n9999-06-17,Last day,last_day\n")
    assert "line 3: date: 9999-06-17 is outside the dates iep-tui accepts (1900-01-01 to 2199-12-31)" in str(
        error.value
    )

    path = tmp_path / "district.ics"
    path.write_bytes(vcal(FIRST_DAY, event("Last Day of School", "99990617"), WEDNESDAYS))
    before = demo_ws.case_file(CASE).read_bytes()
    with at_most(20):
        for argv in (
            ["calendar", "import", str(path), "--case", CASE],
            ["calendar", "import", str(path), "--dry-run", "--case", CASE],
            ["deadline", "--start", "2026-11-02", "--school-days", "10", "--calendar", str(path), "--state", "WA"],
        ):
            assert "9999-06-17" in one_sentence(cli(*argv), 2), argv
    assert demo_ws.case_file(CASE).read_bytes() == before


def test_a_last_day_alone_still_ends_the_window() -> None:
    # No first day, so no school year; the last day, Thu 2027-06-17, is within a year of the
    # event's start and still ends it: the 33 Wednesdays counted above.
    days = [e.day for e in import_ics(vcal(LAST_DAY, WEDNESDAYS)).early_release]
    assert len(days) == 33 and days[-1] == date(2027, 6, 16)
