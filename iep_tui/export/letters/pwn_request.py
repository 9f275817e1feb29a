"""Prior Written Notice request (34 CFR 300.503; legal-rules.md 6.1-6.2).

Built from the incidents whose kind is `refusal` (the school refused a service,
accommodation, evaluation or change) or `informal-change` (a service reduced, suspended
or changed without an IEP meeting) that 300.503(a) covers as far as the record can say
(`pwn_scope`: a refusal linked to no requirement whose words are about records or a meeting
is left out, and the user is told): each in the IEP's words, with the sessions lost since,
who the parent told and the letters that cited it. It asks for notice only of what
300.503(a) covers (a proposal or refusal to initiate or change the identification,
evaluation or educational placement of the child or the provision of FAPE), keeps the
seven elements of 300.503(b), and says the parent does not agree to a change made outside
the IEP team (300.324(a)(4), (a)(6)). The parent writes in the first person throughout.
"""

from __future__ import annotations

from iep_tui.domain.case_view import CaseView, IncidentEntry, refs_text
from iep_tui.errors import InputError
from iep_tui.export import letter_parts as parts
from iep_tui.export import pwn_scope
from iep_tui.export.formatting import count_word, day_date, join_and, long_date, role_title
from iep_tui.export.letter import Letter, LetterBuilder

KIND = "pwn-request"
TITLE = "Request for Prior Written Notice"

ELEMENTS_300_503_B: tuple[str, ...] = (
    "A description of the action the district proposes or refuses.",
    "An explanation of why the district proposes or refuses the action.",
    "A description of each evaluation procedure, assessment, record or report used as a basis for the decision.",
    "A statement that I have protection under the procedural safeguards, and how to get a copy of them.",
    "Sources I can contact for help in understanding these rights.",
    "A description of the other options the IEP team considered and why they were rejected.",
    "A description of any other factors relevant to the decision.",
)
"""34 CFR 300.503(b)(1)-(7) in order, read 2026-12-06 (govinfo CFR 2007; codes.findlaw.com, current 2025)."""

KIND_LEADS = {"refusal": "Refused", "informal-change": "Changed without an IEP meeting"}


def build(view: CaseView) -> Letter:
    actions = pwn_scope.pwn_actions(view)  # only what 300.503(a) covers, as far as the record says
    if not actions:
        outside = pwn_scope.left_out(view)
        if outside:
            raise InputError(
                "No refusal or informal change logged is one 34 CFR 300.503(a) covers (identification, "
                f"evaluation, placement or the provision of FAPE): {pwn_scope.left_out_warnings(view)[0]}"
            )
        raise InputError(
            "No refusal or informal change is logged: log the incident with `--kind refusal` (the school refused a "
            "service, accommodation, evaluation or change) or `--kind informal-change` (a service reduced, "
            "suspended or changed without an IEP meeting) to request Prior Written Notice about it."
        )
    to, cc = parts.addressees(
        view,
        KIND,
        "case-manager",
        ("principal", "special-education-director"),
        "as the recipient of the Prior Written Notice request",
    )
    first = parts.first_name(view)
    body = LetterBuilder()
    body.para(
        f"I am writing about {parts.iep_phrase(view)}. The school has refused or changed what the IEP provides "
        f"without an IEP team decision and without giving me Prior Written Notice. Here is what happened, in date "
        "order:"
    )
    body.bullets(_item(view, entry) for entry in actions)
    requirements = [r for r in view.requirements if any(r.id in e.incident.requirement_ids for e in actions)]
    if requirements:
        body.para("What the IEP says about each of them:")
        body.bullets(parts.requirement_quote(r) for r in requirements)
    body.para(
        "Under 34 CFR 300.503(a), the district must give me written notice a reasonable time before it proposes or "
        "refuses to initiate or change the identification, evaluation or educational placement of "
        f"{first}, or the provision of a free appropriate public education to {first}. Each action above changes "
        "or refuses what the IEP provides, so I request Prior Written Notice for each one, containing every "
        "element 34 CFR 300.503(b) requires:"
    )
    body.numbered(ELEMENTS_300_503_B)
    body.para(
        "Please write the notice in language understandable to the general public and in my native language "
        "(34 CFR 300.503(c))."
    )
    names = [r.name.lower() for r in requirements]
    keep = f", including {join_and(names)}" if names else ""
    body.para(
        f"I have not agreed to any change to {first}'s IEP. The IEP can be changed only by the IEP team or by a "
        "written agreement between me and the district (34 CFR 300.324(a)(4), (a)(6)). Until it is changed that "
        f"way, I expect it to be implemented as written{keep}."
    )
    body.para(f"Please send the notice by {parts.due_text(view.reply_for(KIND), 'the notice')}.")
    body.para("Thank you.")
    exhibits = [parts.incident_log_exhibit(view)]
    if view.log:
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
        warnings=pwn_scope.left_out_warnings(view),
    )


def _item(view: CaseView, entry: IncidentEntry) -> str:
    incident = entry.incident
    where = (
        f" ({entry.names}; IEP {entry.section})"
        if entry.names and entry.section
        else (f" ({entry.names})" if entry.names else "")
    )
    lead = KIND_LEADS.get(entry.kind, "")
    lead_text = f"{lead}: " if lead else ""
    text = f"{day_date(entry.date)}{where}: {lead_text}{incident.what.rstrip('.')}. (Exhibit {entry.ref})"
    ids = set(incident.requirement_ids)
    lost = [e for e in view.log if e.owed and e.session.requirement_id in ids and e.date >= entry.date]
    if lost:
        verb = "was" if len(lost) == 1 else "were"
        text += (
            f" Since then, {count_word(len(lost))} scheduled session{'s' if len(lost) != 1 else ''} {verb} missed or "
            f"cut short ({refs_text(e.ref for e in lost)})."
        )
    told = [f"the {role_title(n.role).lower()} on {long_date(n.on)}" for n in incident.notified if n.on]
    if told:
        text += f" I raised it with {join_and(told)}."
    for step in view.sent_steps():
        if incident.id in step.step.incident_ids and step.step.sent is not None:
            reply = "no reply by the due date" if step.overdue else step.status
            text += f" My {step.title.lower()} of {long_date(step.step.sent)} cited it ({reply})."
    return text
