"""One case's school calendar: which days are school days, business days and holidays.

School days follow the district's instructional calendar, not weekdays minus public
holidays: many districts are open on Columbus Day or Veterans Day and closed for
teacher workdays and breaks that no holidays package knows. When a case has no
district calendar, school days fall back to business days and every answer says it
is an estimate (`SchoolCalendar.estimate`).

Business days are Monday to Friday except federal and state holidays (34 CFR
300.11(b)): `holidays.US()` combined with `holidays.US(subdiv=STATE)`, because a
state's list alone omits some federal days (Washington's omits Columbus Day).

Speed matters (the ledger and escalation views ask thousands of times), so each kind
of day is indexed once per year as sorted day ordinals; a count is then a bisect.
The `holidays` package costs ~60 ms to import, so it is imported on first use only,
and a calendar with a district calendar never needs it to count school days.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from itertools import pairwise
from typing import Literal, get_args

from iep_tui.calendar.settings import CalendarSettings, Closure, EarlyRelease, SchoolYear

SUMMER_LEAD_DAYS = 120
"""A trigger this many days or fewer before a known first day counts from that first day.

Further back, the district calendar for the trigger's own school year is simply not
loaded, and guessing would be worse than saying so.
"""

LONG_BREAK_WEEKDAYS = 5
"""California tolls "vacations in excess of five schooldays" (Ed. Code 56343.5, 56344)."""

BREAK_MIN_WEEKDAYS: dict[str, int] = {
    "calendar_excl_breaks": LONG_BREAK_WEEKDAYS + 1,
    "calendar_excl_breaks_5": 5,
}
"""Weekdays a run of non-school days must hold to be left out of a tolled count: California's
"in excess of five schooldays" (six or more), Georgia's "not in attendance for five
consecutive school days" (Ga. Comp. R. & Regs. 160-4-7-.04(1)(b))."""

TOLLED_KINDS: tuple[str, ...] = ("calendar_excl_breaks", "calendar_excl_breaks_5", "calendar_excl_summer")
"""Calendar-day counts that leave out summers (and long breaks): they need a district calendar."""

SUMMER_RISK: tuple[tuple[int, int], tuple[int, int]] = ((5, 15), (8, 31))
"""(month, day) from .. through: where, without a district calendar, a school year may have ended
and the next not begun. Many districts end in the second half of May and the estimate knows
no spring break either (its school days run ahead of the real ones), so the window opens mid-May;
most start by the end of August."""


def reaches_summer(start: date, due: date) -> bool:
    """True when the days from `start` to `due` touch a `SUMMER_RISK` window."""
    (from_month, from_day), (to_month, to_day) = SUMMER_RISK
    for year in range(start.year, due.year + 1):
        if start <= date(year, to_month, to_day) and due >= date(year, from_month, from_day):
            return True
    return False


DayKind = Literal[
    "calendar",
    "business",
    "school",
    "weekday",
    "year",
    "calendar_excl_breaks",
    "calendar_excl_breaks_5",
    "calendar_excl_summer",
]
DAY_KINDS: tuple[str, ...] = get_args(DayKind)
"""Every day kind a count or rule may use; `day_count` documents each."""


@dataclass(slots=True)
class DaySpan:
    """An index over a stretch of days for one day kind (internal to counting).

    `counted` holds the ordinals of days that count, sorted; `skipped` and `reasons`
    hold the weekdays that do not count and why, so a due date can be explained.
    `first`..`last` (ordinals, inclusive) is the stretch covered.
    """

    first: int
    last: int
    counted: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    label: str = ""


@lru_cache(maxsize=256)
def _holidays_for(subdivision: str | None, year: int) -> dict[date, str]:
    """The days the state's offices close in one year (shared by every calendar).

    A state with corrections (`office_closures`) gets the package's holidays on their
    actual dates, corrected and moved by its own weekend rule (or, where its data says
    the package's observed days follow its schedule, those, corrected); any other gets the
    package's federal and state lists with the package's observed days.
    """
    from iep_tui.calendar.office_closures import corrected_holidays, corrections_for

    rules = corrections_for(subdivision)
    if subdivision and rules is not None:
        keep_observed = rules.observed_days == "package"
        actual = {y: _package_holidays(subdivision, y, observed=keep_observed) for y in (year - 1, year, year + 1)}
        return corrected_holidays(subdivision, year, actual)
    return _package_holidays(subdivision, year, observed=True)


def _package_holidays(subdivision: str | None, year: int, *, observed: bool) -> dict[date, str]:
    """Federal holidays plus the state's from `holidays`, as the package lists them."""
    import holidays  # lazily: ~60 ms of startup otherwise

    combined: dict[date, str] = dict(holidays.country_holidays("US", years=year, observed=observed))
    if subdivision:
        local: dict[date, str]
        try:
            local = holidays.country_holidays("US", subdiv=subdivision, years=year, observed=observed)
        except NotImplementedError:  # a subdivision the package does not know
            local = {}
        for day, name in local.items():
            known = combined.get(day)
            if known is None:
                combined[day] = name
                continue
            extra = [n for n in name.split("; ") if n not in known]
            if extra:
                combined[day] = "; ".join([known, *extra])
    return combined


def _school_closure_estimates(year: int) -> dict[date, str]:
    from iep_tui.calendar.office_closures import school_closure_estimates

    return school_closure_estimates(year)


def week_of(day: date) -> date:
    """The Monday of `day`'s week: a school week runs Monday to Sunday."""
    return day - timedelta(days=day.weekday())


def closure_reason(closure: Closure) -> str:
    """How a skipped day is explained: "Thanksgiving break (closure)"."""
    label = closure.label or closure.kind.replace("_", " ")
    return f"{label} (closure)"


class SchoolCalendar:
    """The days of one case's school calendar, with fast per-year indexes.

    Build it with `SchoolCalendar.from_settings(case.calendar)`; it is immutable, so
    `from_settings` shares one instance between equal settings.
    """

    def __init__(
        self,
        *,
        state: str | None = None,
        subdivision: str | None = None,
        school_years: Iterable[SchoolYear] = (),
        closures: Iterable[Closure] = (),
        early_release: Iterable[EarlyRelease] = (),
        source: str = "",
    ) -> None:
        self.state = state
        self.subdivision = subdivision or state
        self.source = source
        self.school_years: tuple[SchoolYear, ...] = tuple(sorted(school_years, key=lambda y: y.first_day))
        self._year_firsts = [y.first_day.toordinal() for y in self.school_years]
        self._closure_by_day: dict[date, Closure] = {}
        for closure in closures:
            day = closure.start
            while day <= closure.last:
                self._closure_by_day.setdefault(day, closure)
                day += timedelta(days=1)
        self._early_by_day: dict[date, EarlyRelease] = {}
        for early in early_release:
            if early.day not in self._closure_by_day:
                self._early_by_day.setdefault(early.day, early)
        self._early_ordinals = sorted(d.toordinal() for d in self._early_by_day)
        self._school_spans: list[DaySpan] = [self._school_year_span(y) for y in self.school_years]
        self._school_days: frozenset[int] = frozenset(o for s in self._school_spans for o in s.counted)
        self._year_spans: dict[tuple[str, int], DaySpan] = {}
        self._range_spans: dict[str, DaySpan] = {}

    # ------------------------------------------------------------------ building

    @classmethod
    def from_settings(cls, settings: CalendarSettings) -> SchoolCalendar:
        """The calendar for a case's settings; equal settings share one built calendar."""
        return _from_settings_json(settings.model_dump_json())

    @classmethod
    def estimate_for(cls, state: str | None) -> SchoolCalendar:
        """A calendar with no district data: school days are estimated as business days.

        `state=None` means federal holidays only (the CLI without --state or --case).
        """
        return cls(state=state)

    def _school_year_span(self, year: SchoolYear) -> DaySpan:
        span = DaySpan(year.first_day.toordinal(), year.last_day.toordinal(), label=year.label)
        for ordinal in range(span.first, span.last + 1):
            day = date.fromordinal(ordinal)
            if day.weekday() >= 5:
                continue
            closure = self._closure_by_day.get(day)
            if closure is None:
                span.counted.append(ordinal)
            else:
                span.skipped.append(ordinal)
                span.reasons.append(closure_reason(closure))
        return span

    # ------------------------------------------------------------------ questions

    @property
    def estimate(self) -> bool:
        """True when there is no district calendar and school days are a guess."""
        return not self.school_years

    def holidays_in(self, year: int) -> dict[date, str]:
        """Federal and state holidays of a calendar year, by date."""
        return _holidays_for(self.subdivision, year)

    def holiday_name(self, day: date) -> str | None:
        """The federal or state holiday on `day`, if any (the district may still be open)."""
        return _holidays_for(self.subdivision, day.year).get(day)

    def is_business_day(self, day: date) -> bool:
        """Monday to Friday and not a federal or state holiday (34 CFR 300.11(b))."""
        return day.weekday() < 5 and day not in _holidays_for(self.subdivision, day.year)

    def is_school_day(self, day: date) -> bool:
        """A day students attend (34 CFR 300.11(c)); early-release days included."""
        if self.estimate:
            return self.is_business_day(day) and day not in _school_closure_estimates(day.year)
        return day.toordinal() in self._school_days

    def school_days(self, start: date, end: date) -> list[date]:
        """Every school day from `start` to `end`, both included."""
        if end < start:
            return []
        if self.estimate:
            days = []
            day = start
            while day <= end:
                if self.is_school_day(day):
                    days.append(day)
                day += timedelta(days=1)
            return days
        lo, hi = start.toordinal(), end.toordinal()
        days = []
        for span in self._school_spans:
            if span.last < lo or span.first > hi:
                continue
            counted = span.counted
            days.extend(date.fromordinal(o) for o in counted[bisect_left(counted, lo) : bisect_right(counted, hi)])
        return days

    def closure_on(self, day: date) -> Closure | None:
        """The district closure covering `day`, if any (weekends are not closures)."""
        return self._closure_by_day.get(day)

    def early_release_on(self, day: date) -> EarlyRelease | None:
        """The early-release entry for `day`: still a school day for every deadline."""
        return self._early_by_day.get(day)

    def early_release_between(self, after: date, through: date) -> list[EarlyRelease]:
        """Early-release days d with after < d <= through, in date order."""
        lo = bisect_right(self._early_ordinals, after.toordinal())
        hi = bisect_right(self._early_ordinals, through.toordinal())
        return [self._early_by_day[date.fromordinal(o)] for o in self._early_ordinals[lo:hi]]

    def school_year_for(self, day: date) -> SchoolYear | None:
        """The school year in session on `day` (first..last student day), if known."""
        index = bisect_right(self._year_firsts, day.toordinal()) - 1
        if index >= 0 and day <= self.school_years[index].last_day:
            return self.school_years[index]
        return None

    def open_on_holidays(self, year: SchoolYear) -> list[tuple[date, str]]:
        """Weekday holidays inside a school year on which the district calendar is open.

        Often right (many districts teach on Columbus Day), sometimes a sign that an
        import missed a closure: shown to the user after an import.
        """
        found = []
        for calendar_year in range(year.first_day.year, year.last_day.year + 1):
            for day, name in sorted(_holidays_for(self.subdivision, calendar_year).items()):
                if year.first_day <= day <= year.last_day and day.weekday() < 5 and self.is_school_day(day):
                    found.append((day, name))
        return found

    def why_not_school_day(self, day: date) -> str | None:
        """Why `day` is not a school day, as a short phrase; None when it is one.

        The one wording for this everywhere (the calendar pane, the quick-log dialog,
        the ledger's notes): "weekend", "closed: Veterans Day (holiday)", "closed:
        Thanksgiving Break" (the kind is left out when the label already says it),
        "no school (outside the school year)", and on an estimated calendar "holiday:
        Veterans Day" or "commonly closed: winter break".
        """
        if self.is_school_day(day):
            return None
        if day.weekday() >= 5:
            return "weekend"
        if self.estimate:
            holiday = self.holiday_name(day)
            if holiday:
                return f"holiday: {holiday}"
            return f"commonly closed: {_school_closure_estimates(day.year).get(day, 'no school')}"
        if self.school_year_for(day) is None:
            return "no school (outside the school year)"
        closure = self.closure_on(day)
        if closure is None:  # a weekday in a school year is a school day unless closed
            return "no school"
        kind = closure.kind.replace("_", " ")
        label = closure.label or kind
        if kind == "other" or kind in label.lower():
            return f"closed: {label}"
        return f"closed: {label} ({kind})"

    def describe_day(self, day: date) -> str:
        """One phrase for any day: "school day", "early release: ...", or why it is not a school day."""
        why = self.why_not_school_day(day)
        if why is not None:
            return why
        if self.estimate:
            return "school day (estimate)"
        early = self.early_release_on(day)
        if early is not None:
            return f"early release: {early.label}" if early.label else "early release"
        return "school day"

    # ------------------------------------------------------------------ indexes for counting

    def spans(self, day_kind: str, start: date, backward: bool = False) -> Iterator[DaySpan]:
        """The indexed stretches a count of `day_kind` from `start` walks through, in order.

        Unbounded kinds (business, weekday, estimated school days) yield one span per
        calendar year, forever. District school days yield only the school year the
        trigger belongs to, because a count never rolls silently into the next year.
        The tolled calendar kinds yield one span over all loaded school years.
        """
        if day_kind in ("business", "weekday") or (day_kind == "school" and self.estimate):
            kind = "school_estimate" if day_kind == "school" else day_kind
            year = start.year
            step = -1 if backward else 1
            while True:
                yield self._year_span(kind, year)
                year += step
                if not 1 < year < 9999:
                    return
        elif day_kind == "school":
            span = self._school_span_for(start, backward)
            if span is not None:
                yield span
        elif day_kind in TOLLED_KINDS:
            if self.estimate:
                raise ValueError("tolled calendar counts need a district calendar")
            span = self._range_span(day_kind)
            lead = SUMMER_LEAD_DAYS
            ordinal = start.toordinal()
            if span.first - lead <= ordinal <= span.last + (lead if backward else 0):
                yield span
        else:
            raise ValueError(f"no day index for {day_kind!r}")

    def school_year_of_count(self, start: date, backward: bool = False) -> SchoolYear | None:
        """The school year a school-day count from `start` belongs to (None if unknown).

        The year in session on `start`; a trigger in summer belongs to the coming year
        (counting backward: the year just ended) when it is at most SUMMER_LEAD_DAYS away.
        """
        span_index = self._school_span_index(start, backward)
        return None if span_index is None else self.school_years[span_index]

    def _school_span_index(self, start: date, backward: bool) -> int | None:
        ordinal = start.toordinal()
        index = bisect_right(self._year_firsts, ordinal) - 1
        if index >= 0 and ordinal <= self._school_spans[index].last:
            return index
        if backward:
            if index >= 0 and ordinal - self._school_spans[index].last <= SUMMER_LEAD_DAYS:
                return index
            return None
        following = index + 1
        if following < len(self._school_spans) and self._school_spans[following].first - ordinal <= SUMMER_LEAD_DAYS:
            return following
        return None

    def _school_span_for(self, start: date, backward: bool) -> DaySpan | None:
        index = self._school_span_index(start, backward)
        return None if index is None else self._school_spans[index]

    def _year_span(self, kind: str, year: int) -> DaySpan:
        key = (kind, year)
        span = self._year_spans.get(key)
        if span is not None:
            return span
        first = date(year, 1, 1).toordinal()
        last = date(year, 12, 31).toordinal()
        span = DaySpan(first, last, label=str(year))
        holidays = _holidays_for(self.subdivision, year) if kind != "weekday" else {}
        estimated = _school_closure_estimates(year) if kind == "school_estimate" else {}
        weekday = date(year, 1, 1).weekday()
        for ordinal in range(first, last + 1):
            if weekday < 5:
                day = date.fromordinal(ordinal)
                name = holidays.get(day) if holidays else None
                if name is not None:
                    span.skipped.append(ordinal)
                    span.reasons.append(f"{name} (holiday)")
                elif day in estimated:
                    span.skipped.append(ordinal)
                    span.reasons.append(f"{estimated[day]} (estimate: schools commonly close)")
                else:
                    span.counted.append(ordinal)
            weekday = (weekday + 1) % 7
        self._year_spans[key] = span
        return span

    def _range_span(self, kind: str) -> DaySpan:
        """Calendar days across all loaded school years, minus summers (and long breaks)."""
        span = self._range_spans.get(kind)
        if span is not None:
            return span
        spans = self._school_spans
        span = DaySpan(spans[0].first, spans[-1].last, label=kind)
        excluded: dict[int, str] = {}
        if kind in BREAK_MIN_WEEKDAYS:
            excluded.update(self._long_breaks(span.first, span.last, BREAK_MIN_WEEKDAYS[kind]))
        # Summers between loaded school years are "days between regular sessions".
        for before, after in pairwise(spans):
            for ordinal in range(before.last + 1, after.first):
                excluded[ordinal] = "summer (between school years)"
        for ordinal in range(span.first, span.last + 1):
            reason = excluded.get(ordinal)
            if reason is None:
                span.counted.append(ordinal)
            elif date.fromordinal(ordinal).weekday() < 5:
                span.skipped.append(ordinal)
                span.reasons.append(reason)
        self._range_spans[kind] = span
        return span

    def _long_breaks(self, first: int, last: int, min_weekdays: int) -> dict[int, str]:
        """Runs of consecutive non-school days holding more than five weekdays."""
        excluded: dict[int, str] = {}
        run: list[int] = []

        def close_run() -> None:
            weekdays = [o for o in run if date.fromordinal(o).weekday() < 5]
            if len(weekdays) >= min_weekdays:
                labels = [
                    self._closure_by_day[date.fromordinal(o)].label
                    for o in weekdays
                    if date.fromordinal(o) in self._closure_by_day
                ]
                name = next((lbl for lbl in labels if lbl), "school vacation")
                for o in run:
                    excluded[o] = f"{name} (break of {min_weekdays} or more school days)"
            run.clear()

        for ordinal in range(first, last + 1):
            if ordinal in self._school_days:
                close_run()
            else:
                run.append(ordinal)
        close_run()
        return excluded


@lru_cache(maxsize=64)
def _from_settings_json(document: str) -> SchoolCalendar:
    settings = CalendarSettings.model_validate_json(document)
    return SchoolCalendar(
        state=settings.state,
        subdivision=settings.subdivision,
        school_years=settings.school_years,
        closures=settings.closures,
        early_release=settings.early_release,
        source=settings.source,
    )
