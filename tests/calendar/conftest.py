"""A Washington district calendar for 2026-27, written out by hand (not imported).

It matches data/calendars/cascade-valley-sd-2026-27.*, so the import tests can check
that reading the sample files gives exactly this.

    first day Wed 2026-09-02, last day Thu 2027-06-17
    closed: Mon 09-07 Labor Day; Fri 10-09 teacher workday; Wed 11-11 Veterans Day;
            Thu-Fri 11-26..27 Thanksgiving; Mon 12-21..Fri 2027-01-01 winter break;
            Mon 01-18 MLK; Fri 01-29 clerical day; Mon-Fri 02-15..19 mid-winter break;
            Mon-Fri 04-05..09 spring break; Mon 05-31 Memorial Day
    open:   Mon 10-12 Columbus Day (not a Washington holiday; the district teaches)
    early release: Mon-Wed 11-16..18 conferences; Wed 11-25; Fri 2027-03-19; Thu 2027-06-17
"""

from __future__ import annotations

from datetime import date

import pytest

from iep_tui.calendar.school_calendar import SchoolCalendar
from iep_tui.calendar.settings import CalendarSettings, Closure, EarlyRelease, SchoolYear

D = date.fromisoformat


def wa_settings() -> CalendarSettings:
    closures = [
        ("2026-09-07", None, "Labor Day", "holiday"),
        ("2026-10-09", None, "Teacher Workday", "staff_day"),
        ("2026-11-11", None, "Veterans Day", "holiday"),
        ("2026-11-26", "2026-11-27", "Thanksgiving Break", "break"),
        ("2026-12-21", "2027-01-01", "Winter Break", "break"),
        ("2027-01-18", None, "Martin Luther King Jr. Day", "holiday"),
        ("2027-01-29", None, "Clerical Day", "staff_day"),
        ("2027-02-15", "2027-02-19", "Mid-Winter Break (Presidents' Day week)", "break"),
        ("2027-04-05", "2027-04-09", "Spring Break", "break"),
        ("2027-05-31", None, "Memorial Day", "holiday"),
    ]
    early = [
        ("2026-11-16", "Parent-Teacher Conferences - Early Release"),
        ("2026-11-17", "Parent-Teacher Conferences - Early Release"),
        ("2026-11-18", "Parent-Teacher Conferences - Early Release"),
        ("2026-11-25", "Early Dismissal before Thanksgiving Break"),
        ("2027-03-19", "Early Release - Professional Development"),
        ("2027-06-17", "Last day is also an early-release day"),
    ]
    return CalendarSettings(
        state="WA",
        school_years=[SchoolYear(first_day=D("2026-09-02"), last_day=D("2027-06-17"), label="2026-27")],
        closures=[
            Closure(start=D(s), end=D(e) if e else None, label=label, kind=kind) for s, e, label, kind in closures
        ],
        early_release=[EarlyRelease(day=D(d), label=label) for d, label in early],
        source="hand-written test calendar",
    )


@pytest.fixture
def wa() -> SchoolCalendar:
    return SchoolCalendar.from_settings(wa_settings())


@pytest.fixture
def wa_estimate() -> SchoolCalendar:
    return SchoolCalendar.estimate_for("WA")
