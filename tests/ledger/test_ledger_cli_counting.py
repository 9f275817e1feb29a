"""Issue 11 items 8-10 and issue 14's two records, as the CLI says them (text and JSON).

Fixtures in conftest.py: today is Wed 2026-12-02 on the district calendar; the IEP took effect
Mon 2026-11-16, so `owed` runs Nov 16 .. Dec 2. Speech is 30 min 2x weekly, speech group
20 min 1x weekly. Required for speech: week of Nov 16 (5 school days) 60 + Thanksgiving week
0 + week of Nov 30 (Mon-Wed in range) 60 x 3/5 = 36: 96 (prorate).
"""

from __future__ import annotations

import json

from iep_tui.domain.models import Case, CaseBundle
from iep_tui.store.case_store import CaseStore


def speech_row(cli) -> dict:
    return json.loads(cli("owed", "speech", "--json").out)[0]


# ---------------------------------------------------------------- item 8: same-day arithmetic


def test_a_partial_and_the_miss_of_its_rest_owe_ten_not_twenty(cli, checklist):
    cli("log", "delivered", "speech", "20", "--date", "2026-11-19")  # 10 short
    r = cli("log", "missed", "speech", "--minutes", "10", "--date", "2026-11-19", "--reason", "provider")
    # one 30-minute session: 20 delivered, 10 lost (the miss): owed 10
    assert "speech: 10 min owed since 2026-11-16." in r.out
    row = speech_row(cli)
    assert (row["owed_minutes"], row["shortfall_minutes"], row["delivered_minutes"]) == (10, 0, 20)
    # 96 required - (20 + 0 + 10) = 66 unaccounted
    assert row["unaccounted_minutes"] == 66


def test_a_probable_duplicate_is_counted_once_and_said_in_text_and_json(cli, checklist):
    cli("log", "missed", "speech", "--date", "2026-11-17", "--reason", "provider")
    r = cli("log", "missed", "speech", "--date", "2026-11-17", "--reason", "provider")
    assert "probable duplicate" in r.err
    # one session of 30 lost, not two: 30 owed
    assert "speech: 30 min owed" in r.out
    row = speech_row(cli)
    assert row["owed_minutes"] == 30 and len(row["duplicate_entries"]) == 1
    duplicate = row["duplicate_entries"][0]["id"]
    text = cli("owed", "speech").out
    assert f"probable duplicate: 2026-11-17 missed 30 min (provider-absent), entry {duplicate}" in " ".join(
        text.split()
    )


def test_owed_beyond_a_weeks_required_minutes_is_said_with_its_entries(cli, checklist):
    # speech group, 20 min 1x weekly: two misses in the week of Nov 16 owe 40, the week requires 20
    first = json.loads(
        cli("log", "missed", "speech group", "--date", "2026-11-16", "--reason", "provider", "--json").out
    )["session"]["id"]
    second = json.loads(
        cli("log", "missed", "speech group", "--date", "2026-11-18", "--reason", "provider", "--json").out
    )["session"]["id"]
    text = " ".join(cli("owed", "speech group").out.split())
    assert (
        f"owed beyond required: 2026-11-16..2026-11-22: 40 min owed but 20 min required; entries {first}, "
        f"{second}: check them for an entry logged twice or wrong minutes"
    ) in text


# ---------------------------------------------------------------- item 9: every entry counts from the start


def test_the_first_entry_of_a_case_without_an_iep_date_counts_and_the_confirmation_says_so(cli, workspace, monkeypatch):
    # no IEP date and no district calendar (school days estimated as Washington business days)
    monkeypatch.setenv("IEP_TUI_TODAY", "2026-12-02")
    CaseStore(workspace.ensure()).create(CaseBundle(case=Case(id="case-new", student="Ana", state="WA")))
    cli("req", "add", "--kind", "service", "--name", "speech", "--text", "Speech", "--frequency", "30 min 2x weekly")
    r = cli("log", "missed", "speech", "--date", "2026-11-30", "--reason", "provider")
    # before: "outside the ledger's range (from 2026-12-02)" and "0 min owed", while `owed` then counted it
    assert "outside" not in r.out and "before the ledger's range" not in r.err
    assert "speech: 30 min owed since 2026-11-30." in r.out
    row = speech_row(cli)
    # what `owed` says is what the confirmation said: from Mon Nov 30, owed 30;
    # required Mon-Wed, 3 business days: 60 x 3/5 = 36; unaccounted 36 - 30 = 6
    assert (row["from"], row["owed_minutes"], row["required_minutes"], row["unaccounted_minutes"]) == (
        "2026-11-30",
        30,
        36,
        6,
    )
    assert "Owed since 2026-11-30: 30 min" in cli("status").out


# ---------------------------------------------------------------- not as written


def test_a_session_not_delivered_as_written_is_listed_and_owed_by_default(cli, checklist):
    r = cli("log", "delivered", "speech", "--date", "2026-11-17", "--as", "group of 5")
    assert "(30 min, as group of 5: not as written, owed)" in r.out
    assert "speech: 30 min owed" in r.out
    row = speech_row(cli)
    # 30 minutes happened, not as written: not delivered, owed, listed
    assert (row["delivered_minutes"], row["not_as_written_minutes"], row["owed_minutes"]) == (0, 30, 30)
    assert row["not_as_written_entries"][0]["delivered_as"] == "group of 5"
    # unaccounted 96 - 30 = 66
    assert row["unaccounted_minutes"] == 66
    assert "not as written: 30 min (owed): 2026-11-17 group of 5" in cli("owed", "speech").out
    assert "not as written 30 min" in cli("status").out
    assert json.loads(cli("status", "--json").out)["not_as_written_minutes"] == 30
    # the policy can count them as delivered instead: delivered 30, owed 0, still listed
    assert cli("policy", "--not-as-written", "delivered").code == 0
    row = speech_row(cli)
    assert (row["delivered_minutes"], row["not_as_written_minutes"], row["owed_minutes"]) == (30, 30, 0)
    assert "not as written: 30 min (counted as delivered)" in cli("owed", "speech").out


# ---------------------------------------------------------------- item 10: the sessions policy


def test_the_sessions_policy_and_session_days(cli, checklist):
    assert speech_row(cli)["required_minutes"] == 96  # prorate, see the module doc
    r = cli("policy", "--partial-period", "sessions")
    assert r.code == 0 and "Partial periods (sessions)" in " ".join(r.out.split())
    # week of Nov 16: 2 sessions (60); week of Nov 30, Mon-Wed in range: 2 sessions (60): 120
    assert speech_row(cli)["required_minutes"] == 120
    r = cli("policy", "--session-days", "speech=thu,tuesday")
    assert "Session days of speech: tue, thu." in r.out
    # on Tue/Thu: week of Nov 30 has Tue Dec 1 in range, Thu Dec 3 after it: 1 session; 60 + 30 = 90
    row = speech_row(cli)
    assert row["required_minutes"] == 90
    assert row["policy"]["session_days"] and row["policy"]["partial_period"] == "sessions"
    explained = " ".join(cli("owed", "speech", "--explain").out.split())
    assert (
        "2026-11-30..2026-12-06: 1 of 2 sessions x 30 min = 30 min (short week: not in the range counted "
        "Thu 2026-12-03 (a session day), Fri 2026-12-04 (not a session day))"
    ) in explained
    # cleared: back to 120
    cli("policy", "--session-days", "speech=")
    assert speech_row(cli)["required_minutes"] == 120


def test_bad_session_days_are_one_sentence_and_change_nothing(cli, checklist):
    for args, words in (
        (("--session-days", "speech=tue"), "give 2 weekdays, not 1"),
        (("--session-days", "speech=tue,sat"), "'sat' is not a school weekday"),
        (("--session-days", "speech"), 'such as "speech=tue,thu"'),
        (("--session-days", "extended=mon"), "not an 'N x weekly' service"),
        (("--partial-period", "weekly"), "invalid choice"),
    ):
        r = cli("policy", *args)
        assert r.code == 2 and words in r.err and "Traceback" not in r.err, args
    assert json.loads(cli("policy", "--json").out)["session_days"] == {}


# ---------------------------------------------------------------- two records


def test_the_school_log_and_the_parent_disagreeing_is_disputed_not_owed(cli, checklist):
    cli("log", "delivered", "speech", "--date", "2026-11-17", "--source", "school-log")
    r = cli("log", "missed", "speech", "--date", "2026-11-17", "--reason", "provider")
    assert "disputed between the two records" in r.err
    assert "speech: 0 min owed" in r.out
    row = speech_row(cli)
    # the date counts neither way: delivered 0, owed 0, 30 disputed; unaccounted 96 - 30 = 66
    assert (row["delivered_minutes"], row["owed_minutes"], row["disputed_minutes"], row["unaccounted_minutes"]) == (
        0,
        0,
        30,
        66,
    )
    text = " ".join(cli("owed", "speech").out.split())
    assert (
        "disputed: 2026-11-17: school log: delivered 30 min | parent's record: missed 30 min (provider-absent): "
        "30 min neither delivered nor owed until settled"
    ) in text
    assert "Total owed 0 min; unaccounted 66 min; disputed 30 min." in text


def test_the_two_records_agreeing_count_once(cli, checklist):
    cli("log", "missed", "speech", "--date", "2026-11-17", "--reason", "provider", "--source", "school-log")
    r = cli("log", "missed", "speech", "--date", "2026-11-17", "--reason", "unknown")
    # both say missed, both reasons owed: one session, 30 owed (not 60), no duplicate warning
    assert "speech: 30 min owed" in r.out and "duplicate" not in r.err
    row = speech_row(cli)
    assert row["owed_minutes"] == 30 and len(row["counted_once_ids"]) == 1
