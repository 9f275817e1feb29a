"""`iep-tui reconcile` after importing the district's log: hand-worked, date by date.

The log is `LENA_LOG` (conftest.py), imported with its mappings. Its entries, by requirement:

    speech   09-14 delivered 30 · 09-16 missed provider-absent 30 · 09-21 delivered 20 (partial)
             09-23 missed student-absent 30 · 09-28 missed student-absent 30 · 09-30 delivered 30 in a group of 3
    OT       09-15 delivered 30 · 09-22 delivered 30
    reading  09-14 delivered 45 · 09-15 missed staff-shortage 45

The parent's own record (parent-observation) then says:

    speech   09-14 delivered 30                  -> agree (both delivered 30)
             09-21 missed provider-absent 30      -> disputed (the log says delivered 20)
             10-05 missed provider-absent 30      -> parent only
    OT       09-15 delivered 30                  -> agree
    reading  09-15 missed staff-shortage 45      -> agree (both missed, the same reason)

So, with the default policy (owed: every reason but student-absent and school-closed):

    speech   district's log delivered 30 + 20 + 30 = 80 min; admitted (its own owed misses) 09-16: 30 min
             agree [09-14]; disputed [09-21]; school only [09-16, 09-23, 09-28, 09-30];
             parent only [10-05]; not as written [09-30]
    OT       delivered 30 + 30 = 60; admitted 0; agree [09-15]; school only [09-22]
    reading  delivered 45; admitted 45 (09-15, staff-shortage); agree [09-15]; school only [09-14]
    Counseling (60 min monthly): no entries, all lists empty
    admitted in all 30 + 45 = 75 min; 1 disputed date
"""

from __future__ import annotations

import json


def parent_record(cli) -> None:
    for args in (
        ("delivered", "speech", "--date", "2026-09-14"),
        ("missed", "speech", "--date", "2026-09-21", "--reason", "provider-absent"),
        ("missed", "speech", "--date", "2026-10-05", "--reason", "provider-absent"),
        ("delivered", "occupational", "--date", "2026-09-15"),
        ("missed", "reading", "--date", "2026-09-15", "--reason", "staff-shortage"),
    ):
        result = cli("log", *args)
        assert result.code == 0, result.err


def test_reconcile_json_date_by_date(cli, logs, lena, tmp_path):
    assert cli("school-log", "import", str(logs.write_csv(tmp_path, logs.LENA_LOG)), *logs.LENA_OPTIONS).code == 0
    parent_record(cli)
    result = cli("reconcile", "--json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert (doc["from"], doc["to"]) == ("2026-09-08", "2026-12-04")
    rows = {r["name"]: r for r in doc["requirements"]}
    assert list(rows) == ["Speech therapy", "Occupational therapy", "Reading instruction", "Counseling"]
    assert rows["Speech therapy"] == {
        "name": "Speech therapy",
        "school_delivered_minutes": 80,
        "school_admitted_owed_minutes": 30,
        "agree_dates": ["2026-09-14"],
        "disputed_dates": ["2026-09-21"],
        "school_only_dates": ["2026-09-16", "2026-09-23", "2026-09-28", "2026-09-30"],
        "parent_only_dates": ["2026-10-05"],
        "not_as_written_dates": ["2026-09-30"],
    }
    ot = rows["Occupational therapy"]
    assert (ot["school_delivered_minutes"], ot["school_admitted_owed_minutes"]) == (60, 0)
    assert (ot["agree_dates"], ot["school_only_dates"]) == (["2026-09-15"], ["2026-09-22"])
    reading = rows["Reading instruction"]
    assert (reading["school_delivered_minutes"], reading["school_admitted_owed_minutes"]) == (45, 45)
    assert (reading["agree_dates"], reading["school_only_dates"]) == (["2026-09-15"], ["2026-09-14"])
    counseling = rows["Counseling"]
    assert counseling["school_delivered_minutes"] == 0 and counseling["agree_dates"] == []


def test_reconcile_text_shows_both_versions_of_a_disputed_date(cli, logs, lena, tmp_path):
    assert cli("school-log", "import", str(logs.write_csv(tmp_path, logs.LENA_LOG)), *logs.LENA_OPTIONS).code == 0
    parent_record(cli)
    result = cli("reconcile")
    assert result.code == 0
    text = result.out
    assert "  district's log: 80 min delivered, 30 min not provided and owed" in text
    assert "  agree 1  disputed 1  school only 4  parent only 1  not as written 1" in text
    # the disputed date, the log's row it comes from, and the parent's version
    flat = " ".join(text.split())
    assert (
        "2026-09-21 disputed: school log delivered 20 min (10 short) (service_log.csv row 8); "
        "parent missed 30 min (provider-absent)"
    ) in flat
    assert (
        "The district's own log shows 75 min not provided that the case's policy counts as owed; 1 date disputed."
        in flat
    )
    assert all(len(line) <= 79 for line in text.splitlines())


def test_reconcile_range_and_bad_range(cli, logs, lena, tmp_path):
    assert cli("school-log", "import", str(logs.write_csv(tmp_path, logs.LENA_LOG)), *logs.LENA_OPTIONS).code == 0
    # only Sep 21-25: speech 09-21 (delivered 20) and 09-23 (student-absent, not owed)
    doc = cli("reconcile", "--from", "2026-09-21", "--to", "2026-09-25", "--json").json()
    speech = doc["requirements"][0]
    assert (speech["school_delivered_minutes"], speech["school_admitted_owed_minutes"]) == (20, 0)
    assert speech["school_only_dates"] == ["2026-09-21", "2026-09-23"]
    bad = cli("reconcile", "--from", "2026-10-01", "--to", "2026-09-01")
    assert bad.code == 2 and "before it starts" in bad.err and bad.out == ""
