"""Safety urgency: a safety-related failure no sent step has escalated makes the case urgent."""

from __future__ import annotations

from iep_tui.domain.models import EscalationStep
from iep_tui.domain.safety import safety_failures, safety_urgency

from .conftest import D

TODAY = D("2026-11-05")


def test_an_incident_on_a_safety_requirement_makes_the_case_urgent(make_bundle, entries) -> None:
    bundle = make_bundle(
        contacts=("case-manager", "principal", "sped-director"),
        incidents=[
            entries.incident(
                "i-elope", "2026-11-03", what="Left the playground; no para", requirement_ids=["req-elope"]
            ),
            entries.incident("i-ext", "2026-11-04", what="No extended time", requirement_ids=["req-ext"]),
        ],
    )
    urgency = safety_urgency(bundle, TODAY)
    assert urgency is not None
    assert [f.evidence.id for f in urgency.failures] == ["i-elope"]  # extended time is not safety-related
    assert urgency.failures[0].requirement_names == ("Elopement plan",)
    assert urgency.headline.startswith("safety: Elopement plan not followed on 2026-11-03")
    # The suggested step: a same-day written notice to leadership asking for an immediate meeting.
    assert urgency.send_by == TODAY
    draft = urgency.draft
    assert (draft.kind, draft.status) == ("compliance-notice", "draft")
    # issue 10: to the principal and the special-education director, copying the case manager
    assert draft.to_roles == ["principal", "sped-director"]  # the case's own spelling of the role
    assert draft.cc_roles == ["case-manager"]
    assert "immediate meeting" in draft.asked and "2026-11-03" in draft.asked
    assert draft.incident_ids == ["i-elope"]
    assert (draft.due_count, draft.due_day_kind) == (1, "school")


def test_an_incident_flagged_safety_counts_even_without_a_safety_requirement(make_bundle, entries) -> None:
    bundle = make_bundle(incidents=[entries.incident("i-bus", "2026-11-02", what="No aide on the bus", safety=True)])
    urgency = safety_urgency(bundle, TODAY)
    assert urgency is not None and urgency.failures[0].describe().startswith("a safety-related support not followed")


def test_a_missed_safety_session_counts_only_when_the_school_owes_it(make_bundle, entries) -> None:
    bundle = make_bundle(
        sessions=[
            entries.missed("s-absent", "2026-11-02", reason="student-absent", requirement="req-elope"),
            entries.missed("s-closed", "2026-11-11", reason="school-closed", requirement="req-elope"),
        ]
    )
    assert safety_urgency(bundle, TODAY) is None
    bundle = bundle.model_copy(
        update={
            "sessions": [
                *bundle.sessions,
                entries.missed("s-para", "2026-11-04", reason="staff-reassigned", requirement="req-elope"),
            ]
        }
    )
    urgency = safety_urgency(bundle, TODAY)
    assert urgency is not None and [f.evidence.id for f in urgency.failures] == ["s-para"]
    assert urgency.draft.session_ids == ["s-para"]


def test_a_sent_step_linking_the_failure_ends_the_urgency_but_a_draft_does_not(make_bundle, entries) -> None:
    failure = entries.incident("i-elope", "2026-11-03", requirement_ids=["req-elope"])
    draft = EscalationStep(id="step-draft", kind="compliance-notice", incident_ids=["i-elope"])
    bundle = make_bundle(incidents=[failure], escalations=[draft])
    assert safety_urgency(bundle, TODAY) is not None
    sent = EscalationStep(
        id="step-sent", kind="compliance-notice", sent=D("2026-11-03"), status="sent", incident_ids=["i-elope"]
    )
    bundle = make_bundle(incidents=[failure], escalations=[draft, sent])
    assert safety_urgency(bundle, TODAY) is None
    (only,) = safety_failures(bundle)
    assert only.escalated_by == ("step-sent",)


def test_a_step_that_does_not_link_the_failure_does_not_count(make_bundle, entries) -> None:
    # Escalating something else after the failure is not escalating the failure.
    other = EscalationStep(kind="records-request", sent=D("2026-11-04"), status="sent")
    bundle = make_bundle(
        incidents=[entries.incident("i-elope", "2026-11-03", requirement_ids=["req-elope"])], escalations=[other]
    )
    assert safety_urgency(bundle, TODAY) is not None
