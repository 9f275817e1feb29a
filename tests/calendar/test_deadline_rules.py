"""The shipped rules: complete, well-formed, citable, and applied the way they say."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

import pytest

from iep_tui.calendar import deadline_rules
from iep_tui.calendar.deadline_rules import (
    PURPOSES,
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
    assert {r.jurisdiction for r in load_rules("WA")} == {"US"}  # no Washington rules sourced
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
