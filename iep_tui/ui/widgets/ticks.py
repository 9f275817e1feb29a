"""Tick boxes that read without colour: `[x]` and `[ ]`, toggled with space or Enter.

Textual's Checkbox and SelectionList draw the same glyph ticked or not and tell them
apart by colour, which NO_COLOR and some 16-colour terminals lose.

A tick list in a form is where typing goes astray: Tab from a text field lands on
it, and the next sentence would be lost letter by letter while its spaces tick rows.
So letters are never dropped silently: the list rings the bell and posts `Typed`
(the form says where the text went and where to type it), and spaces that follow
typed letters do not tick until the user moves in the list again. Only the focused
list shows its highlighted row, so an unfocused list never looks like the focus.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option


def _prompt(label: str, ticked: bool) -> Content:
    return Content.assemble(("[x] " if ticked else "[ ] ", "bold" if ticked else ""), label)


MOVE_KEYS = frozenset({"up", "down", "home", "end", "pageup", "pagedown", "enter"})


class TickList(OptionList):
    """A list of (label, value) where any number can be ticked; `selected` keeps list order."""

    DEFAULT_CSS = """
    TickList > .option-list--option-highlighted {
        background: transparent;
        color: $foreground;
        text-style: none;
    }
    TickList:focus > .option-list--option-highlighted {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    TickList:nocolor:focus > .option-list--option-highlighted { text-style: bold reverse; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("space,enter", "tick", "tick", show=False)]
    """The action is `tick`, not `toggle`: every Textual node already has a `toggle(attribute)` action."""

    class Typed(Message):
        """Letters were typed into the list (`text`), or the user moved on (`text` is empty)."""

        def __init__(self, tick_list: TickList, text: str) -> None:
            super().__init__()
            self.tick_list = tick_list
            self.text = text

        @property
        def control(self) -> TickList:
            return self.tick_list

    def __init__(self, items: Iterable[tuple[str, str, bool]], *, id: str | None = None) -> None:
        rows = list(items)
        self._items = [(label, value) for label, value, _ in rows]
        self._ticked = {value for _, value, ticked in rows if ticked}
        self._typed = ""
        super().__init__(
            *[Option(_prompt(label, value in self._ticked), id=value) for label, value in self._items],
            id=id,
            compact=True,
        )

    @property
    def typed(self) -> str:
        """Text typed into the list since the user last moved in it (kept, so the form can show it)."""
        return self._typed

    def on_key(self, event: events.Key) -> None:
        if event.key == "space" and self._typed:
            self._stray(event, " ")
        elif event.key != "space" and event.is_printable and event.character:
            self._stray(event, event.character)
        elif event.key in MOVE_KEYS and self._typed:
            self._typed = ""
            self.post_message(self.Typed(self, ""))

    def _stray(self, event: events.Key, character: str) -> None:
        event.prevent_default()
        event.stop()
        if not self._typed:
            self.app.bell()
        self._typed += character
        self.post_message(self.Typed(self, self._typed))

    def on_blur(self) -> None:
        if self._typed:
            self._typed = ""
            self.post_message(self.Typed(self, ""))

    @property
    def selected(self) -> list[str]:
        return [value for _, value in self._items if value in self._ticked]

    def action_tick(self) -> None:
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
    TickBox:nocolor:focus { text-style: bold reverse; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("space,enter", "tick", "tick", show=False)]

    value: reactive[bool] = reactive(False)

    def __init__(self, label: str, value: bool = False, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label
        self.set_reactive(TickBox.value, value)

    def render(self) -> Content:
        return _prompt(self.label, self.value)

    def action_tick(self) -> None:
        self.value = not self.value
