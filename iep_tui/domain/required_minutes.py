"""Minutes a requirement's frequency requires over a date range, on the school calendar.

The range is the report's `start..end` (both included) cut to the requirement's own
start and end dates. Only school days earn minutes: summer, weekends and district
closures earn none, and a week or month with no school day in the range requires
nothing.

Per period:

- **daily**: the daily minutes on every school day in the range (no partial periods).
- **weekly** (Monday to Sunday): the weekly minutes for a *full week*, which is five
  school days inside the range. The IEP's weekly frequency is written for the ordinary
  five-day school week, so a week shortened to four days by a closure, a week cut by
  the range or by the first day of school, or a week the requirement starts in the
  middle of, is a *partial* week.
- **every N weeks** ("30 min every 2 weeks"): counted as a weekly frequency of the
  period's minutes / N, each Monday-to-Sunday week prorated exactly like a weekly one
  (a 60-minute every-other-week service requires 30 minutes in a full week and
  30 x 4 / 5 = 24 in a four-day week). No week is taken as the start of the cycle, so
  any N full weeks require the period's minutes.
- **monthly** (calendar month): the monthly minutes when every school day the month
  has on the calendar is inside the range. A monthly frequency is written for months
  that contain holidays and breaks, so closures do not make a month partial; only the
  range does (the report's dates or the requirement's start and end leaving out some
  of the month's school days).
- **yearly** (the school year, first to last student day): like a month, over the
  school days of that school year. With no school year on the calendar (an estimated
  calendar), July 1 to June 30 stands in and the result says so.

A partial period is handled by the case's `partial_period` policy:

- `prorate` (default): the period's minutes x (school days of the period inside the
  range) / (school days of a full period): 5 for a week; the month's or school year's
  school days on the calendar for a month or a year. A 120-minute weekly service in a
  four-day week requires 120 x 4 / 5 = 96 minutes; a sixth (Saturday) school day earns
  nothing more. Each school day earns the same share, so prorating never depends on
  which days of the week were closed.
- `full`: the full period minutes whenever the period has a school day in the range
  (the reading that a weekly total is owed even in a short week).
- `none`: only full periods count; a partial period requires nothing.

Rounding: each period's share is kept as an exact fraction. Periods are added in date
order and the *running* total is rounded half up to whole minutes; a period's whole
minutes are the increase of the rounded running total. So the periods' whole minutes
always add up to the total, no period is off its exact share by a minute or more, and
the total is the exact sum rounded once: nothing drifts however many periods there
are. (Two adjacent ranges reported separately can differ from the whole range by at
most a minute.)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from itertools import groupby
from typing import Any, Literal, Protocol

from iep_tui.calendar.school_calendar import week_of
from iep_tui.domain.frequency import Frequency

PartialPolicy = Literal["prorate", "full", "none"]

FULL_WEEK_SCHOOL_DAYS = 5
"""School days that make a full week: the ordinary five-day school week."""

POLICY_TEXT: dict[str, str] = {
    "prorate": (
        "partial weeks and months are prorated by school day: a week earns 1/5 of its weekly minutes "
        "for each school day in the range (a full week is five school days; a week shortened by a "
        "closure is partial); a month or school year earns its minutes x its school days in the range "
        "/ all its school days"
    ),
    "full": "a week, month or school year with any school day in the range requires its full minutes",
    "none": (
        "only full periods count: a week needs five school days in the range, a month or school year "
        "all of its school days; a partial period requires nothing"
    ),
}
"""How each partial-period policy works, in words shown beside the numbers."""


class SchoolDays(Protocol):
    """What the ledger needs from a school calendar (`SchoolCalendar` provides it)."""

    def is_school_day(self, day: date) -> bool: ...

    def school_days(self, start: date, end: date) -> list[date]: ...

    def school_year_for(self, day: date) -> Any: ...  # has first_day/last_day, or None


@dataclass(frozen=True)
class PeriodShare:
    """One period's part of the required total: the arithmetic behind it, in full."""

    first: date
    last: date
    """The whole period (Monday..Sunday, the month, the school year)."""
    school_days: int
    """School days of the period inside the range."""
    full_days: int
    """School days that make it a full period (5 for a week)."""
    period_minutes: int
    """The frequency's minutes per full period."""
    exact: Fraction
    """Minutes required before rounding, under the policy."""
    minutes: int
    """Whole minutes: this period's step of the rounded running total."""
    weeks: int = 1
    """For 'every N weeks': N (the week earns 1/N of the period's minutes)."""

    @property
    def partial(self) -> bool:
        return self.school_days < self.full_days

    def explain(self, period: str) -> str:
        span = f"{self.first.isoformat()}..{self.last.isoformat()}"
        if period == "day":
            return f"{span}: {self.period_minutes} min x {self.school_days} school days = {self.minutes} min"
        days = f"{self.school_days}/{self.full_days} school days"
        exact = f"{float(self.exact):.2f}".rstrip("0").rstrip(".")
        per = f" / {self.weeks} weeks" if self.weeks > 1 else ""
        return f"{span}: {days} of {self.period_minutes} min{per} = {exact} -> {self.minutes} min"


@dataclass(frozen=True)
class RequiredMinutes:
    """The required total and every period behind it."""

    total: int
    frequency: Frequency | None
    policy: PartialPolicy
    start: date | None
    """First day counted (report start cut to the requirement's start); None when empty."""
    end: date | None
    periods: tuple[PeriodShare, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def exact(self) -> Fraction:
        return sum((p.exact for p in self.periods), Fraction(0))

    def explain(self) -> list[str]:
        """One line per period, then how the total was reached."""
        if self.frequency is None or not self.frequency.counted:
            return ["not counted: no minutes are required for this frequency"]
        period = self.frequency.period or "week"
        lines = [p.explain(period) for p in self.periods]
        lines.append(f"total {self.total} min (partial periods: {self.policy})")
        lines.extend(self.notes)
        return lines


def round_half_up(value: Fraction) -> int:
    """Nearest whole number, halves away from zero for the non-negative values used here."""
    return int((value + Fraction(1, 2)) // 1)


def effective_range(
    start: date, end: date, requirement_start: date | None, requirement_end: date | None
) -> tuple[date, date] | None:
    lo = max(start, requirement_start) if requirement_start else start
    hi = min(end, requirement_end) if requirement_end else end
    return (lo, hi) if lo <= hi else None


def required_minutes(
    frequency: Frequency | None,
    calendar: SchoolDays,
    start: date,
    end: date,
    policy: PartialPolicy = "prorate",
    requirement_start: date | None = None,
    requirement_end: date | None = None,
) -> RequiredMinutes:
    """The minutes `frequency` requires from `start` to `end` (both included); see the module doc."""
    if policy not in POLICY_TEXT:
        raise ValueError(f"unknown partial-period policy {policy!r}")
    span = effective_range(start, end, requirement_start, requirement_end)
    if frequency is None or not frequency.counted or span is None:
        return RequiredMinutes(0, frequency, policy, span[0] if span else None, span[1] if span else None)
    lo, hi = span
    days = calendar.school_days(lo, hi)
    per_period = frequency.minutes_per_period or 0
    notes: list[str] = []
    rows: list[tuple[date, date, int, int, Fraction]] = []
    if frequency.period == "day":
        for monday, group in groupby(days, key=week_of):
            n = len(list(group))
            rows.append((monday, monday + timedelta(days=6), n, n, Fraction(per_period * n)))
    elif frequency.period == "week":
        for monday, group in groupby(days, key=week_of):
            n = len(list(group))
            share = _share(per_period, n, FULL_WEEK_SCHOOL_DAYS, policy) / frequency.weeks
            rows.append((monday, monday + timedelta(days=6), n, FULL_WEEK_SCHOOL_DAYS, share))
    elif frequency.period == "month":
        for (year, month), group in groupby(days, key=lambda d: (d.year, d.month)):
            n = len(list(group))
            first, last = _month_bounds(year, month)
            full = len(calendar.school_days(first, last))
            rows.append((first, last, n, full, _share(per_period, n, full, policy)))
    else:  # year
        for (first, last), group in groupby(days, key=lambda d: _school_year_bounds(calendar, d, notes)):
            n = len(list(group))
            full = len(calendar.school_days(first, last))
            rows.append((first, last, n, full, _share(per_period, n, full, policy)))
    periods = _round_running(rows, per_period, frequency.weeks if frequency.period == "week" else 1)
    return RequiredMinutes(
        total=sum(p.minutes for p in periods),
        frequency=frequency,
        policy=policy,
        start=lo,
        end=hi,
        periods=periods,
        notes=tuple(dict.fromkeys(notes)),
    )


def _share(period_minutes: int, school_days: int, full_days: int, policy: PartialPolicy) -> Fraction:
    if school_days <= 0 or full_days <= 0:
        return Fraction(0)
    if school_days >= full_days or policy == "full":
        return Fraction(period_minutes)
    if policy == "none":
        return Fraction(0)
    return Fraction(period_minutes * school_days, full_days)


def _round_running(
    rows: Iterable[tuple[date, date, int, int, Fraction]], period_minutes: int, weeks: int = 1
) -> tuple[PeriodShare, ...]:
    out: list[PeriodShare] = []
    running = Fraction(0)
    rounded = 0
    for first, last, n, full, exact in rows:
        running += exact
        now = round_half_up(running)
        out.append(PeriodShare(first, last, n, full, period_minutes, exact, now - rounded, weeks))
        rounded = now
    return tuple(out)




def _month_bounds(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return first, following - timedelta(days=1)


def _school_year_bounds(calendar: SchoolDays, day: date, notes: list[str]) -> tuple[date, date]:
    year = calendar.school_year_for(day)
    if year is not None:
        return year.first_day, year.last_day
    begin = day.year if day.month >= 7 else day.year - 1
    notes.append(f"no school year on the calendar for {day.isoformat()}: July 1 to June 30 used")
    return date(begin, 7, 1), date(begin + 1, 6, 30)
