"""Letters quote the district's own log; the binder encloses the reconciliation with each row's file and row.

The figures are those of test_district_log_view.py: the log (received 2026-12-01) admits speech
on Sep 16 (30 min, provider absent) and reading on Sep 15 (45 min, staff shortage), 75 min in all;
speech on Sep 21 is disputed (log: delivered 20 min, row 8; parent: missed 30 min, provider absent).
"""

from __future__ import annotations

import csv
import io
import zipfile

import pytest

ADMITTED = (
    "According to the district's service log produced on December 1, 2026, the district's own log records as not "
    "provided to Lena 30 minutes of speech therapy (September 16, 2026; the log's reason: provider absent) and 45 "
    "minutes of reading instruction (September 15, 2026; the log's reason: staff shortage), 75 minutes (1 h 15 min) "
    "in all. These are the district's own entries, not my observations."
)
DISPUTED = (
    "The district's log and my record disagree about 1 date, which I list as disputed and do not count either way "
    "until it is settled: speech therapy on September 21, 2026 (the district's log: delivered 20 min (10 short), "
    "service_log.csv row 8; my record: missed 30 min (provider absent))."
)


@pytest.fixture
def imported(cli, logs, lena, tmp_path):
    logs.import_lena_log_and_her_miss(cli, tmp_path)
    return lena


@pytest.mark.parametrize("kind", ["compliance-notice", "state-complaint"])
def test_the_letters_quote_the_district_log_and_list_the_disputed_date(cli, imported, kind):
    result = cli("letter", kind, "--text")
    assert result.code == 0, result.err
    text = " ".join(result.out.split())
    assert ADMITTED in text
    assert DISPUTED in text


@pytest.mark.parametrize("kind", ["compliance-notice", "state-complaint"])
def test_a_date_the_log_calls_missed_and_my_record_delivered_is_the_logs_word_and_disputed(cli, imported, kind):
    # my record: speech delivered on 09-16, where the log (row 3) says Therapist Absent. The log alone still
    # shows 30 + 45 = 75 min not provided (what it admits); the letter says so as the log's account, never as
    # mine ("was not provided"), says my record differs on 09-16, and lists 09-16 with 09-21 as disputed.
    assert cli("log", "delivered", "speech", "--date", "2026-09-16").code == 0
    text = " ".join(cli("letter", kind, "--text").out.split())
    assert "was not provided" not in text
    assert (
        ADMITTED.removesuffix(".")
        + "; my own record differs for speech therapy on September 16, 2026, which I list as disputed."
    ) in text
    assert (
        "The district's log and my record disagree about 2 dates, which I list as disputed and do not count either "
        "way until they are settled: speech therapy on September 16, 2026 (the district's log: missed 30 min "
        "(provider absent), service_log.csv row 3; my record: delivered 30 min) and speech therapy on September 21, "
        "2026 (the district's log: delivered 20 min (10 short), service_log.csv row 8; my record: missed 30 min "
        "(provider absent))."
    ) in text


def test_a_group_cell_of_one_word_is_not_repeated(cli, logs, lena, tmp_path):
    # the log's Ratio column says just "Group" where speech's IEP says individual: delivered as "group",
    # not "group (Group)"; "Group 1:4" keeps its words: "group (Group 1:4)"
    log = logs.write_csv(
        tmp_path,
        "Date,Service,Minutes,Status,Ratio\n09/14/2026,Speech,30,Present,Group\n"
        "09/16/2026,Speech,30,Present,Group 1:4\n",
    )
    assert cli("school-log", "import", str(log)).code == 0
    sessions = sorted(lena.load(logs.CASE_ID).sessions, key=lambda s: s.date)
    assert [s.delivered_as for s in sessions] == ["group", "group (Group 1:4)"]
    text = " ".join(cli("letter", "compliance-notice", "--text").out.split())
    assert "was delivered as \u201cgroup\u201d (" in text and "group (Group)" not in text


def test_the_compliance_notice_asks_for_the_rest_of_the_log(cli, imported):
    text = " ".join(cli("letter", "compliance-notice", "--text").out.split())
    assert "(the log produced on December 1, 2026 covers September 14, 2026 to September 30, 2026 only)" in text


def test_without_an_imported_log_the_letters_say_nothing_of_it(cli, logs, lena):
    assert cli("log", "missed", "speech", "--date", "2026-09-16", "--reason", "provider-absent").code == 0
    text = cli("letter", "compliance-notice", "--text").out
    assert "district's service log produced" not in text and "district's own log" not in text


def test_the_binder_encloses_the_reconciliation_with_file_and_row(cli, imported, tmp_path):
    out = tmp_path / "binder.zip"
    assert cli("binder", "--out", str(out)).code == 0
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        assert "exhibit-r-reconciliation.docx" in names
        rows = list(csv.reader(io.StringIO(archive.read("reconciliation.csv").decode("utf-8-sig"))))  # BOM: for Excel
        readme = archive.read("README.txt").decode("utf-8")
    assert rows[0] == [
        "date",
        "requirement",
        "outcome",
        "district_log",
        "parent_record",
        "not_as_written",
        "log_file",
        "log_row",
        "received",
    ]
    by_date = {(r[0], r[1]): r for r in rows[1:]}
    # speech: 09-14, 09-16, 09-21, 09-23, 09-28, 09-30 from the log; OT 09-15, 09-22; reading 09-14, 09-15
    assert len(rows) - 1 == 10
    assert by_date[("2026-09-21", "Speech therapy")][2:] == [
        "disputed",
        "delivered 20 min (10 short)",
        "missed 30 min (provider-absent)",
        "",
        "service_log.csv",
        "8",
        "2026-12-01",
    ]
    assert by_date[("2026-09-30", "Speech therapy")][5:7] == ["group (3)", "service_log.csv"]
    assert "exhibit-r-reconciliation.docx" in readme
