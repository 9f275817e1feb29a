"""Logging sessions: the quick log (three keys and Enter) and the full session form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Select, Static
from textual.worker import Worker, WorkerState

from iep_tui.ui.dialogs.form_dialog import (
    FormDialog,
    choice,
    date_input,
    explain_error,
    field_row,
    text_input,
)

STATUSES = (("delivered (or partial: fewer minutes)", "delivered"), ("missed", "missed"),
            ("make-up", "makeup"))
SOURCES = (("parent observation", "parent-observation"), ("school log", "school-log"),
           ("provider note", "provider-note"))

REASON_KEYS: tuple[tuple[str, str, str], ...] = (
    ("p", "provider-absent", "provider absent"),
    ("r", "staff-reassigned", "staff reassigned"),
    ("c", "schedule-conflict", "schedule conflict"),
    ("s", "school-closed", "school closed"),
    ("a", "student-absent", "student absent"),
    ("f", "student-refused", "student refused"),
    ("u", "unknown", "unknown"),
)


@dataclass(frozen=True)
class QuickChoice:
    requirement_id: str
    label: str
    """'Speech therapy (30 min 2x weekly)'."""


class QuickLogDialog(ModalScreen[Any]):
    """d Enter: delivered today. m p Enter: missed today, provider absent. Up/down: another requirement."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "status('delivered')", "delivered", id="quick-delivered"),
        Binding("m", "status('missed')", "missed", id="quick-missed"),
        *[Binding(key, f"reason('{reason}')", label, show=False) for key, reason, label in REASON_KEYS],
        Binding("up,k", "requirement(-1)", "previous", show=False),
        Binding("down,j", "requirement(1)", "next", show=False),
        Binding("enter", "save", "save", id="quick-save", priority=True),
        Binding("escape", "cancel", "cancel", id="quick-cancel"),
    ]

    def __init__(self, choices: list[QuickChoice], selected: str | None, today: date, save: Any) -> None:
        super().__init__(classes="dialog-screen")
        self.choices = choices
        self.index = next((i for i, c in enumerate(choices) if c.requirement_id == selected), 0)
        self.today = today
        self._save = save
        self.status: str | None = None
        self.reason: str | None = None
        self._busy = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog quick-log"):
            yield Label(f"Log a session for today, {self.today.strftime('%a %d %b %Y')}", classes="dialog-title")
            yield Static(id="quick-body")
            yield Static("", id="form-error", classes="form-error", markup=False)

    def on_mount(self) -> None:
        self._render_body()

    def _render_body(self) -> None:
        choice_ = self.choices[self.index]
        parts: list[Content | tuple[str, str] | str] = [
            ("Requirement ", "dim"), (choice_.label, "bold"), ("   ↑↓ another\n", "dim"),
        ]
        for key, status, label in (("d", "delivered", "delivered, full session"), ("m", "missed", "missed")):
            mark = "●" if self.status == status else "○"
            parts += [f"{mark} ", (key, "bold reverse"), f" {label}   "]
        parts.append("\n")
        if self.status == "missed":
            parts.append(("Why missed?\n", "dim"))
            for i, (key, reason, label) in enumerate(REASON_KEYS):
                mark = "●" if self.reason == reason else "○"
                parts += [f"{mark} ", (key, "bold reverse"), f" {label}".ljust(20)]
                if i % 3 == 2:
                    parts.append("\n")
            parts.append("\n")
        ready = self.status == "delivered" or (self.status == "missed" and self.reason)
        hint = "Enter save" if ready else ("Press the reason's letter (u: unknown)" if self.status == "missed"
                                           else "Press d or m")
        parts.append((hint, "bold" if ready else "dim"))
        parts.append(("  ·  Esc cancel", "dim"))
        self.query_one("#quick-body", Static).update(Content.assemble(*parts))

    def action_status(self, status: str) -> None:
        self.status = status
        if status != "missed":
            self.reason = None
        self._render_body()

    def action_reason(self, reason: str) -> None:
        if self.status == "missed":
            self.reason = reason
            self._render_body()

    def action_requirement(self, step: int) -> None:
        self.index = (self.index + step) % len(self.choices)
        self._render_body()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        if self._busy:
            return
        if self.status is None or (self.status == "missed" and self.reason is None):
            self.query_one("#form-error", Static).update(
                "Press d (delivered) or m (missed) first." if self.status is None
                else "Press the letter of the reason (u if you do not know).")
            self.query_one("#form-error").add_class("-visible")
            return
        requirement_id = self.choices[self.index].requirement_id
        status, reason = self.status, self.reason
        self._busy = True
        self.run_worker(lambda: self._save(requirement_id, status, reason), thread=True, exit_on_error=False,
                        group="form-save", name="quick log")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "form-save":
            return
        if event.state == WorkerState.SUCCESS:
            self.dismiss(event.worker.result)
        elif event.state == WorkerState.ERROR and event.worker.error is not None:
            self._busy = False
            message = explain_error(event.worker.error)
            if message is None:
                message = f"Not saved: {event.worker.error}"
                self.app.report(event.worker.error)  # type: ignore[attr-defined]
            error = self.query_one("#form-error", Static)
            error.update(message)
            error.add_class("-visible")


class SessionForm(FormDialog[Any]):
    """Delivered, partial (fewer minutes), missed with a reason, or make-up; any date."""

    title_text = "Log a session"

    def __init__(self, save, today, requirements: list[tuple[str, str]], selected: str | None,  # type: ignore[no-untyped-def]
                 session: Any | None = None) -> None:
        super().__init__(save, today, "Edit session" if session is not None else None)
        self.requirements = requirements
        self.selected = session.requirement_id if session is not None else selected
        self.session = session

    def fields(self) -> ComposeResult:
        s = self.session
        options = [(label, rid) for label, rid in self.requirements]
        first = self.selected if self.selected in {rid for _, rid in options} else (options[0][1] if options else None)
        yield field_row("Requirement", choice(options, value=first if first else Select.NULL, id="requirement"))
        yield field_row("What happened", choice(STATUSES, value=s.status if s else "delivered", id="status"))
        yield field_row("Date", date_input(s.date.isoformat() if s else "today"))
        yield field_row("Minutes", text_input(str(s.minutes) if s and s.minutes is not None else "",
                                              "blank: the session length", id="minutes"),
                        hint="Fewer minutes than the session length is a partial session.")
        reason = field_row("Reason missed", choice([(label, reason) for _, reason, label in REASON_KEYS],
                                                   value=(s.reason if s and s.reason else "unknown"), id="reason"))
        reason.id = "reason-row"
        reason.display = bool(s and s.status == "missed")
        yield reason
        yield field_row("Source", choice(SOURCES, value=s.source if s else "parent-observation", id="source"))
        yield field_row("Note", text_input(s.note if s else "", "what you were told", id="note"))
        if s is not None:
            yield field_row("Reason", text_input("", "why (needed if a sent letter cites it)", id="edit-reason"))

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "status":
            self.query_one("#reason-row").display = event.value == "missed"

    def values(self) -> dict[str, Any]:
        out = {
            "requirement_id": self.picked("#requirement"),
            "status": self.picked("#status") or "delivered",
            "date": self.text("#date"),
            "minutes": self.text("#minutes"),
            "reason": self.picked("#reason"),
            "source": self.picked("#source"),
            "note": self.text("#note"),
        }
        if out["requirement_id"] is None:
            from iep_tui.errors import InputError

            raise InputError("requirement: add a requirement to the checklist first (Checklist tab, a).")
        if self.session is not None:
            out["edit_reason"] = self.text("#edit-reason")
        return out
