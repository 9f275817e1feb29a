"""The letters the export dialog offers, from the export service (the one `iep-tui letter` calls).

Built on the case as loaded for the panes (the service takes a bundle), so a preview is
instant and a written letter matches what the screen shows; `reload` reads the case
again after a form filled in a fact a letter was missing, and writing reads it again first
(the dialog's own saves, `d` a draft, are on disk), so the step a letter is recorded on is
the one it was built for (`LetterWritten.step`).

Opened on a selected escalation step (`for_step`), the dialog offers that step's letter
(`step_letter_kind`: a compliance-notice step citing only safety failures is the safety
notice) and writes it for that step: its recipients, asks and reply clock, even when another
draft of the same kind is newer (`CaseView.letter_step` would take the newest).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iep_tui.domain.case_view import MissingFact
    from iep_tui.domain.models import CaseBundle, EscalationStep
    from iep_tui.services.export_service import EmailText

BINDER = "binder"


@dataclass(frozen=True)
class LetterWritten:
    """A document written: where, what the user should be told about it, and the recorded step
    (a draft, or a step sent today) it was built for, whose recipients and due date it carries."""

    path: Path
    warnings: tuple[str, ...] = ()
    step: EscalationStep | None = None


def letter_kinds() -> list[tuple[str, str]]:
    """(kind, title) of every document, in the service's menu order, then the binder."""
    from iep_tui.services.export_service import list_kinds

    return [(k.name, k.title) for k in list_kinds()] + [(BINDER, "Case binder (.zip)")]


def missing_facts(error: BaseException) -> tuple[MissingFact, ...]:
    """The facts a letter could not be written without (`case_view.MissingFacts`), else ()."""
    from iep_tui.domain.case_view import MissingFacts

    return error.facts if isinstance(error, MissingFacts) else ()


NO_PWN_ACTION = "incident:refusal"
"""The missing fact of a PWN request with nothing to ask notice of: `f` opens the incident form, Kind: refusal."""


def check_pwn_action(bundle: CaseBundle, today: date) -> None:
    """A Prior Written Notice request needs a refusal or informal change logged: without any, the fact is
    missing in the TUI's words (the letter's own error names the CLI's `--kind` flags), and `f` logs one."""
    from iep_tui.domain.case_view import MissingFact, MissingFacts
    from iep_tui.export import pwn_scope
    from iep_tui.services import export_service

    view = export_service.case_view(bundle, today)
    if pwn_scope.pwn_actions(view) or pwn_scope.left_out(view):
        return  # something to ask notice of, or a refusal the letter says why it leaves out
    raise MissingFacts(
        [
            MissingFact(
                "no refusal or informal change is logged",
                "the request asks the district to explain one: log it as an incident (f here, i on any tab) with "
                "Kind: refusal (the school said no to a service, accommodation, evaluation or change) or "
                "informal change (a service cut, suspended or changed without an IEP meeting)",
                "i on any tab, Kind: refusal or informal change",
                NO_PWN_ACTION,
            )
        ]
    )


NO_SAFETY_FAILURE = "incident:safety"
"""The missing fact of a safety notice with no safety failure: `f` opens the incident form, Safety-related ticked."""


def check_safety_failure(bundle: CaseBundle, today: date) -> None:
    """A safety notice needs a safety-related failure: without one, the fact is missing in the TUI's words (the
    letter's own error names the CLI's `--safety` options), and `f` logs one."""
    from iep_tui.domain.case_view import MissingFact, MissingFacts
    from iep_tui.services import export_service

    if export_service.case_view(bundle, today).safety_failures():
        return
    raise MissingFacts(
        [
            MissingFact(
                "no safety-related failure is logged",
                "the notice is about a safety plan not followed: log the incident (f here, i on any tab) with "
                "Safety-related ticked, or mark the requirement safety-related (e on the Checklist tab)",
                "i on any tab, Safety-related ticked",
                NO_SAFETY_FAILURE,
            )
        ]
    )


def step_letter_kind(bundle: CaseBundle, step: EscalationStep, today: date) -> str | None:
    """The letter written for `step`: its own kind, except a compliance-notice step that cites only
    safety failures (`CaseView.is_safety_step`, the draft `!` makes), which is the safety notice;
    None for a step no letter is written for (an IEP meeting, mediation ...)."""
    from iep_tui.services import export_service

    names = {k.name for k in export_service.list_kinds()}
    if step.kind == "compliance-notice":
        view = export_service.case_view(bundle, today)
        shown = next((s for s in view.steps if s.step.id == step.id), None)
        if shown is not None and view.is_safety_step(shown):
            return "safety-notice"
    return step.kind if step.kind in names else None


class ServiceLetters:
    """LetterSource over the export service for one loaded case; every call runs in a worker."""

    def __init__(
        self,
        bundle: CaseBundle,
        exports: Path,
        today: date,
        load: Callable[[], CaseBundle] | None = None,
        for_step: tuple[str, str] | None = None,
    ) -> None:
        self.bundle = bundle
        self.exports = exports
        self.today = today
        self._load = load
        self.for_step = for_step
        """(letter kind, step id): a letter of that kind is written for that step (the one selected)."""

    def kinds(self) -> list[tuple[str, str]]:
        return letter_kinds()

    def reload(self) -> None:
        """Read the case again (a form just saved a fact a letter needs)."""
        if self._load is not None:
            self.bundle = self._load()

    def _bundle(self, kind: str) -> CaseBundle:
        """The case a letter of `kind` is built from: as loaded, except that a letter written for the
        selected step (`for_step`) does not see the other unsent (or sent today) steps of its kind, so
        `CaseView.letter_step` finds the selected one (it would take the newest)."""
        if self.for_step is None or self.for_step[0] != kind:
            return self.bundle
        step_id = self.for_step[1]
        chosen = next((s for s in self.bundle.escalations if s.id == step_id), None)
        if chosen is None or (chosen.sent is not None and chosen.sent != self.today):
            return self.bundle  # gone, or sent before today: not what a letter written today is for

        def competing(step: EscalationStep) -> bool:
            return step.id != step_id and step.kind == chosen.kind and (step.sent is None or step.sent == self.today)

        kept = [s for s in self.bundle.escalations if not competing(s)]
        return self.bundle.model_copy(update={"escalations": kept})

    def preview(self, kind: str) -> str:
        """The whole letter as text (the email version), to read before writing it."""
        from iep_tui.services import export_service

        if kind == BINDER:
            return (
                "A zip with every letter the record supports, the checklist, the timeline, sessions and "
                "incidents as CSV, and the case as JSON: what a state complaint investigator asks for."
            )
        self._check(kind)
        return export_service.email_text(self._bundle(kind), kind, self.today)

    def _check(self, kind: str) -> None:
        """What the TUI says before the letter is built (`check_pwn_action`, `check_safety_failure`)."""
        if kind == "pwn-request":
            check_pwn_action(self.bundle, self.today)
        elif kind == "safety-notice":
            check_safety_failure(self.bundle, self.today)

    def write(self, kind: str) -> LetterWritten:
        """Write the document, built from the case as saved now, and name the step it was built for."""
        from iep_tui.services import export_service

        self.reload()
        if kind == BINDER:
            binder = export_service.write_binder(self.bundle, self.today, self.exports)
            return LetterWritten(binder.path, tuple(f"left out {name}: {why}" for name, why in binder.skipped))
        self._check(kind)
        bundle = self._bundle(kind)
        written = export_service.write_letter(bundle, kind, self.today, self.exports)
        return LetterWritten(written.path, written.warnings, export_service.step_for_letter(bundle, kind, self.today))

    def email_text(self, kind: str) -> EmailText:
        """The plain-text version and the letter's warnings (a cc left out ...), the ones the .docx has."""
        from iep_tui.errors import InputError
        from iep_tui.services import export_service

        if kind == BINDER:
            raise InputError("The binder is a zip of files; it has no email text. Choose a letter.")
        self._check(kind)
        return export_service.email_letter(self._bundle(kind), kind, self.today)

    def step_kind(self, kind: str) -> str | None:
        """The escalation step a letter of `kind` is recorded as, or None (not a step)."""
        from iep_tui.services import export_service

        return None if kind == BINDER else export_service.letter_step_kind(kind)

    def step_for(self, kind: str) -> EscalationStep | None:
        """The step (a draft, or sent today) this letter is for, if one is recorded."""
        from iep_tui.services import export_service

        return None if kind == BINDER else export_service.step_for_letter(self._bundle(kind), kind, self.today)
