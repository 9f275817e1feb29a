"""Weekly impact over time as text sparklines (block characters read fine in 16 colours)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

BLOCKS = "▁▂▃▄▅▆▇█"


def spark(values: list[int]) -> str:
    """Scale values to block characters (display only: the values are shown beside it)."""
    if not values:
        return ""
    top = max(values)
    if top <= 0:
        return BLOCKS[0] * len(values)
    return "".join(BLOCKS[min(len(BLOCKS) - 1, round((len(BLOCKS) - 1) * v / top))] for v in values)


@dataclass(frozen=True)
class Series:
    label: str
    values: list[int]
    unit: str = ""


class Sparklines(Widget):
    """One line per series: label, sparkline (oldest to newest), the latest value."""

    DEFAULT_CSS = """
    Sparklines { height: auto; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._series: list[Series] = []
        self._caption = ""

    def show(self, series: list[Series], caption: str = "") -> None:
        self._series = series
        self._caption = caption
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self._series)) + (1 if self._caption else 0)

    def render(self) -> Content:
        if not self._series or not any(s.values for s in self._series):
            return Content("No weekly snapshots yet (press w to log this week).")
        width = self.size.width
        label_w = max(len(s.label) for s in self._series)
        tails = [f"{s.values[-1]}{s.unit}" if s.values else "" for s in self._series]
        tail_w = max(len(t) for t in tails)
        room = max(4, width - label_w - tail_w - 3)
        lines: list[Content] = []
        for series, tail in zip(self._series, tails, strict=True):
            values = series.values[-room:]
            lines.append(
                Content.assemble(
                    (series.label.ljust(label_w), ""),
                    " ",
                    (spark(values).ljust(min(room, len(series.values))), "$accent"),
                    " ",
                    (tail, "$text-muted"),
                )
            )
        if self._caption:
            lines.append(Content.styled(self._caption, "$text-muted"))
        return Content("\n").join(lines)
