"""Import the district's school calendar (`iep-tui calendar import`): a path, the summary, then the save.

The first F2 previews with the service's dry run: the school years, closures, early-release
days and ignored events the file holds, and the holidays on which it holds school, as the
CLI reports them; nothing is saved. The button then says Import and a second F2 saves the
same file (a changed path previews again). A refusal is the service's sentence under the
field. The path completes as the school-log import's does (→ accepts).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from iep_tui.ui.dialogs.form_dialog import Save, T, field_row, text_input
from iep_tui.ui.dialogs.preview_dialog import PreviewFormDialog
from iep_tui.ui.dialogs.school_log_dialog import PathSuggester

if TYPE_CHECKING:
    from iep_tui.calendar.settings import CalendarSettings
    from iep_tui.services.calendar_service import CalendarImport
    from iep_tui.store.case_store import CaseStore
    from iep_tui.ui.case_actions import Values

CALENDAR_SUFFIXES = (".ics", ".ical", ".csv")
"""The files the path completion offers (folders too), as `calendar_import.import_file` reads them."""


def preview_lines(outcome: CalendarImport) -> list[str]:
    """What `iep-tui calendar import` reports: the file's summary, the holidays with school, and
    whether the numbers stay estimates."""
    lines = list(outcome.result.summary_lines())
    if outcome.holiday_warnings:
        lines.append("Holidays on which this calendar holds school:")
        lines.extend(f"  {line}" for line in outcome.holiday_warnings)
    if not outcome.settings.has_district_calendar:
        lines.append("The case still has no school year: school-day counts remain ESTIMATES.")
    return lines


@dataclass(frozen=True)
class CalendarImported:
    """A saved import, with the confirmation the case screen shows (toast, then the line under the panes)."""

    outcome: CalendarImport

    def confirmation(self) -> str:
        result = self.outcome.result
        years = len(result.school_years)
        estimate = (
            "; the numbers are still ESTIMATES (no school year)"
            if not self.outcome.settings.has_district_calendar
            else "; the numbers now count its school days"
        )
        return (
            f"Imported {result.source}: {years} school year{'' if years == 1 else 's'}, "
            f"{len(result.closures)} closure{'' if len(result.closures) == 1 else 's'}, "
            f"{len(result.early_release)} early-release day{'' if len(result.early_release) == 1 else 's'}"
            f"{estimate}."
        )

    @property
    def warnings(self) -> list[str]:
        return [*self.outcome.result.warnings, *self.outcome.holiday_warnings]


def _import(store: CaseStore, case_id: str, values: Values, dry_run: bool) -> CalendarImport:
    from iep_tui.errors import InputError
    from iep_tui.services.calendar_service import import_calendar

    if not values["path"]:
        raise InputError("Type the path of the district's calendar (.ics or .csv); → completes it.")
    expect = None if dry_run else values.get("previewed")
    return import_calendar(store, case_id, os.path.expanduser(values["path"]), dry_run=dry_run, expect=expect)


def calendar_preview(store: CaseStore, case_id: str) -> Callable[[Values], CalendarImport]:
    """The service's dry run with the typed path (runs in a worker): what F2 shows, nothing saved."""
    return lambda values: _import(store, case_id, values, dry_run=True)


def calendar_save(store: CaseStore, case_id: str) -> Callable[[Values], CalendarImported]:
    """The import itself with the typed path (runs in a worker)."""
    return lambda values: CalendarImported(_import(store, case_id, values, dry_run=False))


class CalendarImportDialog(PreviewFormDialog[T, "CalendarImport"]):
    title_text = "Import the district's school calendar"
    reading_text = "Reading the calendar…"

    def __init__(self, save: Save[T], preview: Callable[[Values], CalendarImport], today: date) -> None:
        super().__init__(save, preview, today)
        self._previewed: str | None = None
        """The path the summary shown describes (F2 then imports it)."""
        self._previewed_settings: CalendarSettings | None = None
        """The calendar the summary showed: the import saves exactly that, or nothing."""

    def fields(self) -> ComposeResult:
        yield field_row(
            "Calendar file",
            text_input(
                placeholder="~/Downloads/district_calendar.ics", id="path", suggester=PathSuggester(CALENDAR_SUFFIXES)
            ),
            "the district's .ics or .csv file; → completes the path",
        )
        with VerticalScroll(id="calendar-preview", can_focus=True):
            yield Static(
                "F2 shows the school years and closures it holds before anything is saved.",
                id="calendar-summary",
                markup=False,
            )

    def on_mount(self) -> None:
        super().on_mount()
        preview = self.query_one("#calendar-preview", VerticalScroll)
        preview.styles.height = "auto"
        preview.styles.max_height = max(3, self.app.size.height - self.CHROME_ROWS - 3)

    def values(self) -> Values:
        path = self.text("#path")
        shown = self._previewed_settings if self._previewed is not None and path == self._previewed else None
        return {"path": path, "previewed": shown}

    # ---- preview first, then save (PreviewFormDialog)

    def is_previewed(self, values: Values) -> bool:
        return self._previewed is not None and values["path"] == self._previewed

    def show_preview(self, outcome: CalendarImport) -> None:
        self.query_one("#calendar-summary", Static).update("\n".join(preview_lines(outcome)))
        result = outcome.result
        preview = self.query_one("#calendar-preview", VerticalScroll)
        preview.scroll_home(animate=False)
        if not (result.school_years or result.closures or result.early_release):
            self.show_error(
                f"Nothing to import: {result.source} names no first or last day of school, closure or early release."
            )
            return
        self._previewed = self.text("#path")
        self._previewed_settings = outcome.settings
        self.set_save_label("Import")  # as wide as "Preview": the button keeps its first width
        preview.focus()  # ↑↓ read the whole summary; F2 imports

    @on(Input.Changed, "#path")
    def _changed(self) -> None:
        """Another path after a preview: the summary no longer describes what F2 would import."""
        if self._previewed is not None:
            self._previewed = None
            self.set_save_label(self.save_label)
            self.query_one("#calendar-summary", Static).update("Changed: F2 previews again.")
