"""A case's first frame and the caseload use the numbers cache; the computed data always follows."""

from __future__ import annotations

import json
import time
from typing import Any

from textual.widgets import DataTable

from iep_tui.store.case_store import CaseStore
from tests.ui.conftest import TODAY

DEMO = "demo-lena"


def slow_loads(monkeypatch: Any, seconds: float = 1.5) -> None:
    """Computing a case takes a while (years of entries, a slow disk)."""
    from iep_tui.ui import case_data

    load = case_data.load_case_data

    def slow(*args: Any) -> Any:
        time.sleep(seconds)
        return load(*args)

    monkeypatch.setattr(case_data, "load_case_data", slow)


def bars(screen: Any) -> list[tuple[str, int]]:
    return [(r.label, r.owed) for r in screen.query_one("#owed-bars")._rows]


async def test_the_first_frame_shows_the_cached_minutes_then_the_computed_ones(
    demo_workspace, make_app, ui, monkeypatch
):
    from iep_tui.ui.case_data import build_case_data

    computed = build_case_data(CaseStore(demo_workspace), DEMO, TODAY)  # an earlier visit today left the cache
    expected = [(r.name, r.owed_minutes) for r in computed.ledger if r.counted]
    slow_loads(monkeypatch)
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen: Any = app.screen
        assert screen.data is None and screen.numbers_shown
        assert bars(screen) == expected
        assert "Lena Marsh" in str(screen.query_one("#case-title").content)
        await ui.settle(pilot)
        assert screen.data is not None and bars(screen) == expected


async def test_without_a_cache_the_case_loads_as_before(demo_workspace, make_app, ui, monkeypatch):
    slow_loads(monkeypatch)
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.numbers_shown and bars(app.screen) == []
        await ui.settle(pilot)
        assert app.screen.numbers_shown and bars(app.screen)
        cache = json.loads((demo_workspace.data / "numbers.json").read_text("utf-8"))  # left for the next time
        assert list(cache["cases"]) == [DEMO]


async def test_a_tampered_cache_cannot_reach_the_terminal(demo_workspace, make_app, monkeypatch):
    from iep_tui.ui.case_data import build_case_data

    build_case_data(CaseStore(demo_workspace), DEMO, TODAY)
    path = demo_workspace.data / "numbers.json"
    cache = json.loads(path.read_text("utf-8"))
    cache["cases"][DEMO]["numbers"]["student"] = "Lena\x1b]52;c;ZXZpbA==\x07"
    path.write_text(json.dumps(cache), "utf-8")
    slow_loads(monkeypatch)
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        title = str(app.screen.query_one("#case-title").content)
        assert "\x1b" not in title and "\\x1b" in title


async def test_a_warm_caseload_is_filled_without_computing_a_case(workspace, make_app, ui, monkeypatch):
    from iep_tui.demo.demo_case import build_demo_bundle
    from iep_tui.ui import case_data

    store = CaseStore(workspace.ensure())
    demo = build_demo_bundle()
    for n in range(3):
        case = demo.case.model_copy(update={"id": f"case-{n}", "student": f"Student {n}", "is_demo": False})
        store.create(demo.model_copy(update={"case": case}))
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # the first visit computes every case
        await ui.settle(pilot)
        first = {r.id: (r.owed, r.next_due, r.overdue, r.safety) for r in app.screen.rows.values()}
    assert all(owed is not None for owed, *_ in first.values())

    def no_computing(*args: Any) -> Any:
        raise AssertionError("a case was computed")

    monkeypatch.setattr(case_data, "load_case_data", no_computing)
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        again = {r.id: (r.owed, r.next_due, r.overdue, r.safety) for r in app.screen.rows.values()}
        assert again == first
        assert app.screen.query_one("#cases", DataTable).row_count == 3


async def test_a_quick_log_confirms_before_the_case_is_recomputed_and_keys_wait_for_it(
    demo_workspace, make_app, ui, monkeypatch
):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ui.settle(pilot)
        slow_loads(monkeypatch)  # from now on, recomputing the case takes 1.5 s
        ui.burst(pilot, "l", "d", "enter")
        for _ in range(200):
            await pilot.pause()
            if any("Logged" in n.message for n in app._notifications):
                break
        screen: Any = app.screen
        assert type(screen).__name__ == "CaseScreen"
        assert any("Logged Speech therapy delivered" in n.message for n in app._notifications)
        assert screen.holds_keys  # the numbers are being recomputed
        ui.burst(pilot, "2")  # typed at once: waits for the new numbers, then shows the Checklist
        await ui.settle(pilot)
        assert not screen.holds_keys
        assert screen.query_one("#tabs").active == "checklist"
