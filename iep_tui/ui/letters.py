"""The letters the export dialog offers, from the export service (the one `iep-tui letter` calls).

Built on the case as loaded for the panes (the service takes a bundle), so a preview is
instant and a written letter matches what the screen shows; `reload` reads the case
again after a form filled in a fact a letter was missing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iep_tui.domain.case_view import MissingFact
    from iep_tui.domain.models import CaseBundle, EscalationStep

BINDER = "binder"


def letter_kinds() -> list[tuple[str, str]]:
    """(kind, title) of every document, in the service's menu order, then the binder."""
    from iep_tui.services.export_service import list_kinds

    return [(k.name, k.title) for k in list_kinds()] + [(BINDER, "Case binder (.zip)")]


def missing_facts(error: BaseException) -> tuple[MissingFact, ...]:
    """The facts a letter could not be written without (`case_view.MissingFacts`), else ()."""
    from iep_tui.domain.case_view import MissingFacts

    return error.facts if isinstance(error, MissingFacts) else ()


class ServiceLetters:
    """LetterSource over the export service for one loaded case; every call runs in a worker."""

    def __init__(
        self, bundle: CaseBundle, exports: Path, today: date, load: Callable[[], CaseBundle] | None = None
    ) -> None:
        self.bundle = bundle
        self.exports = exports
        self.today = today
        self._load = load
        self.warnings: tuple[str, ...] = ()

    def kinds(self) -> list[tuple[str, str]]:
        return letter_kinds()

    def reload(self) -> None:
        """Read the case again (a form just saved a fact a letter needs)."""
        if self._load is not None:
            self.bundle = self._load()

    def preview(self, kind: str) -> str:
        """The whole letter as text (the email version), to read before writing it."""
        from iep_tui.services import export_service

        if kind == BINDER:
            return (
                "A zip with every letter the record supports, the checklist, the timeline, sessions and "
                "incidents as CSV, and the case as JSON: what a state complaint investigator asks for."
            )
        return export_service.email_text(self.bundle, kind, self.today)

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

    def step_kind(self, kind: str) -> str | None:
        """The escalation step a letter of `kind` is recorded as, or None (not a step)."""
        from iep_tui.services import export_service

        return None if kind == BINDER else export_service.letter_step_kind(kind)

    def step_for(self, kind: str) -> EscalationStep | None:
        """The step (a draft, or sent today) this letter is for, if one is recorded."""
        from iep_tui.services import export_service

        return None if kind == BINDER else export_service.step_for_letter(self.bundle, kind, self.today)
