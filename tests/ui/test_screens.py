"""What fits where: the key list (?), the dashboard at 80x24 and on a big terminal."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable

DEMO = "demo-lena"


def key_ids(screen: Any) -> list[str]:
    table = screen.query_one("#keys-table", DataTable)
    return [str(table.get_row_at(i)[2]) for i in range(table.row_count)]


async def test_question_mark_lists_this_tabs_keys_with_their_ids(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "question_mark")
        keys: Any = app.screen
        assert type(keys).__name__ == "KeysScreen"
        ids = key_ids(keys)
        assert ids[:3] == ["quick-log", "log-session", "add-incident"]  # this tab's keys first
        assert "count-days" not in ids  # the Calendar's
        assert {"tab-calendar", "caseload", "urgent-notice", "quit"} <= set(ids)  # every tab's
        table = keys.query_one("#keys-table", DataTable)
        assert table.region.right <= 80
        await ui.press(pilot, "question_mark")
        assert type(app.screen).__name__ == "CaseScreen"
        await ui.press(pilot, "5", "question_mark")
        assert key_ids(app.screen)[0] == "count-days"
        await ui.press(pilot, "escape")
        assert type(app.screen).__name__ == "CaseScreen"


async def test_dashboard_service_names_are_whole_at_80_columns(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        bars = str(app.screen.query_one("#owed-bars").render())
        assert "Occupational therapy" in bars and "Reading instruction" in bars
        assert "…" not in bars


async def test_a_big_terminal_shows_more_not_blank_rows(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(200, 60)) as pilot:
        await ui.settle(pilot)
        pane: Any = app.screen.query_one("#dashboard-pane")
        assert pane.has_class("-wide") and pane.has_class("-roomy")
        deadlines = app.screen.query_one("#deadlines")
        assert deadlines.styles.text_wrap == "wrap"  # long deadline lines wrap instead of being cut
        assert len(str(deadlines.content).splitlines()) == len(pane.data.upcoming[:12])
        recent = app.screen.query_one("#recent")
        assert recent.display and len(str(recent.content).splitlines()) >= 8
        assert app.screen.query_one("#dash-windows").display
        assert "Follow up in writing" in str(app.screen.query_one("#next-step").content)  # the other suggestions
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        pane = app.screen.query_one("#dashboard-pane")
        assert not pane.has_class("-wide") and not pane.has_class("-roomy")
        assert not app.screen.query_one("#recent").display
