"""80x24 (and narrower): nothing the user needs is cut: the safety banner's key, ESTIMATE, whole roles,
the footer; and a 16-colour terminal keeps the case visible behind a form."""

from __future__ import annotations

from datetime import date

from iep_tui.store.case_store import CaseStore
from iep_tui.ui.panes.escalation_pane import whole_roles

DEMO = "demo-lena"


async def test_the_safety_banner_is_one_line_and_keeps_its_key(demo_workspace, make_app, ui):
    from iep_tui.services.ledger_service import add_requirement, log_incident

    store = CaseStore(demo_workspace)
    long_name = "Elopement plan: one-to-one para at recess, lunch and every transition"
    req = add_requirement(store, DEMO, kind="support", name=long_name, text=long_name, safety=True)
    log_incident(
        store,
        DEMO,
        "Left the building at lunch",
        today=date(2026, 11, 28),
        on=date(2026, 11, 2),
        requirement_texts=[req.id],
        safety=True,
    )
    app = make_app(demo_workspace, DEMO)
    async with app.run_test(size=(60, 24)) as pilot:
        await ui.settle(pilot)
        banner = app.screen.query_one("#urgency")
        text = str(banner.content)
        assert banner.size.height == 1 and len(text) <= 58, text
        assert "! draft" in text and "…" in text  # the name gave way, not the key


async def test_estimate_is_never_the_part_cut(workspace, make_app, ui):
    from iep_tui.services.cases import create_case
    from iep_tui.services.ledger_service import add_requirement, log_session

    store = CaseStore(workspace.ensure())
    case = create_case(store, student="Sam", state="WA")  # no district calendar: school days are estimated
    add_requirement(store, case.id, kind="service", name="Speech", text="Speech", frequency="30 min 2x weekly")
    log_session(store, case.id, "speech", "missed", today=date(2026, 11, 28), on=date(2026, 11, 24))
    app = make_app(workspace, case.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        title = app.screen.query_one("#owed-title")
        assert str(title.content).endswith("ESTIMATE") and len(str(title.content)) <= title.size.width


def test_roles_are_shown_whole_or_counted():
    # 12 cells: "principal, sped-director" (24) does not fit; "principal +1" (12) does
    assert whole_roles(["principal", "sped-director"], 12) == "principal +1"
    assert whole_roles(["principal", "sped-director"], 24) == "principal, sped-director"
    assert whole_roles(["special-education-director"], 12) == "special-education-director"  # one role: whole
    assert whole_roles([], 12) == "—"


async def test_a_form_on_sixteen_colours_keeps_the_case_visible_behind_it(demo_workspace, make_app, ui):
    app = make_app(demo_workspace, DEMO, theme="ansi-dark")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "l")
        assert app.screen.styles.background.a == 0  # nothing painted over the case screen
