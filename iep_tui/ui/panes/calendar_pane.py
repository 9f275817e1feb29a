"""Calendar: the month's school days, closures, early releases, deadlines and sessions.

Which day is a school day, closed or an early release comes from the case's
SchoolCalendar; the deadlines are the ones the services dated. Counting N days
from the selected date opens the count dialog (the calendar engine answers).
"""

from __future__ import annotations

import calendar as stdlib_calendar
from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Label, Static

from iep_tui.ui.widgets.month_grid import DayMark, MonthGrid

if TYPE_CHECKING:
    from iep_tui.calendar.day_count import DayCount
    from iep_tui.ui.case_data import CaseData

LEGEND = "× closed  ½ early release  ◆ deadline\n• session  dim: no school"


class CalendarPane(Vertical):
    def __init__(self, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = today
        self.data: CaseData | None = None
        self.count_text: list[str] = []
        self._month: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="calendar-body"):
            with Vertical(id="calendar-left"):
                yield MonthGrid(self.today, id="month-grid")
                yield Static(LEGEND, id="calendar-legend")
            with VerticalScroll(id="calendar-side"):
                yield Static(id="day-info", classes="detail")
                yield Label("This month", classes="section-title")
                yield Static(id="month-list", classes="detail")
                yield Static(id="count-result", classes="detail")

    @property
    def grid(self) -> MonthGrid:
        return self.query_one("#month-grid", MonthGrid)

    @property
    def selected(self) -> date:
        return self.grid.selected

    def show(self, data: CaseData) -> None:
        self.data = data
        self._month = None
        self._refresh_month()
        self._day_info()

    def shift_month(self, months: int) -> None:
        self.grid.shift_month(months)

    def go_to(self, day: date) -> None:
        self.grid.selected = day

    def show_count(self, result: DayCount) -> None:
        lines = list(result.explain())
        if result.rule is not None:
            lines.insert(1, f"Rule: {result.rule.title} ({result.rule.id}), {result.rule.citation}.")
        self.count_text = lines
        self.query_one("#count-result", Static).update(Content.assemble(("Day count\n", "bold"), "\n".join(lines)))
        if result.due is not None:
            self.go_to(result.due)

    def on_month_grid_day_changed(self, event: MonthGrid.DayChanged) -> None:
        self._refresh_month()
        self._day_info()

    # ---- rendering

    def _deadlines_by_day(self) -> dict[date, list[str]]:
        out: dict[date, list[str]] = {}
        if self.data is not None:
            for deadline in self.data.deadlines:
                out.setdefault(deadline.due, []).append(deadline.what)
        return out

    def _refresh_month(self) -> None:
        data = self.data
        if data is None:
            return
        day = self.selected
        if self._month == (day.year, day.month):
            return
        self._month = (day.year, day.month)
        calendar = data.calendar
        deadlines = self._deadlines_by_day()
        sessions = {s.date for s in data.bundle.sessions}
        marks: dict[date, DayMark] = {}
        last = stdlib_calendar.monthrange(day.year, day.month)[1]
        closures: list[str] = []
        for n in range(1, last + 1):
            d = date(day.year, day.month, n)
            closure = calendar.closure_on(d)
            early = calendar.early_release_on(d)
            marks[d] = DayMark(
                school=calendar.is_school_day(d),
                closed=closure is not None,
                early=early is not None,
                deadline=d in deadlines,
                session=d in sessions,
            )
            if closure is not None and (closure.start == d or n == 1):
                end = closure.end if closure.end and closure.end != closure.start else None
                span = (
                    f"{d.day}–{end.day if end.month == d.month else end.strftime('%d %b').lstrip('0')}"
                    if end
                    else str(d.day)
                )
                closures.append(f"× {span.ljust(5)} {closure.label or closure.kind.replace('_', ' ')}")
            if early is not None:
                closures.append(f"½ {str(d.day).ljust(5)} {early.label or 'early release'}")
        self.grid.set_marks(marks)
        month_deadlines = [
            f"◆ {str(d.day).ljust(5)} {what}"
            for d, items in sorted(deadlines.items())
            if (d.year, d.month) == (day.year, day.month)
            for what in items
        ]
        school_days = sum(1 for m in marks.values() if m.school)
        head = f"{school_days} school days" + (" (ESTIMATE: no district calendar)" if data.estimate else "")
        body = closures + month_deadlines
        self.query_one("#month-list", Static).update(
            Content.assemble((head, "$text-muted"), "\n", "\n".join(body) if body else "No closures or deadlines.")
        )

    def _day_info(self) -> None:
        data = self.data
        info = self.query_one("#day-info", Static)
        if data is None:
            return
        day = self.selected
        parts: list[Content | tuple[str, str] | str] = [
            (day.strftime("%a %d %b %Y"), "bold"),
            "  ",
            data.calendar.describe_day(day),
        ]
        if day == self.today:
            parts.append(("  (today)", "$text-muted"))
        for what in self._deadlines_by_day().get(day, []):
            parts += ["\n", ("◆ ", "bold"), what]
        names = {r.id: r.name for r in data.bundle.requirements}
        for s in sorted(
            (s for s in data.bundle.sessions if s.date == day), key=lambda s: names.get(s.requirement_id, "")
        ):
            what = s.status + (f" ({s.reason})" if s.reason else "")
            parts += ["\n", "• ", f"{names.get(s.requirement_id, '?')}: {what}, {s.minutes or 0} min"]
        for incident in (i for i in data.bundle.incidents if i.date == day):
            parts += ["\n", ("⚠ " if incident.safety else "▲ ", "$error"), incident.what.replace("\n", " ")]
        parts += ["\n", ("c counts days from this date", "$text-muted")]
        info.update(Content.assemble(*parts))
