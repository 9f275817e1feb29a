"""The domain rules of reading a log: headers, dates, statuses, services, students, group (no store)."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iep_tui.domain.models import Requirement
from iep_tui.domain.school_log import (
    DEFAULT_STATUSES,
    StatusMeaning,
    label,
    match_service,
    plan_import,
)
from iep_tui.domain.school_log_file import read_log_table
from iep_tui.errors import InputError

TODAY = date(2026, 12, 4)
SHA = hashlib.sha256(b"x").hexdigest()


def plan(logs, text: str | bytes, **options):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return plan_import(read_log_table(data, "log.csv"), SHA, logs.lena_bundle(), today=TODAY, **options)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Date", "date"),
        ("Service Date", "date"),
        ("SESSION DATE", "date"),
        ("Service", "service"),
        ("Service Type", "service"),
        ("service name", "service"),
        ("Minutes", "minutes"),
        ("Duration", "minutes"),
        ("Mins", "minutes"),
        ("Time", "minutes"),
        ("Duration (min)", "minutes"),
        ("Minutes Served", "minutes"),
        ("Status", "status"),
        ("Attendance", "status"),
        ("Session Status", "status"),
        ("Provider", "provider"),
        ("Staff", "provider"),
        ("Provider Name", "provider"),
        ("Group Size", "group"),
        ("Ratio", "group"),
        ("Setting", "setting"),
        ("Individual/Group", "group"),
        ("Notes", "notes"),
        ("Comments", "notes"),
        ("Student", "student"),
        ("Student Name", "student"),
    ],
)
def test_each_header_synonym_names_its_column(logs, header, field):
    columns = {"date": "Date", "service": "Service", "minutes": "Minutes", "status": "Status"}
    columns[field] = header
    text = ",".join(columns.values()) + "\n"
    row = {
        "date": "09/14/2026",
        "service": "Speech",
        "minutes": "30",
        "status": "Present",
        "provider": "J. Smith",
        "group": "1",
        "setting": "Speech room",
        "notes": "ok",
        "student": "Lena Rivera",
    }
    text += ",".join(row[f] for f in columns) + "\n"
    result = plan(logs, text)
    assert result.columns[field] == header
    assert len(result.sessions) == 1


def test_a_title_row_above_the_header_and_a_preferred_synonym(logs):
    # "Minutes" wins over "Time" (a start time here), whichever comes first
    text = (
        "Service Delivery Log - Pine Valley SD,,,,\n"
        "Time,Date,Service,Minutes,Status\n"
        "10:15 AM,09/14/2026,Speech,25,Present\n"
    )
    result = plan(logs, text)
    assert result.header_row == 2 and result.columns["minutes"] == "Minutes"
    assert result.sessions[0].minutes == 25 and result.sessions[0].provenance.row == 3


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2026-09-14", date(2026, 9, 14)),
        ("09/14/2026", date(2026, 9, 14)),
        ("9/14/26", date(2026, 9, 14)),
        ("9/4/2026", date(2026, 9, 4)),
        ("09/14/2026 10:30 AM", date(2026, 9, 14)),
        ("2026-09-14 10:30:00", date(2026, 9, 14)),
    ],
)
def test_date_forms_of_exports(logs, cell, expected):
    result = plan(logs, f"Date,Service,Minutes,Status\n{cell},Speech,30,Present\n")
    assert result.sessions[0].date == expected


def test_spreadsheet_dates_and_durations(logs):
    rows = [
        ("Date", "Service", "Minutes", "Status"),
        (datetime(2026, 9, 14, 0, 0), "Speech", 30, "Present"),
        (46280, "Speech", time(0, 30), "Present"),  # day 46280 after 1899-12-30 is 2026-09-15; 0:30 = 30 min
        (date(2026, 9, 16), "Speech", 30.0, "Present"),
    ]
    result = plan(logs, logs.xlsx_bytes(rows))
    assert [(s.date, s.minutes) for s in result.sessions] == [
        (date(2026, 9, 14), 30),
        (date(2026, 9, 15), 30),
        (date(2026, 9, 16), 30),
    ]


def test_a_clock_time_in_a_time_column_is_refused(logs):
    # a spreadsheet time cell 2:45 under "Time" is a start time as much as a length: refused, not 165 min
    rows = [("Date", "Service", "Time", "Status"), (date(2026, 9, 14), "Speech", time(2, 45), "Present")]
    with pytest.raises(InputError, match=r"row 2: Time '2:45' looks like a clock time, not a number of minutes"):
        plan(logs, logs.xlsx_bytes(rows))
    # plain numbers under "Time" stay minutes
    assert plan(logs, "Date,Service,Time,Status\n09/14/2026,Speech,30,Present\n").sessions[0].minutes == 30


def test_a_session_far_longer_than_its_length_is_named_before_saving(logs):
    # Speech therapy is "30 min 2x weekly": twice the session is 60 min.
    # row 2 1:15 = 75 > 60 (warned); row 3 2:45 = 165 > 60 (warned); row 4 0:45 = 45 <= 60 (not);
    # row 5 a make-up of 61 > 60 (warned); row 6 missed 90 (a miss: not a delivered length, not warned);
    # row 7 exactly 60 (not more than twice: not warned)
    text = (
        "Date,Service,Duration,Status\n"
        "09/14/2026,Speech,1:15,Present\n"
        "09/15/2026,Speech,2:45,Present\n"
        "09/16/2026,Speech,0:45,Present\n"
        "09/17/2026,Speech,61,Make-up\n"
        "09/18/2026,Speech,90,Provider Absent\n"
        "09/21/2026,Speech,60,Present\n"
    )
    result = plan(logs, text)
    assert [s.minutes for s in result.sessions] == [75, 165, 45, 61, 90, 60]  # Duration's h:mm stays a length
    warning = (
        "More than twice the session's length: rows 2 (Speech therapy, 75 min of a 30-min session), "
        "3 (Speech therapy, 165 min of a 30-min session), 5 (Speech therapy, 61 min of a 30-min session); "
        "check that Duration holds how long each session lasted, not a clock time."
    )
    assert warning in result.warnings
    assert warning in result.summary_lines()  # shown with the summary, before saving
    assert warning in result.to_json()["warnings"]


def test_every_default_status_word_of_the_issue(logs):
    words = {
        "Present": ("delivered", None),
        "Delivered": ("delivered", None),
        "Completed": ("delivered", None),
        "Attended": ("delivered", None),
        "Make-up": ("makeup", None),
        "Makeup": ("makeup", None),
        "Provider Absent": ("missed", "provider-absent"),
        "Therapist Absent": ("missed", "provider-absent"),
        "Staff Absent": ("missed", "provider-absent"),
        "Student Absent": ("missed", "student-absent"),
        "Absent": ("missed", "student-absent"),
        "School Closed": ("missed", "school-closed"),
        "Holiday": ("missed", "school-closed"),
        "No School": ("missed", "school-closed"),
        "Student Unavailable": ("missed", "schedule-conflict"),
        "Testing": ("missed", "schedule-conflict"),
        "Field Trip": ("missed", "schedule-conflict"),
        "Assembly": ("missed", "schedule-conflict"),
        "Refused": ("missed", "student-refused"),
        "Cancelled": ("missed", "unknown"),
        "Canceled": ("missed", "unknown"),
        "Staff Shortage": ("missed", "staff-shortage"),
        "Short Staffed": ("missed", "staff-shortage"),
        "SHORT-STAFFED": ("missed", "staff-shortage"),
    }
    for word, (status, reason) in words.items():
        assert DEFAULT_STATUSES[label(word)] == StatusMeaning(status, reason), word


def test_a_users_status_mapping_comes_before_the_defaults(logs):
    text = "Date,Service,Minutes,Status\n09/14/2026,Speech,30,Absent\n"
    assert plan(logs, text).sessions[0].reason == "student-absent"
    mapped = plan(logs, text, statuses={"absent": StatusMeaning("missed", "provider-absent")})
    assert mapped.sessions[0].reason == "provider-absent"


def test_service_words(logs):
    reqs = logs.lena_bundle().requirements
    names = lambda found: [r.name for r in found]  # noqa: E731
    assert names(match_service("Speech/Language Therapy", reqs)) == ["Speech therapy"]
    assert names(match_service("OT", reqs)) == ["Occupational therapy"]  # OT stands for occupational
    assert names(match_service("SDI - Reading", reqs)) == ["Reading instruction"]
    assert match_service("Therapy Services", reqs) == []  # only generic words
    # two requirements share the best score: ambiguous
    both = [
        Requirement(kind="service", name="Speech individual", text="x"),
        Requirement(kind="service", name="Speech consult", text="x"),
    ]
    assert len(match_service("Speech", both)) == 2
    assert names(match_service("Speech Consult", both)) == ["Speech consult"]


def test_an_ambiguous_service_stops_with_the_list(logs):
    bundle = logs.lena_bundle()
    bundle.requirements.append(
        Requirement(
            kind="service", name="Speech group", text="Speech group, 20 min weekly", frequency="20 min 1x weekly"
        )
    )
    table = read_log_table(b"Date,Service,Minutes,Status\n09/14/2026,Speech,30,Present\n", "log.csv")
    with pytest.raises(InputError, match="'Speech' could be Speech therapy or Speech group"):
        plan_import(table, SHA, bundle, today=TODAY)


def test_students(logs):
    text = (
        "Student Name,Date,Service,Minutes,Status\n"
        '"Rivera, Lena",09/14/2026,Speech,30,Present\n'
        '"Rivera, Luis",09/14/2026,Speech,30,Present\n'
        '"Webb, Marcus",09/14/2026,Speech,30,Present\n'
    )
    with pytest.raises(InputError, match="matches several students"):
        plan(logs, text, student="rivera")
    chosen = plan(logs, text, student="Rivera Luis")
    assert chosen.student == "Rivera, Luis" and chosen.other_student_rows == 2
    assert [s.provenance.row for s in chosen.sessions] == [3]


def test_the_group_or_setting_column_marks_a_session_not_as_written(logs):
    # speech: the IEP says individual; reading: small group
    text = (
        "Date,Service,Minutes,Status,Group Size,Setting\n"
        "09/14/2026,Speech,30,Present,3,Speech room\n"  # group of 3 where the IEP says individual
        "09/15/2026,Speech,30,Present,1,Speech room\n"  # as written
        "09/16/2026,Reading,45,Present,5,Resource room\n"  # group where the IEP says small group: as written
        "09/17/2026,Speech,30,Absent,3,\n"
    )  # a miss is never 'delivered as'
    result = plan(logs, text)
    assert [s.delivered_as for s in result.sessions] == ["group (3)", "", "", ""]
    assert result.sessions[0].note == "School log: Present; group 3; setting Speech room."


def test_partial_and_missed_minutes(logs):
    text = (
        "Date,Service,Minutes,Status\n"
        "09/14/2026,Speech,20,Present\n"  # partial: 20 of 30
        "09/15/2026,Speech,0,Provider Absent\n"  # 0 minutes missed: one session, 30
        "09/16/2026,Speech,,Make-up\n"  # blank make-up: one session, 30
        "09/17/2026,Speech,0,Present\n"
    )  # held for 0 minutes: kept, and said
    result = plan(logs, text)
    assert [(s.status, s.minutes) for s in result.sessions] == [
        ("delivered", 20),
        ("missed", 30),
        ("makeup", 30),
        ("delivered", 0),
    ]
    assert result.per_requirement()[0]["partial"] == 2
    assert any("Held for 0 minutes (row 5)" in w for w in result.warnings)


def test_xlsx_reads_the_first_sheet_and_says_so(logs):
    rows = [("Date", "Service", "Minutes", "Status"), (date(2026, 9, 14), "Speech", 30, "Present")]
    result = plan(logs, logs.xlsx_bytes(rows, title="Log", more_sheets=["Summary"]))
    assert result.sheet == "Log" and len(result.sessions) == 1
    assert "Only the first sheet ('Log') was read; log.csv also has 'Summary'." in result.warnings


def test_csv_encodings_and_delimiters(logs):
    text = "Date;Service;Minutes;Status;Notes\n09/14/2026;Speech;30;Present;Zoë's café\n"
    for data in (text.encode("utf-8"), text.encode("cp1252"), text.encode("utf-16")):
        assert plan(logs, data).sessions[0].note.endswith("Zoë's café")


def test_control_characters_of_the_file_never_reach_an_entry(logs):
    text = "Date,Service,Minutes,Status,Notes\n09/14/2026,Speech,30,Present,\x1b[31mred\x1b[0m \x07bell\n"
    result = plan(logs, text)
    note = result.sessions[0].note
    assert "\x1b" not in note and "\x07" not in note and note.endswith("red bell")
    # two escape sequences and a bell removed from row 2, and said so
    assert "log.csv row 2: removed 3 control sequences or characters (U+0007, U+001B)." in result.warnings


def test_identical_rows_are_sessions_up_to_what_one_day_allows(logs):
    # reading is "45 min daily" (1 a day): the second identical row is an export duplicate.
    # A "30 min 2x daily" service allows two a day: two identical rows are two sessions, a third is a duplicate.
    bundle = logs.lena_bundle()
    bundle.requirements.append(
        Requirement(kind="service", name="Math", text="Math, 30 min twice daily", frequency="30 min 2x daily")
    )
    text = (
        "Date,Service,Minutes,Status\n"
        "09/14/2026,Reading,45,Present\n09/14/2026,Reading,45,Present\n"
        "09/14/2026,Math,30,Present\n09/14/2026,Math,30,Present\n09/14/2026,Math,30,Present\n"
    )
    result = plan_import(read_log_table(text.encode(), "log.csv"), SHA, bundle, today=TODAY)
    assert [s.provenance.row for s in result.sessions] == [2, 4, 5]
    assert [(s.row, s.detail) for s in result.skipped] == [(3, "same as row 2"), (6, "same as row 4")]


@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2026, 12, 4)),
    form=st.sampled_from(["%Y-%m-%d", "%m/%d/%Y", "{m}/{d}/%Y", "{m}/{d}/%y"]),
)
@settings(max_examples=200, deadline=None)
def test_every_us_form_of_a_date_reads_back_as_that_date(day, form):
    from iep_tui.domain.school_log_columns import raw_date, resolve_dates

    text = day.strftime(form.format(m=day.month, d=day.day))
    assert resolve_dates([raw_date(2, text)], "log.csv") == {2: day}


@given(day=st.dates(min_value=date(2000, 1, 1), max_value=date(2026, 12, 4)).filter(lambda d: d.day > 12))
@settings(max_examples=100, deadline=None)
def test_a_date_written_day_first_is_never_read_as_another_date(day):
    from iep_tui.domain.school_log_columns import raw_date, resolve_dates

    with pytest.raises(InputError, match="not a US date"):
        resolve_dates([raw_date(2, day.strftime("%d/%m/%Y"))], "log.csv")
