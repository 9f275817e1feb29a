"""Column widths sized to the terminal: short columns whole, the long ones share what is left.

A DataTable with fixed widths cuts a column at 80 columns and leaves others half empty at
200. `fit_widths` takes each column's widest cell and the room the table has:

- when every column fits whole, each gets its widest cell, and the spare width goes to
  the columns marked `grow` (the long texts: what happened, the IEP words);
- when they do not, the widest columns give way first, all cut to the same width (never
  below their `minimum`), so a short column (a role, a date, an id) stays whole and the
  long ones are cut the least they can be;
- when even the minimums do not fit, the minimums are used (the table scrolls sideways).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import DataTable

from iep_tui.ui.widgets.table_cursor import Cell

PADDING = 2
"""A DataTable cell's padding: one cell each side."""
SCROLLBAR = 2
"""Room kept for the vertical scrollbar."""


@dataclass(frozen=True)
class Column:
    label: str
    wanted: int
    """The widest cell of the column, its label included."""
    minimum: int = 1
    """Never narrower than this (a fixed column: minimum == wanted)."""
    grow: bool = False
    """Takes the spare width once every column is whole."""
    key: str | None = None


def cell_width(cell: str | Content) -> int:
    """Cells the text takes on screen (its longest line)."""
    text = cell.plain if isinstance(cell, Content) else cell
    return max((cell_len(line) for line in text.splitlines()), default=0)


def column(
    label: str, cells: Iterable[str | Content], *, minimum: int = 1, grow: bool = False, key: str | None = None
) -> Column:
    """A column as wide as its widest cell (or label)."""
    wanted = max([cell_width(label), *(cell_width(c) for c in cells)])
    return Column(label, wanted, min(minimum, wanted) if not grow else minimum, grow, key)


def fixed(label: str, width: int, key: str | None = None) -> Column:
    """A column of a known width (a date, a number): never cut, never widened."""
    return Column(label, width, width, False, key)


def needed_width(columns: Sequence[Column]) -> int:
    """The table width at which every column is whole."""
    return sum(max(c.wanted, c.minimum) for c in columns) + PADDING * len(columns) + SCROLLBAR


def fit_widths(columns: Sequence[Column], width: int) -> list[int]:
    """The widths of `columns` in a table `width` cells wide (padding and a scrollbar left out)."""
    room = width - PADDING * len(columns) - SCROLLBAR
    wanted = [max(c.wanted, c.minimum) for c in columns]
    if sum(wanted) <= room:
        growers = [i for i, c in enumerate(columns) if c.grow]
        spare = room - sum(wanted)
        for n, i in enumerate(growers):
            wanted[i] += spare // len(growers) + (1 if n < spare % len(growers) else 0)
        return wanted
    minimums = [min(c.minimum, w) for c, w in zip(columns, wanted, strict=True)]
    if sum(minimums) >= room:
        return minimums

    def total(cap: int) -> int:
        return sum(min(w, max(cap, m)) for w, m in zip(wanted, minimums, strict=True))

    low, high = 0, max(wanted)  # the largest cap whose total fits the room
    while low < high:
        cap = (low + high + 1) // 2
        if total(cap) <= room:
            low = cap
        else:
            high = cap - 1
    widths = [min(w, max(low, m)) for w, m in zip(wanted, minimums, strict=True)]
    left = room - sum(widths)
    for i in sorted(range(len(widths)), key=lambda i: -wanted[i]):  # what the cap leaves, to the widest
        if left <= 0:
            break
        if widths[i] < wanted[i]:
            widths[i] += 1
            left -= 1
    return widths


def add_fitted_columns(table: DataTable[Cell], columns: Sequence[Column], width: int) -> list[int]:
    """Add `columns` to a DataTable at their fitted widths; returns the widths."""
    widths = fit_widths(columns, width)
    for col, w in zip(columns, widths, strict=True):
        table.add_column(col.label, key=col.key, width=w)
    return widths
