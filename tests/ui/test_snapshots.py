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


def _steady_cursors(screen) -> None:
    """A blinking cursor is a coin toss in a snapshot."""
    for widget in screen.query("Input, TextArea"):
        widget.cursor_blink = False


@pytest.mark.parametrize("theme", ["textual-dark", "ansi-dark"])
def test_incident_form_marks_the_focused_field(snap_compare, demo_workspace, make_app, ui, theme):
    app = make_app(demo_workspace, DEMO, theme=theme)

    async def run_before(pilot) -> None:
        await ui.settle(pilot)
        await ui.press(pilot, "3", "i")
        _steady_cursors(pilot.app.screen)
        await ui.press(pilot, "tab")
        await ui.type_text(pilot, "No break card")

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))


def test_the_safety_notice_opens_as_a_draft(snap_compare, demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)

    async def run_before(pilot) -> None:
        await ui.settle(pilot)
        await ui.press(pilot, "exclamation_mark")
        _steady_cursors(pilot.app.screen)

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))


def test_quick_log_with_a_note_on_a_weekend(snap_compare, demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)

    async def run_before(pilot) -> None:
        await ui.settle(pilot)
        await ui.press(pilot, "l", "d")
        _steady_cursors(pilot.app.screen)
        await ui.press(pilot, "tab")
        await ui.type_text(pilot, "make-up in the resource room")

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))


def test_keys_of_the_escalation_tab(snap_compare, demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)

    async def run_before(pilot) -> None:
        await ui.settle(pilot)
        await ui.press(pilot, "4", "question_mark")

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))


def test_dashboard_on_a_big_terminal(snap_compare, demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)

    async def run_before(pilot) -> None:
        await ui.settle(pilot)

    assert snap_compare(app, run_before=run_before, terminal_size=(200, 60))


def test_export_dialog_lists_every_missing_fact(snap_compare, workspace, bare_case, make_app, ui):
    app = make_app(workspace, bare_case)

    async def run_before(pilot) -> None:
        await ui.settle(pilot)
        await ui.press(pilot, "x")

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))
