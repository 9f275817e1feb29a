"""Accommodation failures: per accommodation, how many incidents each week say it failed.

An incident names the requirements it concerns (`requirement_ids`); each named
requirement counts the incident once, in the week (Monday to Sunday) of its date.
Every accommodation is listed, even with no failure (that is information too), and
any other requirement (a support, a service, a placement) is listed when an incident
names it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from iep_tui.calendar.school_calendar import week_of
from iep_tui.domain.models import CaseBundle, Incident


@dataclass(frozen=True)
class WeekFailures:
    week: date
    """The Monday of the week."""
    incident_ids: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.incident_ids)


@dataclass(frozen=True)
class AccommodationFailures:
    requirement_id: str
    name: str
    kind: str
    safety: bool
    weeks: tuple[WeekFailures, ...]
    """Only weeks with at least one failure, in date order."""

    @property
    def total(self) -> int:
        return sum(w.count for w in self.weeks)

    def in_week(self, day: date) -> int:
        monday = week_of(day)
        return next((w.count for w in self.weeks if w.week == monday), 0)

    def to_json(self) -> dict[str, object]:
        return {
            "requirement_id": self.requirement_id,
            "name": self.name,
            "kind": self.kind,
            "safety": self.safety,
            "total": self.total,
            "weeks": [
                {"week": w.week.isoformat(), "failures": w.count, "incident_ids": list(w.incident_ids)}
                for w in self.weeks
            ],
        }


def accommodation_failures(
    bundle: CaseBundle, start: date | None = None, end: date | None = None
) -> list[AccommodationFailures]:
    """Failures per week for every accommodation and every requirement an incident names."""
    by_requirement: dict[str, dict[date, list[Incident]]] = defaultdict(lambda: defaultdict(list))
    for incident in sorted(bundle.incidents, key=lambda i: (i.date, i.created, i.id)):
        if (start and incident.date < start) or (end and incident.date > end):
            continue
        for requirement_id in dict.fromkeys(incident.requirement_ids):
            by_requirement[requirement_id][week_of(incident.date)].append(incident)
    out = []
    for requirement in bundle.requirements:
        weeks = by_requirement.get(requirement.id)
        if requirement.kind != "accommodation" and not weeks:
            continue
        rows = tuple(
            WeekFailures(monday, tuple(i.id for i in incidents)) for monday, incidents in sorted((weeks or {}).items())
        )
        out.append(AccommodationFailures(requirement.id, requirement.name, requirement.kind, requirement.safety, rows))
    return out
