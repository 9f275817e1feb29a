"""Dashboard: minutes owed by service, weekly impact over time, deadlines, overdue, safety, next step."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Label, Static

from iep_tui.ui.widgets.minutes_bars import BarRow, MinutesBars
from iep_tui.ui.widgets.sparklines import Series, Sparklines

if TYPE_CHECKING:
    from iep_tui.ui.case_data import CaseData
    from iep_tui.ui.first_numbers import FirstNumbers

URGENCY_MARKS = {"urgent": "‼", "soon": "!", "consider": "·"}
WIDE = 110
"""From this width the right column's lines wrap instead of being cut."""
TALL = 36
"""From this height the deadline list grows."""
ROOMY = 48
"""From this height the dashboard adds the other suggestions by title, what was logged lately and the
filing windows (at 120x40 the two columns are already full)."""
DEADLINES = {False: 5, True: 12}
MORE_SUGGESTIONS = 6
RECENT = 8


def short_date(day: date) -> str:
    return day.strftime("%d %b %y").lstrip("0")


def brief(text: str, limit: int) -> str:
    """The first sentence, or the first `limit` characters, of a long explanation."""
    first = text.split(": ", 1)[0] if len(text.split(": ", 1)[0]) > 40 else text
    first = first.split(". ")[0]
    if len(first) > limit:
        first = first[: limit - 1].rsplit(" ", 1)[0] + "…"
    return first if first.endswith((".", "…")) else first + "…"


def owed_title(start: date, end: date, estimate: bool, width: int = 0) -> str:
    """'Minutes owed · 28 Sep to 28 Nov', and ESTIMATE when school days are estimated; shorter when
    `width` has no room for it, so ESTIMATE is never the part cut."""
    first, last = start.strftime("%d %b").lstrip("0"), end.strftime("%d %b").lstrip("0")
    title = f"Minutes owed · {first} to {last}" + (" · ESTIMATE" if estimate else "")
    if width and len(title) > width:
        title = f"Owed {first}–{last}" + (" · ESTIMATE" if estimate else "")
    return title


def lines(items: list[Content], empty: str) -> Content:
    return Content("\n").join(items) if items else Content.styled(empty, "$text-muted")


class DashboardPane(Horizontal):
    """Two columns: the numbers (left) and what is due or wrong (right).

    At 80x24 every line is one row (cut with …); with more room the right column's
    lines wrap and the lists grow, so a big terminal shows more rather than blank rows.
    """

    data: CaseData | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dash-left", classes="dash-column"):
            yield Label("Minutes owed by service", id="owed-title", classes="section-title")
            yield MinutesBars(id="owed-bars")
            yield Static(id="school-log", classes="school-log")
            yield Label("Weekly impact", id="impact-title", classes="section-title")
            yield Sparklines(id="impact")
            yield Label("Suggested next step", classes="section-title")
            yield Static(id="next-step", classes="next-step")
            yield Label("Logged lately", classes="section-title roomy-only")
            yield Static(id="recent", classes="one-line-items roomy-only")
        with VerticalScroll(id="dash-right", classes="dash-column"):
            yield Label("Next deadlines", classes="section-title")
            yield Static(id="deadlines", classes="one-line-items")
            yield Label("Overdue", classes="section-title")
            yield Static(id="overdue", classes="one-line-items")
            yield Label("Safety", classes="section-title")
            yield Static(id="safety", classes="one-line-items")
            yield Label("Filing windows", classes="section-title roomy-only")
            yield Static(id="dash-windows", classes="one-line-items roomy-only")

    def on_resize(self) -> None:
        if self.data is not None:
            self.show(self.data)

    def _title_width(self) -> int:
        """Cells the left column's titles have (half the terminal before the first layout)."""
        width = self.query_one("#dash-left").size.width
        return (width or self.app.size.width // 2) - 2

    def show_numbers(self, first: FirstNumbers) -> None:
        """The minutes owed from the numbers cache, until the case's data arrives (`show`)."""
        self.query_one("#owed-title", Label).update(
            owed_title(first.start, first.end, first.estimate, self._title_width())
        )
        self.query_one("#owed-bars", MinutesBars).show(
            [BarRow(r.name, r.owed, r.required, r.unaccounted) for r in first.rows]
        )

    def show(self, data: CaseData) -> None:
        self.data = data
        tall, roomy = self.app.size.height >= TALL, self.app.size.height >= ROOMY
        self.set_class(self.app.size.width >= WIDE, "-wide")
        start, end = data.ledger_range
        self.query_one("#owed-title", Label).update(owed_title(start, end, data.estimate, self._title_width()))
        rows = [
            BarRow(r.name, r.owed_minutes, r.required_minutes, r.unaccounted_minutes) for r in data.ledger if r.counted
        ]
        self.query_one("#owed-bars", MinutesBars).show(rows)
        self._school_log(data)
        weeks = sorted(data.bundle.snapshots, key=lambda s: s.week)
        series = [
            Series("Missing work", [w.missing_work for w in weeks]),
            Series("Behavior", [w.behavior_incidents for w in weeks]),
            Series("Nurse visits", [w.nurse_visits for w in weeks]),
            Series("Out of class", [w.minutes_out_of_class for w in weeks], " min"),
        ]
        self.query_one("#impact-title", Label).update(
            f"Weekly impact · {len(weeks)} week{'s' if len(weeks) != 1 else ''} "
            f"from {weeks[0].week.strftime('%d %b').lstrip('0')}"
            if weeks
            else "Weekly impact"
        )
        self.query_one("#impact", Sparklines).show(series)
        self._next_step(data, roomy)
        upcoming = data.upcoming[: DEADLINES[tall]]
        self.query_one("#deadlines", Static).update(
            lines(
                [Content.assemble((short_date(d.due).rjust(9), "bold"), " ", d.what) for d in upcoming], "Nothing due."
            )
        )
        overdue = data.overdue
        self.query_one("#overdue", Static).update(
            lines(
                [
                    Content.assemble(
                        ("⚑ ", "$error"),
                        (short_date(d.due).rjust(9), "bold"),
                        " ",
                        f"{d.what} ({(data.today - d.due).days} days)",
                    )
                    for d in overdue
                ],
                "Nothing overdue.",
            )
        )
        safety: list[Content] = []
        if data.urgency is not None:
            for failure in data.urgency.failures:
                when = short_date(failure.date) if failure.date else "undated"
                names = ", ".join(failure.requirement_names)
                safety.append(
                    Content.assemble(
                        ("⚠ ", "$error bold"),
                        (when.rjust(9), "bold"),
                        " ",
                        f"{names}: {failure.evidence.summary} (not escalated)",
                    )
                )
        self.query_one("#safety", Static).update(lines(safety, "No safety failure waiting."))
        self.set_class(roomy, "-roomy")
        if roomy:
            self._roomy_lists(data)

    def _school_log(self, data: CaseData) -> None:
        """What the district's own log admits (its misses owed by the policy) and the dates disputed: one line
        in the left column of an 80-column terminal."""
        widget = self.query_one("#school-log", Static)
        compared = data.reconciliation
        widget.display = compared is not None and compared.has_school_log
        if compared is not None and widget.display:
            disputed = compared.disputed_count
            widget.update(
                Content.assemble(
                    ("Log admits ", "$text-muted"),
                    (f"{compared.school_admitted_owed_minutes}", "bold"),
                    " min · ",
                    (str(disputed), "bold $warning" if disputed else "bold"),
                    " disputed",
                )
            )

    def _roomy_lists(self, data: CaseData) -> None:
        """With height to spare: what was logged lately, and the complaint filing windows."""
        from iep_tui.domain.models import Session

        rows: list[Content] = []
        for entry in data.recent_entries(max(RECENT, self.app.size.height - 44)):
            when = (short_date(entry.date).rjust(9), "bold")
            if isinstance(entry, Session):
                requirement = data.requirement(entry.requirement_id)
                name = requirement.name if requirement is not None else entry.requirement_id
                reason = f" ({entry.reason.replace('-', ' ')})" if entry.reason else ""
                rows.append(Content.assemble(when, " ", f"{name} {entry.status}{reason}"))
            else:
                names = data.requirement_names(entry.requirement_ids)
                rows.append(
                    Content.assemble(
                        when,
                        " ",
                        ("incident ", "$text-muted"),
                        f"{names + ': ' if names else ''}{' '.join(entry.what.split())}",
                    )
                )
        self.query_one("#recent", Static).update(lines(rows, "Nothing logged yet (l logs a session)."))
        windows = [
            Content.assemble(("! " if w.warning else "· ", "$warning bold" if w.warning else ""), w.sentence())
            for w in data.windows
        ]
        self.query_one("#dash-windows", Static).update(lines(windows, "No failures logged yet."))

    def _next_step(self, data: CaseData, roomy: bool = False) -> None:
        widget = self.query_one("#next-step", Static)
        if not data.suggestions:
            widget.update(Content.styled("Nothing to suggest: keep logging.", "$text-muted"))
            return
        first = data.suggestions[0]
        more = len(data.suggestions) - 1
        reason = first.reason
        if self.app.size.width < 110:
            reason = brief(reason, 150)
        parts: list[Content | tuple[str, str] | str] = [
            (f"{URGENCY_MARKS.get(first.urgency, '')} {first.urgency.upper()} ", "bold reverse"),
            " ",
            (first.title, "bold"),
            "\n",
            reason,
        ]
        if first.draft is not None:
            parts += ["\n", ("n", "bold reverse"), " draft this step (not sent)"]
        listed = data.suggestions[1 : 1 + MORE_SUGGESTIONS] if roomy else []
        for other in listed:
            parts += ["\n", (f"{URGENCY_MARKS.get(other.urgency, '·')} ", "bold"), other.title]
        rest = more - len(listed)
        if rest:
            parts += ["\n", (f"{rest} more suggestion{'s' if rest > 1 else ''}: Escalation tab", "$text-muted")]
        widget.update(Content.assemble(*parts))
