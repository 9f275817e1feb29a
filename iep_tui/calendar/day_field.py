"""The one type of a stored date (`Day`): the case's records and its school calendar alike.

It sits in the lowest layer so that the calendar settings (first and last day, closures) refuse
a year-9999 typo or a count of seconds exactly as the records do.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator

from iep_tui.limits import DATE_MAX, DATE_MIN


def _date_not_number(value: Any) -> Any:
    """A date comes as a date or as text such as 2026-11-02: pydantic would read 0 (or "0")
    as 1970-01-01, a count of seconds since then."""
    if isinstance(value, (bool, int, float)):
        raise ValueError(f"expected a date such as 2026-11-02, not the number {value!r}")
    if isinstance(value, str):
        text = value.strip()
        if not (len(text) == 10 and text[4] == "-" and text[7] == "-" and text.replace("-", "").isdigit()):
            raise ValueError("expected a date such as 2026-11-02")
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError("expected a date such as 2026-11-02") from None  # 2027-13-01
    return value


def _date_in_range(value: date) -> date:
    if not DATE_MIN <= value <= DATE_MAX:
        raise ValueError(
            f"{value.isoformat()} is outside the dates iep-tui accepts "
            f"({DATE_MIN.isoformat()} to {DATE_MAX.isoformat()})"
        )
    return value


Day = Annotated[date, BeforeValidator(_date_not_number), AfterValidator(_date_in_range)]
"""Every date a record holds: a real date from DATE_MIN to DATE_MAX (year 9999 is a typo)."""
