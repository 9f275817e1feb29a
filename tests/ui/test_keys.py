"""Keys typed with no pause land where they would have landed had the screen been there already.

Each test sends a burst (every key queued before the first is handled, as a fast typist
or one SSH read delivers them), then checks where each key went. Before keys were
ordered (`ui/key_order.py`) every one of these lost keys: the form opened empty, or the
whole burst landed in its first field.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable, Input, TabbedContent, TextArea

from iep_tui.store.case_store import CaseStore

DEMO = "demo-lena"


async def test_a_burst_typed_as_the_incident_form_opens_lands_field_by_field(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "3")
        # i opens the form; tab leaves the date (today); the words go to "What happened"; tab to the
        # requirements list, space ticks the first one (Speech therapy), tab to Setting
        ui.burst(pilot, "i", "tab", *"No para", "tab", "space", "tab", *"math")
        await ui.settle(pilot)
        form: Any = app.screen
        assert type(form).__name__ == "IncidentForm"
        assert form.query_one("#date", Input).value == "today"
        assert form.query_one("#what", TextArea).text == "No para"
        assert form.query_one("#linked-requirements").selected == ["req-speech"]
        assert form.query_one("#setting", Input).value == "math"


async def test_enter_between_fields_in_a_burst_moves_on_like_tab(workspace, make_app, ui):
    app = make_app(workspace.ensure())
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        # Enter in a text field moves to the next one (Student, State, School), ctrl+s saves
        ui.burst(pilot, "ctrl+n", *"Sam", "enter", *"or", "enter", *"Maple", "ctrl+s")
        await ui.settle(pilot)
        assert type(app.screen).__name__ == "CaseScreen"
        summaries = CaseStore(workspace).summaries()
        assert [(s["student"], s["state"], s["school"]) for s in summaries] == [("Sam", "OR", "Maple")]


async def test_a_burst_into_the_quick_log_saves_what_was_typed(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    store = CaseStore(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "2")  # the Checklist, cursor on Speech therapy
        # l opens the quick log, m missed, p provider absent, tab to the note, the note, Enter saves
        ui.burst(pilot, "l", "m", "p", "tab", *"no sub", "enter")
        await ui.settle(pilot)
        assert type(app.screen).__name__ == "CaseScreen"
        new = [s for s in store.load(DEMO).sessions if s.date.isoformat() == "2026-11-28"]
        assert [(s.requirement_id, s.status, s.reason, s.note) for s in new] == [
            ("req-speech", "missed", "provider-absent", "no sub")
        ]


async def test_keys_typed_while_the_case_loads_wait_for_it(demo_workspace, make_app, ui, monkeypatch):
    import time

    from iep_tui.ui import case_data

    load = case_data.build_case_data

    def slow_load(*args: Any) -> Any:  # a big case over a slow disk
        time.sleep(1.5)
        return load(*args)

    monkeypatch.setattr(case_data, "build_case_data", slow_load)
    app = make_app(demo_workspace, DEMO)
    store = CaseStore(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.data is None  # still loading
        ui.burst(pilot, "l", "d", "enter")  # a delivered session for the first requirement, today
        await ui.settle(pilot)
        new = [s for s in store.load(DEMO).sessions if s.date.isoformat() == "2026-11-28"]
        assert [(s.requirement_id, s.status) for s in new] == [("req-speech", "delivered")]


async def test_tabs_typed_in_a_burst_end_on_the_last_one_with_its_table_focused(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        # 5 builds the Calendar for the first time (the slowest tab); its focus must not land after 4
        ui.burst(pilot, "5", "4", "down")
        await ui.settle(pilot)
        assert app.screen.query_one("#tabs", TabbedContent).active == "escalation"
        steps = app.screen.query_one("#steps", DataTable)
        assert app.screen.focused is steps
        assert steps.cursor_row == 1  # "down" moved the steps cursor, not the calendar's day


async def test_a_tab_left_before_its_pane_was_built_does_not_pull_the_view_back(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        screen: Any = app.screen
        # two tab switches in one tick (two palette commands, or keys over a slow link): the Calendar's
        # pane is built first, and its focus used to land after the switch to Escalation
        screen.action_show_tab("calendar")
        screen.action_show_tab("escalation")
        await ui.settle(pilot)
        assert screen.query_one("#tabs", TabbedContent).active == "escalation"
        assert screen.focused is screen.query_one("#steps")
