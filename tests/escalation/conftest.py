"""Fixtures for the escalation tests: a district calendar written out by hand, and cases.

The district calendar (Washington, 2026-27), which every hand count in these tests uses:

    first student day Wed 2026-09-02, last student day Thu 2027-06-17
    closed: Fri 2026-10-09 teacher workday; Wed 11-11 Veterans Day;
            Thu-Fri 11-26..27 Thanksgiving break; Mon 12-21..Fri 2027-01-01 winter break;
            Mon 2027-01-18 MLK Day; Mon 2027-05-31 Memorial Day
    open:   Mon 2026-10-12 (Columbus Day is not a Washington school holiday here)
    early release (still a school day): Wed 2026-11-25

    October 2026          November 2026         December 2026
    Mo Tu We Th Fr        Mo Tu We Th Fr        Mo Tu We Th Fr
              1  2         2  3  4  5  6            1  2  3  4
     5  6  7  8 [9]        9 10[11]12 13         7  8  9 10 11
    12 13 14 15 16        16 17 18 19 20        14 15 16 17 18
    19 20 21 22 23        23 24 25[26 27]      [21 22 23 24 25]
    26 27 28 29 30        30                   [28 29 30 31]
    ([d] = district closed)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from iep_tui.calendar.school_calendar import SchoolCalendar
from iep_tui.calendar.settings import CalendarSettings, Closure, EarlyRelease, SchoolYear
from iep_tui.domain.models import Case, CaseBundle, Contact, Incident, Requirement, Session
from iep_tui.store.case_store import CaseStore
from iep_tui.store.workspace import Workspace

D = date.fromisoformat


def district_settings(
    state: str = "WA", extra_closures: tuple[tuple[str, str | None, str], ...] = ()
) -> CalendarSettings:
    closures = [
        ("2026-10-09", None, "Teacher workday"),
        ("2026-11-11", None, "Veterans Day"),
        ("2026-11-26", "2026-11-27", "Thanksgiving break"),
        ("2026-12-21", "2027-01-01", "Winter break"),
        ("2027-01-18", None, "MLK Day"),
        ("2027-05-31", None, "Memorial Day"),
        *extra_closures,
    ]
    return CalendarSettings(
        state=state,
        school_years=[SchoolYear(first_day=D("2026-09-02"), last_day=D("2027-06-17"), label="2026-27")],
        closures=[Closure(start=D(s), end=D(e) if e else None, label=label) for s, e, label in closures],
        early_release=[EarlyRelease(day=D("2026-11-25"), label="Early release before Thanksgiving")],
    )


@pytest.fixture
def calendar() -> SchoolCalendar:
    return SchoolCalendar.from_settings(district_settings())


@pytest.fixture
def make_bundle() -> Callable[..., CaseBundle]:
    """A case with speech (a service), an elopement plan (safety-related) and extended time."""

    def build(state: str = "WA", contacts: tuple[str, ...] = ("case-manager", "principal"), **lists: Any) -> CaseBundle:
        case = Case(
            id="case-esc",
            student="Test Student",
            state=state,
            calendar=district_settings(state),
            contacts=[Contact(role=r, name=r.title()) for r in contacts],
        )
        requirements = [
            Requirement(
                id="req-speech",
                kind="service",
                name="Speech therapy",
                text="Speech 30 minutes twice weekly",
                frequency="30 min 2x weekly",
                provider_role="slp",
            ),
            Requirement(
                id="req-elope",
                kind="support",
                name="Elopement plan",
                text="Adult within arm's reach at transitions",
                safety=True,
            ),
            Requirement(id="req-ext", kind="accommodation", name="Extended time", text="1.5x time on tests"),
        ]
        return CaseBundle(case=case, requirements=lists.pop("requirements", requirements), **lists)

    return build


def missed(session_id: str, day: str, reason: str = "provider-absent", requirement: str = "req-speech") -> Session:
    return Session(id=session_id, requirement_id=requirement, date=D(day), status="missed", minutes=30, reason=reason)


def delivered(session_id: str, day: str, requirement: str = "req-speech") -> Session:
    return Session(id=session_id, requirement_id=requirement, date=D(day), status="delivered", minutes=30)


def incident(incident_id: str, day: str, what: str = "Accommodation not provided", **fields: Any) -> Incident:
    return Incident(id=incident_id, date=D(day), what=what, **fields)


@pytest.fixture
def entries() -> Any:
    """Builders for sessions and incidents: entries.missed(...), entries.delivered(...), entries.incident(...)."""

    class Entries:
        pass

    e = Entries()
    e.missed = missed  # type: ignore[attr-defined]
    e.delivered = delivered  # type: ignore[attr-defined]
    e.incident = incident  # type: ignore[attr-defined]
    return e


@pytest.fixture
def store_case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[CaseBundle], tuple[CaseStore, str]]:
    """Store a bundle in a fresh workspace that the CLI uses too (IEP_TUI_WORKSPACE)."""
    root = tmp_path / "workspace"
    monkeypatch.setenv("IEP_TUI_WORKSPACE", str(root))

    def save(bundle: CaseBundle) -> tuple[CaseStore, str]:
        store = CaseStore(Workspace(root).ensure())
        store.create(bundle)
        return store, bundle.case.id

    return save


@pytest.fixture
def set_today(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    def fix(day: str) -> None:
        monkeypatch.setenv("IEP_TUI_TODAY", day)

    return fix
