"""Count N school, business or calendar days from a date (or apply a rule), with the reasons.

The answer comes from the calendar engine (`count_days`, `deadline_for_rule`) on the
case's own school calendar: the due date, the rule and its citation, and every
weekday that was not counted and why. Enter counts; Esc closes and returns the
last answer, so the calendar can jump to the due date.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Select, Static
from textual.worker import Worker, WorkerState

from iep_tui.ui.dialogs.dialog_screen import DialogScreen
from iep_tui.ui.dialogs.form_dialog import (
    FOCUS_MARK,
    choice,
    explain_error,
    field_row,
    text_input,
)

if TYPE_CHECKING:
    from iep_tui.calendar.day_count import DayCount
    from iep_tui.calendar.school_calendar import SchoolCalendar

DAY_KINDS = (("school days", "school"), ("business days", "business"), ("calendar days", "calendar"))


def count_from(
    calendar: SchoolCalendar,
    state: str,
    start_text: str,
    count_text: str,
    kind: str,
    rule_id: str | None,
    today: date,
) -> DayCount:
    """The engine's DayCount for what was typed (runs in a worker)."""
    from iep_tui.calendar import day_count, deadline_rules
    from iep_tui.domain.date_input import parse_user_date
    from iep_tui.errors import InputError

    start = parse_user_date(start_text or "today", today, calendar)
    if rule_id:
        return deadline_rules.deadline_for_rule(calendar, start, deadline_rules.get_rule(rule_id, state))
    if not count_text.strip().isdigit():
        raise InputError("count: expected a whole number such as 10.")
    return day_count.count_days(calendar, start, int(count_text), kind)


class CountDaysDialog(DialogScreen["DayCount | None"]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "close", id="count-close"),
        Binding("f2", "count", "count", id="count-run"),
    ]

    def __init__(self, calendar: SchoolCalendar, state: str, start: date, today: date) -> None:
        super().__init__()
        self.calendar = calendar
        self.state = state
        self.start = start
        self.today = today
        self.result: DayCount | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog count-days"):
            yield Label("Count days on this case's school calendar", classes="dialog-title")
            yield field_row("From", text_input(self.start.isoformat(), "today, 2026-11-02", id="start"))
            with Horizontal(classes="field-row"):
                yield Static(FOCUS_MARK, classes="focus-mark")
                yield Label("Count", classes="field-label")
                yield text_input("10", "e.g. 10", id="count", restrict=r"\d*")
                yield choice(DAY_KINDS, value="school", id="kind")
            yield field_row(
                "or a rule", choice(self._rules(), id="rule", allow_blank=True, prompt="none: count the days above")
            )
            with VerticalScroll(id="count-answer"):
                yield Static(
                    "Enter counts. Day 0 is the start date; counting starts the next day.",
                    id="count-text",
                    markup=False,
                )
            yield Static("enter count · esc close (the calendar jumps to the due date)", classes="dialog-hint")

    def _rules(self) -> list[tuple[str, str]]:
        try:
            from iep_tui.calendar.deadline_rules import load_rules

            return [(f"{r.title} ({r.count} {r.day_kind.replace('_', ' ')})", r.id) for r in load_rules(self.state)]
        except Exception:  # noqa: BLE001 - the rules list is a convenience; counting works without it
            return []

    def on_mount(self) -> None:
        self.query_one("#count", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_count()

    def action_count(self) -> None:
        start = self.query_one("#start", Input).value
        count = self.query_one("#count", Input).value
        kind = self.query_one("#kind", Select).value
        rule = self.query_one("#rule", Select).value
        rule_id = None if rule is Select.NULL else str(rule)
        self.run_worker(
            lambda: count_from(self.calendar, self.state, start, count, str(kind), rule_id, self.today),
            thread=True,
            exit_on_error=False,
            group="count",
            exclusive=True,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "count":
            return
        text = self.query_one("#count-text", Static)
        if event.state == WorkerState.SUCCESS and event.worker.result is not None:
            result: DayCount = event.worker.result
            self.result = result
            lines = list(result.explain())
            rule = result.rule
            if rule is not None:
                lines.insert(1, f"Rule: {rule.title} ({rule.id}), {rule.citation}. {rule.caveat}")
            if result.estimate:  # said once, second: the count's own ESTIMATE sentence when it has one
                said = [line for line in lines if line.startswith("ESTIMATE")]
                lines = [line for line in lines if not line.startswith("ESTIMATE")]
                lines[1:1] = said or ["ESTIMATE: this case has no district calendar; school days are estimated."]
            text.update("\n".join(lines))
        elif event.state == WorkerState.ERROR and event.worker.error is not None:
            message = explain_error(event.worker.error)
            if message is None:
                self.app.report(event.worker.error)
                message = str(event.worker.error)
            text.update(message)

    def action_close(self) -> None:
        self.dismiss(self.result)
