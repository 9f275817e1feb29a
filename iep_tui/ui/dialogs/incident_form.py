"""Log or edit an incident: a dated failure, what it cost the child, who was told."""

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
    date_input,
    field_row,
    flag,
    text_input,
)
from iep_tui.ui.dialogs.session_forms import SOURCES
from iep_tui.ui.widgets.ticks import TickList

if TYPE_CHECKING:
    from iep_tui.domain.models import Incident
    from iep_tui.ui.case_actions import Values

INCIDENT_KINDS = (
    ("observation: a failure seen or reported", "observation"),
    ("refusal: the school said no", "refusal"),
    ("informal change: cut or changed without a meeting", "informal-change"),
)
"""Refusals and informal changes are what a Prior Written Notice request asks the district to explain."""


class IncidentForm(FormDialog[T]):
    title_text = "Log an incident"

    def __init__(
        self,
        save: Save[T],
        today: date,
        requirements: list[tuple[str, str]],
        selected: str | None = None,
        incident: Incident | None = None,
        kind: str | None = None,
    ) -> None:
        super().__init__(save, today, "Edit incident" if incident is not None else None)
        self.requirements = requirements
        self.incident = incident
        self.kind = incident.kind if incident is not None else kind or "observation"
        """The Kind the form starts with (a refusal, when the PWN request asked for one)."""
        self.selected = set(incident.requirement_ids) if incident is not None else ({selected} if selected else set())

    def fields(self) -> ComposeResult:
        i = self.incident
        yield field_row("Date", date_input(i.date.isoformat() if i else "today"))
        yield field_row(
            "What happened",
            area(i.what if i else "", id="what", placeholder="what failed to happen, plainly (tab: next field)"),
        )
        linked = TickList(
            [(label, rid, rid in self.selected) for label, rid in self.requirements], id="linked-requirements"
        )
        yield field_row("Requirements", linked, hint="space ticks each requirement that was not followed")
        yield field_row("Setting", text_input(i.setting if i else "", "e.g. 4th grade math", id="setting"))
        yield field_row("Impact", text_input(i.impact if i else "", "what it cost the child", id="impact"))
        told = ", ".join(n.role for n in i.notified) if i else ""
        yield field_row(
            "Told (roles)",
            text_input(told, "e.g. teacher, principal", id="notified"),
            hint="who you told about it, that day",
        )
        yield field_row(
            "Kind",
            choice(INCIDENT_KINDS, value=self.kind, id="kind"),
            hint="a refusal or an informal change goes into the PWN request",
        )
        yield field_row("Source", choice(SOURCES, value=i.source if i else "parent-observation", id="source"))
        yield field_row("", flag("Safety-related", i.safety if i else False, id="safety"))
        if i is not None:
            yield field_row("Reason", text_input("", "why (needed if a sent letter cites it)", id="edit-reason"))

    def values(self) -> Values:
        out = {
            "date": self.text("#date"),
            "kind": self.picked("#kind"),
            "what": self.text("#what"),
            "requirement_ids": self.ticked(
                "#linked-requirements", list(self.incident.requirement_ids) if self.incident else None
            ),
            "setting": self.text("#setting"),
            "impact": self.text("#impact"),
            "notified": self.text("#notified"),
            "source": self.picked("#source"),
            "safety": self.checked("#safety"),
        }
        if self.incident is not None:
            out["edit_reason"] = self.text("#edit-reason")
        return out
