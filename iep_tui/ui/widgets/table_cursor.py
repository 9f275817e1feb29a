"""Putting a DataTable's cursor back on a row by key after the table was refilled."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

Cell = str | Content
"""A cell of the app's tables: plain text, or text with a style (a mark, a number in bold)."""


def move_to_key(table: DataTable[Cell], key: str | None) -> bool:
    """Move the cursor to the row with `key`; False (cursor unchanged) when that row is gone."""
    if key is None:
        return False
    try:
        index = table.get_row_index(key)
    except RowDoesNotExist:
        return False
    table.move_cursor(row=index)
    return True


def key_at_cursor(table: DataTable[Cell]) -> str | None:
    """The key of the row under the cursor (None for an empty table)."""
    if not table.row_count:
        return None
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
