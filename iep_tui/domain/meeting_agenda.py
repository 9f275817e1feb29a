"""Meetings: an agenda built from the open gaps, agreed actions tracked, the recap due.

The agenda is run as a management review of the IEP's implementation: safety first,
then minutes owed per service (from the ledger), the failures logged, responses the
district owes, actions from earlier meetings still open, and the standing items a
careful advocate raises (root cause, an implementation plan with owners and dates,
compensatory education).

Each agreed action (owner role, what, due date) is a tracked item: `open`, `overdue`
once its due date has passed, or `done`. The recap of a held meeting is due the same
day (practice: email is the timestamped record); it is overdue from the next day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from iep_tui.calendar.day_count import iso_or_none
from iep_tui.domain.escalation_ladder import (
    Evidence,
    StepView,
    failure_evidence,
    find_by_prefix,
    step_evidence,
)
from iep_tui.domain.models import Action, CaseBundle, Meeting
from iep_tui.domain.safety import SafetyUrgency
from iep_tui.errors import InputError

ActionState = Literal["open", "overdue", "done"]

RECAP_PRACTICE_NOTE = "The recap is due the same day as the meeting (practice: email is the timestamped record)."

STANDING_ITEMS: tuple[str, ...] = (
    "Root cause: why each service or support was not delivered as written.",
    "Implementation plan: who delivers what, from which date, with the IEP's frequency and minutes.",
    "Compensatory education: minutes owed, schedule, provider and completion date, in writing.",
    "How delivery will be logged and shared with the family.",
    "Prior Written Notice for any request the district refuses (34 CFR 300.503).",
)


# ---------------------------------------------------------------- actions and recap


def action_state(action: Action, today: date) -> ActionState:
    """`done` once completed; `overdue` after its due date; otherwise `open`."""
    if action.done is not None:
        return "done"
    if action.due is not None and today > action.due:
        return "overdue"
    return "open"


@dataclass(frozen=True)
class ActionView:
    meeting: Meeting
    action: Action
    state: ActionState

    @property
    def id(self) -> str:
        return self.action.id

    def describe(self) -> str:
        due = f" by {self.action.due.isoformat()}" if self.action.due else ""
        done = f", done {self.action.done.isoformat()}" if self.action.done else ""
        return (
            f"{self.action.owner_role}: {self.action.what}{due} "
            f"(agreed at the meeting of {self.meeting.date.isoformat()}; {self.state}{done})"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.action.id,
            "meeting": self.meeting.id,
            "meeting_date": self.meeting.date.isoformat(),
            "owner_role": self.action.owner_role,
            "what": self.action.what,
            "due": iso_or_none(self.action.due),
            "done": iso_or_none(self.action.done),
            "state": self.state,
        }


def action_views(bundle: CaseBundle, today: date) -> list[ActionView]:
    """Every agreed action of every meeting, by due date (undated last)."""
    views = [ActionView(m, a, action_state(a, today)) for m in bundle.meetings for a in m.actions]
    return sorted(views, key=lambda v: (v.action.due is None, v.action.due or date.max, v.meeting.date))


def recap_due(meeting: Meeting) -> date | None:
    """A held meeting's recap is due the same day; other meetings owe none yet."""
    return meeting.date if meeting.status == "held" else None


def recap_state(meeting: Meeting, today: date) -> Literal["not-due", "sent", "due", "overdue"]:
    due = recap_due(meeting)
    if due is None:
        return "not-due"
    if meeting.recap_sent is not None:
        return "sent"
    return "overdue" if today > due else "due"


def recap_days_after(meeting: Meeting) -> int | None:
    """Calendar days from the meeting to its recap (0: the same day); None until sent."""
    return None if meeting.recap_sent is None else (meeting.recap_sent - meeting.date).days


def days_late(action: Action) -> int:
    """Calendar days an action was done after its due date (0: on time, undated or not done)."""
    if action.due is None or action.done is None:
        return 0
    return max(0, (action.done - action.due).days)


def add_action(meeting: Meeting, owner_role: str, what: str, due: date | None) -> tuple[Meeting, Action]:
    """The meeting with one more agreed action; a due date before the meeting is refused."""
    if due is not None and due < meeting.date:
        raise InputError(f"The action's due date {due.isoformat()} is before the meeting ({meeting.date.isoformat()}).")
    action = Action(owner_role=owner_role, what=what, due=due)
    return meeting.model_copy(update={"actions": [*meeting.actions, action]}), action


def complete_action(meeting: Meeting, action_id: str, on: date, today: date) -> Meeting:
    """Mark an action done on `on` (not in the future, not before the meeting)."""
    if on > today:
        raise InputError(f"{on.isoformat()} is in the future.")
    if on < meeting.date:
        raise InputError(
            f"{on.isoformat()} is before the meeting where the action was agreed ({meeting.date.isoformat()})."
        )
    actions = []
    found = False
    for action in meeting.actions:
        if action.id == action_id:
            found = True
            if action.done is not None:
                raise InputError(f"That action was already marked done on {action.done.isoformat()}.")
            action = action.model_copy(update={"done": on})
        actions.append(action)
    if not found:
        raise InputError(f"The meeting of {meeting.date.isoformat()} has no action {action_id}.")
    return meeting.model_copy(update={"actions": actions})


def mark_recap_sent(meeting: Meeting, on: date, today: date) -> Meeting:
    if on > today:
        raise InputError(f"{on.isoformat()} is in the future.")
    if on < meeting.date:
        raise InputError(f"A recap cannot be sent before the meeting ({meeting.date.isoformat()}).")
    update: dict[str, Any] = {"recap_sent": on}
    if meeting.status in ("scheduled", "requested"):
        update["status"] = "held"
    return meeting.model_copy(update=update)


def find_action(bundle: CaseBundle, text: str) -> tuple[Meeting, Action]:
    """The one action whose id starts with `text`, and its meeting."""
    pairs = [(m, a) for m in bundle.meetings for a in m.actions]

    class _Item:
        def __init__(self, meeting: Meeting, action: Action) -> None:
            self.id = action.id
            self.pair = (meeting, action)

    items = [_Item(m, a) for m, a in pairs]
    found = find_by_prefix(items, text, "action", label=lambda i: f"{i.id} ({i.pair[1].what[:40]})")
    return found.pair


# ---------------------------------------------------------------- agenda


@dataclass(frozen=True)
class OwedLine:
    """Minutes owed for one requirement, as the ledger computed them (input to the agenda)."""

    requirement_id: str
    name: str
    owed_minutes: int
    entry_ids: tuple[str, ...] = ()
    unaccounted_minutes: int = 0


@dataclass(frozen=True)
class AgendaItem:
    section: str
    text: str
    evidence: tuple[Evidence, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        return {"section": self.section, "text": self.text, "evidence": [e.to_json() for e in self.evidence]}


@dataclass(frozen=True)
class Agenda:
    meeting: Meeting | None
    items: tuple[AgendaItem, ...]

    def sections(self) -> list[tuple[str, list[AgendaItem]]]:
        grouped: dict[str, list[AgendaItem]] = {}
        for item in self.items:
            grouped.setdefault(item.section, []).append(item)
        return list(grouped.items())

    def lines(self) -> list[str]:
        out: list[str] = []
        for number, (section, items) in enumerate(self.sections(), start=1):
            out.append(f"{number}. {section}")
            out.extend(f"   - {item.text}" for item in items)
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "meeting": None if self.meeting is None else self.meeting.id,
            "date": None if self.meeting is None else self.meeting.date.isoformat(),
            "items": [i.to_json() for i in self.items],
        }


def _since(bundle: CaseBundle, meeting: Meeting | None) -> date | None:
    """Failures are listed since the last held meeting before this one."""
    before = meeting.date if meeting else date.max
    held = [
        m.date
        for m in bundle.meetings
        if m.status == "held" and m.date < before and (meeting is None or m.id != meeting.id)
    ]
    return max(held) if held else None


def build_agenda(
    bundle: CaseBundle,
    steps: Sequence[StepView],
    owed: Sequence[OwedLine],
    today: date,
    *,
    meeting: Meeting | None = None,
    urgency: SafetyUrgency | None = None,
) -> Agenda:
    """The agenda from the open gaps: safety, minutes owed, failures, overdue responses, open actions."""
    items: list[AgendaItem] = []
    if urgency is not None:
        for failure in urgency.failures:
            items.append(AgendaItem("Safety", failure.describe() + ": not yet escalated", (failure.evidence,)))
    for line in sorted(owed, key=lambda o: -o.owed_minutes):
        if line.owed_minutes <= 0 and line.unaccounted_minutes <= 0:
            continue
        text = f"{line.name}: {line.owed_minutes} minutes owed"
        if line.unaccounted_minutes:
            text += f" (and {line.unaccounted_minutes} minutes nobody can show were delivered)"
        items.append(AgendaItem("Services and minutes owed", text))
    since = _since(bundle, meeting)
    failures = [f for f in failure_evidence(bundle) if since is None or (f.date and f.date > since)]
    names = {r.id: r.name for r in bundle.requirements}
    by_requirement: dict[str, list[Evidence]] = {}
    for found in failures:
        key = ", ".join(names.get(r, r) for r in found.requirement_ids) or "Other failures"
        by_requirement.setdefault(key, []).append(found)
    for name, evidence in by_requirement.items():
        dates = ", ".join(sorted({e.date.isoformat() for e in evidence if e.date}))
        label = "failure" if len(evidence) == 1 else "failures"
        items.append(
            AgendaItem("Implementation failures", f"{name}: {len(evidence)} {label} ({dates})", tuple(evidence))
        )
    for view in steps:
        if view.overdue:
            assert view.due is not None
            items.append(
                AgendaItem(
                    "Responses the district owes",
                    f"{view.title} sent {view.step.sent}: response was due {view.due.isoformat()}",
                    (step_evidence(view),),
                )
            )
    for action in action_views(bundle, today):
        if meeting is not None and action.meeting.id == meeting.id:
            continue
        if action.state != "done":
            items.append(
                AgendaItem(
                    "Open actions from earlier meetings",
                    action.describe(),
                    (Evidence("action", action.id, action.action.due, action.action.what),),
                )
            )
    items.extend(AgendaItem("Plan and remedy", text) for text in STANDING_ITEMS)
    return Agenda(meeting=meeting, items=tuple(items))
