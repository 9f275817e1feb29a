"""Item 3, form by form: each TUI edit form that carries the version it was read at is refused
as a conflict when the record moved on, and the other change survives.

The store-level tests (tests/store/test_case_store.py) show a stale `put` is refused; these
drive the forms' own save functions (iep_tui/ui/case_actions.py, what the TUI's dialogs call)
with the values the form fills in from the record it shows. In each, "another window" (the
CLI, or the same form in a second TUI) saves first; the stale form then saves what it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from iep_tui.domain.models import CaseBundle
from iep_tui.errors import ConflictError
from iep_tui.store.case_store import CaseStore
from iep_tui.ui import case_actions

CASE = "demo-lena"
TODAY = date(2026, 11, 28)
REASON = "a correction"
"""The edit reason the forms ask for when a sent letter cites the record (kept in its history)."""


@pytest.fixture
def store(demo_ws) -> CaseStore:
    return CaseStore(demo_ws, lock_timeout=2.0)


def day(value: date | None) -> str:
    return value.isoformat() if value else ""


# ---------------------------------------------------------------- what each form fills in from a record


def details_values(case: Any, school: str) -> dict[str, Any]:
    values = {key: getattr(case, key) for key in ("student", "district", "state", "grade", "address", "student_id")}
    dates = ("iep_effective", "annual_review_due", "reevaluation_due", "date_of_birth")
    return {**values, **{key: day(getattr(case, key)) for key in dates}, "school": school}


def requirement_values(record: Any, setting: str) -> dict[str, Any]:
    values = {key: getattr(record, key) for key in ("kind", "name", "text", "frequency", "provider_role", "section")}
    return {
        **values,
        "safety": record.safety,
        "start": day(record.start),
        "end": day(record.end),
        "setting": setting,
        "edit_reason": REASON,
    }


def session_values(record: Any, note: str) -> dict[str, Any]:
    return {
        "requirement_id": record.requirement_id,
        "status": record.status,
        "date": record.date.isoformat(),
        "minutes": "" if record.minutes is None else str(record.minutes),
        "reason": record.reason or "",
        "source": record.source,
        "delivered_as": record.delivered_as,
        "note": note,
        "edit_reason": REASON,
    }


def incident_values(record: Any, impact: str) -> dict[str, Any]:
    return {
        "date": record.date.isoformat(),
        "what": record.what,
        "setting": record.setting,
        "requirement_ids": list(record.requirement_ids),
        "safety": record.safety,
        "source": record.source,
        "kind": record.kind,
        "notified": ", ".join(n.role for n in record.notified),
        "impact": impact,
        "edit_reason": REASON,
    }


def meeting_values(record: Any, purpose: str) -> dict[str, Any]:
    return {
        "date": record.date.isoformat(),
        "status": record.status,
        "attendees": ", ".join(record.attendees),
        "requested_on": day(record.requested_on),
        "recap_sent": day(record.recap_sent),
        "purpose": purpose,
        "edit_reason": REASON,
    }


@dataclass(frozen=True)
class Form:
    """One edit form: the record it shows, its save, the values it fills in and the field the test changes."""

    shows: Callable[[CaseBundle], Any]
    save: Callable[[CaseStore, Any, dict[str, Any]], Any]
    values: Callable[[Any, str], dict[str, Any]]
    field: str


def _save(action: Callable[..., Any]) -> Callable[[CaseStore, Any, dict[str, Any]], Any]:
    return lambda store, shown, values: action(store, CASE, shown, values, TODAY)


FORMS = {
    "case details": Form(
        lambda b: b.case,
        lambda store, shown, values: case_actions.save_details(store, CASE, shown, values, TODAY),
        details_values,
        "school",
    ),
    "requirement": Form(
        lambda b: b.requirements[0], _save(case_actions.edit_requirement), requirement_values, "setting"
    ),
    "session": Form(lambda b: b.sessions[0], _save(case_actions.edit_session), session_values, "note"),
    "incident": Form(lambda b: b.incidents[0], _save(case_actions.edit_incident), incident_values, "impact"),
    "meeting": Form(lambda b: b.meetings[0], _save(case_actions.edit_meeting), meeting_values, "purpose"),
}


def current(store: CaseStore, form: Form, shown: Any) -> Any:
    bundle = store.load(CASE)
    if form.field == "school":
        return bundle.case
    return next(r for r in getattr(bundle, type(shown).__name__.lower() + "s") if r.id == shown.id)


@pytest.mark.parametrize("name", sorted(FORMS))
def test_a_stale_form_is_a_conflict_and_the_other_save_survives(store, name: str) -> None:
    form = FORMS[name]
    shown = form.shows(store.load(CASE))  # what the form opened on
    other_window = form.shows(store.load(CASE))  # the same record, opened in a second window
    form.save(store, other_window, form.values(other_window, "Saved from the other window"))
    with pytest.raises(ConflictError):
        form.save(store, shown, form.values(shown, "The stale form's text"))
    saved = current(store, form, shown)
    assert getattr(saved, form.field) == "Saved from the other window"
    assert saved.version == shown.version + 1  # the other save only: the stale one wrote nothing


@pytest.mark.parametrize("name", sorted(FORMS))
def test_a_form_reopened_on_the_current_record_saves(store, name: str) -> None:
    form = FORMS[name]
    shown = form.shows(store.load(CASE))
    form.save(store, form.shows(store.load(CASE)), form.values(shown, "First"))
    reopened = current(store, form, shown)
    form.save(store, reopened, form.values(reopened, "Second, on what is there now"))
    saved = current(store, form, shown)
    assert getattr(saved, form.field) == "Second, on what is there now"
    assert saved.version == shown.version + 2


def test_a_details_form_is_a_conflict_after_a_cli_change_to_the_case(store, cli) -> None:
    """The other writer is the command line, changing a field the form does not show."""
    shown = store.load(CASE).case
    assert cli("contact", "set", "slp", "--phone", "555-0100", "--case", CASE).code == 0
    with pytest.raises(ConflictError):
        case_actions.save_details(store, CASE, shown, details_values(shown, "Stale school"), TODAY)
    case = store.load(CASE).case
    assert case.school == shown.school and any(c.phone == "555-0100" for c in case.contacts)


def test_a_meeting_form_is_a_conflict_after_the_cli_changed_its_status(store, cli) -> None:
    shown = next(m for m in store.load(CASE).meetings if m.status == "requested")
    assert cli("meeting", "status", shown.id, "scheduled", "--case", CASE).code == 0
    with pytest.raises(ConflictError):
        case_actions.edit_meeting(store, CASE, shown, meeting_values(shown, "Stale purpose"), TODAY)
    saved = next(m for m in store.load(CASE).meetings if m.id == shown.id)
    assert (saved.status, saved.purpose) == ("scheduled", shown.purpose)
