"""What the records say about one requirement on one date, and which entries count.

A date can be described by two records: the **school's** (entries with source
`school-log`, usually imported from the district's own service log) and the
**parent's** (`parent-observation` and `provider-note`: what the family saw or was
told). The ledger and the reconciliation both read a date through `settle_day`, so
they can never disagree about it.

First each record's entries of the date are read on their own (`DayAccount`):

- **probable duplicates**: more missed entries than the sessions the frequency allows
  on one day (`sessions_allowed_per_day`: one, unless the IEP counts more sessions a
  day or more than five a week) cannot all be sessions that were lost. As many as the
  day allows count: those that fit what the day's delivered entries leave of its
  sessions, the larger first (a 20-minute partial, a 10-minute miss and a 30-minute
  miss: the 10 counts); the others are listed as probable duplicates, counted once.
- **a partial session and its missed rest**: a delivered entry shorter than the
  session length has a *shortfall*. A missed entry of the same day for the rest of
  that session describes the same lost minutes, so the shortfall is reduced by the
  minutes the day's missed entries cover beyond the day's sessions: a 20-minute
  partial of a 30-minute session plus a 10-minute miss is 30 minutes of one session,
  10 of them lost (the miss, with its reason), not 20.
- **a record that contradicts itself** (a *conflict*): delivered and missed entries
  adding up to more than the day's sessions (a 30-minute session logged delivered 30
  and missed 30).

Then the records are compared (`settle_day`), regular sessions and make-up sessions
each on their own (a make-up on the day of a regular session is a second session, not
a different account of the first):

- one record only: its entries count (*school only*, *parent only*);
- both, the same account (the same minutes delivered, cut short, missed for a reason
  counted as owed and missed for one not counted): they **agree**, and the date counts
  once, from the school's entries (the district's own record), unless only the
  parent's says the session was not delivered as written (`delivered_as`): then the
  parent's, whose account is the more specific one;
- both, different accounts: **disputed**. Both saying missed, but for reasons of which
  the case's policy owes one and not the other (the log: student absent; the parent:
  provider absent), is disputed too, not agree, although issue 14's text says "both say
  missed" agree: a decision, kept on purpose. The reason is what decides whether the
  minutes are owed, so the two records disagree about the one thing the ledger counts;
  calling it agree would have to pick one record's reason and silently owe (or forgive)
  the session. Two reasons the policy treats alike (both owed, or both not) do agree.

A date that is disputed, or on which a record contradicts itself, is **set aside**:
none of its entries count as delivered, missed, owed or made up until the user
corrects or settles the record, and its minutes (the larger of the accounts, in
session minutes) are reported as disputed beside owed and unaccounted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from math import ceil
from typing import Literal

from iep_tui.domain.frequency import Frequency
from iep_tui.domain.models import Session

Side = Literal["school", "parent"]
Outcome = Literal["agree", "disputed", "school-only", "parent-only"]

SCHOOL_SOURCES = frozenset({"school-log"})
"""Sources that are the school's own record."""
PARENT_SOURCES = frozenset({"parent-observation", "provider-note"})
"""Sources that are the parent's own record."""

SIDE_NAMES: dict[str, str] = {"school": "school log", "parent": "parent's record"}

FULL_WEEK_DAYS = 5


def side_of(session: Session) -> Side:
    """Whose record an entry belongs to."""
    return "school" if session.source in SCHOOL_SOURCES else "parent"


def sessions_allowed_per_day(frequency: Frequency | None) -> int | None:
    """The most sessions of a requirement one school day can hold; None when sessions have no length.

    "30 min daily": 1; "20 min 2x daily": 2; "30 min 2x weekly": 1; "30 min 10x weekly": 2
    (more than five a week is more than one a day); monthly and yearly counts: 1.
    """
    if frequency is None or frequency.session_minutes is None:
        return None
    if frequency.period == "day":
        return frequency.times or 1
    if frequency.period == "week" and frequency.times:
        return max(1, ceil(frequency.times / (frequency.weeks * FULL_WEEK_DAYS)))
    return 1


@dataclass(frozen=True, slots=True)
class DayAccount:
    """One record's account of one requirement on one date, after its own duplicates and partials."""

    side: Side
    entries: tuple[Session, ...]
    """The entries that stand (every status), in the order entered."""
    duplicates: tuple[Session, ...]
    """Missed entries beyond the sessions the day allows: probable duplicates, counted once."""
    minutes: Mapping[str, int]
    """Each entry's minutes (a missed entry without minutes: the session length)."""
    shortfall: Mapping[str, int]
    """Partial delivered entries -> their minutes short, less what the day's missed entries cover."""
    owed_reasons: frozenset[str]
    conflict: bool
    """Delivered and missed entries add up to more than the day's sessions."""

    def _sum(self, status: str) -> int:
        return sum(self.minutes[s.id] for s in self.entries if s.status == status)

    @property
    def delivered_minutes(self) -> int:
        return self._sum("delivered")

    @property
    def missed_minutes(self) -> int:
        return self._sum("missed")

    @property
    def owed_missed_minutes(self) -> int:
        return sum(
            self.minutes[s.id]
            for s in self.entries
            if s.status == "missed" and (s.reason or "unknown") in self.owed_reasons
        )

    @property
    def makeup_minutes(self) -> int:
        return self._sum("makeup")

    @property
    def shortfall_minutes(self) -> int:
        return sum(self.shortfall.values())

    @property
    def session_minutes(self) -> int:
        """Minutes of regular sessions this record accounts for: delivered + short + missed."""
        return self.delivered_minutes + self.shortfall_minutes + self.missed_minutes

    @property
    def claimed_minutes(self) -> int:
        """The session minutes this record claims: a record that contradicts itself claims the larger of
        its two versions (delivered + short, or missed), not their sum."""
        if self.conflict:
            return max(self.delivered_minutes + self.shortfall_minutes, self.missed_minutes)
        return self.session_minutes

    @property
    def has_sessions(self) -> bool:
        return any(s.status != "makeup" for s in self.entries)

    @property
    def has_makeup(self) -> bool:
        return any(s.status == "makeup" for s in self.entries)

    @property
    def not_as_written(self) -> tuple[str, ...]:
        """How sessions were delivered other than as written ('group of 5'), as recorded."""
        return tuple(s.delivered_as for s in self.entries if s.delivered_as)

    def session_key(self) -> tuple[int, int, int, int]:
        """What two records must share to agree about the regular sessions: minutes delivered, short, missed
        and owed, missed and not owed. Misses are split by whether the policy owes them, not by their exact
        reason: a miss the log calls student-absent (not owed by default) and the parent provider-absent
        (owed) is disputed, because the reason decides what is owed (see the module doc)."""
        owed = self.owed_missed_minutes
        return (self.delivered_minutes, self.shortfall_minutes, owed, self.missed_minutes - owed)

    def describe(self) -> str:
        """'delivered 20 min (10 short); missed 10 min (provider-absent)'; '' when nothing is logged."""
        parts = []
        for s in self.entries:
            minutes = self.minutes[s.id]
            if s.status == "delivered":
                short = self.shortfall.get(s.id, 0)
                text = f"delivered {minutes} min" + (f" ({short} short)" if short else "")
                if s.delivered_as:
                    text += f" as {s.delivered_as}"
            elif s.status == "missed":
                text = f"missed {minutes} min ({s.reason or 'unknown'})"
            else:
                text = f"make-up {minutes} min" + (f" as {s.delivered_as}" if s.delivered_as else "")
            parts.append(text)
        parts.extend(f"missed {self.minutes[s.id]} min again (probable duplicate)" for s in self.duplicates)
        return "; ".join(parts)


def day_account(
    side: Side,
    entries: Sequence[Session],
    minutes: Mapping[str, int],
    frequency: Frequency | None,
    owed_reasons: Iterable[str],
) -> DayAccount:
    """Read one record's entries of one date (in the order entered); see the module doc."""
    length = frequency.session_minutes if frequency else None
    allowed = sessions_allowed_per_day(frequency)
    missed = [s for s in entries if s.status == "missed"]
    duplicates: tuple[Session, ...] = ()
    if allowed is not None and length and len(missed) > allowed:
        room = length * allowed - sum(minutes[s.id] for s in entries if s.status == "delivered")
        # keep the misses that fit the rest of the day's sessions, the larger first (entry order breaks ties)
        keep = {s.id for s in sorted(missed, key=lambda s: (minutes[s.id] > room, -minutes[s.id]))[:allowed]}
        duplicates = tuple(s for s in missed if s.id not in keep)
    duplicate_ids = {s.id for s in duplicates}
    standing = tuple(s for s in entries if s.id not in duplicate_ids)
    delivered = [s for s in standing if s.status == "delivered"]
    delivered_total = sum(minutes[s.id] for s in delivered)
    missed_total = sum(minutes[s.id] for s in standing if s.status == "missed")
    shortfall: dict[str, int] = {}
    conflict = False
    if length:
        shortfall = {s.id: length - minutes[s.id] for s in delivered if minutes[s.id] < length}
        capacity = length * (allowed or 1)
        conflict = bool(delivered) and missed_total > 0 and delivered_total + missed_total > capacity
        overlap = delivered_total + sum(shortfall.values()) + missed_total - capacity
        if not conflict and missed_total and overlap > 0:
            for session_id in list(shortfall):  # the misses cover the partials' rest, first entered first
                covered = min(shortfall[session_id], overlap)
                shortfall[session_id] -= covered
                overlap -= covered
        shortfall = {k: v for k, v in shortfall.items() if v > 0}
    return DayAccount(side, standing, duplicates, minutes, shortfall, frozenset(owed_reasons), conflict)


@dataclass(frozen=True, slots=True)
class DaySettlement:
    """One requirement's date, both records read and compared: what the ledger counts."""

    date: date
    outcome: Outcome
    school: DayAccount | None
    parent: DayAccount | None
    counted: tuple[Session, ...]
    """Entries that count (none when the date is set aside)."""
    shortfall: Mapping[str, int] = field(default_factory=dict)
    """Counted partial entries -> minutes short (see `DayAccount.shortfall`)."""
    counted_once: tuple[Session, ...] = ()
    """The other record's entries on a date both records agree on: the same sessions, not counted again."""
    set_aside: bool = False
    """Disputed, or a record contradicts itself: nothing on this date counts until it is settled."""

    @property
    def accounts(self) -> tuple[DayAccount, ...]:
        return tuple(a for a in (self.school, self.parent) if a is not None)

    @property
    def conflict(self) -> bool:
        """A record contradicts itself on this date."""
        return any(a.conflict for a in self.accounts)

    @property
    def duplicates(self) -> tuple[Session, ...]:
        return tuple(s for a in self.accounts for s in a.duplicates)

    @property
    def entries(self) -> tuple[Session, ...]:
        """Every entry of the date, duplicates included."""
        return tuple(s for a in self.accounts for s in (*a.entries, *a.duplicates))

    @property
    def disputed_minutes(self) -> int:
        """Session minutes set aside: the larger of the records' accounts (0 when the date counts)."""
        return max((a.claimed_minutes for a in self.accounts), default=0) if self.set_aside else 0

    @property
    def not_as_written(self) -> tuple[str, ...]:
        return tuple(text for a in self.accounts for text in a.not_as_written)

    def versions(self) -> tuple[str, ...]:
        """Each record's account in words, side by side: 'school log: delivered 30 min'."""
        return tuple(f"{SIDE_NAMES[a.side]}: {a.describe() or 'nothing'}" for a in self.accounts)


def _part_outcome(school: Sequence[Session], parent: Sequence[Session], same: bool) -> Outcome | None:
    if school and parent:
        return "agree" if same else "disputed"
    if school:
        return "school-only"
    if parent:
        return "parent-only"
    return None


def lone_shortfall(session: Session, minutes: int, length: int | None) -> dict[str, int]:
    """The shortfall of a date's only entry: a delivered session shorter than the session length."""
    if session.status == "delivered" and length and minutes < length:
        return {session.id: length - minutes}
    return {}


def settle_day(
    day: date,
    entries: Sequence[Session],
    minutes: Mapping[str, int],
    frequency: Frequency | None,
    owed_reasons: Iterable[str],
) -> DaySettlement:
    """Read and compare the records of one requirement's date (entries in the order entered)."""
    reasons = owed_reasons if isinstance(owed_reasons, frozenset) else frozenset(owed_reasons)
    if len(entries) == 1:  # most dates: one entry, one record, nothing to compare (kept cheap)
        only = entries[0]
        short = lone_shortfall(only, minutes[only.id], frequency.session_minutes if frequency else None)
        side = side_of(only)
        account = DayAccount(side, (only,), (), minutes, short, reasons, False)
        if side == "school":
            return DaySettlement(day, "school-only", account, None, (only,), short)
        return DaySettlement(day, "parent-only", None, account, (only,), short)
    school_entries = [s for s in entries if side_of(s) == "school"]
    parent_entries = [s for s in entries if side_of(s) == "parent"]
    school = day_account("school", school_entries, minutes, frequency, reasons) if school_entries else None
    parent = day_account("parent", parent_entries, minutes, frequency, reasons) if parent_entries else None

    def regular(account: DayAccount | None) -> list[Session]:
        return [s for s in account.entries if s.status != "makeup"] if account else []

    def makeups(account: DayAccount | None) -> list[Session]:
        return [s for s in account.entries if s.status == "makeup"] if account else []

    same_sessions = school is not None and parent is not None and school.session_key() == parent.session_key()
    same_makeup = school is not None and parent is not None and school.makeup_minutes == parent.makeup_minutes
    parts = [
        _part_outcome(regular(school), regular(parent), same_sessions),
        _part_outcome(makeups(school), makeups(parent), same_makeup),
    ]
    present = [p for p in parts if p is not None]
    accounts = [a for a in (school, parent) if a is not None]
    if "disputed" in present or (school and parent and any(a.conflict for a in accounts)):
        outcome: Outcome = "disputed"
    else:
        outcome = present[0] if present else ("school-only" if school else "parent-only")
    if outcome == "disputed" or any(a.conflict for a in accounts):
        return DaySettlement(day, outcome, school, parent, (), set_aside=True)

    counted: list[Session] = []
    once: list[Session] = []
    shortfall: dict[str, int] = {}
    for part, pick in zip(parts, (regular, makeups), strict=True):
        if part is None:
            continue
        chosen = school if part in ("school-only", "agree") else parent
        if part == "agree" and parent is not None and school is not None and pick is regular:
            if any(s.delivered_as for s in regular(parent)) and not any(s.delivered_as for s in regular(school)):
                chosen = parent
        other = parent if chosen is school else school
        counted.extend(pick(chosen))
        if part == "agree":
            once.extend(pick(other))
        if chosen is not None and pick is regular:
            shortfall.update(chosen.shortfall)
    order = {s.id: n for n, s in enumerate(entries)}
    return DaySettlement(
        day,
        outcome,
        school,
        parent,
        tuple(sorted(counted, key=lambda s: order[s.id])),
        shortfall,
        tuple(once),
    )
