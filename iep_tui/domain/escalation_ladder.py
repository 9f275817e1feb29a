"""The escalation ladder: each step's clock, its derived status, and its transitions.

A step stores what was sent and how its deadline is set (a rule id, or a count and
day kind the user chose); the due date is computed here, on the case's school
calendar, every time it is asked for. So changing a sent date or the calendar
recomputes every due date, and nothing stale is ever shown.

Default clocks when the user sets none (issue 5; legal-rules.md sections 2-5):

- `records-request`: the case's state records rule when it is stricter (an earlier
  date, e.g. California 5 business days, Ed. Code 56504), else 45 calendar days
  (34 CFR 300.613). Every rule with the `records-access` purpose that applies in the
  case's state is computed and the earliest date wins. And 300.613(a) wants the
  records "before any meeting regarding an IEP, or any hearing ... or resolution
  session": the due date is the day before the next such meeting recorded on the case
  after the request when that comes first, and the clock says so.
- `state-complaint`: the decision due 60 calendar days after filing (34 CFR 300.152).
- `due-process`: the resolution meeting (15 days) and the end of the resolution
  period (30 days) after the district receives the complaint (34 CFR 300.510).
- `meeting-request`: the state's rule for a parent's written request for an IEP meeting
  (purpose `iep-meeting-request`; Texas 19 TAC 89.1050(e): the meeting, or a written
  refusal within 5 school days; California Ed. Code 56343.5: the meeting within 30 days,
  long breaks not counted), the same rule the meeting-request letter states. Federal law
  sets none, so where the state sets none (or was not researched, or has no rules file)
  it falls back to the `response` convention below, saying why (and warning when the
  state was not researched).
- every other kind: 10 school days, the `default-response` rule (purpose
  `response`), which is a convention of this app and says so (no federal clock).

Rules are asked for by purpose (`deadline_rules.applicable_rule`, the one function that
answers "which rule applies"), so a state rule with the same purpose replaces or joins
the federal one without any code here knowing the state; its warnings (a state with no
rules file) travel with the clock.

`overdue` is derived: a sent step with no response whose first due date has passed
(today later than the due date). It is never stored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, Literal, Protocol, TypeVar

from iep_tui.calendar import day_count, deadline_rules
from iep_tui.calendar.school_calendar import SchoolCalendar
from iep_tui.domain.models import (
    CaseBundle,
    EscalationStep,
    Incident,
    Meeting,
    Session,
)
from iep_tui.domain.roles import case_role, same_role
from iep_tui.domain.text_clip import clip_text
from iep_tui.domain.vocabulary import DAY_KINDS, STEP_KINDS, Channel, DayKind, is_one_of
from iep_tui.errors import AmbiguousError, InputError, NotFoundError

DisplayStatus = Literal["draft", "sent", "answered", "overdue", "closed"]
DISPLAY_STATUSES: tuple[str, ...] = ("draft", "sent", "answered", "overdue", "closed")

STEP_TITLES: dict[str, str] = {
    "compliance-notice": "Compliance notice",
    "records-request": "Records request",
    "meeting-request": "Meeting request",
    "pwn-request": "Prior Written Notice request",
    "iep-meeting": "IEP meeting",
    "district-escalation": "District escalation",
    "state-complaint": "State complaint",
    "mediation": "Mediation",
    "due-process": "Due process complaint",
    "ocr-complaint": "OCR complaint",
}
assert set(STEP_TITLES) == set(STEP_KINDS)

DEFAULT_RESPONSE_RULE = "default-response"
"""The convention for kinds with no legal clock: 10 school days (the rule says so)."""

RESPONSE_PURPOSE = "response"
RECORDS_PURPOSE = "records-access"
MEETING_REQUEST_PURPOSE = "iep-meeting-request"

DEFAULT_CLOCKS: dict[str, tuple[tuple[str, str], ...]] = {
    "records-request": (("records due", RECORDS_PURPOSE),),
    "meeting-request": (("response due", MEETING_REQUEST_PURPOSE),),
    "state-complaint": (("decision due", "state-complaint-decision"),),
    "due-process": (
        ("resolution meeting due", "resolution-meeting"),
        ("resolution period ends", "resolution-period"),
    ),
}
"""Kind -> (label, rule purpose) of each clock; other kinds get the `response` purpose."""

CONVENTION_FALLBACK: dict[str, str] = {MEETING_REQUEST_PURPOSE: RESPONSE_PURPOSE}
"""Purposes federal law sets no clock for, whose step keeps this app's convention (said as
one) where the state sets none: purpose -> the convention's purpose."""

DISTRICT_LADDER: tuple[str, ...] = (
    "special-education-director",
    "assistant-superintendent",
    "superintendent",
)
"""Who a district escalation goes to, rung by rung."""

TRANSITIONS: dict[str, frozenset[str]] = {
    "draft": frozenset({"sent", "closed"}),
    "sent": frozenset({"answered", "closed"}),
    "answered": frozenset({"sent", "closed"}),  # back to sent: the reply did not answer
    "closed": frozenset({"sent"}),  # reopened
}
"""Stored status -> the stored statuses it may move to."""


# ---------------------------------------------------------------- clocks


@dataclass(frozen=True)
class DueClock:
    """One computed deadline of a step, with the rule or count that set it."""

    label: str
    start: date
    count: int
    day_kind: str
    due: date | None
    rule_id: str | None = None
    rule_title: str = ""
    citation: str = ""
    confidence: str = ""
    convention: bool = False
    user_set: bool = False
    flag: str | None = None
    days_available: int | None = None
    estimate: bool = False
    skipped: tuple[tuple[date, str], ...] = ()
    applies: str = ""
    """Which rule applies and why (`RuleChoice.statement`), when the clock came from a purpose."""
    warnings: tuple[str, ...] = ()
    before_meeting: Meeting | None = None
    """The meeting whose eve is the due date (34 CFR 300.613(a)), when it comes before the count."""

    @property
    def unit(self) -> str:
        return day_count.day_unit(self.day_kind, self.count)

    def basis(self) -> str:
        """'10 school days after 2026-10-05 (default-response: a convention, not a legal deadline)'."""
        text = f"{self.count} {self.unit} after {self.start.isoformat()}"
        if self.user_set:
            source = "the count you set"
        elif self.rule_id and self.convention:
            source = f"{self.rule_id}: a convention of this app, not a legal deadline"
        elif self.rule_id:
            source = self.rule_id + (f", {self.citation}" if self.citation else "")
        else:
            source = ""
        text += f" ({source})" if source else ""
        if self.before_meeting is not None:
            text = (
                f"the day before the {_meeting_words(self.before_meeting)} (34 CFR 300.613(a): before any meeting "
                f"regarding an IEP, hearing or resolution session), earlier than {text}"
            )
        if self.estimate:
            text += "; ESTIMATE: no district calendar loaded"
        return text

    def describe(self) -> str:
        """'response due 2026-10-19: 10 school days after ...' or the flag when no date."""
        if self.due is not None:
            return f"{self.label} {self.due.isoformat()}: {self.basis()}"
        if self.flag == day_count.FLAG_PAST_END:
            return (
                f"{self.label}: no date, the count of {self.count} {self.unit} runs past the end of the "
                f"school year (only {self.days_available} available); {self.basis()}"
            )
        if self.flag == day_count.FLAG_NEEDS_NEXT_YEAR:
            return (
                f"{self.label}: no date yet, the rule carries the count into the next school year; import that "
                f"year's district calendar; {self.basis()}"
            )
        if self.flag == day_count.FLAG_MAY_CARRY:
            return (
                f"{self.label}: no date, without a district calendar this count may carry into the next school "
                f"year; {day_count.LOAD_CALENDAR}; {self.basis()}"
            )
        return f"{self.label}: no date ({self.flag or 'not computed'}); {self.basis()}"

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "due": day_count.iso_or_none(self.due),
            "start": self.start.isoformat(),
            "count": self.count,
            "day_kind": self.day_kind,
            "rule": self.rule_id,
            "title": self.rule_title,
            "citation": self.citation,
            "confidence": self.confidence,
            "convention": self.convention,
            "user_set": self.user_set,
            "flag": self.flag,
            "days_available": self.days_available,
            "estimate": self.estimate,
            "applies": self.applies or None,
            "warnings": list(self.warnings),
            "before_meeting": None
            if self.before_meeting is None
            else {
                "id": self.before_meeting.id,
                "date": self.before_meeting.date.isoformat(),
                "status": self.before_meeting.status,
            },
        }


def _meeting_words(meeting: Meeting) -> str:
    """'IEP meeting (scheduled) of 2026-10-08', naming the meeting's purpose when it has one."""
    what = meeting.purpose.strip() or "IEP meeting"
    return f"{what} ({meeting.status}) of {meeting.date.isoformat()}"


RECORDS_BEFORE_STATUSES = frozenset({"requested", "scheduled", "rescheduled", "held"})
"""Meetings a records request must be answered before; a cancelled one binds nothing."""


def next_meeting_after(meetings: Sequence[Meeting], after: date) -> Meeting | None:
    """The first meeting dated after `after` that is requested, scheduled, rescheduled or held.

    300.613(a) names "any meeting regarding an IEP, or any hearing ... or resolution session";
    a `Meeting` has no kind (its purpose is free text), so every recorded meeting counts: the
    model cannot tell a problem-solving meeting from those, and the earlier date is the safe one."""
    coming = [m for m in meetings if m.date > after and m.status in RECORDS_BEFORE_STATUSES]
    return min(coming, key=lambda m: (m.date, m.created)) if coming else None


def before_next_meeting(clock: DueClock, meetings: Sequence[Meeting]) -> DueClock:
    """A records clock due the day before the next meeting after the request, when that is earlier."""
    meeting = next_meeting_after(meetings, clock.start)
    if meeting is None:
        return clock
    eve = meeting.date - timedelta(days=1)
    if clock.due is not None and clock.due <= eve:
        return clock
    return replace(clock, due=eve, flag=None, days_available=None, before_meeting=meeting)


def _clock_from_count(
    label: str,
    result: day_count.DayCount,
    *,
    user_set: bool = False,
    choice: deadline_rules.RuleChoice | None = None,
) -> DueClock:
    rule = result.rule
    convention = False
    if rule is not None:
        convention = rule.id == DEFAULT_RESPONSE_RULE or rule.purpose == RESPONSE_PURPOSE
    return DueClock(
        label=label,
        start=result.start,
        count=result.count,
        day_kind=result.day_kind,
        due=result.due,
        rule_id=None if rule is None else rule.id,
        rule_title="" if rule is None else rule.title,
        citation="" if rule is None else rule.citation,
        confidence="" if rule is None else rule.confidence,
        convention=convention,
        user_set=user_set,
        flag=result.flag,
        days_available=result.days_available,
        estimate=result.estimate,
        skipped=tuple(result.skipped),
        applies="" if choice is None else choice.statement(),
        warnings=() if choice is None else choice.warnings,
    )


def rule_clock(label: str, calendar: SchoolCalendar, start: date, rule_id: str, state: str) -> DueClock:
    """The clock a rule of the calendar engine sets from `start` (InputError if unknown).

    A federal rule that serves a purpose is asked for by that purpose, so naming
    `initial-evaluation` in a Texas case gets Texas's rule, as `iep-tui deadline` does.
    """
    rule = deadline_rules.get_rule(rule_id, state)
    if rule.jurisdiction == "US" and rule.purpose:
        return purpose_clock(label, calendar, start, rule.purpose, state)
    return _clock_from_count(label, deadline_rules.deadline_for_rule(calendar, start, rule))


def purpose_clock(label: str, calendar: SchoolCalendar, start: date, purpose: str, state: str) -> DueClock:
    """The clock for a purpose in the case's state (`deadline_rules.applicable_rule`): the
    state's own rule where it replaces the federal one, the earlier date where both bind;
    for a purpose with no clock at all there (`CONVENTION_FALLBACK`), this app's convention,
    saying why and carrying the rule choice's warnings."""
    choice = deadline_rules.applicable_rule(purpose, state)
    result = choice.count(calendar, start)
    if result is None and purpose in CONVENTION_FALLBACK:
        convention = deadline_rules.applicable_rule(CONVENTION_FALLBACK[purpose], state)
        counted = convention.count(calendar, start)
        assert counted is not None  # the convention is a shipped federal rule
        clock = _clock_from_count(label, counted, choice=convention)
        return replace(
            clock,
            applies=f"{choice.missing_reason()}; the date is this app's convention ({clock.rule_id}), "
            "not a legal deadline.",
            warnings=tuple(dict.fromkeys([*choice.warnings, *clock.warnings])),
        )
    if result is None:
        raise InputError(f"No deadline rule serves {purpose!r}; `iep-tui rules` lists them.")
    return _clock_from_count(label, result, choice=choice)


def records_clock(calendar: SchoolCalendar, start: date, state: str, meetings: Sequence[Meeting] = ()) -> DueClock:
    """The stricter of 34 CFR 300.613 (45 calendar days) and the state's records rule, and
    never later than the day before the next meeting after the request (300.613(a))."""
    return before_next_meeting(purpose_clock("records due", calendar, start, RECORDS_PURPOSE, state), meetings)


def checked_day_kind(day_kind: str | None) -> DayKind:
    """`day_kind` when it is a kind of day a count runs in; else InputError."""
    if day_kind is None or not is_one_of(day_kind, DAY_KINDS):
        raise InputError(f"Day kind {day_kind!r}: use one of {', '.join(DAY_KINDS)}.")
    return day_kind


def clocks_for(
    kind: str,
    sent: date,
    calendar: SchoolCalendar,
    state: str,
    *,
    due_rule: str | None = None,
    due_count: int | None = None,
    due_day_kind: str | None = None,
    meetings: Sequence[Meeting] = (),
) -> tuple[DueClock, ...]:
    """Every deadline a step of `kind` sent on `sent` runs on; the first is its due date.

    A user count (`due_count` + `due_day_kind`) or `due_rule` replaces the defaults; a
    records request is still due before the next meeting in `meetings` (300.613(a)).
    """
    if due_count is not None:
        result = day_count.count_days(calendar, sent, due_count, checked_day_kind(due_day_kind))
        clock = _clock_from_count("response due", result, user_set=True)
        return (before_next_meeting(clock, meetings) if kind == "records-request" else clock,)
    if due_rule:
        clock = rule_clock("response due", calendar, sent, due_rule, state)
        return (before_next_meeting(clock, meetings) if kind == "records-request" else clock,)
    if kind == "records-request":
        return (records_clock(calendar, sent, state, meetings),)
    defaults = DEFAULT_CLOCKS.get(kind, (("response due", RESPONSE_PURPOSE),))
    return tuple(purpose_clock(label, calendar, sent, purpose, state) for label, purpose in defaults)


def step_clocks(
    step: EscalationStep, calendar: SchoolCalendar, state: str, meetings: Sequence[Meeting] = ()
) -> tuple[DueClock, ...]:
    """The step's deadlines; none until it has a sent date. `meetings`: the case's, for records."""
    if step.sent is None:
        return ()
    return clocks_for(
        step.kind,
        step.sent,
        calendar,
        state,
        due_rule=step.due_rule,
        due_count=step.due_count,
        due_day_kind=step.due_day_kind,
        meetings=meetings,
    )


# ---------------------------------------------------------------- status


def derived_status(step: EscalationStep, due: date | None, today: date) -> DisplayStatus:
    """The stored status, or `overdue` for a sent step whose due date has passed."""
    if step.status == "sent" and due is not None and today > due:
        return "overdue"
    return step.status


@dataclass(frozen=True)
class StepView:
    """A step as every front end shows it: clocks computed, status derived."""

    step: EscalationStep
    clocks: tuple[DueClock, ...]
    status: DisplayStatus
    today: date

    @property
    def id(self) -> str:
        return self.step.id

    @property
    def kind(self) -> str:
        return self.step.kind

    @property
    def title(self) -> str:
        return STEP_TITLES[self.step.kind]

    @property
    def primary(self) -> DueClock | None:
        return self.clocks[0] if self.clocks else None

    @property
    def due(self) -> date | None:
        return self.clocks[0].due if self.clocks else None

    @property
    def overdue(self) -> bool:
        return self.status == "overdue"

    @property
    def waiting(self) -> bool:
        """Sent and not yet answered or closed (overdue included)."""
        return self.step.status == "sent"

    @property
    def warnings(self) -> tuple[str, ...]:
        """What the clocks' rule choices say must be shown (a state with no rules file, ...), once each."""
        return tuple(dict.fromkeys(w for c in self.clocks for w in c.warnings))

    @property
    def days_overdue(self) -> int:
        """Calendar days since the due date (0 unless overdue)."""
        return (self.today - self.due).days if self.overdue and self.due else 0

    def heading(self, verb: str = "") -> str:
        """The step's first line wherever it is printed, its one wording: 'Compliance notice sent
        2026-10-05 to case-manager (cc principal): overdue'. After a `verb` (what was just done:
        'Recorded', 'Closed:') the title is lower case: 'Closed: compliance notice ...'."""
        step = self.step
        head = f"{verb} {self.title.lower()}" if verb else self.title
        if step.sent:
            head += f" sent {step.sent.isoformat()}"
        if step.to_roles:
            head += " to " + ", ".join(step.to_roles)
        if step.cc_roles:
            head += " (cc " + ", ".join(step.cc_roles) + ")"
        return f"{head}: {self.status}"

    def describe(self) -> str:
        """One line: the heading, then the first clock and when it was answered."""
        step = self.step
        parts = [self.heading()]
        if self.primary is not None:
            parts.append(self.primary.describe())
        if step.status == "answered" and step.response_date:
            parts.append(f"answered {step.response_date.isoformat()}")
        return ": ".join(parts)

    def to_json(self) -> dict[str, Any]:
        step = self.step
        primary = self.primary
        return {
            "id": step.id,
            "kind": step.kind,
            "title": self.title,
            "sent": day_count.iso_or_none(step.sent),
            "due": day_count.iso_or_none(self.due),
            "status": self.status,
            "rule": None
            if primary is None
            else {
                "id": primary.rule_id,
                "citation": primary.citation,
                "count": primary.count,
                "day_kind": primary.day_kind,
                "convention": primary.convention,
                "user_set": primary.user_set,
                "estimate": primary.estimate,
                "flag": primary.flag,
            },
            "clocks": [c.to_json() for c in self.clocks],
            "warnings": list(self.warnings),
            "channel": step.channel,
            "to": list(step.to_roles),
            "cc": list(step.cc_roles),
            "asked": step.asked,
            "letter_file": step.letter_file or None,
            "incidents": list(step.incident_ids),
            "sessions": list(step.session_ids),
            "response": step.response,
            "response_date": day_count.iso_or_none(step.response_date),
            "entered": step.created.isoformat(),
            "days_overdue": self.days_overdue,
        }


def view_step(
    step: EscalationStep, calendar: SchoolCalendar, state: str, today: date, meetings: Sequence[Meeting] = ()
) -> StepView:
    clocks = step_clocks(step, calendar, state, meetings)
    due = clocks[0].due if clocks else None
    return StepView(step=step, clocks=clocks, status=derived_status(step, due, today), today=today)


def view_steps(bundle: CaseBundle, calendar: SchoolCalendar, today: date) -> list[StepView]:
    """Every step of the case, in ladder order of sending (drafts last)."""
    views = [view_step(s, calendar, bundle.case.state, today, bundle.meetings) for s in bundle.escalations]
    return sorted(views, key=lambda v: (v.step.sent is None, v.step.sent or date.max, v.step.created))


# ---------------------------------------------------------------- transitions


def _move(step: EscalationStep, target: str, **changes: Any) -> EscalationStep:
    if target not in TRANSITIONS[step.status] and target != step.status:
        allowed = ", ".join(sorted(TRANSITIONS[step.status])) or "nothing"
        raise InputError(f"A {step.status} step cannot become {target}; from {step.status} it can become {allowed}.")
    data = step.model_dump()
    data.update(changes, status=target)
    return EscalationStep.model_validate(data)


def mark_sent(step: EscalationStep, sent: date, today: date) -> EscalationStep:
    """A draft (or reopened step) goes out on `sent`; a future sent date is refused."""
    if sent > today:
        raise InputError(f"The sent date {sent.isoformat()} is in the future; record the step when it goes out.")
    if step.status != "draft":
        raise InputError(
            f"Only a draft can be marked sent; this step is {step.status}. "
            "To correct when it went out, change its sent date (a reason is kept)."
        )
    return _move(step, "sent", sent=sent)


def record_response(step: EscalationStep, on: date, text: str, today: date) -> EscalationStep:
    """The district answered on `on`; the answer text is kept word for word."""
    if not text.strip():
        raise InputError("The response text is empty: write what the district said (or 'no substantive answer').")
    if step.status == "draft" or step.sent is None:
        raise InputError("This step is still a draft: mark it sent before recording a response.")
    if on < step.sent:
        raise InputError(f"The response date {on.isoformat()} is before the step was sent ({step.sent.isoformat()}).")
    if on > today:
        raise InputError(f"The response date {on.isoformat()} is in the future.")
    if step.status == "closed":
        raise InputError("This step is closed; reopen it to record a response.")
    return _move(step, "answered", response=text.strip(), response_date=on)


def close_step(step: EscalationStep) -> EscalationStep:
    """Nothing more is expected from this step (resolved, withdrawn or superseded)."""
    if step.status == "closed":
        raise InputError("This step is already closed.")
    return _move(step, "closed")


def reopen_step(step: EscalationStep) -> EscalationStep:
    """Back to waiting: a closed step, or an answer that did not answer. The response is kept."""
    if step.sent is None:
        raise InputError("A step that was never sent cannot be reopened; it is still a draft.")
    if step.status == "sent":
        raise InputError("This step is already waiting for a response.")
    return _move(step, "sent")


def change_sent_date(step: EscalationStep, sent: date, today: date) -> EscalationStep:
    """Correct when a step went out; its due dates follow because they are computed."""
    if step.sent is None or step.status == "draft":
        raise InputError("This step is a draft: mark it sent instead.")
    if sent > today:
        raise InputError(f"The sent date {sent.isoformat()} is in the future.")
    if step.response_date is not None and step.response_date < sent:
        raise InputError(
            f"The step was answered on {step.response_date.isoformat()}, before {sent.isoformat()}: check the dates."
        )
    return step.model_copy(update={"sent": sent})


def set_due(
    step: EscalationStep,
    *,
    rule: str | None = None,
    count: int | None = None,
    day_kind: str | None = None,
) -> EscalationStep:
    """Replace how the due date is set: a rule id, a count with its day kind, or neither (default)."""
    if rule and count is not None:
        raise InputError("Use either a due rule or a day count, not both.")
    if (count is None) != (day_kind is None):
        raise InputError("A day count needs its day kind (school, business or calendar days).")
    data = step.model_dump()
    data.update(due_rule=rule or None, due_count=count, due_day_kind=day_kind)
    return EscalationStep.model_validate(data)


def new_step(
    kind: str,
    *,
    sent: date | None,
    today: date,
    channel: Channel = "email",
    to_roles: Sequence[str] = (),
    cc_roles: Sequence[str] = (),
    asked: str = "",
    incident_ids: Sequence[str] = (),
    session_ids: Sequence[str] = (),
    due_rule: str | None = None,
    due_count: int | None = None,
    due_day_kind: str | None = None,
) -> EscalationStep:
    """A new step: sent when `sent` is given, else a draft. Validates kind, day kind and dates."""
    if not is_one_of(kind, STEP_KINDS):
        raise InputError(f"{kind!r} is not a step kind; use one of {', '.join(STEP_KINDS)}.")
    if sent is not None and sent > today:
        raise InputError(f"The sent date {sent.isoformat()} is in the future; record the step when it goes out.")
    if due_rule and due_count is not None:
        raise InputError("Use either a due rule or a day count, not both.")
    return EscalationStep(
        kind=kind,
        sent=sent,
        status="sent" if sent is not None else "draft",
        channel=channel,
        to_roles=list(to_roles),
        cc_roles=list(cc_roles),
        asked=asked,
        incident_ids=list(dict.fromkeys(incident_ids)),
        session_ids=list(dict.fromkeys(session_ids)),
        due_rule=due_rule,
        due_count=due_count,
        due_day_kind=None if due_day_kind is None else checked_day_kind(due_day_kind),
    )


def next_district_rung(bundle: CaseBundle) -> str | None:
    """Who the next district escalation goes to, or None when every rung was tried."""
    tried: set[str] = set()
    for step in bundle.escalations:
        if step.kind == "district-escalation" and step.status != "draft":
            tried.update(step.to_roles)
    for role in DISTRICT_LADDER:
        if not any(same_role(role, t) for t in tried):
            return case_role(bundle.case, role)
    return None


# ---------------------------------------------------------------- evidence


@dataclass(frozen=True)
class Evidence:
    """A dated entry a suggestion or window stands on, cited by kind and id."""

    kind: str  # incident | session | step | meeting | action
    id: str
    date: date | None
    summary: str
    requirement_ids: tuple[str, ...] = field(default_factory=tuple)

    def cite(self) -> str:
        when = self.date.isoformat() if self.date else "undated"
        return f"{self.kind} {self.id} ({when}): {self.summary}"

    def label(self) -> str:
        """'Speech therapy missed (provider absent, 30 min) on 2026-10-13': the date and what
        happened, without the internal id (which `to_json` keeps)."""
        when = self.date.isoformat() if self.date else "an unknown date"
        return f"{self.summary.rstrip('.')} on {when}"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "date": day_count.iso_or_none(self.date), "summary": self.summary}


def owed_reasons(bundle: CaseBundle) -> frozenset[str]:
    return frozenset(bundle.case.policy.owed_reasons)


def not_owed_missed_ids(bundle: CaseBundle) -> frozenset[str]:
    """Missed sessions the ledger never counts as owed whatever their reason: on a day that
    requires nothing (not a school day on a district calendar, outside the requirement's
    dates) or in a same-day conflict with a delivered entry (`ledger` module doc)."""
    from iep_tui.domain.ledger import requirement_ledger

    calendar = SchoolCalendar.from_settings(bundle.case.calendar)
    missed: dict[str, list[Session]] = {}
    for s in bundle.sessions:
        missed.setdefault(s.requirement_id, []).append(s)
    found: set[str] = set()
    for requirement in bundle.requirements:
        sessions = missed.get(requirement.id, [])
        if not any(s.status == "missed" for s in sessions):
            continue
        lo, hi = min(s.date for s in sessions), max(s.date for s in sessions)
        ledger = requirement_ledger(requirement, sessions, calendar, lo, hi, bundle.case.policy)
        found.update(e.session_id for e in ledger.excluded_entries)
    return frozenset(found)


def is_failure_session(bundle: CaseBundle, session: Session, not_owed: frozenset[str] | None = None) -> bool:
    """A missed session whose reason the case's policy counts as owed (the school's failure),
    unless the ledger does not count it (`not_owed_missed_ids`; pass it when asking in a loop)."""
    if session.status != "missed" or (session.reason or "unknown") not in owed_reasons(bundle):
        return False
    return session.id not in (not_owed_missed_ids(bundle) if not_owed is None else not_owed)


def session_evidence(bundle: CaseBundle, session: Session) -> Evidence:
    requirement = bundle.requirement(session.requirement_id)
    name = requirement.name if requirement else session.requirement_id
    reason = (session.reason or "unknown").replace("-", " ")
    minutes = f", {session.minutes} min" if session.minutes else ""
    return Evidence(
        "session", session.id, session.date, f"{name} missed ({reason}{minutes})", (session.requirement_id,)
    )


EVIDENCE_SUMMARY_MAX = 80
"""An incident's evidence summary is its text clipped to this many characters (`text_clip.clip_text`)."""


def incident_evidence(incident: Incident) -> Evidence:
    summary = clip_text(incident.what, EVIDENCE_SUMMARY_MAX)
    return Evidence("incident", incident.id, incident.date, summary, tuple(incident.requirement_ids))


def step_evidence(view: StepView) -> Evidence:
    due = f", due {view.due.isoformat()}" if view.due else ""
    return Evidence("step", view.id, view.step.sent, f"{view.title.lower()} ({view.status}{due})")


def failure_evidence(bundle: CaseBundle) -> list[Evidence]:
    """Every logged failure: incidents, and missed sessions the ledger counts as owed. Oldest first."""
    found = [incident_evidence(i) for i in bundle.incidents]
    not_owed = not_owed_missed_ids(bundle)
    found += [session_evidence(bundle, s) for s in bundle.sessions if is_failure_session(bundle, s, not_owed)]
    return sorted(found, key=lambda e: (e.date or date.min, e.kind, e.id))


# ---------------------------------------------------------------- finding by id prefix


class HasId(Protocol):
    """Anything found by id prefix: a record, or an action paired with its meeting."""

    @property
    def id(self) -> str: ...


Identified = TypeVar("Identified", bound=HasId)


def find_by_prefix(
    items: Sequence[Identified], text: str, what: str, label: Callable[[Identified], str] | None = None
) -> Identified:
    """The one item whose id equals or starts with `text` (case-insensitive)."""
    wanted = text.strip().lower()
    if not wanted:
        raise InputError(f"Name a {what} by its id or a unique id prefix.")
    exact = [i for i in items if i.id == wanted]
    if exact:
        return exact[0]
    matches = [i for i in items if i.id.startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    describe: Callable[[Identified], str] = label or (lambda i: i.id)
    if not matches:
        known = "; ".join(describe(i) for i in items[:10]) or "none yet"
        raise NotFoundError(f"No {what} has an id starting with {text!r}. Known: {known}.")
    raise AmbiguousError(f"{text!r} matches several {what}s: " + "; ".join(describe(i) for i in matches[:10]) + ".")
