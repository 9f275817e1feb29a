"""Logging sessions: the quick log (three keys and Enter) and the full session form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar, Generic

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, Select, Static
from textual.worker import Worker, WorkerState

from iep_tui.ui.case_actions import QuickEntry
from iep_tui.ui.dialogs.dialog_screen import DialogScreen
from iep_tui.ui.dialogs.form_dialog import (
    FormDialog,
    Save,
    T,
    ask_before_discarding,
    choice,
    date_input,
    explain_error,
    field_row,
    text_input,
)

if TYPE_CHECKING:
    from iep_tui.calendar.school_calendar import SchoolCalendar
    from iep_tui.domain.models import Session
    from iep_tui.ui.case_actions import Values

STATUSES = (("delivered (or partial: fewer minutes)", "delivered"), ("missed", "missed"), ("make-up", "makeup"))
SOURCES = (
    ("parent observation", "parent-observation"),
    ("school log", "school-log"),
    ("provider note", "provider-note"),
)

REASON_KEYS: tuple[tuple[str, str, str], ...] = (
    ("p", "provider-absent", "provider absent"),
    ("r", "staff-reassigned", "staff reassigned"),
    ("t", "staff-shortage", "short-staffed"),
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
    minutes: str | None = None
    """None when the frequency gives a session length; otherwise the minutes to prefill ('30' for
    '30 min weekly', '' for 'daily'): the quick log asks for them instead of refusing."""


def day_notice(calendar: SchoolCalendar | None, text: str, today: date) -> tuple[date | None, str]:
    """The typed date and, before anything is saved, why it is not a school day (the calendar's words)."""
    from iep_tui.domain.date_input import parse_user_date
    from iep_tui.errors import InputError

    try:
        day = parse_user_date(text or "today", today, calendar)
    except InputError as error:
        return None, f"date: {error}"
    if calendar is None or calendar.is_school_day(day):
        return day, ""
    return day, f"{day.strftime('%a %d %b')} is not a school day ({calendar.describe_day(day)}): Enter logs it anyway."


class QuickLogDialog(DialogScreen[T | None], Generic[T]):
    """d Enter: delivered today. m p Enter: missed today, provider absent. Up/down: another requirement.

    Tab reaches an optional note and the date (today unless changed); Enter saves from
    anywhere. A day the school calendar says is not a school day is named before the
    save, not only after it.
    """

    AUTO_FOCUS = "#quick-body"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "status('delivered')", "delivered", id="quick-delivered"),
        Binding("m", "status('missed')", "missed", id="quick-missed"),
        *[Binding(key, f"reason('{reason}')", label, show=False) for key, reason, label in REASON_KEYS],
        Binding("up,k", "requirement(-1)", "previous", show=False),
        Binding("down,j", "requirement(1)", "next", show=False),
        Binding("enter", "save", "save", id="quick-save", priority=True),
        Binding("escape", "cancel", "cancel", id="quick-cancel"),
    ]

    def __init__(
        self,
        choices: list[QuickChoice],
        selected: str | None,
        today: date,
        save: Callable[[QuickEntry], T],
        calendar: SchoolCalendar | None = None,
    ) -> None:
        super().__init__()
        self.choices = choices
        self.index = next((i for i, c in enumerate(choices) if c.requirement_id == selected), 0)
        self.today = today
        self.calendar = calendar
        self._save = save
        self.status: str | None = None
        self.reason: str | None = None
        self._busy = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog quick-log"):
            yield Label(self._title(self.today), id="quick-title", classes="dialog-title")
            body = Static(id="quick-body")
            body.can_focus = True  # the letter keys work while it has focus; tab goes on to the note
            yield body
            minutes = field_row(
                "Minutes",
                text_input("", "whole minutes", id="minutes"),
                hint="This requirement's frequency is a total, not a session length: type the minutes of this session.",
            )
            minutes.id = "minutes-row"
            yield minutes
            with Horizontal(id="quick-extra"):
                note = field_row("Note", text_input("", "optional (tab)", id="note"))
                note.id = "note-row"
                yield note
                day = field_row("Date", date_input(id="date"))
                day.id = "date-row"
                yield day
            yield Static("", id="quick-day", markup=False)
            yield Static("", id="form-error", classes="form-error", markup=False)

    def _title(self, day: date) -> str:
        when = "today, " if day == self.today else ""
        return f"Log a session for {when}{day.strftime('%a %d %b %Y')}"

    def on_mount(self) -> None:
        self._render_body()
        self._check_day("today")
        self._ask_minutes()
        self._as_opened = self._typed()

    def _typed(self) -> tuple[str, str, bool]:
        """The note and date as typed, and whether the minutes differ from the requirement's prefill."""
        minutes = self.query_one("#minutes", Input).value
        return (
            self.query_one("#note", Input).value,
            self.query_one("#date", Input).value,
            minutes != (self.choices[self.index].minutes or ""),
        )

    def _ask_minutes(self) -> None:
        """Show the Minutes field (prefilled with the frequency's amount) when a session has no set length."""
        wanted = self.choices[self.index].minutes
        row = self.query_one("#minutes-row")
        row.display = wanted is not None
        self.query_one("#minutes", Input).value = wanted or ""

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "date":
            self._check_day(event.value)

    def _check_day(self, text: str) -> None:
        day, notice = day_notice(self.calendar, text, self.today)
        if day is not None:
            self.query_one("#quick-title", Label).update(self._title(day))
        self.query_one("#quick-day", Static).update(notice)

    def _render_body(self) -> None:
        choice_ = self.choices[self.index]
        parts: list[Content | tuple[str, str] | str] = [
            ("Requirement ", "dim"),
            (choice_.label, "bold"),
            ("   ↑↓ another\n", "dim"),
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
        hint = (
            "Enter save"
            if ready
            else ("Press a reason's letter (u: unknown)" if self.status == "missed" else "Press d or m")
        )
        parts.append((hint, "bold" if ready else "dim"))
        parts.append(("  ·  tab note  ·  esc cancel", "dim"))
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
        self._ask_minutes()

    def action_cancel(self) -> None:
        """Esc: close; after asking when a note, a date or minutes were typed."""
        if self._typed() == self._as_opened:
            self.dismiss(None)
        else:
            ask_before_discarding(self)

    def action_save(self) -> None:
        if self._busy:
            return
        if self.status is None or (self.status == "missed" and self.reason is None):
            self.query_one("#form-error", Static).update(
                "Press d (delivered) or m (missed) first."
                if self.status is None
                else "Press the letter of the reason (u if you do not know)."
            )
            self.query_one("#form-error").add_class("-visible")
            self.query_one("#quick-body").focus()  # the letters reach the dialog, not the note
            return
        minutes = self.query_one("#minutes", Input)
        if self.query_one("#minutes-row").display and not minutes.value.strip():
            self._show_error("Type the minutes of this session in the Minutes field, then press Enter.")
            minutes.focus()
            return
        entry = QuickEntry(
            self.choices[self.index].requirement_id,
            self.status,
            self.reason,
            self.query_one("#date", Input).value.strip() or "today",
            self.query_one("#note", Input).value.strip(),
            minutes.value.strip() if self.query_one("#minutes-row").display else "",
        )
        self._busy = True
        self.run_worker(
            lambda: self._save(entry), thread=True, exit_on_error=False, group="form-save", name="quick log"
        )

    def show_waiting(self, message: str) -> None:
        self.query_one("#quick-day", Static).update(message)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "form-save":
            return
        if event.state == WorkerState.SUCCESS:
            self.dismiss(event.worker.result)
        elif event.state == WorkerState.ERROR and event.worker.error is not None:
            self._busy = False
            message = explain_error(event.worker.error)
            if message is None:
                title, text = self.app.describe_error(event.worker.error)
                message = f"Not saved ({title}): {text}"
            self._show_error(message)
            if message.startswith("minutes"):
                self.query_one("#minutes", Input).focus()

    def _show_error(self, message: str) -> None:
        error = self.query_one("#form-error", Static)
        error.update(message)
        error.add_class("-visible")


class SessionForm(FormDialog[T]):
    """Delivered, partial (fewer minutes), missed with a reason, or make-up; any date."""

    title_text = "Log a session"

    def __init__(
        self,
        save: Save[T],
        today: date,
        requirements: list[tuple[str, str]],
        selected: str | None,
        session: Session | None = None,
    ) -> None:
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
        yield field_row(
            "Minutes",
            text_input(
                str(s.minutes) if s and s.minutes is not None else "", "blank: the session length", id="minutes"
            ),
            hint="Fewer minutes than the session length is a partial session.",
        )
        reason = field_row(
            "Reason missed",
            choice(
                [(label, reason) for _, reason, label in REASON_KEYS],
                value=(s.reason if s and s.reason else "unknown"),
                id="reason",
            ),
        )
        reason.id = "reason-row"
        reason.display = bool(s and s.status == "missed")
        yield reason
        delivered_as = field_row(
            "Delivered as",
            text_input(s.delivered_as if s else "", "blank: as the IEP says", id="delivered_as"),
            hint="How it was delivered when not as written, e.g. group of 5, in the hallway.",
        )
        delivered_as.id = "delivered-as-row"
        delivered_as.display = not (s and s.status == "missed")
        yield delivered_as
        yield field_row("Source", choice(SOURCES, value=s.source if s else "parent-observation", id="source"))
        yield field_row("Note", text_input(s.note if s else "", "what you were told", id="note"))
        if s is not None:
            yield field_row("Reason", text_input("", "why (needed if a sent letter cites it)", id="edit-reason"))

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "status":
            self.query_one("#reason-row").display = event.value == "missed"
            self.query_one("#delivered-as-row").display = event.value != "missed"

    def values(self) -> Values:
        out = {
            "requirement_id": self.picked("#requirement"),
            "status": self.picked("#status") or "delivered",
            "date": self.text("#date"),
            "minutes": self.text("#minutes"),
            "reason": self.picked("#reason"),
            "source": self.picked("#source"),
            "note": self.text("#note"),
            "delivered_as": self.text("#delivered_as"),
        }
        if out["requirement_id"] is None:
            from iep_tui.errors import InputError

            raise InputError("requirement: add a requirement to the checklist first (Checklist tab, a).")
        if self.session is not None:
            out["edit_reason"] = self.text("#edit-reason")
        return out
