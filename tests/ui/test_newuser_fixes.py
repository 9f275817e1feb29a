"""What the new-user trial (80x24 over SSH) found: each test drives the keys the report names."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.widgets import DataTable

from iep_tui.store.case_store import CaseStore


def caseload_cells(app: Any) -> list[list[str]]:
    table = app.screen.query_one("#cases", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def caseload_message(app: Any) -> str:
    return str(app.screen.query_one("#caseload-message").content)


async def create_case_from_empty_caseload(pilot: Any, ui: Any) -> str:
    """ctrl+n on the empty caseload, as the trial did; then one missed Speech session (through the service)."""
    from iep_tui.services.ledger_service import add_requirement, log_session

    app = pilot.app
    await ui.settle(pilot)
    assert "No cases yet" in caseload_message(app)
    await ui.press(pilot, "ctrl+n")
    await ui.type_text(pilot, "Maya Reyes")
    await pilot.press("tab")
    await ui.type_text(pilot, "tx")
    await pilot.press("tab")
    await ui.type_text(pilot, "Lone Oak Elementary")
    await ui.press(pilot, "f2")
    assert type(app.screen).__name__ == "CaseScreen"
    store = CaseStore(app.workspace)
    (case_id,) = store.case_ids()
    add_requirement(
        store, case_id, kind="service", name="Speech", text="Speech 30 min 2x weekly", frequency="30 min 2x weekly"
    )
    log_session(
        store, case_id, "speech", "missed", today=date(2026, 11, 28), on=date(2026, 11, 24), reason="provider-absent"
    )
    return case_id


# One missed 30-minute Speech session (provider absent, a school day) is 30 minutes owed; nothing
# is overdue: the numbers every caseload row must show once read, never "…".
OWED = "30"


def assert_numbers_shown(app: Any) -> None:
    (row,) = caseload_cells(app)
    assert row[3] == OWED, row
    assert row[4] != "…" and row[5] == "0", row
    assert not app.screen.query_one("#caseload-progress").display  # "Reading cases 0%" gone


async def test_archive_and_bring_back_from_the_case_shows_the_numbers_again(workspace, make_app, ui):
    app = make_app(workspace.ensure())
    async with app.run_test(size=(80, 24)) as pilot:
        await create_case_from_empty_caseload(pilot, ui)
        await ui.press(pilot, "f8", "y")  # archive, from inside the case
        assert type(app.screen).__name__ == "CaseloadScreen"
        await ui.press(pilot, "ctrl+t")  # the archived row, with its numbers
        assert "(archived)" in caseload_cells(app)[0][1]
        assert_numbers_shown(app)
        await ui.press(pilot, "f8", "y")  # bring it back
        await ui.settle(pilot)
        assert "(archived)" not in caseload_cells(app)[0][1]
        assert_numbers_shown(app)


async def test_archive_and_bring_back_from_the_caseload_shows_the_numbers_again(workspace, make_app, ui):
    app = make_app(workspace.ensure())
    async with app.run_test(size=(80, 24)) as pilot:
        await create_case_from_empty_caseload(pilot, ui)
        await ui.press(pilot, "escape")
        assert type(app.screen).__name__ == "CaseloadScreen"
        assert_numbers_shown(app)
        await ui.press(pilot, "f8", "y", "ctrl+t")
        assert_numbers_shown(app)
        await ui.press(pilot, "f8", "y")
        await ui.settle(pilot)
        assert "(archived)" not in caseload_cells(app)[0][1]
        assert_numbers_shown(app)


async def test_every_case_archived_says_so_and_the_status_follows_ctrl_t(workspace, make_app, ui):
    from iep_tui.services.cases import create_case, set_archived

    store = CaseStore(workspace.ensure())
    for name in ("Ana", "Ben"):
        set_archived(store, create_case(store, student=name, state="WA").id)
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        assert caseload_cells(app) == []
        hidden = caseload_message(app)
        assert "2 archived" in hidden and "ctrl+t" in hidden
        await ui.press(pilot, "ctrl+t")
        assert len(caseload_cells(app)) == 2
        assert "2 archived (shown)" in caseload_message(app)
        await ui.press(pilot, "ctrl+t")
        assert caseload_cells(app) == []
        assert "(shown)" not in caseload_message(app)
        assert "2 archived" in caseload_message(app)


async def test_a_row_read_before_bringing_back_does_not_land_after_it(workspace, bare_case, make_app, ui, monkeypatch):
    """Back on the caseload (Esc from the case), F8 y: the caseload re-reads the case it came back from
    while the archive is saved. A slow re-read that began before the change must not overwrite the
    fresh list: the case brought back is listed as not archived, with its numbers."""
    import time

    import iep_tui.ui.case_data as case_data

    app = make_app(workspace)  # one case (bare_case: one missed 30-minute Speech session): straight into it
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "escape", "f8", "y", "ctrl+t")
        assert "(archived)" in caseload_cells(app)[0][1]
        build = case_data.build_case_data

        def slow_build(*args: Any) -> Any:
            data = build(*args)  # read as the file was when the re-read began...
            time.sleep(0.5)  # ...and finished after the whole caseload was read again
            return data

        monkeypatch.setattr(case_data, "build_case_data", slow_build)
        await ui.press(pilot, "f8", "y")
        await ui.settle(pilot)
        await pilot.pause(0.8)
        await ui.settle(pilot)
        assert "(archived)" not in caseload_cells(app)[0][1]
        assert_numbers_shown(app)


# ---------------------------------------------------------------- #16: ctrl+p lists the app's commands first

TEXTUAL_COMMANDS = {"Keys", "Maximize", "Minimize", "Screenshot", "Theme", "Quit"}
"""Textual's own system commands (App.get_system_commands in Textual 8)."""


async def palette_titles(pilot: Any, ui: Any) -> list[str]:
    from textual.command import CommandList

    await ui.press(pilot, "ctrl+p")
    await ui.settle(pilot)
    await pilot.pause(0.5)  # the palette adds what the providers found in batches of 0.25 s
    options = pilot.app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).hit.text) for i in range(options.option_count)]


async def test_ctrl_p_lists_the_apps_commands_before_textuals(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, "demo-lena")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        titles = await palette_titles(pilot, ui)
        textual_at = [i for i, title in enumerate(titles) if title in TEXTUAL_COMMANDS]
        ours_at = [i for i, title in enumerate(titles) if title not in TEXTUAL_COMMANDS]
        assert ours_at and textual_at  # both are offered...
        assert max(ours_at) < min(textual_at), titles[:8]  # ...every one of the app's first
