"""Export a letter: choose the kind, read its first lines, write the .docx, copy the email text.

The letters come from the export service (the same one `iep-tui letter` calls),
through a small `LetterSource` the case screen builds. Writing a .docx loads
python-docx, so it runs in a worker. The email text is copied with OSC 52
(`App.copy_to_clipboard`), which reaches the local clipboard over SSH only when the
terminal allows it, so it is always shown on screen too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar, Protocol

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from iep_tui.ui.dialogs.dialog_screen import DialogScreen
from iep_tui.ui.dialogs.form_dialog import explain_error


class LetterSource(Protocol):
    def kinds(self) -> list[tuple[str, str]]:
        """(kind, title) of every letter."""

    def preview(self, kind: str) -> str:
        """The first lines of the letter's text."""

    def write(self, kind: str) -> Path:
        """Write the .docx into the workspace's exports/ and return its path."""

    def email_text(self, kind: str) -> str:
        """The plain-text email version."""


class TextScreen(DialogScreen[None]):
    """Read-only text to read, select and copy on screen."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_screen", "close", id="text-close")]

    def __init__(self, title: str, text: str, note: str = "") -> None:
        super().__init__()
        self._title = title
        self._text = text
        self._note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog email-text"):
            yield Label(self._title, classes="dialog-title")
            if self._note:
                yield Static(self._note, classes="dialog-hint")
            yield TextArea(self._text, read_only=True, soft_wrap=True, id="email-body", compact=True)
            yield Static("esc close", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#email-body").focus()

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)


class EmailTextScreen(TextScreen):
    """The email text, selectable on screen (the clipboard copy may not reach every terminal)."""

    def __init__(self, title: str, text: str) -> None:
        super().__init__(title, text, "Copied to the clipboard (OSC 52). If it did not arrive, select the text "
                                      "below (or use your terminal's copy mode).")


class ExportDialog(DialogScreen[Path | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "write", "write .docx", id="export-write", priority=True),
        Binding("c", "copy_email", "copy email text", id="export-copy"),
        Binding("escape", "close", "close", id="export-close"),
    ]

    def __init__(self, letters: LetterSource, selected: str | None = None) -> None:
        super().__init__()
        self.letters = letters
        self.selected = selected
        self.written: Path | None = None

    def compose(self) -> ComposeResult:
        kinds = self.letters.kinds()
        with Vertical(classes="dialog export"):
            yield Label("Export a letter", classes="dialog-title")
            with Horizontal(id="export-body"):
                yield OptionList(*[Option(title, id=kind) for kind, title in kinds], id="letter-kinds", compact=True)
                with VerticalScroll(id="letter-preview"):
                    yield Static("", id="preview-text", markup=False)
            yield Static("", id="export-status", markup=False)
            yield Static("↑↓ choose · enter write .docx to exports/ · c copy email text · esc close",
                         classes="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one("#letter-kinds", OptionList)
        options.focus()
        index = 0
        if self.selected is not None:
            try:
                index = options.get_option_index(self.selected)
            except Exception:  # noqa: BLE001 - an unknown kind just starts at the top
                index = 0
        if options.option_count:
            options.highlighted = index

    @property
    def kind(self) -> str | None:
        options = self.query_one("#letter-kinds", OptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        kind = event.option.id
        if kind is None:
            return
        self.query_one("#preview-text", Static).update("…")
        self.run_worker(lambda: self.letters.preview(kind), thread=True, exit_on_error=False,
                        group="preview", exclusive=True)

    def action_write(self) -> None:
        kind = self.kind
        if kind is None:
            return
        self._status(f"Writing {kind}…")
        self.run_worker(lambda: self.letters.write(kind), thread=True, exit_on_error=False,
                        group="write", exclusive=True)

    def action_copy_email(self) -> None:
        kind = self.kind
        if kind is None:
            return
        self.run_worker(lambda: self.letters.email_text(kind), thread=True, exit_on_error=False,
                        group="email", exclusive=True)

    def _status(self, text: str) -> None:
        self.query_one("#export-status", Static).update(text)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        group = event.worker.group
        if group not in ("preview", "write", "email"):
            return
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            message = explain_error(error) or str(error)
            if group == "preview":
                self.query_one("#preview-text", Static).update(message)
            else:
                self._status(message)
            if explain_error(error) is None:
                self.app.report(error)  # type: ignore[attr-defined]
            return
        if event.state != WorkerState.SUCCESS:
            return
        result: Any = event.worker.result
        if group == "preview":
            self.query_one("#preview-text", Static).update(result)
        elif group == "write":
            self.written = result
            warnings = list(getattr(self.letters, "warnings", ()) or ())
            self._status("\n".join([f"Wrote {result}", *warnings]))
            self.app.notify("\n".join([str(result), *warnings]), title="Written", timeout=15)
        elif group == "email":
            self.app.copy_to_clipboard(result)
            title = next((t for k, t in self.letters.kinds() if k == self.kind), "Email text")
            self._status("Email text copied to the clipboard and shown on screen.")
            self.app.push_screen(EmailTextScreen(f"Email text: {title}", result))

    def action_close(self) -> None:
        self.dismiss(self.written)
