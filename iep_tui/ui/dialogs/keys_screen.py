"""`?`: the keys of the screen underneath, in a table that fits 80x24.

Textual's key panel docks a narrow column beside the screen; at 80 columns it
truncates every description. This lists what the keys do *here*: first the keys of
this tab (those the footer shows), then the keys that work on every tab, each with
its binding id for keymap.toml. Keys an action switches off on this tab
(`check_action` False) are left out; keys that apply but have nothing to act on yet
(undo with nothing done) are listed, marked "(not now)".
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from iep_tui.ui.dialogs.dialog_screen import DialogScreen
from iep_tui.ui.widgets.fitted_columns import add_fitted_columns, column
from iep_tui.ui.widgets.plain_table import PlainTable

WIDGET_KEYS = "tab/shift+tab: next or previous table · ↑↓ PgUp PgDn: move in it"


@dataclass(frozen=True)
class KeyRow:
    keys: str
    what: str
    binding_id: str
    enabled: bool
    always: bool
    """True for keys that work on every tab (not shown in the footer)."""


def _what(binding: Binding) -> str:
    """The palette title ("log: an incident"), else the footer label."""
    return binding.tooltip or binding.description or binding.action


def key_rows(screen: Screen[object]) -> list[KeyRow]:
    """One row per binding of `screen` and of the app that has an id (so it can be remapped), in declaration order.

    Textual's own keys (tab, shift+tab, copy) and the focused widget's keys are left out: the
    dialog says how to move in a line of its own.
    """
    app = screen.app
    grouped: dict[tuple[int, str], tuple[list[str], Binding, bool, bool]] = {}
    for active in screen.active_bindings.values():
        if (active.node is not screen and active.node is not app) or not active.binding.id:
            continue
        binding = active.binding
        group_key = (id(active.node), binding.id or binding.action)
        display = app.get_key_display(binding)
        if group_key in grouped:
            displays = grouped[group_key][0]
            if display not in displays:
                displays.append(display)
            continue
        always = active.node is app or not binding.show
        grouped[group_key] = ([display], binding, active.enabled, always)
    rows = [
        KeyRow(" ".join(displays), _what(binding), binding.id or "", enabled, always)
        for displays, binding, enabled, always in grouped.values()
    ]
    return [r for r in rows if not r.always] + [r for r in rows if r.always]


class KeysScreen(DialogScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark", "dismiss_screen", "close", id="keys-close"),
    ]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.rows = key_rows(under)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog keys"):
            yield Label("Keys here (this tab first, then every tab)", classes="dialog-title")
            yield PlainTable(id="keys-table", cursor_type="row", show_cursor=True)
            yield Static(WIDGET_KEYS, classes="dialog-hint", markup=False)
            yield Static(
                "? or esc close · ctrl+p runs any action by name (and remaps keys)", classes="dialog-hint", markup=False
            )

    def on_mount(self) -> None:
        table = self.query_one("#keys-table", DataTable)
        width = max(40, min(78, self.app.size.width) - 4)
        whats = [row.what + ("" if row.enabled else " (not now)") for row in self.rows]
        # the key and its id (what keymap.toml needs) are always whole; what it does takes the rest,
        # on two lines when it must
        widths = add_fitted_columns(
            table,
            [
                column("Key", (r.keys for r in self.rows)),
                column("What it does", whats, minimum=20, grow=True),
                column("id", (r.binding_id for r in self.rows)),
            ],
            width,
        )
        what_width = widths[1]
        last_always = False
        for row, what in zip(self.rows, whats, strict=True):
            if row.always and not last_always:
                table.add_row(Content.styled("", ""), Content.styled("on every tab", "bold $text-muted"), "")
            last_always = row.always
            style = "" if row.enabled else "$text-muted"
            lines = textwrap.wrap(what, what_width) or [""]
            table.add_row(
                Content.styled(row.keys, "bold" if row.enabled else "$text-muted"),
                Content.styled("\n".join(lines), style),
                Content.styled(row.binding_id, "$text-muted"),
                height=len(lines),
            )
        table.focus()

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)
