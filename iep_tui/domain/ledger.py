"""The service ledger: per requirement, what was required, delivered, missed and owed.

All in whole minutes, over a range of dates (both included), from the sessions logged:

- **required**: `required_minutes` of the frequency on the school calendar, under the
  case's partial-period policy (see `required_minutes`).
- **delivered**: the minutes of every `delivered` session. A delivered session of fewer
  minutes than the frequency's session length is a *partial* session: its minutes count
  as delivered and the rest of the session is its **shortfall**.
- **missed**, by reason: the minutes of every `missed` session (its own minutes, else the
  session length).
- **makeup**: the minutes of every `makeup` session. They are credited against what is
  owed and appear only here: they are not delivered minutes and take no part in the
  unaccounted arithmetic.
- **owed** = missed minutes whose reason the case's policy counts as owed (by default
  every reason but `student-absent` and `school-closed`) + partial-session shortfalls
  - makeup minutes, never below zero. Every minute of it traces to the entries in
  `owed_entries` (and the make-up entries credited against them).
- **unaccounted** = required - (delivered + shortfall + missed), never below zero: the
  required minutes for which no session was logged at all. Reported beside owed, never
  inside it. When more was logged than required, `over_logged` says by how much, so
  that always: delivered + shortfall + missed + unaccounted = required + over_logged.

"as needed" and "consult" services (and requirements with no minutes) require nothing
and owe nothing; their sessions are still listed.

Missed entries that cannot be owed, shown and flagged but never silently counted:

- **a day that requires nothing**: a missed entry dated before the requirement's start,
  after its end, or on a day that is not a school day on a district calendar (a weekend,
  a closure, outside the school year). No session was due that day, so nothing was lost:
  the entry is listed in `excluded_entries` with the reason and takes no part in missed,
  owed or unaccounted, like the required minutes of that day (there are none). When the
  calendar cannot say the day had no school, because it is an *estimate* (no district
  calendar loaded: school days are business days) or the day is before the first or
  after the last school year loaded, the entry is counted as usual and flagged (`flag`,
  also listed in `flagged_entries`), so the user can load the district calendar and
  settle it.
- **a conflict**: on one date, one requirement has both delivered and missed entries
  whose minutes add up to more than one session's length (a 30-minute session logged
  delivered 30 and missed 30). Both entries are kept (two sessions in a day happen) and
  the day is listed in `conflicts`; the missed entries of that day stay in `missed` (they
  were logged) but are **not owed** until the record is corrected: an owed total must not
  rest on a day the log also shows as delivered. A partial delivered entry's shortfall
  still counts. With no session length ("120 min weekly") no conflict can be told apart
  from two sessions, so none is reported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from iep_tui.domain.frequency import Frequency, frequency_of
from iep_tui.domain.models import CaseBundle, LedgerPolicy, Requirement, Session
from iep_tui.domain.required_minutes import (
    POLICY_TEXT,
    RequiredMinutes,
    SchoolDays,
    required_minutes,
)
from iep_tui.domain.vocabulary import MISS_REASONS

EntryKind = Literal["missed", "partial", "makeup"]


@dataclass(frozen=True)
class LedgerEntry:
    """One entry behind the owed total: + minutes owed (missed, partial) or - credited (makeup)."""

    session_id: str
    date: date
    kind: EntryKind
    minutes: int
    reason: str | None
    source: str
    note: str = ""
    flag: str = ""
    """Why the entry is excluded, or counted with a doubt ('' for an ordinary entry)."""

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "id": self.session_id,
            "date": self.date.isoformat(),
            "kind": self.kind,
            "minutes": self.minutes,
            "reason": self.reason,
            "source": self.source,
        }
        if self.flag:
            out["flag"] = self.flag
        return out


@dataclass(frozen=True)
class LedgerConflict:
    """A date on which one requirement is logged both delivered and missed, for more than one session."""

    date: date
    delivered_ids: tuple[str, ...]
    missed_ids: tuple[str, ...]
    delivered_minutes: int
    missed_minutes: int
    session_minutes: int

    def describe(self) -> str:
        """'2026-10-13: delivered 30 min and missed 30 min logged (one session is 30 min)'."""
        return (
            f"{self.date.isoformat()}: delivered {self.delivered_minutes} min and missed {self.missed_minutes} min "
            f"logged (one session is {self.session_minutes} min)"
        )

    def to_json(self) -> dict[str, object]:
        return {
            "date": self.date.isoformat(),
            "delivered_ids": list(self.delivered_ids),
            "missed_ids": list(self.missed_ids),
            "delivered_minutes": self.delivered_minutes,
            "missed_minutes": self.missed_minutes,
            "session_minutes": self.session_minutes,
        }


NOT_SCHOOL_DAY = "not a school day on the district calendar: no session was due, not counted"
NOT_SCHOOL_DAY_ESTIMATE = (
    "not a school day on the estimated calendar (no district calendar loaded): counted; "
    "load the district calendar to confirm"
)
CONFLICT = "the same day is also logged as delivered: not counted as owed until the record is corrected"
NOT_SCHOOL_DAY_UNLOADED = (
    "not a school day, but the district calendar has no school year loaded for this date: counted; "
    "import that year's calendar to confirm"
)
UNCERTAIN_FLAGS = (NOT_SCHOOL_DAY_ESTIMATE, NOT_SCHOOL_DAY_UNLOADED)
"""Flags of entries counted with a doubt (the calendar cannot say the day had no school)."""


@dataclass(frozen=True)
class RequirementLedger:
    """The ledger of one requirement over one range."""

    requirement_id: str
    name: str
    kind: str
    frequency: Frequency | None
    start: date
    end: date
    policy: LedgerPolicy
    required: RequiredMinutes
    delivered_minutes: int
    shortfall_minutes: int
    missed_minutes: dict[str, int]
    makeup_minutes: int
    owed_minutes: int
    unaccounted_minutes: int
    over_logged_minutes: int
    owed_entries: tuple[LedgerEntry, ...]
    makeup_entries: tuple[LedgerEntry, ...]
    delivered_sessions: int = 0
    partial_sessions: int = 0
    missed_sessions: int = 0
    unknown_length_ids: tuple[str, ...] = field(default=())
    """Sessions logged without minutes for a frequency with no session length (counted as 0)."""
    excluded_entries: tuple[LedgerEntry, ...] = field(default=())
    """Missed entries not owed: on a day that requires nothing, or in a conflict (`flag` says which)."""
    flagged_entries: tuple[LedgerEntry, ...] = field(default=())
    """Owed entries counted with a doubt (a non-school day of an estimated calendar); also in `owed_entries`."""
    conflicts: tuple[LedgerConflict, ...] = field(default=())
    """Dates logged both delivered and missed for more than one session's length."""

    @property
    def counted(self) -> bool:
        return self.frequency is not None and self.frequency.counted

    @property
    def required_minutes(self) -> int:
        return self.required.total

    @property
    def missed_total(self) -> int:
        return sum(self.missed_minutes.values())

    @property
    def owed_before_makeup(self) -> int:
        return sum(e.minutes for e in self.owed_entries)

    @property
    def excluded_minutes(self) -> int:
        """Minutes of the missed entries not owed (see `excluded_entries`)."""
        return sum(e.minutes for e in self.excluded_entries)

    def to_json(self) -> dict[str, object]:
        """The `owed --json` row: integers, ids, and the policy that produced them."""
        return {
            "requirement_id": self.requirement_id,
            "name": self.name,
            "kind": self.kind,
            "frequency": self.frequency.canonical if self.frequency else "",
            "counted": self.counted,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "required_minutes": self.required_minutes,
            "delivered_minutes": self.delivered_minutes,
            "shortfall_minutes": self.shortfall_minutes,
            "missed_minutes": dict(self.missed_minutes),
            "makeup_minutes": self.makeup_minutes,
            "owed_minutes": self.owed_minutes,
            "unaccounted_minutes": self.unaccounted_minutes,
            "over_logged_minutes": self.over_logged_minutes,
            "owed_entry_ids": [e.session_id for e in self.owed_entries],
            "makeup_entry_ids": [e.session_id for e in self.makeup_entries],
            "owed_entries": [e.to_json() for e in self.owed_entries],
            "excluded_entries": [e.to_json() for e in self.excluded_entries],
            "excluded_minutes": self.excluded_minutes,
            "conflicts": [c.to_json() for c in self.conflicts],
            "policy": policy_json(self.policy),
        }


def policy_json(policy: LedgerPolicy) -> dict[str, object]:
    return {
        "owed_reasons": list(policy.owed_reasons),
        "partial_period": policy.partial_period,
        "partial_period_rule": POLICY_TEXT[policy.partial_period],
    }


def describe_policy(policy: LedgerPolicy) -> str:
    """The policy in words, shown beside the numbers."""
    not_owed = [r for r in MISS_REASONS if r not in policy.owed_reasons]
    excluded = f" (not {', '.join(not_owed)})" if not_owed else ""
    return (
        f"Owed = minutes of sessions missed for {', '.join(policy.owed_reasons) or 'no reason'}{excluded}"
        " + partial-session shortfalls - make-up minutes. "
        f"Partial periods ({policy.partial_period}): {POLICY_TEXT[policy.partial_period]}."
    )


def requirement_ledger(
    requirement: Requirement,
    sessions: Iterable[Session],
    calendar: SchoolDays,
    start: date,
    end: date,
    policy: LedgerPolicy,
) -> RequirementLedger:
    """The ledger of one requirement from `start` to `end` (both included); see the module doc."""
    frequency = frequency_of(requirement.frequency)
    counted = frequency is not None and frequency.counted
    required = required_minutes(
        frequency, calendar, start, end, policy.partial_period, requirement.start, requirement.end
    )
    length = frequency.session_minutes if frequency else None
    owed_reasons = set(policy.owed_reasons)

    chosen = sorted(
        (s for s in sessions if s.requirement_id == requirement.id and start <= s.date <= end),
        key=lambda s: (s.date, s.created, s.id),
    )
    minutes_of: dict[str, int] = {}
    unknown: list[str] = []
    for s in chosen:
        minutes = s.minutes if s.minutes is not None else length
        if minutes is None:
            unknown.append(s.id)
            minutes = 0
        minutes_of[s.id] = minutes

    # missed entries on a day that requires nothing: excluded (or flagged on an estimate)
    off_day: dict[str, str] = {}
    for s in chosen:
        if s.status != "missed":
            continue
        why = _requires_nothing(requirement, calendar, s.date)
        if why == "not-school-day":
            off_day[s.id] = _not_school_day_flag(calendar, s.date)
        elif why:
            off_day[s.id] = why
    excluded_ids = {i for i, flag in off_day.items() if flag not in UNCERTAIN_FLAGS}

    conflicts = _conflicts(chosen, minutes_of, length, excluded_ids)
    in_conflict = {i for c in conflicts for i in c.missed_ids}

    delivered = shortfall = makeup = 0
    delivered_n = partial_n = missed_n = 0
    missed: dict[str, int] = {reason: 0 for reason in MISS_REASONS}
    owed_entries: list[LedgerEntry] = []
    makeup_entries: list[LedgerEntry] = []
    excluded: list[LedgerEntry] = []
    flagged: list[LedgerEntry] = []
    for s in chosen:
        minutes = minutes_of[s.id]
        if s.status == "delivered":
            delivered += minutes
            delivered_n += 1
            if length is not None and minutes < length:
                partial_n += 1
                short = length - minutes
                shortfall += short
                if counted:
                    owed_entries.append(LedgerEntry(s.id, s.date, "partial", short, None, s.source, s.note))
        elif s.status == "missed":
            reason = s.reason or "unknown"
            if s.id in excluded_ids:
                excluded.append(LedgerEntry(s.id, s.date, "missed", minutes, reason, s.source, s.note, off_day[s.id]))
                continue
            missed[reason] += minutes
            missed_n += 1
            if s.id in in_conflict:
                if counted and reason in owed_reasons and minutes:
                    excluded.append(LedgerEntry(s.id, s.date, "missed", minutes, reason, s.source, s.note, CONFLICT))
                continue
            if counted and reason in owed_reasons and minutes:
                entry = LedgerEntry(s.id, s.date, "missed", minutes, reason, s.source, s.note, off_day.get(s.id, ""))
                owed_entries.append(entry)
                if entry.flag:
                    flagged.append(entry)
        else:
            makeup += minutes
            makeup_entries.append(LedgerEntry(s.id, s.date, "makeup", -minutes, None, s.source, s.note))

    logged = delivered + shortfall + sum(missed.values())
    required_total = required.total
    owed = max(0, sum(e.minutes for e in owed_entries) - makeup) if counted else 0
    return RequirementLedger(
        requirement_id=requirement.id,
        name=requirement.name,
        kind=requirement.kind,
        frequency=frequency,
        start=start,
        end=end,
        policy=policy,
        required=required,
        delivered_minutes=delivered,
        shortfall_minutes=shortfall,
        missed_minutes=missed,
        makeup_minutes=makeup,
        owed_minutes=owed,
        unaccounted_minutes=max(0, required_total - logged) if counted else 0,
        over_logged_minutes=max(0, logged - required_total) if counted else 0,
        owed_entries=tuple(owed_entries),
        makeup_entries=tuple(makeup_entries),
        delivered_sessions=delivered_n,
        partial_sessions=partial_n,
        missed_sessions=missed_n,
        unknown_length_ids=tuple(unknown),
        excluded_entries=tuple(excluded),
        flagged_entries=tuple(flagged),
        conflicts=tuple(conflicts),
    )


def _requires_nothing(requirement: Requirement, calendar: SchoolDays, day: date) -> str:
    """Why no session of `requirement` was due on `day` ('' when one may have been)."""
    if requirement.start is not None and day < requirement.start:
        return f"before the requirement starts ({requirement.start.isoformat()}): no session was due, not counted"
    if requirement.end is not None and day > requirement.end:
        return f"after the requirement ends ({requirement.end.isoformat()}): no session was due, not counted"
    if not calendar.is_school_day(day):
        return "not-school-day"
    return ""


def _not_school_day_flag(calendar: SchoolDays, day: date) -> str:
    """How sure the calendar is that `day`, not a school day on it, had no school."""
    if getattr(calendar, "estimate", False):
        return NOT_SCHOOL_DAY_ESTIMATE
    years = getattr(calendar, "school_years", None)
    if years and not years[0].first_day <= day <= years[-1].last_day:
        return NOT_SCHOOL_DAY_UNLOADED
    return NOT_SCHOOL_DAY


def _conflicts(
    sessions: Sequence[Session], minutes_of: dict[str, int], length: int | None, excluded: set[str]
) -> list[LedgerConflict]:
    """Dates with delivered and missed entries adding up to more than one session (see the module doc)."""
    if not length:
        return []
    found: list[LedgerConflict] = []
    by_day: dict[date, list[Session]] = defaultdict(list)
    for s in sessions:
        if s.id not in excluded and s.status in ("delivered", "missed"):
            by_day[s.date].append(s)
    for day, group in sorted(by_day.items()):
        done = [s for s in group if s.status == "delivered"]
        lost = [s for s in group if s.status == "missed"]
        if not done or not lost:
            continue
        delivered = sum(minutes_of[s.id] for s in done)
        missed = sum(minutes_of[s.id] for s in lost)
        if delivered + missed > length:
            found.append(
                LedgerConflict(day, tuple(s.id for s in done), tuple(s.id for s in lost), delivered, missed, length)
            )
    return found


def case_ledger(
    bundle: CaseBundle,
    calendar: SchoolDays,
    start: date,
    end: date,
    requirements: Sequence[Requirement] | None = None,
) -> list[RequirementLedger]:
    """The ledger of every requirement that has a frequency or sessions, in checklist order."""
    by_requirement: dict[str, list[Session]] = defaultdict(list)
    for s in bundle.sessions:
        by_requirement[s.requirement_id].append(s)
    chosen = bundle.requirements if requirements is None else requirements
    return [
        requirement_ledger(r, by_requirement.get(r.id, ()), calendar, start, end, bundle.case.policy)
        for r in chosen
        if r.frequency or by_requirement.get(r.id)
    ]


# ---------------------------------------------------------------- ranges and recency


def default_range(bundle: CaseBundle, calendar: SchoolDays, today: date) -> tuple[date, date]:
    """The ledger's range when none is given: from the IEP's effective date to today.

    Without an effective date: from the first day of the current school year, else from
    the earliest session. Never after today.
    """
    start = bundle.case.iep_effective
    if start is None:
        year = calendar.school_year_for(today)
        if year is not None:
            start = year.first_day
    if start is None:
        dates = [s.date for s in bundle.sessions]
        start = min(dates) if dates else today
    return min(start, today), today


def days_since_last_entry(bundle: CaseBundle, calendar: SchoolDays, today: date) -> int | None:
    """School days after the latest entry, up to and including today; None if nothing is logged.

    An entry is a session or an incident (by the date it describes) or a weekly
    snapshot (by its Monday). Logged today: 0. Logged last Friday, today Monday: 1.
    """
    dates = [s.date for s in bundle.sessions] + [i.date for i in bundle.incidents] + [w.week for w in bundle.snapshots]
    if not dates:
        return None
    last = max(dates)
    if last >= today:
        return 0
    return len(calendar.school_days(last + timedelta(days=1), today))
