"""A school's service log file (CSV or XLSX) read into numbered rows of cells, within bounds.

The log comes from the district (an export of its special-education system), so the
file is read as untrusted input: caps on its size, on what an XLSX unzips to, on rows,
columns and the length of one cell refuse a hostile or mistaken file with one sentence
instead of a hang or an exhausted memory. The format is told by content, not by the
file name: a ZIP is an XLSX workbook, an OLE file is an old .xls (refused with what to
do), anything else is CSV text (UTF-8, else Windows-1252; comma, semicolon or tab).

Row numbers are the ones a spreadsheet shows (the header is usually row 1), so an
error message or a letter's exhibit can point at the district's own row. Cells keep
their type (an XLSX date cell is a `date`); text cells are cleaned of control and
invisible formatting characters on the way in.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, time, timedelta

from iep_tui.errors import InputError
from iep_tui.limits import byte_size
from iep_tui.safe_text import Cleaned, clean_imported

Cell = str | int | float | date | time | timedelta | None
"""One cell: text, a number, a date (datetime included), a time of day or a duration, or empty."""

MAX_FILE_BYTES = 20 * 1024 * 1024
"""A school year's log for one student is well under 1 MB; a district export of many students a few MB."""
MAX_UNZIPPED_BYTES = 64 * 1024 * 1024
"""What an XLSX may unzip to in all: a small file that inflates past this is a ZIP bomb."""
MAX_ROWS = 50_000
"""Rows read, blank ones included: about 25 school years of one student's sessions."""
MAX_COLUMNS = 100
MAX_CELL_CHARS = 2_000
"""The longest cell accepted: a session note is a few sentences."""

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class LogRow:
    """One non-blank row and its number as a spreadsheet shows it."""

    number: int
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class LogTable:
    """The non-blank rows of the log's first sheet (or of the CSV), in file order."""

    source: str
    """The file name, as messages and provenance name it."""
    rows: list[LogRow]
    blank_rows: int
    sheet: str = ""
    """The worksheet read ('' for CSV)."""
    other_sheets: tuple[str, ...] = ()
    """Further worksheets of the workbook, which are not read."""
    cleaned: tuple[tuple[int, Cleaned], ...] = ()
    """(row, what cleaning took out of a cell of it) for every cell that held control characters."""

    def cleaning_note(self) -> str | None:
        """One sentence saying which rows had control characters or escape sequences removed, or None."""
        if not self.cleaned:
            return None
        rows = sorted({row for row, _ in self.cleaned})
        shown = ", ".join(str(r) for r in rows[:12]) + (f" and {len(rows) - 12} more" if len(rows) > 12 else "")
        removed = Cleaned("", tuple(piece for _, c in self.cleaned for piece in c.removed))
        return removed.note(f"{self.source} row{'s' if len(rows) > 1 else ''} {shown}")


def read_log_table(data: bytes, source: str) -> LogTable:
    """The rows of a CSV or XLSX log given as bytes; InputError (one sentence) when it cannot be read."""
    if len(data) > MAX_FILE_BYTES:
        raise InputError(
            f"{source} is more than {byte_size(MAX_FILE_BYTES)}, more than a service log can be: export only "
            "this student's rows."
        )
    if data.startswith(_ZIP_MAGIC):
        return _read_xlsx(data, source)
    if data.startswith(_OLE_MAGIC):
        raise InputError(
            f"{source} is an old Excel .xls file (or a password-protected workbook): open it in a spreadsheet "
            "program and save it as .xlsx or CSV, without a password."
        )
    return _read_csv(_decode(data, source), source)


# ---------------------------------------------------------------------- CSV


def _decode(data: bytes, source: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{source} is neither a spreadsheet (.xlsx) nor a text file (CSV).")


def _delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever the first non-blank line holds most of."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return max((",", ";", "\t"), key=first.count)


def _read_csv(text: str, source: str) -> LogTable:
    if "\x00" in text:
        raise InputError(f"{source} holds NUL bytes: it is not a CSV text file.")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        return _table(source, enumerate(reader, start=1))
    except csv.Error as error:
        raise InputError(f"{source} row {reader.line_num} cannot be read as CSV ({error}).") from None


# ---------------------------------------------------------------------- XLSX


def _read_xlsx(data: bytes, source: str) -> LogTable:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(f"{source} looks like a ZIP file but is damaged: export the log again.") from None
    if "xl/workbook.xml" not in names:
        raise InputError(f"{source} is a ZIP file but not an Excel workbook (.xlsx): export the log as .xlsx or CSV.")
    if unzipped > MAX_UNZIPPED_BYTES:
        raise InputError(
            f"{source} unzips to {byte_size(unzipped)}, more than a service log can hold "
            f"({byte_size(MAX_UNZIPPED_BYTES)}): it is refused unread."
        )
    from openpyxl import load_workbook  # imported when a workbook is read (startup time)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not know
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                sheets = book.worksheets
                if not sheets:
                    raise InputError(f"{source} has no worksheet.")
                sheet = sheets[0]
                rows = enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1)
                table = _table(source, rows)
                others = tuple(_clean(str(s.title)) for s in sheets[1:])
                return LogTable(
                    table.source, table.rows, table.blank_rows, _clean(str(sheet.title)), others, table.cleaned
                )
            finally:
                book.close()
    except InputError:
        raise
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a damaged workbook
        raise InputError(
            f"{source} cannot be read as an Excel workbook ({type(error).__name__}): export it again."
        ) from None


# ---------------------------------------------------------------------- both


def _table(source: str, rows: Iterable[tuple[int, Iterable[object]]]) -> LogTable:
    kept: list[LogRow] = []
    cleaned: list[tuple[int, Cleaned]] = []
    blank = 0
    for number, raw in rows:
        if number > MAX_ROWS:
            raise InputError(
                f"{source} has more than {MAX_ROWS:,} rows, more than a service log can hold: export only this "
                "student's rows."
            )
        cells = tuple(_cells(raw, source, number, cleaned))
        if len(cells) > MAX_COLUMNS:
            raise InputError(f"{source} row {number} has more than {MAX_COLUMNS} columns; a service log has a few.")
        if all(c is None or c == "" for c in cells):
            blank += 1
            continue
        kept.append(LogRow(number, cells))
    return LogTable(source, kept, blank, cleaned=tuple(cleaned))


def _cells(raw: Iterable[object], source: str, number: int, cleaned: list[tuple[int, Cleaned]]) -> Iterator[Cell]:
    for column, value in enumerate(raw, start=1):
        if column > MAX_COLUMNS:
            yield None  # counted by the caller, which refuses the row
            return
        cell = _cell(value, source, number, column)
        if isinstance(cell, Cleaned):
            if cell.changed:
                cleaned.append((number, cell))
            yield cell.text
        else:
            yield cell


def _clean(text: str) -> str:
    return clean_imported(text).text


def _cell(value: object, source: str, number: int, column: int) -> Cell | Cleaned:
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, date, time, timedelta)):
        return value
    text = str(value)
    if len(text) > MAX_CELL_CHARS:
        raise InputError(
            f"{source} row {number}, column {column} holds {len(text):,} characters, more than a service log's "
            f"cell ({MAX_CELL_CHARS:,}): the file is refused."
        )
    return clean_imported(text, keep_newlines=True)  # a notes cell keeps its lines; others are folded later
