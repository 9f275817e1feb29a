"""A save's toast is two lines at most; the whole confirmation is under the panes until the tab changes."""

from __future__ import annotations

from typing import Any

DEMO = "demo-lena"


async def test_a_quick_log_toast_is_short_and_the_details_stay_under_the_panes(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "2", "l", "m", "p", "enter")  # today is a Saturday: the service warns
        toast = next(n for n in app._notifications if n.title == "Saved")
        # what was logged and the minutes owed, and that the service has notes: two lines of a 54-column toast
        assert "\n" not in toast.message and len(toast.message) <= 2 * 54, toast.message
        assert toast.message.startswith("Logged Speech therapy missed Sat 28 Nov: ")
        assert "min owed." in toast.message and toast.message.endswith("note below.")
        screen: Any = app.screen
        details = str(screen.query_one("#last-saved").content)
        assert details.startswith("Logged Speech therapy missed on Sat 2026-11-28 (provider-absent, 30 min).")
        assert screen.query_one("#last-saved").display
        await ui.press(pilot, "1")
        assert not screen.query_one("#last-saved").display


def shown_toasts(app: Any) -> list[Any]:
    """The toasts drawn on the screen shown (a dialog's too)."""
    from textual.widgets._toast import Toast

    return list(app.screen.query(Toast))


def covers(toast: Any, widget: Any) -> bool:
    return bool(toast.region.intersection(widget.region).area)


async def test_the_export_dialog_says_what_it_saved_in_its_status_and_no_toast_covers_it(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "x")
        dialog: Any = app.screen
        assert type(dialog).__name__ == "ExportDialog" and dialog.kind == "compliance-notice"
        raised = len(list(app._notifications))
        await ui.press(pilot, "enter")  # no compliance notice waits in the demo: the letter can become a draft
        status = dialog.query_one("#export-status")
        assert "d records it as a draft step" in str(status.content)
        await ui.press(pilot, "d")
        assert "Recorded as a DRAFT step" in str(status.content)
        # the status said it: no toast over the dialog (the audit saw "Written" and "Saved" hide the d hint)
        assert list(app._notifications)[raised:] == []
        assert not [t for t in shown_toasts(app) if covers(t, status)]
        await ui.press(pilot, "escape")
        screen: Any = app.screen
        assert "draft" in str(screen.query_one("#last-saved").content).lower()  # under the panes once closed


async def test_a_fact_filled_in_from_the_export_dialog_is_said_by_the_letter_not_a_toast(
    workspace, bare_case, make_app, ui
):
    app = make_app(workspace, bare_case)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "x")
        dialog: Any = app.screen
        raised = len(list(app._notifications))
        await ui.press(pilot, "f")  # the case manager's contact
        app.screen.query_one("#name").value = "Ms. Ortiz"
        await ui.press(pilot, "f2")
        assert app.screen is dialog
        assert "2 facts are missing" in str(dialog.query_one("#preview-text").content)  # was 3: the letter says it
        assert list(app._notifications)[raised:] == []


async def test_draft_toasts_are_two_lines_at_80_columns(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "exclamation_mark", "f2")  # the safety notice saved as a draft
        await ui.press(pilot, "exclamation_mark")  # again: the draft waiting is shown
        toasts = shown_toasts(app)
        titles = [str(t._notification.title) for t in toasts]
        assert "Draft saved" in titles and "Draft waiting" in titles
        for toast in toasts:
            # a title line and at most two lines of text (the toast has no vertical padding here)
            assert toast.region.height <= 3, (toast._notification.title, toast._notification.message)


async def test_a_safety_notice_written_for_its_draft_is_called_the_safety_notice(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "exclamation_mark", "f2", "x")  # the safety notice's draft, then its letter
        dialog: Any = app.screen
        options = dialog.query_one("#letter-kinds")
        options.highlighted = options.get_option_index("safety-notice")
        await ui.settle(pilot)
        await ui.press(pilot, "enter")
        status = " ".join(str(dialog.query_one("#export-status").content).split())
        # the step is a compliance-notice step (the ladder's kind); the user wrote the safety notice
        assert "Recorded on the draft (Safety notice, a compliance-notice step)" in status
