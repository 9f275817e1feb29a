"""Escalation: the steps as a timeline with due dates and statuses, filing windows, meetings and actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Label, Static

from iep_tui.ui.widgets.plain_table import PlainTable
from iep_tui.ui.widgets.table_cursor import Cell, key_at_cursor, move_to_key

if TYPE_CHECKING:
    from iep_tui.domain.models import Action, EscalationStep, Meeting
    from iep_tui.ui.case_data import CaseData

STATUS_MARKS = {"draft": "○", "sent": "●", "answered": "✓", "overdue": "!", "closed": "✗"}
ACTION_MARKS = {"open": "○", "overdue": "!", "done": "✓"}
RECAP_STATES = {"sent": "recap sent", "due": "recap due", "overdue": "recap late"}
"""A held meeting's State in the meetings table, by its recap (`meeting_agenda.recap_state`)."""


def whole_roles(roles: list[str], width: int) -> str:
    """The roles that fit whole in `width` cells, then '+N' for the others ('principal +1'), never a cut role."""
    if not roles:
        return "—"
    shown: list[str] = []
    for index, role in enumerate(roles):
        rest = len(roles) - index - 1
        text = ", ".join([*shown, role]) + (f" +{rest}" if rest else "")
        if len(text) > width and shown:
            break
        shown.append(role)
    rest = len(roles) - len(shown)
    return ", ".join(shown) + (f" +{rest}" if rest else "")


class EscalationPane(VerticalScroll):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data: CaseData | None = None

    def compose(self) -> ComposeResult:
        yield Label("Steps, in the order sent", classes="section-title")
        yield PlainTable(id="steps", cursor_type="row")
        yield Static(id="step-detail", classes="detail")
        yield Label("Filing windows", classes="section-title")
        yield Static(id="windows", classes="detail")
        yield Label("Meetings and agreed actions", classes="section-title")
        yield PlainTable(id="meetings", cursor_type="row")
        yield Label("Suggested next steps", classes="section-title")
        yield Static(id="suggestions", classes="detail")

    @property
    def steps_table(self) -> DataTable[Cell]:
        return self.query_one("#steps", DataTable)

    @property
    def meetings_table(self) -> DataTable[Cell]:
        return self.query_one("#meetings", DataTable)

    def selected_step(self) -> EscalationStep | None:
        key = key_at_cursor(self.steps_table)
        if self.data is None or key is None:
            return None
        return next((s for s in self.data.bundle.escalations if s.id == key), None)

    def selected_meeting_row(self) -> tuple[Meeting, Action | None] | None:
        """(meeting, action or None) under the meetings cursor."""
        key = key_at_cursor(self.meetings_table)
        if self.data is None or key is None:
            return None
        for meeting in self.data.bundle.meetings:
            if meeting.id == key:
                return meeting, None
            for action in meeting.actions:
                if f"{meeting.id}/{action.id}" == key:
                    return meeting, action
        return None

    def selected_record(self) -> EscalationStep | Meeting | None:
        if self.meetings_table.has_focus:
            row = self.selected_meeting_row()
            return row[0] if row and row[1] is None else None
        return self.selected_step()

    def show(self, data: CaseData) -> None:
        self.data = data
        self._steps()
        self._windows()
        self._meetings()
        self._suggestions()

    def _steps(self) -> None:
        data = self.data
        assert data is not None
        table = self.steps_table
        keep = key_at_cursor(table)
        table.clear(columns=True)
        table.add_column(" ", width=1)
        table.add_column("Sent", width=10)
        table.add_column("Step", width=20)
        longest = max((len(", ".join(v.step.to_roles)) for v in data.steps), default=0)
        room = (self.size.width or 80) - 66  # the other columns, their padding and a scrollbar
        to_width = max(12, min(room, longest))
        table.add_column("To", width=to_width)
        table.add_column("Due", width=10)
        table.add_column("Status", width=12)
        from iep_tui.domain.safety import is_safety_step

        for view in data.steps:
            step = view.step
            status = view.status + (f" {view.days_overdue}d" if view.overdue else "")
            # the safety notice is recorded as a compliance-notice step: named as the letter it is
            safety = step.kind == "compliance-notice" and is_safety_step(data.bundle, step)
            table.add_row(
                Content.styled(STATUS_MARKS.get(view.status, " "), "$error bold" if view.overdue else "bold"),
                step.sent.isoformat() if step.sent else "draft",
                "Safety notice" if safety else view.title,
                whole_roles(step.to_roles, to_width),
                view.due.isoformat() if view.due else "—",
                Content.styled(status, "$error bold" if view.overdue else ""),
                key=step.id,
            )
        move_to_key(table, keep)
        self._step_detail()

    def _step_detail(self) -> None:
        detail = self.query_one("#step-detail", Static)
        data = self.data
        step = self.selected_step()
        if data is None or step is None:
            detail.update(
                Content.styled("No steps yet. Press a to add one (a compliance notice comes first).", "$text-muted")
            )
            return
        view = next(v for v in data.steps if v.step.id == step.id)
        parts: list[Content | tuple[str, str] | str] = []
        if step.status == "draft":
            parts += [
                ("Draft, not sent: ", "bold"),
                "x writes the letter; once it has gone out, s marks it sent today.\n",
            ]
        if step.asked:
            parts += [("Asked: ", "$text-muted"), step.asked.replace("\n", " "), "\n"]
        for clock in view.clocks:
            parts += [("◆ ", "bold"), clock.describe(), "\n"]
        if step.cc_roles:
            parts += [("Cc: ", "$text-muted"), ", ".join(step.cc_roles), "\n"]
        if step.response:
            when = step.response_date.isoformat() if step.response_date else ""
            parts += [("Response ", "$text-muted"), (when, "bold"), ": ", step.response.replace("\n", " ")]
        elif view.waiting:
            parts += [("No response yet: press r to record it.", "$text-muted")]
        detail.update(Content.assemble(*parts))

    def _windows(self) -> None:
        data = self.data
        assert data is not None
        rows = []
        for window in data.windows:
            mark = "!" if window.warning else "·"
            rows.append(Content.assemble((f"{mark} ", "$warning bold" if window.warning else ""), window.sentence()))
        self.query_one("#windows", Static).update(
            Content("\n").join(rows) if rows else Content.styled("No failures logged yet.", "$text-muted")
        )

    def _meetings(self) -> None:
        from iep_tui.domain.meeting_agenda import recap_due, recap_state

        data = self.data
        assert data is not None
        table = self.meetings_table
        keep = key_at_cursor(table)
        table.clear(columns=True)
        table.add_column(" ", width=1)
        table.add_column("Date", width=10)
        table.add_column("Meeting / action", width=max(20, (self.size.width or 80) - 58))
        table.add_column("Owner", width=13)
        table.add_column("Due", width=10)
        table.add_column("State", width=10)
        states = {(a.meeting.id, a.action.id): a.state for a in data.actions}
        for meeting in sorted(data.bundle.meetings, key=lambda m: m.date):
            # a held meeting's Due is its recap's (sent: nothing is due), and its State says where the recap is
            recap = recap_state(meeting, data.today)
            due = recap_due(meeting) if recap in ("due", "overdue") else None
            table.add_row(
                "■",
                Content.styled(meeting.date.isoformat(), "bold"),
                Content.styled(meeting.purpose or "IEP team meeting", "bold"),
                f"{len(meeting.attendees)} attending" if meeting.attendees else "—",
                due.isoformat() if due else "—",
                Content.styled(RECAP_STATES.get(recap, meeting.status), "$error bold" if recap == "overdue" else ""),
                key=meeting.id,
            )
            for action in meeting.actions:
                state = states.get((meeting.id, action.id), "open")
                style = "$error bold" if state == "overdue" else ""
                table.add_row(
                    Content.styled(ACTION_MARKS.get(state, " "), style),
                    "",
                    f"↳ {action.what}",
                    action.owner_role,
                    action.due.isoformat() if action.due else "—",
                    Content.styled(state if not action.done else "done", style),
                    key=f"{meeting.id}/{action.id}",
                )
        move_to_key(table, keep)

    def _suggestions(self) -> None:
        data = self.data
        assert data is not None
        rows = [
            Content.assemble(
                (f"[{s.urgency}] ", "bold $error" if s.urgency == "urgent" else "bold"),
                (s.title, "bold"),
                ": ",
                s.reason,
            )
            for s in data.suggestions
        ]
        self.query_one("#suggestions", Static).update(
            Content("\n").join(rows) if rows else Content.styled("Nothing to suggest.", "$text-muted")
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "steps":
            self._step_detail()

    def on_resize(self) -> None:
        if self.data is not None:
            self._steps()
            self._meetings()
