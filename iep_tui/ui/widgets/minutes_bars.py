"""Minutes owed by service, as bars: readable without colour (block characters, numbers)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget


@dataclass(frozen=True)
class BarRow:
    label: str
    owed: int
    required: int
    unaccounted: int = 0


MIN_BAR = 6
"""The narrowest bar drawn: enough to compare services at a glance at 80 columns."""


class MinutesBars(Widget):
    """One line per service: name, a bar scaled to the largest owed total, the numbers."""

    DEFAULT_CSS = """
    MinutesBars { height: auto; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: list[BarRow] = []
        self._empty = "No services with minutes yet."

    def show(self, rows: list[BarRow], empty: str | None = None) -> None:
        self._rows = rows
        if empty is not None:
            self._empty = empty
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self._rows))

    def render(self) -> Content:
        if not self._rows:
            return Content(self._empty)
        width = self.size.width
        numbers = [f"{r.owed} min" for r in self._rows]
        num_w = max(len(n) for n in numbers)
        # Names first (a cut name is a guess), then the bar: it needs only a few cells to compare.
        label_w = min(max(len(r.label) for r in self._rows), 28, max(10, width - num_w - 3 - MIN_BAR))
        bar_w = max(MIN_BAR, min(48, width - label_w - num_w - 3))
        top = max((r.owed for r in self._rows), default=0) or 1
        lines: list[Content] = []
        for row, number in zip(self._rows, numbers, strict=True):
            filled = round(bar_w * row.owed / top) if row.owed else 0
            if row.owed and not filled:
                filled = 1
            label = row.label if len(row.label) <= label_w else row.label[: label_w - 1] + "…"
            lines.append(
                Content.assemble(
                    (label.ljust(label_w), ""),
                    " ",
                    ("█" * filled, "$error" if row.owed else ""),
                    ("░" * (bar_w - filled), "$foreground 30%"),
                    " ",
                    (number.rjust(num_w), "bold" if row.owed else "$text-muted"),
                )
            )
        return Content("\n").join(lines)
