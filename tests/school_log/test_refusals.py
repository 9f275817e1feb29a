"""Every bad input is refused with one sentence on stderr, exit 2, and the case file left byte for byte."""

from __future__ import annotations

import io
import zipfile

import pytest

HEAD = "Student,Service,Date,Minutes,Status"


def body(*rows: str) -> str:
    return "\n".join([HEAD, *rows]) + "\n"


GOOD = "Lena Rivera,Speech,09/14/2026,30,Present"

CSV_CASES = {
    # name: (file text, extra options, words the message must hold)
    "no status column": (
        "Student,Service,Date,Minutes\nLena Rivera,Speech,09/14/2026,30\n",
        (),
        [
            "has no status column",
            "Status, Attendance, Session Status",
            "the headers found (row 1) are: Student, Service, Date, Minutes",
        ],
    ),
    "a date that is not a date": (
        body(GOOD, "Lena Rivera,Speech,9/31/2026,30,Present"),
        (),
        ["row 3", "'9/31/2026' is not a date"],
    ),
    "day-first and month-first dates": (
        body(
            "Lena Rivera,Speech,14/09/2026,30,Present",
            "Lena Rivera,Speech,09/15/2026,30,Present",
            "Lena Rivera,Speech,09/16/2026,30,Present",
        ),
        (),
        ["mixes day-first and month-first dates", "row 2: 14/09/2026", "row 3: 09/15/2026"],
    ),
    "day-first dates only": (body("Lena Rivera,Speech,16/09/2026,30,Present"), (), ["row 2", "not a US date"]),
    "a row without a date": (body(GOOD, "Lena Rivera,Speech,,30,Present"), (), ["row 3 has no date (Date)"]),
    "a session after today": (
        body(GOOD, "Lena Rivera,Speech,12/07/2026,30,Present"),
        (),
        ["row 3 is dated 2026-12-07, after today (2026-12-04)"],
    ),
    "minutes that are not minutes": (
        body("Lena Rivera,Speech,09/14/2026,half an hour,Present"),
        (),
        ["row 2: Minutes 'half an hour' is not a number of minutes"],
    ),
    "a time of day in the minutes column": (
        body("Lena Rivera,Speech,09/14/2026,10:30,Present"),
        (),
        ["row 2: Minutes '10:30' looks like a time of day"],
    ),
    # "Time" holding 12-hour start times: 1:15 would read as 75 minutes (1 h 15 min), so it is refused
    "a clock time in a Time column": (
        "Student,Service,Date,Time,Status\nLena Rivera,Speech,09/14/2026,30,Present\n"
        "Lena Rivera,Speech,09/16/2026,1:15,Present\n",
        (),
        ["row 3: Time '1:15' looks like a clock time, not a number of minutes", "Duration"],
    ),
    "an unknown status": (
        body(GOOD, "Lena Rivera,Speech,09/15/2026,30,Excused"),
        (),
        ["'Excused' (row 3)", "--status", "student-absent"],
    ),
    "a service matching nothing": (
        body("Lena Rivera,Social Work,09/14/2026,30,Present"),
        (),
        ["'Social Work' matches no requirement", "--service"],
    ),
    "a missed row with no minutes and no session length": (
        body("Lena Rivera,Counseling,09/14/2026,,Absent"),
        (),
        ["row 2: no minutes", "Counseling has no session length"],
    ),
    "two students without --student": (
        body(GOOD, "Marcus Webb,Speech,09/14/2026,30,Present"),
        (),
        ["2 students (Lena Rivera; Marcus Webb)"],
    ),
    "--student naming nobody in the file": (
        body(GOOD),
        ("--student", "Marcus"),
        ["--student 'Marcus' matches no student", "Lena Rivera"],
    ),
    "--service naming no requirement": (
        body(GOOD),
        ("--service", "Speech=physics"),
        ["No requirement matches 'physics'"],
    ),
    "--service without =": (body(GOOD), ("--service", "Speech"), ['needs the form "NAME IN LOG=REQUIREMENT"']),
    "--status with a meaning that is none": (body(GOOD), ("--status", "Present=attended"), ["needs the form"]),
    "--status with a reason that is none": (
        body(GOOD),
        ("--status", "Present=missed:aliens"),
        ["'aliens' is not a reason"],
    ),
    "--answers-request when none is waiting": (
        body(GOOD),
        ("--answers-request", "--received", "2026-10-01"),
        ["No records request sent on or before 2026-10-01"],
    ),
    "--received after today": (body(GOOD), ("--received", "2026-12-05"), ["after today"]),
    "an empty file": ("", (), ["is empty"]),
    "a cell longer than any note": (body(GOOD + " " + "x" * 2001), (), ["column 5 holds 2,009 characters"]),
}


@pytest.mark.parametrize("name", list(CSV_CASES))
def test_a_refused_csv_writes_nothing(name, cli, logs, lena, case_file, tmp_path):
    text, options, words = CSV_CASES[name]
    path = logs.write_csv(tmp_path, text)
    before = case_file()
    result = cli("school-log", "import", str(path), *options)
    assert result.code == 2, result.err
    assert result.out == ""
    message = result.err.strip()
    assert message.startswith("iep-tui: ") and "\n" not in message and "Traceback" not in message
    for word in words:
        assert word in message
    assert case_file() == before


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_zip_bomb_is_refused_unread(cli, logs, lena, case_file, tmp_path):
    # 70 MB of one repeated byte deflates to about 70 KB; the cap on what an XLSX unzips to is 64 MB
    bomb = _zip({"xl/workbook.xml": b"<workbook/>", "xl/sharedStrings.xml": b" " * (70 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024
    path = tmp_path / "log.xlsx"
    path.write_bytes(bomb)
    before = case_file()
    result = cli("school-log", "import", str(path))
    assert result.code == 2
    assert "unzips to 70 MB" in result.err and "refused unread" in result.err
    assert case_file() == before


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "an old Excel .xls file"),
        (b"PK\x03\x04 not really a zip", "is damaged"),
        (
            _zip({"content.xml": b"<office:document/>", "mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
            "not an Excel workbook",
        ),
        (_zip({"xl/workbook.xml": b"<not a workbook"}), "cannot be read as an Excel workbook"),
    ],
    ids=["xls", "damaged zip", "ods", "broken workbook"],
)
def test_files_that_are_not_a_readable_workbook(content, words, cli, lena, case_file, tmp_path):
    path = tmp_path / "log.xlsx"
    path.write_bytes(content)
    before = case_file()
    result = cli("school-log", "import", str(path))
    assert result.code == 2 and words in result.err and "Traceback" not in result.err
    assert case_file() == before


def test_more_rows_than_a_log_holds(cli, logs, lena, case_file, tmp_path):
    # 50,000 rows are read; the 50,001st stops the import (header + 50,000 rows of sessions)
    rows = [GOOD] * 50_000
    path = logs.write_csv(tmp_path, body(*rows))
    before = case_file()
    result = cli("school-log", "import", str(path))
    assert result.code == 2 and "more than 50,000 rows" in result.err
    assert case_file() == before


def test_an_xlsx_with_a_hostile_dimension_is_refused_quickly(cli, logs, lena, case_file, tmp_path):
    # a sheet whose one row sits at row 60,000: the empty rows before it count, and the cap stops the read
    from openpyxl import Workbook

    book = Workbook()
    book.active.cell(row=60_000, column=1, value="x")
    out = io.BytesIO()
    book.save(out)
    path = tmp_path / "log.xlsx"
    path.write_bytes(out.getvalue())
    before = case_file()
    result = cli("school-log", "import", str(path))
    assert result.code == 2 and "more than 50,000 rows" in result.err
    assert case_file() == before


def test_a_file_larger_than_a_log(cli, lena, case_file, tmp_path):
    path = tmp_path / "log.csv"
    path.write_bytes(b"Date,Service,Minutes,Status\n" + b" " * (20 * 1024 * 1024))
    before = case_file()
    result = cli("school-log", "import", str(path))
    assert result.code == 2 and "is more than 20 MB" in result.err
    assert case_file() == before


def test_a_missing_file_and_a_folder(cli, lena, tmp_path):
    missing = cli("school-log", "import", str(tmp_path / "nope.csv"))
    assert missing.code == 2 and "There is no file" in missing.err
    folder = cli("school-log", "import", str(tmp_path))
    assert folder.code == 2 and "is a folder" in folder.err
