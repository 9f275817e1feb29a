"""Content every letter shares, built once from the case view.

Who writes (the parent) and who receives (by role), the "Re:" line, the salutation,
the minutes table, example lines, the reply request, and the exhibits whose numbers
the letters cite: A (service log), B (incident log), C (implementation checklist),
D (timeline). A letter module picks the parts it needs; the layout is the renderers'.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from functools import cache
from importlib import resources

from iep_tui.calendar import day_count
from iep_tui.domain.case_view import (
    CaseView,
    Deadline,
    Example,
    IncidentEntry,
    LogEntry,
    ServiceLine,
    TimelineEvent,
    refs_text,
)
from iep_tui.domain.escalation_ladder import StepView
from iep_tui.domain.ledger import (
    CONFLICT,
    DISPUTED,
    DUPLICATE,
    NOT_SCHOOL_DAY,
    NOT_SCHOOL_DAY_ESTIMATE,
    UNCERTAIN_FLAGS,
)
from iep_tui.domain.meeting_agenda import ActionView
from iep_tui.domain.models import Contact, Meeting, Requirement
from iep_tui.domain.parent_record import counted_once, is_parents, owed_shares, own_failures
from iep_tui.domain.required_minutes import short_weeks_sentence
from iep_tui.domain.text_clip import clip_text
from iep_tui.errors import InputError
from iep_tui.export.district_log import produced_text
from iep_tui.export.formatting import (
    count_word,
    day_date,
    join_and,
    join_or,
    long_date,
    long_day_date,
    minutes_text,
    reason_text,
    role_title,
    short_date,
    source_text,
)
from iep_tui.export.letter import Block, Exhibit, Letter, Numbered, Para, Party, Table
from iep_tui.export.sanitize import clean_line

SCHOOL_ROLES = frozenset(
    {"case-manager", "principal", "teacher", "slp", "ot", "pt", "counselor", "para", "nurse", "psychologist"}
)
"""Roles that work at the child's school (the rest work for the district)."""


# ---------------------------------------------------------------- people


def parent(view: CaseView) -> Party:
    """The sender: the parent's name, address and contact (InputError when the name is missing)."""
    contact = view.need_contact("parent", "to sign the letter")
    address = contact.address or view.case.address
    return Party.of(
        contact.name,
        title=f"Parent of {view.student}",
        address=address,
        email=contact.email,
        phone=contact.phone,
    )


def recipient(view: CaseView, role: str, why: str) -> Party:
    """A school or district contact by role; InputError names the role when it is missing."""
    return _party(view, view.need_contact(role, why), role)


def addressees(
    view: CaseView, kind: str, to_role: str, cc_roles: Sequence[str], why: str, *, also_to: Sequence[str] = ()
) -> tuple[tuple[Party, ...], tuple[str, ...]]:
    """Who a letter of `kind` goes to and who is copied: the recipients of its step (a draft
    or a step sent today, `CaseView.letter_step`) when the step names any, else `to_role`
    (and `also_to`, each when the case has a named contact for it) and `cc_roles`. A missing
    recipient is recorded as a missing fact."""
    step = view.letter_step(kind)
    if step is not None and step.step.to_roles:
        to = tuple(recipient(view, role, f"{why} (a recipient of the recorded step)") for role in step.step.to_roles)
        return to, tuple(step.step.cc_roles)
    first = recipient(view, to_role, why)
    more = copies(view, also_to, exclude=[first])
    return (first, *more), tuple(cc_roles)


def _party(view: CaseView, contact: Contact, role: str) -> Party:
    title = contact.title or role_title(role)
    organization = view.case.school if role in SCHOOL_ROLES else view.case.district
    party = Party.of(contact.name, title=title, organization=organization, address=contact.address, email=contact.email)
    return replace(party, role=contact.role or role)


def copies(view: CaseView, roles: Iterable[str], *, exclude: Sequence[Party] = ()) -> tuple[Party, ...]:
    """The cc list: every role that has a named contact (others are left out), no duplicates."""
    taken = {p.name for p in exclude}
    found: list[Party] = []
    for role in roles:
        contact = view.named_contact(role)
        if contact is None or clean_line(contact.name) in taken:
            continue
        taken.add(clean_line(contact.name))
        found.append(_party(view, contact, role))
    return tuple(found)


def missing_copies(view: CaseView, roles: Iterable[str]) -> list[str]:
    """Roles a letter would copy but the case has no named contact for (for a warning)."""
    return [role for role in roles if view.named_contact(role) is None]


def salutation(party: Party | Sequence[Party]) -> str:
    """'Dear Priya Natarajan:'; a name with a title keeps it with the surname: 'Dear Dr. Gomez:';
    several recipients: 'Dear Priya Natarajan and Thomas Becker:'."""
    parties = [party] if isinstance(party, Party) else list(party)
    return f"Dear {join_and([_salute(p) for p in parties])}:"


def _salute(party: Party) -> str:
    words = party.name.split()
    if len(words) >= 3 and words[0].rstrip(".").lower() in ("dr", "mr", "ms", "mrs", "mx", "prof"):
        return f"{words[0]} {words[-1]}"
    return party.name


def re_line(view: CaseView, subject: str) -> str:
    """'Lena Marsh (DOB March 3, 2016; student ID 12345), grade 4, Cedar Ridge Elementary: <subject>'
    (the school is required; date of birth and student ID when the case has them)."""
    view.need(view.case.school, "student's school", "for the Re: line", "school")
    ids = [
        f"DOB {long_date(view.case.date_of_birth)}" if view.case.date_of_birth else "",
        f"student ID {view.case.student_id}" if view.case.student_id else "",
    ]
    ident = "; ".join(x for x in ids if x)
    name = f"{view.student} ({ident})" if ident else view.student
    grade = f", grade {view.case.grade}" if view.case.grade else ""
    return f"{name}{grade}, {view.case.school}: {subject}"


def iep_phrase(view: CaseView) -> str:
    """ "Lena's IEP (in effect since September 8, 2026)" or "Lena's IEP"."""
    first = first_name(view)
    if view.case.iep_effective:
        return f"{first}'s IEP (in effect since {long_date(view.case.iep_effective)})"
    return f"{first}'s IEP"


def first_name(view: CaseView) -> str:
    words = view.student.split()
    return words[0] if words else view.student


# ---------------------------------------------------------------- dates and deadlines


def due_date(deadline: Deadline, what: str) -> str:
    """'Friday, December 11, 2026' (InputError when the calendar cannot place it)."""
    due_text(deadline, what)
    assert deadline.due is not None
    return long_day_date(deadline.due)


CARRIES_ON = frozenset({day_count.FLAG_MAY_CARRY, day_count.FLAG_NEEDS_NEXT_YEAR})
"""Flags of a count that goes on into the next school year (by its rule's text, or possibly, on an
estimate): the law still sets the period, only the date waits for the district's calendar."""


def due_text(deadline: Deadline, what: str, *, settled: bool = True) -> str:
    """What follows "by": 'Friday, December 11, 2026 (10 school days from the date of this letter; ...)'.
    A count that carries into the next school year, whose calendar is not loaded, is stated without
    a date ('the end of 30 calendar days from the date of this letter, ...'), never given a summer date;
    one that the calendar cannot place otherwise stops the letter with what to load."""
    if deadline.due is None and deadline.flag not in CARRIES_ON:
        raise InputError(
            f"The date for {what} cannot be computed: {deadline.count} {deadline.unit} from "
            f"{deadline.start.isoformat()} run past the end of the school calendar. Load next year's calendar."
        )
    basis = f"{deadline.count} {deadline.unit} from the date of this letter"
    if deadline.qualifier:
        basis += f", {deadline.qualifier}"
    if deadline.due is None:
        rule = deadline.citation or "my request"
        return (
            f"the end of {basis} ({rule}; the count may run into the next school year, so the date "
            "depends on the district's calendar for it)"
        )
    if deadline.citation:
        basis += f"; {deadline.citation}"
    elif deadline.convention:
        # `settled`: no law sets a deadline for this (a reply to a letter); else only "my request"
        # (the state's rule for it may not have been researched)
        basis += "; my request, not a deadline set by law" if settled else "; my request"
    if deadline.estimate:
        basis += "; estimated without the district calendar"
    return f"{long_day_date(deadline.due)} ({basis})"


def reply_sentence(view: CaseView, kind: str) -> str:
    """'Please reply in writing by <date> (<count and rule>).': the recorded step's clock when
    the letter is written for one, else 10 school days (a request)."""
    return f"Please reply in writing by {due_text(view.reply_for(kind), 'the reply')}."


@cache
def _law() -> dict[str, dict[str, dict[str, str]]]:
    text = resources.files("iep_tui.export").joinpath("letter_law.json").read_text("utf-8")
    data: dict[str, dict[str, dict[str, str]]] = json.loads(text)
    return data


def article(noun: str) -> str:
    """'an' before 'IEP meeting' or 'ARD committee meeting', else 'a'."""
    return "an" if noun[:1].lower() in "aeiou" else "a"


def meeting_ask(view: CaseView, *, it: bool = False) -> str:
    """'hold an IEP meeting by <date> (<count and rule>)': the state's meeting date where its rule
    sets one (California), else the meeting request's own convention (`CaseView.meeting_by`)."""
    meeting = view.meeting_name
    law = _law()["meeting_rules"].get(view.meeting_rule_id)
    deadline = view.meeting_due if law is not None and law["sets"] == "meeting" else view.meeting_by
    what = "it" if it else f"{article(meeting)} {meeting}"
    return f"hold {what} by {due_text(deadline, 'the meeting', settled=False)}"


def meeting_law(view: CaseView) -> str:
    """What the state's rule for a written meeting request says (`letter_law.json`), or ''."""
    law = _law()["meeting_rules"].get(view.meeting_rule_id)
    if law is None:
        return ""
    due = view.meeting_due.due
    return law["law"].format(due=long_day_date(due) if due else "the date the rule sets")


def meeting_reply(view: CaseView) -> str:
    """The meeting request's reply sentence where the state's rule sets the district's answer date
    (Texas: 19 TAC 89.1050(e)(2), a written refusal within five school days; `letter_law.json`'s 'reply'),
    so that date is stated once, as the law's; '' where the state's rule sets none."""
    law = _law()["meeting_rules"].get(view.meeting_rule_id)
    due = view.meeting_due.due
    if law is None or "reply" not in law or due is None:
        return ""
    return law["reply"].format(due=long_day_date(due))


RECORDS_LAW_FEDERAL = (
    "The district must comply with a request to inspect and review education records without unnecessary delay "
    "and before any meeting regarding an IEP, any hearing or resolution session, and in no case more than 45 days "
    "after the request (34 CFR 300.613(a))."
)
"""Written from the text of 300.613(a) as the states copy it word for word (Iowa 281-41.613(1), Delaware
14 DE Admin. Code 927-13.1, Louisiana 28 LAC XLIII-613.A), read 2026-12-06."""


def records_law_sentences(view: CaseView) -> list[str]:
    """The federal records rule and, where the state's is stricter and in the data, the state's."""
    out = [RECORDS_LAW_FEDERAL]
    state = _law()["records_rules"].get(view.records_due.rule_id)
    if state is not None:
        out.append(state["law"].format(first=first_name(view)))
    return out


PWN_REFUSAL_SENTENCE = (
    "If the district refuses to provide a service, accommodation or support in the IEP, or proposes to change or "
    "stop one, please give me Prior Written Notice of that refusal or proposal (34 CFR 300.503(a))."
)
"""300.503(a) covers proposals and refusals to initiate or change the identification, evaluation or
educational placement of the child or the provision of FAPE (read 2026-12-06, govinfo CFR 2007 and
codes.findlaw.com, current as of 2025): not a refusal to send records or to meet."""


def estimate_sentence(view: CaseView) -> str:
    """Said in the body when no district calendar is loaded, or ''."""
    if not view.estimate:
        return ""
    return (
        "I do not have the district's school calendar, so the school days behind these minutes are estimated "
        "(weekdays other than public holidays); a day the district was closed would lower them."
    )


def period_text(view: CaseView) -> str:
    return f"{long_date(view.ledger_start)} to {long_date(view.ledger_end)}"


# ---------------------------------------------------------------- facts in sentences


def session_phrase(entry: LogEntry) -> str:
    """'session missed, 30 min (provider absent)' / 'session cut short: 15 of 30 min delivered' /
    'make-up session, 30 min' / 'session delivered as "group of 5", not as the IEP says (30 min)'."""
    if entry.kind == "not-as-written":
        what = "make-up session" if entry.session.status == "makeup" else "session"
        return (
            f"{what} delivered as \u201c{entry.delivered_as}\u201d, not as the IEP says ({entry.delivered_minutes} min)"
        )
    if entry.kind == "missed":
        return f"session missed, {entry.lost_minutes} min ({reason_text(entry.session.reason)})"
    if entry.kind == "partial":
        of = f" of {entry.scheduled_minutes}" if entry.scheduled_minutes else ""
        return f"session cut short: {entry.delivered_minutes}{of} min delivered"
    return f"make-up session, {entry.delivered_minutes} min"


def example_item(example: Example) -> str:
    """One dated example with its IEP section and exhibit number."""
    entry = example.entry
    where = f" ({example.section})" if example.section else ""
    if isinstance(entry, IncidentEntry):
        incident = entry.incident
        text = incident.what.rstrip(".") + "."
        if incident.impact:
            text += f" Impact: {incident.impact.rstrip('.')}."
        label = example.names
    else:
        phrase = session_phrase(entry)
        text = phrase[0].upper() + phrase[1:] + "."
        if entry.session.note:
            text += f" Note: {entry.session.note.rstrip('.')}."
        label = example.names
    head = f"{label}{where}. " if label else ""
    return f"{day_date(example.date)}: {head}{text} (Exhibit {example.ref})"


def requirement_quote(requirement: Requirement) -> str:
    """The IEP's exact words with where they are and who delivers them:
    'Speech therapy (Services, p. 12): \u201cSpeech-language therapy ...\u201d Provider: speech-language
    pathologist; setting: pull-out (speech room).'"""
    where = f" ({requirement.section})" if requirement.section else ""
    words = requirement.text.strip()
    details = []
    if requirement.frequency:
        details.append(f"frequency: {requirement.frequency}")
    if requirement.provider_role:
        details.append(f"provider: {role_title(requirement.provider_role).lower()}")
    if requirement.setting:
        details.append(f"setting: {requirement.setting}")
    joined = "; ".join(details)
    tail = f" {joined[:1].upper()}{joined[1:]}." if details else ""
    return f"{requirement.name}{where}: \u201c{words}\u201d{tail}"


def requirements_raised(view: CaseView, examples: Sequence[Example] = (), *, owing: bool = True) -> list[Requirement]:
    """The requirements a letter raises, in the IEP's order: those of its examples, of the
    services owing minutes (`owing`), of sessions not delivered as written and of safety failures."""
    ids: set[str] = set()
    for example in examples:
        entry = example.entry
        if isinstance(entry, IncidentEntry):
            ids.update(r.id for r in entry.requirements)
        elif entry.requirement is not None:
            ids.add(entry.requirement.id)
    if owing:
        ids.update(s.requirement.id for s in view.owing)
    ids.update(e.requirement.id for e in view.not_as_written() if e.requirement is not None)
    for entry in view.safety_incidents:
        ids.update(r.id for r in entry.requirements if r.safety)
    return [r for r in view.requirements if r.id in ids]


def own_examples(view: CaseView) -> list[Example]:
    """The examples a letter cites as "from my log": chosen by weight (`CaseView.examples`) among the
    parent's own failures (`parent_record.own_failures`: none only the district's imported log records)."""
    return view.examples(among=own_failures(view)) if view.district_log is not None else view.examples()


def own_not_as_written(view: CaseView) -> list[LogEntry]:
    """Sessions not delivered as written in the parent's own log (all of them without an imported district log)."""
    entries = view.not_as_written()
    return entries if view.district_log is None else [e for e in entries if is_parents(e)]


def not_as_written_text(view: CaseView) -> str:
    """The sessions the parent's own log shows delivered other than as the IEP says, in one paragraph, or ''."""
    entries = own_not_as_written(view)
    if not entries:
        return ""
    return (
        f"My log also shows sessions not delivered as the IEP is written: {_delivered_as_items(entries)}. The "
        "setting and group size the IEP states are part of what it requires, so a session delivered another way "
        "was not delivered as written."
    )


def district_not_as_written_text(view: CaseView) -> str:
    """The sessions only the district's imported log shows delivered other than as the IEP says, or ''."""
    log = view.district_log
    own = {e.session.id for e in own_not_as_written(view)}
    entries = [e for e in view.not_as_written() if e.session.id not in own]
    if log is None or not entries:
        return ""
    return (
        f"The district's service log {produced_text(log)} also shows sessions not delivered as the IEP is "
        f"written: {_delivered_as_items(entries)}."
    )


def _delivered_as_items(entries: Sequence[LogEntry]) -> str:
    """'speech therapy on Oct 1, 2026 was delivered as \u201cgroup (4)\u201d (A-6)', joined."""
    return join_and(
        [
            f"{e.name.lower()} on {short_date(e.date)} was delivered as \u201c{e.delivered_as}\u201d ({e.ref}"
            + (f"; {e.session.provenance.file} row {e.session.provenance.row}" if e.session.provenance else "")
            + ")"
            for e in entries
        ]
    )


def safety_requests(view: CaseView) -> list[str]:
    """The concrete asks a safety failure calls for (practice advocates recommend, legal-rules.md 8.2;
    34 CFR 300.323(d) for who has the plan)."""
    first = first_name(view)
    plans = join_and([r.name.lower() for r in view.requirements if r.safety]) or "safety plan"
    return [
        f"Meet with me immediately, within one school day if possible, to review {first}'s {plans} and how it is "
        "staffed.",
        f"Confirm in writing that each staff member responsible for {first}'s {plans} has a copy and has been told "
        "their duties, and name who implements it tomorrow and each school day after (34 CFR 300.323(d)).",
        "Tell me in writing who carries out the plan when the responsible staff member is absent.",
        "Send me the incident reports for the dates above, and tell me the same day of any further incident.",
    ]


def examples_intro(view: CaseView, examples: Sequence[Example]) -> str:
    """How the examples are chosen, in one sentence."""
    return (
        f"Here {'is' if len(examples) == 1 else 'are'} {count_word(len(examples))} example"
        f"{'' if len(examples) == 1 else 's'} from my log, the most serious first (safety, then refusals and "
        "changes made without an IEP meeting, then the largest losses). Each exhibit number refers to an entry in "
        "the enclosed service log (Exhibit A) or incident log (Exhibit B)."
    )


def owed_sentence(view: CaseView, *, short_weeks: bool = True) -> str:
    """The owed total in one sentence, with the period and the unlogged minutes beside it. Minutes owed on
    dates only the district's imported log has an entry on are not "my log" (`parent_record.owed_shares`).
    The unlogged minutes are required minutes less those logged, so where the range has a short week the
    sentence on how short weeks count follows them (`short_weeks`: False where a table caption says it)."""
    owing = view.owing
    parts = [f"{s.requirement.name.lower()} {s.ledger.owed_minutes}" for s in owing]
    by_service = f" ({join_and(parts)} minutes)" if parts else ""
    shares = owed_shares(view)
    if shares.district_only_minutes:
        credit = (
            f", less {minutes_text(shares.credited_minutes)} of make-up sessions delivered"
            if shares.credited_minutes
            else ""
        )
        text = (
            f"From {period_text(view)}, {minutes_text(view.owed_minutes)} of services are owed{by_service}: "
            f"{minutes_text(shares.parent_minutes)} on dates my log records, and "
            f"{minutes_text(shares.district_only_minutes)} on dates only the district's service log records "
            f"({join_and([long_date(d) for d in shares.district_only_dates])}){credit}."
        )
    else:
        text = f"From {period_text(view)}, my log shows {minutes_text(view.owed_minutes)} of services owed{by_service}."
    doubtful = doubtful_owed_text(view)
    if doubtful:
        text += f" {doubtful}"
    if view.unaccounted_minutes:
        text += (
            f" For another {minutes_text(view.unaccounted_minutes)} of required services {no_entry_text(view)} "
            f"either way; the {'district' if view.district_log else 'school'}'s service logs should show whether "
            "they were delivered."
        )
        weeks = short_weeks_text(view) if short_weeks else ""
        if weeks:
            text += f" {weeks}"
    estimate = estimate_sentence(view)
    return text + (f" {estimate}" if estimate else "")


def short_weeks_text(view: CaseView, services: Sequence[ServiceLine] | None = None) -> str:
    """How short weeks were counted (`required_minutes.short_weeks_sentence` under the case's policy), when
    the range has a short week for `services` (default: every requirement); else ''. Letters that quote
    required minutes say it once (issue 11 item 10)."""
    rows = view.ledgers if services is None else [s.ledger for s in services]
    if any(row.required.short_weeks for row in rows):
        return short_weeks_sentence(view.case.policy.partial_period)
    return ""


def doubtful_owed_text(view: CaseView) -> str:
    """The owed minutes counted on days the calendar cannot confirm had school, named beside the total
    (issue 10), or ''. Without a district calendar a miss on a day the estimate shows as a public holiday
    or a common closure (WA Veterans Day, Nov 11) is counted with a doubt (`ledger.NOT_SCHOOL_DAY_ESTIMATE`),
    as is a miss outside the school years of a loaded calendar. The headline total keeps them, like every
    table and exhibit (one number everywhere); this sentence names the dates, their minutes, that they are
    to be confirmed against the district's calendar, and the total without them. A service's doubtful
    minutes count in its total only up to what it owes after make-up credits: min(owed, doubtful)."""
    entries = [e for e in view.log if e.owed and e.flag in UNCERTAIN_FLAGS]
    if not entries:
        return ""
    counted = 0
    for line in view.owing:
        lost = sum(e.lost_minutes for e in entries if e.session.requirement_id == line.requirement.id)
        counted += min(line.ledger.owed_minutes, lost)
    if not counted:
        return ""
    items = []
    for entry in entries:
        why = view.calendar.why_not_school_day(entry.date) or ""
        name = why.split(": ", 1)[1] if entry.flag == NOT_SCHOOL_DAY_ESTIMATE and ": " in why else ""
        label = f", {name}" if name and name != "no school" else ""
        items.append(f"{entry.name.lower()} on {long_day_date(entry.date)}{label}, {entry.ref}")
    one = len({e.date for e in entries}) == 1
    day = "a day" if one else "days"
    if all(e.flag == NOT_SCHOOL_DAY_ESTIMATE for e in entries):
        shown = "a holiday or a common closure" if one else "holidays or common closures"
        where = f"{day} that my estimate of the school calendar shows as {shown}"
    else:
        where = f"{day} the calendar I have cannot confirm as school days"
    return (
        f"Of these, {minutes_text(counted)} ({'; '.join(items)}) fall on {where}; they are counted here, to be "
        f"confirmed against the district's calendar, and without them {minutes_text(view.owed_minutes - counted)} "
        f"{'is' if view.owed_minutes - counted == 1 else 'are'} owed."
    )


def no_entry_text(view: CaseView, mine: str = "my log") -> str:
    """Whose record has no entry for the unaccounted minutes: 'my log has no entry', or with an imported
    district log (which the ledger counts too) 'neither my log nor the district's service log ... has an entry'."""
    log = view.district_log
    if log is None:
        return f"{mine} has no entry"
    return f"neither {mine} nor the district's service log {produced_text(log)} has an entry"


def policy_sentence(view: CaseView) -> str:
    """How 'owed' was counted, in plain words, from the case's policy."""
    policy = view.case.policy
    reasons = [reason_text(r) for r in policy.owed_reasons]
    written = any(row.not_as_written_minutes for row in view.ledgers)
    other = " or not delivered as the IEP says (such as in a group instead of individually)"
    return (
        "A session counts as owed when it was missed for a reason on the school's side ("
        + join_or(reasons)
        + ") or cut short"
        + (other if written and policy.not_as_written_owed else "")
        + "; sessions missed because the student was absent or school was closed are listed "
        "but not counted. Make-up sessions already delivered are credited."
    )


# ---------------------------------------------------------------- tables


def minutes_table(view: CaseView, services: Sequence[ServiceLine] | None = None) -> Table:
    """Per service: the IEP's frequency, required, delivered, owed and unlogged minutes, and the entries."""
    rows = []
    chosen = list(view.services if services is None else services)
    for line in chosen:
        ledger = line.ledger
        rows.append(
            (
                line.requirement.name,
                ledger.frequency.canonical if ledger.frequency else "",
                str(ledger.required_minutes),
                str(ledger.delivered_minutes),
                str(ledger.owed_minutes),
                str(ledger.unaccounted_minutes),
                refs_text(line.refs) or "none",
            )
        )
    total = (
        "Total",
        "",
        str(sum(s.ledger.required_minutes for s in chosen)),
        str(sum(s.ledger.delivered_minutes for s in chosen)),
        str(sum(s.ledger.owed_minutes for s in chosen)),
        str(sum(s.ledger.unaccounted_minutes for s in chosen)),
        "",
    )
    return Table.of(
        (
            "Service",
            "IEP requires",
            "Required (min)",
            "Delivered as logged (min)",
            "Owed (min)",
            "No record (min)",
            "Entries (Exhibit A)",
        ),
        rows,
        widths=(1.45, 1.15, 0.8, 0.8, 0.7, 0.75, 1.35),
        total=total,
        caption=minutes_caption(view),
    )


def minutes_caption(view: CaseView) -> str:
    """Where the required minutes come from: the district's calendar, or an estimate without it."""
    weeks = short_weeks_text(view)  # how short weeks were counted (issue 11 item 10)
    short = f" {weeks}" if weeks else ""
    if view.estimate:
        return (
            f"Minutes from {period_text(view)}, estimated without the district calendar "
            f"(school days counted as weekdays other than public holidays).{short}"
        )
    return f"Minutes from {period_text(view)}, counted on the district's school calendar.{short}"


def flag_text(flag: str) -> str:
    """A ledger flag (why an entry is not counted, or counted with a doubt) in a letter's words."""
    if not flag:
        return ""
    if flag == NOT_SCHOOL_DAY:
        return "not a school day, so no session was due: not counted"
    if flag in UNCERTAIN_FLAGS:
        return "not a school day on the calendar available: counted, to be confirmed on the district calendar"
    if flag == CONFLICT:
        return "the same day is also logged as delivered: not counted"
    if flag == DISPUTED:
        return "the district's log and my record disagree about this day: not counted until settled"
    if flag == DUPLICATE:
        return "logged twice: counted once"
    if flag.startswith("before the requirement starts"):
        return "before the service started, so no session was due: not counted"
    if flag.startswith("after the requirement ends"):
        return "after the service ended, so no session was due: not counted"
    return flag


def conflicts_text(view: CaseView) -> str:
    """One sentence naming the days one record logs both delivered and missed (the log's note), or ''.

    Days on which the district's log and the parent's record disagree are worded by `district_log`.
    """
    pairs = [(line, c) for line, c in view.conflicts if c.kind == "conflict"]
    if not pairs:
        return ""
    refs = {e.session.id: e.ref for e in view.log}
    items = []
    for line, conflict in pairs:
        cited = refs_text(refs[i] for i in conflict.missed_ids if i in refs)
        items.append(
            f"{line.requirement.name.lower()} on {short_date(conflict.date)} (delivered {conflict.delivered_minutes} "
            f"min, missed {conflict.missed_minutes} min{f': {cited}' if cited else ''})"
        )
    days = "that day" if len(items) == 1 else "those days"
    return (
        "Conflicting entries: the log shows " + join_and(items) + ", more than one session's length. Until the "
        f"record is corrected, {days} {'is' if len(items) == 1 else 'are'} counted neither as delivered nor as owed."
    )


SERVICE_LOG_TITLE = "Service log of sessions missed, cut short or not as written"


def service_log_exhibit(view: CaseView, label: str = "A") -> Exhibit:
    """Every session missed, cut short, made up or delivered other than as the IEP says
    (`Session.delivered_as`, with the IEP's words beside it), numbered; the letters cite these numbers."""
    if not view.log:
        raise InputError("No missed or shortened session is logged: there is no service log to enclose.")
    rows = []
    once = counted_once(view)
    for entry in view.log:
        note = {
            "missed": reason_text(entry.session.reason),
            "partial": "cut short",
            "makeup": "make-up (credited)",
            "not-as-written": not_as_written_note(entry),
        }[entry.kind]
        if entry.session.note:
            note += f"{'.' if entry.kind == 'not-as-written' else ':'} {entry.session.note}"
        if entry.flag:
            note += f" ({flag_text(entry.flag)})"
        through = once.get(entry.session.id)
        if through is not None:  # the other record's identical entry is the one counted
            other = source_text(through.session.source)
            note += f" (the {other}'s entry {through.ref} says the same: counted once, as {through.ref})"
        if entry.owed:
            owed = str(entry.lost_minutes)
        elif through is not None:
            owed = f"see {through.ref}"
        elif entry.kind == "not-as-written" and entry.session.status == "makeup":
            # the ledger credits such a make-up only when the policy counts these sessions as delivered
            owed = f"credit {entry.delivered_minutes}" if not view.case.policy.not_as_written_owed else "not credited"
        elif entry.kind == "not-as-written":
            owed = "not as written"
        else:
            owed = f"credit {entry.delivered_minutes}" if entry.kind == "makeup" else "not counted"
        rows.append(
            (
                entry.ref,
                short_date(entry.date),
                entry.name + (f" ({entry.section})" if entry.section else ""),
                str(entry.scheduled_minutes) if entry.scheduled_minutes else "",
                str(entry.delivered_minutes),
                note,
                owed,
                source_text(entry.session.source),
            )
        )
    table = Table.of(
        (
            "No.",
            "Date",
            "Service (IEP section)",
            "Sched. (min)",
            "Deliv. (min)",
            "Reason given / note",
            "Owed (min)",
            "Source",
        ),
        rows,
        widths=(0.45, 0.95, 1.45, 0.6, 0.6, 1.75, 0.75, 0.9),
        by_row=True,
    )
    intro = Para.of(
        f"Sessions of {view.student}'s IEP services from {period_text(view)} that were missed, cut short or not "
        f"delivered as the IEP says, and the make-up sessions delivered, in date order. {policy_sentence(view)}"
    )
    conflicts = conflicts_text(view)
    blocks = (intro, table, Para.of(conflicts)) if conflicts else (intro, table)
    return Exhibit(label, SERVICE_LOG_TITLE, blocks)


def not_as_written_note(entry: LogEntry) -> str:
    """What the IEP says and how the session was delivered: 'the IEP says \u201cSpeech-language therapy,
    30 minutes ...\u201d (setting: pull-out); delivered as \u201cgroup of 5\u201d'."""
    what = "make-up delivered as" if entry.session.status == "makeup" else "delivered as"
    delivered = f"{what} \u201c{entry.delivered_as}\u201d"
    requirement = entry.requirement
    if requirement is None:
        return f"{delivered}, not as the IEP says"
    setting = f" (setting: {requirement.setting})" if requirement.setting else ""
    return f"the IEP says \u201c{requirement.text.strip()}\u201d{setting}; {delivered}"


def incident_log_exhibit(view: CaseView, label: str = "B") -> Exhibit:
    if not view.incidents:
        raise InputError("No incident is logged: there is no incident log to enclose.")
    rows = []
    for entry in view.incidents:
        incident = entry.incident
        notified = (
            "; ".join(role_title(n.role) + (f", {short_date(n.on)}" if n.on else "") for n in incident.notified)
            or "not yet reported"
        )
        requirement = entry.names or "IEP"
        if entry.section:
            requirement += f" ({entry.section})"
        what = incident.what + (f" [{incident.setting}]" if incident.setting else "")
        if entry.safety:
            what = "SAFETY: " + what
        rows.append((entry.ref, short_date(entry.date), requirement, what, incident.impact, notified))
    table = Table.of(
        ("No.", "Date", "IEP requirement (section)", "What happened [where]", "Impact", "Reported to"),
        rows,
        widths=(0.45, 0.95, 1.35, 2.1, 1.5, 1.05),
        by_row=True,
    )
    intro = Para.of(f"Incidents in which {view.student}'s IEP was not followed, in date order, as recorded on the day.")
    return Exhibit(label, "Incident log", (intro, table))


def log_exhibits(view: CaseView) -> list[Exhibit]:
    """Exhibits A (service log) and B (incident log), each when something is logged for it."""
    exhibits = []
    if view.log:
        exhibits.append(service_log_exhibit(view))
    if view.incidents:
        exhibits.append(incident_log_exhibit(view))
    return exhibits


def checklist_exhibit(view: CaseView, label: str = "C") -> Exhibit:
    """The implementation checklist as an enclosed exhibit (landscape, like the document)."""
    return Exhibit(label, "Implementation checklist", (checklist_table(view),), landscape=True)


def checklist_table(view: CaseView) -> Table:
    """One row per requirement: exact words, frequency, provider, setting, what was observed instead."""
    rows = []
    for row in view.checklist():
        requirement = row.requirement
        words = f"{requirement.name}{' (SAFETY)' if requirement.safety else ''}: \u201c{requirement.text}\u201d"
        if requirement.section:
            words += f" [{requirement.section}]"
        observed = observed_text(row.log, row.incidents, row.owed_minutes)
        provider = role_title(requirement.provider_role) if requirement.provider_role else ""
        rows.append((words, when_text(requirement), provider, observed))
    return Table.of(
        ("Requirement, in the IEP's words [section]", "When (IEP)", "Provider", "Observed instead (exhibit)"),
        rows,
        widths=(3.6, 0.85, 1.45, 3.9),
        by_row=True,
        compact=True,
    )


def when_text(requirement: Requirement) -> str:
    """When the IEP requires it: a service's frequency; for an accommodation or support, the
    setting the IEP names ('all classes', 'transitions, recess, dismissal'), else 'whenever it applies'."""
    if requirement.frequency:
        return requirement.frequency
    if requirement.setting:
        return requirement.setting
    return "whenever it applies"


CHECKLIST_INCIDENT_MAX = 90
"""An incident in the checklist's "observed instead" cell: its text clipped to this many characters."""


def observed_text(log: Sequence[LogEntry], incidents: Sequence[IncidentEntry], owed: int) -> str:
    parts = []
    missed = [e for e in log if e.kind == "missed" and e.owed]
    short = [e for e in log if e.kind == "partial"]
    other = [e for e in log if e.kind == "not-as-written"]
    if missed:
        parts.append(f"Missed {_dates(missed)} ({refs_text(e.ref for e in missed)})")
    if short:
        parts.append(f"Cut short {_dates(short)} ({refs_text(e.ref for e in short)})")
    if other:
        parts.append(f"Not as written {_dates(other)} ({refs_text(e.ref for e in other)})")
    for entry in incidents:
        what = clip_text(entry.incident.what.strip().rstrip("."), CHECKLIST_INCIDENT_MAX, clauses_only=True)
        parts.append(f"{short_date(entry.date)}: {what} ({entry.ref})")
    if owed:
        parts.append(f"{owed} min owed")
    return "; ".join(parts) if parts else "No failure logged"


def _dates(entries: Sequence[LogEntry | IncidentEntry]) -> str:
    return dates_text([e.date for e in entries])


def dates_text(days: Sequence[date]) -> str:
    """'Oct 13, 15, 27, Nov 5, 2026': each month named once, each year once at its end."""
    groups: list[str] = []
    for year in sorted({d.year for d in days}):
        out: list[str] = []
        last_month = None
        for day in sorted(d for d in days if d.year == year):
            month = short_date(day).split()[0]
            out.append(f"{month} {day.day}" if month != last_month else str(day.day))
            last_month = month
        groups.append(", ".join(out) + f", {year}")
    return "; ".join(groups)


def timeline_table(view: CaseView) -> Table:
    """The dated fact pattern in one table: date, what happened, exhibit number."""
    rows = [(short_date(event.date), timeline_text(view, event), event.ref) for event in view.timeline()]
    if not rows:
        raise InputError("Nothing dated is logged yet: there is no timeline to show.")
    return Table.of(("Date", "What happened", "Exhibit"), rows, widths=(1.0, 4.8, 0.7))


def timeline_text(view: CaseView, event: TimelineEvent) -> str:
    """One timeline event in words."""
    subject = event.subject
    kind = event.kind
    if kind == "iep":
        return "The IEP takes effect."
    if isinstance(subject, Meeting):
        purpose = f": {subject.purpose.rstrip('.')}" if subject.purpose else ""
        if kind == "meeting":
            who = join_and([role_title(r).lower() for r in subject.attendees])
            return f"Meeting held{purpose}." + (f" Attending: {who}." if who else "")
        if kind == "recap":
            return "Parent's written recap of the meeting sent."
        about = f" ({subject.purpose.rstrip('.')})" if subject.purpose else ""
        return f"Parent requests a meeting for {long_date(subject.date)}{about}."
    if isinstance(subject, ActionView):
        action = subject.action
        head = (
            f"Due from the {role_title(action.owner_role).lower()} (agreed at the meeting of "
            f"{short_date(subject.meeting.date)}): {action.what.rstrip('.')}."
        )
        if action.done is not None:
            late = " (late)" if action.due and action.done > action.due else ""
            return head + f" Done {short_date(action.done)}{late}."
        if subject.state == "overdue":
            return head + f" Not done as of {short_date(view.today)}."
        return head
    if isinstance(subject, IncidentEntry):
        incident = subject.incident
        where = f" [{incident.setting}]" if incident.setting else ""
        names = f" ({subject.names})" if subject.names else ""
        label = "SAFETY: " if subject.safety else ""
        return f"{label}{incident.what.rstrip('.')}.{where}{names}"
    if isinstance(subject, LogEntry):
        return f"{subject.name}: {session_phrase(subject)}."
    if isinstance(subject, StepView):
        step = subject.step
        if kind == "step":
            to = join_and([role_title(r).lower() for r in step.to_roles]) or "the school"
            text = f"{subject.title} sent to the {to} by {step.channel.replace('-', ' ')}."
            if subject.due is not None:
                text += f" Reply due {short_date(subject.due)}."
            return text
        if kind == "response":
            said = f": {step.response.rstrip('.')}." if step.response else "."
            return f"The district answers the {subject.title.lower()}{said}"
        assert step.sent is not None, "a missed reply is only on the timeline of a step that was sent"
        return f"No reply to the {subject.title.lower()} of {short_date(step.sent)} by its due date."
    return kind


def step_status(step: StepView) -> str:
    """'compliance notice to the case manager; a reply was due November 17, 2026 and none has come.'"""
    roles = join_and([role_title(r).lower() for r in step.step.to_roles]) or "school"
    text = f"{step.title.lower()} to the {roles}"
    clock = step.primary
    if step.step.status == "answered" and step.step.response_date:
        text += f"; answered {long_date(step.step.response_date)}"
    elif step.overdue and step.due:
        text += f"; a reply was due {long_date(step.due)} and none has come"
    elif clock is not None and clock.due is not None:
        label = clock.label if clock.label != "due" else "reply due"
        cite = f" ({clock.citation})" if clock.citation and not clock.convention else ""
        text += f"; {label} {long_date(clock.due)}{cite}"
    return text + "."


# ---------------------------------------------------------------- assembling


def make_letter(
    view: CaseView,
    kind: str,
    title: str,
    subject: str,
    to: Party | Sequence[Party],
    cc_roles: Sequence[str],
    body: Sequence[Block],
    *,
    exhibits: Sequence[Exhibit] = (),
    enclosures: Sequence[str] = (),
    draft_note: str = "",
    sender: Party | None = None,
    greeting: str = "",
    email_subject: str = "",
    warnings: Sequence[str] = (),
) -> Letter:
    """A letter from the parent to `to` (one party or several), copied to every `cc_roles`
    contact the case has; `warnings` are the letter's own notes to the user, after the shared ones."""
    sender = sender or parent(view)
    recipients = (to,) if isinstance(to, Party) else tuple(to)
    cc = copies(view, cc_roles, exclude=[*recipients, sender])
    notes = (
        tuple(
            f"No {role.replace('-', ' ')} contact with a name: left out of the cc list."
            for role in missing_copies(view, cc_roles)
        )
        + view.rule_warnings
        + tuple(warnings)
    )
    asks = next((b.items for b in body if isinstance(b, Numbered)), ())
    return Letter(
        kind=kind,
        title=title,
        dated=view.today,
        student=view.student,
        re=re_line(view, subject),
        body=tuple(body),
        sender=sender,
        recipients=recipients,
        salutation=greeting or salutation(recipients),
        cc=cc,
        enclosures=tuple(exhibit.heading for exhibit in exhibits) + tuple(enclosures),
        exhibits=tuple(exhibits),
        delivery="By email" if any(p.email for p in recipients) else "",
        draft_note=draft_note,
        subject=email_subject or f"{title}: {view.student}, {view.case.school}",
        warnings=notes,
        to_roles=tuple(p.role for p in recipients if p.role),
        cc_roles=tuple(p.role for p in cc if p.role),
        asks=asks,
    )


def make_document(
    view: CaseView,
    kind: str,
    title: str,
    body: Sequence[Block],
    *,
    landscape: bool = False,
    exhibits: Sequence[Exhibit] = (),
) -> Letter:
    """A stand-alone document (checklist, timeline): title, date, "Re:" line, body."""
    subject = iep_phrase(view)
    return Letter(
        kind=kind,
        title=title,
        dated=view.today,
        student=view.student,
        re=re_line(view, subject[0].upper() + subject[1:]),
        body=tuple(body),
        exhibits=tuple(exhibits),
        landscape=landscape,
        subject=f"{title}: {view.student}, {view.case.school}",
    )


def case_facts(view: CaseView) -> list[tuple[str, str]]:
    """Student, grade, school, district, IEP dates and case manager, for a document's header."""
    case = view.case
    manager = view.named_contact("case-manager")
    pairs = [
        ("Student", case.student),
        ("Grade", case.grade),
        ("School", case.school),
        ("District", case.district),
        ("IEP in effect since", long_date(case.iep_effective) if case.iep_effective else ""),
        ("Annual review due", long_date(case.annual_review_due) if case.annual_review_due else ""),
    ]
    if manager is not None:
        pairs.append(("Case manager", ", ".join(x for x in (manager.name, manager.email, manager.phone) if x)))
    return pairs
