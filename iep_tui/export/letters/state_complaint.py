"""State complaint, a draft with the elements of 34 CFR 300.153(b) (legal-rules.md 6.5).

The violation, the facts (with exhibit numbers and the period they cover), the
child's name, residence address and school, the problem, a proposed resolution,
the complainant's signature and contact, and the one-year filing-window check
(34 CFR 300.153(c)). A copy goes to the district the same day (300.153(d)).
"""

from __future__ import annotations

from iep_tui.calendar.states import STATES
from iep_tui.domain.case_view import CaseView, refs_text
from iep_tui.errors import InputError
from iep_tui.export import letter_parts as parts
from iep_tui.export.formatting import long_date, minutes_text, plural, role_title
from iep_tui.export.letter import Exhibit, Letter, LetterBuilder, Party

KIND = "state-complaint"
TITLE = "State complaint"


def build(view: CaseView) -> Letter:
    case = view.case
    view.need(case.address, "child's residence address", "by 34 CFR 300.153(b)(4)(i)")
    view.need(case.school, "student's school", "by 34 CFR 300.153(b)(4)(ii)")
    view.need(case.district, "school district", "to name the public agency the complaint is about")
    failures = view.failures()
    if not failures:
        raise InputError("No failure is logged: a state complaint needs the facts of at least one violation.")
    sender = parts.parent(view)
    first = parts.first_name(view)
    state = STATES.get(case.state, case.state)
    agency = view.named_contact("state-agency")
    if agency is not None:
        to = Party.of(agency.name, title=agency.title, address=agency.address, email=agency.email)
        note = ""
    else:
        to = Party.of("Special education complaints", organization=f"State educational agency, {state}")
        note = (
            "DRAFT for review before filing. Add the state agency's complaint address or portal (or add a contact "
            "with role 'state-agency' to the case), check every fact against the exhibits, sign, and send a copy "
            "to the district the same day you file (34 CFR 300.153(d))."
        )
    period = view.period()
    assert period is not None

    body = LetterBuilder()
    body.para(
        f"I file this complaint under 34 CFR 300.151-300.153 about {case.district}'s failure to implement the "
        f"IEP of my child, {view.student}."
    )
    body.heading("1. Complainant")
    body.facts(
        [
            ("Name", sender.name),
            ("Relationship", "Parent"),
            ("Address", "\n".join(sender.address)),
            ("Phone", sender.phone),
            ("Email", sender.email),
        ]
    )
    body.heading("2. Child")
    body.facts(
        [
            ("Name", view.student),
            ("Residence address", case.address),
            ("School", case.school),
            ("District", case.district),
            ("Grade", case.grade),
            ("IEP in effect since", long_date(case.iep_effective) if case.iep_effective else ""),
        ]
    )
    body.heading("3. Statement of the violation")
    never_received = view.tagged("never-received-iep")
    statement = (
        f"{case.district} violated Part B of the Individuals with Disabilities Education Act by failing to "
        f"implement {first}'s IEP as written: it did not provide the special education, related services and "
        "supports the IEP requires (34 CFR 300.17(d), 300.101(a), 300.323(c)(2))"
    )
    if never_received:
        statement += (
            ", and did not make sure that each teacher responsible for the IEP had access to it and knew their "
            f"responsibilities (34 CFR 300.323(d); {refs_text(e.ref for e in never_received)})"
        )
    body.para(
        statement + f". The violations occurred from {long_date(period[0])} to {long_date(period[1])} and continue."
    )

    body.heading("4. Facts")
    facts = []
    for line in view.owing:
        ledger = line.ledger
        frequency = f"{ledger.frequency.canonical}, " if ledger.frequency else ""
        section = line.requirement.section
        facts.append(
            f"{line.requirement.name} (IEP: {frequency}{section}): from {parts.period_text(view)}, "
            f"{ledger.required_minutes} minutes were required and {ledger.delivered_minutes} delivered; "
            f"{ledger.owed_minutes} minutes were missed or cut short for reasons on the school's side and not made "
            f"up ({refs_text(line.refs)})."
        )
    for entry in view.incidents:
        where = f" ({entry.names}; {entry.section})" if entry.names and entry.section else ""
        facts.append(f"{long_date(entry.date)}{where}: {entry.incident.what.rstrip('.')}. ({entry.ref})")
    for step in view.sent_steps():
        assert step.step.sent is not None
        facts.append(f"On {long_date(step.step.sent)} I sent a {parts.step_status(step)}")
    for action in view.actions:
        if action.state == "overdue" and action.action.due:
            facts.append(
                f"At the meeting of {long_date(action.meeting.date)}, the "
                f"{role_title(action.action.owner_role).lower()} agreed to \u201c{action.action.what.rstrip('.')}\u201d by {long_date(action.action.due)}. "
                "It has not been done."
            )
    body.numbered(facts)
    body.para("The service log (Exhibit A), incident log (Exhibit B), implementation checklist (Exhibit C) and "
              "timeline (Exhibit D) are enclosed; each fact above gives the numbers of its entries.")

    body.heading("5. The problem")
    problem = (
        f"{first} has not received {minutes_text(view.owed_minutes)} of services the IEP requires"
        if view.owed_minutes else f"{first}'s IEP has not been followed"
    )
    problem += f", as of {long_date(view.today)}."
    safety = view.safety_incidents
    if safety:
        problem += f" {first}'s safety plan was not followed ({refs_text(e.ref for e in safety)})."
    if view.unaccounted_minutes:
        problem += (
            f" For another {minutes_text(view.unaccounted_minutes)} of required services the district has "
            "produced no record either way."
        )
    body.para(problem)

    body.heading("6. Proposed resolution")
    remedies = []
    for line in view.owing:
        plan = line.plan
        finish = f", completed by {long_date(view.makeup_target.due)}" if view.makeup_target.due else ""
        remedies.append(
            f"Compensatory {line.requirement.name.lower()}: {line.ledger.owed_minutes} minutes, one-to-one with a "
            f"qualified provider, in addition to the regular IEP services{finish}"
            + (f" ({plural(len(plan.sessions), 'session')})" if plan and plan.sessions else "")
            + "."
        )
    remedies.append(
        "Written confirmation that every teacher and provider responsible for the IEP has it and has been told "
        "their duties, and training where needed."
    )
    remedies.append("Monthly service logs sent to me until the end of the school year.")
    if safety:
        remedies.append("A staffed safety plan with a back-up when the responsible adult is absent.")
    remedies.append("An IEP meeting to review implementation and agree the plan in writing.")
    body.numbered(remedies)

    body.heading("7. Filing window")
    window = view.state_complaint_window()
    if window is not None and window.closes is not None and window.oldest_inside is not None:
        oldest = window.oldest_inside.date
        body.para(
            f"The oldest violation described here occurred on {long_date(oldest) if oldest else 'the date shown'}. "
            f"This complaint is within the one-year limit ({window.citation}) if the state agency receives it by "
            f"{long_date(window.closes)}."
        )
    elif window is not None and window.status == "closed":
        raise InputError(
            "Every logged failure is more than one year old: the state-complaint window (34 CFR 300.153(c)) "
            "has closed for them."
        )
    district = view.first_contact("superintendent", "special-education-director")
    if district is not None and district.name:
        copy_to = f"{district.name} ({district.title})" if district.title else district.name
    else:
        copy_to = case.district
    body.para(f"I am sending a copy of this complaint to {copy_to} today (34 CFR 300.153(d)).")
    body.para("I declare that the facts stated here are true to the best of my knowledge.")

    exhibits = parts.log_exhibits(view)
    exhibits.append(parts.checklist_exhibit(view))
    exhibits.append(Exhibit("D", "Timeline", (parts.timeline_table(view),)))
    return parts.make_letter(
        view,
        KIND,
        TITLE,
        f"Complaint against {case.district}: failure to implement the IEP",
        to,
        ("superintendent", "special-education-director"),
        body.build(),
        exhibits=exhibits,
        draft_note=note,
        sender=sender,
        greeting="To the state educational agency:",
    )
