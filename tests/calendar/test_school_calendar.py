"""SchoolCalendar's questions, its sharing between equal settings, and lazy imports."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from iep_tui.calendar.month_view import month_days, month_grid
from iep_tui.calendar.school_calendar import SchoolCalendar

from .conftest import wa_settings

D = date.fromisoformat


def test_day_questions(wa: SchoolCalendar) -> None:
    assert wa.estimate is False
    assert wa.is_school_day(D("2026-11-25"))  # early release is a school day
    assert wa.early_release_on(D("2026-11-25")).label.startswith("Early Dismissal")
    assert wa.early_release_on(D("2026-11-24")) is None
    assert not wa.is_school_day(D("2026-11-26"))
    assert wa.closure_on(D("2026-11-27")).label == "Thanksgiving Break"
    assert wa.closure_on(D("2026-12-31")).kind == "break"
    assert wa.closure_on(D("2026-11-28")) is None  # a weekend is not a closure
    assert wa.is_school_day(D("2026-10-12"))  # Columbus Day, district open
    assert not wa.is_business_day(D("2026-10-12"))
    assert wa.holiday_name(D("2026-11-27")) == "Native American Heritage Day"  # WA only
    assert wa.holiday_name(D("2026-11-24")) is None
    assert not wa.is_school_day(D("2026-11-28"))  # Saturday
    assert not wa.is_school_day(D("2026-08-31"))  # summer
    assert wa.school_year_for(D("2027-06-17")).label == "2026-27"
    assert wa.school_year_for(D("2027-06-18")) is None


def test_school_days_inclusive_both_ends(wa: SchoolCalendar) -> None:
    # Mon 11-23 .. Mon 11-30: 23, 24, 25 (early release), 30; Thu 26 + Fri 27 closed.
    assert wa.school_days(D("2026-11-23"), D("2026-11-30")) == [
        D("2026-11-23"),
        D("2026-11-24"),
        D("2026-11-25"),
        D("2026-11-30"),
    ]
    assert wa.school_days(D("2026-11-30"), D("2026-11-23")) == []
    # Estimate: weekdays minus federal + WA holidays. Nov 23-30 has 6 weekdays minus 26, 27.
    estimate = SchoolCalendar.estimate_for("WA")
    assert estimate.estimate is True
    assert len(estimate.school_days(D("2026-11-23"), D("2026-11-30"))) == 4


def test_equal_settings_share_one_calendar() -> None:
    assert SchoolCalendar.from_settings(wa_settings()) is SchoolCalendar.from_settings(wa_settings())


def test_describe_day(wa: SchoolCalendar) -> None:
    assert wa.describe_day(D("2026-11-11")) == "closed: Veterans Day (holiday)"
    assert wa.describe_day(D("2026-11-25")).startswith("early release")
    assert wa.describe_day(D("2026-07-01")).startswith("no school")
    assert wa.describe_day(D("2026-11-24")) == "school day"


def test_why_not_school_day_one_wording(wa: SchoolCalendar, wa_estimate: SchoolCalendar) -> None:
    # The district calendar (conftest): first day Wed 2026-09-02, last day Thu 2027-06-17.
    why = wa.why_not_school_day
    # A holiday the district closes for: Wed 2026-11-11, "Veterans Day", kind holiday;
    # the label does not say "holiday", so the kind follows in brackets.
    assert why(D("2026-11-11")) == "closed: Veterans Day (holiday)"
    # A closure: Thu 2026-11-26 is in "Thanksgiving Break" (kind break): the label says
    # "break" already, so no "(break)". Fri 2026-10-09 "Teacher Workday" is a staff_day.
    assert why(D("2026-11-26")) == "closed: Thanksgiving Break"
    assert why(D("2026-10-09")) == "closed: Teacher Workday (staff day)"
    # A weekend: Sat 2026-11-28 (Thanksgiving is Thu 11-26). Sat 2026-12-26 lies inside
    # the winter break (12-21..01-01) and is still called a weekend: it would be one anyway.
    assert why(D("2026-11-28")) == "weekend"
    assert why(D("2026-12-26")) == "weekend"
    # Summer: Wed 2026-07-01 is before the first day; Fri 2027-06-18 the day after the last.
    assert why(D("2026-07-01")) == "no school (outside the school year)"
    assert why(D("2027-06-18")) == "no school (outside the school year)"
    # School days have no reason: Tue 2026-11-24, and Wed 11-25 (early release counts).
    assert why(D("2026-11-24")) is None
    assert why(D("2026-11-25")) is None
    # Without a district calendar: Wed 2026-11-11 is the federal holiday Veterans Day;
    # Thu 2026-12-24 is no holiday, but schools commonly close December 24-31.
    assert wa_estimate.why_not_school_day(D("2026-11-11")) == "holiday: Veterans Day"
    assert wa_estimate.why_not_school_day(D("2026-12-24")) == "commonly closed: winter break"
    assert wa_estimate.why_not_school_day(D("2026-11-28")) == "weekend"
    # describe_day says the same for a day that is not a school day.
    assert wa.describe_day(D("2026-11-26")) == "closed: Thanksgiving Break"


def test_open_on_holidays(wa: SchoolCalendar) -> None:
    open_days = dict(wa.open_on_holidays(wa.school_years[0]))
    assert open_days[D("2026-10-12")] == "Columbus Day"
    assert D("2026-11-11") not in open_days  # closed in this district


def test_month_view(wa: SchoolCalendar) -> None:
    statuses = {s.day: s.status for s in month_days(wa, 2026, 11)}
    assert statuses[D("2026-11-11")] == "closed"
    assert statuses[D("2026-11-25")] == "early_release"
    assert statuses[D("2026-11-28")] == "weekend"
    lines = month_grid(wa, 2027, 6, "Cascade Valley")
    # June 2027: Jun 1-4 (4), 7-11 (5), 14-17 (4) = 13; from Fri 18 it is summer.
    assert lines[-1] == "13 school days this month."
    assert "  Fri 18 - Wed 30  -  outside the school year" in lines
    assert all(len(line) <= 80 for line in lines)


def test_imports_stay_lazy() -> None:
    # Importing the calendar layer, and counting school days on a district calendar,
    # must not load the holidays data (~60 ms) or icalendar.
    code = (
        "import sys\n"
        "from datetime import date\n"
        "import iep_tui.calendar.school_calendar, iep_tui.calendar.day_count, iep_tui.calendar.deadline_rules\n"
        "import iep_tui.calendar.calendar_import, iep_tui.calendar.ics_export, iep_tui.calendar.month_view\n"
        "assert 'holidays' not in sys.modules and 'icalendar' not in sys.modules, 'eager import'\n"
        "from iep_tui.calendar.settings import CalendarSettings, SchoolYear\n"
        "from iep_tui.calendar.school_calendar import SchoolCalendar\n"
        "from iep_tui.calendar.day_count import count_days\n"
        "s = CalendarSettings(school_years=[SchoolYear(first_day=date(2026,9,2), last_day=date(2027,6,17))])\n"
        "assert count_days(SchoolCalendar.from_settings(s), date(2026,11,23), 10, 'school').due\n"
        "assert 'holidays' not in sys.modules, 'school days loaded holidays'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
