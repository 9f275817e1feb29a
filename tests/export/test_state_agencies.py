"""The state agency a complaint goes to: data for the 50 states and DC, each read or marked uncertain."""

from __future__ import annotations

import json
from importlib import resources

from iep_tui.calendar.states import STATES
from iep_tui.domain.state_agencies import meeting_name, state_agency

TERRITORIES = {"AS", "GU", "MP", "PR", "VI"}


def test_every_state_and_dc_has_an_agency_read_or_marked_uncertain() -> None:
    data = json.loads(resources.files("iep_tui.domain").joinpath("state_agencies.json").read_text("utf-8"))
    agencies = data["agencies"]
    assert set(agencies) == set(STATES) - TERRITORIES and len(agencies) == 51
    for code, entry in agencies.items():
        assert entry["name"], code
        # read from a source on a date, or said to be uncertain: never both, never neither
        assert bool(entry.get("read")) != bool(entry.get("uncertain")), code
        if entry.get("read"):
            assert entry.get("source"), code


def test_the_agencies_read_for_the_letters() -> None:
    assert state_agency("WA").name == "Office of Superintendent of Public Instruction"
    assert state_agency("CA").name == "California Department of Education"
    assert state_agency("CA").address.startswith("1430 N Street, Suite 2401")
    assert state_agency("TX").name == "Texas Education Agency"
    assert state_agency("PR") is None
    # 19 TAC 89.1050(a): in Texas the IEP team is the ARD committee
    assert meeting_name("TX") == "ARD committee meeting" and meeting_name("WA") == "IEP meeting"


def test_a_complaint_to_an_agency_not_yet_read_says_to_confirm_it(demo_bundle) -> None:
    # Kentucky's complaint office could not be read from the agency's own pages or 707 KAR 1:340 (see its note)
    letter = _complaint_to(demo_bundle, "KY")
    assert letter.salutation == "To the Kentucky Department of Education:"
    assert "was not checked against its own site: confirm it" in letter.draft_note
    # no rules file for Kentucky: the user is told, when the letter is written, that federal rules were used
    assert any("no rules file for Kentucky (KY)" in w for w in letter.warnings)


def _complaint_to(demo_bundle, state: str):
    """The state complaint of the demo case moved to `state`, written on 2026-11-28."""
    from datetime import date

    from iep_tui.calendar.settings import CalendarSettings
    from iep_tui.export.letters import build_letter
    from iep_tui.services.export_service import case_view

    case = demo_bundle.case.model_copy(update={"state": state, "calendar": CalendarSettings(state=state)})
    return build_letter("state-complaint", case_view(demo_bundle.model_copy(update={"case": case}), date(2026, 11, 28)))


def test_the_addressee_is_what_the_state_says_to_send_complaints_to(demo_bundle) -> None:
    # Each block is the office, the agency, then the mailing address, as read on 2026-12-06:
    # AL, Ala. Admin. Code r. 290-8-9-.08: "send it to the State Superintendent of Education, Attention:
    #   Special Education Services, Post Office Box 302101, Montgomery, Alabama 36130-2101".
    # MT, ARM 10.16.3662(3): "filed with the OPI Dispute Resolution Office, Office of Public Instruction,
    #   P.O. Box 202501, Helena, Montana 59620-2501".
    # IL, isbe.net/complaint: "mailed, faxed, or scanned and sent via email to ... The Illinois State Board of
    #   Education, Special Education Services Department, 100 North First Street, Springfield, Illinois
    #   62777-0001 ... statecomplaints@isbe.net".
    # WY, edu.wyoming.gov dispute resolution: "filed with WDE by mail or faxed to: State Director of Special
    #   Education, WDE Special Education Programs Division, 122 W. 25th St. Suite E200, Cheyenne, Wyoming
    #   82002 ... Or email to: wde-disputeinbox@wyo.gov".
    expected = {
        "AL": (
            [
                "State Superintendent of Education, Attention: Special Education Services",
                "Alabama State Department of Education",
                "Post Office Box 302101",
                "Montgomery, Alabama 36130-2101",
            ],
            "",
        ),
        "MT": (
            [
                "Dispute Resolution Office",
                "Montana Office of Public Instruction",
                "P.O. Box 202501",
                "Helena, Montana 59620-2501",
            ],
            "",
        ),
        "IL": (
            [
                "Special Education Services Department",
                "Illinois State Board of Education",
                "100 North First Street",
                "Springfield, Illinois 62777-0001",
            ],
            "statecomplaints@isbe.net",
        ),
        "WY": (
            [
                "State Director of Special Education, Special Education Programs Division",
                "Wyoming Department of Education",
                "122 W. 25th St. Suite E200",
                "Cheyenne, Wyoming 82002",
            ],
            "wde-disputeinbox@wyo.gov",
        ),
    }
    for state, (lines, email) in expected.items():
        letter = _complaint_to(demo_bundle, state)
        (agency,) = letter.recipients
        assert agency.block_lines() == lines, state
        assert agency.email == email, state
        assert letter.salutation == f"To the {lines[1]}:", state
        # read from a source with an address: nothing left for the parent to look up or confirm
        assert "confirm it" not in letter.draft_note and "complaint address" not in letter.draft_note, state


def test_an_agency_read_without_an_address_asks_for_one_but_not_to_confirm_the_name(demo_bundle) -> None:
    # OAR 581-015-2030(1): "file with the State Superintendent of Public Instruction a written, signed
    # complaint"; the rule gives no mailing address, so the letter has none and its note asks for it.
    letter = _complaint_to(demo_bundle, "OR")
    (agency,) = letter.recipients
    assert agency.block_lines() == ["State Superintendent of Public Instruction", "Oregon Department of Education"]
    assert letter.salutation == "To the Oregon Department of Education:"
    assert "Add the agency's complaint address or use its online form" in letter.draft_note
    assert "was not checked against its own site" not in letter.draft_note


def test_an_address_is_only_ever_given_with_its_source() -> None:
    data = json.loads(resources.files("iep_tui.domain").joinpath("state_agencies.json").read_text("utf-8"))
    for code, entry in data["agencies"].items():
        if entry.get("address") or entry.get("email"):
            # a read entry whose note quotes where complaints go; never an address on an uncertain entry
            assert entry.get("read") and entry.get("source") and entry.get("note"), code
        if entry.get("uncertain"):
            # the note says what was searched, so the next person does not start again
            assert "searched" in entry.get("note", ""), code
