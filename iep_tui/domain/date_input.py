"""Dates as people type them at the end of a school day.

Accepted (case and extra spaces are free):

- `2026-11-02` (ISO);
- `today`, `yesterday` (the calendar day before today);
- a weekday name or its short form (`tuesday`, `tue`): the most recent such day,
  today included (on a Tuesday, `tuesday` is today);
- `N days ago` (calendar days) and `N school days ago` (on the case's school calendar:
  the Nth school day before today; `0 school days ago` is today).

Anything else is an InputError that shows accepted examples.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Protocol

from iep_tui.errors import InputError

WEEKDAYS: dict[str, int] = {}
for _index, _names in enumerate(
    (
        ("monday", "mon"),
        ("tuesday", "tue", "tues"),
        ("wednesday", "wed"),
        ("thursday", "thu", "thur", "thurs"),
        ("friday", "fri"),
        ("saturday", "sat"),
        ("sunday", "sun"),
    )
):
    for _name in _names:
        WEEKDAYS[_name] = _index

MAX_SCHOOL_DAYS_BACK = 400
MAX_SEARCH_DAYS = 3 * 366

_AGO = re.compile(r"^(\d{1,4}) (school )?days? ago$")


class SchoolDayTest(Protocol):
    def is_school_day(self, day: date) -> bool: ...


def _error(text: str, today: date, why: str = "is not a date") -> InputError:
    return InputError(
        f"{text!r} {why}: use a date such as {today.isoformat()}, today, yesterday, "
        "a weekday such as tuesday, or '3 school days ago'."
    )


def parse_user_date(text: str, today: date, calendar: SchoolDayTest | None = None) -> date:
    """The date `text` names, relative to `today`; see the module doc."""
    raw = text
    s = " ".join(text.strip().lower().split())
    if not s:
        raise _error(raw, today, "is empty")
    if s == "today":
        return today
    if s == "yesterday":
        return today - timedelta(days=1)
    if s in WEEKDAYS:
        return today - timedelta(days=(today.weekday() - WEEKDAYS[s]) % 7)
    match = _AGO.match(s)
    if match:
        n = int(match.group(1))
        if not match.group(2):
            return today - timedelta(days=n)
        if calendar is None:
            raise _error(raw, today, "needs a case's school calendar")
        if n > MAX_SCHOOL_DAYS_BACK:
            raise _error(raw, today, f"is too far back (at most {MAX_SCHOOL_DAYS_BACK} school days)")
        return school_days_before(calendar, today, n, raw)
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", s):
        try:
            year, month, day = (int(p) for p in s.split("-"))
            return date(year, month, day)
        except ValueError:
            raise _error(raw, today, "is not a real date") from None
    raise _error(raw, today)


def school_days_before(calendar: SchoolDayTest, today: date, n: int, text: str = "") -> date:
    """The nth school day before `today` (n = 0: today itself)."""
    if n == 0:
        return today
    day = today
    found = 0
    for _ in range(MAX_SEARCH_DAYS):
        day -= timedelta(days=1)
        if calendar.is_school_day(day):
            found += 1
            if found == n:
                return day
    raise _error(text or f"{n} school days ago", today, "goes back past the school calendar")
