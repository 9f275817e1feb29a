"""Prior Written Notice request (legal-rules.md 6.1-6.2).

What the school refused or changed without an IEP team decision, and when (incidents
tagged `refusal` or `informal-change`, with the sessions lost since), the earlier
requests that went unanswered, the seven elements of 34 CFR 300.503(b), and that the
parent does not agree to a change made outside the IEP team (34 CFR 300.324(a)(4)).
"""

from __future__ import annotations

from iep_tui.domain.case_view import CaseView, refs_text
from iep_tui.errors import InputError
from iep_tui.export import letter_parts as parts
from iep_tui.export.formatting import count_word, day_date, join_and, long_date, role_title
from iep_tui.export.letter import Letter, LetterBuilder

KIND = "pwn-request"
TITLE = "Request for Prior Written Notice"
TAGS = ("refusal", "informal-change")

ELEMENTS_300_503_B: tuple[str, ...] = (
    "A description of the action the district proposes or refuses.",
    "An explanation of why the district proposes or refuses the action.",
    "A description of each evaluation procedure, assessment, record or report used as a basis for the decision.",
    "A statement that I have protection under the procedural safeguards, and how to get a copy of them.",
    "Sources I can contact for help in understanding these rights.",
    "A description of the other options the IEP team considered and why they were rejected.",
    "A description of any other factors relevant to the decision.",
)


def build(view: CaseView) -> Letter:
    actions = view.tagged(*TAGS)
    if not actions:
        raise InputError(
            "No refusal or informal change is logged: tag the incident 'refusal' or 'informal-change' "
            "to request Prior Written Notice about it."
        )
    to, cc = parts.addressees(view, KIND, "case-manager", ("principal", "special-education-director"),
                              "as the recipient of the Prior Written Notice request")
    first = parts.first_name(view)
    body = LetterBuilder()
    body.para(
        f"I am writing about {parts.iep_phrase(view)}. The school has refused or changed services without an "
        "IEP team decision and without giving me Prior Written Notice:"
    )
    items = []
    for entry in actions:
        incident = entry.incident
        where = f" ({entry.names}; IEP {entry.section})" if entry.names and entry.section else (
            f" ({entry.names})" if entry.names else ""
        )
        text = f"{day_date(entry.date)}{where}: {incident.what.rstrip('.')}. (Exhibit {entry.ref})"
        ids = set(incident.requirement_ids)
        lost = [e for e in view.log if e.owed and e.session.requirement_id in ids and e.date >= entry.date]
        if lost:
            verb = "was" if len(lost) == 1 else "were"
            text += (
                f" Since then, {count_word(len(lost))} scheduled session{'s' if len(lost) != 1 else ''} {verb} "
                "missed or cut short "
                f"({refs_text(e.ref for e in lost)})."
            )
        told = [f"the {role_title(n.role).lower()} on {long_date(n.on)}" for n in incident.notified if n.on]
        if told:
            text += f" I raised it with {join_and(told)}."
        for step in view.sent_steps():
            if incident.id in step.step.incident_ids:
                reply = "no reply by the due date" if step.overdue else step.status
                text += f" My {step.title.lower()} of {long_date(step.step.sent)} cited it ({reply})."
        items.append(text)
    body.bullets(items)
    body.para(
        f"Under 34 CFR 300.503(a), the district must give me written notice a reasonable time before it proposes "
        f"or refuses to change the provision of a free appropriate public education to {first}. I request Prior "
        "Written Notice for each action above, containing every element 34 CFR 300.503(b) requires:"
    )
    body.numbered(ELEMENTS_300_503_B)
    body.para(
        "Please write the notice in language understandable to the general public and in my native language "
        "(34 CFR 300.503(c))."
    )
    names = sorted({r.name.lower() for entry in actions for r in entry.requirements})
    keep = f", including {join_and(names)}" if names else ""
    body.para(
        f"I do not agree to any change to {first}'s IEP made without an IEP team decision or a written agreement "
        f"(34 CFR 300.324(a)(4)). Until the IEP is changed that way, I expect it to be implemented as written{keep}."
    )
    body.para(f"Please send the notice by {parts.due_text(view.reply_due, 'the notice')}.")
    body.para("Thank you.")
    exhibits = [parts.incident_log_exhibit(view)]
    if any(e.owed for e in view.log):
        exhibits.insert(0, parts.service_log_exhibit(view))
    return parts.make_letter(
        view,
        KIND,
        TITLE,
        "Request for Prior Written Notice (34 CFR 300.503)",
        to,
        cc,
        body.build(),
        exhibits=exhibits,
    )
