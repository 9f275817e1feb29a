"""Every letter kind from a case built in the TUI alone (80x24, keys and forms; no CLI, no service called to
build it): ctrl+n, the special-education director in the contacts list, the IEP's requirements, sessions, a
safety failure and a refusal, a held meeting with its agreed actions; then x, and for each kind in the export
dialog's list: ↓ to it, every fact it lacks filled through the form `f` opens (the parent, the case manager,
the principal and the family address are typed only there), Enter. Each .docx is read back with python-docx
and checked against facts worked out by hand from what was typed. Today is Saturday 2026-11-28 (conftest);
no district calendar is loaded, so school days are weekdays other than public holidays."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from iep_tui.store.case_store import CaseStore

from ..export.conftest import DocxText
from .test_whole_flow import add_requirement, fill, log_recess_incidents, log_speech, new_case

PEOPLE = {
    "parent": "Maria Reyes",
    "case-manager": "Ms. Ortiz",
    "principal": "Mr. Feld",
}
"""Typed only in the contact form `f` opens from the export dialog, when a letter asks for them."""
DIRECTOR = "Dr. Amsel"
"""Entered first through the contacts list (p a). Had it not been, `f` would never have asked for the director
before the district escalation: the safety notice names the director only when one is on file (it went to the
principal alone) and the compensatory proposal falls back to the case manager."""

KINDS = (
    "compliance-notice",
    "safety-notice",
    "records-request",
    "pwn-request",
    "meeting-request",
    "meeting-recap",
    "compensatory-proposal",
    "district-escalation",
    "state-complaint",
    "checklist",
    "at-a-glance",
    "timeline",
    "binder",
)
"""The 12 kinds `iep-tui letters` lists, then the case binder, in the export dialog's order."""


async def fill_missing(app: Any, pilot: Any, ui: Any, dialog: Any) -> list[str]:
    """Fill every fact the highlighted letter lacks, one `f` form at a time, as a user would; the fields asked."""
    asked: list[str] = []
    while dialog.missing:
        field = dialog.missing[0].field
        assert field not in asked, f"{field} asked again after it was filled"
        asked.append(field)
        await ui.press(pilot, "f")
        form = app.screen
        if field.startswith("contact:"):
            role = field.split(":", 1)[1]
            assert form.query_one("#role").value == role  # the form opens on the role the letter needs
            fill(form, name=PEOPLE[role], email=f"{role}@example.org")
        elif field == "address":
            assert app.focused.id == "address"  # the case details open on the missing field
            await ui.type_text(pilot, "14 Alder Lane, Wenatchee WA 98801")
            fill(form, date_of_birth="2017-03-09", student_id="CV-20417")
        else:
            raise AssertionError(f"a letter asks for {field!r}, which this test has no value for")
        await ui.press(pilot, "f2")
        assert app.screen is dialog, f"back to the letter after {field}: {app.screen}"
        await ui.settle(pilot)
    return asked


def dear(doc: DocxText) -> str:
    """The salutation line."""
    return next(p for p in doc.paragraphs if p.startswith(("Dear ", "To the ")))


async def build_case(app: Any, pilot: Any, ui: Any, store: CaseStore) -> str:
    case_id = await new_case(app, pilot, ui)  # Noah Reyes, WA, Pine Hollow Elementary, IEP from 2026-09-08
    await ui.press(pilot, "p", "a")
    fill(app.screen, role="sped-director", name=DIRECTOR, email="sped-director@example.org")
    await ui.press(pilot, "f2", "escape")
    await add_requirement(app, pilot, ui, "service", "Speech", "30 min 2x weekly")
    await add_requirement(app, pilot, ui, "support", "Para at recess", safety=True)
    bundle = store.load(case_id)
    speech = next(r for r in bundle.requirements if r.name == "Speech")
    para = next(r for r in bundle.requirements if r.name == "Para at recess")

    await log_speech(
        app, pilot, ui, speech.id, (("2026-11-17", "delivered"), ("2026-11-19", "missed"), ("2026-11-24", "missed"))
    )
    await log_recess_incidents(app, pilot, ui, para.id)

    # a meeting held on Tuesday (four days ago), and what was agreed at it: m, then Tab to the meetings, c
    await ui.press(pilot, "4", "m")
    fill(
        app.screen,
        date="2026-11-24",
        status="held",
        purpose="IEP meeting: missed speech",
        attendees="parent, case-manager, principal",
    )
    await ui.press(pilot, "f2")
    assert type(app.screen).__name__ == "CaseScreen", str(app.screen.query_one("#form-error").content)
    meetings = app.screen.escalation_pane.meetings_table
    for _ in range(6):
        if meetings.has_focus:
            break
        await ui.press(pilot, "tab")
    assert meetings.has_focus
    for owner, what, due in (
        ("case-manager", "Send the speech service logs", "2026-12-04"),
        ("principal", "Name the recess para for every day", "2026-11-30"),
    ):
        await ui.press(pilot, "c")
        fill(app.screen, owner_role=owner, what=what, due=due)
        await ui.press(pilot, "f2")
        assert type(app.screen).__name__ == "CaseScreen", str(app.screen.query_one("#form-error").content)
    return case_id


async def test_every_letter_kind_from_a_case_made_in_the_tui_alone(workspace, make_app, ui):
    app = make_app(workspace.ensure())
    store = CaseStore(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        case_id = await build_case(app, pilot, ui, store)
        assert [c.role for c in store.load(case_id).case.contacts] == ["sped-director"]

        await ui.press(pilot, "1", "x")
        dialog: Any = app.screen
        written: dict[str, Path] = {}
        asked: dict[str, set[str]] = {}
        for n, kind in enumerate(KINDS):
            if n:
                await ui.press(pilot, "down")
            assert dialog.kind == kind
            await ui.settle(pilot)
            asked[kind] = set(await fill_missing(app, pilot, ui, dialog))
            await ui.press(pilot, "enter")
            status = str(dialog.query_one("#export-status").content)
            assert status.startswith("Wrote "), (kind, status)
            written[kind] = dialog.written
            if kind == "meeting-recap":
                await ui.press(pilot, "r")  # the recap went out: marked sent today on the meeting
        await ui.press(pilot, "escape")

    # what each letter asked for, filled through `f`: the compliance notice is from the parent to the case
    # manager; the safety notice goes to the principal; a state complaint names the child's residence address
    # (34 CFR 300.153(b)(4)(ii)); nothing else was missing once those were typed
    assert {k: v for k, v in asked.items() if v} == {
        "compliance-notice": {"contact:parent", "contact:case-manager"},
        "safety-notice": {"contact:principal"},
        "state-complaint": {"address"},
    }
    bundle = store.load(case_id)
    assert {c.role: c.name for c in bundle.case.contacts} == {**PEOPLE, "sped-director": DIRECTOR}
    assert (bundle.case.date_of_birth, bundle.case.student_id) == (date(2017, 3, 9), "CV-20417")
    (meeting,) = bundle.meetings
    assert meeting.recap_sent == date(2026, 11, 28)

    assert sorted(p.name for p in workspace.exports.iterdir()) == sorted(p.name for p in written.values())
    docs = {kind: DocxText(path) for kind, path in written.items() if path.suffix == ".docx"}
    assert sorted(docs) == sorted(KINDS[:-1])
    for kind, doc in docs.items():
        assert "Noah Reyes" in doc.text, kind

    # Working, shared by several letters. Speech is 30 min 2x weekly; Nov 19 and Nov 24 were missed for a
    # reason on the school's side (staff shortage): 2 x 30 = 60 minutes owed. School days after Saturday
    # Nov 28: Mon Nov 30 (1), Dec 1-4 (2-5), Dec 7-11 (6-10); no public holiday falls in them.
    compliance = docs["compliance-notice"]
    assert dear(compliance) == "Dear Ms. Ortiz:"
    assert "60 minutes (1 h) of services owed (speech 60 minutes)" in compliance.text

    safety = docs["safety-notice"]  # to the principal and the special-education director (issue 10)
    assert dear(safety) == "Dear Mr. Feld and Dr. Amsel:"
    assert "Nov 25, 2026" in safety.text  # the elopement
    assert "Monday, November 30, 2026" in safety.text  # a reply in 1 school day: Sat Nov 28 -> Mon Nov 30

    records = docs["records-request"]
    assert dear(records) == "Dear Ms. Ortiz:"
    # 45 calendar days (34 CFR 300.613(a)): Nov 28 + 2 = Nov 30, + 31 = Dec 31 (33), + 12 = Jan 12, 2027 (45)
    assert "Tuesday, January 12, 2027" in records.text

    pwn = docs["pwn-request"]
    assert dear(pwn) == "Dear Ms. Ortiz:"
    assert "Nov 20, 2026" in pwn.text and "The principal said no to adding a recess para" in pwn.text
    assert "Friday, December 11, 2026" in pwn.text  # the notice asked for in 10 school days (working above)

    request = docs["meeting-request"]
    assert dear(request) == "Dear Ms. Ortiz:"
    assert "Monday, December 28, 2026" in request.text  # held within 30 calendar days: Nov 28 + 2 + 28 = Dec 28

    recap = docs["meeting-recap"]
    assert dear(recap) == "Dear Ms. Ortiz:"
    assert "November 24, 2026" in recap.text
    actions = recap.table_with("Action")
    assert recap.row(actions, "1")[1:4] == [
        "Name the recess para for every day",
        "Mr. Feld (principal)",
        "November 30, 2026",
    ]
    assert recap.row(actions, "2")[1:4] == [
        "Send the speech service logs",
        "Ms. Ortiz (case manager)",
        "December 4, 2026",
    ]
    assert "Friday, December 4, 2026" in recap.text  # corrections within 5 school days: Nov 30, Dec 1-4

    compensatory = docs["compensatory-proposal"]
    assert dear(compensatory) == "Dear Dr. Amsel:"
    owed = compensatory.table_with("Service")
    assert compensatory.row(owed, "Speech")[2:5] == ["60", "0", "60"]  # lost 2 x 30, made up 0, owed 60
    schedule = compensatory.table_with("Sessions")
    assert compensatory.row(schedule, "Speech")[1].startswith("2 sessions of 30 min = 60 min")  # 60 / 30 = 2 whole

    escalation = docs["district-escalation"]
    assert dear(escalation) == "Dear Dr. Amsel:"
    assert "60 minutes (1 h)" in escalation.text and "Friday, December 11, 2026" in escalation.text  # 10 school days

    complaint = docs["state-complaint"]
    assert dear(complaint) == "To the Office of Superintendent of Public Instruction:"  # Washington's SEA
    assert "DOB March 9, 2017; student ID CV-20417" in complaint.text
    assert "14 Alder Lane, Wenatchee WA 98801" in complaint.text
    # the oldest violation (Nov 19, 2026) is within 300.153(c)'s one year if received by Nov 19, 2027
    assert "November 19, 2027" in complaint.text

    checklist = docs["checklist"]
    table = checklist.table_with("Requirement")
    assert "Missed Nov 19, 24, 2026" in table[1][3] and "60 min owed" in table[1][3]

    glance = docs["at-a-glance"]
    services = glance.table_with("Service")
    assert glance.row(services, "Speech")[1].startswith("30 min, 2 sessions a week (60 min a week)")  # 30 x 2

    timeline = docs["timeline"]
    events = timeline.table_with("Date")
    dates = [row[0] for row in events[1:]]
    assert dates[0] == "Sep 8, 2026" and "Nov 24, 2026" in dates and dates[-1] == "Dec 4, 2026"  # the last action due

    # the binder holds every letter this record supports: all nine, and the three one-page documents
    with zipfile.ZipFile(written["binder"]) as binder:
        names = set(binder.namelist())
    assert {f"letters/{kind}.docx" for kind in KINDS[:9]} | {f"{kind}.docx" for kind in KINDS[9:12]} <= names
