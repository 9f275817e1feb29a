"""What a rule's own text does when its count meets the end of the school year.

A school-day count normally stops at the last student day with the flag
`past_end_of_school_year` (day_count). A few statutes say what happens instead, and a
rule carries that as data (`Rule.year_end`), clauses tried in order:

- `late-trigger`: the trigger came when only `remaining_at_least`..`remaining_at_most`
  days of the year were left (school days, or calendar days to the last student day);
- `past-end`: the ordinary count ran past the last student day.

and the due date then is one of:

- `date`: a fixed day of the year the school year ends in (Tex. Educ. Code 29.004: the
  report by June 30);
- `resume`: the count continues on the next school year's calendar, summer left out
  (Tex. Educ. Code 29.004(a-1); Cal. Ed. Code 56344(a) "shall recommence");
- `after-next-start`: `count` calendar days after the first student day of the next
  year (Cal. Ed. Code 56344(a): "within 30 days after the commencement of the
  subsequent regular school year");
- `before-next-start`: the day before the first student day of the next year (23 Ill.
  Adm. Code 226.110(d) as quoted by ILISPA);
- `after-last-day`: `count` calendar days after the last student day of this year (603 CMR
  28.05(1): "no later than 14 days after the end of the school year").

Without the next year's district calendar the answer is no date, the flag
`needs_next_school_year`, and a sentence saying which calendar to load.

Without any district calendar (the estimate, every new case's default) there is no school
year at all: no last day, no summer. A count under a rule whose text carries it past the
summer (year-end clauses, or a tolled day kind that leaves the summer out) that could reach
the summer (`SUMMER_RISK`: from the trigger to the estimated date touches May 15 .. August
31) has no date, the flag `may_carry_into_next_school_year`, and says to load the district's
calendar: a plain count on the estimate would print a summer date as if the law set it (Tex.
Educ. Code 29.004 puts it in the fall or on June 30). A count well before the summer keeps
its (estimated) date.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from iep_tui.calendar.day_count import (
    DAY_KIND_WORDS,
    FLAG_MAY_CARRY,
    FLAG_NEEDS_NEXT_YEAR,
    FLAG_PAST_END,
    DayCount,
    count_days,
    fmt_day,
)
from iep_tui.calendar.rule_schema import YearEnd
from iep_tui.calendar.school_calendar import TOLLED_KINDS, SchoolCalendar, reaches_summer
from iep_tui.calendar.settings import SchoolYear


def apply_year_end(calendar: SchoolCalendar, start: date, clauses: list[YearEnd], result: DayCount) -> DayCount:
    """The count with the first matching clause applied (unchanged when none matches).

    On an estimate (no school year known) a count that the rule's text or day kind carries
    past the summer, and that could reach it, gets no date (`may_carry_past_summer`).
    """
    if result.direction == "before":
        return result
    if calendar.estimate:
        return may_carry_past_summer(start, clauses, result)
    if not clauses:
        return result
    year = calendar.school_year_of_count(start)
    if year is None:
        return result
    for clause in clauses:
        if clause.when == "past-end" and result.flag not in (FLAG_PAST_END, FLAG_NEEDS_NEXT_YEAR):
            continue
        if clause.when == "late-trigger" and not _late(calendar, start, year, clause):
            continue
        return _due_by(calendar, start, year, clause, result)
    return result


def may_carry_past_summer(start: date, clauses: list[YearEnd], result: DayCount) -> DayCount:
    """On an estimate: no date (FLAG_MAY_CARRY) when the rule's text carries the count past the
    summer (a year-end clause, or a tolled day kind) and the count from `start` to its estimated
    date touches `SUMMER_RISK`; else the count unchanged."""
    tolled = result.day_kind in TOLLED_KINDS
    if (not clauses and not tolled) or result.due is None or not reaches_summer(start, result.due):
        return result
    said = [f"{clause.says} ({clause.citation})." for clause in clauses]
    if tolled:
        words = DAY_KIND_WORDS[result.day_kind]
        cited = f" ({result.rule.citation})" if result.rule is not None else ""
        said.append(f"The rule counts calendar days {words.left_out}{cited}: the count pauses over the summer.")
    # The plain count's date, the days it skipped and its "likely later" caveat are not shown:
    # they describe a date the law does not set.
    return replace(
        result,
        due=None,
        flag=FLAG_MAY_CARRY,
        days_available=None,
        skipped=[],
        early_release=[],
        notes=[
            f"From {fmt_day(start)} the count could reach the summer, and without a district calendar the last "
            "day of school and the first day of the next school year are unknown.",
            *said,
        ],
    )


def _remaining(calendar: SchoolCalendar, start: date, year: SchoolYear, kind: str) -> int:
    if kind == "calendar":
        return (year.last_day - start).days
    return len(calendar.school_days(start + timedelta(days=1), year.last_day))


def _late(calendar: SchoolCalendar, start: date, year: SchoolYear, clause: YearEnd) -> bool:
    left = _remaining(calendar, start, year, clause.remaining_kind)
    most = clause.remaining_at_most if clause.remaining_at_most is not None else left
    return clause.remaining_at_least <= left <= most


def next_school_year(calendar: SchoolCalendar, year: SchoolYear) -> SchoolYear | None:
    """The loaded school year that follows `year`, if any."""
    later = [y for y in calendar.school_years if y.first_day > year.last_day]
    return min(later, key=lambda y: y.first_day) if later else None


def _due_by(calendar: SchoolCalendar, start: date, year: SchoolYear, clause: YearEnd, result: DayCount) -> DayCount:
    left = _remaining(calendar, start, year, clause.remaining_kind)
    unit = "school days" if clause.remaining_kind == "school" else "calendar days"
    why = (
        f"{clause.says} ({clause.citation}); {left} {unit} remained after {fmt_day(start)} "
        f"before the last student day, {fmt_day(year.last_day)}."
    )
    if clause.due == "date" and clause.month and clause.day:
        due = date(year.last_day.year, clause.month, clause.day)
        return replace(result, due=due, flag=None, days_available=None, notes=[*result.notes, why])
    if clause.due == "after-last-day":
        days = clause.count or 0
        note = f"{days} calendar days after the last student day, {fmt_day(year.last_day)}."
        due = year.last_day + timedelta(days=days)
        return replace(result, due=due, flag=None, days_available=None, notes=[*result.notes, why, note])
    following = next_school_year(calendar, year)
    if following is None:
        load = (
            []  # a tolled count (day_count) already said which calendar to import
            if result.flag == FLAG_NEEDS_NEXT_YEAR
            else [
                f"The date is on the next school year's calendar, which is not loaded: import the district "
                f"calendar for the year after {year.label or year.last_day.year} to compute it."
            ]
        )
        return replace(
            result,
            due=None,
            flag=FLAG_NEEDS_NEXT_YEAR,
            days_available=left if clause.remaining_kind == "school" else result.days_available,
            notes=[*result.notes, why, *load],
        )
    if clause.due == "before-next-start":
        due = following.first_day - timedelta(days=1)
        return replace(result, due=due, flag=None, days_available=None, notes=[*result.notes, why])
    if clause.due == "after-next-start":
        days = clause.count or 0
        due = following.first_day + timedelta(days=days)
        note = (
            f"{days} calendar days after the first student day of the next school year, {fmt_day(following.first_day)}."
        )
        return replace(result, due=due, flag=None, days_available=None, notes=[*result.notes, why, note])
    return _resume(calendar, year, following, result, why)


def _resume(calendar: SchoolCalendar, year: SchoolYear, following: SchoolYear, result: DayCount, why: str) -> DayCount:
    """Continue a school-day count on the next year: the days still owed, from its first day."""
    if result.day_kind != "school":
        return result  # tolled calendar counts already run on across every loaded year
    owed = result.count - (result.days_available or 0)
    rest = count_days(calendar, following.first_day - timedelta(days=1), owed, "school")
    note = (
        f"{result.days_available} of the {result.count} school days fell before the end of the year; the other "
        f"{owed} are counted from the first student day of the next year, {fmt_day(following.first_day)}."
    )
    summer_days = [
        (d, "summer (not a school day; the count resumes in the next school year)")
        for d in _weekdays_between(year.last_day, following.first_day)
    ]
    return replace(
        result,
        due=rest.due,
        flag=rest.flag,
        days_available=rest.days_available,
        skipped=[*result.skipped, *summer_days, *rest.skipped],
        early_release=[*result.early_release, *rest.early_release],
        notes=[*result.notes, why, note],
    )


def _weekdays_between(after: date, before: date) -> list[date]:
    days = []
    day = after + timedelta(days=1)
    while day < before:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days
