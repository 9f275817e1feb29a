"""Counting days to a deadline, and saying which days were not counted and why.

Conventions (DESIGN.md "Day kinds"; legal-rules.md section 1):

- Counting starts the day after the trigger (the trigger is day 0). Count 0 is the
  trigger day itself (a same-day duty).
- No roll-forward to the next business day unless the rule says so (OSEP rejected
  it for federal calendar-day deadlines).
- A school-day count belongs to the school year in session on the trigger date (a
  trigger in summer belongs to the coming year). If it runs past that year's last
  student day it returns no date, the flag `past_end_of_school_year` and how many
  school days were available: never a date in summer, never silently next year.

Day kinds:

- `calendar`: every day (34 CFR 300.11(a)).
- `business`: Monday-Friday except federal and state holidays (34 CFR 300.11(b)).
- `school`: days students attend by the district calendar, early release included
  (34 CFR 300.11(c)). Without a district calendar: business days, as an estimate.
- `weekday`: Monday-Friday, holidays included: 34 CFR 300.148(d)(1)(ii) counts
  "business days (including any holidays that occur on a business day)".
- `year`: whole years, to the same date (the anniversary). A year is not 365 days:
  from 2027-03-01, 365 days is 2028-02-29, a day short of one year. From Feb 29 the
  anniversary in a common year is Feb 28 (the earlier day, so nobody files late).
- `calendar_excl_breaks`: calendar days, not counting summers or school vacations
  of more than five school days (Cal. Ed. Code 56343.5, 56344). Needs a district
  calendar; without one the plain calendar count is returned as an estimate.
- `calendar_excl_breaks_5`: the same with breaks of five or more school days left out
  (Ga. Comp. R. & Regs. 160-4-7-.04(1)(b)).
- `calendar_excl_summer`: calendar days, not counting the days between the last
  day of one school year and the first day of the next (22 Pa. Code 14.123(b)).

A tolled count (the last three) leaves the summer out and goes on in the next school year,
so one that runs past the last loaded school year has no date yet and the flag
`needs_next_school_year`, never `past_end_of_school_year` ("not rolled into the next
year" would be false for them).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from iep_tui.calendar.rule_schema import Rule
from iep_tui.calendar.school_calendar import DAY_KINDS, TOLLED_KINDS, DaySpan, SchoolCalendar, reaches_summer
from iep_tui.errors import InputError

FLAG_PAST_END = "past_end_of_school_year"
FLAG_BEFORE_START = "before_start_of_school_year"
FLAG_OUTSIDE = "outside_school_calendar"
"""No district calendar covers the trigger date's school year: load it to count."""
FLAG_NEEDS_NEXT_YEAR = "needs_next_school_year"
"""The rule's own text carries the count into the next school year, whose calendar is not loaded."""
FLAG_MAY_CARRY = "may_carry_into_next_school_year"
"""No district calendar, and a count whose rule carries it past the summer (year-end text or a
tolled day kind) could reach the summer: the estimate knows no school year, so no date."""
LOAD_CALENDAR = "load the district's calendar (iep-tui calendar import) for the date"

MAX_COUNT = 5000
"""Longer than any legal clock (the longest is 3 years); a bigger count is a typo."""

DISTRICT_KINDS = frozenset({"school", *TOLLED_KINDS})
"""Day kinds whose answer depends on the district calendar."""


@dataclass(frozen=True, slots=True)
class DayCount:
    """The answer to "N days of this kind after (or before) this date", with its reasons.

    `due` is None when the count cannot be finished inside the known school calendar;
    then `flag` says why and `days_available` how many counted days there were.
    `skipped` lists every weekday between the trigger and the due date that was not
    counted, with its reason, so a parent can check the arithmetic against a letter.
    """

    start: date
    count: int
    day_kind: str
    due: date | None
    flag: str | None = None
    days_available: int | None = None
    skipped: list[tuple[date, str]] = field(default_factory=list)
    early_release: list[tuple[date, str]] = field(default_factory=list)
    estimate: bool = False
    rule: Rule | None = None
    direction: str = "after"
    rolled_from: date | None = None
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The JSON shape of `iep-tui deadline --json` (dates as YYYY-MM-DD)."""
        rule = self.rule
        return {
            "due": iso_or_none(self.due),
            "flag": self.flag,
            "days_available": self.days_available,
            "day_kind": self.day_kind,
            "count": self.count,
            "start": self.start.isoformat(),
            "direction": self.direction,
            "rule": None
            if rule is None
            else {
                "id": rule.id,
                "title": rule.title,
                "citation": rule.citation,
                "confidence": rule.confidence,
                "jurisdiction": rule.jurisdiction,
                "trigger": rule.trigger,
                "verified": rule.verified,
                "caveat": rule.caveat,
                "note": rule.note,
            },
            "skipped": [{"date": d.isoformat(), "reason": reason} for d, reason in self.skipped],
            "early_release": [{"date": d.isoformat(), "label": label} for d, label in self.early_release],
            "estimate": self.estimate,
            "rolled_from": iso_or_none(self.rolled_from),
            "notes": list(self.notes),
        }

    def explain(self) -> list[str]:
        """Plain sentences: the due date, what was not counted, and any caveat."""
        lines: list[str] = []
        unit = day_unit(self.day_kind, self.count)
        relation = "before" if self.direction == "before" else "after"
        if self.due is not None:
            lines.append(f"Due {fmt_day(self.due)}: {self.count} {unit} {relation} {fmt_day(self.start)}.")
            if self.count and self.day_kind != "year":
                lines.append(f"The trigger day ({fmt_day(self.start)}) is day 0 and is not counted.")
        elif self.flag == FLAG_PAST_END:
            lines.append(
                f"No due date: only {self.days_available} {day_unit(self.day_kind, self.days_available or 0)} "
                f"remain after {fmt_day(self.start)} before the end of the school calendar, and the count "
                f"needs {self.count}. It is not rolled into the next school year."
            )
        elif self.flag == FLAG_BEFORE_START:
            lines.append(
                f"No date: only {self.days_available} {day_unit(self.day_kind, self.days_available or 0)} "
                f"come before {fmt_day(self.start)} in this school year, and the count needs {self.count}."
            )
        elif self.flag == FLAG_NEEDS_NEXT_YEAR:
            lines.append(
                f"No date yet: the rule carries this count from {fmt_day(self.start)} into the next school year, "
                "and that year's district calendar is not loaded."
            )
        elif self.flag == FLAG_MAY_CARRY:
            lines.append(
                f"No date: without a district calendar, this count from {fmt_day(self.start)} may carry into the "
                f"next school year; {LOAD_CALENDAR}."
            )
        elif self.flag == FLAG_OUTSIDE:
            lines.append(
                f"No date: the district calendar loaded does not cover the school year of {fmt_day(self.start)}."
            )
        if self.rolled_from is not None:
            lines.append(
                f"Day {self.count} fell on {fmt_day(self.rolled_from)}, not a business day: "
                "the rule moves it to the next business day."
            )
        if self.skipped:
            lines.append("Not counted:")
            lines.extend(f"  {fmt_day(d)}  {reason}" for d, reason in self.skipped)
        if self.early_release:
            lines.append("Early-release days, counted as school days (34 CFR 300.11(c)):")
            lines.extend(f"  {fmt_day(d)}  {label}" for d, label in self.early_release)
        lines.extend(self.notes)
        return lines


def fmt_day(day: date) -> str:
    """'Tue 2026-11-24': the weekday makes a count easy to check by eye."""
    return f"{day:%a} {day.isoformat()}"


def iso_or_none(day: date | None) -> str | None:
    """A date as YYYY-MM-DD for JSON, keeping None as null."""
    return None if day is None else day.isoformat()


@dataclass(frozen=True, slots=True)
class DayKindWords:
    """How people are told about a day kind."""

    noun: str
    """The unit, singular: 'calendar day'."""
    aside: str = ""
    """What the count leaves out or takes in, as a short aside: 'summer not counted'."""
    left_out: str = ""
    """The same as a letter's clause: 'not counting summer'."""


DAY_KIND_WORDS: dict[str, DayKindWords] = {
    "calendar": DayKindWords("calendar day"),
    "business": DayKindWords("business day"),
    "school": DayKindWords("school day"),
    "weekday": DayKindWords("weekday", "holidays included", "holidays included"),
    "year": DayKindWords("year"),
    "calendar_excl_breaks": DayKindWords(
        "calendar day",
        "long breaks and summer not counted",
        "not counting school breaks of more than five school days or summer",
    ),
    "calendar_excl_breaks_5": DayKindWords(
        "calendar day",
        "breaks of five or more school days and summer not counted",
        "not counting school breaks of five or more school days or summer",
    ),
    "calendar_excl_summer": DayKindWords("calendar day", "summer not counted", "not counting summer"),
}
"""Every day kind's words, in one place for the CLI, the escalation clocks and the letters."""


def day_noun(day_kind: str, count: int) -> str:
    """'school days', 'calendar day': a count's unit without its aside."""
    words = DAY_KIND_WORDS.get(day_kind)
    noun = words.noun if words else day_kind
    return noun if count == 1 else noun + "s"


def day_unit(day_kind: str, count: int) -> str:
    """'school days', 'calendar day (summer not counted)': a count's unit in words."""
    words = DAY_KIND_WORDS.get(day_kind)
    aside = f" ({words.aside})" if words and words.aside else ""
    return day_noun(day_kind, count) + aside


def add_years(start: date, years: int) -> date:
    """The same date `years` later (earlier if negative); Feb 29 becomes Feb 28."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return date(start.year + years, 2, 28)


def count_days(
    calendar: SchoolCalendar,
    start: date,
    count: int,
    day_kind: str,
    *,
    backward: bool = False,
    roll_forward: bool = False,
    rule: Rule | None = None,
) -> DayCount:
    """Count `count` days of `day_kind` after `start` (or before it, with `backward`).

    `roll_forward` moves a due date that is not a business day to the next business
    day (only when a rule says so). Raises InputError for a negative or absurd count
    or an unknown day kind.
    """
    if day_kind not in DAY_KINDS:
        raise InputError(f"{day_kind!r} is not a day kind; use one of {', '.join(DAY_KINDS)}.")
    if count < 0:
        raise InputError(f"A day count cannot be negative ({count}).")
    if count > MAX_COUNT:
        raise InputError(f"{count} is more days than any deadline needs (at most {MAX_COUNT}).")
    direction = "before" if backward else "after"
    estimate = calendar.estimate and day_kind in DISTRICT_KINDS
    notes: list[str] = []
    # What every answer below shares; each fills in the rest with replace().
    base = DayCount(start=start, count=count, day_kind=day_kind, due=None, rule=rule, direction=direction)

    if count == 0:
        return replace(base, due=start, estimate=estimate, notes=["Count 0: due on the trigger day itself."])
    if day_kind == "calendar" or (day_kind in TOLLED_KINDS and calendar.estimate):
        if day_kind != "calendar":
            notes.append(
                "Without a district calendar the school breaks and summer this rule leaves out are unknown: "
                "this is a plain calendar-day count, and the real date is likely later."
            )
        due = start - timedelta(days=count) if backward else start + timedelta(days=count)
        return _rolled(calendar, replace(base, due=due, estimate=estimate, notes=notes), roll_forward)
    if day_kind == "year":
        due = add_years(start, -count if backward else count)
        return _rolled(calendar, replace(base, due=due, notes=notes), roll_forward)

    if day_kind == "school" and not calendar.estimate:
        year = calendar.school_year_of_count(start, backward)
        if year is not None and not year.first_day <= start <= year.last_day:
            if backward:
                notes.append(
                    "The date is in summer: school days are counted back from the last student day, "
                    f"{fmt_day(year.last_day)}."
                )
            else:
                notes.append(
                    "The trigger date is in summer: school days are counted from the first student day, "
                    f"{fmt_day(year.first_day)}."
                )

    origin = start.toordinal()
    remaining = count
    skipped: list[tuple[date, str]] = []
    if day_kind == "school" and not calendar.estimate:
        skipped.extend(_summer_weekdays(calendar, start, backward))
    due_ordinal: int | None = None
    had_span = False
    for span in calendar.spans(day_kind, start, backward):
        had_span = True
        counted = span.counted
        if not backward:
            index = bisect_right(counted, origin)
            available = len(counted) - index
            if remaining <= available:
                due_ordinal = counted[index + remaining - 1]
                _collect(skipped, span, origin + 1, due_ordinal - 1)
                break
            _collect(skipped, span, origin + 1, span.last)
        else:
            index = bisect_left(counted, origin)
            available = index
            if remaining <= available:
                due_ordinal = counted[index - remaining]
                _collect(skipped, span, due_ordinal + 1, origin - 1, reverse=True)
                break
            _collect(skipped, span, span.first, origin - 1, reverse=True)
        remaining -= available

    if estimate and day_kind == "school":
        where = f"{calendar.state} " if calendar.state else ""
        notes.append(
            f"ESTIMATE: no district calendar is loaded, so school days are weekdays minus federal and {where}office "
            "holidays and the days schools commonly close (the Friday after Thanksgiving, December 24-31); "
            "the district's own breaks, teacher workdays and summer are not known."
        )
    if due_ordinal is None:
        if not had_span:
            flag, available_total = FLAG_OUTSIDE, None
        elif day_kind in TOLLED_KINDS and not backward:
            # A tolled count leaves the summer out and goes on in the next school year (22 Pa.
            # Code 14.123(b); Cal. Ed. Code 56343.5, 56344(a)): it needs that year's calendar.
            flag, available_total = FLAG_NEEDS_NEXT_YEAR, count - remaining
            last = calendar.school_years[-1].last_day
            notes.append(
                f"{available_total} of the {count} {day_unit(day_kind, count)} fall after {fmt_day(start)} "
                f"up to the last student day loaded, {fmt_day(last)}; the summer is not counted and the other "
                f"{remaining} are counted from the first student day of the next school year: import the "
                "district calendar for that year to compute the date."
            )
        else:
            flag, available_total = (FLAG_BEFORE_START if backward else FLAG_PAST_END), count - remaining
        return replace(
            base,
            flag=flag,
            days_available=available_total,
            skipped=skipped,
            estimate=estimate,
            notes=notes,
        )
    due = date.fromordinal(due_ordinal)
    if estimate and day_kind == "school" and not backward and reaches_summer(start, due):
        notes.append(
            "Without a district calendar the last day of school is unknown, and this count reaches late May or "
            "the summer: if the school year ends first, the count has no date in it (a school-day count is not "
            f"carried into the next school year unless its rule says so); {LOAD_CALENDAR}."
        )
    early: list[tuple[date, str]] = []
    if day_kind == "school" and not calendar.estimate:
        # Forward: start < d <= due.  Backward: due <= d < start.
        after, through = (due - timedelta(days=1), start - timedelta(days=1)) if backward else (start, due)
        early = [(e.day, e.label) for e in calendar.early_release_between(after, through)]
    result = replace(
        base,
        due=due,
        skipped=skipped,
        early_release=early,
        estimate=estimate,
        notes=notes,
    )
    return _rolled(calendar, result, roll_forward)


def _summer_weekdays(calendar: SchoolCalendar, start: date, backward: bool) -> list[tuple[date, str]]:
    """Weekdays between a summer trigger and the school year its count belongs to."""
    year = calendar.school_year_of_count(start, backward)
    if year is None or year.first_day <= start <= year.last_day:
        return []
    if backward:
        lo, hi, reason = (
            year.last_day + timedelta(days=1),
            start - timedelta(days=1),
            "summer (after the last day of school)",
        )
    else:
        lo, hi, reason = (
            start + timedelta(days=1),
            year.first_day - timedelta(days=1),
            "summer (before the first day of school)",
        )
    days = []
    day = lo
    while day <= hi:
        if day.weekday() < 5:
            days.append((day, reason))
        day += timedelta(days=1)
    return days


def _collect(out: list[tuple[date, str]], span: DaySpan, lo: int, hi: int, reverse: bool = False) -> None:
    """Append the span's skipped weekdays with lo <= ordinal <= hi, in date order."""
    if hi < lo:
        return
    first = bisect_left(span.skipped, lo)
    last = bisect_right(span.skipped, hi)
    items = [(date.fromordinal(o), r) for o, r in zip(span.skipped[first:last], span.reasons[first:last], strict=True)]
    if reverse:
        out[:0] = items  # spans arrive newest first when counting backward
    else:
        out.extend(items)


def _rolled(calendar: SchoolCalendar, result: DayCount, roll_forward: bool) -> DayCount:
    """Apply a rule's roll-forward: a due date on a weekend or holiday moves to the next business day."""
    if not roll_forward or result.due is None or result.direction == "before":
        return result
    due = result.due
    if calendar.is_business_day(due):
        return result
    original = due
    skipped = list(result.skipped)
    while not calendar.is_business_day(due):
        if due.weekday() < 5:
            skipped.append(
                (due, f"{calendar.holiday_name(due)} (holiday; the deadline moves to the next business day)")
            )
        due += timedelta(days=1)
    return replace(result, due=due, skipped=skipped, rolled_from=original)
