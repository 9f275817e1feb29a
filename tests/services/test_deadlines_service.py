"""The case's deadlines in one list, and as an .ics file a phone calendar accepts."""

from __future__ import annotations

from datetime import date

from icalendar import Calendar

from iep_tui.demo.demo_case import build_demo_bundle
from iep_tui.services.deadlines_service import case_deadlines, deadlines_ics

TODAY = date(2026, 11, 28)


def test_demo_deadlines_overdue_first_then_by_date() -> None:
    deadlines = case_deadlines(build_demo_bundle(), TODAY)
    overdue = [d for d in deadlines if d.overdue]
    # Overdue, by date: the two meeting actions agreed on 2026-10-06 (due 10-09 and 10-13),
    # then the compliance notice sent Mon 2026-11-02 with 10 school days to answer:
    # Nov 3 (1), 4 (2), 5 (3), 6 (4), 9 (5), 10 (6), Wed 11 Veterans Day closed,
    # 12 (7), 13 (8), 16 (9), 17 (10) -> due Tue 2026-11-17.
    assert [(d.due, d.kind) for d in overdue] == [
        (date(2026, 10, 9), "action"),
        (date(2026, 10, 13), "action"),
        (date(2026, 11, 17), "step"),
    ]
    upcoming = [d for d in deadlines if not d.overdue]
    assert upcoming == sorted(upcoming, key=lambda d: d.due)
    # The records request sent 2026-11-09: 45 calendar days (34 CFR 300.613) would be
    # Nov 9 + 21 = Nov 30, + 24 more = Dec 24; but 300.613(a) also wants the records before
    # any IEP meeting, and a meeting is requested for Thu 2026-12-03: due Wed 2026-12-02.
    records = [d for d in upcoming if d.kind == "step" and "Records" in d.what]
    assert [d.due for d in records] == [date(2026, 12, 2)]
    assert "the day before the" in records[0].basis and "2026-12-03" in records[0].basis
    assert "300.613(a)" in records[0].basis and "45 calendar days" in records[0].basis
    # The requested meeting (proposed for 2026-12-03) is on the list.
    assert any(d.kind == "meeting" and d.due == date(2026, 12, 3) for d in upcoming)


def test_ics_has_one_all_day_event_per_deadline() -> None:
    bundle = build_demo_bundle()
    calendar = Calendar.from_ical(deadlines_ics(bundle, TODAY))
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == len(case_deadlines(bundle, TODAY))
    starts = {e.decoded("dtstart") for e in events}
    assert date(2026, 11, 17) in starts and date(2026, 12, 2) in starts
    assert all(str(e.get("summary")).startswith("Lena Marsh: ") for e in events)


def test_calendar_ics_command_writes_into_exports(cli, workspace) -> None:
    cli("demo")
    result = cli("calendar", "ics")
    assert result.code == 0
    path = result.last_line
    assert path == str(workspace.exports.resolve() / "deadlines-demo-lena.ics")
    assert open(path, "rb").read().startswith(b"BEGIN:VCALENDAR")
