"""Records request (34 CFR 300.613; legal-rules.md 6.3): all education records, naming the
kinds a plain request tends to miss.

From the IEP's start date (`CaseView.records_from`), not only recent weeks: the current
and prior IEPs, service logs and provider notes, prior written notices, the behavior and
safety or health plans, incident and discipline reports, communications about the
child's services and the accommodation information given to each teacher. The due date
is the stricter of 45 calendar days and the state's rule (California: 5 business days,
Ed. Code 56504), and "before any meeting regarding an IEP": a meeting scheduled or
requested is named. An earlier request still pending is mentioned.
"""

from __future__ import annotations

from iep_tui.domain.case_view import CaseView
from iep_tui.export import letter_parts as parts
from iep_tui.export.formatting import join_and, long_date, long_day_date
from iep_tui.export.letter import Letter, LetterBuilder

KIND = "records-request"
TITLE = "Records request"


def build(view: CaseView) -> Letter:
    to, cc = parts.addressees(
        view,
        KIND,
        "case-manager",
        ("principal", "special-education-director"),
        "as the recipient of the records request",
    )
    sender = parts.parent(view)
    first = parts.first_name(view)
    case = view.case
    requirements = view.requirements
    services = [r.name.lower() for r in requirements if r.kind == "service"]
    since = long_date(view.records_from)
    meeting = view.meeting_name

    body = LetterBuilder()
    body.para(
        f"I am {sender.name}, parent of {view.student}, who attends {case.school}"
        + (f" in grade {case.grade}" if case.grade else "")
        + ". Under 34 CFR 300.501(a) and 300.613, and FERPA (34 CFR 99.10), I ask to inspect and review all of "
        f"{first}'s education records, and to receive copies of them."
    )
    for step in view.sent_steps(KIND):
        if step.step.status == "answered" or step.step.sent is None:
            continue
        state = (
            f"the records were due {long_date(step.due)} and I have not received them"
            if step.overdue and step.due
            else "it is still pending"
        )
        body.para(f"This follows my request of {long_date(step.step.sent)}; {state}.")

    body.heading("Records requested")
    why = "since the IEP took effect" if view.records_from == case.iep_effective else "since the start of the period"
    body.para(
        f"Please include every record the district keeps about {first}, and in particular the following, from "
        f"{since} ({why}) to the date you respond unless I say otherwise:"
    )
    items = [
        f"{first}'s current IEP and every prior IEP, with any amendments and the notes of each {meeting}.",
    ]
    if services:
        items.append(
            f"Service-delivery logs for {join_and(services)}: each session's date, minutes, provider, setting and "
            "group size, every session not held with the reason, and any make-up session."
        )
        items.append("Provider notes, progress-monitoring data and progress reports on the IEP goals.")
    items.append(
        f"Every prior written notice the district has issued about {first} (34 CFR 300.503), and any record of a "
        "decision to change, reduce or stop a service or accommodation."
    )
    items.append(
        f"{first}'s behavior intervention plan and any safety or health plan, with the data and records kept on "
        "how they are carried out."
    )
    items.append(
        f"Incident reports, behavior data, discipline referrals and any restraint or seclusion reports concerning "
        f"{first}."
    )
    items.append(
        f"Emails and messages about {first}'s services, supports or safety that the district keeps as education "
        "records."
    )
    items.append(
        f"The accommodation information given to each of {first}'s teachers (the IEP or its accommodations page), "
        "when each received it, and any acknowledgment."
    )
    if any(r.provider_role == "para" for r in requirements):
        items.append("Paraeducator schedules and assignments for the settings the IEP names.")
    items.append(
        f"A list of the types and locations of education records about {first} that the district collects, keeps "
        "or uses (34 CFR 300.616)."
    )
    body.numbered(items)
    body.para(
        "Please also explain or interpret any record I ask about (34 CFR 300.613(b)(1)). Electronic copies by "
        "email are fine. Please do not charge a fee that would keep me from getting the records (34 CFR 300.617)."
    )

    body.heading("When")
    for sentence in parts.records_law_sentences(view):
        body.para(sentence)
    due = view.records_due
    coming = due.before_meeting or view.next_meeting()
    which = "" if coming is None else ("that I have requested for" if coming.status == "requested" else "scheduled for")
    if due.before_meeting is not None and due.due is not None:
        # the day before the meeting comes first: the date the tracker gives this request (300.613(a))
        when = (
            f"Please provide these records before the {meeting} {which} {long_date(due.before_meeting.date)}, "
            f"that is by {long_day_date(due.due)}."
        )
    elif coming is not None:
        when = (
            f"Please provide these records by {parts.due_text(due, 'the records')}, and in any case before the "
            f"{meeting} {which} {long_date(coming.date)}."
        )
    else:
        when = (
            f"Please provide these records by {parts.due_text(due, 'the records')}, and in any case before any "
            f"{meeting}, hearing or resolution session."
        )
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
