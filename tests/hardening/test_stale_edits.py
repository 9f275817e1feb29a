"""Item 3: every TUI edit carries the version it was read at, and a stale one is a conflict.

The TUI shows a record, someone else (the CLI, another window) changes it, and the
TUI's form is saved afterwards: the other change must survive, and the TUI is told.
"""

from __future__ import annotations

from datetime import date

import pytest

from iep_tui.errors import ConflictError
from iep_tui.services import escalation_service
from iep_tui.store.case_store import CaseStore
from iep_tui.ui import case_actions

CASE = "demo-lena"
TODAY = date(2026, 11, 28)


@pytest.fixture
def store(demo_ws) -> CaseStore:
    return CaseStore(demo_ws, lock_timeout=2.0)


def step_values(step, asked: str) -> dict[str, object]:
    """The step form's values as the TUI fills them from the record it shows."""
    return {
        "kind": step.kind,
        "sent": step.sent.isoformat() if step.sent else "",
        "channel": step.channel,
        "to": ", ".join(step.to_roles),
        "cc": ", ".join(step.cc_roles),
        "asked": asked,
        "incident_ids": list(step.incident_ids),
        "due": "",
        "edit_reason": "clearer wording",
    }


def test_a_stale_step_edit_does_not_overwrite_a_concurrent_change(store) -> None:
    shown = store.load(CASE).escalations[0]  # what the TUI's Escalation tab holds
    escalation_service.edit_step(
        store, CASE, shown.id, TODAY, asked="Changed from the command line", reason="the CLI's correction"
    )
    with pytest.raises(ConflictError):
        case_actions.edit_step(store, CASE, shown, step_values(shown, "The TUI's stale wording"), TODAY)
    assert next(s for s in store.load(CASE).escalations if s.id == shown.id).asked == "Changed from the command line"


def test_a_stale_response_is_a_conflict(store) -> None:
    shown = next(s for s in store.load(CASE).escalations if s.status == "sent")
    escalation_service.respond(store, CASE, shown.id, date(2026, 11, 20), "The CLI recorded this reply", TODAY)
    with pytest.raises(ConflictError):
        case_actions.respond(store, CASE, shown, {"date": "2026-11-21", "text": "A stale reply"}, TODAY)
    saved = next(s for s in store.load(CASE).escalations if s.id == shown.id)
    assert saved.response == "The CLI recorded this reply"


def test_a_stale_meeting_action_is_a_conflict(store) -> None:
    meeting = escalation_service.add_meeting(store, CASE, date(2026, 11, 20), purpose="Review the speech minutes")
    escalation_service.add_action(store, CASE, meeting.id, "case-manager", "Send the make-up schedule", None)
    with pytest.raises(ConflictError):  # the TUI still shows the meeting as it was before that action
        case_actions.add_action(store, CASE, meeting, {"owner_role": "slp", "what": "Stale action"}, TODAY)
    current = next(m for m in store.load(CASE).meetings if m.id == meeting.id)
    assert [a.what for a in current.actions] == ["Send the make-up schedule"]

    action = current.actions[0]
    escalation_service.set_meeting_status(store, CASE, meeting.id, "held")  # moves the meeting on
    with pytest.raises(ConflictError):
        case_actions.complete_action(store, CASE, current, action.id, TODAY)


def test_a_current_edit_still_saves(store) -> None:
    shown = store.load(CASE).escalations[0]
    saved = case_actions.edit_step(store, CASE, shown, step_values(shown, "Fresh wording"), TODAY)
    assert saved.asked == "Fresh wording" and saved.version == shown.version + 1


def contact_values(contact, name: str) -> dict[str, str]:
    """The contact form's values as the TUI fills them from the contact it shows, with a new name."""
    return {
        "role": contact.role,
        "name": name,
        "title": contact.title,
        "email": contact.email,
        "phone": contact.phone,
        "address": contact.address,
    }


def test_a_stale_contact_edit_does_not_overwrite_a_concurrent_change(store) -> None:
    from iep_tui.services.cases import set_contact

    shown = store.load(CASE).case.contacts[0]  # what the contacts list holds
    set_contact(store, CASE, shown.role, email="changed.elsewhere@district.org")
    with pytest.raises(ConflictError, match=f"the {shown.role} contact changed elsewhere"):
        case_actions.save_contact(store, CASE, shown, contact_values(shown, "A stale name"))
    current = next(c for c in store.load(CASE).case.contacts if c.role == shown.role)
    assert (current.name, current.email) == (shown.name, "changed.elsewhere@district.org")


def test_a_stale_contact_removal_removes_nothing(store) -> None:
    from iep_tui.services.cases import remove_contact, set_contact

    shown = store.load(CASE).case.contacts[0]
    set_contact(store, CASE, shown.role, phone="555-0100")
    with pytest.raises(ConflictError):
        remove_contact(store, CASE, shown.role, as_shown=shown)
    assert any(c.role == shown.role and c.phone == "555-0100" for c in store.load(CASE).case.contacts)


def test_a_current_contact_edit_and_removal_still_save(store) -> None:
    from iep_tui.services.cases import remove_contact

    shown = store.load(CASE).case.contacts[0]
    saved = case_actions.save_contact(store, CASE, shown, contact_values(shown, "Ms. Fresh"))
    assert saved.name == "Ms. Fresh"
    remove_contact(store, CASE, saved.role, as_shown=saved)
    assert all(c.role != saved.role for c in store.load(CASE).case.contacts)


def test_a_stale_recap_sent_is_a_conflict(store) -> None:
    meeting = escalation_service.add_meeting(store, CASE, date(2026, 11, 20), status="held", purpose="Speech minutes")
    escalation_service.add_action(store, CASE, meeting.id, "case-manager", "Send the make-up schedule", None)
    with pytest.raises(ConflictError):  # the TUI still shows the meeting without that action
        case_actions.mark_recap_sent(store, CASE, meeting, TODAY)
    current = next(m for m in store.load(CASE).meetings if m.id == meeting.id)
    assert current.recap_sent is None and [a.what for a in current.actions] == ["Send the make-up schedule"]
    assert case_actions.mark_recap_sent(store, CASE, current, TODAY).recap_sent == TODAY


WEEK = {"missing_work": "2", "behavior_incidents": "0", "nurse_visits": "0", "minutes_out_of_class": "0", "note": ""}


def test_a_stale_week_form_does_not_replace_a_snapshot_saved_meanwhile(store) -> None:
    from iep_tui.services.ledger_service import log_week

    monday = date(2026, 11, 23)  # the week of TODAY (Sat Nov 28)
    shown = next((w for w in store.load(CASE).snapshots if w.week == monday), None)  # what the form opened on
    log_week(store, CASE, today=TODAY, missing_work=5, note="saved from the command line")
    with pytest.raises(ConflictError, match="week of 2026-11-23 was saved or changed elsewhere"):
        case_actions.log_week(store, CASE, WEEK, TODAY, shown)
    saved = next(w for w in store.load(CASE).snapshots if w.week == monday)
    assert (saved.missing_work, saved.note) == (5, "saved from the command line")
    # opened again on what is there now, the form saves and replaces it
    again = case_actions.log_week(store, CASE, WEEK, TODAY, saved)
    assert again.replaced and again.snapshot.missing_work == 2
