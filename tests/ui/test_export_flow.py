"""The export dialog: the whole letter to read; a letter missing facts lists them all and opens the form that
sets each, then comes back; a written letter is recorded on its step, or offered as a draft."""

from __future__ import annotations

from typing import Any

from iep_tui.store.case_store import CaseStore


def preview(app: Any) -> str:
    return str(app.screen.query_one("#preview-text").content)


async def test_missing_facts_are_listed_at_once_and_filled_in_from_the_dialog(workspace, bare_case, make_app, ui):
    app = make_app(workspace, bare_case)
    store = CaseStore(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "x")
        dialog: Any = app.screen
        assert type(dialog).__name__ == "ExportDialog"
        # the compliance notice needs, at once: the case manager it goes to, the parent who signs, the school
        assert "3 facts are missing" in preview(app)
        assert [f.what for f in dialog.missing] == [
            "no case manager contact",
            "no parent contact",
            "the student's school is missing",
        ]
        await ui.press(pilot, "f")  # the first: the case manager's contact form, its role filled in
        form: Any = app.screen
        assert type(form).__name__ == "ContactForm" and form.query_one("#role").value == "case-manager"
        form.query_one("#name").value = "Ms. Ortiz"
        await ui.press(pilot, "f2")
        assert app.screen is dialog  # straight back to the letter
        assert "2 facts are missing" in preview(app)
        await ui.press(pilot, "f")
        app.screen.query_one("#name").value = "Dana Ortiz"
        await ui.press(pilot, "f2")
        await ui.press(pilot, "f")  # the school: the case details, on the School field
        details: Any = app.screen
        assert type(details).__name__ == "CaseDetailsForm" and details.focused is details.query_one("#school")
        await ui.type_text(pilot, "Maple Elementary")
        await ui.press(pilot, "f2")
        assert app.screen is dialog
        assert preview(app).startswith("Subject: Compliance notice: Sam Ortiz, Maple Elementary")
        await ui.press(pilot, "enter")
        assert [p.name for p in workspace.exports.glob("*.docx")] == ["sam-ortiz-compliance-notice-2026-11-28.docx"]
        case = store.load(bare_case).case
        assert (case.school, case.contact("parent").name, case.contact("case-manager").name) == (
            "Maple Elementary",
            "Dana Ortiz",
            "Ms. Ortiz",
        )


async def test_choosing_another_letter_clears_what_was_said_about_the_last(workspace, bare_case, make_app, ui):
    app = make_app(workspace, bare_case)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "x", "enter")
        assert "Not written" in str(app.screen.query_one("#export-status").content)
        await ui.press(pilot, "down")
        assert str(app.screen.query_one("#export-status").content) == ""


async def test_the_whole_letter_is_read_with_page_keys(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, "demo-lena")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "x")
        scroll = app.screen.query_one("#letter-preview")
        text = preview(app)
        assert "Sincerely" in text or text.count("\n") > 40  # the whole letter, not its first lines
        await ui.press(pilot, "pagedown")
        assert scroll.scroll_y > 0
        await ui.press(pilot, "end")
        assert scroll.scroll_y == scroll.max_scroll_y
        await ui.press(pilot, "home")
        assert scroll.scroll_y == 0


async def test_a_letter_written_for_a_draft_is_recorded_on_it(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, "demo-lena")
    store = CaseStore(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "exclamation_mark", "f2")  # the safety notice, saved as a draft
        draft = next(s for s in store.load("demo-lena").escalations if s.status == "draft")
        await ui.press(pilot, "x")
        app.screen.query_one("#letter-kinds").highlighted = 1  # the safety notice
        await ui.settle(pilot)
        await ui.press(pilot, "enter")
        status = str(app.screen.query_one("#export-status").content)
        assert "Recorded on the draft" in status
        saved = next(s for s in store.load("demo-lena").escalations if s.id == draft.id)
        assert saved.letter_file == "lena-marsh-safety-notice-2026-11-28.docx" and saved.status == "draft"
