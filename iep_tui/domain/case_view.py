"""One read-only view of a case on a given day: every fact a letter (or a pane) shows.

Built once from a `CaseBundle` and today's date by calling the calendar, ledger and
escalation code, so no letter computes a minute or a date itself:

- the ledger per service over a range (default: the IEP's effective date to today,
  as `iep-tui owed` counts it), with the owed and unaccounted totals;
- the **service log** (Exhibit A): every session not delivered in full (missed,
  shortened, made up, or delivered other than as the IEP says: `Session.delivered_as`),
  numbered A-1, A-2 ... in date order;
- the **incident log** (Exhibit B): every incident, numbered B-1, B-2 ... in date order.
  For one state of the record every letter, the timeline, the checklist and the
  binder's CSV files cite the same fact by the same number (an entry added later with
  an earlier date renumbers those after it; a letter already sent encloses its own log);
- escalation steps with computed due dates and derived status, filing windows,
  safety urgency, meeting actions and the meeting agenda;
- the deadlines a new letter asks for (reply, meeting, records, make-up target),
  each counted on the case's school calendar from today by the rule that sets it, or by
  the recorded step the letter is written for (`letter_step`);
- the make-up schedule of every service owing minutes (`compensatory.schedule_makeup`);
- the examples a letter cites, chosen by weight (`examples`);
- what the district's own service log shows, when rows of it were imported
  (`district_log`: the minutes it admits were not provided, the disputed dates, the
  files and the days the district produced them).

Missing facts a document needs are collected while it is built (`need_*` inside
`collecting_missing`) and raised together as one `MissingFacts` error naming each fact and
the command that sets it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Literal

from iep_tui.calendar import day_count, deadline_rules
from iep_tui.calendar.school_calendar import SchoolCalendar
from iep_tui.domain import escalation_ladder as ladder
from iep_tui.domain.compensatory import (
    MakeupNeed,
    MakeupSchedule,
    ServiceSchedule,
    makeup_session_minutes,
    schedule_makeup,
)
from iep_tui.domain.filing_windows import ROUTES, FilingWindow, filing_windows, window_for
from iep_tui.domain.frequency import Frequency, frequency_of
from iep_tui.domain.ledger import (
    UNCERTAIN_FLAGS,
    LedgerConflict,
    RequirementLedger,
    case_ledger,
    default_range,
    describe_policy,
)
from iep_tui.domain.meeting_agenda import ActionView, Agenda, OwedLine, action_views, build_agenda
from iep_tui.domain.models import Case, CaseBundle, Contact, Incident, Meeting, Requirement, Session, WeeklySnapshot
from iep_tui.domain.reconciliation import DateComparison, Reconciliation, reconcile_case
from iep_tui.domain.safety import SAFETY_RESPONSE_SCHOOL_DAYS, SafetyUrgency, is_safety_step, safety_urgency
from iep_tui.domain.state_agencies import StateAgency, meeting_name, state_agency
from iep_tui.errors import InputError

LETTER_STEP_KINDS: dict[str, str] = {"safety-notice": "compliance-notice"}
"""Letter kinds recorded as a step of another kind (the escalation ladder has no safety-notice rung)."""

CASE_SET_OPTIONS: dict[str, str] = {
    "school": "--school NAME",
    "district": "--district NAME",
    "address": "--address TEXT",
    "grade": "--grade TEXT",
    "iep_effective": "--iep-effective YYYY-MM-DD",
    "date_of_birth": "--dob YYYY-MM-DD",
    "student_id": "--student-id ID",
}
"""The `iep-tui case set` option that sets each case field a letter may need."""

MEETING_REQUEST_DAYS = 30
"""Calendar days a letter gives for a meeting where the state's rule sets no meeting date (a request, not law)."""

RECAP_SCHOOL_DAYS = 5
"""A meeting held this many school days ago or fewer gets a recap; later, a follow-up on its overdue actions."""

ACTION_KINDS = ("refusal", "informal-change")
"""Incident kinds (and, in older records, tags) that call for Prior Written Notice (34 CFR 300.503(a))."""

REPLY_RULE = ladder.DEFAULT_RESPONSE_RULE
"""The reply a letter asks for: 10 school days, a convention (the letter calls it a request)."""

SHORT_REPLY_SCHOOL_DAYS = 5
"""A quick reply (corrections to a meeting recap, proposed meeting dates): five school days (practice)."""

MAKEUP_TARGET_SCHOOL_DAYS = 40
"""A compensatory proposal asks for the make-up to be complete within 40 school days (about 8 weeks)."""

EXAMPLES_MAX = 5


class MissingFacts(InputError):
    """Every fact a document needs and the case lacks, named together with what sets each."""

    def __init__(self, facts: list[MissingFact]) -> None:
        self.facts = tuple(facts)
        lines = "; ".join(f"{f.what} ({f.why}): {f.fix}" for f in self.facts)
        noun = "fact is" if len(self.facts) == 1 else f"{len(self.facts)} facts are"
        super().__init__(f"The letter cannot be written yet: {noun} missing. {lines}.")


@dataclass(frozen=True)
class MissingFact:
    """One missing fact: what, why the document needs it, and the command that sets it."""

    what: str
    why: str
    fix: str
    field: str = ""
    """The case field or contact role that holds it ('school', 'contact:parent'), for a form to open."""


# ---------------------------------------------------------------- entries


LogKind = Literal["missed", "partial", "makeup", "not-as-written"]
"""What an Exhibit A row records about its session."""


@dataclass(frozen=True)
class LogEntry:
    """An Exhibit A row: a session missed, shortened, made up or delivered other than as written."""

    ref: str
    session: Session
    requirement: Requirement | None
    kind: LogKind
    """`not-as-written`: delivered (or made up) other than as the IEP says (`Session.delivered_as`)."""
    scheduled_minutes: int | None
    delivered_minutes: int
    lost_minutes: int
    """Minutes not delivered: the missed session's minutes or a partial session's shortfall."""
    owed: bool
    """Counted as owed by the case's policy (a make-up credit is never 'owed')."""
    flag: str = ""
    """Why the ledger does not count it as owed, or counts it with a doubt (`LedgerEntry.flag`)."""

    @property
    def date(self) -> date:
        return self.session.date

    @property
    def name(self) -> str:
        return self.requirement.name if self.requirement else self.session.requirement_id

    @property
    def section(self) -> str:
        return self.requirement.section if self.requirement else ""

    @property
    def delivered_as(self) -> str:
        return self.session.delivered_as


@dataclass(frozen=True)
class IncidentEntry:
    """An incident (Exhibit B row) with the requirements it names."""

    ref: str
    incident: Incident
    requirements: tuple[Requirement, ...]
    safety: bool

    @property
    def date(self) -> date:
        return self.incident.date

    @property
    def names(self) -> str:
        return ", ".join(r.name for r in self.requirements)

    @property
    def section(self) -> str:
        if self.incident.section:
            return self.incident.section
        return "; ".join(dict.fromkeys(r.section for r in self.requirements if r.section))

    @property
    def kind(self) -> str:
        """observation, refusal or informal-change; an older record tagged so counts as its kind."""
        if self.incident.kind != "observation":
            return self.incident.kind
        return next((t for t in ACTION_KINDS if t in self.incident.tags), "observation")

    @property
    def is_action(self) -> bool:
        """A refusal or an informal change: what Prior Written Notice is about."""
        return self.kind in ACTION_KINDS


@dataclass(frozen=True)
class Example:
    """One concrete dated failure a letter cites: an incident or a session the policy counts as owed."""

    date: date
    names: str
    section: str
    ref: str
    safety: bool
    entry: LogEntry | IncidentEntry

    @property
    def lost_minutes(self) -> int:
        return self.entry.lost_minutes if isinstance(self.entry, LogEntry) else 0

    @property
    def tier(self) -> int:
        """0 safety, 1 a refusal or informal change, 2 a session not delivered as written, 3 the rest."""
        if self.safety:
            return 0
        if isinstance(self.entry, IncidentEntry):
            return 1 if self.entry.is_action else 3
        return 2 if self.entry.kind == "not-as-written" else 3


@dataclass(frozen=True)
class ServiceLine:
    """A service the ledger counts, with its exhibit numbers and make-up plan."""

    requirement: Requirement
    ledger: RequirementLedger
    refs: tuple[str, ...]
    """Exhibit A numbers of the entries behind its owed minutes (make-up credits included)."""
    plan: ServiceSchedule | None = None

    @property
    def frequency(self) -> Frequency | None:
        return self.ledger.frequency


TimelineKind = Literal[
    "iep",
    "meeting",
    "recap",
    "request",
    "action",
    "incident",
    "missed",
    "partial",
    "makeup",
    "not-as-written",
    "step",
    "response",
    "no-response",
]


@dataclass(frozen=True)
class TimelineEvent:
    """One dated fact of the timeline; `subject` is the record it is about (worded by the export)."""

    date: date
    kind: TimelineKind
    subject: object = None
    ref: str = ""


@dataclass(frozen=True)
class Deadline:
    """A due date counted on the school calendar, with what set it."""

    due: date | None
    count: int
    day_kind: str
    start: date
    rule_id: str = ""
    citation: str = ""
    convention: bool = False
    estimate: bool = False
    flag: str | None = None
    days_available: int | None = None
    before_meeting: Meeting | None = None
    """Set when the date is the day before this meeting, earlier than the count (300.613(a))."""

    @property
    def unit(self) -> str:
        """'school days', 'calendar day', 'years' ... for the count."""
        return day_count.day_noun(self.day_kind, self.count)

    @property
    def qualifier(self) -> str:
        """What the count leaves out, when its day kind says ('not counting summer'), else ''."""
        words = day_count.DAY_KIND_WORDS.get(self.day_kind)
        return words.left_out if words else ""

    @classmethod
    def of_clock(cls, clock: ladder.DueClock) -> Deadline:
        return cls(
            due=clock.due,
            count=clock.count,
            day_kind=clock.day_kind,
            start=clock.start,
            rule_id=clock.rule_id or "",
            citation="" if clock.convention else clock.citation,
            convention=clock.convention,
            estimate=clock.estimate,
            flag=clock.flag,
            days_available=clock.days_available,
            before_meeting=clock.before_meeting,
        )

    @classmethod
    def of_count(cls, result: day_count.DayCount) -> Deadline:
        rule = result.rule
        convention = rule is not None and rule.id == REPLY_RULE
        return cls(
            due=result.due,
            count=result.count,
            day_kind=result.day_kind,
            start=result.start,
            rule_id="" if rule is None else rule.id,
            citation="" if rule is None or convention else rule.citation,
            convention=convention or rule is None,
            estimate=result.estimate,
            flag=result.flag,
            days_available=result.days_available,
        )


@dataclass(frozen=True)
class AdmittedMisses:
    """One service's sessions the district's own log shows as not provided, for a reason the policy counts as owed."""

    name: str
    minutes: int
    dates: tuple[date, ...]
    reasons: tuple[str, ...]
    """The log's reasons for them (the ledger's vocabulary), most minutes first."""


@dataclass(frozen=True)
class DistrictLog:
    """What the district's own service log shows over the view's range (letters quote it as such).

    From the reconciliation (`domain.reconciliation`): the minutes the log itself shows as
    not provided and owed, the dates on which it and the parent's record disagree, and the
    imported files with the days the district produced them (each row's `provenance`).
    """

    reconciliation: Reconciliation
    admitted: tuple[AdmittedMisses, ...]
    """Services owing minutes by the log's own account, in checklist order."""
    files: tuple[str, ...]
    """The imported files, in the order imported."""
    produced: tuple[date, ...]
    """The days the district produced them (the import date when not recorded), earliest first."""
    covers: tuple[date, date]
    """The first and last date of its imported entries in the range."""

    @property
    def admitted_minutes(self) -> int:
        return sum(a.minutes for a in self.admitted)

    @property
    def disputed(self) -> list[tuple[str, DateComparison]]:
        """(service, the date in both versions) for every disputed date, service by service in date order."""
        return [(row.name, day) for row in self.reconciliation.requirements for day in row.disputed]


@dataclass(frozen=True)
class ChecklistRow:
    requirement: Requirement
    frequency: Frequency | None
    log: tuple[LogEntry, ...]
    incidents: tuple[IncidentEntry, ...]
    owed_minutes: int = 0


# ---------------------------------------------------------------- the view


@dataclass(frozen=True)
class CaseView:
    """Every fact the documents of one case need, computed once for `today`."""

    bundle: CaseBundle
    today: date
    calendar: SchoolCalendar
    ledger_start: date
    ledger_end: date
    ledgers: tuple[RequirementLedger, ...]
    """Every requirement's ledger over the range (counted or not); `services` are the counted ones."""
    log: tuple[LogEntry, ...]
    incidents: tuple[IncidentEntry, ...]
    steps: tuple[ladder.StepView, ...]
    windows: tuple[FilingWindow, ...]
    urgency: SafetyUrgency | None
    actions: tuple[ActionView, ...]
    agenda: Agenda
    _refs: dict[str, str] = field(default_factory=dict, repr=False)
    _missing: list[MissingFact] = field(default_factory=list, repr=False)
    _collect: list[bool] = field(default_factory=list, repr=False)

    # ---------------------------------------------------------------- case facts

    @property
    def case(self) -> Case:
        return self.bundle.case

    @property
    def student(self) -> str:
        return self.case.student

    @property
    def requirements(self) -> list[Requirement]:
        return list(self.bundle.requirements)

    @property
    def policy_text(self) -> str:
        """How owed minutes are counted, in words (the case's ledger policy)."""
        return describe_policy(self.case.policy)

    @cached_property
    def services(self) -> tuple[ServiceLine, ...]:
        """The services the ledger counts, each with its exhibit numbers and make-up plan."""
        requirements = {r.id: r for r in self.bundle.requirements}
        refs = self._refs
        lines = []
        for row in self.ledgers:
            if not row.counted:
                continue
            ids = {e.session_id for e in row.owed_entries} | {e.session_id for e in row.makeup_entries}
            lines.append(
                ServiceLine(
                    requirement=requirements[row.requirement_id],
                    ledger=row,
                    refs=tuple(refs[i] for i in sorted(ids, key=lambda i: _ref_key(refs.get(i, ""))) if i in refs),
                    plan=self.makeup_schedule.for_key(row.requirement_id) if row.owed_minutes > 0 else None,
                )
            )
        return tuple(lines)

    @property
    def owed_minutes(self) -> int:
        return sum(s.ledger.owed_minutes for s in self.services)

    @property
    def unaccounted_minutes(self) -> int:
        return sum(s.ledger.unaccounted_minutes for s in self.services)

    @property
    def owing(self) -> list[ServiceLine]:
        return [s for s in self.services if s.ledger.owed_minutes > 0]

    @property
    def safety_incidents(self) -> list[IncidentEntry]:
        """Incidents that involve the safety plan (marked safety, or naming a safety requirement)."""
        return [e for e in self.incidents if e.safety]

    @property
    def estimate(self) -> bool:
        """True when no district calendar is loaded: school days are estimated."""
        return self.calendar.estimate

    @property
    def conflicts(self) -> list[tuple[ServiceLine, LedgerConflict]]:
        """Dates a service is logged both delivered and missed for more than one session, in date order."""
        found = [(line, c) for line in self.services for c in line.ledger.conflicts]
        return sorted(found, key=lambda pair: (pair[1].date, pair[0].requirement.name))

    @property
    def snapshots(self) -> list[WeeklySnapshot]:
        return sorted(self.bundle.snapshots, key=lambda w: w.week)

    def ref(self, record_id: str) -> str:
        """The exhibit number (A-3, B-2) of a session or incident, or ''."""
        return self._refs.get(record_id, "")

    def contact(self, role: str) -> Contact | None:
        """The contact for `role`, whatever spelling the case uses (sped-director, ...)."""
        return self.case.contact(role)

    def named_contact(self, role: str) -> Contact | None:
        """The contact for `role` when it has a name: only such a contact can be written to."""
        contact = self.case.contact(role)
        return contact if contact is not None and contact.name else None

    def first_contact(self, *roles: str) -> Contact | None:
        """The contact of the first of `roles` the case has one for."""
        return next((c for c in map(self.case.contact, roles) if c is not None), None)

    @contextmanager
    def collecting_missing(self) -> Iterator[None]:
        """Inside, `need_*` record a missing fact instead of stopping; on leaving, every fact
        recorded is raised together as one `MissingFacts` (before any other error, which a
        missing fact may have caused)."""
        self._missing.clear()
        self._collect.append(True)
        try:
            yield
        except InputError:
            if self._missing:
                raise MissingFacts(list(self._missing)) from None
            raise
        finally:
            self._collect.pop()
        if self._missing:
            raise MissingFacts(list(self._missing))

    def _missing_fact(self, fact: MissingFact) -> None:
        if not self._collect:
            raise MissingFacts([fact])
        if all(f.what != fact.what for f in self._missing):
            self._missing.append(fact)

    def need_contact(self, role: str, why: str) -> Contact:
        """The contact for `role` with a name; when missing, the fact is recorded (or raised)."""
        contact = self.contact(role)
        label = role.replace("-", " ")
        fix = f"`iep-tui contact set {role} --name NAME --case CASE`"
        if contact is None:
            self._missing_fact(MissingFact(f"no {label} contact", f"needed {why}", fix, f"contact:{role}"))
            return Contact(role=role, name=label.title())
        if not contact.name:
            self._missing_fact(MissingFact(f"the {label} contact has no name", f"needed {why}", fix, f"contact:{role}"))
            return contact.model_copy(update={"name": label.title()})
        return contact

    def need(self, value: object, what: str, why: str, field: str = "") -> None:
        """Record (or raise) `what` as missing when `value` is empty; `field` names the case
        field that holds it (its `case set` option is the fix)."""
        if value is None or (isinstance(value, str) and not value.strip()):
            option = CASE_SET_OPTIONS.get(field, "")
            fix = f"`iep-tui case set CASE {option}`" if option else "add it to the case"
            self._missing_fact(MissingFact(f"the {what} is missing", f"needed {why}", fix, field))

    # ---------------------------------------------------------------- selections

    def failures(self) -> list[Example]:
        """Every failure as a citeable example: incidents, and owed misses and short sessions."""
        found: list[Example] = []
        for entry in self.incidents:
            found.append(Example(entry.date, entry.names, entry.section, entry.ref, entry.safety, entry))
        for log in self.log:
            if log.owed or log.kind == "not-as-written":
                safety = bool(log.requirement and log.requirement.safety)
                found.append(Example(log.date, log.name, log.section, log.ref, safety, log))
        return sorted(found, key=lambda e: (e.date, e.ref))

    def examples(self, limit: int = EXAMPLES_MAX, among: Iterable[Example] | None = None) -> list[Example]:
        """Up to `limit` concrete failures (of `among`, default `failures()`), chosen by weight, most serious first:
        safety failures; refusals and informal changes; sessions delivered other than as
        written; then one failure of each requirement not yet cited (the largest shortfall
        first, a shortened session after a missed one); then the rest. Within a group: more
        minutes lost first, then the most recent. An entry the ledger counts only with a doubt
        (a day the calendar may show as no school) is never an example."""
        pool = sorted(
            (
                e
                for e in (self.failures() if among is None else among)
                if not (isinstance(e.entry, LogEntry) and e.entry.flag in UNCERTAIN_FLAGS)
            ),
            key=lambda e: (e.tier, -e.lost_minutes, -e.date.toordinal(), _ref_key(e.ref)),
        )
        chosen: list[Example] = []
        seen: set[str] = set()

        def whole(example: Example) -> bool:
            return not (isinstance(example.entry, LogEntry) and example.entry.kind == "partial")

        passes = (
            lambda e: e.tier == 0,
            lambda e: e.tier == 1,
            lambda e: e.tier == 2,
            lambda e: e.names not in seen and whole(e),
            whole,
            lambda e: True,
        )
        for wanted in passes:
            for example in pool:
                if len(chosen) >= limit:
                    break
                if example in chosen or not wanted(example):
                    continue
                chosen.append(example)
                seen.add(example.names)
        return chosen

    def tagged(self, *tags: str) -> list[IncidentEntry]:
        """Incidents carrying any of these tags, in date order."""
        return [e for e in self.incidents if set(tags) & set(e.incident.tags)]

    def pwn_actions(self) -> list[IncidentEntry]:
        """Refusals and informal changes (incident kind, or an older record's tag), in date order:
        what a Prior Written Notice request is about."""
        return [e for e in self.incidents if e.is_action]

    @cached_property
    def district_log(self) -> DistrictLog | None:
        """The district's own service log over the ledger's range, when rows of it were imported (else None:
        entries typed with source school-log carry no file a letter can name)."""
        imported = sorted(
            (
                s
                for s in self.bundle.sessions
                if s.source == "school-log"
                and s.provenance is not None
                and self.ledger_start <= s.date <= self.ledger_end
            ),
            key=lambda s: s.created,
        )
        if not imported:
            return None
        result = reconcile_case(self.bundle, self.calendar, self.ledger_start, self.ledger_end)
        sessions = {s.id: s for s in self.bundle.sessions}
        admitted = []
        for row in result.requirements:
            if row.school_admitted_owed_minutes:
                misses = [sessions[i] for i in row.admitted_ids]
                by_reason: dict[str, int] = {}
                for s in misses:
                    by_reason[s.reason or "unknown"] = by_reason.get(s.reason or "unknown", 0) + (s.minutes or 0)
                reasons = tuple(sorted(by_reason, key=lambda r: -by_reason[r]))
                admitted.append(
                    AdmittedMisses(
                        row.name, row.school_admitted_owed_minutes, tuple(sorted({s.date for s in misses})), reasons
                    )
                )
        files = tuple(dict.fromkeys(s.provenance.file for s in imported if s.provenance is not None))
        produced = sorted({s.provenance.received or s.created.date() for s in imported if s.provenance is not None})
        imported_days = sorted(s.date for s in imported)
        return DistrictLog(result, tuple(admitted), files, tuple(produced), (imported_days[0], imported_days[-1]))

    def not_as_written(self) -> list[LogEntry]:
        """Sessions delivered other than as the IEP says (a group, another setting), in date order."""
        return [e for e in self.log if e.kind == "not-as-written"]

    def checklist(self) -> list[ChecklistRow]:
        """The implementation checklist: every requirement and what was observed instead."""
        owed = {s.requirement.id: s.ledger.owed_minutes for s in self.services}
        rows = []
        for requirement in self.bundle.requirements:
            rows.append(
                ChecklistRow(
                    requirement=requirement,
                    frequency=frequency_of(requirement.frequency),
                    log=tuple(e for e in self.log if e.session.requirement_id == requirement.id),
                    incidents=tuple(e for e in self.incidents if requirement.id in e.incident.requirement_ids),
                    owed_minutes=owed.get(requirement.id, 0),
                )
            )
        return rows

    def meetings(self, status: str | None = None) -> list[Meeting]:
        found = [m for m in self.bundle.meetings if status is None or m.status == status]
        return sorted(found, key=lambda m: (m.date, m.created))

    def last_held_meeting(self) -> Meeting | None:
        held = [m for m in self.meetings("held") if m.date <= self.today]
        return held[-1] if held else None

    def next_meeting(self) -> Meeting | None:
        """The next meeting requested or scheduled on or after today."""
        pending = ("requested", "scheduled", "rescheduled")
        coming = [m for m in self.bundle.meetings if m.status in pending and m.date >= self.today]
        return min(coming, key=lambda m: m.date) if coming else None

    def meeting_actions(self, meeting: Meeting) -> list[ActionView]:
        return [a for a in self.actions if a.meeting.id == meeting.id]

    def overdue_actions(self, but: Meeting | None = None) -> list[ActionView]:
        """The agreed actions past their due date and not done, of every meeting held (but `but`), in
        the order of `actions`: what a follow-up lists and what an escalation says was not done (an
        action of a meeting only requested was never agreed)."""
        return [
            a
            for a in self.actions
            if a.state == "overdue"
            and a.action.due is not None
            and a.meeting.status == "held"
            and (but is None or a.meeting.id != but.id)
        ]

    def days_late(self, action: ActionView) -> int:
        """Calendar days from an open action's due date to today (0 unless overdue)."""
        due = action.action.due
        if action.state != "overdue" or due is None:
            return 0
        return max(0, (self.today - due).days)

    def overdue_steps(self) -> list[ladder.StepView]:
        return [s for s in self.steps if s.overdue]

    def letter_step(self, kind: str) -> ladder.StepView | None:
        """The step a letter of `kind` written today documents: the latest step of that kind that
        is a draft or was sent today (an earlier step is an earlier letter), else None. Its
        recipients, asks and due date are the letter's. The safety notice is recorded as a
        compliance-notice step that cites only safety failures (`safety.safety_urgency`'s
        draft); a compliance notice never takes that step."""
        step_kind = LETTER_STEP_KINDS.get(kind, kind)
        found = [
            s
            for s in self.steps
            if s.kind == step_kind
            and (s.step.sent is None or s.step.sent == self.today)
            and (step_kind != "compliance-notice" or self.is_safety_step(s) == (kind == "safety-notice"))
        ]
        return max(found, key=lambda s: s.step.created) if found else None

    def is_safety_step(self, view: ladder.StepView) -> bool:
        """A step that cites safety failures and nothing else: the same-day safety notice
        (`safety.is_safety_step`, the one rule the TUI's waiting-draft lookup uses too)."""
        return is_safety_step(self.bundle, view.step)

    def safety_failures(self) -> list[Example]:
        """Safety failures (incidents, and owed misses of a safety-related service), in date order."""
        return [e for e in self.failures() if e.safety]

    def sent_steps(self, *kinds: str) -> list[ladder.StepView]:
        return [s for s in self.steps if s.step.sent is not None and (not kinds or s.kind in kinds)]

    def state_complaint_window(self, facts: Iterable[Example] | None = None) -> FilingWindow | None:
        """The one-year window (34 CFR 300.153(c)) over `facts` (default: every failure a letter
        cites, short sessions included), so the date a complaint states covers its oldest fact."""
        route = next((r for r in ROUTES if r.id == "state-complaint"), None)
        if route is None:
            return None
        evidence = [
            ladder.Evidence(
                "incident" if isinstance(e.entry, IncidentEntry) else "session",
                e.entry.incident.id if isinstance(e.entry, IncidentEntry) else e.entry.session.id,
                e.date,
                e.names,
            )
            for e in (self.failures() if facts is None else facts)
        ]
        return window_for(route, evidence, self.calendar, self.case.state, self.today)

    def example_of(self, entry: LogEntry | IncidentEntry) -> Example:
        """`entry` as a citeable example."""
        if isinstance(entry, IncidentEntry):
            return Example(entry.date, entry.names, entry.section, entry.ref, entry.safety, entry)
        safety = bool(entry.requirement and entry.requirement.safety)
        return Example(entry.date, entry.name, entry.section, entry.ref, safety, entry)

    def period(self) -> tuple[date, date] | None:
        """First and last date of a logged failure (the time period of the violation)."""
        dates = [e.date for e in self.failures()]
        return (min(dates), max(dates)) if dates else None

    # ---------------------------------------------------------------- deadlines a letter asks for

    def _count(self, count: int, day_kind: str, start: date | None = None) -> Deadline:
        return Deadline.of_count(day_count.count_days(self.calendar, start or self.today, count, day_kind))

    def _rule(self, rule_id: str, start: date | None = None) -> Deadline:
        clock = ladder.rule_clock("due", self.calendar, start or self.today, rule_id, self.case.state)
        return Deadline.of_clock(clock)

    @cached_property
    def reply_due(self) -> Deadline:
        """The written reply a letter asks for: 10 school days (a request, not a legal deadline)."""
        return self._rule(REPLY_RULE)

    def reply_for(self, kind: str) -> Deadline:
        """The reply a letter of `kind` asks for: its recorded step's clock (a draft's counted
        from today) when the letter is written for a step, so letter and tracker agree; else
        the 10-school-day request (`reply_due`)."""
        view = self.letter_step(kind)
        if view is None:
            return self.reply_due
        step = view.step
        clocks = ladder.clocks_for(
            step.kind,
            step.sent or self.today,
            self.calendar,
            self.case.state,
            due_rule=step.due_rule,
            due_count=step.due_count,
            due_day_kind=step.due_day_kind,
        )
        return Deadline.of_clock(clocks[0])

    @cached_property
    def meeting_rule_id(self) -> str:
        """The state's rule for a parent's meeting request ('' where the state has none in the data)."""
        rule = deadline_rules.rule_for("iep-meeting-request", self.case.state)
        return rule.id if rule is not None else ""

    @cached_property
    def meeting_due(self) -> Deadline:
        """The date the state's meeting-request rule sets (CA: the meeting; TX: the meeting or a
        written refusal), counted from today; without a state rule, the 10-school-day request."""
        return self._rule(self.meeting_rule_id) if self.meeting_rule_id else self.reply_due

    @cached_property
    def meeting_by(self) -> Deadline:
        """The meeting a letter asks for where the state sets no date for it: 30 calendar days
        (a request, not law; `MEETING_REQUEST_DAYS`)."""
        return self._count(MEETING_REQUEST_DAYS, "calendar")

    @cached_property
    def rule_warnings(self) -> tuple[str, ...]:
        """What the rule engine warns about the state's rules the letters state (records access,
        a parent's meeting request): no rules file for the state, or the purpose not researched."""
        found: list[str] = []
        for purpose in ("records-access", "iep-meeting-request"):
            for warning in deadline_rules.applicable_rule(purpose, self.case.state).warnings:
                if warning not in found:
                    found.append(warning)
        return tuple(found)

    @property
    def meeting_name(self) -> str:
        """'ARD committee meeting' in Texas, else 'IEP meeting'."""
        return meeting_name(self.case.state)

    @property
    def state_agency(self) -> StateAgency | None:
        return state_agency(self.case.state)

    @cached_property
    def records_due(self) -> Deadline:
        """Records: 45 calendar days (34 CFR 300.613(a)) or the state's stricter rule, and the day
        before the next meeting when that comes first: the same clock the tracker gives a records step."""
        return Deadline.of_clock(ladder.records_clock(self.calendar, self.today, self.case.state, self.bundle.meetings))

    @cached_property
    def safety_reply_due(self) -> Deadline:
        """A safety notice's reply: the next school day (practice, not law: `safety.SAFETY_RESPONSE_SCHOOL_DAYS`)."""
        return self._count(SAFETY_RESPONSE_SCHOOL_DAYS, "school")

    @cached_property
    def short_reply_due(self) -> Deadline:
        """A quick reply (proposed meeting dates, corrections to a recap): five school days."""
        return self._count(SHORT_REPLY_SCHOOL_DAYS, "school")

    @cached_property
    def makeup_target(self) -> Deadline:
        return self._count(MAKEUP_TARGET_SCHOOL_DAYS, "school")

    @cached_property
    def makeup_start(self) -> date:
        """Make-up sessions are proposed from the day after the reply is due."""
        due = self.reply_due.due or self.today
        return due + timedelta(days=1)

    @cached_property
    def makeup_schedule(self) -> MakeupSchedule:
        """Whole make-up sessions of every service owing minutes, from `makeup_start` toward
        `makeup_target` (`compensatory.schedule_makeup`)."""
        needs = [
            MakeupNeed(row.requirement_id, row.owed_minutes, makeup_session_minutes(row.frequency))
            for row in self.ledgers
            if row.counted and row.owed_minutes > 0
        ]
        by = self.makeup_target.due or self.makeup_start
        return schedule_makeup(needs, self.calendar, self.makeup_start, by)

    @property
    def records_from(self) -> date:
        """Records are asked for from the start of the ledger: the IEP's effective date (or the
        school year's first day), not only the last weeks."""
        return self.ledger_start

    def recent_meeting(self) -> Meeting | None:
        """The last meeting held, when it was held today or at most `RECAP_SCHOOL_DAYS` school
        days ago: the one a recap is written for."""
        meeting = self.last_held_meeting()
        if meeting is None or meeting.date > self.today:
            return None
        since = (
            self.calendar.school_days(meeting.date + timedelta(days=1), self.today) if meeting.date < self.today else []
        )
        return meeting if len(since) <= RECAP_SCHOOL_DAYS else None

    # ---------------------------------------------------------------- timeline

    def timeline(self) -> list[TimelineEvent]:
        """The dated fact pattern: IEP, meetings, actions due, failures, notices and responses, in order.

        Subjects: the Case (iep), a Meeting (meeting, recap, request), an ActionView
        (action), an IncidentEntry (incident), a LogEntry (missed, partial, makeup) and a
        StepView (step, response, no-response)."""
        events: list[TimelineEvent] = []
        if self.case.iep_effective:
            events.append(TimelineEvent(self.case.iep_effective, "iep", self.case))
        for meeting in self.meetings():
            if meeting.status == "held":
                events.append(TimelineEvent(meeting.date, "meeting", meeting))
                if meeting.recap_sent:
                    events.append(TimelineEvent(meeting.recap_sent, "recap", meeting))
            elif meeting.requested_on:
                events.append(TimelineEvent(meeting.requested_on, "request", meeting))
        for action in self.actions:
            if action.action.due is not None:
                events.append(TimelineEvent(action.action.due, "action", action))
        for entry in self.incidents:
            events.append(TimelineEvent(entry.date, "incident", entry, entry.ref))
        for log in self.log:
            if log.owed or log.kind == "makeup":
                events.append(TimelineEvent(log.date, log.kind, log, log.ref))
        for view in self.steps:
            if view.step.sent is None:
                continue
            events.append(TimelineEvent(view.step.sent, "step", view))
            if view.step.response_date is not None:
                events.append(TimelineEvent(view.step.response_date, "response", view))
            elif view.overdue and view.due is not None:
                events.append(TimelineEvent(view.due, "no-response", view))
        order = {"iep": 0, "meeting": 1, "recap": 2, "request": 3, "step": 4, "response": 5, "no-response": 6}
        return sorted(events, key=lambda e: (e.date, order.get(e.kind, 9), _ref_key(e.ref)))


# ---------------------------------------------------------------- building


def build_case_view(
    bundle: CaseBundle,
    today: date,
    *,
    start: date | None = None,
    end: date | None = None,
) -> CaseView:
    """The view of `bundle` on `today`; the ledger runs from `start` to `end`, by default
    over `iep-tui owed`'s range (`ledger.default_range`: the IEP's effective date to today)."""
    calendar = SchoolCalendar.from_settings(bundle.case.calendar)
    default_start, default_end = default_range(bundle, calendar, today)
    hi = end or default_end
    lo = min(start or default_start, hi)
    requirements = {r.id: r for r in bundle.requirements}

    ledgers = case_ledger(bundle, calendar, lo, hi) if lo <= hi else []
    owed_ids = {e.session_id for row in ledgers for e in row.owed_entries if e.kind != "makeup"}
    shortfall: dict[str, int] = {}
    for row in ledgers:
        for e in row.owed_entries:
            if e.kind != "makeup" and e.kind != "missed":
                shortfall[e.session_id] = shortfall.get(e.session_id, 0) + e.minutes
    flags = {e.session_id: e.flag for row in ledgers for e in (*row.excluded_entries, *row.flagged_entries)}

    log = _log(bundle, requirements, lo, hi, owed_ids, shortfall, flags)
    incidents = _incidents(bundle, requirements)
    refs = {e.session.id: e.ref for e in log} | {e.incident.id: e.ref for e in incidents}

    steps = tuple(ladder.view_steps(bundle, calendar, today))
    urgency = safety_urgency(bundle, today)
    lines = [
        OwedLine(
            r.requirement_id, r.name, r.owed_minutes, tuple(e.session_id for e in r.owed_entries), r.unaccounted_minutes
        )
        for r in ledgers
    ]
    return CaseView(
        bundle=bundle,
        today=today,
        calendar=calendar,
        ledger_start=lo,
        ledger_end=hi,
        ledgers=tuple(ledgers),
        log=log,
        incidents=incidents,
        steps=steps,
        windows=tuple(filing_windows(bundle, calendar, today)),
        urgency=urgency,
        actions=tuple(action_views(bundle, today)),
        agenda=build_agenda(bundle, steps, lines, today, urgency=urgency),
        _refs=refs,
    )


def _ref_key(ref: str) -> tuple[str, int]:
    letter, _, number = ref.partition("-")
    return letter, int(number) if number.isdigit() else 0


def _log(
    bundle: CaseBundle,
    requirements: dict[str, Requirement],
    lo: date,
    hi: date,
    owed_ids: set[str],
    shortfall: dict[str, int],
    flags: dict[str, str],
) -> tuple[LogEntry, ...]:
    order = {rid: n for n, rid in enumerate(requirements)}
    entries: list[LogEntry] = []
    for session in sorted(bundle.sessions, key=lambda s: (s.date, order.get(s.requirement_id, 999), s.id)):
        if not lo <= session.date <= hi:
            continue
        requirement = requirements.get(session.requirement_id)
        frequency = frequency_of(requirement.frequency) if requirement else None
        length = frequency.session_minutes if frequency else None
        if session.status == "missed":
            lost = session.minutes if session.minutes is not None else (length or 0)
            entries.append(_entry(session, requirement, "missed", length or lost, 0, lost, session.id in owed_ids))
        elif session.delivered_as:
            # delivered (or made up) other than as the IEP says: the ledger decides what it owes
            lost = shortfall.get(session.id, 0)
            entries.append(
                _entry(
                    session, requirement, "not-as-written", length, session.minutes or 0, lost, session.id in owed_ids
                )
            )
        elif session.status == "delivered" and session.id in shortfall:
            delivered = session.minutes or 0
            entries.append(_entry(session, requirement, "partial", length, delivered, shortfall[session.id], True))
        elif session.status == "makeup":
            entries.append(_entry(session, requirement, "makeup", length, session.minutes or 0, 0, False))
    return tuple(
        LogEntry(
            f"A-{n}",
            e.session,
            e.requirement,
            e.kind,
            e.scheduled_minutes,
            e.delivered_minutes,
            e.lost_minutes,
            e.owed,
            flags.get(e.session.id, ""),
        )
        for n, e in enumerate(entries, start=1)
    )


def _entry(
    session: Session,
    requirement: Requirement | None,
    kind: LogKind,
    length: int | None,
    delivered: int,
    lost: int,
    owed: bool,
) -> LogEntry:
    return LogEntry("", session, requirement, kind, length, delivered, lost, owed)


def _incidents(bundle: CaseBundle, requirements: dict[str, Requirement]) -> tuple[IncidentEntry, ...]:
    found = []
    ordered = sorted(bundle.incidents, key=lambda i: (i.date, i.created, i.id))
    for n, incident in enumerate(ordered, start=1):
        linked = tuple(requirements[r] for r in incident.requirement_ids if r in requirements)
        safety = incident.safety or any(r.safety for r in linked)
        found.append(IncidentEntry(f"B-{n}", incident, linked, safety))
    return tuple(found)


def refs_text(refs: Iterable[str]) -> str:
    """'A-1 to A-3, A-7, B-2': exhibit numbers with consecutive runs joined."""
    parsed = sorted({_ref_key(r) for r in refs if r})
    parts: list[str] = []
    run: list[tuple[str, int]] = []

    def flush() -> None:
        if not run:
            return
        first, last = run[0], run[-1]
        if len(run) >= 3:
            parts.append(f"{first[0]}-{first[1]} to {last[0]}-{last[1]}")
        else:
            parts.extend(f"{letter}-{n}" for letter, n in run)
        run.clear()

    for item in parsed:
        if run and (item[0] != run[-1][0] or item[1] != run[-1][1] + 1):
            flush()
        run.append(item)
    flush()
    return ", ".join(parts)
