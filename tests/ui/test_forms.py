"""Forms by keyboard: where focus starts, how it shows in every theme, what Enter and typed text do."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Input, Select, TextArea

from iep_tui.store.case_store import CaseStore

DEMO = "demo-lena"


def row_of(widget: Any) -> Any:
    """The .field-row holding a form field."""
    node = widget
    while node is not None and not node.has_class("field-row"):
        node = node.parent
    return node


def marked_rows(form: Any) -> list[Any]:
    """The rows whose focus mark is showing."""
    return [mark.parent for mark in form.query(".focus-mark") if mark.styles.visibility == "visible"]


@pytest.mark.parametrize(
    ("keys", "form_name", "first"),
    [
        ("i", "IncidentForm", "#date"),
        ("2 s", "SessionForm", "#requirement"),
        ("2 a", "RequirementForm", "#kind"),
        ("w", "WeekForm", "#week"),
        ("4 a", "StepForm", "#kind"),
        ("4 r", "ResponseForm", "#date"),
    ],
)
async def test_focus_starts_on_the_first_field(demo_workspace, make_app, ui, keys, form_name, first):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, *keys.split())
        form: Any = app.screen
        assert type(form).__name__ == form_name
        assert form.focused is form.query_one(first)
        assert marked_rows(form) == [row_of(form.query_one(first))]


@pytest.mark.parametrize("theme", ["textual-dark", "ansi-dark", "iep-mono"])
async def test_the_focused_field_is_marked_and_highlighted_in_every_theme(demo_workspace, make_app, ui, theme):
    app = make_app(demo_workspace, DEMO, theme=theme)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "3", "i")
        form: Any = app.screen
        date, what, setting = (
            form.query_one("#date", Input),
            form.query_one("#what", TextArea),
            form.query_one("#setting", Input),
        )
        assert marked_rows(form) == [row_of(date)]
        label = row_of(date).query_one(".field-label")
        assert label.styles.text_style.bold
        assert date.styles.background != setting.styles.background  # the focused input stands out
        await ui.press(pilot, "tab")
        assert what.has_focus
        assert marked_rows(form) == [row_of(what)]  # the mark moves with the focus
        assert not row_of(date).query_one(".field-label").styles.text_style.bold
        assert date.styles.background == setting.styles.background


async def test_no_color_marks_the_focus_and_the_cursor_without_colour(demo_workspace, make_app, ui, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(demo_workspace, DEMO, theme="ansi-dark")  # NoColor strips every colour: only styles remain
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "3", "i")
        form: Any = app.screen
        date = form.query_one("#date", Input)
        assert marked_rows(form) == [row_of(date)]
        assert date.styles.text_style.underline
        assert date.get_component_rich_style("input--cursor").reverse


async def test_enter_moves_to_the_next_field_and_f2_saves(workspace, make_app, ui):
    app = make_app(workspace.ensure())
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "ctrl+n")
        form: Any = app.screen
        assert "F2" in str(form.query_one("#save").label)
        assert "ctrl+s" in str(form.query_one(".dialog-hint").content)
        await ui.type_text(pilot, "Sam Ortiz")
        await ui.press(pilot, "enter")
        assert app.screen is form and form.query_one("#state", Input).has_focus
        await ui.type_text(pilot, "or")
        await ui.press(pilot, "enter")
        assert app.screen is form and CaseStore(workspace).summaries() == []
        await ui.press(pilot, "ctrl+s")
        assert type(app.screen).__name__ == "CaseScreen"
        assert [s["student"] for s in CaseStore(workspace).summaries()] == ["Sam Ortiz"]


async def test_enter_on_a_choice_opens_it_and_does_not_save(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    before = len(CaseStore(demo_workspace).load(DEMO).sessions)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "2", "s", "tab")
        form: Any = app.screen
        status = form.query_one("#status", Select)
        assert status.has_focus
        await ui.press(pilot, "enter")
        assert status.expanded
        assert app.screen is form
        await ui.press(pilot, "down", "enter")  # pick "missed"
        assert status.value == "missed" and not status.expanded
        assert form.query_one("#reason-row").display
        assert len(CaseStore(demo_workspace).load(DEMO).sessions) == before


async def test_text_typed_into_the_requirements_list_ticks_nothing_and_is_reported(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "3", "i", "tab", "tab")
        form: Any = app.screen
        ticks = form.query_one("#linked-requirements")
        assert ticks.has_focus
        await ui.type_text(pilot, "No extended time")
        await ui.settle(pilot)
        assert ticks.selected == []  # the spaces between words ticked nothing
        hint = row_of(ticks).parent.query_one(".field-hint")
        assert hint.has_class("-warning")
        assert "No extended time" in str(hint.content) and "tab" in str(hint.content)
        await ui.press(pilot, "down", "space")  # moving in the list ticks with space again
        assert ticks.selected == ["req-ot"]
        assert not hint.has_class("-warning")


async def test_a_store_error_is_shown_on_the_form_not_in_a_notification(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "3", "i", "tab")
        await ui.type_text(pilot, "Seat moved to the back")
        (demo_workspace.cases / "demo-lena.json").write_text("{ not json", "utf-8")
        await ui.press(pilot, "f2")
        form: Any = app.screen
        assert type(form).__name__ == "IncidentForm"
        assert str(form.query_one("#form-error").content).startswith("Not saved (Case file damaged)")
        assert not app._notifications


async def test_a_dialog_clears_the_notifications_that_would_cover_it(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "l", "d", "enter")
        assert [n.title for n in app._notifications] == ["Saved"]
        await ui.press(pilot, "i")
        assert type(app.screen).__name__ == "IncidentForm"
        assert not app._notifications
