"""A new case, its details, and the week's impact snapshot."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widget import Widget

from iep_tui.ui.dialogs.form_dialog import FormDialog, Save, T, area, date_input, field_row, text_input

if TYPE_CHECKING:
    from iep_tui.domain.models import Case, WeeklySnapshot
    from iep_tui.ui.case_actions import Values

NEW_CASE_FIELDS = ("student", "state", "school", "district", "grade", "iep_effective", "annual_review_due")
DETAIL_FIELDS = (
    "student",
    "state",
    "school",
    "district",
    "grade",
    "address",
    "iep_effective",
    "annual_review_due",
    "reevaluation_due",
    "date_of_birth",
    "student_id",
)


CASE_FIELD_ROWS: dict[str, tuple[str, str, str]] = {
    # field: label, placeholder, hint
    "student": ("Student", "name or initials", ""),
    "state": ("State", "e.g. WA", "two letters; sets holidays and state rules"),
    "school": ("School", "e.g. Cedar Ridge Elementary", ""),
    "district": ("District", "e.g. Evergreen Valley SD", ""),
    "grade": ("Grade", "e.g. 4", ""),
    "address": ("Family address", "where letters say you live", ""),
    "iep_effective": ("IEP effective", "e.g. 2026-09-08", ""),
    "annual_review_due": ("Annual review", "e.g. 2027-05-14", ""),
    "reevaluation_due": ("Reevaluation due", "e.g. 2028-09-01", ""),
    "date_of_birth": ("Date of birth", "e.g. 2016-04-02", "letters show it"),
    "student_id": ("Student ID", "the district's number", "letters show it"),
}


def case_fields(case: Case | None, names: tuple[str, ...]) -> ComposeResult:
    """The rows of the case fields `names`, filled from `case` when given."""
    for name in names:
        label, placeholder, hint = CASE_FIELD_ROWS[name]
        current = getattr(case, name, None) if case is not None else None
        value = current.isoformat() if isinstance(current, date) else (current or "")
        widget = (
            area(value, id=name, placeholder=placeholder)
            if name == "address"
            else text_input(value, placeholder, id=name)
        )
        yield field_row(label, widget, hint=hint)


class CaseForm(FormDialog[T]):
    title_text = "New case"

    def fields(self) -> ComposeResult:
        yield from case_fields(None, NEW_CASE_FIELDS)

    def values(self) -> Values:
        return {key: self.text(f"#{key}") for key in NEW_CASE_FIELDS}


class CaseDetailsForm(FormDialog[T]):
    """Every detail of the case at once (as `iep-tui case set`); a field left blank is cleared."""

    title_text = "Case details"

    def __init__(self, save: Save[T], today: date, case: Case, focus: str | None = None) -> None:
        super().__init__(save, today)
        self.case = case
        self.focus_field = focus

    def fields(self) -> ComposeResult:
        yield from case_fields(self.case, DETAIL_FIELDS)

    def first_field(self) -> Widget:
        """The field a missing fact names (from the export dialog), else the first one."""
        if self.focus_field:
            found = self.query(f"#{self.focus_field}")
            if found:
                return found.first()
        return super().first_field()

    def values(self) -> Values:
        return {key: self.text(f"#{key}") for key in DETAIL_FIELDS}


class WeekForm(FormDialog[T]):
    title_text = "This week's impact"

    def __init__(self, save: Save[T], today: date, current: WeeklySnapshot | None = None) -> None:
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
        yield field_row("Out of class min", text_input(number("minutes_out_of_class"), "0", id="minutes_out_of_class"))
        yield field_row("Note", text_input(c.note if c else "", "", id="note"))

    def values(self) -> Values:
        return {
            key: self.text(f"#{key}")
            for key in ("week", "missing_work", "behavior_incidents", "nurse_visits", "minutes_out_of_class", "note")
        }
