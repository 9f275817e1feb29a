"""Filing windows from the evidence: how long each complaint route stays open.

For each route the window is computed per logged failure (an incident, or a missed
session the case's policy counts as owed) from the rule of the calendar engine, and
the answer is the one that closes first among the failures still inside it: "the
state-complaint window for the oldest failure still inside it closes on ...".

- State complaint: the violation must have occurred not more than one year before
  the state agency *receives* the complaint (34 CFR 300.153(c)); rule purpose
  `state-complaint-filing`. The last day is the anniversary of the failure.
- Due process: two years from when the parent knew or should have known
  (34 CFR 300.507(a)(2), 300.511(e)), or the state's own limit; rule purpose
  `due-process-filing`. Counted here from the
  failure date, the earliest the parent can have known, so the date is conservative.
- OCR: 180 calendar days from the discriminatory act (34 CFR 100.7(b) via 104.61);
  rule purpose `ocr-complaint`. For discrimination that continues, OCR counts from the most
  recent act; the oldest act still inside is shown so none is lost by waiting.

A window closing within WARNING_DAYS (30 calendar days) is `closing-soon`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from iep_tui.calendar import deadline_rules
from iep_tui.calendar.day_count import iso_or_none
from iep_tui.calendar.school_calendar import SchoolCalendar
from iep_tui.domain.escalation_ladder import Evidence, failure_evidence
from iep_tui.domain.models import CaseBundle
from iep_tui.errors import InputError

WARNING_DAYS = 30
"""A window closing this many calendar days from today, or fewer, is `closing-soon`."""

WindowStatus = Literal["open", "closing-soon", "closed", "no-failures"]


@dataclass(frozen=True)
class WindowRoute:
    id: str
    title: str
    purpose: str
    """The calendar engine's rule purpose: a state rule for it replaces the federal one."""
    note: str


ROUTES: tuple[WindowRoute, ...] = (
    WindowRoute(
        "state-complaint",
        "State complaint",
        "state-complaint-filing",
        "The complaint must be received by the state agency by this date; send the district a copy the same day "
        "(34 CFR 300.153(d)).",
    ),
    WindowRoute(
        "due-process",
        "Due process complaint",
        "due-process-filing",
        "Counted from the failure date; the law counts from when you knew or should have known, which may be "
        "later, and your state may set its own limit.",
    ),
    WindowRoute(
        "ocr-complaint",
        "OCR complaint (Section 504 / ADA)",
        "ocr-complaint",
        "For disability discrimination, exclusion or retaliation; for discrimination that continues, OCR counts "
        "from the most recent act. OCR may waive the limit for good cause.",
    ),
)


@dataclass(frozen=True)
class FilingWindow:
    """One complaint route's window over the case's failures."""

    route: str
    title: str
    rule_id: str
    citation: str
    status: WindowStatus
    closes: date | None
    today: date
    oldest_inside: Evidence | None
    latest_closes: date | None
    failures_inside: int
    failures_outside: int
    note: str

    @property
    def days_left(self) -> int | None:
        return None if self.closes is None else (self.closes - self.today).days

    @property
    def warning(self) -> bool:
        return self.status == "closing-soon"

    def describe(self) -> str:
        """One line citing the oldest failure by kind and id ('session ses-...'): for screens
        that link to the record. `sentence()` is the same line for people, without the id."""
        return self._line(f", {self.oldest_inside.cite()}" if self.oldest_inside else "")

    def sentence(self) -> str:
        """One line naming the oldest failure by what happened and its date, no internal id
        (`iep-tui windows`; the id stays in `to_json`)."""
        return self._line(f": {self.oldest_inside.label()}" if self.oldest_inside else "")

    def _line(self, oldest: str) -> str:
        if self.status == "no-failures":
            return f"{self.title}: no failures logged yet"
        if self.status == "closed":
            return (
                f"{self.title}: closed for all {self.failures_outside} logged failures "
                f"({self.rule_id}, {self.citation})"
            )
        assert self.closes is not None and self.oldest_inside is not None
        left = self.days_left
        when = "today" if left == 0 else f"in {left} day{'s' if left != 1 else ''}"
        text = (
            f"{self.title}: closes {self.closes.isoformat()} ({when}) for the oldest failure still inside"
            f"{oldest} ({self.rule_id}, {self.citation})"
        )
        if self.status == "closing-soon":
            text = "WARNING " + text
        if self.failures_outside:
            text += f"; {self.failures_outside} older failure(s) already outside"
        return text

    def to_json(self) -> dict[str, Any]:
        return {
            "route": self.route,
            "title": self.title,
            "rule": self.rule_id,
            "citation": self.citation,
            "status": self.status,
            "closes": iso_or_none(self.closes),
            "days_left": self.days_left,
            "warning": self.warning,
            "oldest_inside": None if self.oldest_inside is None else self.oldest_inside.to_json(),
            "latest_closes": iso_or_none(self.latest_closes),
            "failures_inside": self.failures_inside,
            "failures_outside": self.failures_outside,
            "note": self.note,
        }


def window_for(
    route: WindowRoute,
    failures: Sequence[Evidence],
    calendar: SchoolCalendar,
    state: str,
    today: date,
) -> FilingWindow:
    """The route's window over these failures (each dated; undated ones are ignored)."""
    rule = deadline_rules.rule_for(route.purpose, state)
    if rule is None:
        raise InputError(f"No deadline rule serves {route.purpose!r}; reinstall iep-tui.")
    closing: list[tuple[date, Evidence]] = []
    outside = 0
    for failure in failures:
        if failure.date is None:
            continue
        closes = deadline_rules.deadline_for_rule(calendar, failure.date, rule).due
        if closes is None:
            continue
        if closes >= today:
            closing.append((closes, failure))
        else:
            outside += 1

    def window(status: WindowStatus, closes: date | None, oldest: Evidence | None, latest: date | None) -> FilingWindow:
        return FilingWindow(
            route=route.id,
            title=route.title,
            rule_id=rule.id,
            citation=rule.citation,
            status=status,
            closes=closes,
            today=today,
            oldest_inside=oldest,
            latest_closes=latest,
            failures_inside=len(closing),
            failures_outside=outside,
            note=route.note,
        )

    if not closing:
        return window("closed" if outside else "no-failures", None, None, None)
    closing.sort(key=lambda item: (item[0], item[1].date or date.min, item[1].id))
    closes, oldest = closing[0]
    return window("closing-soon" if (closes - today).days <= WARNING_DAYS else "open", closes, oldest, closing[-1][0])


def filing_windows(bundle: CaseBundle, calendar: SchoolCalendar, today: date) -> list[FilingWindow]:
    """The state-complaint, due-process and OCR windows for the case's logged failures."""
    failures = failure_evidence(bundle)
    return [window_for(route, failures, calendar, bundle.case.state, today) for route in ROUTES]
