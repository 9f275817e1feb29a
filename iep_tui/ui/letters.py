"""The letters the export dialog offers, from the export service (the one `iep-tui letter` calls).

Built on the case as loaded for the panes (the service takes a bundle), so a
preview is instant and a written letter matches what the screen shows.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

PREVIEW_LINES = 14
BINDER = "binder"


def letter_kinds() -> list[tuple[str, str]]:
    """(kind, title) of every document, in the service's menu order, then the binder."""
    from iep_tui.services.export_service import list_kinds

    return [(k.name, k.title) for k in list_kinds()] + [(BINDER, "Case binder (.zip)")]


class ServiceLetters:
    """LetterSource over the export service for one loaded case; every call runs in a worker."""

    def __init__(self, bundle: Any, exports: Path, today: date) -> None:
        self.bundle = bundle
        self.exports = exports
        self.today = today
        self.warnings: tuple[str, ...] = ()

    def kinds(self) -> list[tuple[str, str]]:
        return letter_kinds()

    def preview(self, kind: str) -> str:
        from iep_tui.services import export_service

        if kind == BINDER:
            return ("A zip with every letter the record supports, the checklist, the timeline, sessions and "
                    "incidents as CSV, and the case as JSON: what a state complaint investigator asks for.")
        text = export_service.email_text(self.bundle, kind, self.today).splitlines()
        more = len(text) - PREVIEW_LINES
        return "\n".join(text[:PREVIEW_LINES]) + (f"\n… {more} more lines" if more > 0 else "")

    def write(self, kind: str) -> Path:
        from iep_tui.services import export_service

        if kind == BINDER:
            written = export_service.write_binder(self.bundle, self.today, self.exports)
            self.warnings = tuple(f"left out {name}: {why}" for name, why in written.skipped)
        else:
            written = export_service.write_letter(self.bundle, kind, self.today, self.exports)
            self.warnings = tuple(written.warnings)
        return written.path

    def email_text(self, kind: str) -> str:
        from iep_tui.errors import InputError
        from iep_tui.services import export_service

        if kind == BINDER:
            raise InputError("The binder is a zip of files; it has no email text. Choose a letter.")
        return export_service.email_text(self.bundle, kind, self.today)
