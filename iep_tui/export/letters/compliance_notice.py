"""Compliance notice: the IEP is not being implemented as written (legal-rules.md 6.4).

To the case manager, copied to the principal and the special-education director (or to
the recipients of the compliance-notice step recorded today or drafted):
three to five dated examples (safety first, then the most recent), the minutes owed
per service, the legal hooks, and numbered requests with a meeting date and a reply
date counted on the school calendar.
"""

from __future__ import annotations

from iep_tui.domain.case_view import CaseView, refs_text
from iep_tui.errors import InputError
from iep_tui.export import letter_parts as parts
from iep_tui.export.formatting import count_word, join_and, long_date, minutes_text
from iep_tui.export.letter import Letter, LetterBuilder

KIND = "compliance-notice"
TITLE = "Compliance notice"


def build(view: CaseView) -> Letter:
    examples = view.examples()
    if not examples:
        raise InputError("No failure is logged yet: log a missed session or an incident before a compliance notice.")
    to, cc = parts.addressees(view, KIND, "case-manager", ("principal", "special-education-director"),
                              "as the recipient of the compliance notice")
    first = parts.first_name(view)
    body = LetterBuilder()
    body.para(
        f"I am writing about {parts.iep_phrase(view)}. The IEP is not being implemented as written. "
        "I am putting this in writing so that it can be corrected quickly and so that there is a clear record."
    )
    earlier = [s for s in view.sent_steps("compliance-notice") if s.step.status != "answered"]
    for step in earlier:
        if step.overdue and step.due:
            body.para(
                f"I wrote about these problems on {long_date(step.step.sent)} and asked for a reply by "
                f"{long_date(step.due)}. I have not received one."
            )

    body.heading("What my log shows")
    body.para(
        f"Here are {count_word(len(examples))} examples from my log, in date order. Each exhibit number refers "
        "to an entry in the enclosed service log (Exhibit A) or incident log (Exhibit B)."
    )
    body.bullets(parts.example_item(e) for e in examples)
    safety = view.safety_incidents
    if safety:
        body.para(
            (
                f"One of the logged incidents involves {first}'s safety plan ({refs_text(e.ref for e in safety)}). "
                "Please treat it as urgent."
                if len(safety) == 1
                else f"{count_word(len(safety)).capitalize()} of the logged incidents involve {first}'s safety "
                f"plan ({refs_text(e.ref for e in safety)}). Please treat them as urgent."
            ),
            lead="Safety.",
        )
    if view.services:
        body.heading("Minutes owed")
        body.para(parts.owed_sentence(view))
        body.table(parts.minutes_table(view))

    body.heading("What the IEP requires of the district")
    body.para(
        "A free appropriate public education includes special education and related services provided in "
        "conformity with the IEP (34 CFR 300.17(d)). Services must be provided as soon as possible once the IEP "
        "is in effect (34 CFR 300.323(c)(2)), and each teacher and provider responsible for the IEP must have "
        "access to it and be told of their specific responsibilities (34 CFR 300.323(d))."
    )

    body.heading("What I am asking for")
    services = [
        s.requirement.name.lower() for s in view.services if s.ledger.owed_minutes or s.ledger.unaccounted_minutes
    ]
    requests = [
        f"Implement {first}'s IEP as written, starting now, including every service, accommodation and support "
        "listed in it."
    ]
    if services:
        requests.append(
            f"Send me the service-delivery logs for {join_and(services)} from {long_date(view.ledger_start)} "
            "to date, so that they can be compared with my log."
        )
    if view.owed_minutes:
        requests.append(
            f"Propose in writing a plan to make up the {minutes_text(view.owed_minutes)} owed: sessions, provider, "
            "schedule and completion date. Make-up sessions are in addition to the regular IEP services."
        )
    requests.append(
        f"Confirm in writing that every teacher and provider responsible for {first}'s IEP has a copy and "
        "knows what it requires of them (34 CFR 300.323(d))."
    )
    requests.append(
        f"Hold an IEP meeting by {parts.due_text(view.meeting_due, 'the meeting')} to review how the IEP is "
        "being implemented."
    )
    requests.append(
        "If the district refuses any of these requests, send me Prior Written Notice explaining the refusal "
        "(34 CFR 300.503)."
    )
    body.numbered(requests)
    body.para(f"Please reply in writing by {parts.due_text(view.reply_due, 'the reply')}.")
    body.para(
        "I would like to resolve this with the school. If the IEP cannot be implemented as written, it should be "
        "revised at an IEP meeting rather than left to lapse. If these failures continue, I may file a state "
        "complaint (34 CFR 300.153)."
    )
    body.para(f"Thank you for your attention to {first}'s services.")
    exhibits = parts.log_exhibits(view)
    return parts.make_letter(
        view,
        KIND,
        TITLE,
        "Failure to implement the IEP as written",
        to,
        cc,
        body.build(),
        exhibits=exhibits,
    )

