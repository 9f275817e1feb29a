"""The CLI writes that had no TUI path (issue 12): the district calendar import, the ledger policy and
restoring a deleted case, each driven with keys only at 80x24, through the services the CLI calls."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input, Static

from iep_tui.store.case_store import CaseStore

# A district calendar for 2026-27. By hand: 2026-09-02 is a Wednesday, 2027-06-18 a Friday. Closures: Thanksgiving
# Thu 26 + Fri 27 Nov (2 weekdays) and the winter break Mon 21 Dec 2026 .. Fri 1 Jan 2027 (two Mon-Fri weeks, 10
# weekdays): 2 closures, 12 weekdays. Labor Day 2026 is the first Monday of September (the 1st is a Tuesday): Mon
# 2026-09-07, and the file does not close school that day, so the preview names it as a holiday with school.
CALENDAR_CSV = (
    "date,end,label,kind\n"
    "2026-09-02,,First day of school,first_day\n"
    "2027-06-18,,Last day of school,last_day\n"
    "2026-11-26,2026-11-27,Thanksgiving break,break\n"
    "2026-12-21,2027-01-01,Winter break,break\n"
)


def store_of(app: Any) -> CaseStore:
    return app.store


def summary_text(dialog: Any) -> str:
    return str(dialog.query_one("#calendar-summary", Static).content)


# ---------------------------------------------------------------- 1. the district calendar


async def test_the_district_calendar_is_previewed_then_imported_from_the_calendar_tab(
    workspace, bare_case, make_app, ui, tmp_path: Path
):
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "district_calendar_2026.csv").write_text(CALENDAR_CSV)
    case_file = workspace.case_file(bare_case)
    app = make_app(workspace, case_id=bare_case)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "5")
        assert "ESTIMATE: no district calendar" in str(app.screen.query_one("#month-list", Static).content)
        assert "I import" in " ".join(str(k.render()) for k in app.screen.query("FooterKey"))
        await ui.press(pilot, "I")
        dialog: Any = app.screen
        assert type(dialog).__name__ == "CalendarImportDialog"
        assert dialog.query_one("#path", Input).has_focus
        await ui.type_text(pilot, f"{folder}/dist")
        await ui.settle(pilot)
        await ui.press(pilot, "right")  # → accepts the completion: the only calendar file there
        assert dialog.query_one("#path", Input).value == f"{folder}/district_calendar_2026.csv"
        before = case_file.read_bytes()
        await ui.press(pilot, "f2")
        summary = summary_text(dialog)
        assert "School year: first day Wed 2026-09-02, last day Fri 2027-06-18." in summary
        assert "Closures: 2 (12 weekdays)." in summary
        assert "Mon 2026-09-07 Labor Day: a school day in this calendar" in summary
        assert case_file.read_bytes() == before  # the preview (the service's dry run) saved nothing
        assert app.screen is dialog
        await ui.press(pilot, "f2")
        assert type(app.screen).__name__ == "CaseScreen"
        settings = store_of(app).load(bare_case).case.calendar
        assert [(y.first_day.isoformat(), y.last_day.isoformat()) for y in settings.school_years] == [
            ("2026-09-02", "2027-06-18")
        ]
        assert len(settings.closures) == 2
        # recomputed on the district calendar: November 2026 has 21 weekdays (Sun the 1st: 2-6, 9-13, 16-20,
        # 23-27, 30) less the two Thanksgiving closures = 19 school days, no longer an estimate
        assert not app.screen.data.estimate
        month = str(app.screen.query_one("#month-list", Static).content)
        assert month.startswith("19 school days\n")
        assert app.screen.active_tab == "calendar"


async def test_a_calendar_that_cannot_be_read_is_one_sentence_and_nothing_is_saved(
    workspace, bare_case, make_app, ui, tmp_path: Path
):
    bad = tmp_path / "calendar.csv"
    bad.write_text("date,label,kind\n2026-13-01,Teacher workday,staff_day\n")
    case_file = workspace.case_file(bare_case)
    before = case_file.read_bytes()
    app = make_app(workspace, case_id=bare_case)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "5", "I")
        dialog: Any = app.screen
        await ui.type_text(pilot, str(bad))
        await ui.press(pilot, "f2")
        # the service's own sentence (calendar_import._parse_csv_date): month 13 is no date
        error = str(dialog.query_one("#form-error", Static).content)
        expected = "calendar.csv line 2: date '2026-13-01' is not a date such as 2026-11-11 (or 11/11/2026)."
        assert error == expected
        assert app.screen is dialog
        await ui.press(pilot, "f2")  # nothing was previewed: F2 reads it again, and never imports
        assert app.screen is dialog
    assert case_file.read_bytes() == before


async def test_a_calendar_file_changed_after_its_preview_is_not_imported(
    workspace, bare_case, make_app, ui, tmp_path: Path
):
    # F2 previews one school year; the file is then replaced by one with another last day before the second
    # F2: what would be saved is not what was shown, so nothing is saved and the dialog says to preview again
    path = tmp_path / "calendar.csv"
    path.write_text(CALENDAR_CSV)
    case_file = workspace.case_file(bare_case)
    before = case_file.read_bytes()
    app = make_app(workspace, case_id=bare_case)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "5", "I")
        dialog: Any = app.screen
        await ui.type_text(pilot, str(path))
        await ui.press(pilot, "f2")
        assert "last day Fri 2027-06-18" in summary_text(dialog)
        path.write_text(CALENDAR_CSV.replace("2027-06-18", "2027-06-11"))
        await ui.press(pilot, "f2")
        await ui.settle(pilot)
        assert app.screen is dialog
        error = str(dialog.query_one("#form-error", Static).content)
        assert "changed since the preview: nothing was imported" in error
    assert case_file.read_bytes() == before


async def test_the_palette_imports_the_calendar_from_any_tab(workspace, bare_case, make_app, ui):
    app = make_app(workspace, case_id=bare_case)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        assert app.screen.active_tab == "dashboard"  # not the Calendar tab, where the key is
        await ui.press(pilot, "ctrl+p")
        await ui.type_text(pilot, "import: the district's school calendar")
        await ui.settle(pilot)
        await ui.press(pilot, "enter")
        await ui.settle(pilot)
        assert type(app.screen).__name__ == "CalendarImportDialog"


# ---------------------------------------------------------------- 2. the ledger policy


async def test_the_ledger_policy_form_opens_on_the_policy_and_saves_what_was_changed(
    workspace, bare_case, make_app, ui
):
    app = make_app(workspace, case_id=bare_case)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "P")
        form: Any = app.screen
        assert type(form).__name__ == "PolicyForm"
        # the case's policy as created: prorate, not-as-written owed, no session days
        assert form.query_one("#partial_period").value == "prorate"
        assert form.query_one("#written").value == "owed"
        assert form.query_one("#days-0", Input).value == ""
        assert form.query_one("#partial_period").has_focus
        # prorate -> sessions: the choices are prorate, full, none, sessions (three down)
        await ui.press(pilot, "enter", "down", "down", "down", "enter")
        await ui.press(pilot, "tab", "tab")  # past "not as written" to Speech's session days
        assert form.query_one("#days-0", Input).has_focus
        await ui.type_text(pilot, "tue, thu")
        await ui.press(pilot, "f2")
        assert type(app.screen).__name__ == "CaseScreen"
        policy = store_of(app).load(bare_case).case.policy
        assert policy.partial_period == "sessions"
        speech = store_of(app).load(bare_case).requirements[0]
        assert speech.name == "Speech" and policy.session_days == {speech.id: ["tue", "thu"]}
        assert policy.not_as_written_owed is True  # not touched
        assert app.screen.data.bundle.case.policy == policy  # the case was read again with it
        assert "Ledger policy saved: partial periods sessions." in str(app.screen.query_one("#last-saved").content)
        await ui.press(pilot, "P")  # opens on what was saved
        form = app.screen
        assert form.query_one("#partial_period").value == "sessions"
        assert form.query_one("#days-0", Input).value == "tue,thu"


async def test_session_days_that_do_not_fit_the_frequency_are_the_services_sentence(workspace, bare_case, make_app, ui):
    app = make_app(workspace, case_id=bare_case)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "P", "tab", "tab")
        form: Any = app.screen
        await ui.type_text(pilot, "tue")  # Speech is 30 min 2x weekly: two weekdays, not one
        await ui.press(pilot, "shift+tab")
        await ui.press(pilot, "f2")
        error = str(form.query_one("#form-error", Static).content)
        assert error.startswith("Speech has 2 sessions a week") and error.endswith("give 2 weekdays, not 1."), error
        assert app.screen is form and form.query_one("#days-0", Input).has_focus
    assert store_of(app).load(bare_case).case.policy.session_days == {}


async def test_a_policy_changed_elsewhere_since_the_form_opened_is_a_conflict(workspace, bare_case, make_app, ui):
    from iep_tui.services.ledger_service import set_policy

    app = make_app(workspace, case_id=bare_case)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "P")
        form: Any = app.screen
        # meanwhile, the CLI: `iep-tui policy --not-as-written delivered`
        set_policy(CaseStore(workspace), bare_case, not_as_written_owed=False)
        await ui.press(pilot, "enter", "down", "enter")  # prorate -> full
        await ui.press(pilot, "f2")
        error = str(form.query_one("#form-error", Static).content)
        assert "the case changed elsewhere since you opened its ledger policy" in error, error
        assert app.screen is form
    policy = store_of(app).load(bare_case).case.policy
    assert (policy.partial_period, policy.not_as_written_owed) == ("prorate", False)  # the other change kept


# ---------------------------------------------------------------- 3. a deleted case restored


def two_cases(workspace: Any) -> tuple[str, str]:
    from iep_tui.services.cases import create_case

    store = CaseStore(workspace.ensure())
    return create_case(store, student="Sam Ortiz", state="WA").id, create_case(store, student="Ana Ruiz", state="WA").id


async def test_a_case_deleted_in_the_tui_is_restored_from_the_caseload(workspace, make_app, ui):
    sam, ana = two_cases(workspace)
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.type_text(pilot, "sam")  # the filter: Sam's row only
        await ui.press(pilot, "f9")
        confirm: Any = app.screen
        # the delete says how to undo it here, not with the command line
        detail = str(confirm.query_one(".confirm-detail", Static).content)
        assert "F7 on the caseload brings it back" in detail and "iep-tui restore" not in detail
        await ui.type_text(pilot, "Sam Ortiz")
        await ui.press(pilot, "enter")
        assert not store_of(app).exists(sam)
        await ui.press(pilot, "escape")  # clear the filter
        assert list(app.screen.rows) == [ana]
        await ui.press(pilot, "f7")
        dialog: Any = app.screen
        assert type(dialog).__name__ == "RestoreDialog"
        table = dialog.query_one("#backups")
        # Sam's only backup is the file kept at the delete: number 1, as deleted
        assert table.row_count == 1
        assert [str(c) for c in table.get_row_at(0)][:2] == ["Sam Ortiz", "1"]
        assert str(table.get_row_at(0)[3]).startswith("as deleted")
        await ui.press(pilot, "enter")
        assert type(app.screen).__name__ == "ConfirmDialog"
        await ui.press(pilot, "y")
        assert type(app.screen).__name__ == "CaseloadScreen"
        assert store_of(app).exists(sam)
        assert set(app.screen.rows) == {sam, ana}
        assert app.screen.highlighted_id() == sam  # the restored case, highlighted: enter opens it
        await ui.press(pilot, "f7")
        assert app.screen.query_one("#backups").row_count == 0  # nothing deleted any more
        assert "No deleted cases" in str(app.screen.query_one("#restore-status", Static).content)


async def test_the_delete_inside_a_case_names_the_caseload_key_and_the_palette_restores(workspace, make_app, ui):
    sam, _ = two_cases(workspace)
    app = make_app(workspace, case_id=sam)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "f9")
        detail = str(app.screen.query_one(".confirm-detail", Static).content)
        assert "F7 on the caseload brings it back" in detail and "iep-tui restore" not in detail
        await ui.type_text(pilot, "sam ortiz")
        await ui.press(pilot, "enter")
        assert type(app.screen).__name__ == "CaseloadScreen"
        await ui.press(pilot, "ctrl+p")
        await ui.type_text(pilot, "caseload: restore a deleted case")
        await ui.settle(pilot)
        await ui.press(pilot, "enter")
        await ui.settle(pilot)
        assert type(app.screen).__name__ == "RestoreDialog"
        await ui.press(pilot, "enter", "n")  # asked first: n keeps it deleted
        assert type(app.screen).__name__ == "RestoreDialog" and not store_of(app).exists(sam)
        await ui.press(pilot, "enter", "y")
        assert store_of(app).exists(sam)
