"""A form whose first F2 previews and whose second F2 saves exactly what was previewed.

The imports (the district's service log, the district's calendar) read a file the user names:
the first F2 runs the service's dry run in a worker and shows its summary; the button then
says Import, and F2 again saves, as long as nothing changed since the preview (a change goes
back to preview). The service's refusal is shown under the fields in its own words.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Generic, TypeVar

from textual.widgets import Static
from textual.worker import Worker, WorkerState

from iep_tui.ui.dialogs.form_dialog import FormDialog, Save, T, explain_error

if TYPE_CHECKING:
    from iep_tui.ui.case_actions import Values

P = TypeVar("P")
"""What the preview returns (the service's dry-run outcome)."""

PREVIEW_GROUP = "preview"


class PreviewFormDialog(FormDialog[T], Generic[T, P]):
    """Subclasses say when the values are the ones previewed (`is_previewed`), show an outcome
    (`show_preview`), and what the hint says while the file is read (`reading_text`)."""

    save_label = "Preview"
    hint_text = "F2 preview, then F2 import"
    reading_text = "Reading the file…"

    def __init__(self, save: Save[T], preview: Callable[[Values], P], today: date) -> None:
        super().__init__(save, today)
        self._preview = preview

    def is_previewed(self, values: Values) -> bool:
        """True when `values` are those the summary on screen describes: F2 then saves."""
        raise NotImplementedError

    def show_preview(self, outcome: P) -> None:
        raise NotImplementedError

    def action_save(self) -> None:
        values = self.values()
        if self.is_previewed(values):
            super().action_save()
            return
        if self._busy:
            return
        self._busy = True
        self.show_error("")
        self.query_one(".dialog-hint", Static).update(self.reading_text)
        self.run_worker(
            lambda: self._preview(values),
            thread=True,
            exit_on_error=False,
            group=PREVIEW_GROUP,
            name=f"preview: {self.title_text}",
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The preview's worker (Textual calls FormDialog's handler too, which handles the save's)."""
        if event.worker.group != PREVIEW_GROUP:
            return
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return
        self._busy = False
        self.query_one(".dialog-hint", Static).update(self.hint_text)
        if event.state == WorkerState.SUCCESS and event.worker.result is not None:
            self.show_preview(event.worker.result)
        elif event.worker.error is not None:
            message = explain_error(event.worker.error)
            if message is None:
                title, text = self.app.describe_error(event.worker.error)
                message = f"Not read ({title}): {text}"
            self.show_error(message)
