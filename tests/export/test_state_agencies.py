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
    from datetime import date

    from iep_tui.calendar.settings import CalendarSettings
    from iep_tui.export.letters import build_letter
    from iep_tui.services.export_service import case_view

    case = demo_bundle.case.model_copy(update={"state": "OR", "calendar": CalendarSettings(state="OR")})
    letter = build_letter("state-complaint", case_view(demo_bundle.model_copy(update={"case": case}), date(2026, 11, 28)))
    assert letter.salutation == "To the Oregon Department of Education:"
    assert "was not checked against its own site: confirm it" in letter.draft_note
    # no rules file for Oregon: the user is told, when the letter is written, that federal rules were used
    assert any("no rules file for Oregon (OR)" in w for w in letter.warnings)
