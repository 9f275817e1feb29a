"""Tick boxes that read without colour: `[x]` and `[ ]`, toggled with space or Enter.

Textual's Checkbox and SelectionList draw the same glyph ticked or not and tell them
apart by colour, which NO_COLOR and some 16-colour terminals lose.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option


def _prompt(label: str, ticked: bool) -> Content:
    return Content.assemble(("[x] " if ticked else "[ ] ", "bold" if ticked else ""), label)


class TickList(OptionList):
    """A list of (label, value) where any number can be ticked; `selected` keeps list order."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("space,enter", "toggle", "tick", show=False)]

    def __init__(self, items: Iterable[tuple[str, str, bool]], *, id: str | None = None) -> None:
        rows = list(items)
        self._items = [(label, value) for label, value, _ in rows]
        self._ticked = {value for _, value, ticked in rows if ticked}
        super().__init__(*[Option(_prompt(label, value in self._ticked), id=value) for label, value in self._items],
                         id=id, compact=True)

    @property
    def selected(self) -> list[str]:
        return [value for _, value in self._items if value in self._ticked]

    def action_toggle(self) -> None:
        index = self.highlighted
        if index is None:
            return
        label, value = self._items[index]
        if value in self._ticked:
            self._ticked.discard(value)
        else:
            self._ticked.add(value)
        self.replace_option_prompt_at_index(index, _prompt(label, value in self._ticked))


class TickBox(Widget, can_focus=True):
    """One yes/no field on one line."""

    DEFAULT_CSS = """
    TickBox { height: 1; width: 1fr; }
    TickBox:focus { background: $block-cursor-background; color: $block-cursor-foreground; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("space,enter", "toggle", "tick", show=False)]

    value: reactive[bool] = reactive(False)

    def __init__(self, label: str, value: bool = False, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label
        self.set_reactive(TickBox.value, value)

    def render(self) -> Content:
        return _prompt(self.label, self.value)

    def action_toggle(self) -> None:
        self.value = not self.value
