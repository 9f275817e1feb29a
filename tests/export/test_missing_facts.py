"""A fact a document needs and the case lacks stops the export with a message naming it."""

from __future__ import annotations

from datetime import date

import pytest

from iep_tui.domain.case_view import build_case_view
from iep_tui.domain.models import CaseBundle
from iep_tui.errors import InputError
from iep_tui.export.letters import build_letter

TODAY = date(2026, 11, 28)


def without_contact(bundle: CaseBundle, role: str) -> CaseBundle:
    case = bundle.case.model_copy(update={"contacts": [c for c in bundle.case.contacts if c.role != role]})
    return bundle.model_copy(update={"case": case})


def build(bundle: CaseBundle, kind: str):
    return build_letter(kind, build_case_view(bundle, TODAY))


@pytest.mark.parametrize(
    "kind", ["compliance-notice", "records-request", "pwn-request", "meeting-request", "meeting-recap", "at-a-glance"]
)
def test_no_case_manager_is_named(demo_bundle: CaseBundle, kind: str) -> None:
    with pytest.raises(InputError, match="no case manager contact"):
        build(without_contact(demo_bundle, "case-manager"), kind)


@pytest.mark.parametrize("kind", ["compliance-notice", "state-complaint", "compensatory-proposal"])
def test_no_parent_is_named(demo_bundle: CaseBundle, kind: str) -> None:
    with pytest.raises(InputError, match="no parent contact"):
        build(without_contact(demo_bundle, "parent"), kind)


def test_a_contact_without_a_name_is_named(demo_bundle: CaseBundle) -> None:
    case = demo_bundle.case
    contacts = [c.model_copy(update={"name": ""}) if c.role == "case-manager" else c for c in case.contacts]
    bundle = demo_bundle.model_copy(update={"case": case.model_copy(update={"contacts": contacts})})
    with pytest.raises(InputError, match="case manager contact has no name"):
        build(bundle, "compliance-notice")


def test_state_complaint_needs_the_childs_address(demo_bundle: CaseBundle) -> None:
    bundle = demo_bundle.model_copy(update={"case": demo_bundle.case.model_copy(update={"address": ""})})
    with pytest.raises(InputError, match=r"residence address.*300\.153\(b\)\(4\)\(i\)"):
        build(bundle, "state-complaint")


def test_missing_school_is_named(demo_bundle: CaseBundle) -> None:
    bundle = demo_bundle.model_copy(update={"case": demo_bundle.case.model_copy(update={"school": ""})})
    with pytest.raises(InputError, match="school is missing"):
        build(bundle, "records-request")


def test_pwn_request_needs_a_refusal(demo_bundle: CaseBundle) -> None:
    incidents = [i.model_copy(update={"tags": [], "kind": "observation"}) for i in demo_bundle.incidents]
    with pytest.raises(InputError, match="refusal"):
        build(demo_bundle.model_copy(update={"incidents": incidents}), "pwn-request")


def test_recap_needs_a_held_meeting(demo_bundle: CaseBundle) -> None:
    meetings = [m for m in demo_bundle.meetings if m.status != "held"]
    with pytest.raises(InputError, match="No meeting marked held"):
        build(demo_bundle.model_copy(update={"meetings": meetings}), "meeting-recap")


def test_compensatory_proposal_needs_minutes_owed(demo_bundle: CaseBundle) -> None:
    with pytest.raises(InputError, match="No minutes are owed"):
        build(demo_bundle.model_copy(update={"sessions": []}), "compensatory-proposal")


def test_an_empty_case_names_what_is_missing(demo_bundle: CaseBundle) -> None:
    empty = CaseBundle(case=demo_bundle.case)
    with pytest.raises(InputError, match="No failure is logged"):
        build(empty, "compliance-notice")
    with pytest.raises(InputError, match="no requirements"):
        build(empty, "checklist")


def test_cc_left_out_is_a_warning_not_a_blank(demo_bundle: CaseBundle) -> None:
    letter = build(without_contact(demo_bundle, "principal"), "compliance-notice")
    assert [p.name for p in letter.cc] == ["Dr. Alicia Gomez"]
    assert letter.warnings[0] == "No principal contact with a name: left out of the cc list."
    # then what the rules engine says of Washington's rules the letter states (the meeting request)
    assert all("Washington" in w for w in letter.warnings[1:])


def test_unknown_kind(demo_bundle: CaseBundle) -> None:
    with pytest.raises(InputError, match="not a document kind"):
        build(demo_bundle, "love-letter")
