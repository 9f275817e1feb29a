"""The whole scenario in the TUI alone, as a newcomer runs it at 80x24: a new case from ctrl+n, its people,
the IEP's requirements, sessions, a safety failure and a refusal, the week, then the compliance notice,
the same-day safety notice and the PWN request written as .docx. No CLI step, no service called directly."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable, Input, Select, TextArea

from iep_tui.store.case_store import CaseStore


def fill(form: Any, **values: Any) -> None:
    for field, value in values.items():
        widget = form.query_one(f"#{field}")
        if isinstance(widget, (Select, Input)):
            widget.value = value
        elif isinstance(widget, TextArea):
            widget.text = value
        else:  # a tick list or a tick box
            widget.value = value


def tick(tick_list: Any, option_id: str) -> None:
    """Tick one row of a tick list as space does on it."""
    tick_list.highlighted = tick_list.get_option_index(option_id)
    tick_list.action_tick()


async def new_case(app: Any, pilot: Any, ui: Any) -> str:
    await ui.press(pilot, "ctrl+n")
    fill(
        app.screen,
        student="Noah Reyes",
        state="WA",
        school="Pine Hollow Elementary",
        district="Columbia Valley SD",
        grade="3",
        iep_effective="2026-09-08",
    )
    await ui.press(pilot, "f2")
    assert type(app.screen).__name__ == "CaseScreen"
    return app.screen.case_id


async def add_people(app: Any, pilot: Any, ui: Any) -> None:
    await ui.press(pilot, "p")
    for role, name in (
        ("parent", "Maria Reyes"),
        ("case-manager", "Ms. Ortiz"),
        ("principal", "Mr. Feld"),
        ("sped-director", "Dr. Amsel"),
    ):
        await ui.press(pilot, "a")
        fill(app.screen, role=role, name=name, email=f"{role}@example.org")
        await ui.press(pilot, "f2")
    await ui.press(pilot, "escape")


async def add_requirement(
    app: Any, pilot: Any, ui: Any, kind: str, name: str, frequency: str = "", safety: bool = False
) -> None:
    await ui.press(pilot, "2", "a")
    fill(app.screen, kind=kind, name=name, text=f"{name}, as written in the IEP", frequency=frequency)
    if safety:
        app.screen.query_one("#safety").value = True
    await ui.press(pilot, "f2")
    assert type(app.screen).__name__ == "CaseScreen", str(app.screen.query_one("#form-error").content)


async def log_speech(app: Any, pilot: Any, ui: Any, speech_id: str, days: tuple[tuple[str, str], ...]) -> None:
    """Sessions through the session form (s on the requirement): (date, delivered|missed); a miss is
    short-staffed."""
    for day, status in days:
        table = app.screen.query_one("#requirements", DataTable)
        table.move_cursor(row=table.get_row_index(speech_id))
        await ui.press(pilot, "s")
        fill(app.screen, status=status, date=day)
        await ui.settle(pilot)
        if status == "missed":
            fill(app.screen, reason="staff-shortage")
        await ui.press(pilot, "f2")
        assert type(app.screen).__name__ == "CaseScreen", str(app.screen.query_one("#form-error").content)


async def log_recess_incidents(app: Any, pilot: Any, ui: Any, para_id: str) -> None:
    """On the Incidents tab: an elopement at recess with no para (Nov 25, safety) and the refusal of a
    recess para (Nov 20, for the PWN request), both linked to the para requirement."""
    await ui.press(pilot, "3", "i")
    fill(
        app.screen,
        date="2026-11-25",
        what="No para at recess; Noah left the playground",
        setting="recess",
        notified="principal",
    )
    tick(app.screen.query_one("#linked-requirements"), para_id)
    app.screen.query_one("#safety").value = True
    await ui.press(pilot, "f2")
    await ui.press(pilot, "i")
    fill(app.screen, date="2026-11-20", what="The principal said no to adding a recess para", kind="refusal")
    tick(app.screen.query_one("#linked-requirements"), para_id)
    await ui.press(pilot, "f2")


async def test_from_ctrl_n_to_three_letters_in_the_tui_alone(workspace, make_app, ui):
    app = make_app(workspace.ensure())
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        case_id = await new_case(app, pilot, ui)
        await add_people(app, pilot, ui)
        await add_requirement(app, pilot, ui, "service", "Speech", "30 min 2x weekly")
        await add_requirement(app, pilot, ui, "support", "Para at recess", safety=True)
        store = CaseStore(workspace)
        bundle = store.load(case_id)
        speech = next(r for r in bundle.requirements if r.name == "Speech")
        para = next(r for r in bundle.requirements if r.name == "Para at recess")

        # two weeks of speech: Tuesdays and Thursdays, delivered or missed (the session form, any date)
        await log_speech(
            app,
            pilot,
            ui,
            speech.id,
            (
                ("2026-11-17", "delivered"),
                ("2026-11-19", "missed"),
                ("2026-11-24", "missed"),
                ("2026-11-26", "delivered"),
            ),
        )

        # an elopement at recess with no para (a safety failure), and a refused service (for the PWN request)
        await log_recess_incidents(app, pilot, ui, para.id)
        assert app.screen.query_one("#urgency").has_class("-urgent")

        # the weekly snapshot
        await ui.press(pilot, "1", "w")
        fill(app.screen, week="2026-11-23", missing_work="3", behavior_incidents="1")
        await ui.press(pilot, "f2")

        # the same-day safety notice as a draft, its letter (recorded on the draft), then marked sent
        await ui.press(pilot, "exclamation_mark", "f2")
        await ui.press(pilot, "x")
        dialog: Any = app.screen
        dialog.query_one("#letter-kinds").highlighted = 1  # the safety notice
        await ui.settle(pilot)
        assert not dialog.missing, [f.what for f in dialog.missing]
        await ui.press(pilot, "enter")
        assert "Recorded on the draft" in str(dialog.query_one("#export-status").content)
        # the compliance notice and the PWN request
        for kind in ("compliance-notice", "pwn-request"):
            dialog.query_one("#letter-kinds").highlighted = dialog.query_one("#letter-kinds").get_option_index(kind)
            await ui.settle(pilot)
            assert not dialog.missing, (kind, [f.what for f in dialog.missing])
            await ui.press(pilot, "enter")
        await ui.press(pilot, "escape")
        await ui.press(pilot, "4", "s")  # the safety notice went out: marked sent
        assert not app.screen.query_one("#urgency").has_class("-urgent")

        written = sorted(p.name for p in workspace.exports.glob("*.docx"))
        assert written == [
            "noah-reyes-compliance-notice-2026-11-28.docx",
            "noah-reyes-pwn-request-2026-11-28.docx",
            "noah-reyes-safety-notice-2026-11-28.docx",
        ]
        bundle = store.load(case_id)
        assert [(s.date.isoformat(), s.status, s.reason) for s in sorted(bundle.sessions, key=lambda s: s.date)] == [
            ("2026-11-17", "delivered", None),
            ("2026-11-19", "missed", "staff-shortage"),
            ("2026-11-24", "missed", "staff-shortage"),
            ("2026-11-26", "delivered", None),
        ]
        notice = next(s for s in bundle.escalations if s.letter_file.endswith("safety-notice-2026-11-28.docx"))
        assert notice.status == "sent" and notice.sent.isoformat() == "2026-11-28"
