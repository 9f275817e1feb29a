"""The shipped rules: complete, well-formed, citable, and applied the way they say."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

import pytest

from iep_tui.calendar import deadline_rules
from iep_tui.calendar.deadline_rules import (
    PURPOSES,
    applicable_rule,
    deadline_for_rule,
    earliest_deadline,
    get_rule,
    load_rules,
    rule_for,
    rules_for,
)
from iep_tui.calendar.school_calendar import SchoolCalendar
from iep_tui.errors import InputError

D = date.fromisoformat

# id -> (count, day kind, citation fragment): the clocks issue 3 names, from legal-rules.md.
REQUIRED = {
    "records-access": (45, "calendar", "300.613"),
    "state-complaint-decision": (60, "calendar", "300.152"),
    "state-complaint-lookback": (1, "year", "300.153(c)"),
    "due-process-window": (2, "year", "300.507"),
    "resolution-meeting": (15, "calendar", "300.510"),
    "resolution-period": (30, "calendar", "300.510"),
    "hearing-decision": (45, "calendar", "300.515"),
    "civil-action": (90, "calendar", "300.516"),
    "initial-evaluation": (60, "calendar", "300.301"),
    "initial-iep-meeting": (30, "calendar", "300.323"),
    "manifestation-determination": (10, "school", "300.530"),
    "expedited-hearing": (20, "school", "300.532"),
    "expedited-decision": (10, "school", "300.532"),
    "ocr-complaint": (180, "calendar", "100.7"),
    "ca-records": (5, "business", "56504"),
    "ca-iep-meeting-request": (30, "calendar_excl_breaks", "56343.5"),
    "il-records": (10, "business", "105 ILCS 10/5"),
    "tx-evaluation": (45, "school", "29.004"),
    "default-response": (10, "school", "convention"),
}


@pytest.mark.parametrize("rule_id", sorted(REQUIRED))
def test_required_rules_are_shipped(rule_id: str) -> None:
    count, kind, citation = REQUIRED[rule_id]
    rule = get_rule(rule_id)
    assert (rule.count, rule.day_kind) == (count, kind)
    assert citation in rule.citation


def test_every_rule_is_complete_and_ids_are_unique() -> None:
    rules = load_rules()
    assert len({r.id for r in rules}) == len(rules)
    for rule in rules:
        assert rule.title and rule.trigger and rule.citation
        assert rule.confidence in ("V", "S", "U")
        assert rule.last_verified <= date(2027, 1, 1)


def test_one_file_per_jurisdiction_and_rules_match_their_file() -> None:
    folder = resources.files("iep_tui.calendar.rules")
    files = sorted(e.name for e in folder.iterdir() if e.name.endswith(".json"))
    assert "us.json" in files and {"ca.json", "il.json", "tx.json"} <= set(files)
    for name in files:
        document = json.loads((folder / name).read_text(encoding="utf-8"))
        expected = "US" if name == "us.json" else name.removesuffix(".json").upper()
        assert document["jurisdiction"] == expected
        assert all(raw.get("jurisdiction", expected) == expected for raw in document["rules"])


def test_unverified_rules_say_so() -> None:
    for rule in load_rules():
        if rule.confidence == "V":
            assert rule.verified and rule.caveat.startswith("Verified")
        else:
            assert not rule.verified
            assert ("NOT verified" if rule.confidence == "S" else "UNCERTAIN") in rule.caveat


def test_default_response_is_a_convention_not_law() -> None:
    rule = get_rule("default-response")
    assert rule.confidence == "U"
    assert "not a legal deadline" in rule.citation and "convention" in rule.title


def test_load_rules_by_state() -> None:
    ca = load_rules("ca")
    assert {r.jurisdiction for r in ca} == {"US", "CA"}
    assert {r.jurisdiction for r in load_rules("OR")} == {"US"}  # no Oregon rules sourced
    assert len(load_rules()) > len(ca)
    with pytest.raises(InputError, match="is not a US state"):
        load_rules("ZZ")


def test_unknown_rule_lists_close_matches() -> None:
    with pytest.raises(InputError, match="records-access") as error:
        get_rule("recods-access")
    assert "iep-tui rules" in str(error.value)


def test_another_states_rule_is_refused() -> None:
    assert get_rule("ca-records", "CA").id == "ca-records"
    assert get_rule("records-access", "TX").id == "records-access"
    with pytest.raises(InputError, match="California"):
        get_rule("ca-records", "TX")


def test_state_rule_replaces_federal_by_purpose() -> None:
    assert rule_for("records-access", "CA").id == "ca-records"
    assert rule_for("records-access", "IL").id == "il-records"
    assert rule_for("records-access", "TX").id == "records-access"
    assert rule_for("initial-evaluation", "TX").id == "tx-evaluation"
    assert rule_for("initial-evaluation", None).id == "initial-evaluation"
    assert [r.id for r in rules_for("records-access", "CA")] == ["ca-records", "records-access"]
    with pytest.raises(InputError):
        rule_for("no-such-purpose", "CA")


def test_every_purpose_has_a_federal_or_state_rule() -> None:
    served = {r.purpose for r in load_rules() if r.purpose}
    assert served == set(PURPOSES)


def test_earliest_deadline_for_california_records(wa) -> None:
    # CA records requested Fri 2027-03-26: 5 business days (Cesar Chavez Day Wed 3-31
    # skipped) -> Mon 2027-04-05, well before 45 calendar days (Mon 2027-05-10).
    ca = SchoolCalendar.estimate_for("CA")
    result = earliest_deadline(ca, D("2027-03-26"), "records-access", "CA")
    assert result.rule.id == "ca-records"
    assert result.due == D("2027-04-05")


def test_deadline_for_rule_uses_direction_and_roll_forward(wa) -> None:
    # il-meeting-documents: 3 school days before a meeting on Mon 2026-11-30
    # (Thu 26 + Fri 27 closed): Wed 25 (1), Tue 24 (2), Mon 23 (3).
    before = deadline_for_rule(wa, D("2026-11-30"), get_rule("il-meeting-documents"))
    assert before.due == D("2026-11-23") and before.direction == "before"
    # il-due-process-forward: 5 days, rolled forward. Fri 2026-11-06 + 5 = Wed 11-11,
    # Veterans Day -> Thu 2026-11-12.
    il = SchoolCalendar.estimate_for("IL")
    rolled = deadline_for_rule(il, D("2026-11-06"), get_rule("il-due-process-forward"))
    assert (rolled.due, rolled.rolled_from) == (D("2026-11-12"), D("2026-11-11"))


def test_expedited_hearing_then_decision(wa) -> None:
    # expedited-hearing, filed Tue 2027-01-12: Wed 13 (1), Thu 14 (2), Fri 15 (3),
    # Mon 18 MLK closed, Tue 19 (4) .. Fri 22 (7), Mon 25 (8), Tue 26 (9), Wed 27 (10),
    # Thu 28 (11), Fri 29 clerical closed, Mon Feb 1 (12), Tue 2 (13), Wed 3 (14),
    # Thu 4 (15), Fri 5 (16), Mon 8 (17), Tue 9 (18), Wed 10 (19), Thu 11 (20).
    hearing = deadline_for_rule(wa, D("2027-01-12"), get_rule("expedited-hearing"))
    assert hearing.due == D("2027-02-11")
    # expedited-decision, 10 school days after Thu 2027-02-11: Fri 12 (1), mid-winter
    # break Mon 15 - Fri 19 closed, Mon 22 (2) .. Fri 26 (6), Mon Mar 1 (7), Tue 2 (8),
    # Wed 3 (9), Thu 4 (10).
    decision = deadline_for_rule(wa, hearing.due, get_rule("expedited-decision"))
    assert decision.due == D("2027-03-04")
    assert len(decision.skipped) == 5


def test_state_complaint_lookback_is_one_year(wa) -> None:
    # Violation on Mon 2027-03-01: the state must receive the complaint by Wed 2028-03-01.
    assert deadline_for_rule(wa, D("2027-03-01"), get_rule("state-complaint-lookback")).due == D("2028-03-01")


def test_rule_json_has_the_listed_keys() -> None:
    document = get_rule("ca-records").summary_json()
    for key in ("id", "title", "count", "day_kind", "trigger", "citation", "jurisdiction", "confidence"):
        assert key in document
    assert isinstance(document["count"], int)
    assert document["last_verified"] == get_rule("ca-records").last_verified.isoformat()


def test_rules_are_loaded_once() -> None:
    assert deadline_rules._all_rules() is deadline_rules._all_rules()


# ---------------------------------------------------------------- which rule applies (issue 11)


def test_a_states_evaluation_timeline_replaces_the_federal_60_days() -> None:
    # 34 CFR 300.301(c)(1)(ii): "If the State establishes a timeframe ..., within that timeframe".
    choice = applicable_rule("initial-evaluation", "TX")
    assert (choice.rule.id, choice.basis, choice.replaces.id) == ("tx-evaluation", "state", "initial-evaluation")
    assert "replaces the federal rule initial-evaluation" in choice.statement()
    assert "300.301(c)(1)(ii)" in choice.statement() and choice.warnings == ()


def test_records_access_takes_the_stricter_of_state_and_federal(wa) -> None:
    choice = applicable_rule("records-access", "CA")
    assert choice.basis == "stricter" and [r.id for r in choice.binding] == ["ca-records", "records-access"]
    assert choice.replaces is None
    # Fri 2027-03-26: ca-records 5 business days -> Mon 04-05 (see above); federal 45 calendar
    # days -> Mon 05-10. The earlier wins.
    assert choice.count(SchoolCalendar.estimate_for("CA"), D("2027-03-26")).due == D("2027-04-05")


def test_no_state_rule_and_not_researched_are_different_answers() -> None:
    researched = applicable_rule("records-access", "WA")
    assert researched.basis == "no-state-rule" and researched.rule.id == "records-access"
    assert "392-172A-05190" in researched.finding.note and researched.warnings == ()
    # Michigan's IEP-meeting-request rule was not found in the text read (R 340.1721b read in part only):
    # it stays a warning. (Michigan's records were read on 2026-12-06: R 340.1861(3) keeps the federal 45 days.)
    unresearched = applicable_rule("iep-meeting-request", "MI")
    assert unresearched.basis == "not-researched" and unresearched.finding is None
    assert len(unresearched.warnings) == 1
    assert unresearched.warnings[0].startswith("Michigan's rules for iep-meeting-request were not researched")


def test_a_state_without_a_rules_file_is_named_every_time() -> None:
    choice = applicable_rule("initial-evaluation", "OR")
    assert (choice.basis, choice.rule.id) == ("no-state-file", "initial-evaluation")
    assert len(choice.warnings) == 1 and "no rules file for Oregon (OR)" in choice.warnings[0]
    assert choice.to_json()["warnings"] == list(choice.warnings)
    # The app's own reply convention is not law, so no state could set it: no warning.
    assert applicable_rule("response", "OR").warnings == ()
    # Without a state: the federal rule, nothing to warn about.
    assert applicable_rule("initial-evaluation", None).basis == "federal"


def test_every_researched_state_has_an_initial_evaluation_rule_of_its_own() -> None:
    for state in ("CA", "TX", "FL", "NY", "PA", "IL", "OH", "GA", "NC", "MI", "NJ", "VA", "WA", "AZ", "MA"):
        choice = applicable_rule("initial-evaluation", state)
        assert choice.basis == "state" and choice.rule.jurisdiction == state, state


# ---------------------------------------------------------------- end of the school year (item 6)


def two_years(*closures: tuple[str, str | None]):
    """Spring 2027 (Mon 01-04 .. Fri 05-28) and 2027-28 (Mon 08-16 .. Fri 2028-05-26), Texas."""
    from iep_tui.calendar.settings import Closure, SchoolYear

    return SchoolCalendar(
        state="TX",
        school_years=[
            SchoolYear(first_day=D("2027-01-04"), last_day=D("2027-05-28"), label="2026-27"),
            SchoolYear(first_day=D("2027-08-16"), last_day=D("2028-05-26"), label="2027-28"),
        ],
        closures=[Closure(start=D(a), end=D(b) if b else None, label="closed", kind="holiday") for a, b in closures],
    )


def test_texas_count_resumes_in_the_fall_across_the_school_year_boundary() -> None:
    # Consent Fri 2027-04-30: the school days after it are May 3-7, 10-14, 17-21, 24-28 = 20,
    # fewer than 35, so Tex. Educ. Code 29.004(a-1) carries the count into the fall: 25 more from
    # Mon 08-16 with Labor Day (Mon 09-06) closed: Aug 16-20 (5), 23-27 (10), Aug 30-Sep 3 (15),
    # Sep 7-10 (19), 13-17 (24), Mon Sep 20 (25).
    calendar = two_years(("2027-09-06", None))
    result = deadline_for_rule(calendar, D("2027-04-30"), get_rule("tx-evaluation"))
    assert (result.due, result.flag) == (D("2027-09-20"), None)
    assert (D("2027-09-06"), "closed (closure)") in result.skipped
    assert any(reason.startswith("summer") for _, reason in result.skipped)
    assert any("29.004(a-1)" in note for note in result.notes)


def test_texas_consent_35_to_44_school_days_before_the_end_is_due_june_30() -> None:
    # Consent Fri 2027-04-02: April 5-9, 12-16, 19-23, 26-30 (20) + May (20) = 40 school days left,
    # at least 35 but less than 45: the report is due by June 30, 2027 (29.004(a)).
    result = deadline_for_rule(two_years(), D("2027-04-02"), get_rule("tx-evaluation"))
    assert (result.due, result.flag) == (D("2027-06-30"), None)


def test_texas_count_into_an_unloaded_year_says_what_it_needs() -> None:
    from iep_tui.calendar.settings import SchoolYear

    spring_only = SchoolCalendar(
        state="TX", school_years=[SchoolYear(first_day=D("2027-01-04"), last_day=D("2027-05-28"))]
    )
    result = deadline_for_rule(spring_only, D("2027-04-30"), get_rule("tx-evaluation"))
    assert (result.due, result.flag, result.days_available) == (None, "needs_next_school_year", 20)
    assert any("next school year's calendar, which is not loaded" in note for note in result.notes)
    assert result.explain()[0].startswith("No date yet: the rule carries this count from Fri 2027-04-30 into the next")


def test_california_late_referral_gets_its_iep_30_days_into_the_next_year() -> None:
    # Cal. Ed. Code 56344(a): referral 30 days or less before the end of the regular school year.
    # Mon 2027-05-17 is 11 days before Fri 05-28; the next year starts Mon 08-16: due 30 days
    # later, Wed 2027-09-15.
    result = deadline_for_rule(two_years(), D("2027-05-17"), get_rule("ca-initial-iep"))
    assert result.due == D("2027-09-15")
    assert any("56344(a)" in note for note in result.notes)


def test_illinois_short_year_is_due_before_the_next_first_day() -> None:
    # 23 Ill. Adm. Code 226.110(d): fewer than 60 school days left after consent (Fri 04-30:
    # 20 left) -> decided before the first day of student attendance, Mon 08-16: Sun 2027-08-15.
    result = deadline_for_rule(two_years(), D("2027-04-30"), get_rule("il-evaluation"))
    assert (result.due, result.flag) == (D("2027-08-15"), None)


def test_rules_without_year_end_text_keep_the_flag() -> None:
    result = deadline_for_rule(two_years(), D("2027-04-30"), get_rule("manifestation-determination"))
    assert result.due == D("2027-05-14")  # 10 school days: May 3-7, 10-14 (no boundary)
    # 20 school days left and ma-evaluation-iep needs 45: no text carries it over.
    flagged = deadline_for_rule(two_years(), D("2027-04-30"), get_rule("ma-evaluation-iep"))
    assert (flagged.due, flagged.flag, flagged.days_available) == (None, "past_end_of_school_year", 20)


def test_winter_break_tolls_california_and_georgia_differently(wa) -> None:
    # On the WA district calendar. Consent Tue 2026-12-01. Dec 2..18 = days 1-17. Winter break
    # Sat 12-19 .. Sun 2027-01-03 (10 school days closed) is left out by both. Mon 01-04 = day 18,
    # so day 57 = Fri 02-12.
    # CA (56344(a): vacations "in excess of five schooldays"): the mid-winter break Mon 02-15 ..
    # Fri 02-19 is exactly five, so it counts: day 60 = Mon 2027-02-15.
    ca = deadline_for_rule(wa, D("2026-12-01"), get_rule("ca-initial-iep"))
    assert ca.due == D("2027-02-15")
    # GA (160-4-7-.04(1)(b): "not in attendance for five consecutive school days", weekends
    # around it included): Sat 02-13 .. Sun 02-21 is left out, day 58 = Mon 02-22, day 60 = Wed 02-24.
    ga = deadline_for_rule(wa, D("2026-12-01"), get_rule("ga-initial-evaluation"))
    assert ga.due == D("2027-02-24")


# (state, confidence, words of the text read that the note must quote or name)
RECORDS_NO_SHORTER_PERIOD = [
    ("TX", "S", "26.004(b)"),
    ("NY", "S", "not more than 45 calendar days"),
    ("OH", "V", "in no case more than forty-five days"),
    ("NC", "V", "115C-109.3(b)"),
    ("VA", "S", "in no case more than 45 calendar days"),
    ("AZ", "V", "15-141(A)"),
]


@pytest.mark.parametrize(("state", "confidence", "quoted"), RECORDS_NO_SHORTER_PERIOD)
def test_records_researched_states_keep_the_federal_45_days(state: str, confidence: str, quoted: str) -> None:
    choice = applicable_rule("records-access", state)
    assert choice.basis == "no-state-rule" and choice.warnings == ()
    assert choice.finding is not None and choice.finding.confidence == confidence
    assert choice.finding.last_verified == D("2026-12-06") and "Read 2026-12-06" in choice.finding.note
    assert quoted in choice.finding.note
    # The federal clock: 34 CFR 300.613(a), 45 calendar days, no roll-forward. Thu 2026-10-01 +
    # 30 = Sat 10-31, + 15 = Sun 11-15.
    assert choice.count(SchoolCalendar.estimate_for(state), D("2026-10-01")).due == D("2026-11-15")


@pytest.mark.parametrize("state", ["OH", "VA", "WA", "MA", "FL", "GA"])
def test_meeting_request_with_no_state_rule_found_says_so_and_sets_no_date(state: str) -> None:
    # No federal deadline exists for a parent-requested meeting, so no rule at all applies; the
    # finding says no state rule was found in the text read and is marked uncertain.
    choice = applicable_rule("iep-meeting-request", state)
    assert choice.basis == "no-state-rule" and choice.rule is None and choice.warnings == ()
    assert choice.finding.confidence == "U"
    assert "was found in the text read" in choice.finding.note and "UNCERTAIN" in choice.finding.note


@pytest.mark.parametrize(
    ("state", "purpose"),
    [
        ("IL", "iep-meeting-request"),
        ("NY", "iep-meeting-request"),
        ("PA", "iep-meeting-request"),
        ("NC", "iep-meeting-request"),
        ("MI", "iep-meeting-request"),
        ("NJ", "iep-meeting-request"),
    ],
)
def test_what_was_not_found_stays_a_warning(state: str, purpose: str) -> None:
    # Not found in the text read (or sources in conflict): no finding, and every answer warns.
    choice = applicable_rule(purpose, state)
    assert choice.basis == "not-researched" and len(choice.warnings) == 1
