"""A case's numbers from the numbers cache, for the first frames (before its data is computed).

`store.numbers_cache` hands back JSON; this reads it defensively (a damaged or foreign
cache is ignored, never trusted) and makes every string safe for the terminal.
Imports only the standard library and the cache, so it runs on the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from iep_tui.safe_text import printable


@dataclass(frozen=True)
class OwedRow:
    name: str
    owed: int
    required: int
    unaccounted: int


@dataclass(frozen=True)
class FirstNumbers:
    """Copies of what the ledger, the ladder and the safety rules computed for this case file today."""

    student: str
    grade: str
    school: str
    is_demo: bool
    start: date
    end: date
    estimate: bool
    rows: tuple[OwedRow, ...]
    owed_total: int
    next_due: date | None
    next_what: str
    overdue: int
    safety: bool

    @classmethod
    def parse(cls, raw: Any) -> FirstNumbers | None:  # JSON as the cache holds it: every field checked here
        try:
            rows = tuple(
                OwedRow(printable(name), _int(owed), _int(required), _int(unaccounted))
                for name, owed, required, unaccounted in raw["rows"]
            )
            return cls(
                student=printable(raw["student"]),
                grade=printable(raw["grade"] or ""),
                school=printable(raw["school"] or ""),
                is_demo=bool(raw["is_demo"]),
                start=date.fromisoformat(raw["start"]),
                end=date.fromisoformat(raw["end"]),
                estimate=bool(raw["estimate"]),
                rows=rows,
                owed_total=_int(raw["owed_total"]),
                next_due=date.fromisoformat(raw["next_due"]) if raw["next_due"] else None,
                next_what=printable(raw["next_what"] or ""),
                overdue=_int(raw["overdue"]),
                safety=bool(raw["safety"]),
            )
        except (KeyError, TypeError, ValueError):
            return None


def _int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("not a whole number")
    return value


def cached_numbers(data_dir: Path, case_files: dict[str, Path], today: date) -> dict[str, FirstNumbers]:
    """Each case's cached numbers, when its file is still the version they were computed from today."""
    from iep_tui.store.numbers_cache import read_numbers

    found = read_numbers(data_dir, case_files, today.isoformat())
    parsed = {case_id: FirstNumbers.parse(raw) for case_id, raw in found.items()}
    return {case_id: numbers for case_id, numbers in parsed.items() if numbers is not None}
