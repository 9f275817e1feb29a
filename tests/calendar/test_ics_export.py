"""Deadlines exported as all-day events a phone calendar can subscribe to."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import icalendar

from iep_tui.calendar.ics_export import deadline_uid, deadlines_to_ics

ITEMS = [
    (date(2027, 1, 7), "Records due (34 CFR 300.613)", "45 calendar days after the request of 2026-11-23."),
    (date(2026, 12, 9), "Reply due", ""),
]


def test_all_day_events_with_titles_and_descriptions() -> None:
    data = deadlines_to_ics(ITEMS, "Sam: IEP deadlines", stamp=datetime(2026, 11, 28, tzinfo=UTC))
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["X-WR-CALNAME"]) == "Sam: IEP deadlines"
    events = list(calendar.walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == ["Reply due", "Records due (34 CFR 300.613)"]  # date order
    first = events[0]
    assert first.decoded("DTSTART") == date(2026, 12, 9)
    assert first.decoded("DTEND") == date(2026, 12, 10)  # exclusive end: one all-day event
    assert "DESCRIPTION" not in first
    assert "45 calendar days" in str(events[1]["DESCRIPTION"])


def test_uids_are_stable_so_a_reexport_updates_events() -> None:
    one = deadlines_to_ics(ITEMS, "x", stamp=datetime(2026, 11, 28, tzinfo=UTC))
    two = deadlines_to_ics(list(reversed(ITEMS)), "x", stamp=datetime(2026, 11, 28, tzinfo=UTC))
    assert one == two
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(one).walk("VEVENT")]
    assert uids == [deadline_uid(date(2026, 12, 9), "Reply due"), deadline_uid(*ITEMS[0][:2])]
    assert len(set(uids)) == 2


def test_duplicates_are_dropped_and_reminders_added() -> None:
    data = deadlines_to_ics(ITEMS + ITEMS[:1], "x", remind_days_before=2)
    events = list(icalendar.Calendar.from_ical(data).walk("VEVENT"))
    assert len(events) == 2
    alarm = next(iter(events[0].walk("VALARM")))
    assert alarm.decoded("TRIGGER") == timedelta(days=-2)


def test_empty_list_is_a_valid_calendar() -> None:
    calendar = icalendar.Calendar.from_ical(deadlines_to_ics([], "empty"))
    assert list(calendar.walk("VEVENT")) == []
