"""Meeting request: an IEP meeting by a computed date, run as a review of implementation.

The date and its rule come from the state where the data has one (California: the meeting
within 30 days, Ed. Code 56343.5; Texas: an "ARD committee meeting", which the district
must hold or refuse in writing within five school days, 19 TAC 89.1050(e)), else the
10-school-day request. The general-education teacher is invited when accommodations failed
in general education (34 CFR 300.321(a)(2)); a meeting already requested and not held is
named. The agenda follows the escalation code's agenda (safety first, minutes owed, the
failures logged, responses and actions still open) and ends with the plan: root cause, an
implementation plan with owners and dates, compensatory education, and how delivery will
be logged.
"""

from __future__ import annotations

from iep_tui.domain.case_view import CaseView, refs_text
from iep_tui.export import letter_parts as parts
from iep_tui.export import pwn_scope
from iep_tui.export.district_log import produced_text
from iep_tui.export.formatting import join_and, long_date, minutes_text, reason_text, role_title
from iep_tui.export.letter import Letter, LetterBuilder

KIND = "meeting-request"
TITLE = "Request for an IEP meeting"


def build(view: CaseView) -> Letter:
    to, cc = parts.addressees(
        view,
        KIND,
        "case-manager",
        ("principal", "special-education-director"),
        "as the recipient of the meeting request",
    )
    first = parts.first_name(view)
    body = LetterBuilder()
    providers = sorted(
        {
            role_title(s.requirement.provider_role)
            for s in view.services
            if s.requirement.provider_role and s.requirement.provider_role != "case-manager"
        }
    )
    teachers = general_education_teachers(view)
    attendees = [
        "you as case manager",
        *[f"the {p.lower()}" for p in providers],
        *teachers,
        "the principal",
        "a district representative who can commit resources",
    ]
    meeting = view.meeting_name
    body.para(
        f"I request {parts.article(meeting)} {meeting} to review how {parts.iep_phrase(view)} is being implemented, "
        f"at a time when {join_and(attendees)} can attend."
    )
    law = parts.meeting_law(view)
    body.para(f"Please {parts.meeting_ask(view, it=True)}." + (f" {law}" if law else ""))
    if teachers:
        body.para(
            f"{first}'s accommodations were not provided in general education (see the incident log), so the IEP "
            "team should include a general-education teacher who teaches "
            f"{first} (34 CFR 300.321(a)(2))."
        )
    for earlier in view.meetings("requested"):
        if earlier.requested_on is None:
            continue
        held = "which has not been confirmed" if earlier.date >= view.today else "which was not held"
        body.para(
            f"This repeats my request of {long_date(earlier.requested_on)} for a meeting on "
            f"{long_date(earlier.date)}, {held}."
        )
    for step in view.overdue_steps():
        # overdue: sent (a sent step has its date: EscalationStep's validator) and past its due date
        assert step.step.sent is not None and step.due is not None
        body.para(
            f"My {step.title.lower()} of {long_date(step.step.sent)} asked for a reply by "
            f"{long_date(step.due)}; I have not received one. I would like to discuss it at the meeting."
        )

    body.heading("Proposed agenda")
    body.para("I propose that we run the meeting as a review of implementation, in this order:")
    body.numbered(agenda_items(view))
    body.para(
        "Please send me the service logs and other records about these services before the meeting "
        "(34 CFR 300.613(a)), so that we can use the meeting to plan rather than to reconstruct what happened."
    )
    # Written for a recorded step whose clock is the reply convention (no state rule for the request),
    # the reply is due when the tracker says; where a state's rule sets the step's clock, that date is
    # the meeting's (CA 56343.5, AZ R7-2-401(G)(7)) or the answer the law states (TX), not a reply's.
    convention = view.letter_step(KIND) is not None and not view.meeting_rule_id
    asked_by = view.reply_for(KIND) if convention else view.short_reply_due
    reply = parts.meeting_reply(view) or (
        f"Please reply by {parts.due_text(asked_by, 'the reply')} with two or three possible dates and times."
    )
    body.para(
        f"{reply} The enclosed logs list each failure by its exhibit number. Thank you; I look forward to "
        f"working out a plan for {first}."
    )
    body.para(parts.PWN_REFUSAL_SENTENCE)
    exhibits = parts.log_exhibits(view)
    named = f"Request for {parts.article(meeting)} {meeting}"
    return parts.make_letter(
        view,
        KIND,
        named if meeting != "IEP meeting" else TITLE,
        f"{named} to review implementation",
        to,
        cc,
        body.build(),
        exhibits=exhibits,
    )


def agenda_items(view: CaseView) -> list[str]:
    """The agenda in the order of the escalation code's agenda, in the parent's words."""
    first = parts.first_name(view)
    sections = {name for name, _ in view.agenda.sections()}
    items: list[str] = []
    safety = view.safety_incidents
    if "Safety" in sections or safety:
        items.append(
            f"Safety: the failures of {first}'s safety plan ({refs_text(e.ref for e in safety)}), and how the plan "
            "will be staffed from now on, including when the responsible adult is absent."
        )
    owing = [s for s in view.services if s.ledger.owed_minutes or s.ledger.unaccounted_minutes]
    if owing:
        lines = []
        for line in owing:
            text = f"{line.requirement.name.lower()} {line.ledger.owed_minutes} min owed"
            if line.ledger.unaccounted_minutes:
                text += f" and {line.ledger.unaccounted_minutes} min with no record"
            lines.append(text)
        items.append(f"Services and minutes owed since {long_date(view.ledger_start)}: {'; '.join(lines)}.")
        log = view.district_log
        items.append(
            "Delivery evidence: the school's service logs for each service, compared with my log (Exhibit A)."
            if log is None
            else "Delivery evidence: the district's complete service logs for each service, compared with my log "
            f"and with the district's log {produced_text(log)} (Exhibit A)."
        )
    actions = [e for e in pwn_scope.pwn_actions(view) if not e.safety]  # "Prior Written Notice for each"
    if actions:
        what = "; ".join(f"{e.incident.what.rstrip('.')} ({e.ref})" for e in actions)
        items.append(f"Services refused or changed without an IEP meeting: {what}; and Prior Written Notice for each.")
    failures = [e for e in view.incidents if not e.safety and not e.is_action]
    if failures:
        names = list(dict.fromkeys(r.name.lower() for e in failures for r in e.requirements))
        what = join_and(names) if names else "see the incident log"
        items.append(f"IEP provisions not followed in class: {what} ({refs_text(e.ref for e in failures)}).")
    reasons = sorted({reason_text(e.session.reason) for e in view.log if e.owed and e.kind == "missed"})
    why = f" (the reasons given so far: {join_and(reasons)})" if reasons else ""
    items.append(f"Root cause: why each service or support was not delivered as written{why}.")
    open_actions = [a for a in view.actions if a.state != "done"]
    if open_actions:
        agreed = "; ".join(
            f"{a.action.what.rstrip('.')} ({role_title(a.action.owner_role).lower()}, due {long_date(a.action.due)})"
            if a.action.due
            else f"{a.action.what.rstrip('.')} ({role_title(a.action.owner_role).lower()})"
            for a in open_actions
        )
        items.append(f"Actions agreed at earlier meetings that are still open: {agreed}.")
    items.append(
        "Implementation plan: who delivers each service and support, from which date, with the IEP's frequency "
        "and minutes; a back-up plan when a provider is absent; how every teacher gets the accommodations."
    )
    if view.owed_minutes:
        items.append(
            f"Compensatory education: a written plan to make up the {minutes_text(view.owed_minutes)} owed, with "
            "schedule, provider and completion date, in addition to the regular IEP services."
        )
    items.append("How delivery will be logged and shared with me from now on.")
    return items


GENERAL_EDUCATION_ROLES = ("teacher", "general-education-teacher")


def general_education_teachers(view: CaseView) -> list[str]:
    """'Carla Jensen (4th Grade Teacher)' (or 'a general-education teacher') when an accommodation
    failed in general education: an incident of an accommodation delivered by a general-education
    teacher or in a general-education setting. Empty otherwise."""
    failed = False
    for entry in view.incidents:
        for requirement in entry.requirements:
            if requirement.kind != "accommodation":
                continue
            where = f"{requirement.setting} {entry.incident.setting}".lower()
            if requirement.provider_role in GENERAL_EDUCATION_ROLES or "general" in where or "all classes" in where:
                failed = True
    if not failed:
        return []
    named = [view.named_contact(role) for role in GENERAL_EDUCATION_ROLES]
    people = [f"{c.name} ({c.title or 'general-education teacher'})" for c in named if c is not None]
    return people[:1] or ["a general-education teacher"]
