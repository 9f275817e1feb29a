"""Incidents: dated, newest first, filterable by requirement; safety-related rows marked ⚠."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Label, Select, Static

from iep_tui.ui.panes.escalation_pane import whole_roles
from iep_tui.ui.widgets.fitted_columns import add_fitted_columns, column, fixed
from iep_tui.ui.widgets.plain_table import PlainTable
from iep_tui.ui.widgets.table_cursor import Cell, key_at_cursor, move_to_key

if TYPE_CHECKING:
    from iep_tui.domain.models import Incident
    from iep_tui.ui.case_data import CaseData

ALL = "__all__"


class IncidentsPane(Vertical):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data: CaseData | None = None
        self.requirement_filter: str | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="incident-filter-row"):
            yield Label("Requirement", classes="field-label")
            yield Select([("All requirements", ALL)], value=ALL, allow_blank=False, compact=True, id="incident-filter")
            yield Static("", id="incident-count")
        yield PlainTable(id="incident-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="incident-detail"):
            yield Static(id="incident-text", classes="detail")

    @property
    def table(self) -> DataTable[Cell]:
        return self.query_one("#incident-table", DataTable)

    def selected_record(self) -> Incident | None:
        key = key_at_cursor(self.table)
        if self.data is None or key is None:
            return None
        return next((i for i in self.data.bundle.incidents if i.id == key), None)

    def focus_filter(self) -> None:
        self.query_one("#incident-filter", Select).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "incident-filter":
            return
        event.stop()
        self.requirement_filter = None if event.value in (ALL, Select.NULL) else str(event.value)
        if self.data is not None:
            self._fill()
            self.table.focus()

    def show(self, data: CaseData) -> None:
        self.data = data
        select = self.query_one("#incident-filter", Select)
        options = [("All requirements", ALL)] + [
            (r.name, r.id) for r in data.bundle.requirements if data.incidents_for(r.id)
        ]
        with select.prevent(Select.Changed):
            select.set_options(options)
            ids = {value for _, value in options}
            if self.requirement_filter not in ids:
                self.requirement_filter = None
            select.value = self.requirement_filter or ALL
        self._fill()

    def _fill(self) -> None:
        data = self.data
        assert data is not None
        table = self.table
        keep = self.selected_record()
        table.clear(columns=True)
        rows = data.incidents_for(self.requirement_filter)
        cells = [
            (
                incident.date.isoformat(),
                Content.styled("⚠", "$error bold") if data.is_safety_incident(incident) else "",
                incident.what.replace("\n", " "),
                data.requirement_names(incident.requirement_ids) or "—",
                ", ".join(n.role for n in incident.notified) or "nobody yet",
            )
            for incident in rows
        ]
        # requirement names and roles whole when they fit; what happened takes the rest of the width
        widths = add_fitted_columns(
            table,
            [
                fixed("Date", 10),
                fixed("⚠", 1),
                column("What happened", (c[2] for c in cells), minimum=28, grow=True),
                column("Requirement", (c[3] for c in cells), minimum=12),
                column("Told", (c[4] for c in cells), minimum=12),
            ],
            self.size.width or 80,
        )
        told_width = widths[-1]
        for incident, (*row, _told) in zip(rows, cells, strict=True):
            told = whole_roles([n.role for n in incident.notified], told_width) if incident.notified else "nobody yet"
            table.add_row(*row, told, key=incident.id)
        total = len(data.bundle.incidents)
        self.query_one("#incident-count", Static).update(
            f"{len(rows)} of {total}" if self.requirement_filter else f"{total} incident{'s' if total != 1 else ''}"
        )
        if keep is not None:
            move_to_key(table, keep.id)
        self._show_detail()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "incident-table":
            self._show_detail()

    def on_resize(self) -> None:
        if self.data is not None:
            self._fill()

    def _show_detail(self) -> None:
        text = self.query_one("#incident-text", Static)
        incident = self.selected_record()
        if incident is None or self.data is None:
            text.update(Content.styled("No incidents logged. Press i (on any tab) to log one.", "$text-muted"))
            return
        told = "; ".join(f"{n.role}" + (f" on {n.on.isoformat()}" if n.on else "") for n in incident.notified)
        facts = [
            ("Setting", incident.setting),
            ("IEP section", incident.section),
            ("Requirements", self.data.requirement_names(incident.requirement_ids)),
            ("Impact", incident.impact),
            ("Told", told or "nobody recorded"),
            ("Source", incident.source),
            ("Tags", ", ".join(incident.tags)),
        ]
        parts: list[Content | tuple[str, str] | str] = [
            (incident.date.strftime("%a %d %b %Y"), "bold"),
            ("  SAFETY-RELATED" if self.data.is_safety_incident(incident) else "", "$error bold"),
            "\n",
            incident.what,
        ]
        for label, value in facts:
            if value:
                parts += ["\n", (f"{label}: ", "$text-muted"), value]
        text.update(Content.assemble(*parts))
