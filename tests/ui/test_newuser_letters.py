"""Letters as the new-user trial (80x24, keys only) met them: each test drives the keys the report names."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from iep_tui.store.case_store import CaseStore


def status(app: Any) -> str:
    return str(app.screen.query_one("#export-status").content)


def preview(app: Any) -> str:
    return str(app.screen.query_one("#preview-text").content)


async def test_x_on_a_selected_safety_draft_writes_the_safety_notice_and_records_it_on_that_draft(
    demo_workspace, make_app, ui
):
    """Report #1: with the safety draft (made by !) selected on the Escalation tab, x opened the compliance
    notice to the case manager, and Enter recorded it on an older compliance-notice draft."""
    app = make_app(demo_workspace, "demo-lena")
    store = CaseStore(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        # the safety notice draft: ! F2 (on the Dashboard; the Escalation tab will show it selected)
        await ui.press(pilot, "exclamation_mark", "f2")
        (safety,) = [s for s in store.load("demo-lena").escalations if s.status == "draft"]
        # then a compliance-notice draft with its letter, from the Dashboard (no step selected): x Enter d Esc
        await ui.press(pilot, "x", "enter", "d", "escape")
        (other,) = [s for s in store.load("demo-lena").escalations if s.status == "draft" and s.id != safety.id]
        assert other.kind == "compliance-notice" and other.to_roles == ["case-manager"]
        assert other.letter_file == "lena-marsh-compliance-notice-2026-11-28.docx"
        await ui.press(pilot, "4")
        assert app.screen.escalation_pane.selected_step().id == safety.id
        await ui.press(pilot, "x")
        dialog: Any = app.screen
        assert dialog.kind == "safety-notice"  # the letter of the selected step, not the first of the list
        # addressed as the draft is (principal + sped director), not to the case manager
        to_line = next(line for line in preview(app).splitlines() if line.startswith("To:"))
        case = store.load("demo-lena").case
        assert safety.to_roles == ["principal", "sped-director"]
        assert all(case.contact(role).name in to_line for role in safety.to_roles)
        assert case.contact("case-manager").name not in to_line
        await ui.press(pilot, "enter")
        assert "Recorded on the draft" in status(app)
        steps = {s.id: s for s in store.load("demo-lena").escalations}
        assert steps[safety.id].letter_file == "lena-marsh-safety-notice-2026-11-28.docx"
        # the other draft keeps its own letter (it was overwritten with "...-2.docx")
        assert steps[other.id].letter_file == "lena-marsh-compliance-notice-2026-11-28.docx"


async def test_x_on_an_older_draft_writes_the_letter_for_it_not_for_the_newest_of_its_kind(
    demo_workspace, make_app, ui
):
    """Two compliance-notice drafts: the older to the case manager, a newer one to the principal. With the older
    selected, x writes its letter (to the case manager) and records it on it; the newer draft is left alone."""
    from iep_tui.services import export_service
    from iep_tui.ui.widgets.table_cursor import key_at_cursor

    from .conftest import TODAY

    store = CaseStore(demo_workspace)
    older = export_service.record_letter_draft(store, "demo-lena", "compliance-notice", TODAY)
    newer = export_service.draft_for_letter(store.load("demo-lena"), "compliance-notice", TODAY)
    later = older.created + timedelta(minutes=5)
    newer = store.add(
        "demo-lena", newer.model_copy(update={"to_roles": ["principal"], "cc_roles": [], "created": later})
    )
    assert newer.created > older.created
    app = make_app(demo_workspace, "demo-lena")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "4")
        table = app.screen.escalation_pane.steps_table
        keys = [key_at_cursor(table)]
        while keys[-1] != older.id and len(keys) < 10:  # walk the rows with the arrow keys to the older draft
            await ui.press(pilot, "down" if len(keys) < 5 else "up")
            keys.append(key_at_cursor(table))
        assert keys[-1] == older.id
        await ui.press(pilot, "x")
        assert app.screen.kind == "compliance-notice"
        to_line = next(line for line in preview(app).splitlines() if line.startswith("To:"))
        case = store.load("demo-lena").case
        assert case.contact("case-manager").name in to_line and case.contact("principal").name not in to_line
        await ui.press(pilot, "enter")
        steps = {s.id: s for s in store.load("demo-lena").escalations}
        assert steps[older.id].letter_file == "lena-marsh-compliance-notice-2026-11-28.docx"
        assert steps[newer.id].letter_file == ""


def key_rows(screen: Any) -> list[tuple[str, str, str]]:
    from textual.widgets import DataTable

    table = screen.query_one("#keys-table", DataTable)
    return [tuple(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


async def test_i_logs_an_incident_on_every_tab_and_question_mark_lists_it(demo_workspace, make_app, ui):
    """Report #3: on the Escalation tab `4 i 2026-11-27 Tab Case manager emailed` opened no incident form; the
    digits switched tabs and the `a` of "Case" opened Add a requirement. On the Calendar tab i did nothing."""
    app = make_app(demo_workspace, "demo-lena")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        for tab in ("4", "5"):
            await ui.press(pilot, tab, "i")
            form: Any = app.screen
            assert type(form).__name__ == "IncidentForm", tab
            await ui.type_text(pilot, "2026-11-27")
            await pilot.press("tab")
            await ui.type_text(pilot, "Case manager emailed")
            await ui.settle(pilot)
            assert app.screen is form  # no digit switched a tab, no `a` opened another form
            assert form.query_one("#date").value == "2026-11-27"
            assert form.query_one("#what").text == "Case manager emailed"
            await ui.press(pilot, "escape", "y")  # discard
            assert type(app.screen).__name__ == "CaseScreen"
        for tab in ("1", "2", "3", "4", "5"):  # ? lists i on every tab
            await ui.press(pilot, tab, "question_mark")
            rows = key_rows(app.screen)
            assert any(keys == "i" and what == "log: an incident" for keys, what, _ in rows), tab
            await ui.press(pilot, "escape")


def test_remapping_the_incident_key_remaps_it_on_every_tab():
    from iep_tui.ui.keymap import keymap_template, parse_keymap

    keymap, problems = parse_keymap('add-incident = "f6"\n')
    assert problems == [] and keymap == {"add-incident": "f6", "incident-other": "f6"}
    assert "incident-other" not in keymap_template()  # one line to edit, not two


async def test_enter_on_a_highlighted_contact_edits_it(demo_workspace, make_app, ui):
    """Report #4: the contacts hint says "e/enter edit", and Enter did nothing (the table took it)."""
    from textual.widgets import DataTable

    app = make_app(demo_workspace, "demo-lena")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "p", "down")
        table = app.screen.query_one("#contacts", DataTable)
        second = str(table.get_row_at(1)[0])  # the role of the second row, where Down put the cursor
        await ui.press(pilot, "enter")
        form: Any = app.screen
        assert type(form).__name__ == "ContactForm"
        assert form.query_one("#role").value == second and form.contact.role == second


async def test_the_pwn_request_with_no_refusal_logged_says_so_in_tui_words_and_f_logs_one(
    workspace, bare_case, make_app, ui
):
    """Report #5: the PWN request told a TUI user to log the incident "with `--kind refusal`" (CLI flags), and f
    did nothing. f now opens the incident form, Kind: refusal, and the letter comes back once it is saved."""
    from iep_tui.services.cases import set_contact, update_case_fields

    store = CaseStore(workspace)
    set_contact(store, bare_case, "parent", name="Ana Ortiz")
    set_contact(store, bare_case, "case-manager", name="Dana Fields")
    update_case_fields(store, bare_case, school="Maple Elementary")
    app = make_app(workspace, bare_case)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "x", "down", "down", "down")  # 4 of 13: the Prior Written Notice request
        dialog: Any = app.screen
        assert dialog.kind == "pwn-request"
        text = preview(app)
        assert "--kind" not in text and "`" not in text
        assert "refusal" in text and "informal change" in text and "f opens the form" in text
        await ui.press(pilot, "f")
        form: Any = app.screen
        assert type(form).__name__ == "IncidentForm" and form.query_one("#kind").value == "refusal"
        await pilot.press("tab")  # from the date (today) to What happened
        await ui.type_text(pilot, "The school refused the speech service this week")
        await ui.press(pilot, "f2")
        assert app.screen is dialog  # back to the letter, written now
        (incident,) = store.load(bare_case).incidents
        assert incident.kind == "refusal"
        assert preview(app).startswith("Subject: ") and "refused the speech service" in preview(app)


async def test_after_undo_the_line_under_the_panes_says_what_was_undone(demo_workspace, make_app, ui):
    """Report #9: after u, the line under the panes still said "Logged incident on ... Failures ...", the
    confirmation of the entry just taken back."""
    app = make_app(demo_workspace, "demo-lena")
    store = CaseStore(demo_workspace)
    before = len(store.load("demo-lena").incidents)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "3", "i", "tab")
        await ui.type_text(pilot, "No para at recess")
        await ui.press(pilot, "f2")
        line = app.screen.query_one("#last-saved")
        logged = str(line.content)
        assert logged.startswith("Logged incident on ")
        await ui.press(pilot, "u")
        assert len(store.load("demo-lena").incidents) == before
        said = str(line.content)
        # the label of the change and the first sentence of what it had saved ("Logged incident on Sat 2026-11-28")
        assert said.startswith("Undone: log an incident (Logged incident on Sat 2026-11-28)"), said
        assert logged not in said and line.has_class("-shown")


async def test_ticking_a_safety_requirement_ticks_safety_related_and_the_user_can_untick_it(
    demo_workspace, make_app, ui
):
    """Report #11: ticking the safety requirement (Lena's Elopement plan, safety=True in the demo) did not tick
    "Safety-related", a box below the fold at 80x24."""
    app = make_app(demo_workspace, "demo-lena")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "3", "i", "tab")
        await ui.type_text(pilot, "Left the playground at recess")
        await ui.press(pilot, "tab")  # the requirements list
        form: Any = app.screen
        ticks = form.query_one("#linked-requirements")
        assert form.focused is ticks
        names = [str(ticks.get_option_at_index(i).prompt) for i in range(ticks.option_count)]
        elopement = next(i for i, name in enumerate(names) if "Elopement plan" in name)
        for _ in range(elopement):
            await ui.press(pilot, "down")
        await ui.press(pilot, "space")
        assert ticks.selected == ["req-elopement"]
        assert form.query_one("#safety").value is True
        note = form.query_one("#incident-safety-note")
        assert note.display and "Safety-related" in str(note.content)
        # Tab past Setting, Impact, Told, Kind and Source to the box, the form's last field
        await ui.press(pilot, *["tab"] * 6)
        assert form.focused is form.query_one("#safety")
        await ui.press(pilot, "space")
        assert form.query_one("#safety").value is False  # unticked by the user: it stays so
        await ui.press(pilot, *["shift+tab"] * 6)
        assert form.focused is ticks
        await ui.press(pilot, "up", "space")  # ticking a requirement that is not safety-related changes nothing
        assert form.query_one("#safety").value is False


async def test_the_incident_form_names_a_day_that_is_not_a_school_day_before_saving(demo_workspace, make_app, ui):
    """Report #15: the incident form took "yesterday", a Saturday, without the note the quick log shows.
    Today is Sat 28 Nov 2026 and Sun 22 Nov are weekend days; Mon 23 Nov 2026 is a school day."""
    app = make_app(demo_workspace, "demo-lena")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "3", "i")
        form: Any = app.screen
        note = form.query_one("#incident-day")
        assert note.display and "Sat 28 Nov is not a school day (weekend)" in str(note.content)  # today
        await ui.type_text(pilot, "2026-11-22")
        await ui.settle(pilot)
        assert note.display and str(note.content) == "Sun 22 Nov is not a school day (weekend)."
        await ui.press(pilot, "backspace")
        await ui.type_text(pilot, "3")
        await ui.settle(pilot)
        assert not note.display  # Mon 23 Nov


def name_the_people(store: CaseStore, case_id: str) -> None:
    """The parent, the case manager and the school: what the compliance notice needs (no principal, no
    special education director: the letter copies them, so it warns each is left out of the cc list)."""
    from iep_tui.services.cases import set_contact, update_case_fields

    set_contact(store, case_id, "parent", name="Ana Ortiz")
    set_contact(store, case_id, "case-manager", name="Dana Fields")
    update_case_fields(store, case_id, school="Maple Elementary")


async def test_the_email_text_shows_the_letters_warnings_as_the_docx_does(workspace, bare_case, make_app, ui):
    """The .docx path says "No principal contact with a name: left out of the cc list."; the email copy said
    nothing, though the email leaves the same people out."""
    name_the_people(CaseStore(workspace), bare_case)
    app = make_app(workspace, bare_case)
    left_out = (
        "No principal contact with a name: left out of the cc list.",
        "No special education director contact with a name: left out of the cc list.",
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "x", "c")
        shown: Any = app.screen
        assert type(shown).__name__ == "EmailTextScreen"
        note = str(shown.query_one(".dialog-hint").content)
        assert all(f"⚠ {w}" in note for w in left_out)
        await ui.press(pilot, "escape")
        assert all(w in status(app) for w in left_out)
        await ui.press(pilot, "enter")  # the .docx says the same
        assert all(w in status(app) for w in left_out)


async def test_the_letter_preview_at_80_columns_wraps_no_line_laid_out_for_76(demo_workspace, make_app, ui):
    """Report #7: the email text is laid out at 76 columns (export/text_layout.WIDTH) and the preview at 80x24
    had 75 (the dialog's border and padding, and the scrollbar), so every full line was wrapped again, leaving
    a word alone on the next row. Now only the lines longer than 76 (the Cc line: three people with their
    addresses, 88 columns in the demo) take a second row."""
    app = make_app(demo_workspace, "demo-lena")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "x", "pagedown", "pagedown")
        text = app.screen.query_one("#preview-text")
        lines = str(text.content).split("\n")
        assert max(len(line) for line in lines) < 2 * 76
        assert any(len(line) == 76 for line in lines)  # a full line, which was wrapped before
        assert text.size.width >= 76
        assert text.size.height == len(lines) + sum(1 for line in lines if len(line) > 76)


async def test_the_safety_notice_with_no_safety_failure_says_so_in_tui_words_and_f_logs_one(
    workspace, bare_case, make_app, ui
):
    """As #5, for the safety notice (2 of 13): it told a TUI user to use `req add --safety` and `log incident ...
    --safety`, and f did nothing. f now opens the incident form with Safety-related ticked."""
    store = CaseStore(workspace)
    name_the_people(store, bare_case)
    app = make_app(workspace, bare_case)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "x", "down")
        dialog: Any = app.screen
        assert dialog.kind == "safety-notice"
        text = preview(app)
        assert "`" not in text and "--safety" not in text and "Safety-related" in text
        await ui.press(pilot, "f")
        form: Any = app.screen
        assert type(form).__name__ == "IncidentForm" and form.query_one("#safety").value is True
        await ui.type_text(pilot, "2026-11-24")  # a Tuesday, a school day
        await pilot.press("tab")
        await ui.type_text(pilot, "Left the classroom alone and no adult followed")
        await ui.press(pilot, "f2")
        assert app.screen is dialog
        (incident,) = store.load(bare_case).incidents
        assert incident.safety
        # the next fact the notice needs: the principal it goes to (name_the_people named none); f, a name, F2
        assert "no safety-related failure" not in preview(app) and "no principal contact" in preview(app)
        await ui.press(pilot, "f")
        await ui.type_text(pilot, "Dr. Lee")
        await ui.press(pilot, "f2")
        assert app.screen is dialog
        assert preview(app).startswith("Subject: ") and "no adult followed" in preview(app)


async def test_a_compliance_notice_draft_is_not_taken_for_the_waiting_safety_notice(demo_workspace, make_app, ui):
    """A compliance-notice draft recorded from its letter (x Enter d) cites the demo's safety incidents among
    others; ! must still save the same-day safety notice, not say a draft is waiting and select that one."""
    app = make_app(demo_workspace, "demo-lena")
    store = CaseStore(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "x", "enter", "d", "escape")
        (compliance,) = [s for s in store.load("demo-lena").escalations if s.status == "draft"]
        case = store.load("demo-lena")
        safety_incidents = {i.id for i in case.incidents if i.safety}
        assert safety_incidents & set(compliance.incident_ids)  # it cites them, and more besides
        assert (set(compliance.incident_ids) | set(compliance.session_ids)) - safety_incidents
        await ui.press(pilot, "exclamation_mark")
        assert type(app.screen).__name__ == "StepForm"  # the draft form, not "Draft waiting"
        await ui.press(pilot, "f2")
        drafts = [s for s in store.load("demo-lena").escalations if s.status == "draft"]
        assert len(drafts) == 2
        (safety,) = [s for s in drafts if s.id != compliance.id]
        assert set(safety.incident_ids) <= safety_incidents and safety.to_roles == ["principal", "sped-director"]


async def test_the_safety_draft_is_named_safety_notice_in_the_steps_table(demo_workspace, make_app, ui):
    """Report #6: the safety notice is recorded as a compliance-notice step, and the Steps table called it
    'Compliance notice', so two drafts looked the same; it is named as the letter it is."""
    from textual.widgets import DataTable

    app = make_app(demo_workspace, "demo-lena")
    store = CaseStore(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "exclamation_mark", "f2", "4")
        (draft,) = [s for s in store.load("demo-lena").escalations if s.status == "draft"]
        assert draft.kind == "compliance-notice"
        row = app.screen.query_one("#steps", DataTable).get_row(draft.id)
        assert str(row[2]) == "Safety notice"
        sent = [s for s in store.load("demo-lena").escalations if s.kind == "compliance-notice" and s.sent]
        assert all(str(app.screen.query_one("#steps", DataTable).get_row(s.id)[2]) != "Safety notice" for s in sent)
