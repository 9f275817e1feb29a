"""Escalation, meetings, next steps, filing windows and `check`: the use cases both front ends call.

Every write happens inside one store transaction (read, check, write under the case
lock), so a step recorded from the CLI and a form in the TUI cannot overwrite each
other. The logic lives in `iep_tui.domain` (escalation_ladder, next_steps, safety,
filing_windows, meeting_agenda, audit); this module only loads, resolves what the
user typed, and saves.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from iep_tui.domain import (
    audit,
    escalation_ladder,
    filing_windows,
    ledger,
    meeting_agenda,
    next_steps,
    safety,
)
from iep_tui.domain.escalation_ladder import StepView, find_by_prefix
from iep_tui.domain.models import (
    RECORD_TABLES,
    Action,
    CaseBundle,
    EscalationStep,
    Meeting,
    Record,
)
from iep_tui.domain.roles import check_roles
from iep_tui.domain.vocabulary import MEETING_STATUSES, Channel, is_one_of
from iep_tui.errors import IepError, InputError, NotFoundError
from iep_tui.services.calendar_service import case_calendar
from iep_tui.store.case_store import CaseStore, CaseTransaction

R = TypeVar("R", bound=Record)
Extra = TypeVar("Extra")


class ReasonRequired(InputError):
    """An edit to an entry a sent letter cites needs a reason (kept in its history)."""

    def __init__(self, explanation: str) -> None:
        super().__init__(explanation + " Give one with --reason.")
        self.explanation = explanation


# ---------------------------------------------------------------- reading


def step_views(bundle: CaseBundle, today: date) -> list[StepView]:
    """Every step with its computed clocks and derived status, in order of sending."""
    return escalation_ladder.view_steps(bundle, case_calendar(bundle.case), today)


def step_view(bundle: CaseBundle, step: EscalationStep, today: date) -> StepView:
    return escalation_ladder.view_step(step, case_calendar(bundle.case), bundle.case.state, today, bundle.meetings)


def find_step(bundle: CaseBundle, text: str) -> EscalationStep:
    """A step by id or unique id prefix."""
    return find_by_prefix(
        bundle.escalations,
        text,
        "step",
        label=lambda s: f"{s.id} ({s.kind}{', sent ' + s.sent.isoformat() if s.sent else ', draft'})",
    )


def find_meeting(bundle: CaseBundle, text: str) -> Meeting:
    """A meeting by id or unique id prefix."""
    return find_by_prefix(
        bundle.meetings, text, "meeting", label=lambda m: f"{m.id} ({m.date.isoformat()}, {m.status})"
    )


def suggestions(bundle: CaseBundle, today: date) -> list[next_steps.Suggestion]:
    """The suggested next moves, most urgent first, each citing its entries."""
    return next_steps.suggest_next_steps(bundle, case_calendar(bundle.case), today)


def windows(bundle: CaseBundle, today: date) -> list[filing_windows.FilingWindow]:
    """State-complaint, due-process and OCR filing windows from the logged failures."""
    return filing_windows.filing_windows(bundle, case_calendar(bundle.case), today)


def urgency(bundle: CaseBundle, today: date) -> safety.SafetyUrgency | None:
    """The case's safety urgency (the TUI banner), or None."""
    return safety.safety_urgency(bundle, today)


def actions(bundle: CaseBundle, today: date) -> list[meeting_agenda.ActionView]:
    return meeting_agenda.action_views(bundle, today)


def owed_lines(bundle: CaseBundle, today: date) -> list[meeting_agenda.OwedLine]:
    """Minutes owed per requirement over the ledger's default range (as `iep-tui owed` shows them)."""
    from iep_tui.services.ledger_service import ledger_report

    return [
        meeting_agenda.OwedLine(
            requirement_id=row.requirement_id,
            name=row.name,
            owed_minutes=row.owed_minutes,
            entry_ids=tuple(e.session_id for e in row.owed_entries),
            unaccounted_minutes=row.unaccounted_minutes,
        )
        for row in ledger_report(bundle, today).rows
    ]


def agenda(bundle: CaseBundle, today: date, meeting: Meeting | None = None) -> meeting_agenda.Agenda:
    """The agenda for a meeting (or the next one) from the open gaps."""
    return meeting_agenda.build_agenda(
        bundle,
        step_views(bundle, today),
        owed_lines(bundle, today),
        today,
        meeting=meeting,
        urgency=safety.safety_urgency(bundle, today),
    )


def school_days_since_entry(bundle: CaseBundle, today: date) -> int | None:
    """School days since the last session, incident or snapshot (the ledger's count)."""
    return ledger.days_since_last_entry(bundle, case_calendar(bundle.case), today)


def check_case(bundle: CaseBundle, today: date) -> list[next_steps.CheckItem]:
    """What needs action in one case (empty: nothing)."""
    calendar = case_calendar(bundle.case)
    return next_steps.needs_action(
        bundle,
        calendar,
        today,
        school_days_since_entry=school_days_since_entry(bundle, today),
        windows=filing_windows.filing_windows(bundle, calendar, today),
        views=escalation_ladder.view_steps(bundle, calendar, today),
    )


@dataclass(frozen=True)
class CaseCheck:
    """One case's `check` result; `error` when the case could not be read."""

    case_id: str
    student: str
    items: tuple[next_steps.CheckItem, ...] = ()
    error: str = ""

    @property
    def needs_action(self) -> bool:
        return bool(self.items) or bool(self.error)

    def lines(self) -> list[str]:
        label = f"{self.student} ({self.case_id})" if self.student else self.case_id
        if self.error:
            return [f"{label}: error: {self.error}"]
        return [f"{label}: {item.text}" for item in self.items]

    def to_json(self) -> dict[str, Any]:
        return {
            "case": self.case_id,
            "student": self.student,
            "needs_action": self.needs_action,
            "items": [i.to_json() for i in self.items],
            "error": self.error or None,
        }


def check(store: CaseStore, today: date, case_ids: Sequence[str] | None = None) -> list[CaseCheck]:
    """`check` over the named cases, or every case in the workspace. A broken case is reported, not fatal."""
    results: list[CaseCheck] = []
    for case_id in case_ids if case_ids is not None else store.case_ids():
        try:
            bundle = store.load(case_id)
        except IepError as error:
            results.append(CaseCheck(case_id, "", error=str(error)))
            continue
        results.append(CaseCheck(case_id, bundle.case.student, tuple(check_case(bundle, today))))
    return results


# ---------------------------------------------------------------- writing steps


def _resolve_ids(records: Sequence[Record], texts: Sequence[str], what: str) -> list[str]:
    return [find_by_prefix(records, text, what).id for text in texts]


def escalate(
    store: CaseStore,
    case_id: str,
    kind: str,
    *,
    today: date,
    sent: date | None,
    channel: Channel = "email",
    to_roles: Sequence[str] = (),
    cc_roles: Sequence[str] = (),
    asked: str = "",
    incidents: Sequence[str] = (),
    sessions: Sequence[str] = (),
    due_rule: str | None = None,
    due_count: int | None = None,
    due_day_kind: str | None = None,
    new_roles: bool = False,
) -> StepView:
    """Record a step (sent on `sent`, or a draft when `sent` is None) and return it with its clocks.

    Incident and session ids may be unique prefixes. Roles must be known or the case's
    contacts' (`roles.check_role`: UnknownRoleError suggests the closest) unless
    `new_roles`. The due rule is checked against the case's state before anything is saved.
    """
    with store.transaction(case_id) as tx:
        bundle = tx.bundle()
        step = escalation_ladder.new_step(
            kind,
            sent=sent,
            today=today,
            channel=channel,
            to_roles=check_roles(to_roles, bundle.case, allow_new=new_roles),
            cc_roles=check_roles(cc_roles, bundle.case, allow_new=new_roles),
            asked=asked,
            incident_ids=_resolve_ids(bundle.incidents, incidents, "incident"),
            session_ids=_resolve_ids(bundle.sessions, sessions, "session"),
            due_rule=due_rule,
            due_count=due_count,
            due_day_kind=due_day_kind,
        )
        view = step_view(bundle, step, today)  # a bad rule fails here, before saving
        if step.sent is None and due_rule:  # a draft has no clock yet: check its rule anyway
            escalation_ladder.rule_clock("response due", case_calendar(bundle.case), today, due_rule, bundle.case.state)
        saved = tx.insert(step)
    return StepView(step=saved, clocks=view.clocks, status=view.status, today=today)


def create_draft(store: CaseStore, case_id: str, draft: EscalationStep) -> EscalationStep:
    """Store a suggested draft (from `next_steps` or `safety`) as it is."""
    if draft.status != "draft":
        draft = draft.model_copy(update={"status": "draft", "sent": None})
    return store.add(case_id, draft)


def _update_step(
    store: CaseStore,
    case_id: str,
    step_text: str,
    today: date,
    change: Callable[[EscalationStep], EscalationStep],
    reason: str | None = None,
    read_at: int | None = None,
) -> StepView:
    with store.transaction(case_id) as tx:
        bundle = tx.bundle()
        before = find_step(bundle, step_text)
        after = change(before)
        _require_reason(bundle, before, after, reason)
        saved = tx.update(_as_read(after, read_at), _reason_or_none(reason))
    return step_view(bundle, saved, today)


def _as_read(record: R, read_at: int | None) -> R:
    """`record` carrying the version the user saw (`read_at`), so the store refuses it as a
    conflict when the stored one moved on meanwhile. None: the user saw the current one
    (a command names a record by id and changes it at once)."""
    return record if read_at is None else record.model_copy(update={"version": read_at})


def _reason_or_none(reason: str | None) -> str | None:
    return reason.strip() if reason and reason.strip() else None


def _require_reason(bundle: CaseBundle, before: Record, after: Record, reason: str | None) -> None:
    why = audit.reason_required(bundle, before, after)
    if why and not _reason_or_none(reason):
        raise ReasonRequired(why)


def respond(
    store: CaseStore, case_id: str, step_text: str, on: date, text: str, today: date, read_at: int | None = None
) -> StepView:
    """Record the district's response (word for word) and its date: the step becomes answered."""
    return _update_step(
        store,
        case_id,
        step_text,
        today,
        lambda s: escalation_ladder.record_response(s, on, text, today),
        read_at=read_at,
    )


def answer_records_request(
    tx: CaseTransaction | None, bundle: CaseBundle, on: date, text: str, today: date
) -> EscalationStep:
    """The records request waiting for an answer (the latest sent on or before `on`), answered on `on`.

    Called by a school-log import ("service logs received on D"): the answer stops the
    request's clock. Saved through `tx`; without one (a dry run) only returned.
    """
    waiting = [
        s
        for s in bundle.escalations
        if s.kind == "records-request" and s.status == "sent" and s.sent is not None and s.sent <= on
    ]
    if not waiting:
        raise InputError(
            f"No records request sent on or before {on.isoformat()} is waiting for an answer, so none can be "
            "marked answered by this import; import without marking it, or record the request first."
        )
    answered = escalation_ladder.record_response(max(waiting, key=lambda s: (s.sent, s.created)), on, text, today)
    return tx.update(answered) if tx is not None else answered


def send(
    store: CaseStore,
    case_id: str,
    step_text: str,
    on: date,
    today: date,
    read_at: int | None = None,
    letter_file: str | None = None,
) -> StepView:
    """A draft went out on `on`: its clocks start. `letter_file` (the letter sent for it) is
    recorded on the step; without it, a file recorded when the letter was written is kept."""

    def change(step: EscalationStep) -> EscalationStep:
        sent = escalation_ladder.mark_sent(step, on, today)
        if letter_file:
            sent = sent.model_copy(update={"letter_file": Path(letter_file).name})
        return sent

    return _update_step(store, case_id, step_text, today, change, read_at=read_at)


def close(store: CaseStore, case_id: str, step_text: str, today: date, read_at: int | None = None) -> StepView:
    return _update_step(store, case_id, step_text, today, escalation_ladder.close_step, read_at=read_at)


def reopen(store: CaseStore, case_id: str, step_text: str, today: date, read_at: int | None = None) -> StepView:
    return _update_step(store, case_id, step_text, today, escalation_ladder.reopen_step, read_at=read_at)


def edit_step(
    store: CaseStore,
    case_id: str,
    step_text: str,
    today: date,
    *,
    sent: date | None = None,
    to_roles: Sequence[str] | None = None,
    cc_roles: Sequence[str] | None = None,
    channel: str | None = None,
    asked: str | None = None,
    incidents: Sequence[str] | None = None,
    sessions: Sequence[str] | None = None,
    due: tuple[str | None, int | None, str | None] | None = None,
    reason: str | None = None,
    new_roles: bool = False,
    read_at: int | None = None,
) -> StepView:
    """Correct a step. Its due dates are recomputed (they are never stored).

    After the step was sent, changing what it says it sent needs a `reason`, kept with
    the earlier version in its history. `due` is (rule, count, day_kind); (None, None,
    None) returns to the default clock. `read_at`: the version a form showed (a
    ConflictError when the step changed since).
    """
    with store.transaction(case_id) as tx:
        bundle = tx.bundle()
        before = find_step(bundle, step_text)
        after = before
        if sent is not None and sent != before.sent:
            after = escalation_ladder.change_sent_date(after, sent, today)
        updates: dict[str, Any] = {}
        kept = [*before.to_roles, *before.cc_roles]  # roles already on the step are not checked again
        if to_roles is not None:
            updates["to_roles"] = _new_roles_checked(to_roles, kept, bundle, new_roles)
        if cc_roles is not None:
            updates["cc_roles"] = _new_roles_checked(cc_roles, kept, bundle, new_roles)
        if channel is not None:
            updates["channel"] = channel
        if asked is not None:
            updates["asked"] = asked
        if incidents is not None:
            updates["incident_ids"] = _resolve_ids(bundle.incidents, incidents, "incident")
        if sessions is not None:
            updates["session_ids"] = _resolve_ids(bundle.sessions, sessions, "session")
        if updates:
            data = after.model_dump()
            data.update(updates)
            after = EscalationStep.model_validate(data)
        if due is not None:
            rule, count, day_kind = due
            after = escalation_ladder.set_due(after, rule=rule, count=count, day_kind=day_kind)
        if after == before:
            raise InputError("Nothing to change: name what to correct (for example --sent DATE).")
        view = step_view(bundle, after, today)  # a bad rule fails before saving
        _require_reason(bundle, before, after, reason)
        saved = tx.update(_as_read(after, read_at), _reason_or_none(reason))
    return StepView(step=saved, clocks=view.clocks, status=view.status, today=today)


def _new_roles_checked(roles: Sequence[str], kept: Sequence[str], bundle: CaseBundle, allow_new: bool) -> list[str]:
    from iep_tui.domain.text import normalize_role

    return [
        normalize_role(role)
        if normalize_role(role) in kept
        else check_roles([role], bundle.case, allow_new=allow_new)[0]
        for role in roles
    ]


def save_edit(store: CaseStore, case_id: str, record: Record, reason: str | None = None) -> Record:
    """Save an edited incident, session, step or meeting, asking for a reason when the audit rule says so.

    Raises ReasonRequired (an InputError, exit 2) with the sentence to show when a sent
    letter cites the record and no reason was given. With a reason, the earlier version
    is kept in the record's history.
    """
    if type(record) not in RECORD_TABLES:
        raise TypeError(f"{type(record).__name__} is not stored as a table")
    with store.transaction(case_id) as tx:
        bundle = tx.bundle()
        before = _stored(bundle, record)
        _require_reason(bundle, before, record, reason)
        return tx.update(record, _reason_or_none(reason))


def _stored(bundle: CaseBundle, record: Record) -> Record:
    rows: list[Record] = getattr(bundle, RECORD_TABLES[type(record)])  # the bundle's list of that kind
    found = next((r for r in rows if r.id == record.id), None)
    if found is None:
        raise NotFoundError(f"That {type(record).__name__.lower()} no longer exists (id {record.id}).")
    return found


def edit_reason_needed(bundle: CaseBundle, record: Record) -> str | None:
    """For a form: the sentence explaining why an edit of `record` needs a reason, if it would."""
    stored = _stored(bundle, record)
    return audit.reason_required(bundle, stored, record)


def find_record(bundle: CaseBundle, text: str) -> Record:
    """Any stored record (step, incident, session, meeting, requirement, snapshot) by id or unique prefix."""
    records: list[Record] = [r for name in RECORD_TABLES.values() for r in getattr(bundle, name)]
    return find_by_prefix(records, text, "record", label=lambda r: f"{r.id} ({type(r).__name__.lower()})")


# ---------------------------------------------------------------- meetings


def add_meeting(
    store: CaseStore,
    case_id: str,
    on: date,
    *,
    status: str = "scheduled",
    attendees: Sequence[str] = (),
    purpose: str = "",
    requested_on: date | None = None,
    new_roles: bool = False,
) -> Meeting:
    """Record a meeting (requested, scheduled, held, rescheduled or cancelled); attendees are
    roles, checked like a step's (`roles.check_role`) unless `new_roles`."""
    if not is_one_of(status, MEETING_STATUSES):
        raise InputError(f"Meeting status {status!r}: use one of {', '.join(MEETING_STATUSES)}.")
    with store.transaction(case_id) as tx:
        bundle = tx.bundle()
        roles = check_roles(attendees, bundle.case, allow_new=new_roles)
        meeting = Meeting(date=on, status=status, attendees=roles, purpose=purpose, requested_on=requested_on)
        return tx.insert(meeting)


def _update_meeting(
    store: CaseStore,
    case_id: str,
    meeting_text: str,
    change: Callable[[Meeting], tuple[Meeting, Extra]],
    read_at: int | None = None,
) -> tuple[Meeting, Extra]:
    """`change` returns the changed meeting and what else the caller wants back (an action)."""
    with store.transaction(case_id) as tx:
        bundle = tx.bundle()
        before = find_meeting(bundle, meeting_text)
        after, extra = change(before)
        return _save_meeting(tx, bundle, before, _as_read(after, read_at)), extra


def _save_meeting(tx: CaseTransaction, bundle: CaseBundle, before: Meeting, after: Meeting) -> Meeting:
    _require_reason(bundle, before, after, None)
    return tx.update(after)


def add_action(
    store: CaseStore,
    case_id: str,
    meeting_text: str,
    owner_role: str,
    what: str,
    due: date | None,
    new_roles: bool = False,
    read_at: int | None = None,
) -> tuple[Meeting, Action]:
    """Add an agreed action (owner role, what, due); it is then tracked until done. The owner
    role is checked like a step's (`roles.check_role`) unless `new_roles`."""
    if not new_roles:
        check_roles([owner_role], store.load(case_id).case)
    return _update_meeting(
        store, case_id, meeting_text, lambda m: meeting_agenda.add_action(m, owner_role, what, due), read_at
    )


def complete_action(
    store: CaseStore, case_id: str, action_text: str, on: date, today: date, read_at: int | None = None
) -> tuple[Meeting, Action]:
    """Mark an agreed action done (action ids may be unique prefixes across the case);
    `read_at` is the version of its meeting a screen showed."""
    with store.transaction(case_id) as tx:
        bundle = tx.bundle()
        meeting, action = meeting_agenda.find_action(bundle, action_text)
        after = meeting_agenda.complete_action(meeting, action.id, on, today)
        saved = tx.update(_as_read(after, read_at))
    done = next(a for a in saved.actions if a.id == action.id)
    return saved, done


def recap_sent(
    store: CaseStore, case_id: str, meeting_text: str, on: date, today: date, read_at: int | None = None
) -> Meeting:
    """Record that the recap went out (a scheduled meeting becomes held); `read_at` is the
    version of the meeting a screen showed."""
    meeting, _ = _update_meeting(
        store, case_id, meeting_text, lambda m: (meeting_agenda.mark_recap_sent(m, on, today), None), read_at
    )
    return meeting


def set_meeting_status(
    store: CaseStore, case_id: str, meeting_text: str, status: str, on: date | None = None
) -> Meeting:
    """Mark a meeting held, rescheduled (optionally to `on`) or cancelled."""
    if not is_one_of(status, MEETING_STATUSES):
        raise InputError(f"Meeting status {status!r}: use one of {', '.join(MEETING_STATUSES)}.")

    def change(meeting: Meeting) -> tuple[Meeting, None]:
        update: dict[str, Any] = {"status": status}
        if on is not None:
            update["date"] = on
        return meeting.model_copy(update=update), None

    meeting, _ = _update_meeting(store, case_id, meeting_text, change)
    return meeting


@dataclass(frozen=True)
class CaseEscalation:
    """Everything the Escalation tab shows, computed once."""

    steps: list[StepView]
    windows: list[filing_windows.FilingWindow]
    suggestions: list[next_steps.Suggestion]
    actions: list[meeting_agenda.ActionView]
    urgency: safety.SafetyUrgency | None
    meetings: list[Meeting] = field(default_factory=list)


def overview(bundle: CaseBundle, today: date) -> CaseEscalation:
    """Steps, windows, suggestions, actions and urgency for one case (for the TUI)."""
    calendar = case_calendar(bundle.case)
    views = escalation_ladder.view_steps(bundle, calendar, today)
    return CaseEscalation(
        steps=views,
        windows=filing_windows.filing_windows(bundle, calendar, today),
        suggestions=next_steps.suggest_next_steps(bundle, calendar, today, views),
        actions=meeting_agenda.action_views(bundle, today),
        urgency=safety.safety_urgency(bundle, today),
        meetings=sorted(bundle.meetings, key=lambda m: m.date),
    )
