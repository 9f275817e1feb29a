"""A new case, and the week's impact snapshot."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult

from iep_tui.ui.dialogs.form_dialog import FormDialog, date_input, field_row, text_input


class CaseForm(FormDialog[Any]):
    title_text = "New case"

    def fields(self) -> ComposeResult:
        yield field_row("Student", text_input("", "name or initials", id="student"))
        yield field_row("State", text_input("", "e.g. WA", id="state"), hint="two letters; sets holidays and state rules")
        yield field_row("School", text_input("", "e.g. Cedar Ridge Elementary", id="school"))
        yield field_row("District", text_input("", "e.g. Evergreen Valley SD", id="district"))
        yield field_row("Grade", text_input("", "e.g. 4", id="grade"))
        yield field_row("IEP effective", text_input("", "e.g. 2026-09-08", id="iep_effective"))
        yield field_row("Annual review", text_input("", "e.g. 2027-05-14", id="annual_review_due"))

    def values(self) -> dict[str, Any]:
        return {key: self.text(f"#{key}") for key in
                ("student", "state", "school", "district", "grade", "iep_effective", "annual_review_due")}


class WeekForm(FormDialog[Any]):
    title_text = "This week's impact"

    def __init__(self, save, today, current: Any | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(save, today)
        self.current = current

    def fields(self) -> ComposeResult:
        c = self.current

        def number(name: str) -> str:
            return str(getattr(c, name)) if c is not None else ""

        yield field_row("Week of", date_input(c.week.isoformat() if c else "today", "any day of the week", id="week"))
        yield field_row("Missing work", text_input(number("missing_work"), "0", id="missing_work"))
        yield field_row("Behavior inc.", text_input(number("behavior_incidents"), "0", id="behavior_incidents"))
        yield field_row("Nurse visits", text_input(number("nurse_visits"), "0", id="nurse_visits"))
        yield field_row("Out of class min", text_input(number("minutes_out_of_class"), "0",
                                                        id="minutes_out_of_class"))
        yield field_row("Note", text_input(c.note if c else "", "", id="note"))

    def values(self) -> dict[str, Any]:
        return {key: self.text(f"#{key}") for key in
                ("week", "missing_work", "behavior_incidents", "nurse_visits", "minutes_out_of_class", "note")}
