"""The demo case is internally consistent: every reference resolves, every date is real."""

from __future__ import annotations

from datetime import date

from iep_tui.demo import demo_case
from iep_tui.demo.demo_case import build_demo_bundle


def test_demo_is_deterministic() -> None:
    assert build_demo_bundle() == build_demo_bundle()


def test_every_reference_in_the_demo_resolves() -> None:
    bundle = build_demo_bundle()
    requirement_ids = {r.id for r in bundle.requirements}
    incident_ids = {i.id for i in bundle.incidents}
    assert {s.requirement_id for s in bundle.sessions} <= requirement_ids
    for incident in bundle.incidents:
        assert set(incident.requirement_ids) <= requirement_ids, incident.id
    for step in bundle.escalations:
        assert set(step.incident_ids) <= incident_ids, step.id


def test_exception_dates_are_scheduled_school_days() -> None:
    # A typo in the exception tables would silently turn a miss into a delivered session.
    closed = {date(2026, 10, 9), date(2026, 11, 11), date(2026, 11, 26), date(2026, 11, 27)}
    schedule = {
        "speech": (demo_case._SPEECH_EXCEPTIONS, {1, 3}),
        "ot": (demo_case._OT_EXCEPTIONS, {2}),
        "counseling": (demo_case._COUNSELING_EXCEPTIONS, {4}),
        "reading": (demo_case._READING_EXCEPTIONS, {0, 1, 2, 3, 4}),
    }
    for name, (exceptions, weekdays) in schedule.items():
        for key in exceptions:
            day = date.fromisoformat(key)
            assert day.weekday() in weekdays and day not in closed, (name, key)


def test_demo_has_what_every_pane_needs() -> None:
    bundle = build_demo_bundle()
    case = bundle.case
    assert case.state == "WA" and case.grade == "4" and case.address
    assert {"parent", "case-manager", "principal", "sped-director"} <= {c.role for c in case.contacts}
    kinds = {r.kind for r in bundle.requirements}
    assert kinds == {"service", "accommodation", "support"}
    assert any(r.safety for r in bundle.requirements)
    reasons = {s.reason for s in bundle.sessions if s.status == "missed"}
    assert {"provider-absent", "staff-reassigned", "student-absent", "unknown"} <= reasons
    assert any(s.status == "makeup" for s in bundle.sessions)
    assert any(i.safety for i in bundle.incidents)
    assert any("refusal" in i.tags for i in bundle.incidents)
    assert {m.status for m in bundle.meetings} == {"held", "requested"}
    assert any(a.done is None for m in bundle.meetings for a in m.actions)
    assert len(bundle.snapshots) == 8
