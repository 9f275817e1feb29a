"""A confirmation typed in full: the student's name before a case is deleted.

The Delete button stays disabled until the typed text matches (spaces and letter case do
not matter, as the service's own check); the service checks again before deleting.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from iep_tui.services.cases import names_match
from iep_tui.ui.dialogs.dialog_screen import DialogScreen


class TypedConfirmDialog(DialogScreen[str | None]):
    """Returns the typed text once it matches `expected`, or None (Esc)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "cancel", id="typed-cancel")]

    def __init__(self, title: str, detail: str, expected: str, yes: str = "Delete") -> None:
        super().__init__()
        self._title, self._detail, self.expected, self._yes = title, detail, expected, yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog confirm"):
            yield Label(self._title, classes="dialog-title")
            yield Static(self._detail, classes="confirm-detail", markup=False)
            yield Input(placeholder="the student's name", id="typed", compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self._yes} (enter)", id="yes", variant="error", compact=True, disabled=True)
                yield Button("Cancel (esc)", id="no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#typed", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#yes", Button).disabled = not names_match(event.value, self.expected)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if names_match(event.value, self.expected):
            self.dismiss(event.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(self.query_one("#typed", Input).value if event.button.id == "yes" else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
