"""The main flows, by keyboard, with Pilot: each in its own workspace with a fixed today."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import DataTable, Input, TabbedContent

from iep_tui.store.case_store import CaseStore

DEMO = "demo-lena"


def store_of(app: Any) -> CaseStore:
    return CaseStore(app.workspace)


async def test_create_a_case_from_an_empty_workspace(workspace, make_app, ui):
    app = make_app(workspace.ensure())
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        assert type(app.screen).__name__ == "CaseloadScreen"
        assert "No cases yet" in str(app.screen.query_one("#caseload-message").content)
        await ui.press(pilot, "ctrl+n")
        assert type(app.screen).__name__ == "CaseForm"
        await ui.type_text(pilot, "Sam Ortiz")
        await pilot.press("tab")
        await ui.type_text(pilot, "or")
        await pilot.press("tab")
        await ui.type_text(pilot, "Maple Elementary")
        await ui.press(pilot, "f2")
        assert type(app.screen).__name__ == "CaseScreen"
        await ui.settle(pilot)
        summaries = store_of(app).summaries()
        assert [(s["student"], s["school"], s["state"]) for s in summaries] == [("Sam Ortiz", "Maple Elementary", "OR")]
        assert "Sam Ortiz" in str(app.screen.query_one("#case-title").content)


async def test_bad_case_input_is_the_cli_sentence_and_the_form_stays(workspace, make_app, ui):
    app = make_app(workspace.ensure())
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "ctrl+n")
        await ui.press(pilot, "f2")  # no student name
        assert type(app.screen).__name__ == "CaseForm"
        error = str(app.screen.query_one("#form-error").content)
        assert error.startswith("student:")
        assert store_of(app).summaries() == []


async def test_add_a_requirement(workspace, make_app, ui):
    from iep_tui.services.cases import create_case

    case = create_case(CaseStore(workspace.ensure()), student="Ana", state="WA")
    app = make_app(workspace, case.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "2", "a")
        assert type(app.screen).__name__ == "RequirementForm"
        await pilot.press("tab")  # past Kind (service)
        await ui.type_text(pilot, "Speech")
        await pilot.press("tab")
        await ui.type_text(pilot, "Speech therapy 30 minutes twice a week")
        await pilot.press("tab")
        await ui.type_text(pilot, "30 minutes twice a week")
        await ui.press(pilot, "f2")
        assert type(app.screen).__name__ == "CaseScreen"
        requirements = store_of(app).load(case.id).requirements
        assert [(r.name, r.frequency, r.kind) for r in requirements] == [("Speech", "30 min 2x weekly", "service")]
        table = app.screen.query_one("#requirements", DataTable)
        assert table.row_count == 1


async def test_a_bad_frequency_shows_the_cli_message_inline(workspace, make_app, ui):
    from iep_tui.errors import InputError
    from iep_tui.services.cases import create_case
    from iep_tui.services.ledger_service import add_requirement

    store = CaseStore(workspace.ensure())
    case = create_case(store, student="Ana", state="WA")
    with pytest.raises(InputError) as refused:
        add_requirement(store, case.id, kind="service", name="Speech", text="Speech", frequency="sometimes")
    cli_message = str(refused.value)
    app = make_app(workspace, case.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "2", "a", "tab")
        await ui.type_text(pilot, "Speech")
        await pilot.press("tab")
        await ui.type_text(pilot, "Speech")
        await pilot.press("tab")
        await ui.type_text(pilot, "sometimes")
        await ui.press(pilot, "f2")
        assert type(app.screen).__name__ == "RequirementForm"
        assert str(app.screen.query_one("#form-error").content) == cli_message
        assert store.load(case.id).requirements == []


async def test_quick_log_a_missed_session_in_three_keys_and_enter_then_undo(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    store = store_of(app)
    before = len(store.load(DEMO).sessions)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "2")  # the Checklist; the cursor is on Speech therapy
        await ui.press(pilot, "l", "m", "p", "enter")
        assert type(app.screen).__name__ == "CaseScreen"
        sessions = store.load(DEMO).sessions
        assert len(sessions) == before + 1
        new = [s for s in sessions if s.date.isoformat() == "2026-11-28"]
        assert [(s.requirement_id, s.status, s.reason, s.minutes) for s in new] == [
            ("req-speech", "missed", "provider-absent", 30)
        ]
        messages = [n.message for n in app._notifications]
        assert any("Logged Speech therapy missed" in m and "min owed" in m for m in messages)
        await ui.press(pilot, "u")
        assert len(store.load(DEMO).sessions) == before


async def test_quick_log_delivered_from_the_dashboard(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "l", "d", "enter")
        new = [s for s in store_of(app).load(DEMO).sessions if s.date.isoformat() == "2026-11-28"]
        assert [(s.requirement_id, s.status, s.minutes) for s in new] == [("req-speech", "delivered", 30)]


async def test_add_an_incident(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "3", "i")
        assert type(app.screen).__name__ == "IncidentForm"
        await pilot.press("tab")  # past the date (today)
        await ui.type_text(pilot, "No extended time on the reading quiz")
        await ui.press(pilot, "f2")
        assert type(app.screen).__name__ == "CaseScreen"
        incidents = store_of(app).load(DEMO).incidents
        new = [i for i in incidents if i.date.isoformat() == "2026-11-28"]
        assert [i.what for i in new] == ["No extended time on the reading quiz"]
        table = app.screen.query_one("#incident-table", DataTable)
        assert table.row_count == len(incidents)


async def test_the_safety_notice_is_saved_as_a_draft_and_the_banner_stays_until_it_is_sent(
    demo_workspace, make_app, ui
):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        banner = app.screen.query_one("#urgency")
        assert banner.has_class("-urgent")
        for tab in "123451":
            await ui.press(pilot, tab)
            assert banner.display and banner.has_class("-urgent")
        await ui.press(pilot, "exclamation_mark")
        assert type(app.screen).__name__ == "StepForm"
        assert app.screen.query_one("#sent", Input).value == ""  # a draft unless the user types a date
        assert "Save draft" in str(app.screen.query_one("#save").label)
        assert "DRAFT" in str(app.screen.query_one(".field-hint").content)
        await ui.press(pilot, "f2")
        screen: Any = app.screen
        assert type(screen).__name__ == "CaseScreen"
        drafts = [s for s in store_of(app).load(DEMO).escalations if s.status == "draft"]
        assert len(drafts) == 1 and drafts[0].sent is None and drafts[0].kind == "compliance-notice"
        assert sorted(drafts[0].incident_ids) == ["inc-elopement-1103", "inc-elopement-1117"]
        assert banner.has_class("-urgent")  # nothing was sent
        assert "draft not sent" in str(banner.content)
        toast = next(n for n in app._notifications if n.title == "Draft saved")
        assert "Escalation tab (4)" in toast.message  # where the draft waits, and the key that shows it
        # saving from the form keeps the Dashboard and its focus (issue 12): on Escalation, s would mark it sent
        assert screen.query_one("#tabs", TabbedContent).active == "dashboard"
        assert screen.focused is screen.query_one("#dash-left")
        await ui.press(pilot, "s")  # the Dashboard's s: log a session, not "mark sent"
        assert type(app.screen).__name__ == "SessionForm"
        await ui.press(pilot, "escape")
        assert next(s for s in store_of(app).load(DEMO).escalations if s.id == drafts[0].id).status == "draft"
        # 4 shows the Escalation tab with the cursor on the draft, where s marks it sent
        await ui.press(pilot, "4")
        steps = screen.query_one("#steps", DataTable)
        assert steps.coordinate_to_cell_key(steps.cursor_coordinate).row_key.value == drafts[0].id
        # ! again opens the waiting draft instead of saving a second one (it asks to be shown the draft)
        await ui.press(pilot, "1", "exclamation_mark")
        assert type(app.screen).__name__ == "CaseScreen"
        assert screen.query_one("#tabs", TabbedContent).active == "escalation"
        assert len([s for s in store_of(app).load(DEMO).escalations if s.status == "draft"]) == 1
        await ui.press(pilot, "s")
        sent = next(s for s in store_of(app).load(DEMO).escalations if s.id == drafts[0].id)
        assert sent.status == "sent" and sent.sent.isoformat() == "2026-11-28"
        assert not banner.has_class("-urgent")


async def test_drafting_the_suggested_next_step_sends_nothing(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    before = {s.id for s in store_of(app).load(DEMO).escalations}
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "n")
        form: Any = app.screen
        assert type(form).__name__ == "StepForm"
        assert form.title_text.startswith("Draft: ")
        assert form.query_one("#sent", Input).value == ""
        await ui.press(pilot, "f2")
        new = [s for s in store_of(app).load(DEMO).escalations if s.id not in before]
        assert [(s.status, s.sent) for s in new] == [("draft", None)]
        assert app.screen.query_one("#urgency").has_class("-urgent")
        assert app.screen.query_one("#tabs", TabbedContent).active == "dashboard"  # n drafts; it never moves on


async def test_a_drafted_step_is_sent_when_the_user_types_the_date(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "n")
        form: Any = app.screen
        await ui.press(pilot, "tab")
        assert form.query_one("#sent", Input).has_focus
        await ui.type_text(pilot, "today")
        await ui.settle(pilot)
        assert "Save as sent" in str(form.query_one("#save").label)
        await ui.press(pilot, "f2")
        sent = [s for s in store_of(app).load(DEMO).escalations if s.sent and s.sent.isoformat() == "2026-11-28"]
        assert len(sent) == 1 and sent[0].status == "sent"
        assert not app.screen.query_one("#urgency").has_class("-urgent")


async def test_escalate_from_the_escalation_tab(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "4", "a")
        assert type(app.screen).__name__ == "StepForm"
        await ui.press(pilot, "f2")
        steps = store_of(app).load(DEMO).escalations
        assert len(steps) == 3
        table = app.screen.query_one("#steps", DataTable)
        assert table.row_count == 3


async def test_delete_asks_first_and_undo_brings_it_back(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    store = store_of(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "3")
        table = app.screen.query_one("#incident-table", DataTable)
        table.move_cursor(row=table.get_row_index("inc-seating-1109"))
        await ui.settle(pilot)
        await ui.press(pilot, "delete")
        assert type(app.screen).__name__ == "ConfirmDialog"
        await ui.press(pilot, "n")
        assert "inc-seating-1109" in {i.id for i in store.load(DEMO).incidents}
        await ui.press(pilot, "delete", "y")
        assert "inc-seating-1109" not in {i.id for i in store.load(DEMO).incidents}
        await ui.press(pilot, "u")
        assert "inc-seating-1109" in {i.id for i in store.load(DEMO).incidents}


async def test_deleting_cited_evidence_is_refused_with_a_notification(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "3")
        table = app.screen.query_one("#incident-table", DataTable)
        table.move_cursor(row=table.get_row_index("inc-ext-time-1014"))
        await ui.press(pilot, "delete", "y")
        assert "inc-ext-time-1014" in {i.id for i in store_of(app).load(DEMO).incidents}
        assert any("cited by" in n.message for n in app._notifications)


async def test_edit_a_session(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "2", "tab")  # focus the session history of Speech therapy
        sessions = app.screen.query_one("#sessions", DataTable)
        assert sessions.has_focus
        first = sessions.coordinate_to_cell_key(sessions.cursor_coordinate).row_key.value
        await ui.press(pilot, "e")
        assert type(app.screen).__name__ == "SessionForm"
        note = app.screen.query_one("#note", Input)
        note.value = "corrected from the provider log"
        await ui.press(pilot, "f2")
        saved = next(s for s in store_of(app).load(DEMO).sessions if s.id == first)
        assert saved.note == "corrected from the provider log"


async def test_store_errors_are_notifications_not_tracebacks(demo_workspace, make_app, ui):
    (demo_workspace.cases / "demo-lena.json").write_text("{ not json", "utf-8")
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        titles = [n.title for n in app._notifications]
        assert "Case file damaged" in titles
        assert "could not be opened" in str(app.screen.query_one("#case-title").content)


async def test_caseload_filters_as_you_type_and_opens_with_enter(workspace, make_app, ui):
    from iep_tui.services.cases import create_case

    store = CaseStore(workspace.ensure())
    for name, school in (("Ana Ruiz", "Cedar"), ("Ben Cho", "Maple"), ("Cara Diaz", "Cedar")):
        create_case(store, student=name, state="WA", school=school)
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        table = app.screen.query_one("#cases", DataTable)
        assert table.row_count == 3
        await ui.type_text(pilot, "maple")
        await ui.settle(pilot)
        assert table.row_count == 1
        await ui.press(pilot, "enter")
        assert type(app.screen).__name__ == "CaseScreen"
        assert "Ben Cho" in str(app.screen.query_one("#case-title").content)
        await ui.press(pilot, "escape")
        assert type(app.screen).__name__ == "CaseloadScreen"


async def test_caseload_sorts(workspace, make_app, ui):
    from iep_tui.services.cases import create_case

    store = CaseStore(workspace.ensure())
    for name in ("Cara", "Ana", "Ben"):
        create_case(store, student=name, state="WA")
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        screen: Any = app.screen
        screen.set_sort("student")
        table = app.screen.query_one("#cases", DataTable)
        names = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert names == ["Ana", "Ben", "Cara"]
        await ui.press(pilot, "ctrl+r")
        names = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert names == ["Cara", "Ben", "Ana"]


async def test_one_case_opens_straight_into_it(demo_workspace, make_app, ui):
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        assert type(app.screen).__name__ == "CaseScreen"
        assert app.screen.case_id == DEMO


async def test_the_palette_jumps_to_a_tab(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "ctrl+p")
        await ui.type_text(pilot, "view: calendar")
        await ui.settle(pilot)
        await ui.press(pilot, "enter")
        await ui.settle(pilot)
        assert app.screen.query_one("#tabs", TabbedContent).active == "calendar"


async def test_a_remapped_key_replaces_the_default(demo_workspace, make_app, config_dir, ui):
    (config_dir / "keymap.toml").write_text('quick-log = "g"\nadd-incident = "ctrl+m"\nnope = "z"\n', "utf-8")
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        warnings = " ".join(n.message for n in app._notifications)
        assert "ctrl+m" in warnings and "nope" in warnings
        await ui.press(pilot, "l")
        assert type(app.screen).__name__ == "CaseScreen"
        await ui.press(pilot, "g")
        assert type(app.screen).__name__ == "QuickLogDialog"


async def test_count_days_on_the_calendar(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "5", "c")
        assert type(app.screen).__name__ == "CountDaysDialog"
        await ui.press(pilot, "enter")
        text = str(app.screen.query_one("#count-text").content)
        assert text.startswith("Due ")
        await ui.press(pilot, "escape")
        pane: Any = app.screen.query_one("#calendar-pane")
        assert pane.selected.isoformat() == text.split(":")[0].split()[-1] or "Day count" in str(
            pane.query_one("#count-result").content
        )


async def test_export_a_letter_preview_write_and_copy(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "x")
        assert type(app.screen).__name__ == "ExportDialog"
        await ui.settle(pilot)
        preview = str(app.screen.query_one("#preview-text").content)
        assert preview.startswith("Subject: Compliance notice: Lena Marsh")
        await ui.press(pilot, "enter")
        written = list(demo_workspace.exports.glob("*.docx"))
        assert [p.name for p in written] == ["lena-marsh-compliance-notice-2026-11-28.docx"]
        assert str(written[0]) in str(app.screen.query_one("#export-status").content)
        await ui.press(pilot, "c")
        assert type(app.screen).__name__ == "EmailTextScreen"
        shown = app.screen.query_one("#email-body").text
        assert app.clipboard == shown
        assert "Failure to implement" in shown
        await ui.press(pilot, "escape", "escape")
        assert type(app.screen).__name__ == "CaseScreen"


async def test_editing_cited_evidence_asks_for_a_reason_and_keeps_history(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "3")
        table = app.screen.query_one("#incident-table", DataTable)
        table.move_cursor(row=table.get_row_index("inc-ext-time-1014"))
        await ui.press(pilot, "e")
        assert type(app.screen).__name__ == "IncidentForm"
        app.screen.query_one("#impact", Input).value = "Finished 14 of 20 items; scored 58% (teacher's gradebook)."
        await ui.press(pilot, "f2")
        assert type(app.screen).__name__ == "IncidentForm"
        assert "Reason field" in str(app.screen.query_one("#form-error").content)
        app.screen.query_one("#edit-reason", Input).value = "gradebook confirms the score"
        await ui.press(pilot, "f2")
        assert type(app.screen).__name__ == "CaseScreen"
        saved = next(i for i in store_of(app).load(DEMO).incidents if i.id == "inc-ext-time-1014")
        assert saved.impact.endswith("(teacher's gradebook).")
        assert [r.reason for r in saved.history] == ["gradebook confirms the score"]


async def test_record_a_response_and_log_the_week(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "4", "r")
        assert type(app.screen).__name__ == "ResponseForm"
        await pilot.press("tab")  # past the date (today)
        await ui.type_text(pilot, "We will schedule speech make-ups in December")
        await ui.press(pilot, "f2")
        step = next(s for s in store_of(app).load(DEMO).escalations if s.id == "esc-notice-1102")
        assert step.status == "answered" and step.response_date.isoformat() == "2026-11-28"
        await ui.press(pilot, "1", "w")
        assert type(app.screen).__name__ == "WeekForm"
        await pilot.press("tab")  # past the week (this one)
        await ui.type_text(pilot, "2")
        await ui.press(pilot, "f2")
        weeks = {w.week.isoformat(): w for w in store_of(app).load(DEMO).snapshots}
        assert weeks["2026-11-23"].missing_work == 2


async def test_the_palette_offers_cases_letters_and_day_counts(workspace, make_app, ui):
    from iep_tui.demo.demo_case import build_demo_bundle
    from iep_tui.services.cases import create_case
    from iep_tui.ui.commands import IepCommands

    store = CaseStore(workspace.ensure())
    store.create(build_demo_bundle())
    create_case(store, student="Sam Ortiz", state="OR")
    app = make_app(workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        provider = IepCommands(app.screen)
        await provider.startup()
        titles = [title for title, _, _ in provider._commands()]
        assert "case: open Sam Ortiz" in titles
        assert "export: Compliance notice" in titles
        assert "view: Calendar" in titles
        assert any(t.startswith("calendar: count") for t in titles)
        assert "log: a delivered or missed session today (quick)" in titles


async def test_a_draft_is_marked_sent_then_closed_and_reopened(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)

    def step_status() -> str:
        drafts = [s for s in store_of(app).load(DEMO).escalations if s.kind == "pwn-request"]
        assert len(drafts) == 1
        return drafts[0].status

    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "4", "a")
        form: Any = app.screen
        form.query_one("#kind").value = "pwn-request"
        form.query_one("#sent", Input).value = ""
        await ui.press(pilot, "f2")
        assert step_status() == "draft"
        table = app.screen.query_one("#steps", DataTable)
        draft_id = next(s.id for s in store_of(app).load(DEMO).escalations if s.kind == "pwn-request")
        table.move_cursor(row=table.get_row_index(draft_id))
        await ui.press(pilot, "s")
        assert step_status() == "sent"
        await ui.press(pilot, "k")
        assert step_status() == "closed"
        await ui.press(pilot, "k")
        assert step_status() == "sent"


def test_the_keymap_template_lists_every_binding_id_and_reads_back():
    from iep_tui.ui.keymap import BINDING_IDS, keymap_template, parse_keymap

    keymap, problems = parse_keymap(keymap_template())
    assert problems == []
    assert set(keymap) == BINDING_IDS


async def test_the_session_form_logs_a_partial_and_a_missed_session(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "2", "s")
        form: Any = app.screen
        assert not form.query_one("#reason-row").display
        form.query_one("#date", Input).value = "tuesday"
        form.query_one("#minutes", Input).value = "20"
        await ui.press(pilot, "f2")
        await ui.press(pilot, "s")
        form = app.screen
        form.query_one("#status").value = "missed"
        await ui.settle(pilot)
        assert form.query_one("#reason-row").display
        form.query_one("#reason").value = "staff-reassigned"
        form.query_one("#date", Input).value = "1 school days ago"
        await ui.press(pilot, "f2")
        new = sorted(
            (s.date.isoformat(), s.status, s.minutes, s.reason)
            for s in store_of(app).load(DEMO).sessions
            if s.id.startswith("ses-") is False
        )
        assert new == [("2026-11-24", "delivered", 20, None), ("2026-11-25", "missed", 30, "staff-reassigned")]


async def test_quick_log_warns_before_saving_and_takes_a_note_and_a_date(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "l")
        dialog: Any = app.screen
        # 2026-11-28 is a Saturday: said before anything is saved
        assert "not a school day (weekend)" in str(dialog.query_one("#quick-day").content)
        await ui.press(pilot, "m", "p", "tab")
        assert dialog.query_one("#note", Input).has_focus
        await ui.type_text(pilot, "sub said next week")
        await ui.press(pilot, "tab")
        assert dialog.query_one("#date", Input).has_focus
        await ui.type_text(pilot, "wed")  # "today" is selected on focus: typing replaces it
        await ui.settle(pilot)
        assert str(dialog.query_one("#quick-day").content) == ""  # Wed 25 Nov is a school day
        assert "Wed 25 Nov 2026" in str(dialog.query_one("#quick-title").content)
        await ui.press(pilot, "enter")
        assert type(app.screen).__name__ == "CaseScreen"
        new = [s for s in store_of(app).load(DEMO).sessions if s.note == "sub said next week"]
        assert [(s.date.isoformat(), s.status, s.reason) for s in new] == [("2026-11-25", "missed", "provider-absent")]


async def test_quick_log_names_a_bad_date_before_saving(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "l", "d", "tab", "tab")
        await ui.type_text(pilot, "someday")
        await ui.settle(pilot)
        assert str(app.screen.query_one("#quick-day").content).startswith("date:")


async def test_s_logs_a_session_from_the_dashboard_choosing_the_requirement(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        footer_keys = {b.binding.action for b in app.screen.active_bindings.values() if b.enabled}
        assert "log_session" in footer_keys
        await ui.press(pilot, "s")
        form: Any = app.screen
        assert type(form).__name__ == "SessionForm"
        assert form.query_one("#requirement").has_focus
        form.query_one("#requirement").value = "req-ot"
        form.query_one("#date", Input).value = "thu"
        await ui.press(pilot, "f2")
        assert type(app.screen).__name__ == "CaseScreen", str(form.query_one("#form-error").content)
        new = [s for s in store_of(app).load(DEMO).sessions if s.date.isoformat() == "2026-11-26"]
        assert [(s.requirement_id, s.status) for s in new] == [("req-ot", "delivered")]
        await ui.press(pilot, "4")  # on the Escalation tab s marks a draft sent, not a session
        assert "log_session" not in {b.binding.action for b in app.screen.active_bindings.values()}
