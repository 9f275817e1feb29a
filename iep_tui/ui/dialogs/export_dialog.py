"""Export a letter: choose the kind, read it whole, write the .docx, copy the email text.

The letters come from the export service (the same one `iep-tui letter` calls),
through a small `LetterSource` the case screen builds. Writing a .docx loads
python-docx, so it runs in a worker. The email text is copied with OSC 52
(`App.copy_to_clipboard`), which reaches the local clipboard over SSH only when the
terminal allows it, so it is always shown on screen too.

A letter that needs facts the case lacks (the parent's name, the school, a date of
birth) lists all of them at once; `f` opens the form that sets the first one (the
case details, or the contact for a role), and the letter comes back when it closes.
After writing, the letter is recorded on the step it was built for when one is waiting (as
the CLI does: opened on a selected step, that step), or `d` records it as a draft step; after
a meeting recap, `r` marks the recap sent.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from iep_tui.ui.dialogs.dialog_screen import DialogScreen
from iep_tui.ui.dialogs.form_dialog import explain_error

if TYPE_CHECKING:
    from iep_tui.domain.case_view import MissingFact
    from iep_tui.domain.models import Meeting
    from iep_tui.services.export_service import EmailText
    from iep_tui.ui.letters import LetterWritten

EXPORT_HINT = "↑↓ letter · enter .docx · c email text · PgUp/PgDn/Home/End read · esc close"
SIDE_BY_SIDE = 110
"""From this width the list of letters stands beside the letter; below it, the letter takes every column
(its text is laid out for 72) and the letter chosen is named on one line above it."""


class LetterSource(Protocol):
    def kinds(self) -> list[tuple[str, str]]:
        """(kind, title) of every letter."""

    def preview(self, kind: str) -> str:
        """The letter's whole text."""

    def write(self, kind: str) -> LetterWritten:
        """Write the .docx into the workspace's exports/: its path, warnings and the step it was built for."""

    def email_text(self, kind: str) -> EmailText:
        """The plain-text email version and the letter's warnings."""


class LetterActions(Protocol):
    """What the case screen does for the dialog (every save goes through it: undo, the case reloaded)."""

    def fill(self, fact: MissingFact, then: Callable[[], None]) -> None:
        """Open the form that sets `fact`; call `then` once it is closed."""

    def after_write(self, kind: str, written: LetterWritten) -> str:
        """(In a worker) record the letter on the step it was built for; a sentence saying so, or ''."""

    def record_draft(self, kind: str, path: Path) -> None:
        """Record the letter written as a draft step."""

    def recap_meeting(self) -> Meeting | None:
        """The held meeting whose recap is not marked sent, if any."""

    def recap_sent(self, meeting: Meeting) -> None:
        """Mark that meeting's recap sent today."""


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

    def __init__(self, title: str, text: str, warnings: tuple[str, ...] = ()) -> None:
        super().__init__(
            title,
            text,
            "\n".join(
                [
                    "Copied to the clipboard (OSC 52). If it did not arrive, select the text "
                    "below (or use your terminal's copy mode).",
                    *(f"⚠ {w}" for w in warnings),
                ]
            ),
        )


class ExportDialog(DialogScreen[Path | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "write", "write .docx", id="export-write", priority=True),
        Binding("up", "choose(-1)", show=False, priority=True),
        Binding("down", "choose(1)", show=False, priority=True),
        Binding("c", "copy_email", "copy email text", id="export-copy"),
        Binding("f", "fill_in", "fill in", id="export-fill"),
        Binding("d", "record_draft", "record as draft", id="export-draft"),
        Binding("r", "recap_sent", "recap sent", id="export-recap"),
        Binding("pageup", "read('page_up')", show=False, priority=True),
        Binding("pagedown", "read('page_down')", show=False, priority=True),
        Binding("home", "read('home')", show=False, priority=True),
        Binding("end", "read('end')", show=False, priority=True),
        Binding("escape", "close", "close", id="export-close"),
    ]

    def __init__(
        self, letters: LetterSource, selected: str | None = None, actions: LetterActions | None = None
    ) -> None:
        super().__init__()
        self.letters = letters
        self.selected = selected
        self.actions = actions
        self.written: Path | None = None
        self.missing: tuple[MissingFact, ...] = ()
        """The facts the highlighted letter lacks (all of them), when it cannot be written yet."""
        self._draft_for: tuple[str, Path] | None = None
        self._recap: Meeting | None = None

    def compose(self) -> ComposeResult:
        kinds = self.letters.kinds()
        with Vertical(classes="dialog export"):
            yield Label("Export a letter", classes="dialog-title")
            yield Static("", id="letter-choice")
            with Horizontal(id="export-body"):
                yield OptionList(*[Option(title, id=kind) for kind, title in kinds], id="letter-kinds", compact=True)
                with VerticalScroll(id="letter-preview", can_focus=False):
                    yield Static("", id="preview-text", markup=False)
            yield Static("", id="export-status", markup=False)
            yield Static(EXPORT_HINT, classes="dialog-hint")

    def on_resize(self) -> None:
        self.query_one(".export").set_class(self.app.size.width < SIDE_BY_SIDE, "-narrow")

    def action_choose(self, step: int) -> None:
        """↑↓ choose the letter, whether the list is shown or not."""
        options = self.query_one("#letter-kinds", OptionList)
        if options.option_count:
            current = options.highlighted if options.highlighted is not None else 0
            options.highlighted = (current + step) % options.option_count

    def on_mount(self) -> None:
        self.on_resize()
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "fill_in":
            return bool(self.missing) and self.actions is not None
        if action == "record_draft":
            return self._draft_for is not None and self._draft_for[0] == self.kind
        if action == "recap_sent":
            return self._recap is not None and self.kind == "meeting-recap"
        return True

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        kind = event.option.id
        if kind is None:
            return
        self._status("")  # what was said about the last letter is not about this one
        options = event.option_list
        self.query_one("#letter-choice", Static).update(
            Content.assemble(
                ("Letter: ", "$text-muted"),
                (str(event.option.prompt), "bold"),
                (f"  ({(options.highlighted or 0) + 1} of {options.option_count}, ↑↓ another)", "$text-muted"),
            )
        )
        self._preview(kind)

    def _preview(self, kind: str, reload: bool = False) -> None:
        self.missing = ()
        self.refresh_bindings()
        self.query_one("#preview-text", Static).update("…")

        def read() -> str:
            if reload:
                getattr(self.letters, "reload", lambda: None)()
            return self.letters.preview(kind)

        self.run_worker(read, thread=True, exit_on_error=False, group="preview", exclusive=True)

    def action_read(self, how: str) -> None:
        """PgUp/PgDn/Home/End read the letter, whatever has focus."""
        preview = self.query_one("#letter-preview", VerticalScroll)
        {
            "page_up": preview.scroll_page_up,
            "page_down": preview.scroll_page_down,
            "home": preview.scroll_home,
            "end": preview.scroll_end,
        }[how](animate=False)

    def action_write(self) -> None:
        kind = self.kind
        if kind is None:
            return
        self._status(f"Writing {kind}…")
        actions = self.actions

        def write() -> tuple[str, LetterWritten, str]:
            written = self.letters.write(kind)
            return kind, written, actions.after_write(kind, written) if actions is not None else ""

        self.run_worker(write, thread=True, exit_on_error=False, group="write", exclusive=True)

    def action_copy_email(self) -> None:
        kind = self.kind
        if kind is None:
            return
        self.run_worker(
            lambda: self.letters.email_text(kind), thread=True, exit_on_error=False, group="email", exclusive=True
        )

    def action_fill_in(self) -> None:
        """Open the form that sets the first missing fact; the letter is read again when it closes."""
        kind = self.kind
        if not self.missing or self.actions is None or kind is None:
            return
        self.actions.fill(self.missing[0], lambda: self._preview(kind, reload=True))

    def action_record_draft(self) -> None:
        if self._draft_for is None or self.actions is None:
            return
        kind, path = self._draft_for
        self._draft_for = None
        self.actions.record_draft(kind, path)
        self._status("Recorded as a DRAFT step: send it, then s on the Escalation tab marks it sent.")
        self.refresh_bindings()

    def action_recap_sent(self) -> None:
        if self._recap is None or self.actions is None:
            return
        meeting, self._recap = self._recap, None
        self.actions.recap_sent(meeting)
        self._status(f"The recap of the meeting of {meeting.date.isoformat()} is marked sent today.")
        self.refresh_bindings()

    def _status(self, text: str) -> None:
        self.query_one("#export-status", Static).update(text)

    def _show_missing(self, facts: tuple[MissingFact, ...]) -> None:
        """Every fact the letter lacks, at once, and the key that fills them in."""
        self.missing = facts
        lines: list[Content | str] = [
            Content.styled(
                f"This letter cannot be written yet: {len(facts)} fact{'s are' if len(facts) > 1 else ' is'} missing.",
                "bold $warning",
            )
        ]
        lines += [Content.assemble("• ", (f.what, "bold"), f" ({f.why})") for f in facts]
        if self.actions is not None:
            lines.append(
                Content.assemble(
                    ("f", "bold reverse"), " opens the form for the first one; the letter comes back when it closes."
                )
            )
        self.query_one("#preview-text", Static).update(Content("\n").join(lines))
        self.refresh_bindings()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        from iep_tui.ui.letters import missing_facts

        group = event.worker.group
        if group not in ("preview", "write", "email"):
            return
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            facts = missing_facts(error)
            if facts:
                self._show_missing(facts)
                if group != "preview":
                    self._status("Not written: the facts above are missing.")
                return
            message = explain_error(error) or str(error)
            if group == "preview":
                self.query_one("#preview-text", Static).update(message)
            else:
                self._status(message)
            if explain_error(error) is None:
                self.app.report(error)
            return
        if event.state != WorkerState.SUCCESS:
            return
        # Textual's untyped payload: text (preview), EmailText (email), (kind, written, note) (write)
        result: Any = event.worker.result
        if group == "preview":
            self.query_one("#preview-text", Static).update(result)
            self.query_one("#letter-preview", VerticalScroll).scroll_home(animate=False)
        elif group == "write":
            kind, written, recorded = result
            self._wrote(kind, written, recorded)
        elif group == "email":
            emailed: EmailText = result
            self.app.copy_to_clipboard(emailed.text)
            title = next((t for k, t in self.letters.kinds() if k == self.kind), "Email text")
            self._status("\n".join(["Email text copied to the clipboard and shown on screen.", *emailed.warnings]))
            self.app.push_screen(EmailTextScreen(f"Email text: {title}", emailed.text, emailed.warnings))

    def _wrote(self, kind: str, written: LetterWritten, recorded: str) -> None:
        """Say where the letter went and what comes next, here (no toast: one over the dialog hid these lines)."""
        path = self.written = written.path
        lines = [f"Wrote {path}", *written.warnings]
        if recorded:
            lines.append(recorded)
        elif self.actions is not None and getattr(self.letters, "step_kind", lambda k: None)(kind):
            self._draft_for = (kind, path)
            lines.append("d records it as a draft step (nothing counts as sent until you mark it sent).")
        if kind == "meeting-recap" and self.actions is not None:
            self._recap = self.actions.recap_meeting()
            if self._recap is not None:
                lines.append(f"r marks the recap of the meeting of {self._recap.date.isoformat()} sent today.")
        self._status("\n".join(lines))
        self.refresh_bindings()

    def action_close(self) -> None:
        self.dismiss(self.written)
