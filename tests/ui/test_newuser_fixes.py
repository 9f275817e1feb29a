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


# ---------------------------------------------------------------- #13: columns sized to the terminal


def column_report(table: Any) -> dict[str, tuple[int, int]]:
    """Each column's width, and the widest text in its cells (the longest line of a wrapped cell)."""
    out: dict[str, tuple[int, int]] = {}
    for index, col in enumerate(table.ordered_columns):
        texts = [str(table.get_row_at(r)[index]) for r in range(table.row_count)]
        widest = max((len(line) for text in texts for line in text.splitlines()), default=0)
        out[str(col.label)] = (col.width, widest)
    return out


async def test_keys_dialog_shows_every_binding_id_whole_at_80_columns(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, "demo-lena")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        for tab in "12345":
            await ui.press(pilot, tab, "question_mark")
            table = app.screen.query_one("#keys-table", DataTable)
            columns = column_report(table)
            width, widest = columns["id"]
            assert widest >= len("export-letter") and width >= widest, (tab, columns)  # the ids keymap.toml needs
            what_width, what_widest = columns["What it does"]
            assert what_widest <= what_width, (tab, columns)  # a long description takes two lines, never cut
            assert table.region.right <= 80
            await ui.press(pilot, "escape")


async def test_a_wide_terminal_gives_the_checklist_and_incidents_columns_whole(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, "demo-lena")
    async with app.run_test(size=(200, 50)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "2")
        checklist = column_report(app.screen.query_one("#requirements", DataTable))
        for name in ("Requirement", "Role", "Setting", "Frequency"):
            width, widest = checklist[name]
            assert width >= widest, (name, checklist)  # "pull-out (speech room)" whole
        assert "IEP words" in checklist
        await ui.press(pilot, "3")
        table = app.screen.query_one("#incident-table", DataTable)
        incidents = column_report(table)
        for name in ("What happened", "Requirement", "Told"):
            width, widest = incidents[name]
            assert width >= widest, (name, incidents)  # "Tests read aloud, Extended time" whole
        # the table uses the terminal's width: the columns and their padding (2 each) fill it, bar a scrollbar
        assert sum(w for w, _ in incidents.values()) + 2 * len(incidents) >= 200 - 4


async def test_an_80_column_incident_table_fits_and_names_who_was_told_whole(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, "demo-lena")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "3")
        table = app.screen.query_one("#incident-table", DataTable)
        incidents = column_report(table)
        assert sum(w for w, _ in incidents.values()) + 2 * len(incidents) <= 80 - 2  # no sideways scroll
        told_width, told_widest = incidents["Told"]
        assert told_widest <= told_width  # roles whole, or "+N" for the others


def test_fit_widths_cuts_the_widest_first_and_gives_the_spare_to_the_long_texts():
    from iep_tui.ui.widgets.fitted_columns import Column, fit_widths, fixed

    # 50 cells: 3 columns of 2 padding and a scrollbar of 2 leave 42. A date (10, fixed), a text of 50
    # (at least 10) and a role of 8: 10 + 8 = 18 are whole, the text gets the other 24.
    assert fit_widths([fixed("Date", 10), Column("What", 50, 10), Column("Role", 8, 4)], 50) == [10, 24, 8]
    # Two texts of 30 and 20 and a fixed 10 in 50: 32 left for the texts; cut to the same width, 16 each.
    assert fit_widths([fixed("Date", 10), Column("A", 30, 5), Column("B", 20, 5)], 50) == [10, 16, 16]
    # 40 cells, everything whole (10 + 5 + 5 of 32): the 12 spare go to the growing columns, 6 each.
    assert fit_widths([fixed("Date", 10), Column("A", 5, 1, True), Column("B", 5, 1, True)], 40) == [10, 11, 11]
    # Not even the minimums fit in 20 (12 left): the minimums, and the table scrolls sideways.
    assert fit_widths([fixed("Date", 10), Column("A", 30, 8)], 20) == [10, 8]


# ---------------------------------------------------------------- #14: wording


async def test_one_week_of_impact_is_one_week(workspace, bare_case, make_app, ui):
    from iep_tui.services.ledger_service import log_week

    # one snapshot, for the week of Mon 2026-11-23 (today is Sat 2026-11-28)
    log_week(CaseStore(workspace), bare_case, today=date(2026, 11, 28), week=date(2026, 11, 23), missing_work=2)
    app = make_app(workspace, bare_case)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        title = str(app.screen.query_one("#impact-title").content)
        assert title == "Weekly impact · 1 week from 23 Nov"


async def test_suggested_steps_name_what_happened_not_internal_ids(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, "demo-lena")
    async with app.run_test(size=(200, 50)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "4")
        text = str(app.screen.query_one("#suggestions").content)
        assert "Follow up in writing" in text  # the suggestions are there...
        bundle = CaseStore(demo_workspace).load("demo-lena")
        ids = [e.id for e in [*bundle.sessions, *bundle.incidents, *bundle.escalations, *bundle.meetings]]
        assert not [i for i in ids if i in text]  # ...and none names an entry by its id
        assert "(s)" not in text


async def test_a_meeting_whose_recap_was_sent_shows_no_due_date(demo_workspace, make_app, ui):
    # the demo's held meeting of Tue 2026-10-06 has its recap sent: nothing is due for it
    app = make_app(demo_workspace, "demo-lena")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "4")
        table = app.screen.query_one("#meetings", DataTable)
        (meeting,) = [m for m in CaseStore(demo_workspace).load("demo-lena").meetings if m.status == "held"]
        assert meeting.recap_sent is not None
        row = [str(cell) for cell in table.get_row(meeting.id)]
        assert row[4] == "—"  # Due: not the day the recap went out
        assert row[5] == "recap sent"


async def test_count_days_says_estimate_once(workspace, bare_case, make_app, ui):
    app = make_app(workspace, bare_case)  # WA, no district calendar: every school-day count is an estimate
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "5", "c")
        assert type(app.screen).__name__ == "CountDaysDialog"
        await ui.press(pilot, "enter")
        lines = str(app.screen.query_one("#count-text").content).splitlines()
        assert lines[0].startswith("Due ")
        assert [line for line in lines if "ESTIMATE" in line] == [lines[1]]  # one sentence, right after the date


async def test_brackets_a_parent_types_are_shown_as_typed_not_read_as_markup(demo_workspace, make_app, ui):
    """Textual reads a str table cell as markup: '[/]' in an incident raised MarkupError while the
    Incidents table drew, and '[b]...[/b]' restyled the fact. Every table shows text as typed."""
    from datetime import date

    from textual.widgets import DataTable

    from iep_tui.services.ledger_service import log_incident
    from iep_tui.store.case_store import CaseStore

    what = "Aide said [/] twice; note [b]bold[/b] kept"
    logged = log_incident(CaseStore(demo_workspace), "demo-lena", what, today=date(2026, 11, 28), on=date(2026, 11, 27))
    app = make_app(demo_workspace, "demo-lena")
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "3")
        table = app.screen.query_one("#incident-table", DataTable)
        row = table.get_row(logged.incident.id)
        assert any(str(cell).startswith("Aide said [/] twice; note [b]bold") for cell in row), row


async def test_brackets_in_a_safety_incident_and_a_requirement_are_shown_on_every_tab(demo_workspace, make_app, ui):
    """The same '[/]' in a safety incident (the Dashboard's safety list, the banner, the suggestions) and in a
    requirement's IEP words (the Checklist's detail): every tab draws, and the words stay as typed."""
    from datetime import date

    from iep_tui.services.ledger_service import add_requirement, log_incident
    from iep_tui.store.case_store import CaseStore

    store = CaseStore(demo_workspace)
    add_requirement(store, "demo-lena", kind="support", name="Walk [/] buddy", text="A buddy [b]at[/b] dismissal [/]")
    log_incident(
        store, "demo-lena", "Left at dismissal [/] alone", today=date(2026, 11, 28), on=date(2026, 11, 27), safety=True
    )
    app = make_app(demo_workspace, "demo-lena")
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.settle(pilot)
        for tab in ("2", "3", "4", "5", "1"):
            await ui.press(pilot, tab)
        await ui.press(pilot, "2", "end")
        await ui.settle(pilot)
        assert type(app.screen).__name__ == "CaseScreen"
        from textual.widgets import DataTable

        table = app.screen.query_one("#requirements", DataTable)
        names = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert any("Walk [/] buddy" in name for name in names), names
