"""What the forms' Save does: turn the typed values into one service call.

Each function takes the store, the case id, today and the form's values (strings
as typed) and returns what was saved. Dates are read by the CLI's own parser
(`today`, `yesterday`, `tuesday`, `3 school days ago`, ISO dates) and every error is
the service's sentence, so a form and a quick-entry command say the same thing.
These run in worker threads, never on the UI thread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from iep_tui.errors import InputError

if TYPE_CHECKING:
    from iep_tui.calendar.school_calendar import SchoolCalendar
    from iep_tui.domain.date_input import SchoolDayTest
    from iep_tui.domain.models import (
        Case,
        Contact,
        EscalationStep,
        Incident,
        Meeting,
        Record,
        Requirement,
        Session,
        WeeklySnapshot,
    )
    from iep_tui.services.ledger_service import IncidentResult, LogResult, SnapshotResult
    from iep_tui.store.case_store import CaseStore

Values = dict[str, Any]
"""A form's fields by id, as typed: text, a choice's value, a tick (bool) or the ticked ids (list[str]).
`Any`: each form and its save agree on what each field holds; the service checks the values."""

R = TypeVar("R", bound="Record")

_DUE_COUNT = re.compile(r"^(\d{1,4})\s+(school|business|calendar)(?:\s+days?)?$")


# ---------------------------------------------------------------- reading what was typed


@dataclass(frozen=True)
class QuickEntry:
    """What the quick log saves: the keys pressed, and the note and date when the user tabbed to them."""

    requirement_id: str
    status: str
    reason: str | None
    date: str = "today"
    note: str = ""
    minutes: str = ""
    """Blank: the session length of the frequency."""


class _CaseSchoolDays:
    """The case's school calendar, read only when a date is typed in school days ("3 school days ago").

    Reading it means loading the whole case: a tenth of a second with years of entries,
    which a quick log dated "today" should not pay before it saves.
    """

    def __init__(self, store: CaseStore, case_id: str) -> None:
        self._store, self._case_id = store, case_id
        self._calendar: SchoolCalendar | None = None

    def is_school_day(self, day: date) -> bool:
        if self._calendar is None:
            from iep_tui.services.calendar_service import case_calendar

            self._calendar = case_calendar(self._store.load(self._case_id).case)
        return self._calendar.is_school_day(day)


def _calendar(store: CaseStore, case_id: str) -> SchoolDayTest:
    return _CaseSchoolDays(store, case_id)


def parse_date(text: str, today: date, calendar: SchoolDayTest | None = None, *, field: str = "date") -> date:
    from iep_tui.domain.date_input import parse_user_date

    try:
        return parse_user_date(text, today, calendar)
    except InputError as error:
        raise InputError(f"{field}: {error}") from None


def optional_date(text: str, today: date, calendar: SchoolDayTest | None = None, *, field: str) -> date | None:
    return parse_date(text, today, calendar, field=field) if text.strip() else None


def optional_int(text: str, *, field: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not re.fullmatch(r"\d{1,6}", text):
        raise InputError(f"{field}: expected a whole number such as 30.")
    return int(text)


def roles(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;]", text) if part.strip()]


def parse_due(text: str) -> tuple[str | None, int | None, str | None]:
    """'' (the default clock), '10 school days', or a rule id such as records-access."""
    text = " ".join(text.strip().lower().split())
    if not text:
        return None, None, None
    match = _DUE_COUNT.match(text)
    if match:
        return None, int(match.group(1)), match.group(2)
    if re.fullmatch(r"[a-z0-9][a-z0-9-]*", text):
        return text, None, None
    raise InputError(
        f"due: {text!r} is neither a day count such as '10 school days' nor a rule id such as records-access."
    )


def _validated(kind: type[R], data: Values) -> R:
    from pydantic import ValidationError

    from iep_tui.domain.validation import explain

    try:
        return kind.model_validate(data)
    except ValidationError as error:
        raise InputError(explain(error)) from None


# ---------------------------------------------------------------- case


def create_case(store: CaseStore, values: Values, today: date) -> Case:
    from iep_tui.services.cases import create_case as create

    fields: Values = {k: values[k] for k in ("student", "state", "school", "district", "grade") if values.get(k)}
    for key in ("iep_effective", "annual_review_due", "reevaluation_due"):
        if values.get(key):
            fields[key] = parse_date(values[key], today, field=key.replace("_", " "))
    return create(store, **fields)


def save_details(store: CaseStore, case_id: str, case: Case, values: Values, today: date) -> Case:
    """The case details form's save: every field as typed (a blank one is cleared), dates read as the CLI
    reads them; a conflict when the case changed since the form opened."""
    from iep_tui.services.cases import save_case_details

    details: Values = {
        key: values.get(key, "") for key in ("student", "school", "district", "state", "grade", "address", "student_id")
    }
    for key in ("iep_effective", "annual_review_due", "reevaluation_due", "date_of_birth"):
        details[key] = optional_date(values.get(key, ""), today, field=key.replace("_", " "))
    return save_case_details(store, case_id, details, read_at=case.version)


def save_contact(store: CaseStore, case_id: str, shown: Contact | None, values: Values) -> Contact:
    """The contact form's save (a changed role moves the contact to the new role); a conflict when
    the contact the form opened on (`shown`, None for a new one) changed since."""
    from iep_tui.services.cases import replace_contact

    if not values.get("role"):
        raise InputError("role: name the role letters address, such as case-manager.")
    fields = {key: values.get(key, "") for key in ("name", "title", "email", "phone", "address")}
    old_role = shown.role if shown is not None else None
    return replace_contact(store, case_id, old_role, values["role"], as_shown=shown, **fields)


# ---------------------------------------------------------------- checklist and evidence


def requirement_fields(values: Values, today: date) -> Values:
    fields: Values = {
        "kind": values["kind"],
        "name": values["name"],
        "text": values["text"],
        "frequency": values.get("frequency", ""),
        "provider_role": values.get("provider_role", ""),
        "setting": values.get("setting", ""),
        "section": values.get("section", ""),
        "safety": bool(values.get("safety")),
    }
    fields["start"] = optional_date(values.get("start", ""), today, field="start")
    fields["end"] = optional_date(values.get("end", ""), today, field="end")
    return fields


def add_requirement(store: CaseStore, case_id: str, values: Values, today: date) -> Requirement:
    from iep_tui.services.ledger_service import add_requirement as service_add

    return service_add(store, case_id, **requirement_fields(values, today))


def edit_record(store: CaseStore, case_id: str, record: Record, changes: Values, reason: str = "") -> Record:
    """Save an edited record through the same rule as the CLI (a reason when a sent letter cites it)."""
    from iep_tui.services.escalation_service import save_edit

    data = record.model_dump()
    data.update(changes)
    edited = _validated(type(record), data)
    return save_edit(store, case_id, edited, reason or None)


def edit_requirement(store: CaseStore, case_id: str, record: Requirement, values: Values, today: date) -> Record:
    return edit_record(store, case_id, record, requirement_fields(values, today), values.get("edit_reason", ""))


def log_session(store: CaseStore, case_id: str, values: Values, today: date) -> LogResult:
    """A delivered, partial, missed or make-up session; returns the service's LogResult."""
    from iep_tui.services.ledger_service import log_session as service_log

    return service_log(
        store,
        case_id,
        values["requirement_id"],
        values["status"],
        today=today,
        on=parse_date(values.get("date") or "today", today, _calendar(store, case_id)),
        minutes=optional_int(values.get("minutes", ""), field="minutes"),
        reason=values.get("reason") if values["status"] == "missed" else None,
        note=values.get("note", ""),
        source=values.get("source") or "parent-observation",
        delivered_as=values.get("delivered_as", "") if values["status"] != "missed" else "",
    )


def edit_session(store: CaseStore, case_id: str, record: Session, values: Values, today: date) -> Record:
    status = values["status"]
    changes: Values = {
        "requirement_id": values["requirement_id"],
        "status": status,
        "date": parse_date(values.get("date") or "today", today, _calendar(store, case_id)),
        "note": values.get("note", ""),
        "source": values.get("source") or "parent-observation",
        "reason": (values.get("reason") or "unknown") if status == "missed" else None,
        "delivered_as": values.get("delivered_as", "") if status != "missed" else "",
    }
    minutes = optional_int(values.get("minutes", ""), field="minutes")
    if minutes is not None:
        changes["minutes"] = minutes
    return edit_record(store, case_id, record, changes, values.get("edit_reason", ""))


def quick_log(store: CaseStore, case_id: str, entry: QuickEntry, today: date) -> LogResult:
    """The quick log's QuickEntry: a delivered (full length) or missed session, dated today unless changed."""
    values: Values = {
        "requirement_id": entry.requirement_id,
        "status": entry.status,
        "date": entry.date or "today",
        "reason": entry.reason,
        "note": entry.note,
        "minutes": entry.minutes,
    }
    return log_session(store, case_id, values, today)


def minutes_to_ask(frequency: str) -> str | None:
    """None when a frequency gives a session length; else the minutes a quick log prefills:
    the frequency's amount ('30' for '30 min weekly', '120' for '120 min monthly'), or ''
    when it names none ('daily')."""
    from iep_tui.domain.frequency import frequency_of

    try:
        parsed = frequency_of(frequency)
    except InputError:
        return ""
    if parsed is not None and parsed.session_minutes is not None:
        return None
    return str(parsed.minutes) if parsed is not None and parsed.minutes is not None else ""


def add_incident(store: CaseStore, case_id: str, values: Values, today: date) -> IncidentResult:
    """Returns the service's IncidentResult (failures counted per requirement)."""
    from iep_tui.services.ledger_service import log_incident

    return log_incident(
        store,
        case_id,
        values.get("what", ""),
        today=today,
        on=parse_date(values.get("date") or "today", today, _calendar(store, case_id)),
        requirement_texts=list(values.get("requirement_ids") or []),
        impact=values.get("impact", ""),
        setting=values.get("setting", ""),
        notified=roles(values.get("notified", "")),
        safety=bool(values.get("safety")),
        source=values.get("source") or "parent-observation",
        kind=values.get("kind") or "observation",
    )


def edit_incident(store: CaseStore, case_id: str, record: Incident, values: Values, today: date) -> Record:
    changes: Values = {
        "date": parse_date(values.get("date") or "today", today, _calendar(store, case_id)),
        "what": values.get("what", ""),
        "setting": values.get("setting", ""),
        "requirement_ids": list(values.get("requirement_ids") or []),
        "impact": values.get("impact", ""),
        "safety": bool(values.get("safety")),
        "source": values.get("source") or "parent-observation",
        "kind": values.get("kind") or "observation",
    }
    told = roles(values.get("notified", ""))
    if told != [n.role for n in record.notified]:
        when = {n.role: n.on for n in record.notified}
        changes["notified"] = [{"role": role, "on": when.get(role, changes["date"])} for role in told]
    return edit_record(store, case_id, record, changes, values.get("edit_reason", ""))


def log_week(
    store: CaseStore, case_id: str, values: Values, today: date, shown: WeeklySnapshot | None = None
) -> SnapshotResult:
    """This week's impact snapshot (re-entry replaces it); returns the service's SnapshotResult.
    `shown` is the snapshot the form opened on (None: none for this week): saved for the same week,
    a change made elsewhere meanwhile is a conflict."""
    from iep_tui.calendar.school_calendar import week_of
    from iep_tui.services.ledger_service import log_week as service_week

    counts = {
        key: optional_int(values.get(key, ""), field=key.replace("_", " ")) or 0
        for key in ("missing_work", "behavior_incidents", "nurse_visits", "minutes_out_of_class")
    }
    week = parse_date(values.get("week") or "today", today, field="week")
    same_week = week_of(week) == week_of(today)
    read_at = (shown.version if shown is not None else 0) if same_week else None
    return service_week(store, case_id, today=today, week=week, note=values.get("note", ""), read_at=read_at, **counts)


# ---------------------------------------------------------------- escalation


def escalate(store: CaseStore, case_id: str, values: Values, today: date) -> EscalationStep:
    from iep_tui.services.escalation_service import escalate as service_escalate

    calendar = _calendar(store, case_id)
    rule, count, day_kind = parse_due(values.get("due", ""))
    view = service_escalate(
        store,
        case_id,
        values["kind"],
        today=today,
        sent=optional_date(values.get("sent", ""), today, calendar, field="sent"),
        channel=values.get("channel") or "email",
        to_roles=roles(values.get("to", "")),
        cc_roles=roles(values.get("cc", "")),
        asked=values.get("asked", ""),
        incidents=list(values.get("incident_ids") or []),
        sessions=list(values.get("session_ids") or []),
        due_rule=rule,
        due_count=count,
        due_day_kind=day_kind,
    )
    return view.step


def edit_step(store: CaseStore, case_id: str, record: EscalationStep, values: Values, today: date) -> EscalationStep:
    from iep_tui.services.escalation_service import edit_step as service_edit

    calendar = _calendar(store, case_id)
    view = service_edit(
        store,
        case_id,
        record.id,
        today,
        sent=optional_date(values.get("sent", ""), today, calendar, field="sent"),
        to_roles=roles(values.get("to", "")),
        cc_roles=roles(values.get("cc", "")),
        channel=values.get("channel") or None,
        asked=values.get("asked", ""),
        incidents=list(values.get("incident_ids") or []),
        due=parse_due(values.get("due", "")),
        reason=values.get("edit_reason") or None,
        read_at=record.version,
    )
    return view.step


def respond(store: CaseStore, case_id: str, step: EscalationStep, values: Values, today: date) -> EscalationStep:
    """The response form's save; a conflict when the step changed since the form opened."""
    from iep_tui.services.escalation_service import respond as service_respond

    on = parse_date(values.get("date") or "today", today, _calendar(store, case_id))
    return service_respond(store, case_id, step.id, on, values.get("text", ""), today, read_at=step.version).step


def add_meeting(store: CaseStore, case_id: str, values: Values, today: date) -> Meeting:
    from iep_tui.services.escalation_service import add_meeting as service_add

    calendar = _calendar(store, case_id)
    return service_add(
        store,
        case_id,
        parse_date(values.get("date") or "today", today, calendar),
        status=values.get("status") or "scheduled",
        attendees=roles(values.get("attendees", "")),
        purpose=values.get("purpose", ""),
        requested_on=optional_date(values.get("requested_on", ""), today, calendar, field="requested on"),
    )


def edit_meeting(store: CaseStore, case_id: str, record: Meeting, values: Values, today: date) -> Record:
    """The meeting form's save when editing: date, status, purpose, attendees, when it was requested and
    when its recap went out (the actions change through their own keys)."""
    from iep_tui.domain.roles import check_role

    calendar = _calendar(store, case_id)
    typed = roles(values.get("attendees", ""))
    case = store.load(case_id).case if any(r not in record.attendees for r in typed) else None
    changes: Values = {
        "date": parse_date(values.get("date") or "today", today, calendar),
        "status": values.get("status") or record.status,
        "purpose": values.get("purpose", ""),
        # a role already on the meeting stays; a new one must be known or a contact's, as when adding
        "attendees": [r if r in record.attendees else check_role(r, case) for r in typed],
        "requested_on": optional_date(values.get("requested_on", ""), today, calendar, field="requested on"),
        "recap_sent": optional_date(values.get("recap_sent", ""), today, calendar, field="recap sent"),
    }
    return edit_record(store, case_id, record, changes, values.get("edit_reason", ""))


def mark_recap_sent(store: CaseStore, case_id: str, meeting: Meeting, today: date) -> Meeting:
    """The recap of this meeting went out today (a scheduled meeting becomes held)."""
    from iep_tui.services.escalation_service import recap_sent

    return recap_sent(store, case_id, meeting.id, today, today, read_at=meeting.version)


def add_action(store: CaseStore, case_id: str, meeting: Meeting, values: Values, today: date) -> Meeting:
    """The action form's save on the meeting as shown (a conflict when it changed since)."""
    from iep_tui.services.escalation_service import add_action as service_add

    due = optional_date(values.get("due", ""), today, _calendar(store, case_id), field="due")
    if not values.get("owner_role"):
        raise InputError("owner role: expected a role such as case-manager.")
    saved, _ = service_add(
        store, case_id, meeting.id, values["owner_role"], values.get("what", ""), due, read_at=meeting.version
    )
    return saved


def complete_action(store: CaseStore, case_id: str, meeting: Meeting, action_id: str, today: date) -> Meeting:
    """An action marked done on the meeting as shown (a conflict when it changed since)."""
    from iep_tui.services.escalation_service import complete_action as service_complete

    saved, _ = service_complete(store, case_id, action_id, today, today, read_at=meeting.version)
    return saved


# ---------------------------------------------------------------- removing


def delete_record(store: CaseStore, case_id: str, record: Record) -> None:
    """Delete exactly the version the user saw (a changed record is a conflict, not a silent loss).

    Evidence something else points at is refused, never orphaned: a requirement with
    sessions or incidents, an incident or session a step cites.
    """
    from iep_tui.domain.models import Incident, Requirement, Session

    bundle = store.load(case_id)
    kind = type(record).__name__
    if isinstance(record, Requirement):
        sessions = sum(1 for s in bundle.sessions if s.requirement_id == record.id)
        incidents = sum(1 for i in bundle.incidents if record.id in i.requirement_ids)
        if sessions or incidents:
            raise InputError(
                f"{record.name} has {sessions} session(s) and {incidents} incident(s) logged against it: "
                "they are evidence, so delete or move those first (or set an end date on the requirement)."
            )
    if isinstance(record, (Incident, Session)):
        citing = [s for s in bundle.escalations if record.id in s.incident_ids or record.id in s.session_ids]
        if citing:
            steps = ", ".join(f"{s.kind} {s.sent.isoformat() if s.sent else '(draft)'}" for s in citing)
            raise InputError(f"This {kind.lower()} is cited by {steps}: edit it instead of deleting it.")
    store.delete(case_id, type(record), record.id, version=record.version)
