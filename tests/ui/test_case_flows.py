"""Every CLI write has a TUI equivalent: case details, contacts, incident kinds, sessions delivered
other than as written, quick logs of weekly totals, meetings, the case's archive and deletion."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import DataTable, Input, Select, TabbedContent

from iep_tui.store.case_store import CaseStore

DEMO = "demo-lena"


def store_of(app: Any) -> CaseStore:
    return CaseStore(app.workspace)


def fill(form: Any, **values: str) -> None:
    for field, value in values.items():
        widget = form.query_one(f"#{field}")
        if isinstance(widget, Select):
            widget.value = value
        elif isinstance(widget, Input):
            widget.value = value
        else:
            widget.text = value


async def test_case_details_form_saves_every_detail_a_letter_needs(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "o")
        form: Any = app.screen
        assert type(form).__name__ == "CaseDetailsForm"
        assert form.query_one("#student", Input).value == "Lena Marsh"
        fill(form, date_of_birth="2016-04-02", student_id="EV-10023", grade="")  # a blank field is cleared
        await ui.press(pilot, "f2")
        assert type(app.screen).__name__ == "CaseScreen"
        case = store_of(app).load(DEMO).case
        assert (case.date_of_birth.isoformat(), case.student_id, case.grade) == ("2016-04-02", "EV-10023", "")
        assert app.screen.query_one("#tabs", TabbedContent).active == "dashboard"
        await ui.press(pilot, "u")  # undone like any other change
        assert store_of(app).load(DEMO).case.student_id == ""


async def test_a_bad_date_in_the_details_is_the_cli_sentence_and_focus_goes_to_it(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "o")
        form: Any = app.screen
        fill(form, date_of_birth="someday")
        await ui.press(pilot, "f2")
        assert app.screen is form
        assert str(form.query_one("#form-error").content).startswith("date of birth:")
        assert form.focused is form.query_one("#date_of_birth")


async def test_contacts_are_added_edited_and_removed(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(100, 30)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "p")
        listing: Any = app.screen
        assert type(listing).__name__ == "ContactsScreen"
        table = listing.query_one("#contacts", DataTable)
        assert table.row_count == len(store_of(app).load(DEMO).case.contacts)
        await ui.press(pilot, "a")
        fill(app.screen, role="nurse", name="Pat Kim", email="pkim@example.org")
        await ui.press(pilot, "f2")
        assert app.screen is listing
        nurse = store_of(app).load(DEMO).case.contact("nurse")
        assert nurse is not None and (nurse.name, nurse.email) == ("Pat Kim", "pkim@example.org")
        table.move_cursor(row=table.get_row_index("nurse"))
        await ui.press(pilot, "e")
        fill(app.screen, role="school-nurse", name="Pat Kim RN")  # a new role moves the contact
        await ui.press(pilot, "f2")
        case = store_of(app).load(DEMO).case
        assert case.contact("nurse") is None and case.contact("school-nurse").name == "Pat Kim RN"
        table.move_cursor(row=table.get_row_index("school-nurse"))
        await ui.press(pilot, "delete", "y")
        assert store_of(app).load(DEMO).case.contact("school-nurse") is None
        await ui.press(pilot, "escape")
        assert type(app.screen).__name__ == "CaseScreen"


async def test_a_bad_email_keeps_the_contact_form_open_with_the_cli_sentence(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(100, 30)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "p", "a")
        form: Any = app.screen
        fill(form, role="nurse", email="not an email")
        await ui.press(pilot, "f2")
        assert app.screen is form and "email" in str(form.query_one("#form-error").content).lower()


async def test_the_contact_form_for_a_role_a_letter_needs_starts_on_the_name(workspace, bare_case, make_app, ui):
    app = make_app(workspace, bare_case)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "x", "f")  # the compliance notice lacks the case manager: its contact form
        form: Any = app.screen
        assert type(form).__name__ == "ContactForm" and form.query_one("#role", Input).value == "case-manager"
        await ui.type_text(pilot, "Ms. Ortiz")  # typed at once: the role is filled in, the name is not
        assert form.query_one("#name", Input).value == "Ms. Ortiz"
        assert form.query_one("#role", Input).value == "case-manager"


async def test_an_incident_of_kind_refusal(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "3", "i")
        fill(app.screen, what="The principal said no to an OT evaluation", kind="refusal")
        await ui.press(pilot, "f2")
        new = [i for i in store_of(app).load(DEMO).incidents if i.date.isoformat() == "2026-11-28"]
        assert [(i.kind, i.what) for i in new] == [("refusal", "The principal said no to an OT evaluation")]


async def test_a_session_delivered_other_than_as_written(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "2", "s")
        form: Any = app.screen
        assert form.query_one("#delivered-as-row").display
        fill(form, date="thu", delivered_as="group of 5")
        await ui.press(pilot, "f2")
        new = [s for s in store_of(app).load(DEMO).sessions if s.date.isoformat() == "2026-11-26"]
        assert [(s.requirement_id, s.status, s.delivered_as) for s in new] == [
            ("req-speech", "delivered", "group of 5")
        ]
        await ui.press(pilot, "s")
        fill(app.screen, status="missed")
        await ui.settle(pilot)
        assert not app.screen.query_one("#delivered-as-row").display  # a missed session was not delivered at all


async def test_quick_log_asks_the_minutes_of_a_weekly_total(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "2")
        table = app.screen.query_one("#requirements", DataTable)
        table.move_cursor(row=table.get_row_index("req-counseling"))  # "20 min weekly": no session length
        await ui.press(pilot, "l")
        dialog: Any = app.screen
        assert dialog.query_one("#minutes-row").display
        assert dialog.query_one("#minutes", Input).value == "20"  # the frequency's own amount
        ui.burst(pilot, "d", "enter")
        await ui.settle(pilot)
        new = [s for s in store_of(app).load(DEMO).sessions if s.date.isoformat() == "2026-11-28"]
        assert [(s.requirement_id, s.status, s.minutes) for s in new] == [("req-counseling", "delivered", 20)]


async def test_quick_log_of_daily_without_minutes_asks_for_them_and_saves(workspace, make_app, ui):
    from iep_tui.services.cases import create_case
    from iep_tui.services.ledger_service import add_requirement

    store = CaseStore(workspace.ensure())
    case = create_case(store, student="Ana", state="WA")
    add_requirement(store, case.id, kind="service", name="Reading", text="Reading daily", frequency="daily")
    app = make_app(workspace, case.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "l", "d", "enter")
        dialog: Any = app.screen
        assert type(dialog).__name__ == "QuickLogDialog"  # nothing saved without the minutes
        assert "Type the minutes" in str(dialog.query_one("#form-error").content)
        assert dialog.focused is dialog.query_one("#minutes")
        ui.burst(pilot, "4", "5", "enter")
        await ui.settle(pilot)
        assert [(s.status, s.minutes) for s in store.load(case.id).sessions] == [("delivered", 45)]


async def test_the_form_example_frequency_is_loggable(workspace, make_app, ui):
    from iep_tui.services.cases import create_case
    from iep_tui.ui.dialogs.requirement_form import FREQUENCY_HINT

    store = CaseStore(workspace.ensure())
    case = create_case(store, student="Ana", state="WA")
    app = make_app(workspace, case.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        for example in FREQUENCY_HINT.split('"')[1::2]:  # every frequency the form offers as an example
            if example == "as needed":
                continue  # not a scheduled service: nothing to log as owed
            await ui.press(pilot, "2", "a", "tab")
            fill(app.screen, name=example, text=example, frequency=example)
            await ui.press(pilot, "f2")
            table = app.screen.query_one("#requirements", DataTable)
            rid = next(r.id for r in store.load(case.id).requirements if r.name == example)
            table.move_cursor(row=table.get_row_index(rid))
            await ui.press(pilot, "l", "d")
            dialog: Any = app.screen
            if dialog.query_one("#minutes-row").display and not dialog.query_one("#minutes", Input).value:
                await ui.type_text(pilot, "30")
            await ui.press(pilot, "enter")
            assert type(app.screen).__name__ == "CaseScreen", example
        logged = {store.load(case.id).requirement(s.requirement_id).name for s in store.load(case.id).sessions}
        assert logged == {e for e in FREQUENCY_HINT.split('"')[1::2] if e != "as needed"}


async def test_quick_log_names_the_staffing_shortage(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "2")
        ui.burst(pilot, "l", "m", "t", "enter")  # t: short-staffed ("we're short-staffed")
        await ui.settle(pilot)
        new = [s for s in store_of(app).load(DEMO).sessions if s.date.isoformat() == "2026-11-28"]
        assert [(s.status, s.reason) for s in new] == [("missed", "staff-shortage")]


async def meetings_table(app: Any, pilot: Any, ui: Any) -> DataTable:
    await ui.press(pilot, "4")
    table = app.screen.query_one("#meetings", DataTable)
    table.focus()
    await ui.settle(pilot)
    return table


async def test_a_meeting_a_letter_cites_is_edited_with_a_reason(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        table = await meetings_table(app, pilot, ui)
        table.move_cursor(row=table.get_row_index("mtg-1006"))  # its recap letter was sent
        await ui.press(pilot, "e")
        form: Any = app.screen
        assert type(form).__name__ == "MeetingForm" and form.query_one("#date", Input).value == "2026-10-06"
        fill(form, purpose="IEP meeting: services and the para")
        await ui.press(pilot, "f2")
        assert app.screen is form and "Reason field" in str(form.query_one("#form-error").content)
        assert form.focused is form.query_one("#edit-reason")  # focus goes where the error says
        await ui.type_text(pilot, "the minutes named the para")
        await ui.press(pilot, "f2")
        assert type(app.screen).__name__ == "CaseScreen"
        saved = next(m for m in store_of(app).load(DEMO).meetings if m.id == "mtg-1006")
        assert saved.purpose == "IEP meeting: services and the para"
        assert saved.history[-1].reason == "the minutes named the para"


async def test_s_on_a_meeting_marks_its_recap_sent_today(demo_workspace, make_app, ui):
    from datetime import date

    from iep_tui.services.escalation_service import add_meeting

    held = add_meeting(CaseStore(demo_workspace), DEMO, date(2026, 11, 20), status="held", attendees=["parent"])
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        table = await meetings_table(app, pilot, ui)
        table.move_cursor(row=table.get_row_index(held.id))
        await ui.press(pilot, "s")
        saved = next(m for m in store_of(app).load(DEMO).meetings if m.id == held.id)
        assert saved.recap_sent.isoformat() == "2026-11-28"
        assert app.screen.query_one("#tabs", TabbedContent).active == "escalation"


async def send_the_safety_notice(app: Any, pilot: Any, ui: Any) -> None:
    """! then a sent date: the demo's safety notice is sent today (its suggestion is done)."""
    await ui.press(pilot, "exclamation_mark")
    fill(app.screen, sent="today")
    await ui.press(pilot, "f2")
    assert type(app.screen).__name__ == "CaseScreen"


async def test_n_on_the_follow_up_of_overdue_meeting_actions_opens_the_follow_up_letter(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ui.settle(pilot)
        await send_the_safety_notice(app, pilot, ui)
        screen: Any = app.screen
        first = screen.data.suggestions[0]
        assert (first.action, first.title) == ("follow-up", "Follow up in writing on overdue meeting actions")
        await ui.press(pilot, "n")
        dialog: Any = app.screen
        assert type(dialog).__name__ == "ExportDialog" and dialog.kind == "meeting-recap"
        letter = " ".join(str(dialog.query_one("#preview-text").content).split())
        # The demo's meeting of 2026-10-06 agreed three actions: the accommodations page by 10-09 and recess
        # coverage by 10-13 (neither done), the speech log by 10-16 (done 10-20). On 11-28: two overdue.
        assert "At our meeting on October 6, 2026" in letter
        assert "two of them are past their due date and not done" in letter
        assert not any("cannot draft" in n.message for n in app._notifications)


async def test_n_on_the_meeting_recap_suggestion_opens_the_recap_letter(demo_workspace, make_app, ui):
    from datetime import date

    from iep_tui.services.escalation_service import add_meeting

    add_meeting(CaseStore(demo_workspace), DEMO, date(2026, 11, 24), status="held", attendees=["parent"])
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await send_the_safety_notice(app, pilot, ui)
        screen: Any = app.screen
        assert screen.data.suggestions[0].action == "meeting-recap"  # held Tue 11-24, no recap sent
        await ui.press(pilot, "n")
        dialog: Any = app.screen
        assert type(dialog).__name__ == "ExportDialog" and dialog.kind == "meeting-recap"
        letter = " ".join(str(dialog.query_one("#preview-text").content).split())
        # held 11-24, today Sat 11-28: within five school days, so a recap, not a follow-up
        assert "Thank you for meeting with me on November 24, 2026" in letter


async def test_n_on_a_suggestion_that_cannot_be_drafted_says_why_briefly(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ui.settle(pilot)
        screen: Any = app.screen
        suggestions = screen.data.suggestions
        # the demo's own attorney suggestion (not a letter or a step), put first as if the others were done
        suggestions.insert(0, suggestions.pop(next(n for n, s in enumerate(suggestions) if s.action == "attorney")))
        screen.refresh_bindings()
        await ui.press(pilot, "n")
        assert type(app.screen).__name__ == "CaseScreen"
        toast = list(app._notifications)[-1]
        assert toast.title == "Consult a special-education attorney"
        assert (
            toast.message
            == "Not a letter or a step iep-tui drafts: it is yours to do. Why: below and on the Dashboard."
        )
        from textual.widgets._toast import Toast

        drawn = next(t for t in app.screen.query(Toast) if t._notification is toast)
        assert drawn.region.height <= 3  # its title and two lines at 80 columns
        below = str(screen.query_one("#last-saved").content)
        assert "Many offer a free first consultation" in below  # the suggestion's note, under the panes


async def test_saving_a_step_unchanged_says_so_in_the_forms_words_not_the_clis(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "4")
        steps = app.screen.query_one("#steps", DataTable)
        steps.move_cursor(row=steps.get_row_index("esc-notice-1102"))
        await ui.press(pilot, "e")
        form: Any = app.screen
        assert type(form).__name__ == "StepForm"
        await ui.press(pilot, "f2")  # nothing changed
        assert app.screen is form
        said = str(form.query_one("#form-error").content)
        assert said.startswith("Nothing to change")
        assert "--" not in said  # the CLI's "for example --sent DATE" means nothing in a form
        assert "change a field" in said


async def test_archive_hides_a_case_from_the_caseload_and_ctrl_t_lists_it(workspace, make_app, ui):
    from iep_tui.services.cases import create_case

    store = CaseStore(workspace.ensure())
    for name in ("Ana Ruiz", "Ben Cho"):
        create_case(store, student=name, state="WA")
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        table = app.screen.query_one("#cases", DataTable)
        ben = next(s["id"] for s in store.summaries() if s["student"] == "Ben Cho")
        table.move_cursor(row=table.get_row_index(ben))
        await ui.press(pilot, "f8", "y")
        assert store.load(ben).case.archived
        assert table.row_count == 1
        assert "1 archived" in str(app.screen.query_one("#caseload-message").content)
        await ui.press(pilot, "ctrl+t")
        assert table.row_count == 2
        table.move_cursor(row=table.get_row_index(ben))
        await ui.press(pilot, "f8", "y")  # brought back
        assert not store.load(ben).case.archived


async def test_delete_a_case_from_it_after_typing_the_name(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "f9")
        dialog: Any = app.screen
        assert type(dialog).__name__ == "TypedConfirmDialog"
        await ui.type_text(pilot, "Lena")
        await ui.press(pilot, "enter")
        assert app.screen is dialog and dialog.query_one("#yes").disabled  # not the whole name: nothing happens
        await ui.type_text(pilot, " marsh")
        await ui.press(pilot, "enter")
        assert type(app.screen).__name__ == "CaseloadScreen"
        assert not store_of(app).exists(DEMO)
        assert [p.name.endswith("-deleted.json") for p in store_of(app).backups(DEMO)][0]


@pytest.mark.parametrize(
    ("tab", "keys", "values", "form"),
    [
        ("escalation", ["r"], {"text": "We will look into it."}, "ResponseForm"),
        ("escalation", ["m"], {"date": "2026-12-03"}, "MeetingForm"),
        ("escalation", ["a"], {}, "StepForm"),
        ("incidents", ["i"], {"what": "No break card"}, "IncidentForm"),
        ("checklist", ["s"], {}, "SessionForm"),
        ("checklist", ["l", "d"], {}, "QuickLogDialog"),
        ("dashboard", ["w"], {}, "WeekForm"),
        ("dashboard", ["o"], {"student_id": "A1"}, "CaseDetailsForm"),
    ],
)
async def test_saving_from_a_dialog_keeps_the_tab_and_its_focus(demo_workspace, make_app, ui, tab, keys, values, form):
    from iep_tui.ui.screens.case_screen import TAB_FOCUS

    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        for visit in "52341":  # every pane built, the Calendar's too
            await ui.press(pilot, visit)
        await ui.press(pilot, str(["dashboard", "checklist", "incidents", "escalation"].index(tab) + 1))
        await ui.press(pilot, *keys)
        assert type(app.screen).__name__ == form
        fill(app.screen, **values)
        await ui.press(pilot, "enter" if form == "QuickLogDialog" else "f2")
        screen: Any = app.screen
        assert type(screen).__name__ == "CaseScreen"
        assert screen.query_one("#tabs", TabbedContent).active == tab
        assert screen.focused is screen.query_one(TAB_FOCUS[tab])
        await ui.press(pilot, "tab")  # the next key goes on in this tab, not another's
        assert screen.query_one("#tabs", TabbedContent).active == tab


async def show_every_tab_then(app: Any, pilot: Any, ui: Any, tab: str) -> Any:
    """Every pane built (the Calendar's too, whose focus once pulled the view back), then `tab` shown."""
    for visit in "52341":
        await ui.press(pilot, visit)
    await ui.press(pilot, str(["dashboard", "checklist", "incidents", "escalation"].index(tab) + 1))
    return app.screen


@pytest.mark.parametrize(
    ("tab", "table", "row", "values", "form"),
    [
        ("checklist", "#requirements", "req-speech", {"setting": "speech room"}, "RequirementForm"),
        ("checklist", "#sessions", None, {"note": "the provider was out"}, "SessionForm"),
        ("incidents", "#incident-table", "inc-seating-1109", {"setting": "math class"}, "IncidentForm"),
        ("escalation", "#steps", "esc-notice-1102", {"asked": "A written reply, please."}, "StepForm"),
        ("escalation", "#meetings", "mtg-1006", {"purpose": "IEP meeting: services"}, "MeetingForm"),
    ],
)
async def test_an_edit_keeps_the_tab_and_its_focus(demo_workspace, make_app, ui, tab, table, row, values, form):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        screen: Any = await show_every_tab_then(app, pilot, ui, tab)
        rows = screen.query_one(table, DataTable)
        rows.focus()
        if row is not None:
            rows.move_cursor(row=rows.get_row_index(row))
        await ui.settle(pilot)
        await ui.press(pilot, "e")
        assert type(app.screen).__name__ == form
        fill(app.screen, **values)
        if app.screen.query("#edit-reason"):
            fill(app.screen, **{"edit-reason": "corrected from my notes"})  # a record a letter cites needs one
        await ui.press(pilot, "f2")
        assert app.screen is screen, str(app.screen.query_one("#form-error").content)
        assert screen.query_one("#tabs", TabbedContent).active == tab
        assert screen.focused is rows
        await ui.press(pilot, "tab")  # the next key goes on in this tab, not another's
        assert screen.query_one("#tabs", TabbedContent).active == tab


async def test_adding_a_meeting_action_keeps_the_tab_and_its_focus(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        screen: Any = await show_every_tab_then(app, pilot, ui, "escalation")
        meetings = screen.query_one("#meetings", DataTable)
        meetings.focus()
        meetings.move_cursor(row=meetings.get_row_index("mtg-1006"))
        await ui.settle(pilot)
        await ui.press(pilot, "c")
        assert type(app.screen).__name__ == "ActionForm"
        fill(app.screen, owner_role="principal", what="Send the updated behavior plan", due="2026-12-10")
        await ui.press(pilot, "f2")
        assert app.screen is screen
        meeting = next(m for m in store_of(app).load(DEMO).meetings if m.id == "mtg-1006")
        assert [(a.owner_role, a.what, a.due.isoformat()) for a in meeting.actions][-1] == (
            "principal",
            "Send the updated behavior plan",
            "2026-12-10",
        )
        assert screen.query_one("#tabs", TabbedContent).active == "escalation"
        assert screen.focused is meetings


async def test_a_contact_saved_and_a_delete_undone_keep_the_tab_and_its_focus(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        screen: Any = await show_every_tab_then(app, pilot, ui, "incidents")
        incidents = screen.query_one("#incident-table", DataTable)
        await ui.press(pilot, "p", "a")
        fill(app.screen, role="nurse", name="Pat Kim")
        await ui.press(pilot, "f2", "escape")
        assert app.screen is screen and store_of(app).load(DEMO).case.contact("nurse") is not None
        assert screen.query_one("#tabs", TabbedContent).active == "incidents" and screen.focused is incidents
        incidents.move_cursor(row=incidents.get_row_index("inc-seating-1109"))
        await ui.press(pilot, "delete", "y")
        assert not any(i.id == "inc-seating-1109" for i in store_of(app).load(DEMO).incidents)
        assert screen.query_one("#tabs", TabbedContent).active == "incidents" and screen.focused is incidents
        await ui.press(pilot, "u")
        assert any(i.id == "inc-seating-1109" for i in store_of(app).load(DEMO).incidents)
        assert screen.query_one("#tabs", TabbedContent).active == "incidents" and screen.focused is incidents


async def test_esc_on_a_form_with_typed_changes_asks_before_discarding(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "3", "i", "escape")  # nothing typed: closes at once
        assert type(app.screen).__name__ == "CaseScreen"
        await ui.press(pilot, "i", "tab")
        await ui.type_text(pilot, "No para at recess")
        await ui.press(pilot, "escape")
        assert type(app.screen).__name__ == "ConfirmDialog"
        await ui.press(pilot, "n")  # back to the form, the words still there
        assert type(app.screen).__name__ == "IncidentForm"
        assert app.screen.query_one("#what").text == "No para at recess"
        await ui.press(pilot, "escape", "y")
        assert type(app.screen).__name__ == "CaseScreen"
        assert not [i for i in CaseStore(demo_workspace).load(DEMO).incidents if i.what == "No para at recess"]
        await ui.press(pilot, "2", "l", "down", "escape")  # another requirement chosen, nothing typed
        assert type(app.screen).__name__ == "CaseScreen"
