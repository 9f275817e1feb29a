"""Compliance notice: the IEP is not being implemented as written (legal-rules.md 6.4).

To the case manager, copied to the principal and the special-education director (or to
the recipients of the compliance-notice step recorded today or drafted): the IEP's own
words for each requirement raised, three to five dated examples chosen by weight (safety,
refusals and informal changes, the largest losses), sessions delivered other than as
written, the minutes owed per service, concrete asks for a safety failure, the legal
hooks, and numbered requests with a meeting date and a reply date, each with its rule.
"""

from __future__ import annotations

from iep_tui.domain.case_view import CaseView, refs_text
from iep_tui.errors import InputError
from iep_tui.export import letter_parts as parts
from iep_tui.export.district_log import district_log_paragraphs
from iep_tui.export.formatting import count_word, join_and, long_date, minutes_text
from iep_tui.export.letter import Letter, LetterBuilder

KIND = "compliance-notice"
TITLE = "Compliance notice"

LEGAL_PARAGRAPH = (
    "A free appropriate public education includes special education and related services provided in "
    "conformity with the IEP (34 CFR 300.17(d)). As soon as possible after the IEP is developed, special education "
    "and related services must be made available in accordance with it (34 CFR 300.323(c)(2)), and each teacher "
    "and provider responsible for implementing it must have access to it and be informed of their specific "
    "responsibilities (34 CFR 300.323(d))."
)
"""300.17(d), 300.323(c)(2) and (d) as the regulation states them, read 2026-12-06: 300.17 at govinfo (CFR 2007,
unchanged since); 300.323(c)(2) as Cal. Ed. Code 56344(b) restates it; 300.323(d)(1)-(2) as quoted by
wrightslaw.com and the ESC Region 18 legal framework."""


def build(view: CaseView) -> Letter:
    examples = parts.own_examples(view)  # "my log": not the rows only the district's imported log has
    if not examples and not view.examples():
        raise InputError("No failure is logged yet: log a missed session or an incident before a compliance notice.")
    to, cc = parts.addressees(
        view,
        KIND,
        "case-manager",
        ("principal", "special-education-director"),
        "as the recipient of the compliance notice",
    )
    first = parts.first_name(view)
    body = LetterBuilder()
    body.para(
        f"I am writing about {parts.iep_phrase(view)}. The IEP is not being implemented as written. "
        "I am putting this in writing so that it can be corrected quickly and so that there is a clear record."
    )
    for step in view.sent_steps("compliance-notice"):
        if step.overdue and step.due and step.step.sent:
            body.para(
                f"I wrote about these problems on {long_date(step.step.sent)} and asked for a reply by "
                f"{long_date(step.due)}. I have not received one."
            )

    body.heading("What the IEP requires")
    body.bullets(parts.requirement_quote(r) for r in parts.requirements_raised(view, examples))

    if examples:
        body.heading("What my log shows")
        body.para(parts.examples_intro(view, examples))
        body.bullets(parts.example_item(e) for e in examples)
    other = parts.not_as_written_text(view)
    if other:
        body.para(other)
    safety = view.safety_incidents
    if safety:
        body.para(
            (
                f"One of the logged incidents involves {first}'s safety plan ({refs_text(e.ref for e in safety)})."
                if len(safety) == 1
                else f"{count_word(len(safety)).capitalize()} of the logged incidents involve {first}'s safety "
                f"plan ({refs_text(e.ref for e in safety)})."
            )
            + " I ask for the safety steps below now, separately from everything else in this letter.",
            lead="Safety.",
        )
    district = [
        text for text in (*district_log_paragraphs(view, first), parts.district_not_as_written_text(view)) if text
    ]
    if district:
        body.heading("What the district's own log shows")
        for text in district:
            body.para(text)
    if view.services:
        body.heading("Minutes owed")
        body.para(parts.owed_sentence(view, short_weeks=False))  # the table's caption says it
        body.table(parts.minutes_table(view))

    body.heading("What the IEP requires of the district")
    body.para(LEGAL_PARAGRAPH)

    body.heading("What I am asking for")
    requests: list[str] = []
    if safety:
        requests.extend(parts.safety_requests(view))
    requests.append(
        f"Implement {first}'s IEP as written, starting now, including every service, accommodation and support "
        "listed in it, in the setting and group size it states."
    )
    services = [
        s.requirement.name.lower() for s in view.services if s.ledger.owed_minutes or s.ledger.unaccounted_minutes
    ]
    if services:
        received = view.district_log
        covered = (
            f" (the log produced on {join_and([long_date(d) for d in received.produced])} covers "
            f"{long_date(received.covers[0])} to {long_date(received.covers[1])} only)"
            if received
            else ""
        )
        requests.append(
            f"Send me the service-delivery logs for {join_and(services)} from {long_date(view.ledger_start)} "
            f"to date{covered}, so that they can be compared with my log."
        )
    if view.owed_minutes:
        requests.append(
            f"Propose in writing a plan to make up the {minutes_text(view.owed_minutes)} owed: sessions, provider, "
            "schedule and completion date. Make-up sessions are in addition to the regular IEP services."
        )
    if not safety:
        requests.append(
            f"Confirm in writing that every teacher and provider responsible for {first}'s IEP has a copy and "
            "knows what it requires of them (34 CFR 300.323(d))."
        )
    ask = parts.meeting_ask(view)
    requests.append(f"{ask[0].upper()}{ask[1:]} to review how the IEP is being implemented.")
    body.numbered(requests)
    law = parts.meeting_law(view)
    if law:
        body.para(law)
    body.para(parts.PWN_REFUSAL_SENTENCE)
    body.para(parts.reply_sentence(view, KIND))
    body.para(
        "I would like to resolve this with the school. If the IEP cannot be implemented as written, it should be "
        f"revised at {parts.article(view.meeting_name)} {view.meeting_name} rather than left to lapse. If these "
        "failures continue, I may file a state complaint (34 CFR 300.153)."
    )
    body.para(f"Thank you for your attention to {first}'s services.")
    return parts.make_letter(
        view,
        KIND,
        TITLE,
        "Failure to implement the IEP as written",
        to,
        cc,
        body.build(),
        exhibits=parts.log_exhibits(view),
    )
