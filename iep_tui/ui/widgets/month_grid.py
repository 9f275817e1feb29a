"""A month of the school calendar as a grid, one line per week, moved by keyboard.

Each day cell is `DDab`: `a` is × closed or ½ early release, `b` is ◆ a deadline
or • a session; days without school are dim. The selected day is shown in reverse
video and today underlined, so the grid still reads with NO_COLOR.
"""

from __future__ import annotations

import calendar as stdlib_calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
CELL = 5


@dataclass(frozen=True)
class DayMark:
    school: bool = False
    closed: bool = False
    early: bool = False
    deadline: bool = False
    session: bool = False


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = stdlib_calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


class MonthGrid(Widget, can_focus=True):
    """Arrows move a day or a week; the selection carries into the next or previous month."""

    DEFAULT_CSS = """
    MonthGrid { width: 37; height: 9; padding: 0 1; }
    MonthGrid:focus { background-tint: $foreground 5%; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", "day before", show=False),
        Binding("right", "move(1)", "day after", show=False),
        Binding("up", "move(-7)", "week before", show=False),
        Binding("down", "move(7)", "week after", show=False),
        Binding("home", "week_edge(0)", "Monday", show=False),
        Binding("end", "week_edge(6)", "Sunday", show=False),
    ]

    selected: reactive[date] = reactive(date(2000, 1, 1))

    class DayChanged(Message):
        def __init__(self, grid: MonthGrid, day: date) -> None:
            super().__init__()
            self.grid = grid
            self.day = day

    def __init__(self, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = today
        self._marks: dict[date, DayMark] = {}
        self.set_reactive(MonthGrid.selected, today)

    def set_marks(self, marks: dict[date, DayMark]) -> None:
        self._marks = marks
        self.refresh()

    def watch_selected(self, day: date) -> None:
        self.post_message(self.DayChanged(self, day))

    def action_move(self, days: int) -> None:
        self.selected = self.selected + timedelta(days=days)

    def action_week_edge(self, weekday: int) -> None:
        self.selected = self.selected + timedelta(days=weekday - self.selected.weekday())

    def shift_month(self, months: int) -> None:
        self.selected = add_months(self.selected, months)

    def render(self) -> Content:
        first = self.selected.replace(day=1)
        title = first.strftime("%B %Y")
        lines = [Content.styled(title.center(7 * CELL), "bold")]
        lines.append(Content("".join(f" {w} ".ljust(CELL) for w in WEEKDAYS)))
        weeks = stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
        for week in weeks:
            cells: list[tuple[str, str] | str] = []
            for day in week:
                if day.month != first.month:
                    cells.append(" " * CELL)
                    continue
                mark = self._marks.get(day, DayMark())
                a = "×" if mark.closed else "½" if mark.early else " "
                b = "◆" if mark.deadline else "•" if mark.session else " "
                style = []
                if not mark.school:
                    style.append("dim")
                if mark.deadline:
                    style.append("bold")
                if day == self.today:
                    style.append("underline")
                if day == self.selected:
                    style = ["reverse", "bold"]
                cells.append((f"{day.day:>3}{a}{b}", " ".join(style)))
            lines.append(Content.assemble(*cells))
        return Content("\n").join(lines)
