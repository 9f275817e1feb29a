"""The audit trail: an edit after a letter citing the entry was sent needs a reason, kept in history."""

from __future__ import annotations

import pytest

from iep_tui.domain import audit
from iep_tui.domain.models import EscalationStep, Meeting
from iep_tui.services import escalation_service as svc

from .conftest import D


def cited_bundle(make_bundle, entries, status: str = "sent"):
    failure = entries.incident("i-1", "2026-10-06", what="No extended time on the math test")
    step = EscalationStep(
        id="n-1",
        kind="compliance-notice",
        status=status,
        sent=None if status == "draft" else D("2026-10-07"),
        incident_ids=["i-1"],
    )
    return make_bundle(incidents=[failure], escalations=[step])


def test_an_uncited_entry_is_edited_freely(make_bundle, entries) -> None:
    bundle = make_bundle(incidents=[entries.incident("i-1", "2026-10-06")])
    before = bundle.incidents[0]
    assert audit.reason_required(bundle, before, before.model_copy(update={"what": "Corrected"})) is None


def test_an_entry_cited_by_a_sent_letter_needs_a_reason(make_bundle, entries) -> None:
    bundle = cited_bundle(make_bundle, entries)
    before = bundle.incidents[0]
    why = audit.reason_required(bundle, before, before.model_copy(update={"date": D("2026-10-05")}))
    assert why is not None
    assert "the compliance notice sent 2026-10-07 (step n-1)" in why and "date" in why


def test_a_draft_does_not_cite(make_bundle, entries) -> None:
    bundle = cited_bundle(make_bundle, entries, status="draft")
    before = bundle.incidents[0]
    assert audit.reason_required(bundle, before, before.model_copy(update={"what": "x"})) is None


def test_a_sent_step_needs_a_reason_to_change_what_it_sent_but_not_to_record_progress(make_bundle, entries) -> None:
    bundle = cited_bundle(make_bundle, entries)
    step = bundle.escalations[0]
    assert audit.reason_required(bundle, step, step.model_copy(update={"sent": D("2026-10-08")})) is not None
    answered = step.model_copy(update={"status": "answered", "response": "ok", "response_date": D("2026-10-09")})
    assert audit.reason_required(bundle, step, answered) is None


def test_a_meeting_whose_recap_was_sent_needs_a_reason_except_for_its_actions(make_bundle) -> None:
    meeting = Meeting(id="m-1", date=D("2026-10-06"), status="held", recap_sent=D("2026-10-06"), purpose="Review")
    bundle = make_bundle(meetings=[meeting])
    assert audit.reason_required(bundle, meeting, meeting.model_copy(update={"purpose": "Other"})) is not None
    assert audit.reason_required(bundle, meeting, meeting.model_copy(update={"notes": "follow-up"})) is None


def test_the_service_refuses_without_a_reason_and_keeps_the_history_with_one(make_bundle, entries, store_case) -> None:
    store, case_id = store_case(cited_bundle(make_bundle, entries))
    stored = store.load(case_id).incidents[0]
    edited = stored.model_copy(update={"what": "No extended time on the math unit test"})
    with pytest.raises(svc.ReasonRequired, match="step n-1") as error:
        svc.save_edit(store, case_id, edited)
    assert error.value.exit_code == 2
    assert store.load(case_id).incidents[0].what == "No extended time on the math test"  # nothing written
    saved = svc.save_edit(store, case_id, edited, reason="The teacher's email named the unit test")
    assert saved.what == "No extended time on the math unit test"
    (revision,) = saved.history
    assert revision.reason == "The teacher's email named the unit test"
    assert revision.before["what"] == "No extended time on the math test"
    rows = audit.revision_summary(store.load(case_id).incidents[0])
    assert rows[0]["fields"] == ["what"]
    # `created` (when it was entered) is kept apart from the date it describes.
    assert saved.created == stored.created and saved.date == D("2026-10-06")
