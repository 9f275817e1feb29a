"""Records request (legal-rules.md 6.3): service logs and the records behind them.

Service-delivery logs, schedules, provider notes, how the accommodations reach
general-education teachers, and the records the case's requirements point to (para
schedules, behavior and incident records), over one period stated once: the last eight
weeks, or since the IEP took effect when that is later (`CaseView.records_from`). Cites
34 CFR 300.613 and FERPA, or the state's stricter rule, with the computed due date,
and "before any IEP meeting".
"""

from __future__ import annotations

from iep_tui.domain.case_view import CaseView
from iep_tui.export import letter_parts as parts
from iep_tui.export.formatting import join_and, long_date
from iep_tui.export.letter import Letter, LetterBuilder

KIND = "records-request"
TITLE = "Records request"


def build(view: CaseView) -> Letter:
    to, cc = parts.addressees(view, KIND, "case-manager", ("principal", "special-education-director"),
                              "as the recipient of the records request")
    sender = parts.parent(view)
    first = parts.first_name(view)
    case = view.case
    requirements = view.requirements
    services = [r.name.lower() for r in requirements if r.kind == "service"]
    since = long_date(view.records_from)

    body = LetterBuilder()
    body.para(
        f"I am {sender.name}, parent of {view.student}, who attends {case.school}"
        + (f" in grade {case.grade}" if case.grade else "")
        + f". Under 34 CFR 300.501(a) and 300.613, and FERPA (34 CFR 99.10), I ask to inspect and review "
        f"{first}'s education records listed below, and to receive copies of them."
    )
    body.heading("Records requested")
    why = "since the IEP took effect" if view.records_from == case.iep_effective else "the last eight weeks"
    body.para(f"The period I ask about runs from {since} to the date you respond ({why}).")
    items = []
    if services:
        items.append(
            f"Service-delivery logs for {join_and(services)} over this period: each session's date, minutes and "
            "provider, and every session not held, with the reason."
        )
        items.append(
            "The providers' schedules and caseload calendars showing when these sessions are scheduled, and "
            "any make-up sessions offered or held."
        )
        items.append("Provider notes and progress-monitoring data for the IEP goals over this period.")
    if any(r.kind == "accommodation" for r in requirements):
        items.append(
            f"Records showing how and when {first}'s IEP, including the accommodations page, was given to each "
            "general-education teacher, and any acknowledgment that they received it."
        )
    if any(r.provider_role == "para" for r in requirements):
        items.append("Paraeducator schedules and assignments for the settings the IEP names, over this period.")
    if any(r.safety or r.kind == "support" for r in requirements) or view.incidents:
        items.append(
            f"Incident reports, behavior data, discipline referrals and any restraint or seclusion reports "
            f"concerning {first} over this period."
        )
    items.append(
        f"Emails and messages about {first}'s services or supports that the district keeps as education records."
    )
    items.append(
        f"A list of the types and locations of education records about {first} that the district collects, "
        "keeps or uses (34 CFR 300.616)."
    )
    body.numbered(items)
    body.para(
        "Please also explain or interpret any record I ask about (34 CFR 300.613(b)(1)). Electronic copies by "
        "email are fine. Please do not charge a fee that would keep me from getting the records (34 CFR 300.617)."
    )

    body.heading("When")
    due = view.records_due
    when = f"Please provide these records by {parts.due_text(due, 'the records')}"
    meeting = view.next_meeting()
    if meeting is not None:
        which = "I have requested for" if meeting.status == "requested" else "scheduled for"
        when += (
            f", and in any case before the IEP meeting {which} {long_date(meeting.date)}, since records must be "
            "provided before any meeting about an IEP."
        )
    else:
        when += ", and in any case before any IEP meeting, resolution session or hearing (34 CFR 300.613(a))."
    body.para(when)
    body.para(
        "If some records take longer to gather, please send what is ready now and tell me in writing when the "
        "rest will follow. If any record I have asked for does not exist, please say so in writing."
    )
    body.para("Thank you.")
    return parts.make_letter(
        view,
        KIND,
        TITLE,
        "Request for education records (34 CFR 300.613)",
        to,
        cc,
        body.build(),
        sender=sender,
    )
