"""The service ledger: per requirement, what was required, delivered, missed and owed.

All in whole minutes, over a range of dates (both included), from the sessions logged:

- **required**: `required_minutes` of the frequency on the school calendar, under the
  case's partial-period policy (see `required_minutes`).
- **delivered**: the minutes of every `delivered` session. A delivered session of fewer
  minutes than the frequency's session length is a *partial* session: its minutes count
  as delivered and the rest of the session is its **shortfall** (less the minutes a
  missed entry of the same day already accounts for: see `day_records`).
- **not as written**: a delivered session with `delivered_as` set ("group of 5", "in the
  hallway") happened, but not as the IEP says. Its minutes are listed on their own
  (`not_as_written_minutes`, `not_as_written_entries`) and, by default, are **owed**, not
  delivered: the IEP's service was not provided as written. A case policy
  (`not_as_written_owed = false`) counts them as delivered instead; they are still listed.
  A make-up session not as written is listed the same way and, by default, not credited.
- **missed**, by reason: the minutes of every `missed` session (its own minutes, else the
  session length).
- **makeup**: the minutes of every `makeup` session. They are credited against what is
  owed and appear only here: they are not delivered minutes and take no part in the
  unaccounted arithmetic.
- **owed** = missed minutes whose reason the case's policy counts as owed (by default
  every reason but `student-absent` and `school-closed`) + partial-session shortfalls
  + minutes not delivered as written (by default) - makeup minutes, never below zero.
  Every minute of it traces to the entries in `owed_entries` (and the make-up entries
  credited against them).
- **disputed**: the minutes of the dates set aside because the school's log and the
  parent's record disagree, or one record contradicts itself (see below).
- **unaccounted** = required - (delivered + not as written + shortfall + missed +
  disputed), never below zero: the required minutes for which no session was logged at
  all. Reported beside owed, never inside it. When more was logged than required,
  `over_logged` says by how much, so that always: delivered + not as written (when owed)
  + shortfall + missed + disputed + unaccounted = required + over_logged.

**One outcome per session.** Every date is read through `day_records.settle_day`: the
school's log and the parent's record are each read on their own (a second missed entry
beyond the sessions the day allows is a *probable duplicate*, counted once and listed;
a partial session and the miss of its rest count the lost minutes once), then compared.
Where they agree the date counts once; where only one has entries, that one counts; a
date where they disagree (*disputed*) or where one record contradicts itself (a
*conflict*: delivered and missed entries adding up to more than the day's sessions) is
set aside: neither delivered, missed, owed nor made up, listed in `conflicts` with each
record's account, its minutes in `disputed_minutes`, until the user corrects the record.
With no session length ("120 min weekly") a record cannot contradict itself, but two
records can still disagree.

**Owed beyond required.** Owed minutes of one period (a week, a month) larger than the
minutes that period requires are impossible unless something is logged twice or the
period's sessions fell on its school days while it was prorated; such periods are
listed in `over_required` with the entries behind them.

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
- **a set-aside date** (conflict or dispute, above): its missed entries are listed with
  the `CONFLICT` or `DISPUTED` flag.
- **a probable duplicate**: listed with the `DUPLICATE` flag, counted once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from iep_tui.domain.day_records import DaySettlement, lone_shortfall, settle_day
from iep_tui.domain.frequency import Frequency, frequency_of
from iep_tui.domain.models import CaseBundle, LedgerPolicy, Requirement, Session
from iep_tui.domain.required_minutes import (
    POLICY_TEXT,
    WEEKDAY_NAMES,
    RequiredMinutes,
    SchoolDays,
    required_minutes,
)
from iep_tui.domain.vocabulary import MISS_REASONS

EntryKind = Literal["missed", "partial", "makeup", "not-as-written"]


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
    delivered_as: str = ""
    """How a session not delivered as written was delivered ('group of 5')."""

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "id": self.session_id,
            "date": self.date.isoformat(),
            "kind": self.kind,
            "minutes": self.minutes,
            "reason": self.reason,
            "source": self.source,
        }
        if self.delivered_as:
            out["delivered_as"] = self.delivered_as
        if self.flag:
            out["flag"] = self.flag
        return out


@dataclass(frozen=True)
class LedgerConflict:
    """A date set aside: a record contradicts itself (`conflict`), or the two records disagree (`disputed`).

    Nothing on it counts as delivered, missed, owed or made up; `minutes` are reported as disputed.
    """

    date: date
    delivered_ids: tuple[str, ...]
    missed_ids: tuple[str, ...]
    delivered_minutes: int
    missed_minutes: int
    session_minutes: int
    """One session's length (0 when the frequency does not say)."""
    kind: Literal["conflict", "disputed"] = "conflict"
    minutes: int = 0
    """Session minutes set aside: the larger of the records' accounts."""
    versions: tuple[str, ...] = ()
    """Each record's account in words: 'school log: delivered 30 min', "parent's record: missed 30 min (...)"."""
    makeup_ids: tuple[str, ...] = ()

    def describe(self) -> str:
        """'2026-10-13: delivered 30 min and missed 30 min logged (one session is 30 min)', or both versions."""
        if self.kind == "disputed":
            return f"{self.date.isoformat()}: " + " | ".join(self.versions)
        return (
            f"{self.date.isoformat()}: delivered {self.delivered_minutes} min and missed {self.missed_minutes} min "
            f"logged (one session is {self.session_minutes} min)"
        )

    def to_json(self) -> dict[str, object]:
        return {
            "date": self.date.isoformat(),
            "kind": self.kind,
            "delivered_ids": list(self.delivered_ids),
            "missed_ids": list(self.missed_ids),
            "makeup_ids": list(self.makeup_ids),
            "delivered_minutes": self.delivered_minutes,
            "missed_minutes": self.missed_minutes,
            "session_minutes": self.session_minutes,
            "disputed_minutes": self.minutes,
            "versions": list(self.versions),
        }


@dataclass(frozen=True)
class PeriodExcess:
    """A week or month whose owed minutes exceed its required minutes: something is over-logged."""

    first: date
    last: date
    owed_minutes: int
    required_minutes: int
    entry_ids: tuple[str, ...]
    prorated: bool
    """The period was short and prorated: its sessions may simply have fallen on its school days."""

    def describe(self) -> str:
        """'2026-11-09..2026-11-15: 60 min owed but 48 min required; entries a, b: ...'."""
        why = "check them for an entry logged twice or wrong minutes"
        if self.prorated:
            why += (
                ", or the sessions fell on the period's school days while the short period was prorated "
                "(the sessions policy counts them)"
            )
        return (
            f"{self.first.isoformat()}..{self.last.isoformat()}: {self.owed_minutes} min owed but "
            f"{self.required_minutes} min required; entries {', '.join(self.entry_ids)}: {why}"
        )

    def to_json(self) -> dict[str, object]:
        return {
            "from": self.first.isoformat(),
            "to": self.last.isoformat(),
            "owed_minutes": self.owed_minutes,
            "required_minutes": self.required_minutes,
            "entry_ids": list(self.entry_ids),
            "prorated": self.prorated,
        }


NOT_SCHOOL_DAY = "not a school day on the district calendar: no session was due, not counted"
NOT_SCHOOL_DAY_ESTIMATE = (
    "not a school day on the estimated calendar (no district calendar loaded): counted; "
    "load the district calendar to confirm"
)
CONFLICT = "the same day is also logged as delivered: not counted as owed until the record is corrected"
DISPUTED = "the school's log and the parent's record disagree about this day: not counted until the record is settled"
DUPLICATE = "a probable duplicate: another missed entry of the same session that day is counted; counted once"
NOT_AS_WRITTEN_MAKEUP = "a make-up not delivered as written: not credited"
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
    """Dates set aside: a record contradicts itself, or the school's log and the parent's record disagree."""
    not_as_written_minutes: int = 0
    """Minutes of delivered sessions not delivered as written (`delivered_as`); owed unless the policy says not."""
    not_as_written_entries: tuple[LedgerEntry, ...] = field(default=())
    disputed_minutes: int = 0
    """Session minutes of the dates in `conflicts`: neither delivered nor owed until settled."""
    duplicate_entries: tuple[LedgerEntry, ...] = field(default=())
    """Missed entries beyond the sessions a day allows: probable duplicates, counted once (also excluded)."""
    counted_once_ids: tuple[str, ...] = field(default=())
    """Entries of the other record on dates where the school's log and the parent's record agree."""
    over_required: tuple[PeriodExcess, ...] = field(default=())
    """Periods whose owed minutes exceed their required minutes (see the module doc)."""

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

    @property
    def disputed_dates(self) -> tuple[date, ...]:
        return tuple(c.date for c in self.conflicts if c.kind == "disputed")

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
            "disputed_minutes": self.disputed_minutes,
            "not_as_written_minutes": self.not_as_written_minutes,
            "not_as_written_entries": [e.to_json() for e in self.not_as_written_entries],
            "duplicate_entries": [e.to_json() for e in self.duplicate_entries],
            "counted_once_ids": list(self.counted_once_ids),
            "over_required": [p.to_json() for p in self.over_required],
            "short_weeks": [
                {
                    "from": p.first.isoformat(),
                    "to": p.last.isoformat(),
                    "minutes": p.minutes,
                    "days_off": [day.isoformat() for day in p.days_off],
                    "days_outside": [day.isoformat() for day in p.days_outside],
                }
                for p in self.required.short_weeks
            ],
            "policy": policy_json(self.policy),
        }


def policy_json(policy: LedgerPolicy) -> dict[str, object]:
    return {
        "owed_reasons": list(policy.owed_reasons),
        "partial_period": policy.partial_period,
        "partial_period_rule": POLICY_TEXT[policy.partial_period],
        "session_days": {rid: list(days) for rid, days in policy.session_days.items()},
        "not_as_written_owed": policy.not_as_written_owed,
    }


def describe_policy(policy: LedgerPolicy) -> str:
    """The policy in words, shown beside the numbers."""
    not_owed = [r for r in MISS_REASONS if r not in policy.owed_reasons]
    excluded = f" (not {', '.join(not_owed)})" if not_owed else ""
    written = " + minutes not delivered as written" if policy.not_as_written_owed else ""
    tail = "" if policy.not_as_written_owed else " Sessions not delivered as written count as delivered (listed)."
    return (
        f"Owed = minutes of sessions missed for {', '.join(policy.owed_reasons) or 'no reason'}{excluded}"
        f" + partial-session shortfalls{written} - make-up minutes. "
        f"Partial periods ({policy.partial_period}): {POLICY_TEXT[policy.partial_period]}.{tail}"
    )


def session_weekdays(policy: LedgerPolicy, requirement_id: str) -> tuple[int, ...]:
    """The weekdays (0 = Monday) the policy schedules a requirement's sessions on; () when not set."""
    return tuple(WEEKDAY_NAMES.index(day) for day in policy.session_days.get(requirement_id, ()))


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
        frequency,
        calendar,
        start,
        end,
        policy.partial_period,
        requirement.start,
        requirement.end,
        session_weekdays(policy, requirement.id),
    )
    length = frequency.session_minutes if frequency else None
    settled = settle_dates(requirement, sessions, calendar, start, end, policy, frequency)
    chosen, minutes_of, off_day = settled.entries, settled.minutes, settled.off_day

    tally = _Tally(counted, policy, set(policy.owed_reasons), minutes_of, length, off_day)
    tally.excluded.extend(_entry(s, "missed", minutes_of[s.id], off_day[s.id]) for s in settled.excluded)
    for day, group in settled.groups:
        if len(group) == 1:  # settle_day's reading of a lone entry, without building its objects (speed)
            only = group[0]
            tally.add(only, lone_shortfall(only, minutes_of[only.id], length).get(only.id, 0))
        else:
            tally.add_day(settled.settle(day, group))
    order = {s.id: n for n, s in enumerate(chosen)}
    tally.excluded.sort(key=lambda e: order[e.session_id])
    unknown = settled.unknown_length_ids

    owed_entries = tuple(tally.owed)
    logged = tally.delivered + tally.uncredited_written + tally.shortfall + sum(tally.missed.values()) + tally.disputed
    required_total = required.total
    owed = max(0, sum(e.minutes for e in owed_entries) - tally.makeup) if counted else 0
    return RequirementLedger(
        requirement_id=requirement.id,
        name=requirement.name,
        kind=requirement.kind,
        frequency=frequency,
        start=start,
        end=end,
        policy=policy,
        required=required,
        delivered_minutes=tally.delivered,
        shortfall_minutes=tally.shortfall,
        missed_minutes=tally.missed,
        makeup_minutes=tally.makeup,
        owed_minutes=owed,
        unaccounted_minutes=max(0, required_total - logged) if counted else 0,
        over_logged_minutes=max(0, logged - required_total) if counted else 0,
        owed_entries=owed_entries,
        makeup_entries=tuple(tally.makeups),
        delivered_sessions=tally.delivered_n,
        partial_sessions=tally.partial_n,
        missed_sessions=tally.missed_n,
        unknown_length_ids=tuple(unknown),
        excluded_entries=tuple(tally.excluded),
        flagged_entries=tuple(tally.flagged),
        conflicts=tuple(tally.conflicts),
        not_as_written_minutes=tally.written,
        not_as_written_entries=tuple(tally.written_entries),
        disputed_minutes=tally.disputed,
        duplicate_entries=tuple(tally.duplicates),
        counted_once_ids=tuple(tally.once),
        over_required=_over_required(required, owed_entries) if counted else (),
    )


@dataclass(frozen=True)
class SettledDates:
    """A requirement's entries in a range, read date by date (`day_records.settle_day`)."""

    entries: tuple[Session, ...]
    """Every entry of the requirement in the range, by date and the order entered."""
    minutes: dict[str, int]
    """Each entry's minutes (left out: the session length; unknown: 0)."""
    unknown_length_ids: tuple[str, ...]
    off_day: dict[str, str]
    """Missed entries on a day that requires nothing -> why (`excluded` when sure, else counted and flagged)."""
    excluded: tuple[Session, ...]
    """Missed entries on a day that surely requires nothing: not settled, never counted."""
    groups: tuple[tuple[date, tuple[Session, ...]], ...]
    """Each date with entries (not `excluded`) and its entries, in date order."""
    frequency: Frequency | None
    owed_reasons: frozenset[str]

    def settle(self, day: date, entries: Sequence[Session]) -> DaySettlement:
        return settle_day(day, entries, self.minutes, self.frequency, self.owed_reasons)

    @property
    def days(self) -> tuple[DaySettlement, ...]:
        """Every date settled (`day_records.settle_day`)."""
        return tuple(self.settle(day, group) for day, group in self.groups)


def settle_dates(
    requirement: Requirement,
    sessions: Iterable[Session],
    calendar: SchoolDays,
    start: date,
    end: date,
    policy: LedgerPolicy,
    frequency: Frequency | None = None,
) -> SettledDates:
    """Every date of `requirement` from `start` to `end` with entries, settled; what the ledger and the
    reconciliation both count from. (`frequency`: the requirement's, when already parsed.)"""
    frequency = frequency or frequency_of(requirement.frequency)
    length = frequency.session_minutes if frequency else None
    chosen = sorted(
        (s for s in sessions if s.requirement_id == requirement.id and start <= s.date <= end),
        key=lambda s: (s.date, s.created),  # stable: entries saved within one second keep the order given
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

    by_day: dict[date, list[Session]] = defaultdict(list)
    for s in chosen:
        if s.id not in excluded_ids:
            by_day[s.date].append(s)
    return SettledDates(
        entries=tuple(chosen),
        minutes=minutes_of,
        unknown_length_ids=tuple(unknown),
        off_day=off_day,
        excluded=tuple(s for s in chosen if s.id in excluded_ids),
        groups=tuple((day, tuple(group)) for day, group in sorted(by_day.items())),
        frequency=frequency,
        owed_reasons=frozenset(policy.owed_reasons),
    )


def _entry(s: Session, kind: EntryKind, minutes: int, flag: str = "") -> LedgerEntry:
    reason = (s.reason or "unknown") if s.status == "missed" else None
    return LedgerEntry(s.id, s.date, kind, minutes, reason, s.source, s.note, flag, s.delivered_as)


@dataclass
class _Tally:
    """The running sums of `requirement_ledger`, one settled day at a time."""

    counted: bool
    policy: LedgerPolicy
    owed_reasons: set[str]
    minutes_of: dict[str, int]
    length: int | None
    off_day: dict[str, str]
    delivered: int = 0
    shortfall: int = 0
    makeup: int = 0
    written: int = 0
    uncredited_written: int = 0
    disputed: int = 0
    delivered_n: int = 0
    partial_n: int = 0
    missed_n: int = 0
    missed: dict[str, int] = field(default_factory=lambda: {reason: 0 for reason in MISS_REASONS})
    owed: list[LedgerEntry] = field(default_factory=list)
    makeups: list[LedgerEntry] = field(default_factory=list)
    excluded: list[LedgerEntry] = field(default_factory=list)
    flagged: list[LedgerEntry] = field(default_factory=list)
    duplicates: list[LedgerEntry] = field(default_factory=list)
    written_entries: list[LedgerEntry] = field(default_factory=list)
    conflicts: list[LedgerConflict] = field(default_factory=list)
    once: list[str] = field(default_factory=list)

    def add_day(self, day: DaySettlement) -> None:
        if day.set_aside:
            self._set_aside(day)
            return
        for account in (day.school, day.parent):
            for s in account.duplicates if account is not None else ():
                entry = _entry(s, "missed", self.minutes_of[s.id], DUPLICATE)
                self.duplicates.append(entry)
                self.excluded.append(entry)
        self.once.extend(s.id for s in day.counted_once)
        for s in day.counted:
            self.add(s, day.shortfall.get(s.id, 0))

    def _set_aside(self, day: DaySettlement) -> None:
        entries = day.entries
        ids = {
            status: tuple(s.id for s in entries if s.status == status) for status in ("delivered", "missed", "makeup")
        }
        self.conflicts.append(
            LedgerConflict(
                date=day.date,
                delivered_ids=ids["delivered"],
                missed_ids=ids["missed"],
                delivered_minutes=sum(self.minutes_of[i] for i in ids["delivered"]),
                missed_minutes=sum(self.minutes_of[i] for i in ids["missed"]),
                session_minutes=self.length or 0,
                kind="conflict" if day.conflict and not (day.school and day.parent) else "disputed",
                minutes=day.disputed_minutes,
                versions=day.versions(),
                makeup_ids=ids["makeup"],
            )
        )
        self.disputed += day.disputed_minutes
        flag = CONFLICT if day.conflict and not (day.school and day.parent) else DISPUTED
        self.excluded.extend(_entry(s, "missed", self.minutes_of[s.id], flag) for s in entries if s.status == "missed")

    def add(self, s: Session, short: int) -> None:
        """Count one entry of a date that counts; `short` is its shortfall after the day's misses."""
        minutes = self.minutes_of[s.id]
        owes_written = self.policy.not_as_written_owed
        if s.status == "delivered":
            self.delivered_n += 1
            if s.delivered_as:
                self.written += minutes
                entry = _entry(s, "not-as-written", minutes)
                self.written_entries.append(entry)
                if owes_written:
                    self.uncredited_written += minutes
                    if self.counted and minutes:
                        self.owed.append(entry)
                else:
                    self.delivered += minutes
            else:
                self.delivered += minutes
            if self.length is not None and minutes < self.length:
                self.partial_n += 1
            if short:
                self.shortfall += short
                if self.counted:
                    self.owed.append(_entry(s, "partial", short))
        elif s.status == "missed":
            reason = s.reason or "unknown"
            self.missed[reason] += minutes
            self.missed_n += 1
            if self.counted and reason in self.owed_reasons and minutes:
                entry = _entry(s, "missed", minutes, self.off_day.get(s.id, ""))
                self.owed.append(entry)
                if entry.flag:
                    self.flagged.append(entry)
        elif s.delivered_as and owes_written:
            self.written_entries.append(_entry(s, "makeup", minutes, NOT_AS_WRITTEN_MAKEUP))
        else:
            self.makeup += minutes
            self.makeups.append(_entry(s, "makeup", -minutes))


def _over_required(required: RequiredMinutes, owed: Sequence[LedgerEntry]) -> tuple[PeriodExcess, ...]:
    """Periods whose owed entries add up to more than the period requires (not 'every N weeks':
    one of its weeks requires only a share of a session)."""
    if required.frequency is None or required.frequency.weeks > 1:
        return ()
    found = []
    for period in required.periods:
        inside = [e for e in owed if period.first <= e.date <= period.last]
        total = sum(e.minutes for e in inside)
        if total > period.minutes:
            prorated = required.policy == "prorate" and period.partial
            found.append(
                PeriodExcess(
                    period.first,
                    period.last,
                    total,
                    period.minutes,
                    tuple(dict.fromkeys(e.session_id for e in inside)),
                    prorated,
                )
            )
    return tuple(found)


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

    Without an effective date: from the first day of the current school year or the
    first session logged, whichever is earlier (every entry counts from the first one;
    with neither, today). With an effective date, sessions before it were under an
    earlier IEP: they stay outside, and logging one says so. Never after today.
    """
    start = bundle.case.iep_effective
    if start is None:
        year = calendar.school_year_for(today)
        starts = [s.date for s in bundle.sessions]
        if year is not None:
            starts.append(year.first_day)
        start = min(starts, default=today)
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
