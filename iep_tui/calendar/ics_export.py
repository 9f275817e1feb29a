"""Deadlines as an iCalendar file, so a parent's phone calendar shows them.

All-day events (a deadline is a date, not a time), with UIDs derived from the date
and title: exporting again updates the same events instead of duplicating them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

PRODID = "-//iep-tui//deadlines//EN"


def deadline_uid(day: date, title: str) -> str:
    """A stable UID: the same deadline exported twice is the same calendar event."""
    digest = hashlib.sha256(f"{day.isoformat()}\x1f{title.strip()}".encode()).hexdigest()[:24]
    return f"{digest}@iep-tui"


def deadlines_to_ics(
    items: Iterable[tuple[date, str, str]],
    calendar_name: str,
    *,
    stamp: datetime | None = None,
    remind_days_before: int | None = None,
) -> bytes:
    """An ICS document with one all-day VEVENT per (date, title, description).

    `stamp` fixes DTSTAMP (tests, reproducible exports); `remind_days_before` adds a
    display alarm that many days ahead of each deadline.
    """
    from icalendar import Alarm, Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", calendar_name)
    dtstamp = (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    seen: set[str] = set()
    for day, title, description in sorted(items, key=lambda item: (item[0], item[1])):
        uid = deadline_uid(day, title)
        if uid in seen:
            continue
        seen.add(uid)
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", dtstamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", title)
        if description:
            event.add("description", description)
        event.add("transp", "TRANSPARENT")
        if remind_days_before is not None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", title)
            alarm.add("trigger", timedelta(days=-remind_days_before))
            event.add_component(alarm)
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()  # icalendar leaves to_ical unannotated; it returns bytes
    return ical
