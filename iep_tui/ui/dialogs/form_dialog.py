"""The frame every entry form shares: fields, inline validation, and a save that never blocks.

A form collects what the user typed and hands it to `save`, a callable that calls a
service (the same one the CLI calls). `save` runs in a thread worker; a bad value
comes back as the service's own sentence (the CLI's message) under the fields, and
the form stays open. A store error (case in use, file damaged, changed elsewhere) is
shown there too, never as a notification over the form. On success the form closes
and returns what was saved.

One rule for keys in every form, shown on its buttons and hint line: focus starts on
the first field; Tab (or Enter in a text field) moves to the next field; Enter on a
choice opens it and on a tick box ticks it; F2 or ctrl+s saves from anywhere, as does
Enter on the Save button; Esc cancels. The focused field is marked beside its label
(a glyph, so it shows without colour) and highlighted in every theme.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea
from textual.widgets.select import NoSelection
from textual.worker import Worker, WorkerState

from iep_tui.errors import InputError
from iep_tui.ui.case_actions import Values
from iep_tui.ui.dialogs.dialog_screen import DialogScreen
from iep_tui.ui.widgets.ticks import TickBox, TickList

T = TypeVar("T")
Save = Callable[[Values], T]


FOCUS_MARK = "▶"
"""Shown beside the label of the focused field: a glyph, so focus shows without colour (NO_COLOR, 16 colours)."""

SAVE_KEYS = "F2"
"""The save key written on every form's Save button (ctrl+s works too, as the hint line says)."""
FORM_HINT = "tab/enter next field · ctrl+s saves"


def field_row(label: str, widget: Widget, hint: str = "") -> Horizontal | Vertical:
    """One labelled field on one line (hint below it, dimmed, when given)."""
    children: list[Widget] = [Static(FOCUS_MARK, classes="focus-mark"), Label(label, classes="field-label"), widget]
    row = Horizontal(*children, classes="field-row")
    if hint:
        return Vertical(row, Static(hint, classes="field-hint", markup=False), classes="field-block")
    return row


def text_input(
    value: str = "",
    placeholder: str = "",
    id: str | None = None,
    *,
    restrict: str | None = None,
    suggester: Suggester | None = None,
    disabled: bool = False,
) -> Input:
    return Input(
        value=value,
        placeholder=placeholder,
        id=id,
        compact=True,
        select_on_focus=False,
        restrict=restrict,
        suggester=suggester,
        disabled=disabled,
    )


def date_input(
    value: str = "today", placeholder: str = "today, yesterday, tue, 2026-11-02", id: str | None = "date"
) -> Input:
    """A date typed as words or ISO; a prefilled "today" is selected on focus, so typing replaces it."""
    return Input(value=value, placeholder=placeholder, id=id, compact=True, select_on_focus=True)


def choice(
    options: Iterable[tuple[str, str]],
    value: str | NoSelection = Select.NULL,
    id: str | None = None,
    allow_blank: bool = False,
    prompt: str = "Select",
) -> Select[str]:
    return Select(list(options), value=value, id=id, compact=True, allow_blank=allow_blank, prompt=prompt)


def flag(label: str, value: bool = False, id: str | None = None) -> TickBox:
    return TickBox(label, value, id=id)


def area(text: str = "", id: str | None = None, placeholder: str = "") -> TextArea:
    return TextArea(
        text,
        id=id,
        soft_wrap=True,
        tab_behavior="focus",
        show_line_numbers=False,
        compact=True,
        placeholder=placeholder,
    )


def typed_state(screen: Widget) -> tuple[object, ...]:
    """What the user has typed, chosen or ticked in a screen's fields (to tell whether Esc would lose it)."""
    state: list[object] = []
    for widget in screen.query("Input, TextArea, Select, TickBox, TickList"):
        if isinstance(widget, TextArea):
            state.append(widget.text)
        elif isinstance(widget, TickList):
            state.append(tuple(widget.selected))
        else:
            state.append(getattr(widget, "value", None))
    return tuple(state)


def ask_before_discarding(screen: Screen[T | None]) -> None:
    """Ask before a form with typed changes closes; y closes it, n or Esc goes back to the form."""
    from iep_tui.ui.dialogs.confirm_dialog import ConfirmDialog

    def answered(discard: bool | None) -> None:
        if discard:
            screen.dismiss(None)

    screen.app.push_screen(
        ConfirmDialog("Discard what you typed?", "Nothing of this form has been saved.", yes="Discard"), answered
    )


FORM_SENTENCES: tuple[tuple[str, str], ...] = (
    (
        "Nothing to change:",  # the CLI goes on "name what to correct (for example --sent DATE)"
        "Nothing to change: change a field, then save again (Esc closes the form).",
    ),
)
"""A service's sentence that speaks to the command line (its options), and what a form says instead, by how
the sentence begins."""


def explain_error(error: BaseException) -> str | None:
    """The sentence for a bad value (the CLI's message, or the form's own where that names a CLI option),
    or None when it is not the user's input."""
    explanation = getattr(error, "explanation", None)
    if isinstance(error, InputError) and explanation:  # ReasonRequired: the CLI says --reason
        return f"{explanation} Type it in the Reason field, then save again."
    if isinstance(error, InputError):
        said = str(error)
        return next((form for cli, form in FORM_SENTENCES if said.startswith(cli)), said)
    from pydantic import ValidationError

    if isinstance(error, ValidationError):
        from iep_tui.domain.validation import explain

        return explain(error)
    return None


class FormDialog(DialogScreen[T | None], Generic[T]):
    """Subclasses give `title`, `fields()` and `values()`; `save` does the rest."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel", id="form-cancel"),
        Binding("f2,ctrl+s", "save", "save", id="form-save"),
    ]

    title_text = "Entry"
    hint_text = FORM_HINT
    save_label = "Save"

    def __init__(self, save: Save[T], today: date, title: str | None = None) -> None:
        super().__init__()
        self._save = save
        self.today = today
        if title:
            self.title_text = title
        self._busy = False
        self._usual_hints: dict[Static, str] = {}
        """A tick list's hint as written, while it says where typed letters went."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Label(self.title_text, classes="dialog-title")
            with VerticalScroll(classes="form-fields", can_focus=False):
                yield from self.fields()
            yield Static("", id="form-error", classes="form-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.save_label} ({SAVE_KEYS})", id="save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)
                yield Static(self.hint_text, classes="dialog-hint")

    CHROME_ROWS = 8
    """Rows a form needs besides its fields: border, a two-line title, an error line, the buttons."""

    def on_mount(self) -> None:
        self._fit_fields()
        self.first_field().focus()
        self._as_opened = typed_state(self)

    def on_resize(self) -> None:
        self._fit_fields()

    def _fit_fields(self) -> None:
        """The fields scroll within what the terminal leaves: a number, since a `vh` maximum inside an
        auto-height dialog is measured unclamped and leaves blank rows under the buttons."""
        self.query_one(".form-fields").styles.max_height = max(4, self.app.size.height - self.CHROME_ROWS)

    def first_field(self) -> Widget:
        """The first field that takes input (the Save button when a form has none)."""
        for widget in self.query_one(".form-fields").query("*"):
            if widget.focusable:
                return widget
        return self.query_one("#save")

    def set_save_label(self, label: str) -> None:
        self.query_one("#save", Button).label = f"{label} ({SAVE_KEYS})"

    def fields(self) -> ComposeResult:  # pragma: no cover - every form overrides it
        yield from ()

    def values(self) -> Values:  # pragma: no cover - every form overrides it
        return {}

    # ---- helpers for subclasses

    def text(self, selector: str) -> str:
        widget = self.query_one(selector)
        if isinstance(widget, TextArea):
            return widget.text.strip()
        return self.query_one(selector, Input).value.strip()

    def picked(self, selector: str) -> str | None:
        value = self.query_one(selector, Select).value
        return None if isinstance(value, NoSelection) else str(value)

    def checked(self, selector: str) -> bool:
        return self.query_one(selector, TickBox).value

    def ticked(self, selector: str, before: list[str] | None = None) -> list[str]:
        """The ticked ids; `before`'s own order when the same ones are ticked (the list shows them in
        another order, and a reordered list would count as an edit of a record a letter cites)."""
        chosen = self.query_one(selector, TickList).selected
        if before is not None and set(chosen) == set(before) and len(chosen) == len(before):
            return list(before)
        return chosen

    def show_error(self, message: str) -> None:
        """The sentence under the fields, and the focus on the field it names (its first word, as
        the CLI's messages begin: "date of birth: ...", "minutes: ...")."""
        error = self.query_one("#form-error", Static)
        error.update(message)
        error.set_class(bool(message), "-visible")
        named = re.search(r"in the (\w[\w ]*) field", message)
        field = self.field_named(named.group(1) if named else message.split(":", 1)[0]) if message else None
        if field is not None:
            field.focus()

    def field_named(self, name: str) -> Widget | None:
        """The field whose id or label is `name` ('date of birth' is #date_of_birth), if any."""
        wanted = " ".join(name.lower().replace("_", " ").replace("-", " ").split())
        for row in self.query(".field-row"):
            label = " ".join(str(row.query_one(".field-label", Label).content).lower().split())
            for widget in row.children:
                plain = (widget.id or "").replace("_", " ").replace("-", " ")
                if widget.focusable and wanted in (plain, label):
                    return widget
        return None

    # ---- saving

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter in a text field moves on, like Tab: saving is F2, ctrl+s or the Save button."""
        event.stop()
        self.focus_next()

    @on(TickList.Typed)
    def _typed_into_a_list(self, event: TickList.Typed) -> None:
        """Say where typed letters went (nowhere) and where to type them, under the list."""
        block = event.tick_list.parent.parent if event.tick_list.parent is not None else None
        hints = block.query(".field-hint") if block is not None else None
        if not hints:
            return
        hint = hints.first(Static)
        usual = self._usual_hints.setdefault(hint, str(hint.content))
        if event.text:
            shown = event.text if len(event.text) <= 24 else "…" + event.text[-23:]
            hint.update(
                f"Not kept: “{shown}”. This list only ticks (space) and moves (↑↓); tab to type in the next field."
            )
        else:
            hint.update(usual)
        hint.set_class(bool(event.text), "-warning")

    @on(Button.Pressed, "#save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_cancel(self) -> None:
        """Esc: close, after asking when something was typed or chosen (nothing typed is lost by a slip)."""
        if typed_state(self) == getattr(self, "_as_opened", None):
            self.dismiss(None)
            return
        ask_before_discarding(self)

    def action_save(self) -> None:
        if self._busy:
            return
        try:
            values = self.values()
        except Exception as error:
            message = explain_error(error)
            if message is None:
                raise
            self.show_error(message)
            return
        self._busy = True
        self.show_error("")
        self.query_one(".dialog-hint", Static).update("Saving…")
        self.run_worker(
            lambda: self._save(values),
            thread=True,
            exit_on_error=False,
            group="form-save",
            name=f"save {self.title_text}",
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "form-save":
            return
        if event.state == WorkerState.SUCCESS:
            self._busy = False
            self.dismiss(event.worker.result)
        elif event.state in (WorkerState.ERROR, WorkerState.CANCELLED):
            self._busy = False
            self.query_one(".dialog-hint", Static).update(self.hint_text)
            error = event.worker.error
            if error is None:
                return
            message = explain_error(error)
            if message is None:  # a store error: shown here, not in a notification over the form
                title, text = self.app.describe_error(error)
                message = f"Not saved ({title}): {text}"
            self.show_error(message)

    def show_waiting(self, message: str) -> None:
        """The store waits for another window's lock: say so on the form, where the user is looking."""
        self.query_one(".dialog-hint", Static).update(message)
