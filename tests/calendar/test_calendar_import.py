"""Importing district calendars from ICS and CSV: classification, reports, errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from iep_tui.calendar.calendar_import import (
    apply_import,
    classify,
    holiday_warnings,
    import_csv,
    import_file,
    import_ics,
)
from iep_tui.calendar.school_calendar import SchoolCalendar
from iep_tui.calendar.settings import CalendarSettings, Closure, SchoolYear
from iep_tui.errors import InputError

from .conftest import wa_settings

D = date.fromisoformat
SAMPLES = Path(__file__).resolve().parents[2] / "data" / "calendars"


def vcal(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{body}END:VCALENDAR\r\n".encode()


def allday(summary: str, start: str, end_exclusive: str | None = None) -> str:
    lines = [f"SUMMARY:{summary}", f"DTSTART;VALUE=DATE:{start}"]
    if end_exclusive:
        lines.append(f"DTEND;VALUE=DATE:{end_exclusive}")
    return "\r\n".join(lines)


# ---------------------------------------------------------------- classification


@pytest.mark.parametrize(
    ("summary", "role", "kind", "bound"),
    [
        ("Thanksgiving Break - No School", "closure", "break", None),
        ("Early dismissal before Thanksgiving break", "early_release", "other", None),
        ("Early Release - Professional Development", "early_release", "other", None),
        ("Half Day", "early_release", "other", None),
        ("Teacher Workday", "closure", "staff_day", None),
        ("Professional Development Day - Students Do Not Attend", "closure", "staff_day", None),
        ("Clerical Day", "closure", "staff_day", None),
        ("Spring Recess", "closure", "break", None),
        ("Veterans Day Holiday", "closure", "holiday", None),
        ("Schools Closed - Snow Day", "closure", "weather", None),
        ("First Day of School", None, "other", "first_day"),
        ("Last Day of School - Early Release", "early_release", "other", "last_day"),
        ("Picture Day", None, "other", None),
        ("PTA Meeting", None, "other", None),
        ("Winter Holiday Concert", None, "other", None),
        ("Spring Break Camp", None, "other", None),
        ("Breakfast with Santa", None, "other", None),
        ("Snow Make-Up Day (if needed)", None, "other", None),
    ],
)
def test_classification(summary: str, role: str | None, kind: str, bound: str | None) -> None:
    result = classify(summary)
    assert (result.role, result.bound) == (role, bound)
    if role == "closure":
        assert result.closure_kind == kind


# ---------------------------------------------------------------- ICS


def test_ics_multi_day_events_expand_and_bounds_pair_up() -> None:
    data = vcal(
        allday("First Day of School", "20260902"),
        allday("Winter Break - No School", "20261221", "20270102"),  # DTEND is exclusive
        allday("Parent Conferences - Early Release", "20261116", "20261119"),
        allday("Last Day of School", "20270617"),
    )
    result = import_ics(data)
    assert result.school_years == [SchoolYear(first_day=D("2026-09-02"), last_day=D("2027-06-17"), label="2026-27")]
    assert result.closures == [
        Closure(start=D("2026-12-21"), end=D("2027-01-01"), label="Winter Break - No School", kind="break")
    ]
    assert [e.day for e in result.early_release] == [D("2026-11-16"), D("2026-11-17"), D("2026-11-18")]
    assert result.closure_weekdays == 10  # winter break Mon Dec 21 .. Fri Jan 1: two weeks of weekdays


def test_ics_early_release_wins_over_closure_words_and_ignored_are_reported() -> None:
    data = vcal(
        allday("Early dismissal before Thanksgiving break", "20261125"),
        allday("Picture Day", "20260924"),
        "SUMMARY:PTA Meeting\r\nDTSTART;TZID=America/Los_Angeles:20261013T183000\r\n"
        "DTEND;TZID=America/Los_Angeles:20261013T200000",
    )
    result = import_ics(data)
    assert [e.day for e in result.early_release] == [D("2026-11-25")]
    assert result.closures == []
    assert [(i.day, i.summary) for i in result.ignored] == [
        (D("2026-09-24"), "Picture Day"),
        (D("2026-10-13"), "PTA Meeting"),
    ]
    summary = "\n".join(result.summary_lines())
    assert "Picture Day" in summary and "PTA Meeting" in summary and "Ignored: 2" in summary


def test_ics_weekly_repeat_is_expanded_with_exceptions() -> None:
    data = vcal(
        "SUMMARY:Early Release Wednesday\r\nDTSTART;VALUE=DATE:20260902\r\n"
        "RRULE:FREQ=WEEKLY;BYDAY=WE;COUNT=4\r\nEXDATE;VALUE=DATE:20260916",
        "SUMMARY:Monthly Board Meeting\r\nDTSTART;VALUE=DATE:20260915\r\nRRULE:FREQ=MONTHLY;BYMONTHDAY=15",
    )
    result = import_ics(data)
    # Four Wednesdays from Sep 2 (2, 9, 16, 23) minus the EXDATE Sep 16.
    assert [e.day for e in result.early_release] == [D("2026-09-02"), D("2026-09-09"), D("2026-09-23")]
    assert len(result.ignored) == 1 and "RRULE" in result.ignored[0].reason


def test_ics_cancelled_event_is_ignored_not_applied() -> None:
    result = import_ics(vcal(allday("No School - Snow Day", "20270112") + "\r\nSTATUS:CANCELLED"))
    assert result.closures == [] and result.ignored[0].reason == "cancelled"


def test_sample_ics_matches_the_hand_written_calendar() -> None:
    result = import_file(SAMPLES / "cascade-valley-sd-2026-27.ics")
    imported = apply_import(CalendarSettings(state="WA"), result)
    expected = wa_settings()
    assert imported.school_years[0].first_day == expected.school_years[0].first_day
    assert imported.school_years[0].last_day == expected.school_years[0].last_day
    assert [(c.start, c.last, c.kind) for c in imported.closures] == [
        (c.start, c.last, c.kind) for c in expected.closures
    ]
    assert [e.day for e in imported.early_release] == [e.day for e in expected.early_release]
    ignored = {i.summary for i in result.ignored}
    assert {"Picture Day", "PTA Meeting", "Winter Holiday Concert"} <= ignored
    assert any("Snow Make-Up" in s for s in ignored)
    # Kindergarten starts later: reported, the earliest first day is used.
    assert any("Several first days" in w for w in result.warnings)
    a = SchoolCalendar.from_settings(imported)
    b = SchoolCalendar.from_settings(expected)
    assert a.school_days(D("2026-09-01"), D("2027-06-30")) == b.school_days(D("2026-09-01"), D("2027-06-30"))


def test_sample_csv_matches_the_sample_ics() -> None:
    from_ics = apply_import(CalendarSettings(), import_file(SAMPLES / "cascade-valley-sd-2026-27.ics"))
    from_csv = apply_import(CalendarSettings(), import_file(SAMPLES / "cascade-valley-sd-2026-27.csv"))
    assert from_csv.school_years[0].first_day == from_ics.school_years[0].first_day
    assert [(c.start, c.last, c.kind) for c in from_csv.closures] == [
        (c.start, c.last, c.kind) for c in from_ics.closures
    ]
    assert [e.day for e in from_csv.early_release] == [e.day for e in from_ics.early_release]


def test_district_open_on_columbus_day() -> None:
    result = import_file(SAMPLES / "prairie-ridge-cusd-2026-27.ics")
    settings = apply_import(CalendarSettings(state="IL"), result)
    calendar = SchoolCalendar.from_settings(settings)
    assert calendar.is_school_day(D("2026-10-12"))  # Columbus Day: school in session
    assert not calendar.is_business_day(D("2026-10-12"))
    assert calendar.holiday_name(D("2026-10-12")) == "Columbus Day"
    assert any("Columbus" in i.summary for i in result.ignored)
    warnings = holiday_warnings(settings)
    assert any("Columbus Day" in w for w in warnings)
    # Timed events (Parent Conferences 4-8 pm) are read by their date.
    assert any(i.day == D("2026-11-19") for i in result.ignored)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"hello world\r\n", "does not start with BEGIN:VCALENDAR"),
        (vcal(allday("Picture Day", "20260924")).replace(b"PRODID", b"garbage line here\r\nPRODID"), "line 3"),
        (vcal("SUMMARY:Veterans Day - No School\r\nDTSTART;VALUE=DATE:20261345"), "Veterans Day - No School"),
        (vcal("SUMMARY:Orphan\r\nLOCATION:Gym"), "'Orphan'.*no DTSTART"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VCALENDAR\r\n", "line 4"),
        (
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Open\r\nDTSTART;VALUE=DATE:20260101\r\n",
            "line 3 is never closed",
        ),
        (vcal(allday("Endless break", "20260101", "20290101")), "Endless break"),
        (vcal(allday("Backwards", "20260105", "20260101")), "ends before it starts"),
    ],
)
def test_malformed_ics_names_the_line_or_event(data: bytes, words: str) -> None:
    with pytest.raises(InputError, match=words):
        import_ics(data)


def test_ics_event_error_names_its_line() -> None:
    data = vcal(allday("Picture Day", "20260924"), "SUMMARY:Bad\r\nDTSTART;VALUE=DATE:2026-99-99")
    with pytest.raises(InputError, match=r"'Bad' \(line 8\)"):
        import_ics(data)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="Cannot read"):
        import_ics(tmp_path / "nope.ics")


# ---------------------------------------------------------------- CSV


def test_csv_columns_ranges_and_kinds() -> None:
    text = (
        "Date,End,Label,Kind\n"
        "2026-09-02,,First day,first_day\n"
        "2026-11-26,2026-11-27,Thanksgiving Break,\n"
        "2026-10-09,,Teacher Workday,staff_day\n"
        "2026-11-25,,Early release,early_release\n"
        "\n"
        "# a comment row\n"
        "6/17/2027,,Last day,last_day\n"
    )
    result = import_csv(text)
    assert result.school_years[0].first_day == D("2026-09-02")
    assert result.school_years[0].last_day == D("2027-06-17")
    assert [(c.start, c.last, c.kind) for c in result.closures] == [
        (D("2026-10-09"), D("2026-10-09"), "staff_day"),
        (D("2026-11-26"), D("2026-11-27"), "break"),
    ]
    assert [e.day for e in result.early_release] == [D("2026-11-25")]
    assert result.entries_read == 5


def test_csv_start_column_and_label_inference() -> None:
    result = import_csv("start,label\n2026-11-25,Early dismissal before Thanksgiving break\n2026-11-11,Veterans Day\n")
    assert [e.day for e in result.early_release] == [D("2026-11-25")]
    assert result.closures[0].kind == "holiday"
    assert any("read as early_release" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("date,label\n2026-11-11,Veterans Day\n2026-13-01,Bad\n", "line 3.*2026-13-01"),
        ("date,label,kind\n2026-11-11,Veterans Day,vacation-ish\n", "line 2.*kind"),
        ("when,label\n2026-11-11,Veterans Day\n", "line 1.*'date' or 'start'"),
        ("date,end,label\n2026-11-27,2026-11-26,Backwards\n", "line 2.*before the start"),
        ("date,label\n,Nothing\n", "line 2: no date"),
        ("# only a comment\n\n", "empty"),
    ],
)
def test_malformed_csv_names_the_line(text: str, words: str) -> None:
    with pytest.raises(InputError, match=words):
        import_csv(text)


def test_csv_file_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "district.csv"
    path.write_bytes("\ufeffdate,label\n2026-11-11,Veterans Day\n".encode())
    result = import_file(path)
    assert result.closures[0].start == D("2026-11-11") and result.source == "district.csv"


# ---------------------------------------------------------------- applying


def test_apply_import_returns_new_settings_and_keeps_the_original() -> None:
    original = CalendarSettings(
        state="WA",
        school_years=[
            SchoolYear(first_day=D("2025-09-03"), last_day=D("2026-06-18")),
            SchoolYear(first_day=D("2026-09-01"), last_day=D("2027-06-16")),
        ],
        closures=[
            Closure(start=D("2026-01-19"), label="MLK 2026", kind="holiday"),
            Closure(start=D("2026-10-30"), label="Old closure", kind="other"),
        ],
    )
    before = original.model_dump()
    result = import_csv(
        "date,label,kind\n2026-09-02,First,first_day\n2027-06-17,Last,last_day\n2026-11-11,Veterans Day,holiday\n"
    )
    updated = apply_import(original, result)
    assert original.model_dump() == before  # untouched
    assert [(y.first_day, y.last_day) for y in updated.school_years] == [
        (D("2025-09-03"), D("2026-06-18")),  # the earlier year is kept
        (D("2026-09-02"), D("2027-06-17")),  # the overlapping one is replaced
    ]
    assert [c.label for c in updated.closures] == ["MLK 2026", "Veterans Day"]  # old 2026-27 closure replaced
    assert updated.source == "the CSV text"
    assert updated.state == "WA"


def test_import_without_bounds_warns_that_counts_stay_estimates() -> None:
    result = import_csv("date,label\n2026-11-11,Veterans Day\n")
    assert result.school_years == []
    assert any("estimates" in w for w in result.warnings)


def test_import_of_only_ignored_events_changes_nothing() -> None:
    original = wa_settings()
    updated = apply_import(original, import_ics(vcal(allday("Picture Day", "20260924"))))
    assert updated == original


def test_overlapping_school_years_are_refused_in_one_sentence() -> None:
    # 2026-09-02..2027-06-17 and 2027-06-01..2028-06-15 share June 1-17, 2027: which last day is "the" last
    # student day would be ambiguous. The stored settings and a file read alone say it the same way.
    from iep_tui.calendar.calendar_import import ImportResult, calendar_of_file

    years = [
        SchoolYear(first_day=D("2026-09-02"), last_day=D("2027-06-17")),
        SchoolYear(first_day=D("2027-06-01"), last_day=D("2028-06-15")),
    ]
    said = "school years 2026-09-02..2027-06-17 and 2027-06-01..2028-06-15 overlap"
    with pytest.raises(ValueError, match=said):
        CalendarSettings(state="WA", school_years=years)
    with pytest.raises(InputError, match=f"district.csv: {said}."):
        calendar_of_file(ImportResult(source="district.csv", format="csv", school_years=years), "WA")
