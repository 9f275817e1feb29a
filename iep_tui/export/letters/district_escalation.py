"""District escalation: to the next rung (special-education director, then assistant
superintendent, then superintendent; or the recipients of the step recorded today), with
the implementation checklist enclosed and a deadline for a written compensatory services plan.

Its subject says what it is ("Escalation: IEP not implemented for <student>"); the IEP's words
for each requirement raised; what has happened so far (every step sent, with its reply or the
lack of one, every refusal and informal change, meetings requested and not held, agreed actions
overdue); a safety failure in a paragraph of its own; examples chosen by weight.
"""

from __future__ import annotations

from datetime import date

from iep_tui.domain import escalation_ladder as ladder
from iep_tui.domain.case_view import CaseView, refs_text
from iep_tui.domain.escalation_ladder import StepView
from iep_tui.domain.roles import same_role
from iep_tui.errors import InputError
from iep_tui.export import letter_parts as parts
from iep_tui.export.formatting import count_word, join_and, long_date, minutes_text, role_title
from iep_tui.export.letter import Letter, LetterBuilder, Party

KIND = "district-escalation"
TITLE = "District escalation"


def _addressees(view: CaseView) -> tuple[tuple[Party, ...], tuple[str, ...]]:
    """The recipients of the district-escalation step recorded today (or drafted), else the next
    rung of the ladder, copied to the case manager, the principal and the rungs before it."""
    step = view.letter_step(KIND)
    if step is not None and step.step.to_roles:
        return parts.addressees(view, KIND, "", (), "as the recipient of the district escalation")
    rung = ladder.next_district_rung(view.bundle)
    if rung is None:
        raise InputError(
            "Every district rung (special-education director, assistant superintendent, superintendent) has "
            "been written to: the next step is a state complaint (`iep-tui letter state-complaint`)."
        )
    to = parts.recipient(view, rung, f"as the next district contact ({rung.replace('-', ' ')})")
    position = next(i for i, r in enumerate(ladder.DISTRICT_LADDER) if same_role(r, rung))
    earlier_rungs = list(ladder.DISTRICT_LADDER[:position])
    return (to,), ("case-manager", "principal", *earlier_rungs)


def _what_was_done(view: CaseView, earlier: list[StepView]) -> str:
    """What the parent did before this letter, as the record holds it (issue 10: never "my letters to the
    school" when none was sent): the steps sent, with their dates; else the failures reported (to whom, from
    the incidents' notifications) and the last meeting held (and whether what was agreed there was done);
    else nothing."""
    if earlier:
        sent = []
        for step in earlier:
            assert step.step.sent is not None
            to = join_and([role_title(r).lower() for r in step.step.to_roles])
            sent.append(f"{long_date(step.step.sent)} ({step.title.lower()}{f' to the {to}' if to else ''})")
        return f" I wrote about it on {join_and(sent)}, and it has not been resolved."
    roles = list(dict.fromkeys(n.role for e in view.incidents for n in e.incident.notified))
    reported = f"I reported failures to {join_and([f'the {role_title(r).lower()}' for r in roles])}" if roles else ""
    overdue = view.overdue_actions()
    held = view.last_held_meeting()
    if overdue:
        dates = sorted({a.meeting.date for a in overdue})
        meetings = "meeting" if len(dates) == 1 else "meetings"
        met = f"what was agreed at our {meetings} of {join_and([long_date(d) for d in dates])} has not been done"
    elif held is not None:
        met = f"we met on {long_date(held.date)}"
    else:
        met = ""
    if reported and met:
        return f" {reported}, and {met}."
    if reported:
        return f" {reported}, and the failures continue."
    if met:
        return f" {met[0].upper()}{met[1:]}."
    return ""


def build(view: CaseView) -> Letter:
    to, cc = _addressees(view)
    first = parts.first_name(view)
    body = LetterBuilder()
    phrase = parts.iep_phrase(view)
    own = view.letter_step(KIND)
    earlier = [s for s in view.sent_steps() if own is None or s.step.id != own.step.id]
    body.para(
        f"I am writing to ask for your help. {phrase[0].upper() + phrase[1:]} at {view.case.school} is not being "
        f"implemented.{_what_was_done(view, earlier)}"
    )
    history: list[tuple[date, str]] = []
    for step in earlier:
        assert step.step.sent is not None
        history.append((step.step.sent, f"{long_date(step.step.sent)}: my {parts.step_status(step)}"))
    for entry in view.pwn_actions():
        what = "refused" if entry.kind == "refusal" else "changed without an IEP meeting"
        names = f" ({entry.names})" if entry.names else ""
        history.append(
            (
                entry.date,
                f"{long_date(entry.date)}: the school {what}{names}: {entry.incident.what.rstrip('.')} ({entry.ref}).",
            )
        )
    for meeting in view.meetings("requested"):
        if meeting.requested_on is not None:
            state = "it has not been confirmed" if meeting.date >= view.today else "it was not held"
            history.append(
                (
                    meeting.requested_on,
                    f"{long_date(meeting.requested_on)}: I requested a meeting for {long_date(meeting.date)}; {state}.",
                )
            )
    for action in view.actions:
        if action.state == "overdue" and action.action.due:
            history.append(
                (
                    action.meeting.date,
                    f"{long_date(action.meeting.date)}: at the school meeting, the "
                    f"{role_title(action.action.owner_role).lower()} agreed to "
                    f"\u201c{action.action.what.rstrip('.')}\u201d by {long_date(action.action.due)}. "
                    "It has not been done.",
                )
            )
    if history:
        body.para("What has happened so far:")
        body.bullets(text for _, text in sorted(history, key=lambda item: item[0]))

    safety = view.safety_failures()
    if safety:
        plans = join_and([r.name.lower() for r in view.requirements if r.safety]) or "safety plan"
        body.heading("Safety")
        body.para(
            (
                f"{first}'s {plans} was not followed on {long_date(safety[0].date)} ({safety[0].ref})."
                if len(safety) == 1
                else f"{first}'s {plans} was not followed {count_word(len(safety))} times, on "
                f"{parts.dates_text([e.date for e in safety])} ({refs_text(e.ref for e in safety)})."
            )
            + " I ask you to make sure today that the plan is staffed every day, with a back-up when the "
            "responsible adult is absent, and to send me the incident reports."
        )
    examples = parts.own_examples(view)  # "from my log": not the rows only the district's imported log has
    body.heading("What the IEP requires")
    body.bullets(parts.requirement_quote(r) for r in parts.requirements_raised(view, examples))
    body.heading("Where things stand")
    if view.services:
        body.para(parts.owed_sentence(view))
    if examples:
        body.para(parts.examples_intro(view, examples))
        body.bullets(parts.example_item(e) for e in examples)
    for other in (parts.not_as_written_text(view), parts.district_not_as_written_text(view)):
        if other:
            body.para(other)
    body.para(
        "The enclosed one-page implementation checklist (Exhibit C) lists each requirement in the IEP's own words "
        "and what was observed instead, with the numbers of the entries in the service log (Exhibit A) and the "
        "incident log (Exhibit B)."
    )

    body.heading("What I am asking for")
    requests = []
    if view.owed_minutes:
        requests.append(
            f"A written compensatory services plan for the {minutes_text(view.owed_minutes)} owed, with schedule, "
            f"provider and completion date, by {parts.due_text(view.reply_for(KIND), 'the compensatory plan')}."
        )
    requests.append(
        "A staffing plan that delivers every service and support in the IEP as written, including a back-up when "
        "a provider or aide is absent."
    )
    requests.append(
        f"Written confirmation that every teacher and provider responsible for {first}'s IEP has it and knows "
        "their duties (34 CFR 300.323(d))."
    )
    if view.overdue_steps():
        requests.append("A written reply to my earlier letters listed above.")
    body.numbered(requests)
    body.para(parts.PWN_REFUSAL_SENTENCE)
    body.para(
        f"If I do not have a written plan by {parts.due_date(view.reply_for(KIND), 'the reply')}, I will consider "
        "filing a state complaint (34 CFR 300.151-300.153). I would much rather resolve this with you."
    )
    exhibits = parts.log_exhibits(view)
    exhibits.append(parts.checklist_exhibit(view))
    return parts.make_letter(
        view,
        KIND,
        TITLE,
        "Escalation: IEP not implemented",
        to,
        cc,
        body.build(),
        exhibits=exhibits,
        email_subject=f"Escalation: IEP not implemented for {view.student}",
    )
