"""Letters use the case's state rule where it is stricter, and say when a date is estimated."""

from __future__ import annotations

from datetime import date

import pytest

from iep_tui.calendar.settings import CalendarSettings
from iep_tui.domain.models import CaseBundle
from iep_tui.export.letters import KIND_NAMES, build_letter
from iep_tui.export.text_layout import render_text
from iep_tui.services.export_service import case_view

TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def california(demo_bundle: CaseBundle) -> CaseBundle:
    """The demo moved to California, without a district calendar (dates are estimates)."""
    case = demo_bundle.case.model_copy(update={"state": "CA", "calendar": CalendarSettings(state="CA")})
    return demo_bundle.model_copy(update={"case": case})


def flat(text: str) -> str:
    return " ".join(text.split())


def test_records_request_uses_californias_five_business_days(california: CaseBundle) -> None:
    # Cal. Ed. Code 56504: 5 business days from Sat Nov 28 -> Mon Nov 30 .. Fri Dec 4.
    # Without the demo's meetings, so that the state's count is the date.
    no_meetings = california.model_copy(update={"meetings": []})
    text = flat(render_text(build_letter("records-request", case_view(no_meetings, TODAY))))
    assert (
        "Please provide these records by Friday, December 4, 2026 (5 business days from the date of this letter; "
        "Cal. Ed. Code 56504)" in text
    )
    # With the demo's meeting requested for Thu Dec 3, the day before it (Wed Dec 2) comes first.
    text = flat(render_text(build_letter("records-request", case_view(california, TODAY))))
    assert (
        "before the IEP meeting that I have requested for December 3, 2026, that is by Wednesday, December 2, 2026."
        in text
    )


def test_meeting_request_uses_californias_meeting_rule_and_says_it_is_estimated(california: CaseBundle) -> None:
    # Cal. Ed. Code 56343.5: 30 calendar days (long breaks not counted; without a district
    # calendar the plain count is an estimate): Nov 28 + 30 = Dec 28.
    text = flat(render_text(build_letter("meeting-request", case_view(california, TODAY))))
    assert (
        "Please hold it by Monday, December 28, 2026 (30 calendar days from the date of this letter, not counting "
        "school breaks of more than five school days or summer; Cal. Ed. Code 56343.5; estimated without the "
        "district calendar)" in text
    )


def test_a_meeting_request_in_june_without_a_district_calendar_states_the_rule_without_a_summer_date(
    california: CaseBundle,
) -> None:
    # 56343.5 leaves out vacations of more than five school days: from Tue 2027-06-01, 30 days would reach
    # Thu 07-01 only by counting the summer. Without the district's calendar the count may run into the
    # next school year (the calendar code's may-carry flag), so the letter states the period and the rule
    # and names no date (before this, writing the letter stopped with an error).
    text = flat(render_text(build_letter("meeting-request", case_view(california, date(2027, 6, 1)))))
    assert (
        "Please hold it by the end of 30 calendar days from the date of this letter, not counting school breaks of "
        "more than five school days or summer (Cal. Ed. Code 56343.5; the count may run into the next school year, "
        "so the date depends on the district's calendar for it)." in text
    )
    assert "July 1, 2027" not in text


@pytest.mark.parametrize("kind", KIND_NAMES)
def test_every_kind_builds_without_a_district_calendar(california: CaseBundle, kind: str) -> None:
    text = render_text(build_letter(kind, case_view(california, TODAY)))
    assert "Lena Marsh" in text and "None" not in text


def test_a_californian_meeting_request_for_its_step_asks_a_quick_reply_and_the_meeting_by_the_rules_date(
    california: CaseBundle,
) -> None:
    # With a meeting-request step recorded, the step's clock in California is 56343.5's meeting date (Nov 28
    # + 30 = Mon Dec 28 on the estimate): that is when the meeting must be held, not a date to reply by.
    # The reply stays the quick one, 5 school days: Mon Nov 30 (1) .. Fri Dec 4 (5).
    from iep_tui.services.export_service import draft_for_letter

    step = draft_for_letter(california, "meeting-request", TODAY)
    bundle = california.model_copy(update={"escalations": [*california.escalations, step]})
    text = flat(render_text(build_letter("meeting-request", case_view(bundle, TODAY))))
    assert "Please hold it by Monday, December 28, 2026 (30 calendar days" in text
    assert "Please reply by Friday, December 4, 2026 (5 school days from the date of this letter" in text
    assert "Please reply by Monday, December 28" not in text
