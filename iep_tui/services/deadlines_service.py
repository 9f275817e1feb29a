"""Every dated duty of a case in one list: the dashboard, the calendar and the ICS file.

Nothing is computed here: due dates come from the escalation ladder (rules on the
school calendar), action states from the meeting agenda, windows from the filing
rules. This only gathers them, soonest first, with overdue items on top.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from iep_tui.domain.models import CaseBundle
from iep_tui.services import escalation_service


@dataclass(frozen=True)
class Deadline:
    """One dated item, with the rule or agreement that set its date."""

    due: date
    what: str
    basis: str = ""
    overdue: bool = False
    kind: str = ""


def case_deadlines(
    bundle: CaseBundle, today: date, overview: escalation_service.CaseEscalation | None = None
) -> list[Deadline]:
    """Open step clocks, agreed actions, meetings ahead, filing windows and IEP dates."""
    overview = overview or escalation_service.overview(bundle, today)
    out: list[Deadline] = []
    for view in overview.steps:
        if view.step.status in ("answered", "closed"):
            continue
        for clock in view.clocks:
            if clock.due is not None:
                out.append(
                    Deadline(
                        clock.due,
                        f"{view.title}: {clock.label}",
                        clock.basis(),
                        overdue=view.overdue and clock is view.primary,
                        kind="step",
                    )
                )
    for action in overview.actions:
        if action.state != "done" and action.action.due is not None:
            out.append(
                Deadline(
                    action.action.due,
                    f"{action.action.owner_role}: {action.action.what}",
                    f"agreed at the meeting of {action.meeting.date.isoformat()}",
                    overdue=action.state == "overdue",
                    kind="action",
                )
            )
    for meeting in bundle.meetings:
        if meeting.status in ("scheduled", "requested") and meeting.date >= today:
            out.append(
                Deadline(meeting.date, f"Meeting ({meeting.status}): {meeting.purpose or 'IEP team'}", kind="meeting")
            )
    for window in overview.windows:
        if window.closes is not None and window.status != "closed":
            out.append(
                Deadline(
                    window.closes,
                    f"{window.title} window closes",
                    f"{window.rule_id}, {window.citation}",
                    kind="window",
                )
            )
    case = bundle.case
    for due, label in ((case.annual_review_due, "Annual IEP review due"), (case.reevaluation_due, "Reevaluation due")):
        if due is not None:
            out.append(Deadline(due, label, "from the IEP", overdue=due < today, kind="iep"))
    return sorted(out, key=lambda d: (not d.overdue, d.due))


def deadlines_ics(bundle: CaseBundle, today: date) -> bytes:
    """The case's deadlines as an iCalendar file for a phone calendar (reminder 2 days ahead)."""
    from iep_tui.calendar.ics_export import deadlines_to_ics

    student = bundle.case.student
    items = [(d.due, f"{student}: {d.what}", d.basis) for d in case_deadlines(bundle, today)]
    return deadlines_to_ics(items, f"IEP deadlines: {student}", remind_days_before=2)
