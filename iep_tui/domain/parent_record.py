"""What the parent's own record shows, beside the district's imported service log.

A letter says "my log shows ..." of the parent's record only: the entries from the
parent's sources (`day_records.PARENT_SOURCES`: parent-observation, provider-note).
Once rows of the district's own log are imported (`CaseView.district_log`), the ledger
counts both records (a date once where they agree, the district's row where only it has
an entry), and the letters quote the district's log on its own. So, with a district log:

- **own failures** (`own_failures`): the failures a letter may cite as "from my log":
  incidents, and the parent's own session entries the ledger counts, or counts once
  through the district's identical entry (a date both records agree on: the parent's
  entry is cited, not the district's row). A failure only the district's log records
  is not one of them.
- **owed shares** (`owed_shares`): the ledger's owed entries split by whose record has
  the date: on dates the parent's record has an entry on (agree or parent only), and on
  dates only the district's log has one (school only). Disputed dates are set aside by
  the ledger and are in neither. parent + district only - make-up credit = owed.

Without a district log every entry is the parent's log, as before (entries typed with
source school-log name no file a letter could quote as the district's).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from iep_tui.domain.case_view import CaseView, Example, LogEntry
from iep_tui.domain.day_records import PARENT_SOURCES
from iep_tui.domain.ledger import UNCERTAIN_FLAGS


def district_only_days(view: CaseView) -> frozenset[tuple[str, date]]:
    """(requirement id, date) of every date only the district's log has an entry on (none without one)."""
    log = view.district_log
    if log is None:
        return frozenset()
    return frozenset(
        (row.requirement_id, day.date)
        for row in log.reconciliation.requirements
        for day in row.dates
        if day.outcome == "school-only"
    )


def is_parents(entry: LogEntry) -> bool:
    return entry.session.source in PARENT_SOURCES


def counted_once(view: CaseView) -> dict[str, LogEntry]:
    """Entries the ledger counts once through the other record's identical entry of the same date and
    service (`RequirementLedger.counted_once_ids`) -> that counted entry (when it is in the service log)."""
    once = {i for row in view.ledgers for i in row.counted_once_ids}
    if not once:
        return {}
    owed = {(e.session.requirement_id, e.date, is_parents(e)): e for e in view.log if e.owed}
    found = {}
    for entry in view.log:
        if entry.session.id in once:
            counted = owed.get((entry.session.requirement_id, entry.date, not is_parents(entry)))
            if counted is not None:
                found[entry.session.id] = counted
    return found


def own_failures(view: CaseView) -> list[Example]:
    """The failures a letter may cite as the parent's own log (see the module doc), in date order."""
    failures = view.failures()
    if view.district_log is None:
        return failures
    own = [e for e in failures if not isinstance(e.entry, LogEntry) or is_parents(e.entry)]
    counted = counted_once(view)
    for entry in view.log:
        through = counted.get(entry.session.id)
        if is_parents(entry) and through is not None and through.flag not in UNCERTAIN_FLAGS:
            own.append(view.example_of(entry))
    return sorted(own, key=lambda e: (e.date, e.ref))


@dataclass(frozen=True)
class OwedShares:
    """The owed minutes by whose record has the date (see the module doc)."""

    parent_minutes: int
    """Owed entries on dates the parent's record has an entry on."""
    district_only_minutes: int
    """Owed entries on dates only the district's log has an entry on."""
    district_only_dates: tuple[date, ...]
    credited_minutes: int
    """Make-up minutes credited against them (never more than a service owed)."""


def owed_shares(view: CaseView) -> OwedShares:
    """The counted services' owed entries split by record; with no district log, all are the parent's."""
    district = district_only_days(view)
    parent = alone = credited = 0
    dates: set[date] = set()
    for line in view.services:
        ledger = line.ledger
        for entry in ledger.owed_entries:
            if (ledger.requirement_id, entry.date) in district:
                alone += entry.minutes
                dates.add(entry.date)
            else:
                parent += entry.minutes
        credited += ledger.owed_before_makeup - ledger.owed_minutes
    return OwedShares(parent, alone, tuple(sorted(dates)), credited)
