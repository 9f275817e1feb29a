"""What the screen looks like: every tab at 80x24 and 120x40, with the demo case and a fixed today.

The app's theme is set explicitly and conftest clears NO_COLOR and TEXTUAL_THEME, so the
SVGs do not depend on the machine. Update them with `pytest tests/ui --snapshot-update`
and look at every changed SVG before committing it.
"""

from __future__ import annotations

import pytest

DEMO = "demo-lena"
TABS = {"dashboard": "1", "checklist": "2", "incidents": "3", "escalation": "4", "calendar": "5"}
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


@pytest.mark.parametrize("size", list(SIZES), ids=list(SIZES))
@pytest.mark.parametrize("tab", list(TABS), ids=list(TABS))
def test_every_tab(snap_compare, demo_workspace, make_app, ui, tab, size):
    app = make_app(demo_workspace, DEMO)

    async def run_before(pilot) -> None:
        await ui.settle(pilot)
        await ui.press(pilot, TABS[tab])

    assert snap_compare(app, run_before=run_before, terminal_size=SIZES[size])


def test_quick_log_asks_why_missed(snap_compare, demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)

    async def run_before(pilot) -> None:
        await ui.settle(pilot)
        await ui.press(pilot, "2", "l", "m")

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))


def test_dashboard_in_sixteen_colours(snap_compare, demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO, theme="ansi-dark")

    async def run_before(pilot) -> None:
        await ui.settle(pilot)

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))


def test_caseload(snap_compare, workspace, make_app, ui):
    from iep_tui.demo.demo_case import build_demo_bundle
    from iep_tui.services.cases import create_case
    from iep_tui.store.case_store import CaseStore

    store = CaseStore(workspace.ensure())
    demo = build_demo_bundle()
    store.create(demo)
    create_case(store, student="Sam Ortiz", state="OR", school="Maple Elementary", district="Salem-Keizer")
    create_case(store, student="Ada Nguyễn", state="WA", school="Cedar Ridge Elementary")
    app = make_app(workspace)

    async def run_before(pilot) -> None:
        await ui.settle(pilot)
        pilot.app.screen.query_one("#filter").cursor_blink = False  # a blinking cursor is a coin toss

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))
