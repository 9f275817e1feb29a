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
- `sessions`: an "N x weekly" service (a session count, every week) is counted in
  sessions, not days: every week with a school day in the range requires its N sessions
  of the IEP's length, a week shortened by a closure included. When the case's policy
  sets the weekdays the sessions fall on (`session_days`, e.g. Tue and Thu), a week
  requires one session fewer for each of those weekdays that is not a school day in the
  range (closed, before the range or the first day of school, after the range); without
  them, a week with fewer school days than sessions requires one session a school day.
  A 2x weekly 30-minute service in the week of a Wednesday holiday requires 60 minutes;
  with sessions on Wed and Fri, 30. Other frequencies (daily, monthly, yearly, a period
  total, every N weeks) have no weekly session count and are prorated, and the result
  says so.

Every week of a weekly frequency also lists the weekdays in the range that were not
school days (`PeriodShare.days_off`), so `owed --explain` says why a week was short;
`short_weeks_sentence` is the one sentence a letter gives for how short weeks count.

Rounding: each period's share is kept as an exact fraction. Periods are added in date
order and the *running* total is rounded half up to whole minutes; a period's whole
minutes are the increase of the rounded running total. So the periods' whole minutes
always add up to the total, no period is off its exact share by a minute or more, and
the total is the exact sum rounded once: nothing drifts however many periods there
are. (Two adjacent ranges reported separately can differ from the whole range by at
most a minute.)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from fractions import Fraction
from itertools import groupby
from typing import Literal, Protocol

from iep_tui.calendar.school_calendar import week_of
from iep_tui.calendar.settings import SchoolYear
from iep_tui.domain.frequency import Frequency

PartialPolicy = Literal["prorate", "full", "none", "sessions"]

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
    "sessions": (
        "an 'N x weekly' service requires its N sessions in every week with school, a week shortened by a "
        "closure included, one session fewer for each session day set for it that had no school (without "
        "session days, at most one session a school day); other frequencies are prorated"
    ),
}
"""How each partial-period policy works, in words shown beside the numbers."""

SHORT_WEEKS_SENTENCE: dict[str, str] = {
    "prorate": (
        "In a short week (a closure, or the first or last week counted) the required minutes are prorated: "
        "each school day counts for one fifth of the weekly minutes."
    ),
    "full": "A short week (a closure, or the first or last week counted) is counted at its full weekly minutes.",
    "none": "A short week (a closure, or the first or last week counted) is not counted: only five-day weeks are.",
    "sessions": (
        "A short week still requires every weekly session, unless a closure fell on a scheduled session day "
        "(or the week had fewer school days than sessions)."
    ),
}
"""How short weeks were counted, one sentence per policy, for letters that quote required minutes."""

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri")
"""`LedgerPolicy.session_days` spellings, by `date.weekday()`."""


def short_weeks_sentence(policy: str) -> str:
    """How short weeks were counted under `policy`, in one sentence a letter can quote."""
    return SHORT_WEEKS_SENTENCE[policy]


class SchoolDays(Protocol):
    """What the ledger needs from a school calendar (`SchoolCalendar` provides it)."""

    def is_school_day(self, day: date) -> bool: ...

    def school_days(self, start: date, end: date) -> list[date]: ...

    def school_year_for(self, day: date) -> SchoolYear | None: ...


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
    days_off: tuple[date, ...] = ()
    """A week's weekdays in the range that were not school days: why it is short."""
    days_outside: tuple[date, ...] = ()
    """A week's weekdays outside the range counted (the report's or the requirement's dates)."""
    sessions: int | None = None
    """Under the `sessions` policy: the sessions this week requires (of `times` in a full week)."""
    times: int | None = None
    """Under the `sessions` policy: the frequency's sessions a week."""
    session_days: tuple[int, ...] = ()
    """Under the `sessions` policy: the weekdays (0 = Monday) sessions fall on, when set."""

    @property
    def partial(self) -> bool:
        return self.school_days < self.full_days

    def explain(self, period: str) -> str:
        """One line of `owed --explain`: the period, its share, and why a short week is short."""
        span = f"{self.first.isoformat()}..{self.last.isoformat()}"
        if period == "day":
            return f"{span}: {self.period_minutes} min x {self.school_days} school days = {self.minutes} min"
        if self.sessions is not None and self.times:
            line = (
                f"{span}: {self.sessions} of {self.times} sessions x {self.period_minutes // self.times} min "
                f"= {self.minutes} min"
            )
            return line + self._why_short("sessions")
        days = f"{self.school_days}/{self.full_days} school days"
        exact = f"{float(self.exact):.2f}".rstrip("0").rstrip(".")
        per = f" / {self.weeks} weeks" if self.weeks > 1 else ""
        return f"{span}: {days} of {self.period_minutes} min{per} = {exact} -> {self.minutes} min" + self._why_short()

    def _why_short(self, policy: str = "") -> str:
        def named(days: tuple[date, ...]) -> str:
            out = []
            for day in days:
                text = f"{day.strftime('%a')} {day.isoformat()}"
                if policy == "sessions" and self.session_days:
                    text += " (a session day)" if day.weekday() in self.session_days else " (not a session day)"
                out.append(text)
            return ", ".join(out)

        why = []
        if self.days_off:
            why.append(f"no school {named(self.days_off)}")
        if self.days_outside:
            why.append(f"not in the range counted {named(self.days_outside)}")
        return f" (short week: {'; '.join(why)})" if why else ""


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
    def short_weeks(self) -> tuple[PeriodShare, ...]:
        """The weeks counted with fewer than five school days (those `short_weeks_sentence` speaks of)."""
        if self.frequency is None or self.frequency.period != "week":
            return ()
        return tuple(p for p in self.periods if p.days_off or p.days_outside)

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
    session_days: Sequence[int] = (),
) -> RequiredMinutes:
    """The minutes `frequency` requires from `start` to `end` (both included); see the module doc.

    `session_days` (weekday numbers, 0 = Monday) are the days an "N x weekly" service is
    scheduled on; only the `sessions` policy uses them.
    """
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
    elif frequency.period == "week" and policy == "sessions" and by_sessions(frequency):
        return _by_sessions(frequency, calendar, lo, hi, days, session_days)
    elif frequency.period == "week":
        if policy == "sessions":
            notes.append(f"'{frequency.canonical}' has no weekly session count: prorated")
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
    if policy == "sessions" and frequency.period != "week":
        notes.append(f"'{frequency.canonical}' is not counted in weekly sessions: prorated")
    periods = _round_running(rows, per_period, frequency.weeks if frequency.period == "week" else 1)
    if frequency.period == "week":
        periods = tuple(_with_days_off(p, calendar, lo, hi) for p in periods)
    return RequiredMinutes(
        total=sum(p.minutes for p in periods),
        frequency=frequency,
        policy=policy,
        start=lo,
        end=hi,
        periods=periods,
        notes=tuple(dict.fromkeys(notes)),
    )


def by_sessions(frequency: Frequency) -> bool:
    """True when the `sessions` policy counts `frequency` in sessions: "N x weekly", every week."""
    return frequency.period == "week" and frequency.times is not None and frequency.weeks == 1


def _days_off(calendar: SchoolDays, monday: date, lo: date, hi: date) -> tuple[tuple[date, ...], tuple[date, ...]]:
    """The week's weekdays (Monday to Friday) in `lo..hi` that are not school days, and those outside it."""
    week = [monday + timedelta(days=n) for n in range(FULL_WEEK_SCHOOL_DAYS)]
    closed = tuple(day for day in week if lo <= day <= hi and not calendar.is_school_day(day))
    return closed, tuple(day for day in week if not lo <= day <= hi)


def _by_sessions(
    frequency: Frequency,
    calendar: SchoolDays,
    lo: date,
    hi: date,
    days: list[date],
    session_days: Sequence[int],
) -> RequiredMinutes:
    """The `sessions` policy for "N x weekly" (see the module doc): whole sessions, no fractions."""
    times = frequency.times or 0
    length = frequency.minutes or 0
    chosen = tuple(sorted(set(session_days)))
    notes: list[str] = []
    if chosen and len(chosen) != times:
        names = ", ".join(WEEKDAY_NAMES[n] for n in chosen if n < len(WEEKDAY_NAMES))
        notes.append(f"session days ({names}) are not {times} a week as '{frequency.canonical}' says: not used")
        chosen = ()
    periods: list[PeriodShare] = []
    for monday, group in groupby(days, key=week_of):
        n = len(list(group))
        closed, outside = _days_off(calendar, monday, lo, hi)
        if chosen:
            sessions = max(0, times - sum(1 for day in closed + outside if day.weekday() in chosen))
        else:
            sessions = min(times, n)
        minutes = sessions * length
        periods.append(
            PeriodShare(
                monday,
                monday + timedelta(days=6),
                n,
                FULL_WEEK_SCHOOL_DAYS,
                times * length,
                Fraction(minutes),
                minutes,
                1,
                closed,
                outside,
                sessions,
                times,
                chosen,
            )
        )
    return RequiredMinutes(
        total=sum(p.minutes for p in periods),
        frequency=frequency,
        policy="sessions",
        start=lo,
        end=hi,
        periods=tuple(periods),
        notes=tuple(notes),
    )


def _with_days_off(period: PeriodShare, calendar: SchoolDays, lo: date, hi: date) -> PeriodShare:
    if period.school_days >= FULL_WEEK_SCHOOL_DAYS and lo <= period.first and period.first + timedelta(days=4) <= hi:
        return period  # five school days inside the range: no day off to name (the common case, kept cheap)
    closed, outside = _days_off(calendar, period.first, lo, hi)
    return replace(period, days_off=closed, days_outside=outside)


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
