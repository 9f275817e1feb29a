"""Checklist: each requirement with its minutes, and the selected one's history.

The table holds the requirements (a case has tens, not thousands). The minutes are
the ledger's; the history below is the sessions logged for the selected
requirement and the incidents that say what was observed instead.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Label, Static

from iep_tui.ui.widgets.fitted_columns import PADDING, add_fitted_columns, column, fixed, needed_width
from iep_tui.ui.widgets.plain_table import PlainTable
from iep_tui.ui.widgets.table_cursor import Cell, key_at_cursor, move_to_key

if TYPE_CHECKING:
    from iep_tui.domain.models import Requirement, Session
    from iep_tui.ui.case_data import CaseData

WIDE = 110
WORDS_MIN = 24
"""The IEP words column is shown when at least this much is left beside the others."""
STATUS_WORDS = {"delivered": "delivered", "missed": "missed", "makeup": "make-up"}


def day_month(day: date | None) -> str:
    return day.strftime("%d %b").lstrip("0") if day else "—"


def minutes(value: int | None, counted: bool) -> str:
    return str(value) if counted and value is not None else "—"


class ChecklistPane(Vertical):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data: CaseData | None = None
        self._wide: bool | None = None

    def compose(self) -> ComposeResult:
        table: DataTable[Cell] = PlainTable(id="requirements", cursor_type="row", zebra_stripes=True)
        yield table
        detail = VerticalScroll(id="req-detail")
        detail.can_focus = False  # tab goes from the requirements straight to their sessions
        with detail:
            yield Static(id="req-words", classes="detail")
            yield Label("Sessions logged, newest first", id="sessions-title", classes="section-title")
            yield PlainTable(id="sessions", cursor_type="row")
            yield Label("Observed instead", classes="section-title")
            yield Static(id="observed", classes="detail")

    # ---- what the case screen asks

    @property
    def table(self) -> DataTable[Cell]:
        return self.query_one("#requirements", DataTable)

    @property
    def sessions_table(self) -> DataTable[Cell]:
        return self.query_one("#sessions", DataTable)

    def selected_requirement_id(self) -> str | None:
        return key_at_cursor(self.table)

    def selected_session(self) -> Session | None:
        key = key_at_cursor(self.sessions_table)
        if self.data is None or key is None:
            return None
        return next((s for s in self.data.bundle.sessions if s.id == key), None)

    def selected_record(self) -> Requirement | Session | None:
        """The session when the history has focus, else the requirement."""
        if self.data is None:
            return None
        if self.sessions_table.has_focus:
            return self.selected_session()
        rid = self.selected_requirement_id()
        return self.data.requirement(rid) if rid else None

    def select_requirement(self, requirement_id: str) -> None:
        move_to_key(self.table, requirement_id)

    # ---- rendering

    def on_resize(self) -> None:
        wide = self.size.width >= WIDE
        if wide != self._wide and self.data is not None:
            self.show(self.data)

    def show(self, data: CaseData) -> None:
        self.data = data
        table = self.table
        keep = self.selected_requirement_id()
        wide = self.size.width >= WIDE
        self._wide = wide
        table.clear(columns=True)
        rows: list[tuple[str, list[Cell]]] = []
        for requirement in data.bundle.requirements:
            row = data.ledger_for(requirement.id)
            counted = row is not None and row.counted
            owed = minutes(row.owed_minutes if row else None, counted)
            rows.append(
                (
                    requirement.id,
                    [
                        Content.assemble(("⚠ " if requirement.safety else "", "$error bold"), requirement.name),
                        requirement.provider_role or "—",
                        requirement.setting or "—",
                        requirement.frequency or requirement.kind,
                        minutes(row.required_minutes if row else None, counted),
                        minutes(row.delivered_minutes if row else None, counted),
                        Content.styled(owed, "bold $error") if counted and row and row.owed_minutes else owed,
                        minutes(row.unaccounted_minutes if row else None, counted),
                        day_month(data.last_entry(requirement.id)),
                        requirement.text.replace("\n", " "),
                    ],
                )
            )

        def cells(index: int) -> list[Cell]:
            return [r[1][index] for r in rows]

        columns = [
            column("Requirement", cells(0), minimum=20, key="name"),
            *(
                [
                    column("Role", cells(1), minimum=8, key="role"),
                    column("Setting", cells(2), minimum=10, key="setting"),
                ]
                if wide
                else []
            ),
            column("Frequency", cells(3), minimum=12, key="freq"),
            *(
                fixed(label, 5, key)
                for label, key in (("Req'd", "req"), ("Deliv", "dlv"), ("Owed", "owed"), ("Unacc", "unacc"))
            ),
            fixed("Last", 6, "last"),
        ]
        width = self.size.width or 80
        words = column("IEP words", cells(9), minimum=WORDS_MIN, grow=True, key="words")
        # the IEP words, on a wide terminal, once every other column is whole: they take the rest
        show_words = wide and width - needed_width(columns) >= WORDS_MIN + PADDING
        add_fitted_columns(table, [*columns, words] if show_words else columns, width)
        for requirement_id, row_cells in rows:
            shown = row_cells if wide else [row_cells[0], *row_cells[3:9]]
            table.add_row(*(shown if show_words else shown[: len(columns)]), key=requirement_id)
        if keep is not None:
            self.select_requirement(keep)
        self._show_detail()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "requirements":
            self._show_detail()

    def _show_detail(self) -> None:
        data = self.data
        words = self.query_one("#req-words", Static)
        observed = self.query_one("#observed", Static)
        sessions = self.sessions_table
        keep = self.selected_session()
        sessions.clear(columns=True)
        rid = self.selected_requirement_id()
        requirement = data.requirement(rid) if data and rid else None
        if data is None or requirement is None:
            words.update(
                Content.styled("No requirements yet: press a to add the first line of the IEP.", "$text-muted")
            )
            observed.update("")
            self.query_one("#sessions-title", Label).update("")
            return
        facts = [
            requirement.kind,
            requirement.section,
            f"role {requirement.provider_role}" if requirement.provider_role else "",
            requirement.setting,
            f"{requirement.start or '…'} to {requirement.end or '…'}" if requirement.start or requirement.end else "",
            "SAFETY-RELATED" if requirement.safety else "",
        ]
        ledger = data.ledger_for(requirement.id)
        numbers = ""
        if ledger is not None and ledger.counted:
            missed = ", ".join(f"{k} {v}" for k, v in sorted(ledger.missed_minutes.items()) if v)
            numbers = (
                f"\nRequired {ledger.required_minutes} · delivered {ledger.delivered_minutes}"
                f" · short {ledger.shortfall_minutes} · make-up {ledger.makeup_minutes}"
                f" · owed {ledger.owed_minutes} · unaccounted {ledger.unaccounted_minutes} min"
                + (f"\nMissed: {missed}" if missed else "")
            )
        words.update(
            Content.assemble(
                ("“", "$text-muted"),
                (requirement.text, "italic"),
                ("”", "$text-muted"),
                "\n",
                (" · ".join(f for f in facts if f), "$text-muted"),
                numbers,
            )
        )
        partial = {e.session_id: e.minutes for e in (ledger.owed_entries if ledger else ()) if e.kind == "partial"}
        sessions.add_column("Date", width=10)
        sessions.add_column("What", width=18)
        sessions.add_column("Min", width=4)
        sessions.add_column("Why / note")
        history = data.sessions_for(requirement.id)
        self.query_one("#sessions-title", Label).update(
            f"Sessions logged, newest first ({len(history)})" if history else "No sessions logged yet"
        )
        for s in history:
            status = STATUS_WORDS.get(s.status, s.status)
            if s.id in partial:
                status = f"partial ({partial[s.id]} short)"
            why = " · ".join(x for x in (s.reason or "", s.note, s.source) if x)
            style = "$error" if s.status == "missed" else ""
            sessions.add_row(
                s.date.isoformat(),
                Content.styled(status, style),
                "" if s.minutes is None else str(s.minutes),
                why,
                key=s.id,
            )
        if keep is not None and keep.requirement_id == requirement.id:
            move_to_key(sessions, keep.id)
        incidents = data.incidents_for(requirement.id)
        observed.update(
            Content("\n").join(
                Content.assemble(
                    (i.date.isoformat(), "bold"),
                    " ",
                    ("⚠ " if i.safety else "", "$error"),
                    i.what.replace("\n", " "),
                    (f"  ({i.impact})" if i.impact else "", "$text-muted"),
                )
                for i in incidents
            )
            if incidents
            else Content.styled("No incidents name this requirement.", "$text-muted")
        )
