"""`iep-tui school-log import`: a real export's layout, its typos, a second import and a later export.

The log and every expected figure are in conftest.py (`logs.LENA_LOG` and its row-by-row comment).
"""

from __future__ import annotations

import json
from datetime import date

from iep_tui.store.case_store import CaseStore


def school_sessions(store: CaseStore) -> list:
    return [s for s in store.load("case-lena").sessions if s.source == "school-log"]


def test_each_problem_of_the_export_is_named_until_it_is_mapped_and_nothing_is_written(
    cli, logs, lena, case_file, tmp_path
):
    log = logs.write_csv(tmp_path, logs.LENA_LOG)
    before = case_file()

    two_students = cli("school-log", "import", str(log))
    assert two_students.code == 2 and two_students.out == ""
    assert "2 students (Lena Rivera; Marcus Webb)" in two_students.err
    assert "--student" in two_students.err

    words = cli("school-log", "import", str(log), "--student", "lena")
    assert words.code == 2
    # the two unknown words, with their rows, and the option that maps them
    assert "'Presnt' (row 10)" in words.err and "'Excused Absence' (row 13)" in words.err
    assert '--status "TEXT=delivered|missed:REASON|makeup"' in words.err

    services = cli(
        "school-log",
        "import",
        str(log),
        "--student",
        "lena",
        "--status",
        "Presnt=delivered",
        "--status",
        "Excused Absence=missed:student-absent",
    )
    assert services.code == 2
    assert "'Ocupational Therapy' matches no requirement" in services.err
    assert "Occupational therapy" in services.err  # the requirements to choose from

    assert case_file() == before
    assert school_sessions(lena) == []


def test_the_mapped_import_adds_the_hand_counted_entries(cli, logs, lena, tmp_path):
    log = logs.write_csv(tmp_path, logs.LENA_LOG)
    result = cli("school-log", "import", str(log), *logs.LENA_OPTIONS, "--json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["added"] == 10
    rows = {r["name"]: r for r in doc["requirements"]}
    # speech: delivered rows 2, 8, 14 = 30 + 20 + 30; missed rows 3 (provider), 9 and 13 (student) = 3 x 30
    assert (rows["Speech therapy"]["delivered"], rows["Speech therapy"]["delivered_minutes"]) == (3, 80)
    assert rows["Speech therapy"]["partial"] == 1  # row 8: 20 of 30
    assert rows["Speech therapy"]["missed_by_reason"] == {"provider-absent": 30, "student-absent": 60}
    # OT: rows 4 (30) and 10 (blank minutes: one 30-minute session)
    assert (rows["Occupational therapy"]["delivered"], rows["Occupational therapy"]["delivered_minutes"]) == (2, 60)
    # reading: row 5 delivered 45, row 11 missed staff-shortage 45 (row 12 repeats row 11)
    assert rows["Reading instruction"]["delivered_minutes"] == 45
    assert rows["Reading instruction"]["missed_by_reason"] == {"staff-shortage": 45}
    assert doc["skipped"] == [{"row": 12, "why": "duplicate", "detail": "same as row 11"}]
    assert doc["other_student_rows"] == 2  # rows 7 and 16
    assert doc["not_session_rows"] == [17]
    assert doc["blank_rows"] == 2  # rows 6 and 15
    assert doc["student"] == "Lena Rivera"

    saved = school_sessions(lena)
    assert len(saved) == 10
    by_row = {s.provenance.row: s for s in saved}
    assert sorted(by_row) == [2, 3, 4, 5, 8, 9, 10, 11, 13, 14]
    assert {s.provenance.file for s in saved} == {"service_log.csv"}
    assert by_row[9].status == "missed" and by_row[9].reason == "student-absent" and by_row[9].minutes == 30
    assert by_row[10].minutes == 30 and by_row[10].requirement_id == "req-ot"
    assert by_row[8].date == date(2026, 9, 21)  # 9/21/26
    assert by_row[3].note == "School log: Therapist Absent; provider J. Smith; group 1. No sub"
    # group 3 where the IEP says individual: not as written; group 4 where it says small group: as written
    assert by_row[14].delivered_as == "group (3)"
    assert by_row[5].delivered_as == ""
    assert by_row[2].provenance.received == date(2026, 12, 4)  # today, by default


def test_importing_the_same_file_again_adds_nothing(cli, logs, lena, case_file, tmp_path):
    log = logs.write_csv(tmp_path, logs.LENA_LOG)
    assert cli("school-log", "import", str(log), *logs.LENA_OPTIONS).code == 0
    after_first = case_file()
    again = cli("school-log", "import", str(log), *logs.LENA_OPTIONS, "--json")
    assert again.code == 0
    doc = json.loads(again.out)
    assert doc["added"] == 0
    kinds = [s["why"] for s in doc["skipped"]]
    assert kinds.count("imported-before") == 10 and kinds.count("duplicate") == 1
    assert case_file() == after_first  # not even a save
    assert len(school_sessions(lena)) == 10


def test_a_later_export_as_xlsx_adds_only_the_new_sessions(cli, logs, lena, tmp_path):
    assert cli("school-log", "import", str(logs.write_csv(tmp_path, logs.LENA_LOG)), *logs.LENA_OPTIONS).code == 0
    # The district's later export of Lena's log alone, through Oct 9, saved as .xlsx:
    # the ten sessions already imported (as date cells and numbers), then three new ones.
    head = logs.HEADER.split(",")
    lena_row = ["Rivera", "Lena", "M", 100234, "IEP 2026-27"]
    old = [
        ("Speech/Language Therapy", date(2026, 9, 14), 30, "Present", 1),
        ("Speech/Language Therapy", date(2026, 9, 16), 30, "Therapist Absent", 1),
        ("Ocupational Therapy", date(2026, 9, 15), 30, "Completed", 1),
        ("Reading Intervention", date(2026, 9, 14), 45, "Present", 4),
        ("Speech/Language Therapy", date(2026, 9, 21), 20, "Present", 1),
        ("Speech/Language Therapy", date(2026, 9, 23), 0, "Student Absent", 1),
        ("Ocupational Therapy", date(2026, 9, 22), 30, "Presnt", 1),
        ("Reading Intervention", date(2026, 9, 15), 45, "Short Staffed", 4),
        ("Speech/Language Therapy", date(2026, 9, 28), 30, "Excused Absence", 1),
        ("Speech/Language Therapy", date(2026, 9, 30), 30, "Present", 3),
    ]
    new = [
        ("Speech/Language Therapy", date(2026, 10, 5), 30, "Present", 1),  # delivered 30
        ("Speech/Language Therapy", date(2026, 10, 7), None, "Provider Absent", 1),  # missed: one session, 30
        ("Ocupational Therapy", date(2026, 10, 6), 30, "Field Trip", 1),  # missed schedule-conflict 30
    ]
    rows = [head] + [lena_row + [s, day, "Staff", "Pos", m, status, g, None] for s, day, m, status, g in old + new]
    later = tmp_path / "service_log_oct.xlsx"
    later.write_bytes(logs.xlsx_bytes(rows))
    result = cli("school-log", "import", str(later), *logs.LENA_OPTIONS[2:], "--json")  # one student: no --student
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["added"] == 3
    assert [s["row"] for s in doc["skipped"] if s["why"] == "in-case"] == list(range(2, 12))
    assert doc["skipped"][0]["detail"] == "service_log.csv row 2"
    added = [s for s in school_sessions(lena) if s.provenance.file == "service_log_oct.xlsx"]
    assert sorted((s.date.isoformat(), s.status, s.reason, s.minutes, s.provenance.row) for s in added) == [
        ("2026-10-05", "delivered", None, 30, 12),
        ("2026-10-06", "missed", "schedule-conflict", 30, 14),
        ("2026-10-07", "missed", "provider-absent", 30, 13),
    ]


def test_dry_run_shows_the_summary_and_saves_nothing(cli, logs, lena, case_file, tmp_path):
    before = case_file()
    result = cli("school-log", "import", str(logs.write_csv(tmp_path, logs.LENA_LOG)), *logs.LENA_OPTIONS, "--dry-run")
    assert result.code == 0
    assert result.out.strip() == "Dry run: 10 entries would be added from service_log.csv; nothing was saved."
    assert "Service 'Ocupational Therapy' -> Occupational therapy (--service)" in result.err
    assert "Service 'Speech/Language Therapy' -> Speech therapy (word: speech)" in result.err
    assert "Status 'Presnt' -> delivered" in result.err
    assert (
        "Speech therapy: 3 delivered (80 min, 1 partial), 3 missed (90 min: provider-absent 30, student-absent 60)"
        in result.err
    )
    assert case_file() == before


def test_the_import_can_answer_the_records_request(cli, logs, lena, tmp_path):
    result = cli(
        "school-log",
        "import",
        str(logs.write_csv(tmp_path, logs.LENA_LOG)),
        *logs.LENA_OPTIONS,
        "--received",
        "2026-12-01",
        "--answers-request",
    )
    assert result.code == 0, result.err
    step = lena.load(logs.CASE_ID).escalations[0]
    assert step.status == "answered" and step.response_date == date(2026, 12, 1)
    assert step.response.startswith("Service logs received on 2026-12-01: service_log.csv (SHA-256 ")
    assert {s.provenance.received for s in school_sessions(lena)} == {date(2026, 12, 1)}
    assert "marked answered on 2026-12-01" in result.err


def test_a_later_export_contradicting_an_earlier_import_is_imported_and_said(cli, logs, lena, case_file, tmp_path):
    first = logs.write_csv(tmp_path, logs.LENA_LOG)
    assert cli("school-log", "import", str(first), *logs.LENA_OPTIONS, "--received", "2026-12-01").code == 0
    # The district's next export (one student, so no --student) says otherwise about two dates:
    #   row 2 speech 09-14 Provider Absent 30: the first log's row 2 says delivered 30 (speech: one a day)
    #   row 3 speech 10-05 Present 30: a new date, nothing to contradict
    #   row 4 reading 09-15 Present 45: the first log's row 11 says missed 45 (staff shortage; reading: one a day)
    #   row 5 speech 09-16 Therapist Absent 30: the same as the first log's row 3: skipped, in the case already
    later = logs.write_csv(
        tmp_path,
        "Date,Service,Minutes,Status\n"
        "09/14/2026,Speech,30,Provider Absent\n"
        "10/05/2026,Speech,30,Present\n"
        "09/15/2026,Reading,45,Present\n"
        "09/16/2026,Speech,30,Therapist Absent\n",
        name="service_log_dec.csv",
    )
    warnings = [
        "Row 2 contradicts service_log.csv row 2 (imported before, received 2026-12-01): Speech therapy on "
        "2026-09-14 is delivered 30 min there and missed 30 min (provider-absent) here; both are kept, so the "
        "district's log gives two accounts of that date: ask the district which it stands by.",
        "Row 4 contradicts service_log.csv row 11 (imported before, received 2026-12-01): Reading instruction on "
        "2026-09-15 is missed 45 min (staff-shortage) there and delivered 45 min here; both are kept, so the "
        "district's log gives two accounts of that date: ask the district which it stands by.",
    ]
    # before saving: the dry run's summary says it, and saves nothing
    before = case_file()
    dry = cli("school-log", "import", str(later), "--dry-run")
    assert dry.code == 0, dry.err
    for warning in warnings:
        assert warning in dry.err
    assert dry.out.strip() == (
        "Dry run: 3 entries would be added from service_log_dec.csv; nothing was saved. "
        "2 rows contradict an earlier import of the district's log (see above)."
    )
    assert case_file() == before

    result = cli("school-log", "import", str(later), "--json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["added"] == 3
    assert [s["row"] for s in doc["skipped"]] == [5]
    for warning in warnings:
        assert warning in doc["warnings"]
    assert doc["contradictions"] == [
        {
            "row": 2,
            "requirement_id": "req-speech",
            "date": "2026-09-14",
            "file": "service_log.csv",
            "file_row": 2,
            "earlier": "delivered 30 min",
            "now": "missed 30 min (provider-absent)",
        },
        {
            "row": 4,
            "requirement_id": "req-reading",
            "date": "2026-09-15",
            "file": "service_log.csv",
            "file_row": 11,
            "earlier": "missed 45 min (staff-shortage)",
            "now": "delivered 45 min",
        },
    ]


def test_the_provenance_holds_the_files_own_sha256(cli, logs, lena, tmp_path):
    import hashlib

    log = logs.write_csv(tmp_path, logs.LENA_LOG)
    assert cli("school-log", "import", str(log), *logs.LENA_OPTIONS).code == 0
    digest = hashlib.sha256(log.read_bytes()).hexdigest()  # the bytes on disk, hashed here, not by the import
    assert {s.provenance.sha256 for s in school_sessions(lena)} == {digest}


def test_one_of_each_is_said_in_the_singular(cli, logs, lena, tmp_path):
    # one row of Lena's, one of another student's: 1 entry added, 1 row of another student skipped
    log = logs.write_csv(
        tmp_path,
        "Student,Date,Service,Minutes,Status\n"
        "Lena Rivera,09/14/2026,Speech,30,Present\n"
        "Marcus Webb,09/14/2026,Speech,30,Present\n",
    )
    dry = cli("school-log", "import", str(log), "--student", "lena", "--dry-run")
    assert dry.out.strip() == "Dry run: 1 entry would be added from service_log.csv; nothing was saved."
    assert "Student: Lena Rivera (1 row of another student skipped)" in dry.err
    result = cli("school-log", "import", str(log), "--student", "lena")
    assert result.code == 0, result.err
    assert result.out.strip() == "Imported 1 entry from service_log.csv (source school-log)."
