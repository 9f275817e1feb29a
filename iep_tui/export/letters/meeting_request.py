"""Meeting request: an IEP meeting by a computed date, run as a review of implementation.

The agenda follows the escalation code's agenda (safety first, minutes owed, the
failures logged, responses and actions still open) and ends with the plan: root
cause, an implementation plan with owners and dates, compensatory education, and
how delivery will be logged.
"""

from __future__ import annotations

from iep_tui.domain.case_view import CaseView, refs_text
from iep_tui.export import letter_parts as parts
from iep_tui.export.formatting import join_and, long_date, minutes_text, reason_text, role_title
from iep_tui.export.letter import Letter, LetterBuilder

KIND = "meeting-request"
TITLE = "Request for an IEP meeting"


def build(view: CaseView) -> Letter:
    to, cc = parts.addressees(view, KIND, "case-manager", ("principal", "special-education-director"),
                              "as the recipient of the meeting request")
    first = parts.first_name(view)
    body = LetterBuilder()
    providers = sorted({role_title(s.requirement.provider_role) for s in view.services if s.requirement.provider_role
                        and s.requirement.provider_role != "case-manager"})
    attendees = ["you as case manager", *[f"the {p.lower()}" for p in providers], "the principal",
                 "a district representative who can commit resources"]
    body.para(
        f"I request an IEP meeting to review how {parts.iep_phrase(view)} is being implemented. Please hold it by "
        f"{parts.due_text(view.meeting_due, 'the meeting')}, at a time when {join_and(attendees)} can attend."
    )
    pending = view.next_meeting()
    if pending is not None and pending.requested_on:
        body.para(
            f"This follows my request of {long_date(pending.requested_on)} for a meeting on {long_date(pending.date)}, "
            "which has not been confirmed."
        )
    for step in view.overdue_steps():
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
    body.para(
        f"Please reply by {parts.due_text(view.short_reply_due, 'the reply')} with two or three possible dates "
        f"and times. The enclosed logs list each failure by its exhibit number. Thank you; I look forward to "
        f"working out a plan for {first}."
    )
    exhibits = parts.log_exhibits(view)
    return parts.make_letter(
        view,
        KIND,
        TITLE,
        "Request for an IEP meeting to review implementation",
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
        items.append("Delivery evidence: the school's service logs for each service, compared with my log (Exhibit A).")
    failures = [e for e in view.incidents if not e.safety]
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
            if a.action.due else f"{a.action.what.rstrip('.')} ({role_title(a.action.owner_role).lower()})"
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
    items.append("Prior Written Notice for any request the district refuses (34 CFR 300.503).")
    return items
