"""Calendar use cases: a case's school calendar, and importing a district calendar into it.

The CLI and the TUI both call these, so `calendar import` and an import form report
the same closures, early-release days and ignored events, and save the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from iep_tui.calendar.calendar_import import ImportResult, apply_import, holiday_warnings, import_file
from iep_tui.calendar.school_calendar import SchoolCalendar
from iep_tui.calendar.settings import CalendarSettings
from iep_tui.domain.models import Case
from iep_tui.errors import InputError
from iep_tui.store.case_store import CaseStore


@dataclass(frozen=True)
class CalendarImport:
    """What an import read, the settings it produced, and whether they were saved."""

    case_id: str
    result: ImportResult
    settings: CalendarSettings
    saved: bool
    holiday_warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        document = self.result.to_json()
        document.update(
            case=self.case_id,
            saved=self.saved,
            holiday_warnings=list(self.holiday_warnings),
            estimate=not self.settings.has_district_calendar,
        )
        return document


def case_calendar(case: Case) -> SchoolCalendar:
    """The case's school calendar (an estimate when no district calendar is loaded).

    Built from the case's settings, and shared between cases with equal settings.
    """
    return SchoolCalendar.from_settings(case.calendar)


def import_calendar(
    store: CaseStore,
    case_id: str,
    path: str | Path,
    *,
    dry_run: bool = False,
    expect: CalendarSettings | None = None,
) -> CalendarImport:
    """Read a district calendar (ICS or CSV) and save it into the case.

    The file is read and validated completely before anything is written: a malformed
    file raises InputError and the case is unchanged. With `dry_run`, nothing is saved.
    `expect` is the calendar a preview showed: if the file (or the case's calendar) changed
    since, what would be saved differs, and nothing is saved.
    """
    result = import_file(path)
    case = store.load(case_id).case
    settings = apply_import(case.calendar, result)
    if expect is not None and settings != expect:
        raise InputError(
            f"{result.source} or the case's calendar changed since the preview: nothing was imported. "
            "Preview it again before importing."
        )
    warnings = holiday_warnings(settings)
    if not dry_run:
        store.update_case(case.model_copy(update={"calendar": settings}))
    return CalendarImport(
        case_id=case_id, result=result, settings=settings, saved=not dry_run, holiday_warnings=warnings
    )
