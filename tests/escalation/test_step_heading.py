"""A step's heading (its first line in the CLI, the start of `StepView.describe`) has one builder,
`StepView.heading`; worked by hand for a sent, an overdue and a closed step.

Every step here is a compliance notice sent Mon 2026-10-05: on the district calendar of
conftest.py its default 10 school days end Tue 2026-10-20 (counted in test_ladder.py:
Tue 6, Wed 7, Thu 8, [Fri 9 closed], Mon 12 ... Mon 19, Tue 20).
"""

from __future__ import annotations

from iep_tui.calendar.school_calendar import SchoolCalendar
from iep_tui.domain import escalation_ladder as ladder
from iep_tui.domain.models import EscalationStep

from .conftest import D


def notice(status: str = "sent") -> EscalationStep:
    return EscalationStep(
        kind="compliance-notice",
        sent=D("2026-10-05"),
        status=status,
        to_roles=["case-manager"],
        cc_roles=["principal", "sped-director"],
    )


def test_a_sent_step_waiting_for_its_reply(calendar: SchoolCalendar) -> None:
    # Today Fri 2026-10-16 is before the due date 2026-10-20: still "sent".
    view = ladder.view_step(notice(), calendar, "WA", D("2026-10-16"))
    assert view.heading() == "Compliance notice sent 2026-10-05 to case-manager (cc principal, sped-director): sent"


def test_an_overdue_step_after_a_verb_starts_lower_case(calendar: SchoolCalendar) -> None:
    # Today Wed 2026-10-21 is after the due date 2026-10-20 and no reply came: "overdue".
    view = ladder.view_step(notice(), calendar, "WA", D("2026-10-21"))
    assert view.heading("Recorded") == (
        "Recorded compliance notice sent 2026-10-05 to case-manager (cc principal, sped-director): overdue"
    )
    # describe() is the same heading with the first clock after it.
    assert view.describe().startswith(view.heading() + ": response due 2026-10-20: ")


def test_a_closed_step_is_closed_even_past_its_due_date(calendar: SchoolCalendar) -> None:
    # Closed by the parent; today 2026-10-21 is past 2026-10-20, but only a sent step turns overdue.
    view = ladder.view_step(notice("closed"), calendar, "WA", D("2026-10-21"))
    assert view.heading("Closed:") == (
        "Closed: compliance notice sent 2026-10-05 to case-manager (cc principal, sped-director): closed"
    )


def test_the_cli_prints_the_heading_after_the_id(cli, make_bundle, store_case, set_today) -> None:
    # The CLI's `step close` line is the heading above, after the step id.
    set_today("2026-10-21")
    store_case(make_bundle())
    step_id = cli(
        "escalate", "compliance-notice", "--sent", "2026-10-05", "--to", "case-manager", "--cc", "principal"
    ).out.splitlines()[0]
    lines = cli("step", "close", step_id).out.splitlines()
    assert lines[:2] == [step_id, "Closed: compliance notice sent 2026-10-05 to case-manager (cc principal): closed"]
