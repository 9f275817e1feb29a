"""`iep-tui deadline`, `rules`, `calendar import` and `calendar show`, run in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "calendars"
WA_ICS = str(SAMPLES / "cascade-valley-sd-2026-27.ics")
WA_CSV = str(SAMPLES / "cascade-valley-sd-2026-27.csv")


@pytest.fixture
def case_id(cli, workspace) -> str:
    result = cli("case", "new", "--student", "Sam Rivera", "--state", "WA")
    assert result.code == 0, result.err
    return result.last_line


# ---------------------------------------------------------------- deadline


def test_deadline_json_on_a_district_calendar_file(cli) -> None:
    # Same hand count as test_thanksgiving_with_early_release: due Wed 2026-12-09.
    result = cli(
        "deadline", "--start", "2026-11-23", "--school-days", "10", "--calendar", WA_ICS, "--state", "WA", "--json"
    )
    assert result.code == 0, result.err
    document = json.loads(result.out)  # one JSON document, nothing else on stdout
    assert document["due"] == "2026-12-09"
    assert document["flag"] is None and document["days_available"] is None
    assert (document["day_kind"], document["count"], document["start"]) == ("school", 10, "2026-11-23")
    assert document["rule"] is None and document["estimate"] is False
    assert [s["date"] for s in document["skipped"]] == ["2026-11-26", "2026-11-27"]
    assert all("Thanksgiving" in s["reason"] for s in document["skipped"])


def test_deadline_past_the_end_of_the_year(cli) -> None:
    # From Tue 2027-06-01 only 12 school days remain (see test_day_count).
    result = cli("deadline", "--start", "2027-06-01", "--school-days", "20", "--calendar", WA_CSV, "--json")
    document = result.json()
    assert (document["due"], document["flag"], document["days_available"]) == (None, "past_end_of_school_year", 12)
    human = cli("deadline", "--start", "2027-06-01", "--school-days", "20", "--calendar", WA_CSV)
    assert human.code == 0 and "No due date" in human.out and "12 school days" in human.out


def test_deadline_estimate_is_loud(cli) -> None:
    result = cli("deadline", "--start", "2026-11-23", "--school-days", "10", "--state", "WA")
    assert result.code == 0
    assert "ESTIMATE" in result.out and "calendar import" in result.out
    as_json = cli("deadline", "--start", "2026-11-23", "--school-days", "10", "--state", "WA", "--json")
    assert as_json.json()["estimate"] is True
    assert "ESTIMATE" in as_json.err  # the warning goes to stderr, stdout stays JSON


def test_deadline_with_a_rule(cli) -> None:
    # ca-records from Fri 2027-03-26: 5 business days across Cesar Chavez Day -> Mon 2027-04-05.
    # No --state: the rule's own state (CA) supplies the holidays.
    document = cli("deadline", "--start", "2027-03-26", "--rule", "ca-records", "--json").json()
    assert document["due"] == "2027-04-05"
    assert document["rule"]["id"] == "ca-records"
    assert document["rule"]["citation"] == "Cal. Ed. Code 56504"
    assert document["rule"]["confidence"] == "V"
    assert document["state"] == "CA"
    human = cli("deadline", "--start", "2027-03-26", "--rule", "ocr-complaint")
    assert "NOT verified" in human.out and "34 CFR 100.7(b)" in human.out


def test_deadline_business_and_calendar_days_and_today(cli) -> None:
    # IEP_TUI_TODAY is 2026-11-28 (Sat). WA: Mon 30 (1), Tue Dec 1 (2).
    assert (
        cli("deadline", "--start", "today", "--business-days", "2", "--state", "wa", "--json").json()["due"]
        == "2026-12-01"
    )
    assert cli("deadline", "--start", "2026-11-23", "--calendar-days", "45", "--json").json()["due"] == "2027-01-07"


def test_deadline_before_a_meeting(cli) -> None:
    # 3 school days before Mon 2026-11-30 on the WA district calendar: Mon 2026-11-23.
    result = cli("deadline", "--start", "2026-11-30", "--school-days", "3", "--before", "--calendar", WA_ICS, "--json")
    assert result.json()["due"] == "2026-11-23" and result.json()["direction"] == "before"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--start", "next tuesday", "--school-days", "3"), "not a date"),
        (("--start", "2026-11-23", "--rule", "recods-access"), "records-access"),
        (("--start", "2026-11-23", "--rule", "ca-records", "--state", "TX"), "California"),
        (("--start", "2026-11-23", "--school-days", "3", "--state", "ZZ"), "is not a US state"),
        (("--start", "2026-11-23", "--school-days", "3", "--calendar", "/nonexistent/district.ics"), "Cannot read"),
    ],
)
def test_deadline_bad_input_exits_2(cli, args: tuple[str, ...], words: str) -> None:
    result = cli("deadline", *args, "--json")
    assert result.code == 2
    assert result.out == ""
    assert words in result.err


def test_deadline_usage_errors_exit_2(cli) -> None:
    assert cli("deadline", "--start", "2026-11-23").code == 2  # no count
    assert cli("deadline", "--start", "2026-11-23", "--school-days", "-3").code == 2
    assert cli("deadline", "--start", "2026-11-23", "--school-days", "3", "--business-days", "3").code == 2


def test_malformed_calendar_file_exits_2_naming_the_line(cli, tmp_path: Path) -> None:
    bad = tmp_path / "district.csv"
    bad.write_text("date,label\n2026-11-11,Veterans Day\nnot-a-date,Oops\n")
    result = cli("deadline", "--start", "2026-11-23", "--school-days", "3", "--calendar", str(bad))
    assert result.code == 2 and "line 3" in result.err


# ---------------------------------------------------------------- rules


def test_rules_json_for_a_state(cli) -> None:
    result = cli("rules", "--state", "CA", "--json")
    assert result.code == 0
    rules = result.json()["rules"]
    assert {r["jurisdiction"] for r in rules} == {"US", "CA"}
    for rule in rules:
        for key in ("id", "title", "count", "day_kind", "trigger", "citation", "jurisdiction", "confidence"):
            assert key in rule
        assert isinstance(rule["count"], int)
    assert "ca-records" in {r["id"] for r in rules}


def test_rules_without_state_lists_every_jurisdiction(cli) -> None:
    jurisdictions = {r["jurisdiction"] for r in cli("rules", "--json").json()["rules"]}
    assert {"US", "CA", "IL", "TX"} <= jurisdictions
    human = cli("rules")
    assert human.code == 0 and "records-access" in human.out and "NOT verified" in human.out


def test_rules_for_a_state_without_its_own(cli) -> None:
    result = cli("rules", "--state", "OR")
    assert result.code == 0 and "no rules file for Oregon" in result.out and "federal rules apply" in result.out
    as_json = cli("rules", "--state", "OR", "--json")
    document = as_json.json()
    assert {r["jurisdiction"] for r in document["rules"]} == {"US"} and "Oregon" in as_json.err
    assert document["has_rules_file"] is False and document["not_researched"] == []


def test_rules_say_researched_and_not_researched_apart(cli) -> None:
    # NC: records were researched (N.C.G.S. 115C-109.3(b) keeps the 45 days); the IEP-meeting
    # request was not found in the text read. The two answers must read differently.
    out = cli("rules", "--state", "NC").out
    assert "Researched, no North Carolina rule (the federal rule applies):\n  records-access  [V]" in out
    # Federal law sets no clock for a meeting request: no "federal rule shown" for it (audit of issue 11).
    assert (
        "Not researched for North Carolina (the federal rule is shown where there is one; the state may set its "
        "own): iep-meeting-request (no federal clock)" in out
    )
    # The same two answers, apart, in JSON.
    document = cli("rules", "--state", "NC", "--json").json()
    assert [(f["purpose"], f["confidence"]) for f in document["no_state_rule"]] == [("records-access", "V")]
    assert "115C-109.3(b)" in document["no_state_rule"][0]["note"]
    assert document["not_researched"] == ["iep-meeting-request"]


@pytest.mark.parametrize(
    ("state", "says"),
    [
        # NY: the meeting-request rule was not researched (no federal_applies entry for it).
        ("NY", "New York's rules for it were not researched: iep-tui cannot compute this date"),
        # WA: researched, WAC 392-172A-03110 read in part, no parent-request clock found.
        ("WA", "Washington sets none in the text read, so there is no date to compute"),
        # OR: no rules file at all.
        ("OR", "iep-tui has no rules file for Oregon"),
    ],
)
def test_deadline_with_no_clock_says_why(cli, state: str, says: str) -> None:
    # IDEA sets no deadline for meeting after a parent's request, so the answer depends on the state.
    result = cli("deadline", "--start", "2026-10-01", "--rule", "iep-meeting-request", "--state", state)
    assert result.code == 2
    assert "Federal law sets no deadline for iep-meeting-request" in result.err and says in result.err


FIFTEEN = ("CA", "TX", "FL", "NY", "PA", "IL", "OH", "GA", "NC", "MI", "NJ", "VA", "WA", "AZ", "MA")


@pytest.mark.parametrize("state", FIFTEEN)
def test_rules_json_lists_each_states_initial_evaluation_rule(cli, state: str) -> None:
    rules = cli("rules", "--state", state, "--json").json()["rules"]
    own = [r for r in rules if r["purpose"] == "initial-evaluation" and r["jurisdiction"] == state]
    assert len(own) == 1, state
    rule = own[0]
    assert rule["citation"] and isinstance(rule["count"], int) and rule["day_kind"]
    assert rule["confidence"] in ("V", "S", "U")
    assert rule["last_verified"] == "2026-12-06" or state in ("NY", "PA", "MA"), rule["last_verified"]
    assert rule["replaces"] == "initial-evaluation"  # 34 CFR 300.301(c)(1)(ii)


# ---------------------------------------------------------------- calendar import / show


def test_calendar_import_into_a_case_then_deadline_uses_it(cli, case_id: str) -> None:
    result = cli("calendar", "import", WA_ICS, "--case", case_id, "--json")
    assert result.code == 0, result.err
    summary = result.json()
    assert summary["saved"] is True and summary["case"] == case_id
    assert summary["school_years"][0]["first_day"] == "2026-09-02"
    assert {i["summary"] for i in summary["ignored"]} >= {"Picture Day", "PTA Meeting"}
    assert "Picture Day" in result.err  # the human summary goes to stderr
    deadline = cli("deadline", "--start", "2026-10-05", "--school-days", "4", "--case", case_id, "--json").json()
    # District calendar: Fri Oct 9 teacher workday closed, Mon Oct 12 open -> Mon 2026-10-12.
    assert deadline["due"] == "2026-10-12" and deadline["estimate"] is False


def test_calendar_import_dry_run_changes_nothing(cli, case_id: str) -> None:
    result = cli("calendar", "import", WA_CSV, "--case", case_id, "--dry-run")
    assert result.code == 0 and "Dry run" in result.out
    deadline = cli("deadline", "--start", "2026-10-05", "--school-days", "4", "--case", case_id, "--json").json()
    assert deadline["estimate"] is True


def test_calendar_import_malformed_file_changes_nothing(cli, case_id: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ics"
    bad.write_text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:No School\nDTSTART;VALUE=DATE:20261111\nEND:VCALENDAR\n")
    result = cli("calendar", "import", str(bad), "--case", case_id)
    assert result.code == 2 and "line 5" in result.err
    assert cli("calendar", "show", "--case", case_id, "--month", "2026-11", "--json").json()["estimate"] is True


def test_calendar_show_month_grid(cli, case_id: str) -> None:
    cli("calendar", "import", WA_ICS, "--case", case_id)
    result = cli("calendar", "show", "--case", case_id, "--month", "2026-11")
    assert result.code == 0
    assert "November 2026" in result.out
    assert "11x" in result.out and "25e" in result.out
    assert "Veterans Day - No School" in result.out
    assert "18 school days this month." in result.out  # 21 weekdays - Nov 11, 26, 27
    assert all(len(line) <= 80 for line in result.out.splitlines())
    days = cli("calendar", "show", "--case", case_id, "--month", "2026-11", "--json").json()["days"]
    assert {d["date"]: d["status"] for d in days}["2026-11-25"] == "early_release"


def test_calendar_show_uses_the_only_case(cli, case_id: str) -> None:
    result = cli("calendar", "show", "--month", "2026-12")
    assert result.code == 0 and "ESTIMATE" in result.out


def test_calendar_show_bad_month(cli) -> None:
    result = cli("calendar", "show", "--state", "WA", "--month", "2026-13")
    assert result.code == 2 and "YYYY-MM" in result.err


def test_calendar_without_action_shows_help(cli) -> None:
    result = cli("calendar")
    assert result.code == 2 and "import" in result.err


# ---------------------------------------------------------------- deadline in a one-case workspace (audit of issue 11)


def test_deadline_in_a_one_case_workspace_uses_that_cases_state_and_warnings(cli, workspace) -> None:
    # `--case` is "optional when the workspace has one case": an Oregon case with no --case or
    # --state counts for Oregon, and says Oregon has no rules file (34 CFR 300.613(a): 45
    # calendar days from Mon 2026-11-02: Nov 30 is day 28, Dec 17 day 45).
    assert cli("case", "new", "--student", "Ava Lind", "--state", "OR").code == 0
    result = cli("deadline", "--rule", "records-access", "--start", "2026-11-02", "--json")
    assert result.code == 0, result.err
    document = result.json()
    assert (document["due"], document["state"]) == ("2026-12-17", "OR")
    assert any("no rules file for Oregon (OR)" in w for w in document["warnings"])
    assert document["calendar"].startswith("case Ava Lind (")
    text = cli("deadline", "--rule", "records-access", "--start", "2026-11-02")
    assert "!! iep-tui has no rules file for Oregon (OR)" in text.out


def test_deadline_in_a_one_case_workspace_asks_by_purpose_in_the_cases_state(cli, workspace) -> None:
    # A Texas case: initial-evaluation is Texas's 45 school days (Tex. Educ. Code 29.004), not
    # the federal 60 calendar days. From Mon 2026-09-14 on the TX estimate: Sep 15-30 (12),
    # October less Columbus Day (21, 33), Nov 2-6 (38), 9, 10, 12, 13 (Veterans Day out, 42),
    # 16, 17, 18 (45) -> Wed 2026-11-18 (federal: Sep 14 + 60 = Fri 11-13).
    assert cli("case", "new", "--student", "Ava Lind", "--state", "TX").code == 0
    document = cli("deadline", "--rule", "initial-evaluation", "--start", "2026-09-14", "--json").json()
    assert (document["due"], document["rule"]["id"]) == ("2026-11-18", "tx-evaluation")


def test_deadline_with_several_cases_and_none_named_counts_without_one_and_says_so(cli, workspace) -> None:
    assert cli("case", "new", "--student", "Ava Lind", "--state", "OR").code == 0
    assert cli("case", "new", "--student", "Ben Ruiz", "--state", "TX").code == 0
    result = cli("deadline", "--rule", "records-access", "--start", "2026-11-02", "--json")
    assert result.code == 0, result.err
    assert (result.json()["state"], result.json()["warnings"]) == (None, [])
    assert "2 cases and none was named" in result.err


def test_deadline_calendar_file_without_a_state_assumes_none(cli, monkeypatch) -> None:
    # `deadline --calendar FILE` with no --state and no case: the file's calendar with federal
    # holidays only. Nothing may default to a state: the settings it was applied to said "WA".
    from iep_tui.calendar import calendar_import

    applied_to: list[str] = []
    real = calendar_import.apply_import

    def spy(settings, result):
        applied_to.append(settings.state)
        return real(settings, result)

    monkeypatch.setattr(calendar_import, "apply_import", spy)
    document = cli("deadline", "--start", "2026-11-23", "--school-days", "10", "--calendar", WA_CSV, "--json").json()
    # Same hand count as test_deadline_json_on_a_district_calendar_file: Nov 24, 25 (early
    # release), Thanksgiving 26-27 closed, Nov 30 - Dec 4, Dec 7, 8, 9 -> Wed 2026-12-09.
    assert (document["due"], document["state"], document["estimate"]) == ("2026-12-09", None, False)
    assert applied_to == []
