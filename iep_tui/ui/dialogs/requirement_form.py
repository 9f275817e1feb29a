"""Add or edit a line of the implementation checklist, in the IEP's exact words."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult

from iep_tui.ui.dialogs.form_dialog import (
    FormDialog,
    Save,
    T,
    area,
    choice,
    field_row,
    flag,
    text_input,
)

if TYPE_CHECKING:
    from iep_tui.domain.models import Requirement
    from iep_tui.ui.case_actions import Values

KINDS = ("service", "accommodation", "support", "placement")
FREQUENCY_HINT = 'e.g. "30 min 2x weekly", "120 min weekly", "45 min daily", "as needed"'


class RequirementForm(FormDialog[T]):
    title_text = "Add a requirement"

    def __init__(self, save: Save[T], today: date, requirement: Requirement | None = None) -> None:
        super().__init__(save, today, "Edit requirement" if requirement is not None else None)
        self.requirement = requirement

    def fields(self) -> ComposeResult:
        r = self.requirement
        yield field_row("Kind", choice(((k, k) for k in KINDS), value=r.kind if r else "service", id="kind"))
        yield field_row("Short name", text_input(r.name if r else "", "e.g. Speech therapy", id="name"))
        yield field_row(
            "IEP words", area(r.text if r else "", id="text", placeholder="the IEP's exact words (tab: next field)")
        )
        yield field_row(
            "Frequency",
            text_input(r.frequency if r else "", "e.g. 30 min 2x weekly", id="frequency"),
            hint=FREQUENCY_HINT,
        )
        yield field_row("Provider role", text_input(r.provider_role if r else "", "e.g. slp", id="provider_role"))
        yield field_row("Setting", text_input(r.setting if r else "", "e.g. pull-out (speech room)", id="setting"))
        yield field_row("IEP section", text_input(r.section if r else "", "e.g. Services, p. 12", id="section"))
        yield field_row("Start", text_input(r.start.isoformat() if r and r.start else "", "YYYY-MM-DD", id="start"))
        yield field_row("End", text_input(r.end.isoformat() if r and r.end else "", "YYYY-MM-DD", id="end"))
        yield field_row(
            "", flag("Safety-related (elopement, health, BIP steps…)", r.safety if r else False, id="safety")
        )
        if r is not None:
            yield field_row("Reason", text_input("", "why (needed if a sent letter cites it)", id="edit-reason"))

    def values(self) -> Values:
        out = {
            "kind": self.picked("#kind") or "service",
            "name": self.text("#name"),
            "text": self.text("#text"),
            "frequency": self.text("#frequency"),
            "provider_role": self.text("#provider_role"),
            "setting": self.text("#setting"),
            "section": self.text("#section"),
            "start": self.text("#start"),
            "end": self.text("#end"),
            "safety": self.checked("#safety"),
        }
        if self.requirement is not None:
            out["edit_reason"] = self.text("#edit-reason")
        return out
