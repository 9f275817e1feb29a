"""Escalation entries: a step, the district's response, a meeting, an agreed action."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Input

from iep_tui.ui.dialogs.form_dialog import (
    FormDialog,
    Save,
    T,
    area,
    choice,
    date_input,
    field_row,
    text_input,
)
from iep_tui.ui.widgets.ticks import TickList

if TYPE_CHECKING:
    from iep_tui.domain.models import EscalationStep, Meeting
    from iep_tui.ui.case_actions import Values

STEP_KINDS = (
    ("compliance notice", "compliance-notice"),
    ("records request", "records-request"),
    ("meeting request", "meeting-request"),
    ("Prior Written Notice request", "pwn-request"),
    ("IEP meeting", "iep-meeting"),
    ("district escalation", "district-escalation"),
    ("state complaint", "state-complaint"),
    ("mediation", "mediation"),
    ("due process", "due-process"),
    ("OCR complaint", "ocr-complaint"),
)
CHANNELS = (
    ("email", "email"),
    ("letter", "letter"),
    ("hand delivery", "hand-delivery"),
    ("portal", "portal"),
    ("phone", "phone"),
)
MEETING_STATUSES = ("requested", "scheduled", "held", "rescheduled", "cancelled")
DUE_HINT = "or '10 school days', or a rule id such as records-access"
DRAFT_HINT = "Blank: saved as a DRAFT, not sent. Once it has gone out, s on the Escalation tab marks it sent."
SENT_HINT = "When it went out. Blank: a draft, marked sent later with s on the Escalation tab."


def _due_text(step: EscalationStep | None) -> str:
    if step is None:
        return ""
    if step.due_rule:
        return step.due_rule
    if step.due_count is not None:
        return f"{step.due_count} {step.due_day_kind} day{'s' if step.due_count != 1 else ''}"
    return ""


class StepForm(FormDialog[T]):
    """A new step (sent, or a draft when the sent date is blank), prefilled from a suggestion's draft.

    A suggestion's draft (n, or ! for the safety notice) opens with the sent date blank:
    it is saved as a draft, and nothing counts as sent (the safety banner stays) until
    the user marks it sent or types the date it went out. The Save button says which.
    """

    title_text = "Escalate: add a step"

    def __init__(
        self,
        save: Save[T],
        today: date,
        incidents: list[tuple[str, str]],
        draft: EscalationStep | None = None,
        editing: bool = False,
        title: str | None = None,
        drafting: bool = False,
    ) -> None:
        super().__init__(save, today, title or ("Edit step" if editing else None))
        self.incidents = incidents
        self.draft = draft
        self.editing = editing
        self.drafting = drafting

    def fields(self) -> ComposeResult:
        d = self.draft
        if d is not None and d.sent:
            sent = d.sent.isoformat()
        else:
            sent = "" if self.editing or self.drafting else "today"
        yield field_row("Step", choice(STEP_KINDS, value=d.kind if d else "compliance-notice", id="kind"))
        yield field_row(
            "Sent on",
            date_input(sent, "blank: saved as a draft", id="sent"),
            hint=DRAFT_HINT if self.drafting else SENT_HINT,
        )
        yield field_row("Channel", choice(CHANNELS, value=d.channel if d else "email", id="channel"))
        yield field_row("To (roles)", text_input(", ".join(d.to_roles) if d else "", "e.g. case-manager", id="to"))
        yield field_row(
            "Cc (roles)", text_input(", ".join(d.cc_roles) if d else "", "e.g. principal, sped-director", id="cc")
        )
        yield field_row(
            "What you asked", area(d.asked if d else "", id="asked", placeholder="what you asked for, in your words")
        )
        linked = set(d.incident_ids) if d else set()
        yield field_row(
            "Incidents",
            TickList([(label, iid, iid in linked) for label, iid in self.incidents], id="linked-incidents"),
            hint="space ticks the incidents this step is about",
        )
        yield field_row("Response due", text_input(_due_text(d), "blank: the default clock", id="due"), hint=DUE_HINT)
        if self.editing:
            yield field_row("Reason", text_input("", "why (needed once the step was sent)", id="edit-reason"))
        self._session_ids = list(d.session_ids) if d else []

    def on_mount(self) -> None:
        self._save_says(self.query_one("#sent", Input).value)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "sent":
            self._save_says(event.value)

    def _save_says(self, sent: str) -> None:
        if self.editing:
            return
        self.set_save_label("Save as sent" if sent.strip() else "Save draft")

    def values(self) -> Values:
        out = {
            "kind": self.picked("#kind"),
            "sent": self.text("#sent"),
            "channel": self.picked("#channel"),
            "to": self.text("#to"),
            "cc": self.text("#cc"),
            "asked": self.text("#asked"),
            "incident_ids": self.ticked("#linked-incidents", list(self.draft.incident_ids) if self.draft else None),
            "session_ids": self._session_ids,
            "due": self.text("#due"),
        }
        if self.editing:
            out["edit_reason"] = self.text("#edit-reason")
        return out


class ResponseForm(FormDialog[T]):
    title_text = "Record the district's response"

    def __init__(self, save: Save[T], today: date, step_label: str) -> None:
        super().__init__(save, today)
        self.step_label = step_label

    def fields(self) -> ComposeResult:
        yield field_row("Step", text_input(self.step_label, id="step", disabled=True))
        yield field_row("Received on", date_input())
        yield field_row("Their words", area("", id="text", placeholder="word for word, as the district wrote it"))

    def values(self) -> Values:
        return {"date": self.text("#date"), "text": self.text("#text")}


class MeetingForm(FormDialog[T]):
    """A new meeting, or an edit of one (then also when its recap went out, and why it changed)."""

    title_text = "Add a meeting"

    def __init__(self, save: Save[T], today: date, meeting: Meeting | None = None) -> None:
        super().__init__(save, today, "Edit meeting" if meeting is not None else None)
        self.meeting = meeting

    def fields(self) -> ComposeResult:
        m = self.meeting

        def day(value: date | None) -> str:
            return value.isoformat() if value else ""

        yield field_row("Date", text_input(day(m.date) if m else "", "e.g. 2026-12-03", id="date"))
        yield field_row(
            "Status", choice(((s, s) for s in MEETING_STATUSES), value=m.status if m else "scheduled", id="status")
        )
        yield field_row(
            "Purpose", text_input(m.purpose if m else "", "e.g. IEP meeting: missed services", id="purpose")
        )
        yield field_row(
            "Attendees",
            text_input(", ".join(m.attendees) if m else "", "e.g. parent, case-manager, principal", id="attendees"),
        )
        yield field_row(
            "Requested on", text_input(day(m.requested_on) if m else "", "blank if not requested", id="requested_on")
        )
        if m is not None:
            yield field_row(
                "Recap sent",
                text_input(day(m.recap_sent), "blank: not yet", id="recap_sent"),
                hint="the day your written recap of the meeting went out",
            )
            yield field_row("Reason", text_input("", "why (needed if a sent letter cites it)", id="edit-reason"))

    def values(self) -> Values:
        out = {
            "date": self.text("#date"),
            "status": self.picked("#status"),
            "purpose": self.text("#purpose"),
            "attendees": self.text("#attendees"),
            "requested_on": self.text("#requested_on"),
        }
        if self.meeting is not None:
            out["recap_sent"] = self.text("#recap_sent")
            out["edit_reason"] = self.text("#edit-reason")
        return out


class ActionForm(FormDialog[T]):
    title_text = "Add an agreed action"

    def __init__(self, save: Save[T], today: date, meeting_label: str) -> None:
        super().__init__(save, today)
        self.meeting_label = meeting_label

    def fields(self) -> ComposeResult:
        yield field_row("Meeting", text_input(self.meeting_label, id="meeting", disabled=True))
        yield field_row("Owner (role)", text_input("", "e.g. case-manager", id="owner_role"))
        yield field_row("What", text_input("", "e.g. send the service logs", id="what"))
        yield field_row("Due", text_input("", "e.g. 2026-12-10", id="due"))

    def values(self) -> Values:
        return {"owner_role": self.text("#owner_role"), "what": self.text("#what"), "due": self.text("#due")}
