"""The TUI's school-log import: a path with completion, the summary before saving, then the save."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from iep_tui.ui.dialogs.school_log_dialog import complete_path

# The demo case (Lena Marsh) has Speech therapy (30 min 2x weekly) and Occupational therapy (30 min 1x weekly).
LOG = (
    "Student Name,Service,Session Date,Duration (min),Attendance,Provider,Group Size,Comments\n"
    "Lena Marsh,Speech/Language,10/05/2026,30,Present,J. Smith,1,\n"  # delivered 30
    "Lena Marsh,Speech/Language,10/07/2026,30,Therapist Absent,J. Smith,1,no sub\n"  # missed provider-absent 30
    "Lena Marsh,OT,10/06/2026,20,Completed,K. Lee,1,\n"  # delivered 20: partial of 30
)


def test_path_completion(tmp_path: Path):
    (tmp_path / "logs").mkdir()
    (tmp_path / "service_log_fall.csv").write_text("x")
    (tmp_path / "service_log_spring.xlsx").write_text("x")
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / ".hidden.csv").write_text("x")
    base = str(tmp_path)
    assert complete_path(f"{base}/lo") == f"{base}/logs/"
    assert complete_path(f"{base}/serv") == f"{base}/service_log_"  # the common beginning of two log files
    assert complete_path(f"{base}/service_log_s") == f"{base}/service_log_spring.xlsx"
    assert complete_path(f"{base}/no") is None  # notes.txt is not a log file
    assert complete_path(f"{base}/.hid") == f"{base}/.hidden.csv"  # hidden files only when asked for
    assert complete_path(f"{base}/service_log_fall.csv") is None  # already complete
    assert complete_path(f"{base}/missing/x") is None


async def test_preview_then_import(demo_workspace, make_app, ui, tmp_path: Path):
    log = tmp_path / "district_log.csv"
    log.write_text(LOG)
    case_file = demo_workspace.root / "data" / "cases" / "demo-lena.json"
    app = make_app(demo_workspace, case_id="demo-lena")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "I")
        dialog = app.screen
        assert type(dialog).__name__ == "SchoolLogDialog"
        path = dialog.query_one("#path", Input)
        assert path.has_focus
        path.value = str(log)
        before = case_file.read_bytes()
        await ui.press(pilot, "f2")
        summary = str(dialog.query_one("#log-summary", Static).content)
        assert "New entries: 3." in summary
        assert "Speech therapy: 1 delivered (30 min), 1 missed (30 min: provider-absent 30)" in summary
        assert "Occupational therapy: 1 delivered (20 min, 1 partial)" in summary
        assert case_file.read_bytes() == before  # the preview saved nothing
        assert app.screen is dialog
        await ui.press(pilot, "f2")
        assert type(app.screen).__name__ == "CaseScreen"
        sessions = app.screen.data.bundle.sessions
        imported = [s for s in sessions if s.provenance is not None and s.provenance.file == "district_log.csv"]
        assert sorted(s.provenance.row for s in imported) == [2, 3, 4]


async def test_a_change_after_the_preview_previews_again_and_a_refusal_shows_in_the_form(
    demo_workspace, make_app, ui, tmp_path: Path
):
    good = tmp_path / "good.csv"
    good.write_text(LOG)
    bad = tmp_path / "bad.csv"
    bad.write_text(LOG.replace("Completed", "Compleet"))
    app = make_app(demo_workspace, case_id="demo-lena")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "I")
        dialog = app.screen
        dialog.query_one("#path", Input).value = str(good)
        await ui.press(pilot, "f2")
        assert "New entries: 3." in str(dialog.query_one("#log-summary", Static).content)
        dialog.query_one("#path", Input).value = str(bad)  # another file: F2 must not import the first
        await ui.settle(pilot)
        await ui.press(pilot, "f2")
        assert app.screen is dialog
        error = str(dialog.query_one("#form-error", Static).content)
        assert "'Compleet' (row 4)" in error and "--status" in error
        assert not any(s.provenance for s in app.screen_stack[-2].data.bundle.sessions)


async def test_the_key_is_on_the_dashboard_and_the_command_in_the_palette(demo_workspace, make_app, ui):
    from iep_tui.ui.commands import IepCommands

    app = make_app(demo_workspace, case_id="demo-lena")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        screen = app.screen
        palette = IepCommands(screen)
        await palette.startup()
        titles = [title for title, _, _ in palette._commands()]
        assert "import: the district's service log" in titles
        await ui.press(pilot, "2")  # the Checklist tab: not offered there
        assert screen.check_action("import_school_log", ()) is False
        await ui.press(pilot, "I")
        assert app.screen is screen
