"""What iep-tui accepts: limits no real case reaches, each named when something is refused.

A leaf module (stdlib only), like `errors`, so the calendar import, the models and
the store share one set of numbers. The models put them on their fields
(`domain.text.Line`, `Paragraph`, `domain.models.Day`, counts); importers check
files against the byte limits before reading them whole.
"""

from __future__ import annotations

from datetime import date

LINE_MAX = 200
"""A one-line field (a name, a role, a label): the longest real one is a school's full name."""
PARAGRAPH_MAX = 10_000
"""A free-text field (IEP wording, a note, a response): about four typed pages."""
LIST_MAX = 200
"""Roles on a step, ids an incident names, actions of a meeting, contacts of a case."""

DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2199, 12, 31)
"""Every date a case holds or a calendar brings lies in this range: year 9999 is a typo,
and day counting from it would run past what dates can hold."""

WEEK_COUNT_MAX = 1_000
"""Missing assignments, behavior incidents or nurse visits in one school week."""
WEEK_MINUTES_MAX = 7 * 24 * 60
"""Minutes in a week: the most a student can be out of class in one."""

CASE_FILE_BYTES_MAX = 128 * 1024 * 1024
"""A case export or case file: many school years of daily entries are a few MB."""
CALENDAR_BYTES_MAX = 20 * 1024 * 1024
"""A district calendar (ICS or CSV): a feed of every event of several years is about 1 MB."""
CALENDAR_EVENTS_MAX = 20_000
"""VEVENTs or CSV rows in one calendar file."""
CALENDAR_DATES_MAX = 5_000
"""Dates one calendar file may expand to once repeating events are unrolled (about 13 years of days)."""
JSON_DEPTH_MAX = 64
"""Nesting of any JSON iep-tui reads: its own files nest about 6 deep."""


def byte_size(count: int) -> str:
    """'20 MB' for a limit in a sentence."""
    return f"{count // (1024 * 1024)} MB" if count >= 1024 * 1024 else f"{count:,} bytes"
