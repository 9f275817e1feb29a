"""Log or edit an incident: a dated failure, what it cost the child, who was told.

A day the school calendar says is not a school day is named under the date as it is typed, before the
save, as the quick log names it. Ticking a safety-related requirement ticks "Safety-related" at the foot
of the form (below the fold at 80x24), says so under the list, and leaves it to the user to untick.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Input, Static

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
from iep_tui.ui.widgets.ticks import TickBox, TickList

if TYPE_CHECKING:
    from iep_tui.calendar.school_calendar import SchoolCalendar
    from iep_tui.domain.models import Incident
    from iep_tui.ui.case_actions import Values

INCIDENT_KINDS = (
    ("observation: a failure seen or reported", "observation"),
    ("refusal: the school said no", "refusal"),
    ("informal change: cut or changed without a meeting", "informal-change"),
)
"""Refusals and informal changes are what a Prior Written Notice request asks the district to explain."""


SAFETY_NOTE = (
    "⚠ A safety requirement is ticked, so Safety-related (at the foot of the form) is ticked too: "
    "untick it there if this was not about safety."
)


class RequirementTicks(TickList):
    """The requirements an incident names; says which were just ticked (`Ticked`)."""

    class Ticked(Message):
        def __init__(self, ticked: frozenset[str]) -> None:
            super().__init__()
            self.ticked = ticked
            """The requirement ids ticked by this key (none when it unticked one)."""

    def action_tick(self) -> None:
        before = set(self.selected)
        super().action_tick()
        self.post_message(self.Ticked(frozenset(set(self.selected) - before)))


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
        safety: bool = False,
        safety_ids: frozenset[str] = frozenset(),
        calendar: SchoolCalendar | None = None,
    ) -> None:
        super().__init__(save, today, "Edit incident" if incident is not None else None)
        self.requirements = requirements
        self.incident = incident
        self.kind = incident.kind if incident is not None else kind or "observation"
        """The Kind the form starts with (a refusal, when the PWN request asked for one)."""
        self.safety = incident.safety if incident is not None else safety
        """Safety-related, as the form opens (ticked when the safety notice asked for a safety failure)."""
        self.safety_ids = safety_ids
        """The safety-related requirements: ticking one ticks Safety-related."""
        self.calendar = calendar
        self.selected = set(incident.requirement_ids) if incident is not None else ({selected} if selected else set())

    def fields(self) -> ComposeResult:
        i = self.incident
        yield field_row("Date", date_input(i.date.isoformat() if i else "today"))
        yield Static("", id="incident-day", classes="field-hint -warning", markup=False)
        yield field_row(
            "What happened",
            area(i.what if i else "", id="what", placeholder="what failed to happen, plainly (tab: next field)"),
        )
        linked = RequirementTicks(
            [(label, rid, rid in self.selected) for label, rid in self.requirements], id="linked-requirements"
        )
        yield field_row("Requirements", linked, hint="space ticks each requirement that was not followed")
        yield Static("", id="incident-safety-note", classes="field-hint -warning", markup=False)
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
        yield field_row("", flag("Safety-related", self.safety, id="safety"))
        if i is not None:
            yield field_row("Reason", text_input("", "why (needed if a sent letter cites it)", id="edit-reason"))

    def on_mount(self) -> None:
        super().on_mount()
        self._check_day(self.query_one("#date", Input).value)
        self.query_one("#incident-safety-note", Static).display = False

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "date":
            self._check_day(event.value)

    def _check_day(self, text: str) -> None:
        """Name a day that is not a school day under the date, before the save (as the quick log does)."""
        from iep_tui.ui.dialogs.session_forms import day_notice

        day, notice = day_notice(self.calendar, text, self.today)
        note = self.query_one("#incident-day", Static)
        shown = day is not None and bool(notice)
        if shown:  # one line at 80 columns: the day and why (the quick log's words; F2 saves as always)
            note.update(notice.split(": Enter")[0].rstrip(".") + ".")
        note.display = shown

    def on_requirement_ticks_ticked(self, event: RequirementTicks.Ticked) -> None:
        if not event.ticked & self.safety_ids:
            return
        box = self.query_one("#safety", TickBox)
        if not box.value:
            box.value = True
            note = self.query_one("#incident-safety-note", Static)
            note.update(SAFETY_NOTE)
            note.display = True

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
