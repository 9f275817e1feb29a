"""Import the district's own service log: a path with completion, then the summary, then the save.

The first F2 previews (the service's dry run): which columns were read, how each
service and status word was mapped, what would be added and what is skipped. The save
button then says how many entries it adds; a second F2 imports exactly the file
previewed (its SHA-256 is checked). Changing any field goes back to preview. A refusal
is the CLI's own sentence under the fields: the Services and Statuses fields take the
same "NAME=meaning" lines as `--service` and `--status`.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.suggester import Suggester
from textual.widgets import Input, Static, TextArea

from iep_tui.ui.dialogs.form_dialog import Save, T, area, date_input, field_row, flag, text_input
from iep_tui.ui.dialogs.preview_dialog import PreviewFormDialog

if TYPE_CHECKING:
    from iep_tui.services.school_log_service import SchoolLogImport
    from iep_tui.store.case_store import CaseStore
    from iep_tui.ui.case_actions import Values

LOG_SUFFIXES = (".csv", ".xlsx")
MAX_LISTED = 2000
"""Entries of a folder looked at for a completion (a huge folder is not read whole on each key)."""


def complete_path(value: str, suffixes: tuple[str, ...] = LOG_SUFFIXES) -> str | None:
    """`value` completed as far as the folder's entries agree ('~/Down' -> '~/Downloads/'), or None.

    Files ending in `suffixes` (log files by default) and folders are offered (hidden ones only
    when the name typed starts with a dot); several candidates complete to their common
    beginning, else to the first file.
    """
    if not value:
        return None
    folder, prefix = os.path.split(os.path.expanduser(value))
    try:
        with os.scandir(folder or ".") as entries:
            found = []
            for number, entry in enumerate(entries):
                if number >= MAX_LISTED:
                    break
                if entry.name.startswith(prefix) and (prefix.startswith(".") or not entry.name.startswith(".")):
                    is_dir = entry.is_dir()
                    if is_dir or entry.name.lower().endswith(suffixes):
                        found.append(entry.name + ("/" if is_dir else ""))
    except OSError:
        return None
    if not found:
        return None
    found.sort()
    common = os.path.commonprefix(found)
    completed = common if len(common) > len(prefix) else found[0]
    return value + completed[len(prefix) :] if completed != prefix else None


class PathSuggester(Suggester):
    """Suggests the rest of a file's path (a log file, or one ending in `suffixes`); → (right arrow)
    at the end of the field accepts it."""

    def __init__(self, suffixes: tuple[str, ...] = LOG_SUFFIXES) -> None:
        super().__init__(use_cache=False, case_sensitive=True)  # the folder changes: never cached
        self.suffixes = suffixes

    async def get_suggestion(self, value: str) -> str | None:
        return await asyncio.to_thread(complete_path, value, self.suffixes)


class LogSummary(Static):
    """The preview's lines; brought into view from their first line once laid out (a new text resizes it)."""

    _wanted = False

    def show_top(self) -> None:
        self._wanted = True
        self.scroll_visible(top=True, animate=False)

    def on_resize(self) -> None:
        if self._wanted:
            self._wanted = False
            self.scroll_visible(top=True, animate=False)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def school_log_import(
    store: CaseStore, case_id: str, today: date, dry_run: bool
) -> Callable[[Values], SchoolLogImport]:
    """The service call the dialog's preview (`dry_run`) or save makes with what was typed (runs in a worker)."""

    def run(values: Values) -> SchoolLogImport:
        from iep_tui.domain.date_input import parse_user_date
        from iep_tui.errors import InputError
        from iep_tui.services.school_log_service import import_school_log

        if not values["path"]:
            raise InputError("Type the path of the log file (.csv or .xlsx); → completes it.")
        return import_school_log(
            store,
            case_id,
            values["path"],
            today=today,
            services=_lines(values["services"]),
            statuses=_lines(values["statuses"]),
            student=values["student"] or None,
            received=parse_user_date(values["received"] or "today", today),
            answers_request=values["answers_request"],
            dry_run=dry_run,
            expect_sha256=None if dry_run else values.get("sha256"),
        )

    return run


class SchoolLogDialog(PreviewFormDialog[T, "SchoolLogImport"]):
    title_text = "Import the district's service log"
    reading_text = "Reading the log…"

    def __init__(
        self,
        save: Save[T],
        preview: Callable[[Values], SchoolLogImport],
        today: date,
        records_request_waiting: bool = False,
    ) -> None:
        super().__init__(save, preview, today)
        self._previewed: SchoolLogImport | None = None
        self._previewed_values: Values | None = None
        self._waiting = records_request_waiting

    def fields(self) -> ComposeResult:
        yield field_row(
            "Log file",
            text_input(placeholder="~/Downloads/service_log.xlsx", id="path", suggester=PathSuggester()),
            "a .csv or .xlsx export of the district's log; → completes the path",
        )
        yield field_row("Student", text_input(placeholder="only if the file holds several", id="student"))
        yield field_row(
            "Services",
            area(id="services", placeholder="Speech/Language=speech"),
            "one a line: NAME IN LOG=requirement (else matched by a unique word)",
        )
        yield field_row(
            "Statuses",
            area(id="statuses", placeholder="Excused Absence=missed:student-absent"),
            "one a line: TEXT=delivered, makeup, or missed:REASON",
        )
        yield field_row("Received on", date_input(id="received"), "the day the district produced the log")
        if self._waiting:
            yield field_row("", flag("It answers the records request (its clock stops)", id="answers"))
        yield LogSummary("F2 shows what the import adds before anything is saved.", id="log-summary", markup=False)

    def values(self) -> Values:
        return {
            "path": self.text("#path"),
            "student": self.text("#student"),
            "services": self.query_one("#services", TextArea).text,
            "statuses": self.query_one("#statuses", TextArea).text,
            "received": self.text("#received"),
            "answers_request": self._waiting and self.checked("#answers"),
            "sha256": self._previewed.plan.sha256 if self._previewed is not None else None,
        }

    # ---- preview first, then save (PreviewFormDialog)

    def is_previewed(self, values: Values) -> bool:
        return self._previewed is not None and {**values, "sha256": None} == self._previewed_values

    def show_preview(self, outcome: SchoolLogImport) -> None:
        summary = self.query_one("#log-summary", LogSummary)
        summary.update("\n".join(outcome.lines()))
        added = len(outcome.plan.sessions)
        if added:
            self._previewed = outcome
            self._previewed_values = {**self.values(), "sha256": None}
            self.set_save_label("Import")  # as wide as "Preview": the button keeps its first width
        else:
            self.show_error("Nothing to import: every session of this file is already in the case.")
        summary.show_top()

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _changed(self) -> None:
        """A field changed after a preview: the preview no longer describes what would be saved
        (the save compares every value with the preview's, a tick box included)."""
        if self._previewed is not None:
            self._previewed = None
            self.set_save_label(self.save_label)
            self.query_one("#log-summary", Static).update("Changed: F2 previews again.")
