"""The ledger use cases both front ends call: add a requirement, log a day, what is owed.

Every write is one store transaction (read, check, write under the case lock) and
returns what was saved together with the requirement's ledger after the save, so
the CLI's confirmation line and a TUI form show the same owed total. The numbers
come from `iep_tui.domain` (frequency, required_minutes, ledger, compensatory,
accommodation_failures); this module resolves what the user typed and saves.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from pydantic import ValidationError

from iep_tui.calendar.school_calendar import SchoolCalendar, week_of
from iep_tui.domain.accommodation_failures import (
    AccommodationFailures,
    accommodation_failures,
)
from iep_tui.domain.compensatory import (
    DEFAULT_PER_WEEK,
    MAX_PER_WEEK,
    MakeupNeed,
    MakeupSchedule,
    ServiceSchedule,
    makeup_session_minutes,
    schedule_makeup,
)
from iep_tui.domain.frequency import frequency_of
from iep_tui.domain.ledger import (
    CONFLICT,
    NOT_SCHOOL_DAY,
    RequirementLedger,
    case_ledger,
    days_since_last_entry,
    default_range,
    describe_policy,
    policy_json,
    requirement_ledger,
)
from iep_tui.domain.models import (
    CaseBundle,
    Incident,
    LedgerPolicy,
    Notification,
    Requirement,
    Session,
    WeeklySnapshot,
)
from iep_tui.domain.roles import check_roles
from iep_tui.domain.validation import explain
from iep_tui.domain.vocabulary import MISS_REASONS, IncidentKind, MissReason, SessionStatus, Source, Weekday
from iep_tui.errors import AmbiguousError, ConflictError, InputError, NotFoundError
from iep_tui.services.calendar_service import case_calendar
from iep_tui.store.case_store import CaseStore

# ---------------------------------------------------------------- finding things


def _words(text: str) -> str:
    """Lower case, every run of non-letters and non-digits one space: 'SDI - Reading' -> 'sdi reading'."""
    return " ".join(re.sub(r"[^\w]+|_", " ", text.lower()).split())


def find_requirement(bundle: CaseBundle, text: str) -> Requirement:
    """A requirement by what the user typed, case-insensitive, in this order:

    its id; its exact short name; a unique prefix of its short name, then of its IEP text
    (or id); a unique word prefix of its name, then of its text ("reading" finds
    "Specially designed instruction - reading"); a unique substring of its name or text.
    The first step that matches anything decides: one match is the requirement, several
    raise AmbiguousError listing them ("speech" over "speech and language" is an exact name).
    """
    wanted = " ".join(text.strip().lower().split())
    if not wanted:
        raise InputError("Name a requirement: a prefix of its short name, such as speech.")
    reqs = bundle.requirements
    words = _words(wanted)
    steps = (
        lambda r: r.id == wanted,
        lambda r: r.name.lower() == wanted,
        lambda r: r.name.lower().startswith(wanted),
        lambda r: r.text.lower().startswith(wanted) or r.id.startswith(wanted),
        lambda r: bool(words) and f" {_words(r.name)}".find(f" {words}") >= 0,
        lambda r: bool(words) and f" {_words(r.text)}".find(f" {words}") >= 0,
        lambda r: wanted in r.name.lower() or wanted in r.text.lower(),
    )
    for step in steps:
        candidates = [r for r in reqs if step(r)]
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            listing = "; ".join(f"{r.name} ({r.kind}, id {r.id})" for r in candidates[:10])
            raise AmbiguousError(f"{text!r} matches several requirements: {listing}. Type more of the name.")
    names = ", ".join(r.name for r in reqs) or "none yet (add one with `iep-tui req add`)"
    raise NotFoundError(f"No requirement matches {text!r}. Requirements: {names}.")


def resolve_reason(text: str | None) -> MissReason:
    """A missed-session reason from a unique prefix ('provider' -> 'provider-absent')."""
    if not text:
        return "unknown"
    wanted = text.strip().lower().replace(" ", "-").replace("_", "-")
    matches = [r for r in MISS_REASONS if r == wanted] or [r for r in MISS_REASONS if r.startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    raise InputError(f"{text!r} is not a reason; use one of {', '.join(MISS_REASONS)}.")


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class LedgerReport:
    """The ledger of a case over one range, with the policy that produced it."""

    student: str
    start: date
    end: date
    rows: list[RequirementLedger]
    policy: LedgerPolicy
    estimate: bool
    """True when the case has no district calendar (school days are business days)."""

    @property
    def policy_text(self) -> str:
        return describe_policy(self.policy)

    @property
    def owed_minutes(self) -> int:
        return sum(r.owed_minutes for r in self.rows)

    @property
    def unaccounted_minutes(self) -> int:
        return sum(r.unaccounted_minutes for r in self.rows)

    @property
    def disputed_minutes(self) -> int:
        return sum(r.disputed_minutes for r in self.rows)

    @property
    def not_as_written_minutes(self) -> int:
        return sum(r.not_as_written_minutes for r in self.rows)

    def to_json(self) -> list[dict[str, Any]]:
        return [r.to_json() for r in self.rows]


def report_range(
    bundle: CaseBundle, calendar: SchoolCalendar, today: date, start: date | None = None, end: date | None = None
) -> tuple[date, date]:
    """The range a report covers: what the user gave, the rest from `default_range` (a start after the
    given end falls back to the end); a range ending before it starts is refused in one sentence."""
    lo, hi = default_range(bundle, calendar, today)
    start = start or (lo if end is None or lo <= end else end)
    end = end or hi
    if end < start:
        raise InputError(f"The range ends ({end.isoformat()}) before it starts ({start.isoformat()}).")
    return start, end


def ledger_report(
    bundle: CaseBundle,
    today: date,
    start: date | None = None,
    end: date | None = None,
    requirement: str | None = None,
) -> LedgerReport:
    """The ledger per requirement from `start` to `end` (defaults: `default_range`)."""
    calendar = case_calendar(bundle.case)
    start, end = report_range(bundle, calendar, today, start, end)
    chosen = [find_requirement(bundle, requirement)] if requirement else None
    rows = case_ledger(bundle, calendar, start, end, chosen)
    return LedgerReport(
        student=bundle.case.student,
        start=start,
        end=end,
        rows=rows,
        policy=bundle.case.policy,
        estimate=calendar.estimate,
    )


@dataclass(frozen=True)
class StatusSummary:
    student: str
    today: date
    today_entries: list[str]
    report: LedgerReport
    failures_this_week: list[AccommodationFailures]
    school_days_since_entry: int | None

    def to_json(self) -> dict[str, Any]:
        return {
            "student": self.student,
            "today": self.today.isoformat(),
            "today_entries": self.today_entries,
            "owed_minutes": self.report.owed_minutes,
            "unaccounted_minutes": self.report.unaccounted_minutes,
            "disputed_minutes": self.report.disputed_minutes,
            "not_as_written_minutes": self.report.not_as_written_minutes,
            "from": self.report.start.isoformat(),
            "requirements": [
                {
                    "name": r.name,
                    "owed_minutes": r.owed_minutes,
                    "unaccounted_minutes": r.unaccounted_minutes,
                    "disputed_minutes": r.disputed_minutes,
                    "not_as_written_minutes": r.not_as_written_minutes,
                }
                for r in self.report.rows
            ],
            "failures_this_week": [
                {"name": f.name, "failures": f.in_week(self.today)} for f in self.failures_this_week
            ],
            "school_days_since_entry": self.school_days_since_entry,
            "policy": policy_json(self.report.policy),
        }


def status_summary(bundle: CaseBundle, today: date) -> StatusSummary:
    """Today's summary: what was logged today, owed per requirement, this week's failures."""
    report = ledger_report(bundle, today)
    names = {r.id: r.name for r in bundle.requirements}
    entries = [
        f"{names.get(s.requirement_id, s.requirement_id)} {s.status}"
        + (f" ({s.reason})" if s.reason else "")
        + (f" {s.minutes} min" if s.minutes is not None else "")
        for s in bundle.sessions
        if s.date == today
    ] + [f"incident: {i.what.splitlines()[0][:60]}" for i in bundle.incidents if i.date == today]
    failures = [f for f in accommodation_failures(bundle, week_of(today), today) if f.total]
    return StatusSummary(
        student=bundle.case.student,
        today=today,
        today_entries=entries,
        report=report,
        failures_this_week=failures,
        school_days_since_entry=days_since_last_entry(bundle, case_calendar(bundle.case), today),
    )


# ---------------------------------------------------------------- writing


def _check_date(day: date, today: date) -> None:
    if day > today:
        raise InputError(f"{day.isoformat()} is after today ({today.isoformat()}): log what already happened.")


SESSION_WARN_MINUTES = 240
"""A delivered or make-up entry longer than this (or than twice the session length) asks 'really?'."""


def minutes_warning(requirement: Requirement, status: str, minutes: int, length: int | None) -> str | None:
    """A warning for delivered or make-up minutes that look like a typo (450 for a 45-minute session).

    Above twice the session length, or above 240 minutes, the entry is saved and the user
    is told (more than 24 hours is refused by the model). Missed minutes are not checked:
    they default to the session length.
    """
    if status not in ("delivered", "makeup"):
        return None
    if length is not None and minutes > 2 * length:
        why = f"more than twice the {length}-minute session"
    elif minutes > SESSION_WARN_MINUTES:
        why = f"more than {SESSION_WARN_MINUTES} minutes"
    else:
        return None
    return (
        f"Check: {minutes} min is {why} of {requirement.name}; the entry is saved. If it is a typo, correct it "
        "in the TUI (Checklist tab, select the entry, e to edit)."
    )


def _entry_warnings(
    calendar: SchoolCalendar, session: Session, requirement: Requirement, ledger: RequirementLedger, same_day: int
) -> list[str]:
    """What the user should know about an entry just saved, from the ledger after the save."""
    day = session.date.isoformat()
    warnings: list[str] = []
    excluded = next((e for e in ledger.excluded_entries if e.session_id == session.id), None)
    flagged = next((e for e in ledger.flagged_entries if e.session_id == session.id), None)
    not_school = calendar.why_not_school_day(session.date)
    conflict = next((c for c in ledger.conflicts if c.date == session.date), None)
    if excluded is not None and excluded.flag == NOT_SCHOOL_DAY:
        warnings.append(
            f"Note: {day} is not a school day ({not_school}): no {requirement.name} session was due, so the missed "
            "entry is not counted as owed. It is kept and listed."
        )
    elif excluded is not None and excluded.flag != CONFLICT:
        warnings.append(f"Note: {requirement.name} on {day}: {excluded.flag}. The entry is kept and listed.")
    elif flagged is not None:
        which = "the estimated calendar" if calendar.estimate else "the calendar, which has no school year for it"
        warnings.append(
            f"Note: {day} is not a school day on {which} ({not_school}): the entry is counted as owed and "
            "flagged. Import the district calendar (`iep-tui calendar import`) to settle it."
        )
    elif not_school and session.date >= ledger.start:
        warnings.append(f"Note: {day} is not a school day ({not_school}); the entry is kept.")
    duplicate = next((e for e in ledger.duplicate_entries if e.date == session.date), None)
    if conflict is not None and conflict.kind == "disputed":
        warnings.append(
            f"Note: {requirement.name} on {day} is now disputed between the two records ("
            + "; ".join(conflict.versions)
            + f"): both are kept, and the day's {conflict.minutes} min count as neither delivered nor owed until "
            "the record is settled (`iep-tui reconcile` shows both versions)."
        )
    elif conflict is not None:
        warnings.append(
            f"Note: {requirement.name} is now logged both delivered and missed on {day} "
            f"({conflict.delivered_minutes} and {conflict.missed_minutes} min, more than one "
            f"{conflict.session_minutes}-minute session): both are kept, and the day counts as neither delivered "
            "nor owed until you correct the wrong entry (`iep-tui owed --explain` lists them)."
        )
    elif duplicate is not None:
        warnings.append(
            f"Note: {requirement.name} now has more missed entries on {day} than the frequency allows sessions "
            f"that day: entry {duplicate.session_id} is a probable duplicate, kept and listed but counted once."
        )
    elif same_day:
        warnings.append(
            f"Note: {requirement.name} already had {same_day} entr{'y' if same_day == 1 else 'ies'} "
            f"on {day}; all are kept (`iep-tui owed --explain` lists them)."
        )
    return warnings


def add_requirement(store: CaseStore, case_id: str, **fields: Any) -> Requirement:
    """Validate and store a checklist line; a bad field (or frequency) is one clear sentence."""
    try:
        requirement = Requirement(**fields)
    except ValidationError as error:
        raise InputError(explain(error)) from None
    with store.transaction(case_id) as tx:
        bundle = tx.bundle()
        taken = [r for r in bundle.requirements if r.name.lower() == requirement.name.lower()]
        if taken:
            raise InputError(
                f"This case already has a requirement named {requirement.name!r}; choose another short name."
            )
        return tx.insert(requirement)


@dataclass(frozen=True)
class LogResult:
    """A saved session and the requirement's ledger after it."""

    session: Session
    requirement: Requirement
    ledger: RequirementLedger
    warnings: list[str] = field(default_factory=list)

    @property
    def outside_range(self) -> bool:
        """True when the entry is dated outside the ledger's range (before the IEP took effect)."""
        return not self.ledger.start <= self.session.date <= self.ledger.end

    def confirmation(self) -> str:
        """The one line a parent sees: what was logged and the requirement's owed total."""
        s = self.session
        length = self.ledger.frequency.session_minutes if self.ledger.frequency else None
        if s.status == "missed":
            detail = f"{s.reason}, {s.minutes} min"
        elif s.status == "delivered" and length is not None and (s.minutes or 0) < length:
            detail = f"{s.minutes} of {length} min: {length - (s.minutes or 0)} short"
        else:
            detail = f"{s.minutes} min"
        if s.delivered_as:
            how = "owed" if self.ledger.policy.not_as_written_owed else "counted as delivered"
            detail += f", as {s.delivered_as}: not as written, {how}"
        outside = ""
        if self.outside_range:
            outside = (
                f" It is outside the ledger's range (from {self.ledger.start.isoformat()}), so it is not in the "
                f"owed total; `iep-tui owed --from {s.date.isoformat()}` shows it."
            )
        return (
            f"Logged {self.requirement.name} {s.status} on {s.date.strftime('%a')} {s.date.isoformat()} ({detail})."
            f"{outside} {owed_phrase(self.ledger)}"
        )

    def to_json(self) -> dict[str, Any]:
        """The `log delivered|missed|makeup --json` document."""
        return {"session": self.session.model_dump(mode="json"), "ledger": self.ledger.to_json()}


def _range_warning(bundle: CaseBundle, session: Session, start: date) -> str:
    since = "the IEP's effective date" if bundle.case.iep_effective == start else "the start of the school year"
    return (
        f"Note: {session.date.isoformat()} is before the ledger's range, which starts {start.isoformat()} ({since}): "
        f"`iep-tui owed` leaves it out; `iep-tui owed --from {session.date.isoformat()}` shows it."
    )


def owed_phrase(ledger: RequirementLedger) -> str:
    if not ledger.counted:
        return f"{ledger.name}: not counted ({ledger.frequency.canonical if ledger.frequency else 'no frequency'})."
    return f"{ledger.name}: {ledger.owed_minutes} min owed since {ledger.start.isoformat()}."


def log_session(
    store: CaseStore,
    case_id: str,
    requirement_text: str,
    status: SessionStatus,
    *,
    today: date,
    on: date | None = None,
    minutes: int | None = None,
    reason: str | None = None,
    note: str = "",
    source: Source = "parent-observation",
    delivered_as: str = "",
) -> LogResult:
    """Log a delivered, missed or make-up session of a requirement (default date: today).

    `delivered_as` says how it was delivered when that differs from the IEP ("group of 5"):
    such a session was not delivered as written, and letters name it.

    Minutes left out are the session length of the requirement's frequency; when the
    frequency has none ("120 min weekly"), the minutes must be given.
    """
    day = on or today
    _check_date(day, today)
    if minutes is not None and minutes < 0:
        raise InputError("Minutes cannot be negative; give a whole number such as 30.")
    with store.transaction(case_id) as tx:
        bundle = tx.bundle()
        requirement = find_requirement(bundle, requirement_text)
        if requirement.kind == "accommodation":
            raise InputError(
                f"{requirement.name} is an accommodation: log a failure with "
                f'`iep-tui log incident "what happened" --req {requirement.name.split()[0]}`.'
            )
        frequency = frequency_of(requirement.frequency)
        length = frequency.session_minutes if frequency else None
        if status == "makeup" and minutes is None:
            raise InputError("A make-up session needs its minutes, such as `iep-tui log makeup speech 30`.")
        if minutes is None:
            if length is None:
                how = f"'{requirement.frequency}'" if requirement.frequency else "no frequency"
                example = "--minutes 30" if status == "missed" else "30"
                raise InputError(
                    f"{requirement.name} has {how}, which does not say how long a session is: give the minutes "
                    f"(`iep-tui log {status} {requirement.name.split()[0]} {example}`), or write its frequency "
                    "with a session count such as '30 min 1x weekly'."
                )
            minutes = length
        try:
            session = Session(
                requirement_id=requirement.id,
                date=day,
                status=status,
                minutes=minutes,
                reason=resolve_reason(reason) if status == "missed" else None,
                note=note,
                source=source,
                delivered_as=delivered_as,
            )
        except ValidationError as error:
            raise InputError(explain(error)) from None
        same_day = len([s for s in bundle.sessions if s.requirement_id == requirement.id and s.date == day])
        saved = tx.insert(session)
    calendar = case_calendar(bundle.case)
    after = bundle.model_copy(update={"sessions": [*bundle.sessions, saved]})
    start, end = default_range(after, calendar, today)  # the range `iep-tui owed` will use, this entry included
    ledger = requirement_ledger(requirement, after.sessions, calendar, start, end, bundle.case.policy)
    if not start <= day <= end:  # the entry's own standing (excluded, flagged, conflict) on its day
        around = requirement_ledger(requirement, after.sessions, calendar, day, day, bundle.case.policy)
        warnings = _entry_warnings(calendar, saved, requirement, around, same_day)
        warnings.insert(0, _range_warning(bundle, saved, start))
    else:
        warnings = _entry_warnings(calendar, saved, requirement, ledger, same_day)
    extra = minutes_warning(requirement, status, minutes, length)
    if extra:
        warnings.append(extra)
    return LogResult(saved, requirement, ledger, warnings)


@dataclass(frozen=True)
class IncidentResult:
    incident: Incident
    requirements: list[Requirement]
    failures: list[AccommodationFailures]
    warnings: list[str] = field(default_factory=list)

    def confirmation(self) -> str:
        day = self.incident.date
        head = f"Logged incident on {day.strftime('%a')} {day.isoformat()}"
        if not self.failures:
            return head + " (no requirement named; add --req to count it against one)."
        counts = "; ".join(f"{f.name}: {f.in_week(day)} this week, {f.total} in all" for f in self.failures)
        flag = " SAFETY-RELATED." if self.incident.safety else ""
        return f"{head}. Failures {counts}.{flag}"

    def to_json(self) -> dict[str, Any]:
        """The `log incident --json` document."""
        return {"incident": self.incident.model_dump(mode="json"), "failures": [f.to_json() for f in self.failures]}


def log_incident(
    store: CaseStore,
    case_id: str,
    what: str,
    *,
    today: date,
    on: date | None = None,
    requirement_texts: Sequence[str] = (),
    impact: str = "",
    setting: str = "",
    notified: Sequence[str] = (),
    safety: bool = False,
    source: Source = "parent-observation",
    new_roles: bool = False,
    kind: IncidentKind = "observation",
) -> IncidentResult:
    """Log an observed failure; safety-related when asked or when a named requirement is.

    The roles told (`notified`) are checked like a step's (`roles.check_role`) unless `new_roles`.
    """
    day = on or today
    _check_date(day, today)
    with store.transaction(case_id) as tx:
        bundle = tx.bundle()
        notified = check_roles(notified, bundle.case, allow_new=new_roles)
        requirements = list({r.id: r for r in (find_requirement(bundle, t) for t in requirement_texts)}.values())
        try:
            incident = Incident(
                date=day,
                kind=kind,
                what=what,
                setting=setting,
                requirement_ids=[r.id for r in requirements],
                section=", ".join(r.section for r in requirements if r.section),
                impact=impact,
                notified=[Notification(role=role, on=day) for role in notified],
                safety=safety or any(r.safety for r in requirements),
                source=source,
            )
        except ValidationError as error:
            raise InputError(explain(error)) from None
        saved = tx.insert(incident)
    after = bundle.model_copy(update={"incidents": [*bundle.incidents, saved]})
    ids = {r.id for r in requirements}
    failures = [f for f in accommodation_failures(after) if f.requirement_id in ids]
    return IncidentResult(saved, requirements, failures)


@dataclass(frozen=True)
class SnapshotResult:
    snapshot: WeeklySnapshot
    replaced: bool

    def confirmation(self) -> str:
        w = self.snapshot
        verb = "Replaced" if self.replaced else "Logged"
        return (
            f"{verb} the week of {w.week.isoformat()}: missing work {w.missing_work}, behavior incidents "
            f"{w.behavior_incidents}, nurse visits {w.nurse_visits}, {w.minutes_out_of_class} min out of class."
        )

    def to_json(self) -> dict[str, Any]:
        """The `log week --json` document."""
        return {"snapshot": self.snapshot.model_dump(mode="json"), "replaced": self.replaced}


def log_week(
    store: CaseStore,
    case_id: str,
    *,
    today: date,
    week: date | None = None,
    missing_work: int = 0,
    behavior_incidents: int = 0,
    nurse_visits: int = 0,
    minutes_out_of_class: int = 0,
    note: str = "",
    read_at: int | None = None,
) -> SnapshotResult:
    """The weekly impact snapshot of the week containing `week` (default: this week); re-entry replaces it.

    `read_at` is what a form showed for that week: the snapshot's version, or 0 when it showed none;
    a snapshot saved or changed elsewhere meanwhile is then a conflict, not replaced (None: no check,
    as the CLI reads and writes in one transaction)."""
    monday = week_of(week or today)
    _check_date(monday, today)
    values = {
        "missing_work": missing_work,
        "behavior_incidents": behavior_incidents,
        "nurse_visits": nurse_visits,
        "minutes_out_of_class": minutes_out_of_class,
        "note": note,
    }
    with store.transaction(case_id) as tx:
        bundle = tx.bundle()
        existing = next((w for w in bundle.snapshots if w.week == monday), None)
        if read_at is not None and (existing.version if existing is not None else 0) != read_at:
            raise ConflictError(
                f"Not saved: the snapshot of the week of {monday.isoformat()} was saved or changed elsewhere "
                "since you opened the form. Close it, look at the other entry, then make yours again."
            )
        try:
            if existing is None:
                return SnapshotResult(tx.insert(WeeklySnapshot.model_validate({"week": monday, **values})), False)
            replacement = WeeklySnapshot.model_validate({**existing.model_dump(), **values})
        except ValidationError as error:
            raise InputError(explain(error)) from None
        return SnapshotResult(tx.update(replacement), True)


# ---------------------------------------------------------------- the case's ledger policy

WEEKDAY_WORDS: dict[str, Weekday] = {
    "mon": "mon",
    "tue": "tue",
    "wed": "wed",
    "thu": "thu",
    "fri": "fri",
    "monday": "mon",
    "tuesday": "tue",
    "tues": "tue",
    "wednesday": "wed",
    "thursday": "thu",
    "thur": "thu",
    "thurs": "thu",
    "friday": "fri",
}


def _session_days(bundle: CaseBundle, text: str) -> tuple[str, list[Weekday]]:
    """'speech=tue,thu' -> (the requirement's id, ['tue', 'thu']); 'speech=' clears them."""
    name, sep, days = text.partition("=")
    if not sep or not name.strip():
        raise InputError(f'{text!r}: write the requirement and its session days, such as "speech=tue,thu".')
    requirement = find_requirement(bundle, name)
    chosen: list[Weekday] = []
    for word in re.split(r"[,\s/]+", days.strip().lower()):
        if not word:
            continue
        if word not in WEEKDAY_WORDS:
            raise InputError(f"{word!r} is not a school weekday; use mon, tue, wed, thu or fri.")
        if WEEKDAY_WORDS[word] not in chosen:
            chosen.append(WEEKDAY_WORDS[word])
    if chosen:
        frequency = frequency_of(requirement.frequency)
        if frequency is None or frequency.period != "week" or frequency.times is None or frequency.weeks != 1:
            raise InputError(
                f"{requirement.name} ({requirement.frequency or 'no frequency'}) is not an 'N x weekly' service: "
                "session days are only for a weekly session count such as '30 min 2x weekly'."
            )
        if len(chosen) != frequency.times:
            raise InputError(
                f"{requirement.name} has {frequency.times} session{'s' if frequency.times > 1 else ''} a week "
                f"({frequency.canonical}): give {frequency.times} weekday{'s' if frequency.times > 1 else ''}, "
                f"not {len(chosen)}."
            )
    order = list(WEEKDAY_WORDS)
    return requirement.id, sorted(chosen, key=order.index)


def set_policy(
    store: CaseStore,
    case_id: str,
    *,
    partial_period: str | None = None,
    session_days: Sequence[str] = (),
    not_as_written_owed: bool | None = None,
    read_at: int | None = None,
) -> LedgerPolicy:
    """Change the case's ledger policy (None and empty leave a choice alone); returns the new policy.

    `read_at` is the case version a form showed the policy at: a change made to the case elsewhere
    since is a conflict, not silently overwritten (the CLI reads and writes in one transaction).
    """
    with store.transaction(case_id) as tx:
        bundle = tx.bundle()
        case = bundle.case
        if read_at is not None and case.version != read_at:
            raise ConflictError(
                "Not saved: the case changed elsewhere since you opened its ledger policy. "
                "Close the form, look at the other change, then make yours again."
            )
        update: dict[str, Any] = {}
        if partial_period is not None:
            update["partial_period"] = partial_period
        if not_as_written_owed is not None:
            update["not_as_written_owed"] = not_as_written_owed
        if session_days:
            days = dict(case.policy.session_days)
            for text in session_days:
                requirement_id, chosen = _session_days(bundle, text)
                if chosen:
                    days[requirement_id] = chosen
                else:
                    days.pop(requirement_id, None)
            update["session_days"] = days
        try:
            policy = LedgerPolicy.model_validate({**case.policy.model_dump(), **update})
        except ValidationError as error:
            raise InputError(explain(error)) from None
        if update:
            tx.put_case(case.model_copy(update={"policy": policy}))
        return policy


def policy_lines(bundle: CaseBundle, policy: LedgerPolicy) -> list[str]:
    """The policy in words, and each requirement's session days by name."""
    names = {r.id: r.name for r in bundle.requirements}
    lines = [describe_policy(policy)]
    for requirement_id, days in policy.session_days.items():
        lines.append(f"Session days of {names.get(requirement_id, requirement_id)}: {', '.join(days)}.")
    if policy.partial_period == "sessions" and not policy.session_days:
        lines.append("No session days set: a short week requires every session it has school days for.")
    return lines


# ---------------------------------------------------------------- make-up plans


@dataclass(frozen=True)
class MakeupPlans:
    """The requirements asked for and one make-up schedule for those owing minutes: the planner
    the compensatory proposal uses (`compensatory.schedule_makeup`), so both give the same numbers."""

    ledgers: tuple[RequirementLedger, ...]
    schedule: MakeupSchedule
    per_week: int
    """The pace asked for (or `DEFAULT_PER_WEEK`)."""
    pace_kept: bool
    """True when the pace was given (`--per-week`) and is kept, not raised to finish by the target."""

    def service(self, ledger: RequirementLedger) -> ServiceSchedule | None:
        """The requirement's make-up sessions; None when it owes nothing."""
        return self.schedule.for_key(ledger.requirement_id)

    def to_json(self) -> dict[str, Any]:
        schedule = self.schedule
        return {
            "from": schedule.start.isoformat(),
            "by": schedule.by.isoformat(),
            "per_week": self.per_week,
            "per_week_kept": self.pace_kept,
            "daily_cap_minutes": schedule.daily_cap,
            "estimate": schedule.estimate,
            "school_days_available": schedule.school_days_available,
            "fits": schedule.fits,
            "requirements": [self._row_json(ledger) for ledger in self.ledgers],
        }

    def _row_json(self, ledger: RequirementLedger) -> dict[str, Any]:
        service = self.service(ledger)
        row: dict[str, Any] = {
            "requirement_id": ledger.requirement_id,
            "name": ledger.name,
            "owed_minutes": max(ledger.owed_minutes, 0),
        }
        if service is None:
            return {
                **row,
                "session_minutes": None,
                "session_count": 0,
                "scheduled_minutes": 0,
                "rounded_up_minutes": 0,
                "per_week": None,
                "fits": True,
                "finish": None,
                "needed_per_week": None,
                "every_day_minutes": None,
                "sessions": [],
            }
        late_even_daily = not service.fits and service.needed_per_week is None
        return {
            **row,
            "session_minutes": service.session_minutes,
            "session_count": service.need.session_count,
            "scheduled_minutes": service.scheduled_minutes,
            "rounded_up_minutes": service.rounded_up,
            "per_week": service.per_week,
            "fits": service.fits,
            "finish": service.finish.isoformat() if service.finish else None,
            "needed_per_week": service.needed_per_week,
            "every_day_minutes": self.schedule.every_day_minutes(service) if late_even_daily else None,
            "sessions": [{"date": day.isoformat(), "minutes": service.session_minutes} for day in service.days],
        }


def makeup_plans(
    bundle: CaseBundle,
    today: date,
    by: date,
    requirement: str | None = None,
    session_minutes: int | None = None,
    per_week: int | None = None,
    start: date | None = None,
) -> MakeupPlans:
    """A make-up schedule for one requirement's owed minutes, or for every one that owes some.

    Sessions start on the first school day after today; `start` is where the ledger starts
    counting (default: `default_range`). Defaults as in the compensatory proposal: the IEP's
    session length (`compensatory.makeup_session_minutes`) and `DEFAULT_PER_WEEK` sessions a
    week, raised up to five for a service that would finish after `by`; a `per_week` given is
    kept as it is.
    """
    if by <= today:
        raise InputError(f"The target date {by.isoformat()} must be after today ({today.isoformat()}).")
    if session_minutes is not None and not 5 <= session_minutes <= 240:
        raise InputError("--session-minutes must be between 5 and 240, such as 30.")
    if per_week is not None and not 1 <= per_week <= MAX_PER_WEEK:
        raise InputError(f"--per-week must be between 1 and {MAX_PER_WEEK}, such as 2.")
    report = ledger_report(bundle, today, start=start, requirement=requirement)
    rows = tuple(row for row in report.rows if requirement is not None or row.owed_minutes > 0)
    needs = [
        MakeupNeed(row.requirement_id, row.owed_minutes, session_minutes or makeup_session_minutes(row.frequency))
        for row in rows
        if row.owed_minutes > 0
    ]
    pace = per_week or DEFAULT_PER_WEEK
    schedule = schedule_makeup(
        needs, case_calendar(bundle.case), today + timedelta(days=1), by, per_week=pace, raise_pace=per_week is None
    )
    return MakeupPlans(rows, schedule, pace, per_week is not None)
