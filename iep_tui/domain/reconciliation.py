"""The school's own service log against the parent's record, per requirement and date.

When the district answers a records request with its service log (imported as entries
with source `school-log` and their `provenance`), every date a requirement has entries
on is compared with the parent's own entries (`parent-observation`, `provider-note`).
The date is read exactly as the ledger reads it (`ledger.settle_dates`, then
`day_records.settle_day`), so the reconciliation and the owed total never disagree:

- **agree**: both records give the same account (both delivered, or both missed, for
  the same minutes; see `DayAccount.session_key`). The ledger counts the date once.
- **disputed**: one says delivered and the other missed, or the minutes (or whether a
  miss is owed) differ; also a date on which both have entries and one contradicts
  itself. The ledger sets the date aside: neither owed nor delivered until settled.
  Both missed for reasons the policy counts differently (one owed, one not) is disputed,
  not agree as issue 14's text has it: the reason decides what is owed, so agreeing would
  mean choosing one record's reason unsaid (`day_records`' module doc).
- **school only** / **parent only**: one record has entries on the date, the other
  none. The ledger counts that record's entries.
- **admitted**: the minutes of the school log's own missed entries whose reason the
  case's policy counts as owed (its `owed_reasons`), on days that required a session,
  counted once (the log's duplicate rows and self-contradicting dates left out, as the
  ledger leaves them out). What the district's log itself shows as not provided.
- **not as written**: dates with a session delivered other than as the IEP says: an
  entry with `delivered_as` (the import sets it with `not_as_written` below when the
  log's group or setting differs from the requirement's).

Missed entries on a day that requires nothing (a closure, outside the requirement's
dates) take no part, as in the ledger. `--json` gives exactly the shape of issue 14;
the dataclasses carry more (each date's two versions, the school rows' provenance) for
the text table, letters and the binder's exhibit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from iep_tui.domain.day_records import DaySettlement, Outcome
from iep_tui.domain.frequency import frequency_of
from iep_tui.domain.ledger import requirement_ledger, settle_dates
from iep_tui.domain.models import CaseBundle, LedgerPolicy, Provenance, Requirement, Session
from iep_tui.domain.required_minutes import SchoolDays

OUTCOMES: tuple[Outcome, ...] = ("agree", "disputed", "school-only", "parent-only")


@dataclass(frozen=True)
class DateComparison:
    """One requirement's date in both records."""

    date: date
    outcome: Outcome
    school: str
    """The school log's account in words ('delivered 30 min'); '' when it has no entry."""
    parent: str
    """The parent's record's account in words; '' when it has no entry."""
    school_ids: tuple[str, ...]
    parent_ids: tuple[str, ...]
    not_as_written: tuple[str, ...]
    """How sessions that day were delivered other than as written ('group of 5'), from either record."""
    disputed_minutes: int
    """Session minutes the ledger sets aside for this date (0 unless disputed or contradictory)."""
    provenance: tuple[Provenance, ...]
    """Where the school's entries came from (file, SHA-256, row), in the order entered."""

    def to_json(self) -> dict[str, object]:
        return {
            "date": self.date.isoformat(),
            "outcome": self.outcome,
            "school": self.school,
            "parent": self.parent,
            "school_ids": list(self.school_ids),
            "parent_ids": list(self.parent_ids),
            "not_as_written": list(self.not_as_written),
            "disputed_minutes": self.disputed_minutes,
            "provenance": [p.model_dump(mode="json") for p in self.provenance],
        }


@dataclass(frozen=True)
class RequirementReconciliation:
    """One requirement over one range: the two records compared date by date, and what the log admits."""

    requirement_id: str
    name: str
    start: date
    end: date
    dates: tuple[DateComparison, ...]
    """Every date either record has an entry on, in date order."""
    school_delivered_minutes: int
    """Minutes the school log shows delivered (as written or not; make-ups apart), counted once."""
    school_admitted_owed_minutes: int
    """Minutes of the log's own misses whose reason the policy counts as owed (see the module doc)."""
    admitted_ids: tuple[str, ...]
    """The school-log entries behind `school_admitted_owed_minutes`."""
    school_shortfall_minutes: int
    """Minutes the log's own partial sessions fell short (not in `admitted`: the log calls them delivered)."""
    school_makeup_minutes: int

    def dates_with(self, outcome: Outcome) -> tuple[date, ...]:
        return tuple(c.date for c in self.dates if c.outcome == outcome)

    @property
    def agree_dates(self) -> tuple[date, ...]:
        return self.dates_with("agree")

    @property
    def disputed_dates(self) -> tuple[date, ...]:
        return self.dates_with("disputed")

    @property
    def school_only_dates(self) -> tuple[date, ...]:
        return self.dates_with("school-only")

    @property
    def parent_only_dates(self) -> tuple[date, ...]:
        return self.dates_with("parent-only")

    @property
    def not_as_written_dates(self) -> tuple[date, ...]:
        return tuple(c.date for c in self.dates if c.not_as_written)

    @property
    def disputed(self) -> tuple[DateComparison, ...]:
        return tuple(c for c in self.dates if c.outcome == "disputed")

    @property
    def disputed_minutes(self) -> int:
        return sum(c.disputed_minutes for c in self.dates)

    @property
    def has_school_log(self) -> bool:
        return any(c.school_ids for c in self.dates)

    def to_json(self) -> dict[str, object]:
        """Exactly issue 14's row: name, the log's minutes, and the date lists (YYYY-MM-DD, date order)."""

        def iso(days: Iterable[date]) -> list[str]:
            return [day.isoformat() for day in days]

        return {
            "name": self.name,
            "school_delivered_minutes": self.school_delivered_minutes,
            "school_admitted_owed_minutes": self.school_admitted_owed_minutes,
            "agree_dates": iso(self.agree_dates),
            "disputed_dates": iso(self.disputed_dates),
            "school_only_dates": iso(self.school_only_dates),
            "parent_only_dates": iso(self.parent_only_dates),
            "not_as_written_dates": iso(self.not_as_written_dates),
        }


@dataclass(frozen=True)
class Reconciliation:
    """A case's reconciliation over one range, one row per requirement in checklist order."""

    start: date
    end: date
    requirements: tuple[RequirementReconciliation, ...]

    @property
    def has_school_log(self) -> bool:
        return any(r.has_school_log for r in self.requirements)

    @property
    def school_admitted_owed_minutes(self) -> int:
        return sum(r.school_admitted_owed_minutes for r in self.requirements)

    @property
    def disputed_count(self) -> int:
        """Disputed dates, over all requirements."""
        return sum(len(r.disputed_dates) for r in self.requirements)

    def to_json(self) -> dict[str, object]:
        """`iep-tui reconcile --json`: {"from", "to", "requirements": [...]} as issue 14 gives it."""
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "requirements": [r.to_json() for r in self.requirements],
        }


def has_imported_log(sessions: Iterable[Session], start: date, end: date) -> bool:
    """Whether rows imported from the district's log (source `school-log` with a `provenance`) fall in the range.

    Only then do the letters quote the log (`CaseView.district_log`) and the Dashboard show what it admits:
    an entry typed with source school-log names no file, so neither quotes a log it cannot name.
    """
    return any(s.source == "school-log" and s.provenance is not None and start <= s.date <= end for s in sessions)


def _comparison(day: DaySettlement) -> DateComparison:
    school = day.school.entries + day.school.duplicates if day.school else ()
    parent = day.parent.entries + day.parent.duplicates if day.parent else ()
    return DateComparison(
        date=day.date,
        outcome=day.outcome,
        school=day.school.describe() if day.school else "",
        parent=day.parent.describe() if day.parent else "",
        school_ids=tuple(s.id for s in school),
        parent_ids=tuple(s.id for s in parent),
        not_as_written=day.not_as_written,
        disputed_minutes=day.disputed_minutes,
        provenance=tuple(s.provenance for s in school if s.provenance is not None),
    )


def reconcile_requirement(
    requirement: Requirement,
    sessions: Iterable[Session],
    calendar: SchoolDays,
    start: date,
    end: date,
    policy: LedgerPolicy,
) -> RequirementReconciliation:
    """Compare the school's log with the parent's record for one requirement, `start` to `end` (both included)."""
    mine = [s for s in sessions if s.requirement_id == requirement.id]
    settled = settle_dates(requirement, mine, calendar, start, end, policy)
    school_log = [s for s in mine if s.source == "school-log"]
    # what the log alone shows, by the ledger's own rules (its duplicates, conflicts, off days)
    alone = requirement_ledger(requirement, school_log, calendar, start, end, policy)
    admitted = [e for e in alone.owed_entries if e.kind == "missed"]
    delivered = alone.delivered_minutes + (alone.not_as_written_minutes if policy.not_as_written_owed else 0)
    return RequirementReconciliation(
        requirement_id=requirement.id,
        name=requirement.name,
        start=start,
        end=end,
        dates=tuple(_comparison(day) for day in settled.days),
        school_delivered_minutes=delivered,
        school_admitted_owed_minutes=sum(e.minutes for e in admitted),
        admitted_ids=tuple(e.session_id for e in admitted),
        school_shortfall_minutes=alone.shortfall_minutes,
        school_makeup_minutes=alone.makeup_minutes,
    )


def reconcile_case(
    bundle: CaseBundle,
    calendar: SchoolDays,
    start: date,
    end: date,
    requirements: Sequence[Requirement] | None = None,
) -> Reconciliation:
    """Every requirement with a counted frequency or an entry in the range, in checklist order."""
    chosen = bundle.requirements if requirements is None else requirements
    by_requirement: dict[str, list[Session]] = {}
    for s in bundle.sessions:
        by_requirement.setdefault(s.requirement_id, []).append(s)
    rows = []
    for r in chosen:
        entries = by_requirement.get(r.id, [])
        frequency = frequency_of(r.frequency)
        if not (frequency is not None and frequency.counted) and not any(start <= s.date <= end for s in entries):
            continue
        rows.append(reconcile_requirement(r, entries, calendar, start, end, bundle.case.policy))
    return Reconciliation(start, end, tuple(rows))


# ---------------------------------------------------------------- the log's group or setting

GroupKind = Literal["individual", "group"]

_RATIO = re.compile(r"\b1\s*(?::|to|/)\s*(\d{1,2})\b")
_INDIVIDUAL = re.compile(r"\b(?:individual(?:ly)?|indiv|ind|one[ -]on[ -]one|1[ -]on[ -]1|private)\b")
_GROUP = re.compile(r"\b(?:group|grp|small[ -]group|class(?:room)?[ -]wide|whole[ -]class)\b")
_SETTINGS: dict[str, re.Pattern[str]] = {
    "pull-out": re.compile(r"\b(?:pull[ -]?out|resource room|therapy room|special education (?:room|classroom))\b"),
    "push-in": re.compile(
        r"\b(?:push[ -]?in|in (?:the )?(?:general education )?class(?:room)?|inclusion|co[ -]?taught)\b"
    ),
}


def group_kind(text: str) -> GroupKind | None:
    """'individual', 'group' or None, from a group column or an IEP's words ('1:5', 'Group', '1', 'Indiv')."""
    words = " ".join(text.lower().split())
    if not words:
        return None
    ratio = _RATIO.search(words)
    if ratio:
        return "individual" if int(ratio.group(1)) == 1 else "group"
    if words.isdigit():  # a group-size column: 1 is individual
        return "individual" if int(words) == 1 else "group" if int(words) > 1 else None
    individual, group = bool(_INDIVIDUAL.search(words)), bool(_GROUP.search(words))
    if individual != group:
        return "individual" if individual else "group"
    return None


def setting_kind(text: str) -> str | None:
    """'pull-out', 'push-in' or None, from a setting column or an IEP's words."""
    words = " ".join(text.lower().split())
    found = [name for name, pattern in _SETTINGS.items() if pattern.search(words)]
    return found[0] if len(found) == 1 else None


def not_as_written(requirement: Requirement, group: str = "", setting: str = "") -> str:
    """How a logged session differs from the requirement's group or setting, as `delivered_as`; '' when not.

    Only a clear difference counts: the IEP's words (its setting, then its text) must say
    individual or group (or pull-out or push-in), and the log's column the other
    ('Group 1:5' where the IEP says individual -> 'group (Group 1:5)'; a cell of just
    'Group' -> 'group', its words not repeated). Anything the words do not settle is not
    a difference.
    """
    iep = f"{requirement.setting} {requirement.text}"
    wanted, got = group_kind(requirement.setting) or group_kind(iep), group_kind(group)
    if wanted and got and wanted != got:
        cell = " ".join(group.split())
        return got if cell.lower() == got else f"{got} ({cell})"
    wanted_place, got_place = setting_kind(requirement.setting) or setting_kind(iep), setting_kind(setting)
    if wanted_place and got_place and wanted_place != got_place:
        return f"{got_place} ({' '.join(setting.split())})"
    return ""
