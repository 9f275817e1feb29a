"""Quick entry through `iep_tui.cli.main`: exit codes, one confirmation line, one JSON document.

Today is fixed to Wed 2026-12-02 on the district calendar of conftest.py (Thanksgiving
week Nov 23-27 closed). The case's IEP is effective Mon 2026-11-16, so the default
ledger range is Nov 16 .. Dec 2: weeks of Nov 16 (5 school days), Nov 23 (closed) and
Nov 30 (Mon, Tue, Wed: 3 school days in range). The `case_id` and `checklist` fixtures
are in conftest.py.
"""

from __future__ import annotations

import json

import pytest

from iep_tui.domain.models import Case, CaseBundle
from iep_tui.store.case_store import CaseStore


def test_req_add_prints_the_id_and_stores_the_canonical_frequency(cli, case_id):
    result = cli(
        "req",
        "add",
        "--kind",
        "service",
        "--name",
        "ot",
        "--text",
        "Occupational therapy",
        "--frequency",
        "2 x 30 minutes per week",
    )
    assert result.code == 0
    listed = cli("req", "list", "--json")
    assert listed.code == 0
    rows = json.loads(listed.out)
    assert rows[0]["id"] == result.last_line
    assert rows[0]["frequency"] == "30 min 2x weekly"
    assert rows[0]["frequency_description"] == "30 min, 2 sessions a week (60 min a week)"


def test_req_add_bad_frequency_exits_2_with_an_example(cli, case_id):
    result = cli("req", "add", "--kind", "service", "--name", "ot", "--text", "OT", "--frequency", "whenever")
    assert result.code == 2
    assert "30 min 2x weekly" in result.err
    assert result.out == ""


def test_req_add_duplicate_name_exits_2(cli, checklist):
    assert cli("req", "add", "--kind", "service", "--name", "Speech", "--text", "x").code == 2


def test_a_day_of_entries_each_with_one_line_and_the_owed_total(cli, checklist):
    # missed Tue Nov 17 (provider absent, the 30-minute session): owed 30
    r = cli("log", "missed", "speech", "--date", "2026-11-17", "--reason", "provider")
    assert r.code == 0
    assert r.out.count("\n") == 1
    assert r.out.startswith("Logged speech missed on Tue 2026-11-17 (provider-absent, 30 min).")
    assert "speech: 30 min owed since 2026-11-16." in r.out
    # delivered Thu Nov 19, 20 of 30 minutes: 10 short -> owed 30 + 10 = 40
    r = cli("log", "delivered", "speech", "20", "--date", "2026-11-19", "--source", "school-log")
    assert "(20 of 30 min: 10 short)" in r.out and "40 min owed" in r.out
    # make-up Tue Dec 1, 15 minutes: 40 - 15 = 25
    r = cli("log", "makeup", "speech", "15", "--date", "yesterday")
    assert "speech: 25 min owed" in r.out
    # delivered today at the session length: owed unchanged
    r = cli("log", "delivered", "speech")
    assert "on Wed 2026-12-02 (30 min)" in r.out and "25 min owed" in r.out


def test_owed_json_is_one_document_with_the_hand_worked_ledger(cli, checklist):
    cli("log", "missed", "speech", "--date", "2026-11-17", "--reason", "provider-absent")
    cli("log", "delivered", "speech", "20", "--date", "2026-11-19")
    cli("log", "missed", "speech", "--date", "2026-11-20", "--reason", "student-absent")
    cli("log", "makeup", "speech", "15", "--date", "2026-12-01")
    result = cli("owed", "--json")
    assert result.code == 0
    rows = json.loads(result.out)  # the whole of stdout is one JSON document
    speech = next(r for r in rows if r["name"] == "speech")
    # required: week of Nov 16 full (60) + closed week (0) + Nov 30..Dec 2, 3/5 of 60 (36) = 96
    assert speech["required_minutes"] == 96
    assert speech["delivered_minutes"] == 20
    assert speech["missed_minutes"]["provider-absent"] == 30
    assert speech["missed_minutes"]["student-absent"] == 30
    assert speech["makeup_minutes"] == 15
    # owed: 30 (provider-absent) + 10 (shortfall) - 15 (make-up) = 25; student-absent not owed
    assert speech["owed_minutes"] == 25
    # unaccounted: 96 - (20 + 10 + 30 + 30) = 6
    assert speech["unaccounted_minutes"] == 6
    assert len(speech["owed_entry_ids"]) == 2
    assert speech["policy"]["partial_period"] == "prorate"
    assert "student-absent" not in speech["policy"]["owed_reasons"]
    # speech group (20 min 1x weekly), nothing logged: 20 + 0 + 3/5 x 20 = 32, all unaccounted
    group = next(r for r in rows if r["name"] == "speech group")
    assert (group["required_minutes"], group["owed_minutes"], group["unaccounted_minutes"]) == (32, 0, 32)


def test_owed_range_and_text_output(cli, checklist):
    cli("log", "missed", "speech", "--date", "2026-11-17", "--reason", "unknown")
    # Nov 16..22 only: one full week, 60 required
    result = cli("owed", "speech", "--from", "2026-11-16", "--to", "2026-11-22", "--json")
    assert [r["required_minutes"] for r in json.loads(result.out)] == [60]
    text = cli("owed", "--explain")
    assert text.code == 0
    assert "OWED 30 min" in text.out
    assert "2026-11-30..2026-12-06: 3/5 school days of 60 min = 36 -> 36 min" in text.out
    assert "Partial periods (prorate)" in " ".join(text.out.split())  # the policy paragraph is wrapped


def test_school_days_ago_uses_the_case_calendar(cli, checklist):
    # from Wed Dec 2: Tue Dec 1, Mon Nov 30, then (closed week, weekend) Fri Nov 20
    r = cli("log", "missed", "speech", "--date", "3 school days ago")
    assert "on Fri 2026-11-20" in r.out


def test_logging_on_a_closed_day_warns_on_stderr(cli, checklist):
    r = cli("log", "missed", "speech", "--date", "2026-11-24", "--reason", "school-closed")
    assert r.code == 0
    # conftest: Nov 23-27 is the closure "Thanksgiving break" (kind break, which the label says)
    assert "not a school day (closed: Thanksgiving break)" in r.err
    assert r.out.count("\n") == 1


def test_two_sessions_on_one_date_are_both_kept(cli, checklist):
    cli("log", "delivered", "speech", "--date", "2026-11-17")
    r = cli("log", "delivered", "speech", "--date", "2026-11-17")
    assert "already had 1 entry" in r.err
    rows = json.loads(cli("owed", "speech", "--json").out)
    assert rows[0]["delivered_minutes"] == 60


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("log", "delivered", "nope"), "No requirement matches"),
        (("log", "delivered", "spe"), "matches several requirements"),
        (("log", "delivered", "speech", "--date", "someday"), "is not a date"),
        (("log", "delivered", "speech", "--date", "2026-12-03"), "after today"),
        (("log", "missed", "speech", "--reason", "bored"), "is not a reason"),
        (("log", "delivered", "speech", "-5"), "cannot be negative"),
        (("log", "delivered", "extended"), "is an accommodation"),
        (("log", "week", "--behavior", "-1"), "cannot be negative"),
        (("makeup-plan", "--by", "2027-01-29"), "or use --all"),
        (("makeup-plan", "speech", "--by", "2026-11-01"), "must be after today"),
        (("makeup-plan", "speech", "--by", "2026-12-18", "--per-week", "6"), "--per-week must be between 1 and 5"),
        (("makeup-plan", "speech", "--by", "2026-12-18", "--session-minutes", "0"), "--session-minutes must be"),
        (("owed", "--from", "2026-12-01", "--to", "2026-11-01"), "before it starts"),
    ],
)
def test_bad_input_exits_2_with_one_line_on_stderr(cli, checklist, args, message):
    result = cli(*args)
    assert result.code == 2
    assert message in result.err
    assert result.out == ""


def test_argparse_errors_exit_2(cli, checklist):
    assert cli("log", "makeup", "speech").code == 2  # MINUTES missing
    assert cli("log", "delivered", "speech", "lots").code == 2


def test_period_total_needs_minutes_typed(cli, checklist):
    cli("req", "add", "--kind", "service", "--name", "ot", "--text", "OT", "--frequency", "120 minutes weekly")
    r = cli("log", "missed", "ot")
    assert r.code == 2 and "--minutes 30" in r.err
    assert cli("log", "missed", "ot", "--minutes", "40", "--reason", "provider").code == 0


def test_incident_counts_failures_this_week(cli, checklist):
    r = cli(
        "log",
        "incident",
        "No extended time on the math test",
        "--req",
        "ext",
        "--date",
        "2026-12-01",
        "--notified",
        "case manager",
    )
    assert r.code == 0
    assert "extended time: 1 this week, 1 in all" in r.out and "SAFETY-RELATED" in r.out
    r = cli("log", "incident", "Test collected at the bell", "--req", "extended", "--json")
    doc = json.loads(r.out)
    assert doc["incident"]["safety"] is True
    assert doc["incident"]["notified"] == []
    assert doc["failures"][0]["weeks"] == [
        {"week": "2026-11-30", "failures": 2, "incident_ids": doc["failures"][0]["weeks"][0]["incident_ids"]}
    ]


def test_week_snapshot_replaces_on_reentry(cli, checklist, workspace):
    assert "Logged the week of 2026-11-30" in cli("log", "week", "--behavior", "2").out
    r = cli("log", "week", "--week", "monday", "--missing-work", "3")
    assert r.out.startswith("Replaced the week of 2026-11-30: missing work 3, behavior incidents 0")
    snapshots = CaseStore(workspace).load("case-sam").snapshots
    assert len(snapshots) == 1 and snapshots[0].missing_work == 3


def test_status(cli, checklist):
    cli("log", "missed", "speech", "--reason", "staff-r")
    r = cli("status")
    assert r.code == 0
    assert "Today: speech missed (staff-reassigned) 30 min" in r.out
    doc = json.loads(cli("status", "--json").out)
    assert doc["owed_minutes"] == 30 and doc["school_days_since_entry"] == 0


def _owe_65_speech_minutes(cli):
    # missed Mon Nov 16 and Tue Nov 17 (30 each), 25 of 30 on Wed Nov 18 (5 short): 65 owed
    for day in ("2026-11-16", "2026-11-17"):
        assert cli("log", "missed", "speech", "--date", day, "--reason", "provider").code == 0
    assert cli("log", "delivered", "speech", "25", "--date", "2026-11-18").code == 0


def test_makeup_plan_whole_sessions(cli, checklist):
    _owe_65_speech_minutes(cli)
    # Today Wed Dec 2, so sessions start Thu Dec 3. 65 min in the IEP's 30-minute sessions:
    # ceil(65/30) = 3 whole sessions = 90 min, 25 rounded up. Two a week: the week of Nov 30
    # has Thu 3 and Fri 4 left -> both; the third alone in the week of Dec 7 at its middle, Wed Dec 9.
    # School days Dec 3 .. Fri Dec 18: 2 + 5 + 5 = 12.
    r = cli("makeup-plan", "speech", "--by", "2026-12-18", "--json")
    assert r.code == 0
    doc = json.loads(r.out)
    assert (doc["from"], doc["by"], doc["daily_cap_minutes"], doc["estimate"]) == (
        "2026-12-03",
        "2026-12-18",
        60,
        False,
    )
    assert doc["school_days_available"] == 12 and doc["fits"] is True
    (speech,) = doc["requirements"]
    assert (speech["owed_minutes"], speech["session_minutes"], speech["session_count"]) == (65, 30, 3)
    assert (speech["scheduled_minutes"], speech["rounded_up_minutes"], speech["per_week"]) == (90, 25, 2)
    assert [s["date"] for s in speech["sessions"]] == ["2026-12-03", "2026-12-04", "2026-12-09"]
    assert {s["minutes"] for s in speech["sessions"]} == {30}
    text = cli("makeup-plan", "--all", "--by", "2026-12-18")
    assert text.code == 0
    assert text.out.startswith(
        "speech: 65 min owed: 3 sessions of 30 min = 90 min (whole sessions, rounded up), 2 a week on school "
        "days from 2026-12-03, finishing 2026-12-09 (target 2026-12-18).\n"
        "  Thu 2026-12-03, Fri 2026-12-04, Wed 2026-12-09\n"
    )
    said = " ".join(text.out.split())
    assert "Whole sessions of the session length (the owed minutes rounded up)" in said
    assert "at most 60 make-up minutes a day across services" in said
    assert "on school days only (closures skipped)" in said
    # --session-minutes 45: ceil(65/45) = 2 sessions = 90 min -> Thu Dec 3, Fri Dec 4
    doc = cli("makeup-plan", "speech", "--by", "2026-12-18", "--session-minutes", "45", "--json").json()
    assert [s["date"] for s in doc["requirements"][0]["sessions"]] == ["2026-12-03", "2026-12-04"]
    assert doc["requirements"][0]["rounded_up_minutes"] == 25


def test_makeup_plan_kept_pace_says_what_would_finish(cli, checklist):
    _owe_65_speech_minutes(cli)
    # --per-week 1, target Fri Dec 11: one a week at the middle of each week's school days:
    # (Thu 3, Fri 4) -> position floor(2/2) = 1, Fri Dec 4; Wed Dec 9; Wed Dec 16 -> late.
    # Two a week: Dec 3, Dec 4, Wed Dec 9 -> in time.
    r = cli("makeup-plan", "speech", "--by", "2026-12-11", "--per-week", "1")
    assert r.code == 0
    assert (
        "3 sessions of 30 min = 90 min (whole sessions, rounded up), 1 a week on school days from 2026-12-03 "
        "would finish 2026-12-16, after the target 2026-12-11: 2 sessions a week would finish in time."
    ) in r.out
    doc = cli("makeup-plan", "speech", "--by", "2026-12-11", "--per-week", "1", "--json").json()
    assert doc["per_week_kept"] is True and doc["fits"] is False
    assert doc["requirements"][0]["needed_per_week"] == 2


def test_makeup_plan_that_cannot_finish_says_what_would(cli, checklist):
    _owe_65_speech_minutes(cli)
    # Target Fri Dec 4: 2 school days (Thu 3, Fri 4) for 3 sessions. Raised to five a week, the
    # third still falls in the next week, alone at its middle: Wed Dec 9. What would:
    # ceil(65 / 2) = 33-minute sessions on both days.
    r = cli("makeup-plan", "speech", "--by", "2026-12-04")
    assert r.code == 0
    assert (
        "5 a week (raised from 2; at most one a school day) on school days from 2026-12-03 would finish "
        "2026-12-09, after the target 2026-12-04. Even one session every school day is not enough: 3 sessions, "
        "2 school days before the target; sessions of 33 min every school day would be."
    ) in r.out
    row = cli("makeup-plan", "speech", "--by", "2026-12-04", "--json").json()["requirements"][0]
    assert (row["fits"], row["per_week"], row["needed_per_week"], row["every_day_minutes"]) == (False, 5, None, 33)


def test_makeup_plan_nothing_owed(cli, checklist):
    r = cli("makeup-plan", "speech group", "--by", "2026-12-18")
    assert r.code == 0 and r.out == "Nothing is owed: no make-up sessions are needed.\n"
    doc = cli("makeup-plan", "speech group", "--by", "2026-12-18", "--json").json()
    assert doc["requirements"][0]["owed_minutes"] == 0 and doc["requirements"][0]["sessions"] == []
    assert cli("makeup-plan", "--all", "--by", "2026-12-18", "--json").json()["requirements"] == []


def test_case_is_required_when_the_workspace_has_several(cli, checklist, workspace, district_settings):
    CaseStore(workspace).create(CaseBundle(case=Case(id="case-two", student="Alex", state="WA")))
    assert cli("req", "list").code == 2
    assert cli("req", "list", "--case", "sam").code == 0


def test_group_without_action_shows_help_and_exits_2(cli, checklist):
    assert cli("log").code == 2


# ---------------------------------------------------------------- what the ledger does not count


def test_a_missed_session_on_a_weekend_is_listed_not_owed(cli, checklist):
    r = cli("log", "missed", "speech", "--date", "2026-11-21", "--reason", "provider")  # a Saturday
    assert r.code == 0
    assert "not a school day (weekend)" in r.err and "not counted as owed" in r.err
    assert "speech: 0 min owed since 2026-11-16." in r.out
    row = json.loads(cli("owed", "speech", "--json").out)[0]
    assert (row["owed_minutes"], row["missed_minutes"]["provider-absent"], row["excluded_minutes"]) == (0, 0, 30)
    assert row["excluded_entries"][0]["date"] == "2026-11-21"
    text = cli("owed", "speech").out
    assert "not owed: 2026-11-21 missed 30 min (provider-absent)" in text


def test_delivered_and_missed_on_one_day_is_reported_as_a_conflict(cli, checklist):
    cli("log", "delivered", "speech", "--date", "2026-11-17")
    r = cli("log", "missed", "speech", "--date", "2026-11-17", "--reason", "provider")
    assert r.code == 0
    assert "both delivered and missed on 2026-11-17" in r.err
    # the miss of a day also logged delivered is not owed: 0
    assert "speech: 0 min owed" in r.out
    row = json.loads(cli("owed", "speech", "--json").out)[0]
    assert row["conflicts"][0]["date"] == "2026-11-17"
    # the day is set aside until corrected: neither delivered nor missed, its one 30-minute
    # session is disputed minutes (30 + 30 logged for one session of 30)
    assert (row["delivered_minutes"], row["missed_minutes"]["provider-absent"], row["owed_minutes"]) == (0, 0, 0)
    assert row["disputed_minutes"] == 30
    assert "conflict: 2026-11-17: delivered 30 min and missed 30 min" in cli("owed", "speech").out


@pytest.mark.parametrize(
    ("args", "warning"),
    [
        (("log", "delivered", "speech", "450"), "450 min is more than twice the 30-minute session"),
        (("log", "makeup", "speech group", "45"), "45 min is more than twice the 20-minute session"),
    ],
)
def test_implausible_minutes_are_saved_with_a_warning(cli, checklist, args, warning):
    r = cli(*args)
    assert r.code == 0
    assert warning in r.err
    assert r.out.startswith("Logged")


def test_minutes_over_240_warn_when_there_is_no_session_length(cli, checklist):
    cli("req", "add", "--kind", "service", "--name", "ot", "--text", "OT", "--frequency", "300 minutes weekly")
    r = cli("log", "delivered", "ot", "250")
    assert r.code == 0 and "250 min is more than 240 minutes" in r.err
    assert "Check:" not in cli("log", "delivered", "ot", "240").err


def test_ordinary_minutes_do_not_warn(cli, checklist):
    # 60 is exactly twice the 30-minute session: no warning
    assert "Check:" not in cli("log", "delivered", "speech", "60").err


def test_minutes_must_be_whole_numbers(cli, checklist):
    for args in (
        ("log", "delivered", "speech", "30.5"),
        ("log", "missed", "speech", "--minutes", "7.5"),
        ("log", "makeup", "speech", "half"),
    ):
        r = cli(*args)
        assert r.code == 2
        assert "minutes are whole numbers, e.g. 30" in r.err
        assert "invalid int value" not in r.err
    r = cli("log", "delivered", "speech", "1441")  # more than 24 hours
    assert r.code == 2 and r.out == ""


def test_an_entry_before_the_iep_took_effect_is_outside_the_range_and_says_so(cli, checklist):
    # the IEP took effect Mon Nov 16; Tue Nov 10 is a school day before it
    r = cli("log", "missed", "speech", "--date", "2026-11-10", "--reason", "provider")
    assert r.code == 0
    assert "outside the ledger's range (from 2026-11-16)" in r.out
    assert "`iep-tui owed --from 2026-11-10` shows it" in r.out
    assert "speech: 0 min owed since 2026-11-16." in r.out
    assert "before the ledger's range" in r.err
    # the default range leaves it out; --from shows it: owed 30
    assert json.loads(cli("owed", "speech", "--json").out)[0]["owed_minutes"] == 0
    row = json.loads(cli("owed", "speech", "--from", "2026-11-09", "--json").out)[0]
    assert row["owed_minutes"] == 30 and row["owed_entry_ids"]


def test_an_entry_before_the_requirement_starts_warns(cli, case_id):
    cli(
        "req",
        "add",
        "--kind",
        "service",
        "--name",
        "ot",
        "--text",
        "OT",
        "--frequency",
        "30 min 1x weekly",
        "--start",
        "2026-11-30",
    )
    r = cli("log", "missed", "ot", "--date", "2026-11-18", "--reason", "provider")
    assert r.code == 0
    assert "before the requirement starts (2026-11-30)" in r.err
    assert "ot: 0 min owed" in r.out


def test_a_bad_frequency_message_ends_with_one_period(cli, case_id):
    result = cli("req", "add", "--kind", "service", "--name", "ot", "--text", "OT", "--frequency", "whenever")
    assert result.code == 2
    assert result.err.rstrip().endswith('or "as needed".')
    assert ".." not in result.err


def test_a_duration_in_the_frequency_points_to_the_end_date(cli, case_id):
    result = cli(
        "req", "add", "--kind", "service", "--name", "ot", "--text", "OT", "--frequency", "30 min 1x weekly for 6 weeks"
    )
    assert result.code == 2
    assert "write '30 min 1x weekly'" in result.err and "--end DATE" in result.err


def test_every_other_week_is_stored_and_counted(cli, case_id):
    result = cli(
        "req",
        "add",
        "--kind",
        "service",
        "--name",
        "ot",
        "--text",
        "OT",
        "--frequency",
        "thirty minutes every other week",
    )
    assert result.code == 0
    # Nov 16 .. Dec 2: week of Nov 16 (5 school days) 15, Nov 23 closed 0, Nov 30 (3 days) 15 x 3/5 = 9
    row = json.loads(cli("owed", "ot", "--json").out)[0]
    assert (row["frequency"], row["required_minutes"]) == ("30 min every 2 weeks", 24)
