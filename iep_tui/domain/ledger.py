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
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from iep_tui.domain.frequency import Frequency, frequency_of
from iep_tui.domain.models import MISS_REASONS, CaseBundle, LedgerPolicy, Requirement, Session
from iep_tui.domain.required_minutes import POLICY_TEXT, RequiredMinutes, SchoolDays, required_minutes

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

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.session_id,
            "date": self.date.isoformat(),
            "kind": self.kind,
            "minutes": self.minutes,
            "reason": self.reason,
            "source": self.source,
        }


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

    delivered = shortfall = makeup = 0
    delivered_n = partial_n = missed_n = 0
    missed: dict[str, int] = {reason: 0 for reason in MISS_REASONS}
    owed_entries: list[LedgerEntry] = []
    makeup_entries: list[LedgerEntry] = []
    unknown: list[str] = []
    for s in sorted(sessions, key=lambda s: (s.date, s.created, s.id)):
        if s.requirement_id != requirement.id or not start <= s.date <= end:
            continue
        minutes = s.minutes if s.minutes is not None else length
        if minutes is None:
            unknown.append(s.id)
            minutes = 0
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
            missed[reason] += minutes
            missed_n += 1
            if counted and reason in owed_reasons and minutes:
                owed_entries.append(LedgerEntry(s.id, s.date, "missed", minutes, reason, s.source, s.note))
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
    )


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
