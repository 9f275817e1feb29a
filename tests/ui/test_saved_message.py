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
