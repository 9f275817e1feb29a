"""TUI features issue 12 claims, each driven as a user would drive it: the palette's case commands, the
recap marked sent from its letter, the letter preview's width, the tab kept after mark sent and action
done, the Dashboard's line on the district's log, and the footer that drops its least used keys first."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from textual.widgets import DataTable, OptionList, TabbedContent

from iep_tui.store.case_store import CaseStore

DEMO = "demo-lena"


def store_of(app: Any) -> CaseStore:
    return CaseStore(app.workspace)


# ---------------------------------------------------------------- 1. the palette's case commands


@pytest.mark.parametrize(
    ("query", "title", "opened"),
    [
        ("case: contacts", "case: contacts (the people letters go to)", "ContactsScreen"),
        ("case: details", "case: details (school, IEP dates, birth date, ID)", "CaseDetailsForm"),
    ],
)
async def test_the_palette_offers_the_case_contacts_and_details_and_opens_them(
    demo_workspace, make_app, ui, query, title, opened
):
    from iep_tui.ui.commands import IepCommands

    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        provider = IepCommands(app.screen)
        await provider.startup()
        assert title in [t for t, _, _ in provider._commands()]
        await ui.press(pilot, "ctrl+p")
        await ui.type_text(pilot, query)
        await ui.settle(pilot)
        await ui.press(pilot, "enter")
        await ui.settle(pilot)
        assert type(app.screen).__name__ == opened
        await ui.press(pilot, "escape")  # nothing typed: straight back to the case
        assert type(app.screen).__name__ == "CaseScreen"


# ---------------------------------------------------------------- 2. the recap marked sent from its letter


async def test_r_after_writing_the_recap_letter_marks_the_meeting_recap_sent(demo_workspace, make_app, ui):
    from iep_tui.services.escalation_service import add_meeting

    # the demo's only held meeting (Oct 6) already has its recap sent; a meeting held on Tue Nov 24, four days
    # before today (Sat Nov 28), has none: it is the one the recap letter is about and the one r marks
    held = add_meeting(
        CaseStore(demo_workspace), DEMO, date(2026, 11, 24), status="held", attendees=["parent", "case-manager"]
    )
    assert held.recap_sent is None
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(100, 30)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "x")
        dialog: Any = app.screen
        kinds = dialog.query_one("#letter-kinds", OptionList)
        kinds.highlighted = kinds.get_option_index("meeting-recap")
        await ui.settle(pilot)
        assert not dialog.check_action("recap_sent", ())  # nothing written yet: r does nothing
        await ui.press(pilot, "enter")
        status = str(dialog.query_one("#export-status").content)
        assert "r marks the recap of the meeting of 2026-11-24 sent today." in status
        await ui.press(pilot, "r")
        await ui.settle(pilot)
        assert "The recap of the meeting of 2026-11-24 is marked sent today." in str(
            dialog.query_one("#export-status").content
        )
        saved = next(m for m in store_of(app).load(DEMO).meetings if m.id == held.id)
        assert saved.recap_sent == date(2026, 11, 28)  # today
        assert not dialog.check_action("recap_sent", ())  # once only
        await ui.press(pilot, "escape", "4")
        table = app.screen.query_one("#meetings", DataTable)
        # the meeting's row: mark, date, purpose, attendees, due (a recap sent has none left), state
        row = table.get_row(held.id)
        assert (str(row[1]), str(row[4]), str(row[5])) == ("2026-11-24", "—", "recap sent")


# ---------------------------------------------------------------- 3. the preview uses the terminal's width


async def preview_layout(app: Any, pilot: Any, ui: Any) -> tuple[int, int, int]:
    """(preview width, rows the letter takes on screen, lines of the letter's text) for the compliance notice."""
    await ui.settle(pilot)
    await ui.press(pilot, "x")
    await ui.settle(pilot)
    text = app.screen.query_one("#preview-text")
    lines = str(text.content).split("\n")
    return app.screen.query_one("#letter-preview").content_region.width, text.size.height, len(lines)


async def test_the_letter_preview_takes_the_width_of_a_wide_terminal(demo_workspace, make_app, ui):
    from iep_tui.services import export_service
    from iep_tui.store.case_store import CaseStore

    letter = export_service.email_text(CaseStore(demo_workspace).load(DEMO), "compliance-notice", date(2026, 11, 28))
    # the letter's own lines are laid out for about 76 columns, but its Cc line names three people with their
    # addresses: more than 80 columns, so an 80-column terminal must wrap it and a 200-column one need not
    longest = max(len(line) for line in letter.splitlines())
    assert 80 < longest < 120
    narrow_app = make_app(demo_workspace, DEMO)
    async with narrow_app.run_test(size=(80, 24)) as pilot:
        narrow_width, narrow_rows, lines = await preview_layout(narrow_app, pilot, ui)
    wide_app = make_app(demo_workspace, DEMO)
    async with wide_app.run_test(size=(200, 60)) as pilot:
        wide_width, wide_rows, wide_lines = await preview_layout(wide_app, pilot, ui)
    assert narrow_width <= 80 < longest
    assert narrow_rows > lines  # at 80 columns, at least the Cc line took two rows
    # at 200 columns the list of letters (31) and the preview's border and padding (3) leave it
    # 200 - 31 - 3 = 166 columns less the dialog's own frame: well over the longest line
    assert wide_width >= 150
    assert wide_rows == wide_lines == lines  # every line of the letter on one row: nothing wrapped


# ---------------------------------------------------------------- 4. mark sent and action done keep the tab


async def test_mark_sent_on_a_draft_keeps_the_escalation_tab_and_the_steps_focus(demo_workspace, make_app, ui):
    from iep_tui.services.escalation_service import escalate

    draft = escalate(CaseStore(demo_workspace), DEMO, "pwn-request", today=date(2026, 11, 28), sent=None).step
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        for visit in "52314":  # every pane built, the Calendar's too, ending on Escalation
            await ui.press(pilot, visit)
        screen: Any = app.screen
        steps = screen.query_one("#steps", DataTable)
        steps.move_cursor(row=steps.get_row_index(draft.id))
        await ui.settle(pilot)
        assert screen.focused is steps
        await ui.press(pilot, "s")
        saved = next(s for s in store_of(app).load(DEMO).escalations if s.id == draft.id)
        assert (saved.status, saved.sent) == ("sent", date(2026, 11, 28))
        assert screen.query_one("#tabs", TabbedContent).active == "escalation"
        assert screen.focused is steps
        assert steps.coordinate_to_cell_key(steps.cursor_coordinate).row_key.value == draft.id  # the same step
        await ui.press(pilot, "tab")  # the next key goes on in this tab
        assert screen.query_one("#tabs", TabbedContent).active == "escalation"


async def test_action_done_keeps_the_escalation_tab_and_the_meetings_focus(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        for visit in "52314":
            await ui.press(pilot, visit)
        screen: Any = app.screen
        meetings = screen.query_one("#meetings", DataTable)
        meetings.focus()
        # the Oct 6 meeting's "Send the accommodations page" action is not done yet
        meetings.move_cursor(row=meetings.get_row_index("mtg-1006/act-accom-page"))
        await ui.settle(pilot)
        await ui.press(pilot, "d")
        meeting = next(m for m in store_of(app).load(DEMO).meetings if m.id == "mtg-1006")
        assert next(a for a in meeting.actions if a.id == "act-accom-page").done == date(2026, 11, 28)
        assert screen.query_one("#tabs", TabbedContent).active == "escalation"
        assert screen.focused is meetings  # where the user was, not the tab's default (the steps)
        assert meetings.coordinate_to_cell_key(meetings.cursor_coordinate).row_key.value == "mtg-1006/act-accom-page"
        await ui.press(pilot, "tab")
        assert screen.query_one("#tabs", TabbedContent).active == "escalation"


# ---------------------------------------------------------------- 5. the Dashboard's line on the district's log


async def test_the_dashboard_says_what_the_log_admits_and_how_many_dates_are_disputed(workspace, make_app, ui):
    from iep_tui.domain.models import Provenance, Session
    from iep_tui.services.cases import create_case
    from iep_tui.services.ledger_service import add_requirement, log_session

    store = CaseStore(workspace.ensure())
    case = create_case(store, student="Sam Ortiz", state="WA", iep_effective=date(2026, 11, 2))
    add_requirement(
        store, case.id, kind="service", name="Speech", text="Speech 30 min 2x weekly", frequency="30 min 2x weekly"
    )
    rid = store.load(case.id).requirements[0].id
    today = date(2026, 11, 28)
    # the parent's record: Tue Nov 17 delivered 30; Thu Nov 19 nothing
    log_session(store, case.id, rid, "delivered", today=today, on=date(2026, 11, 17), minutes=30)

    def school_row(on: date, row: int, reason: str) -> Session:
        provenance = Provenance(file="speech-log.csv", sha256="ab" * 32, row=row)
        return Session(
            requirement_id=rid,
            date=on,
            status="missed",
            minutes=30,
            reason=reason,
            source="school-log",
            provenance=provenance,
        )

    # the district's log: Tue Nov 17 missed (provider absent), Thu Nov 19 missed (provider absent),
    # Tue Nov 24 missed (student absent)
    store.add(case.id, school_row(date(2026, 11, 17), 2, "provider-absent"))
    store.add(case.id, school_row(date(2026, 11, 19), 3, "provider-absent"))
    store.add(case.id, school_row(date(2026, 11, 24), 4, "student-absent"))
    # By hand:
    #   disputed: Nov 17 only (the parent says delivered, the log says missed): 1. Nov 19 and 24 are the log's alone.
    #   admitted: the log's own misses whose reason the default policy counts as owed (provider-absent is one,
    #   student-absent is not): Nov 17 + Nov 19 = 30 + 30 = 60 minutes.
    app = make_app(workspace, case.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        line = app.screen.query_one("#school-log")
        assert line.display
        assert str(line.content) == "Log admits 60 min · 1 disputed"


async def test_the_dashboard_has_no_log_line_without_an_imported_log(workspace, bare_case, make_app, ui):
    app = make_app(workspace, bare_case)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        assert not app.screen.query_one("#school-log").display  # one session, the parent's: nothing to compare


# ---------------------------------------------------------------- 6. the footer drops its least used keys first


def footer_labels(app: Any) -> list[str]:
    """The footer's keys as shown, after checking each is on screen whole, left to right, none over another."""
    from textual.widgets._footer import FooterKey

    keys = list(app.screen.query(FooterKey))
    labels = [f"{k.key_display} {k.description}" for k in keys]
    for key, label in zip(keys, labels, strict=True):
        assert key.region.width >= len(label) and key.region.right <= app.size.width, label
    assert all(a.region.right <= b.region.x for a, b in zip(keys, keys[1:], strict=False))
    return labels


# Key widths (key, a space, label, a space; fitted_footer.key_width), on the Dashboard with a change to undo:
#   l log 6, s session 10, i incident 11, n next step 12, w week 7, u undo 7, x letter 9, I school log 13 = 75
# The palette key takes 12 on the right and "? more" 7 when anything is left out, so the keys get W - 19.
# DROP_ORDER on this tab: import_school_log, log_week, log_session, add_incident (the rest are not named: last).
#   W=80: room 61. 75 - 13 (school log) = 62 > 61, - 7 (week) = 55: fits.
#   W=70: room 51. 55 - 10 (session) = 45: fits.
#   W=60: room 41. 45 - 11 (incident) = 34: fits.
DASHBOARD_FOOTERS = {
    80: ["l log", "s session", "i incident", "n next step", "u undo", "x letter", "? more", "^p palette"],
    70: ["l log", "i incident", "n next step", "u undo", "x letter", "? more", "^p palette"],
    60: ["l log", "n next step", "u undo", "x letter", "? more", "^p palette"],
}


@pytest.mark.parametrize("width", sorted(DASHBOARD_FOOTERS, reverse=True))
async def test_the_dashboard_footer_drops_its_least_used_keys_first(demo_workspace, make_app, ui, width):
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(width, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "l", "d", "enter")  # a session logged: undo is offered
        await ui.settle(pilot)
        assert type(app.screen).__name__ == "CaseScreen"
        assert footer_labels(app) == DASHBOARD_FOOTERS[width]


async def test_the_dashboard_footer_keeps_every_key_while_they_fit(demo_workspace, make_app, ui):
    # no change to undo: 75 - 7 = 68 = 80 - 12, exactly the room left by the palette key: nothing dropped, no "more"
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        assert footer_labels(app) == [
            "l log",
            "s session",
            "i incident",
            "n next step",
            "w week",
            "x letter",
            "I school log",
            "^p palette",
        ]


async def test_the_escalation_footer_at_80_columns_ends_whole(demo_workspace, make_app, ui):
    # The footer ended "u▏^p palettet". With a sent step selected and a change to undo:
    #   a new step 11, r reply 8, k close 8, m meeting 10, e edit 7, del delete 11, u undo 7, x letter 9 = 71
    #   (s mark sent is for drafts; c action, d done and s recap sent for the meetings table: not shown)
    # room 80 - 12 - 7 = 61: close goes first (63), then delete (52): fits.
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "l", "d", "enter", "4")
        assert footer_labels(app) == [
            "a new step",
            "r reply",
            "m meeting",
            "e edit",
            "u undo",
            "x letter",
            "? more",
            "^p palette",
        ]
