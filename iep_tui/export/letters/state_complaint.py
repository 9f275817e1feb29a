"""State complaint, a draft with the elements of 34 CFR 300.153(b) (legal-rules.md 6.5).

Addressed to the state educational agency of the case's state by name
(`domain.state_agencies`), or to the case's `state-agency` contact. The complainant, the
child's name, residence address and school, then each allegation on its own: the failure
to implement the IEP (34 CFR 300.17(d), 300.323(c)(2)); a refusal or a change made without
the IEP team and without Prior Written Notice (300.503(a), 300.324(a)(4), (a)(6)); the IEP
not given to those responsible for it (300.323(d)). Each allegation states its facts with
exhibit numbers and says that it falls within the one-year limit (300.153(c)). Minutes with
no entry in the parent's log are called that, never "no record produced by the district".
A copy goes to the district the same day (300.153(d)).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from iep_tui.calendar.states import STATES
from iep_tui.domain.case_view import CaseView, Example, ServiceLine, refs_text
from iep_tui.errors import InputError
from iep_tui.export import letter_parts as parts
from iep_tui.export import pwn_scope
from iep_tui.export.district_log import district_log_paragraphs, produced_text
from iep_tui.export.formatting import long_date, minutes_text, plural, role_title
from iep_tui.export.letter import Exhibit, Letter, LetterBuilder, Party

KIND = "state-complaint"
TITLE = "State complaint"


@dataclass
class Allegation:
    title: str
    statement: str
    facts: list[str] = field(default_factory=list)
    evidence: list[Example] = field(default_factory=list)
    note: str = ""
    """Said after the facts (how the required minutes the facts quote were counted)."""


def build(view: CaseView) -> Letter:
    case = view.case
    view.need(case.address, "child's residence address", "by 34 CFR 300.153(b)(4)(i)", "address")
    view.need(case.school, "student's school", "by 34 CFR 300.153(b)(4)(ii)", "school")
    view.need(case.district, "school district", "to name the public agency the complaint is about", "district")
    failures = view.failures()
    if not failures:
        raise InputError("No failure is logged: a state complaint needs the facts of at least one violation.")
    sender = parts.parent(view)
    first = parts.first_name(view)
    to, greeting, note = _addressee(view)
    district = case.district or "the district"

    body = LetterBuilder()
    body.para(
        f"I file this complaint under 34 CFR 300.151-300.153 against {district} about the IEP of my child, "
        f"{view.student}."
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
            ("Date of birth", long_date(case.date_of_birth) if case.date_of_birth else ""),
            ("Student ID", case.student_id),
            ("Residence address", case.address),
            ("School", case.school),
            ("District", case.district),
            ("Grade", case.grade),
            ("IEP in effect since", long_date(case.iep_effective) if case.iep_effective else ""),
        ]
    )
    body.heading("3. What the IEP requires")
    body.bullets(parts.requirement_quote(r) for r in parts.requirements_raised(view, view.examples()))

    allegations = _allegations(view)
    body.heading("4. Allegations and facts")
    for n, allegation in enumerate(allegations, start=1):
        body.para(allegation.statement, lead=f"Allegation {n}: {allegation.title}.")
        body.numbered(allegation.facts)
        if allegation.note:
            body.para(allegation.note)
        body.para(_window_sentence(view, allegation))
    history = _history(view)
    if history:
        body.para("What I did before filing:")
        body.bullets(history)
    for n, text in enumerate(district_log_paragraphs(view, first)):
        body.para(text, lead="The district's own log." if n == 0 else "")
    body.para(
        "The service log (Exhibit A), incident log (Exhibit B), implementation checklist (Exhibit C) and "
        "timeline (Exhibit D) are enclosed; each fact above gives the numbers of its entries."
    )

    body.heading("5. The problem")
    problem = (
        f"{first} has not received {minutes_text(view.owed_minutes)} of services the IEP requires"
        if view.owed_minutes
        else f"{first}'s IEP has not been followed"
    )
    problem += f", as of {long_date(view.today)}."
    doubtful = parts.doubtful_owed_text(view)  # owed on days the calendar cannot confirm had school
    if doubtful:
        problem += f" {doubtful}"
    safety = view.safety_failures()
    if safety:
        problem += f" {first}'s safety plan was not followed ({refs_text(e.ref for e in safety)})."
    if view.unaccounted_minutes:
        problem += (
            f" For another {minutes_text(view.unaccounted_minutes)} of required services "
            f"{parts.no_entry_text(view, 'my own log')} either way; the district's service logs would show whether "
            "they were delivered."
        )
        weeks = parts.short_weeks_text(view, view.services)
        if weeks and not view.owing:  # else Allegation 1 said it beside the required minutes it quotes
            problem += f" {weeks}"
    estimate = parts.estimate_sentence(view)
    body.para(problem + (f" {estimate}" if estimate else ""))

    body.heading("6. Proposed resolution")
    remedies = []
    for line in view.owing:
        plan = line.plan
        finish = f", completed by {long_date(view.makeup_target.due)}" if view.makeup_target.due else ""
        sessions = ""
        if plan and plan.days:
            # the same rounding the compensatory proposal states: whole sessions of the IEP's length
            rounded = f" = {plan.scheduled_minutes} minutes, rounded up to whole sessions" if plan.rounded_up else ""
            sessions = f" ({plural(len(plan.days), 'session')} of {plan.session_minutes} minutes{rounded})"
        remedies.append(
            f"Compensatory {line.requirement.name.lower()}: {line.ledger.owed_minutes} minutes{sessions} as a "
            f"starting point, with a qualified provider, in addition to the regular IEP services{finish}; more if "
            f"{first}'s progress data show it is needed."
        )
    remedies.append(
        "Written confirmation that every teacher and provider responsible for the IEP has it and has been told "
        "their duties, and training where needed."
    )
    if pwn_scope.pwn_actions(view):
        remedies.append(
            "Restoration of every service as the IEP states it, and Prior Written Notice of any proposal to change it."
        )
    remedies.append("Monthly service logs sent to me until the end of the school year.")
    if safety:
        remedies.append("A staffed safety plan with a back-up when the responsible adult is absent.")
    remedies.append(f"An {view.meeting_name} to review implementation and agree the plan in writing.")
    body.numbered(remedies)

    district_contact = view.first_contact("superintendent", "special-education-director")
    if district_contact is not None and district_contact.name:
        copy_to = (
            f"{district_contact.name} ({district_contact.title})" if district_contact.title else district_contact.name
        )
    else:
        copy_to = district
    body.para(f"I am sending a copy of this complaint to {copy_to} today (34 CFR 300.153(d)).")
    body.para("I declare that the facts stated here are true to the best of my knowledge.")

    exhibits = parts.log_exhibits(view)
    exhibits.append(parts.checklist_exhibit(view))
    exhibits.append(Exhibit("D", "Timeline", (parts.timeline_table(view),)))
    return parts.make_letter(
        view,
        KIND,
        TITLE,
        f"Complaint against {district}: the IEP is not being implemented",
        to,
        ("superintendent", "special-education-director"),
        body.build(),
        exhibits=exhibits,
        draft_note=note,
        sender=sender,
        greeting=greeting,
    )


def _addressee(view: CaseView) -> tuple[Party, str, str]:
    """The agency (a `state-agency` contact, else the state's agency from the data), the greeting,
    and the draft note telling the parent what to check before filing."""
    check = (
        "DRAFT for review before filing. Check every fact against the exhibits, sign, and send a copy to the "
        "district the same day you file (34 CFR 300.153(d))."
    )
    contact = view.named_contact("state-agency")
    if contact is not None:
        party = Party.of(contact.name, title=contact.title, address=contact.address, email=contact.email)
        return party, f"To {contact.name}:", check
    agency = view.state_agency
    if agency is None:
        state = STATES.get(view.case.state, view.case.state)
        party = Party.of("Special education complaints", organization=f"State educational agency, {state}")
        return (
            party,
            "To the state educational agency:",
            (check + " Add the state agency's name and complaint address (a contact with role 'state-agency')."),
        )
    office = agency.complaint_office or "Special education complaints"
    party = Party.of(office, organization=agency.name, address=agency.address, email=agency.email)
    extra = []
    if agency.uncertain:
        extra.append(f"The agency's name ({agency.name}) was not checked against its own site: confirm it")
    if not agency.address:
        extra.append("add the agency's complaint address or use its online form")
    if extra:
        check += " " + "; ".join(extra).capitalize() + " (or add a contact with role 'state-agency')."
    return party, f"To the {agency.name}:", check


def _allegations(view: CaseView) -> list[Allegation]:
    first = parts.first_name(view)
    district = view.case.district or "The district"
    out: list[Allegation] = []

    implement = Allegation(
        "failure to implement the IEP",
        f"{district} did not provide {first} the special education, related services and supports the IEP "
        "requires, in conformity with the IEP (34 CFR 300.17(d), 300.323(c)(2)).",
    )
    for line in view.owing:
        ledger = line.ledger
        written = ledger.not_as_written_minutes if view.case.policy.not_as_written_owed else 0
        how = "missed or cut short for reasons on the school's side" + (
            f", or delivered other than as written ({written} of them)," if written else ""
        )
        implement.facts.append(
            f"{line.requirement.name}: from {parts.period_text(view)}, {ledger.required_minutes} minutes were "
            f"required; {ledger.owed_minutes} minutes were {how} and not made up ({refs_text(line.refs)}). "
            f"{_delivered_text(view, line)}"
        )
        implement.evidence.extend(
            view.example_of(e) for e in view.log if e.owed and e.session.requirement_id == line.requirement.id
        )
    if view.owing:  # the facts above quote required minutes: say how short weeks were counted
        implement.note = parts.short_weeks_text(view, view.owing)
    for session in view.not_as_written():
        implement.facts.append(
            f"{long_date(session.date)}: {session.name.lower()} was delivered as \u201c{session.delivered_as}\u201d, "
            f"not as the IEP states ({session.ref})."
        )
        implement.evidence.append(view.example_of(session))
    for entry in view.incidents:
        if entry.is_action or "never-received-iep" in entry.incident.tags:
            continue
        where = (
            f" ({entry.names}; {entry.section})"
            if entry.names and entry.section
            else (f" ({entry.names})" if entry.names else "")
        )
        label = "Safety: " if entry.safety else ""
        implement.facts.append(
            f"{long_date(entry.date)}{where}: {label}{entry.incident.what.rstrip('.')}. ({entry.ref})"
        )
        implement.evidence.append(view.example_of(entry))
    if implement.facts:
        out.append(implement)

    actions = pwn_scope.pwn_actions(view)  # 300.503(a)'s subjects only (a refusal of records is not one)
    if actions:
        change = Allegation(
            "a refusal or change made without the IEP team and without Prior Written Notice",
            f"{district} refused or changed what the IEP provides without an IEP team decision or a written agreement "
            "with me (34 CFR 300.324(a)(4), (a)(6)) and without giving me Prior Written Notice (34 CFR 300.503(a)).",
        )
        for entry in actions:
            what = "Refused" if entry.kind == "refusal" else "Changed without an IEP meeting"
            names = f" ({entry.names})" if entry.names else ""
            change.facts.append(
                f"{long_date(entry.date)}{names}: {what}: {entry.incident.what.rstrip('.')}. ({entry.ref})"
            )
            change.evidence.append(view.example_of(entry))
        for step in view.sent_steps("pwn-request"):
            if step.step.status != "answered" and step.step.sent is not None:
                change.facts.append(
                    f"On {long_date(step.step.sent)} I asked for Prior Written Notice; "
                    f"{'none has come' if step.overdue else 'it is still pending'}."
                )
        out.append(change)

    never = view.tagged("never-received-iep")
    if never:
        access = Allegation(
            "the IEP not given to those responsible for it",
            f"{district} did not make sure that each teacher and provider responsible for {first}'s IEP had access "
            "to it and was told of their specific responsibilities (34 CFR 300.323(d)).",
        )
        for entry in never:
            access.facts.append(f"{long_date(entry.date)}: {entry.incident.what.rstrip('.')} ({entry.ref})")
            access.evidence.append(view.example_of(entry))
        out.append(access)
    if not out:
        raise InputError("No failure is logged: a state complaint needs the facts of at least one violation.")
    return out


def _delivered_text(view: CaseView, line: ServiceLine) -> str:
    """What the record holds about delivery, never more: 'My log records 315 minutes delivered.', 'My log
    records no delivered session; for another 558 minutes it has no entry either way.' A parent who logs only
    the misses has logged no delivery; that is not '0 delivered' (issue 10). With an imported district log the
    ledger counts both records, and the sentence names both."""
    ledger = line.ledger
    log = view.district_log
    record = "My log records" if log is None else f"My log and the district's service log {produced_text(log)} record"
    as_written = " as written" if ledger.not_as_written_minutes and view.case.policy.not_as_written_owed else ""
    delivered = (
        f"{ledger.delivered_minutes} minutes delivered{as_written}"
        if ledger.delivered_minutes
        else f"no session delivered{as_written}"
        if as_written
        else "no delivered session"
    )
    text = f"{record} {delivered}"
    if ledger.unaccounted_minutes:
        none = "it has no entry" if log is None else "neither has an entry"
        text += f"; for another {ledger.unaccounted_minutes} minutes {none} either way"
    return text + "."


def _window_sentence(view: CaseView, allegation: Allegation) -> str:
    """When the allegation's facts happened and that it is within the one-year limit (300.153(c))."""
    dates = [e.date for e in allegation.evidence]
    window = view.state_complaint_window(allegation.evidence)
    if not dates or window is None:
        return ""
    span = (
        f"on {long_date(min(dates))}"
        if min(dates) == max(dates)
        else f"from {long_date(min(dates))} to {long_date(max(dates))}"
    )
    if window.closes is None or window.oldest_inside is None:
        return (
            f"These facts occurred {span}, more than one year ago ({window.citation}): they are given as background "
            "only."
        )
    oldest = window.oldest_inside.date
    text = (
        f"These violations occurred {span}. The oldest"
        + (f", on {long_date(oldest)}," if oldest else "")
        + f" is within the one-year limit of {window.citation} if the agency receives this complaint by "
        f"{long_date(window.closes)}."
    )
    if window.failures_outside:
        older = window.failures_outside
        text += f" {plural(older, 'older fact')} {'is' if older == 1 else 'are'} given as background only."
    return text


def _history(view: CaseView) -> list[str]:
    items = []
    for step in view.sent_steps():
        if step.step.sent is not None:
            items.append(f"On {long_date(step.step.sent)} I sent a {parts.step_status(step)}")
    for action in view.actions:
        if action.state == "overdue" and action.action.due:
            items.append(
                f"At the meeting of {long_date(action.meeting.date)}, the "
                f"{role_title(action.action.owner_role).lower()} agreed to "
                f"\u201c{action.action.what.rstrip('.')}\u201d by {long_date(action.action.due)}. It has not been done."
            )
    return items
