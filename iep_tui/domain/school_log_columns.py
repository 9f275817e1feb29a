"""The cells of a district's service log read as what they mean: columns, dates, minutes, students.

`school_log` builds session entries from these; every rule here is one of its module doc:
columns by header with synonyms (`FIELD_SYNONYMS`), US dates with the day-first refusal,
minutes from the forms exports write, and the student a row belongs to. A cell that
cannot be read is one sentence naming the file and the row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from iep_tui.domain.school_log_file import Cell, LogRow, LogTable
from iep_tui.errors import InputError

FIELD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "date": ("date", "service date", "session date", "date of service"),
    "service": ("service", "service type", "service name"),
    "minutes": ("minutes", "duration", "mins", "minutes served", "minutes provided", "time"),
    "status": ("status", "attendance", "session status", "attendance code"),
    "provider": ("provider", "staff", "provider name"),
    "group": ("group size", "ratio", "individual group", "group"),
    "setting": ("setting", "location"),
    "notes": ("notes", "comments", "note", "comment", "session notes", "session note"),
    "student": ("student", "student name"),
    "first_name": ("first name", "student first name"),
    "last_name": ("last name", "student last name"),
}
"""Header words per field, most specific first: when two headers name one field, the earlier synonym wins."""
REQUIRED_FIELDS = ("date", "service", "status", "minutes")
HEADER_SEARCH_ROWS = 10

MAX_TIME_OF_DAY_MINUTES = 240
"""An h:mm value above 4:00 in the minutes column is read as a time of day, not a duration."""
CLOCK_HEADERS = frozenset({"time"})
"""Minutes headers that also name a clock time: an h:mm value under one is refused (1:15 is 75 minutes
or a quarter past one; nothing in the cell says which), a plain number stays minutes."""
LONG_SESSION_FACTOR = 2
"""A delivered or make-up row longer than this many sessions is named in the summary (a clock time
read as a length, or a typo), before saving."""


@lru_cache(maxsize=4096)
def label(text: object) -> str:
    """A header or status as compared: lower case, units in brackets dropped, punctuation a space."""
    plain = re.sub(r"\([^)]*\)", " ", str(text or "").lower())
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


def plural(count: int, noun: str, many: str | None = None) -> str:
    """'1 row', '2 rows'; '1 entry', '2 entries' with `many`."""
    return f"{count} {noun if count == 1 else many or noun + 's'}"


def rows_phrase(rows: Sequence[int | str], limit: int = 12) -> str:
    """'row 3' or 'rows 3, 7, 9'."""
    return ("row " if len(rows) == 1 else "rows ") + row_list(rows, limit)


def row_list(rows: Sequence[int | str], limit: int = 12) -> str:
    """'3, 7, 9' (and 'and N more' past `limit`)."""
    shown = ", ".join(str(r) for r in rows[:limit])
    return shown + (f" and {len(rows) - limit} more" if len(rows) > limit else "")


# ---------------------------------------------------------------- reading the table


@dataclass(frozen=True)
class Columns:
    header_row: int
    index: dict[str, int]
    headers: dict[str, str]


def find_columns(table: LogTable) -> Columns:
    """The header row and the column of each field; InputError naming a missing required column."""
    candidates = table.rows[:HEADER_SEARCH_ROWS]
    if not candidates:
        raise InputError(f"{table.source} is empty: a service log has a header row and one row per session.")
    for row in candidates:
        found = fields_of(row)
        if len(found) >= 2:
            break
    else:
        row, found = candidates[0], fields_of(candidates[0])
    missing = [f for f in REQUIRED_FIELDS if f not in found]
    if missing:
        headers = ", ".join(str(c) for c in row.cells if c not in (None, "")) or "none"
        wanted = "; ".join(f"{f} ({', '.join(s.title() for s in FIELD_SYNONYMS[f][:3])})" for f in missing)
        raise InputError(
            f"{table.source} has no {' or '.join(missing)} column: expected a header such as {wanted}; "
            f"the headers found (row {row.number}) are: {headers}."
        )
    return Columns(row.number, {f: i for f, (i, _) in found.items()}, {f: h for f, (_, h) in found.items()})


def fields_of(row: LogRow) -> dict[str, tuple[int, str]]:
    best: dict[str, tuple[int, int, str]] = {}
    for index, cell in enumerate(row.cells):
        if not isinstance(cell, str):
            continue
        text = label(cell)
        for name, synonyms in FIELD_SYNONYMS.items():
            if text in synonyms:
                rank = synonyms.index(text)
                if name not in best or rank < best[name][0]:
                    best[name] = (rank, index, cell)
    return {name: (index, header) for name, (_, index, header) in best.items()}


def text_of(cells: tuple[Cell, ...], index: int | None) -> str:
    if index is None or index >= len(cells) or cells[index] is None:
        return ""
    value = cells[index]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)?$")
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_SERIALS = range(36526, 73051)
"""Spreadsheet day numbers of 2000-01-01 to 2099-12-31 (a date cell without a date format)."""


@dataclass(frozen=True)
class RawDate:
    row: int
    text: str
    parts: tuple[int, int, int] | None
    """(first, second, year) of a slash date; None for other forms."""
    value: date | None


def raw_date(row: int, cell: Cell) -> RawDate:
    if isinstance(cell, datetime):
        return RawDate(row, cell.date().isoformat(), None, cell.date())
    if isinstance(cell, date):
        return RawDate(row, cell.isoformat(), None, cell)
    if isinstance(cell, (int, float)) and not isinstance(cell, bool) and float(cell).is_integer():
        serial = int(cell)
        value = _EXCEL_EPOCH + timedelta(days=serial) if serial in _EXCEL_SERIALS else None
        return RawDate(row, str(serial), None, value)
    text = " ".join(str(cell).split())
    iso = _ISO.match(text)
    if iso:
        return RawDate(row, text, None, safe_date(*(int(g) for g in iso.groups())))
    us = _US.match(text)
    if us:
        first, second, year = (int(g) for g in us.groups())
        year = year + 2000 if year < 100 else year
        return RawDate(row, text, (first, second, year), None)
    return RawDate(row, text, None, None)


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def resolve_dates(raws: Sequence[RawDate], source: str) -> dict[int, date]:
    """Every row's date, or InputError with the row of the first one that cannot be read."""
    day_first = next((r for r in raws if r.parts and r.parts[0] > 12), None)
    month_first = next((r for r in raws if r.parts and r.parts[1] > 12), None)
    if day_first and month_first:
        raise InputError(
            f"{source} mixes day-first and month-first dates (row {day_first.row}: {day_first.text}; "
            f"row {month_first.row}: {month_first.text}), so no date in it can be trusted: export it again "
            "with one date format."
        )
    if day_first:
        raise InputError(
            f"{source} row {day_first.row}: {day_first.text} is not a US date (month/day/year): the file writes "
            "the day first; export it with US dates or YYYY-MM-DD."
        )
    out: dict[int, date] = {}
    for raw in raws:
        value = raw.value if raw.parts is None else safe_date(raw.parts[2], raw.parts[0], raw.parts[1])
        if value is None:
            raise InputError(
                f"{source} row {raw.row}: {raw.text!r} is not a date such as 2026-09-14, 09/14/2026 or 9/14/26."
            )
        out[raw.row] = value
    return out


_MINUTES = re.compile(r"^(\d+)(?:\.0+)?\s*(?:m|min|mins|minutes)?\.?$")
_HOURS_MINUTES = re.compile(r"^(\d{1,2}):(\d{2})(?::00)?$")


def minutes_of(cell: Cell, source: str, row: int, header: str) -> int | None:
    """Whole minutes from a cell (30, '30 min', '0:30', a spreadsheet duration); None when blank.

    An h:mm value is a length (1:15 = 75 minutes) under Minutes or Duration, and refused
    above 4:00 as a time of day; under a header that also names a clock time (Time,
    `CLOCK_HEADERS`) every h:mm value is refused: a 12-hour start time such as 1:15 or
    2:45 would otherwise count as 75 or 165 minutes delivered.
    """
    where = f"{source} row {row}: {header}"
    if cell is None or cell == "":
        return None
    clock_header = label(header) in CLOCK_HEADERS
    if isinstance(cell, timedelta):
        value = int(cell.total_seconds() // 60)
    elif isinstance(cell, time):
        if clock_header:
            raise InputError(_clock_time(where, f"{cell.hour}:{cell.minute:02d}"))
        value = cell.hour * 60 + cell.minute
        if value > MAX_TIME_OF_DAY_MINUTES:
            raise InputError(f"{where} {cell.strftime('%H:%M')} looks like a time of day, not a number of minutes.")
    elif isinstance(cell, (int, float)) and not isinstance(cell, bool):
        if not float(cell).is_integer():
            raise InputError(f"{where} {cell} is not a whole number of minutes.")
        value = int(cell)
    elif isinstance(cell, str):
        text = cell.strip().lower()
        plain, clock = _MINUTES.match(text), _HOURS_MINUTES.match(text)
        if plain:
            value = int(plain.group(1))
        elif clock:
            if clock_header:
                raise InputError(_clock_time(where, cell.strip()))
            value = int(clock.group(1)) * 60 + int(clock.group(2))
            if value > MAX_TIME_OF_DAY_MINUTES:
                raise InputError(f"{where} {cell!r} looks like a time of day, not a number of minutes.")
        else:
            raise InputError(f"{where} {cell!r} is not a number of minutes such as 30.")
    else:
        raise InputError(f"{where} {cell!r} is not a number of minutes such as 30.")
    if not 0 <= value <= 24 * 60:
        raise InputError(f"{where} {value} is not a number of minutes in one day.")
    return value


def _clock_time(where: str, text: str) -> str:
    return (
        f"{where} {text!r} looks like a clock time, not a number of minutes: export the log with a duration "
        "column (Minutes or Duration), or rename this header Duration if it holds how long each session lasted."
    )


# ---------------------------------------------------------------- students


def student_of(cells: tuple[Cell, ...], columns: Columns) -> str:
    if "student" in columns.index:
        return text_of(cells, columns.index["student"])
    first, last = text_of(cells, columns.index.get("first_name")), text_of(cells, columns.index.get("last_name"))
    return " ".join(x for x in (first, last) if x)


def choose_student(rows: Sequence[tuple[LogRow, str]], wanted: str | None, source: str) -> str | None:
    """The student whose rows are imported (None when the file names none)."""
    names = list(dict.fromkeys(name for _, name in rows if name))
    if wanted is None or not wanted.strip():
        if len(names) > 1:
            listing = "; ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
            raise InputError(
                f"{source} holds rows of {len(names)} students ({listing}): choose one with --student NAME."
            )
        return names[0] if names else None
    words = set(label(wanted).split())
    chosen = [n for n in names if words <= set(label(n).split())]
    if len(chosen) == 1:
        return chosen[0]
    if chosen:
        raise InputError(
            f"--student {wanted!r} matches several students of {source}: {'; '.join(chosen[:10])}. "
            "Type more of the name."
        )
    listing = "; ".join(names[:10]) or "none (the file has no student column)"
    raise InputError(f"--student {wanted!r} matches no student of {source}; its students: {listing}.")


def cell_at(cells: tuple[Cell, ...], index: int) -> Cell:
    return cells[index] if index < len(cells) else None


def note_text(cells: tuple[Cell, ...], index: int) -> str:
    """A notes cell keeps its line breaks (other cells are one line)."""
    value = cell_at(cells, index)
    return "" if value is None else str(value).strip()
