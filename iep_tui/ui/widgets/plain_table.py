"""A DataTable that shows text cells as typed.

Textual reads a `str` cell as markup: an incident that says "[/]" raised MarkupError while the
table drew, and "[b]" restyled a fact. Every table of the app shows a parent's or a file's
words, so each `str` cell is made plain rich `Text` on the way in, in one place (rich Text, not
Content: the table measures an auto-width column's cells, and it measures Text as it draws it).
"""

from __future__ import annotations

from typing import TypeVar, cast

from rich.text import Text, TextType
from textual.coordinate import Coordinate
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

CellType = TypeVar("CellType")


def plain(cell: CellType) -> CellType:
    """`cell`, with a str made plain Text (no markup read). The table stores any renderable, so
    Text stands in for the str it replaces."""
    return cast(CellType, Text(cell)) if isinstance(cell, str) else cell


class PlainTable(DataTable[CellType]):
    """DataTable whose str cells are never read as markup."""

    def add_row(
        self,
        *cells: CellType,
        height: int | None = 1,
        key: str | None = None,
        label: TextType | None = None,
    ) -> RowKey:
        return super().add_row(*(plain(c) for c in cells), height=height, key=key, label=label)

    def update_cell(
        self, row_key: RowKey | str, column_key: ColumnKey | str, value: CellType, *, update_width: bool = False
    ) -> None:
        super().update_cell(row_key, column_key, plain(value), update_width=update_width)

    def update_cell_at(self, coordinate: Coordinate, value: CellType, *, update_width: bool = False) -> None:
        super().update_cell_at(coordinate, plain(value), update_width=update_width)
