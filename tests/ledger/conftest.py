"""Calendars for the ledger tests, laid out so every number can be worked out by hand.

District calendar 2026-27 (`district`), school days Monday to Friday except:

    2026-09-08 Tue   first day of school
    2026-10-09 Fri   staff day (closed)       -> week of Oct 5 has 4 school days
    2026-11-11 Wed   Veterans Day (closed)    -> week of Nov 9 has 4 school days
    2026-11-23..27   Thanksgiving week        -> a closed week: 0 school days
    2026-12-21..2027-01-01  winter break      -> two closed weeks
    2027-06-17 Thu   last day of school

Weeks and months used in the tests (Mon..Fri; x = closed):

    Oct 2026: Thu 1, Fri 2 | 5 6 7 8 x9 | 12-16 | 19-23 | 26-30   -> 21 school days
    Nov 2026: 2-6 | 9 10 x11 12 13 | 16-20 | x23-x27 | 30         -> 15 school days
    Dec 2026: 1-4 | 7-11 | 14-18 | x21-x25 | x28-x31              -> 14 school days
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from iep_tui.calendar.settings import CalendarSettings, Closure, SchoolYear


def d(text: str) -> date:
    return date.fromisoformat(text)


DISTRICT_SETTINGS = CalendarSettings(
    state="WA",
    school_years=[SchoolYear(first_day=d("2026-09-08"), last_day=d("2027-06-17"), label="2026-27")],
    closures=[
        Closure(start=d("2026-10-09"), label="Staff day", kind="staff_day"),
        Closure(start=d("2026-11-11"), label="Veterans Day", kind="holiday"),
        Closure(start=d("2026-11-23"), end=d("2026-11-27"), label="Thanksgiving break", kind="break"),
        Closure(start=d("2026-12-21"), end=d("2027-01-01"), label="Winter break", kind="break"),
    ],
)


@pytest.fixture(scope="session")
def district_settings() -> CalendarSettings:
    return DISTRICT_SETTINGS


@pytest.fixture(scope="session")
def district():
    """The real SchoolCalendar for the district calendar above."""
    from iep_tui.calendar.school_calendar import SchoolCalendar

    return SchoolCalendar.from_settings(DISTRICT_SETTINGS)


@dataclass(frozen=True)
class FakeYear:
    first_day: date
    last_day: date


class FakeCalendar:
    """Weekdays are school days unless closed; one optional school year bounds them."""

    Year = FakeYear

    def __init__(self, closed: set[date] = frozenset(), year: FakeYear | None = None) -> None:
        self.closed = set(closed)
        self.year = year

    def is_school_day(self, day: date) -> bool:
        if self.year and not self.year.first_day <= day <= self.year.last_day:
            return False
        return day.weekday() < 5 and day not in self.closed

    def school_days(self, start: date, end: date) -> list[date]:
        out = []
        day = start
        while day <= end:
            if self.is_school_day(day):
                out.append(day)
            day += timedelta(days=1)
        return out

    def school_year_for(self, day: date) -> FakeYear | None:
        if self.year and self.year.first_day <= day <= self.year.last_day:
            return self.year
        return None


@pytest.fixture(scope="session")
def fake_calendar() -> type[FakeCalendar]:
    """The FakeCalendar class (test modules cannot import conftest), and FakeYear as `.Year`."""
    return FakeCalendar


@pytest.fixture(scope="session")
def weekdays() -> FakeCalendar:
    """Every Monday-Friday is a school day: all weeks are full five-day weeks."""
    return FakeCalendar()


CLI_TODAY = "2026-12-02"
"""Today in the CLI tests: Wed 2026-12-02."""


@pytest.fixture
def case_id(workspace, district_settings, monkeypatch) -> str:
    """A case on the district calendar whose IEP took effect Mon 2026-11-16; today is CLI_TODAY."""
    from iep_tui.domain.models import Case, CaseBundle
    from iep_tui.store.case_store import CaseStore

    monkeypatch.setenv("IEP_TUI_TODAY", CLI_TODAY)
    case = Case(
        id="case-sam", student="Sam T", state="WA", iep_effective=date(2026, 11, 16), calendar=district_settings
    )
    CaseStore(workspace.ensure()).create(CaseBundle(case=case))
    return case.id


@pytest.fixture
def checklist(cli, case_id):
    """speech (30 min 2x weekly), speech group (20 min 1x weekly), extended time (an accommodation)."""
    assert (
        cli(
            "req",
            "add",
            "--kind",
            "service",
            "--name",
            "speech",
            "--text",
            "Speech-language therapy, 30 minutes twice weekly",
            "--frequency",
            "30 minutes twice a week",
            "--role",
            "SLP",
        ).code
        == 0
    )
    assert (
        cli(
            "req",
            "add",
            "--kind",
            "service",
            "--name",
            "speech group",
            "--text",
            "Social communication group",
            "--frequency",
            "20 min 1x weekly",
        ).code
        == 0
    )
    assert (
        cli(
            "req",
            "add",
            "--kind",
            "accommodation",
            "--name",
            "extended time",
            "--text",
            "Extended time 1.5x on tests",
            "--safety",
        ).code
        == 0
    )
    return case_id
