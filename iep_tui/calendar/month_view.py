"""A month of the school calendar as data and as an 80-column text grid.

`calendar show` prints it; the TUI can draw `month_days` its own way. Each weekday is
school, early release, closed (district), holiday (estimate only) or no school
(outside the school year), so a parent can check the imported calendar at a glance.
"""

from __future__ import annotations

import calendar as stdlib_calendar
from dataclasses import dataclass
from datetime import date, timedelta

from iep_tui.calendar.school_calendar import SchoolCalendar

MARKS = {"school": " ", "early_release": "e", "closed": "x", "holiday": "h", "no_school": "-", "weekend": " "}
LEGEND = "x closed  e early release (a school day)  h holiday  - outside the school year"


@dataclass(frozen=True, slots=True)
class DayStatus:
    """One day of the month: its status and the label that explains it."""

    day: date
    status: str  # school | early_release | closed | holiday | no_school | weekend
    label: str = ""

    def to_json(self) -> dict[str, str]:
        return {"date": self.day.isoformat(), "status": self.status, "label": self.label}


def month_days(calendar: SchoolCalendar, year: int, month: int) -> list[DayStatus]:
    """Every day of the month with its status on this calendar."""
    first = date(year, month, 1)
    length = stdlib_calendar.monthrange(year, month)[1]
    days = []
    for offset in range(length):
        day = first + timedelta(days=offset)
        days.append(_status(calendar, day))
    return days


def _status(calendar: SchoolCalendar, day: date) -> DayStatus:
    if day.weekday() >= 5:
        return DayStatus(day, "weekend")
    if calendar.estimate:
        name = calendar.holiday_name(day)
        return DayStatus(day, "holiday", name) if name else DayStatus(day, "school")
    if calendar.school_year_for(day) is None:
        return DayStatus(day, "no_school", "outside the school year")
    closure = calendar.closure_on(day)
    if closure is not None:
        kind = closure.kind.replace("_", " ")
        return DayStatus(day, "closed", f"{closure.label} ({kind})" if closure.label else kind)
    early = calendar.early_release_on(day)
    if early is not None:
        return DayStatus(day, "early_release", early.label or "early release")
    return DayStatus(day, "school")


def month_grid(calendar: SchoolCalendar, year: int, month: int, title: str = "", width: int = 80) -> list[str]:
    """The month as text lines: a Mon-Sun grid with marks, then each marked day explained.

    Lines longer than `width` (a long district label) are cut with an ellipsis.
    """
    days = month_days(calendar, year, month)
    lines = [f"{stdlib_calendar.month_name[month]} {year}"]
    if title:
        lines.append(title)
    if calendar.estimate:
        lines.append("ESTIMATE: no district calendar; school days shown are weekdays minus holidays.")
    lines.append("".join(f"{name:>5}" for name in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")))
    cells = ["     "] * days[0].day.weekday()
    for status in days:
        cells.append(f"{status.day.day:>4}{MARKS[status.status]}")
        if len(cells) == 7:
            lines.append("".join(cells).rstrip())
            cells = []
    if cells:
        lines.append("".join(cells).rstrip())
    lines.append(LEGEND)
    lines.extend(_explained(days))
    school = sum(1 for s in days if s.status in ("school", "early_release"))
    noun = "school day" if school == 1 else "school days"
    lines.append(f"{school} {noun} this month" + (" (estimate)." if calendar.estimate else "."))
    return [line if len(line) <= width else line[: width - 1] + "…" for line in lines]


def _explained(days: list[DayStatus]) -> list[str]:
    """Marked weekdays, runs of the same label joined: "Thu 26 - Fri 27  x  Thanksgiving Break"."""
    runs: list[list[DayStatus]] = []
    for status in days:
        if status.status in ("school", "weekend"):
            continue
        previous = runs[-1][-1] if runs else None
        if (
            previous is not None
            and (previous.status, previous.label) == (status.status, status.label)
            and (status.day - previous.day).days <= 3  # a weekend does not break a run
        ):
            runs[-1].append(status)
        else:
            runs.append([status])
    lines = []
    for run in runs:
        first, last = run[0].day, run[-1].day
        when = f"{first:%a} {first.day}" if first == last else f"{first:%a} {first.day} - {last:%a} {last.day}"
        lines.append(f"  {when:<16} {MARKS[run[0].status]}  {run[0].label}")
    return lines
