"""Everything the panes of one case show, gathered from the services in one worker call.

No number is computed here: minutes come from the ledger, due dates and statuses
from the escalation ladder and the calendar engine, urgency from the safety rules.
This module only asks them, once per load, so the panes can render without I/O
and without blocking the interface.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iep_tui.calendar.school_calendar import SchoolCalendar
    from iep_tui.domain.escalation_ladder import StepView
    from iep_tui.domain.filing_windows import FilingWindow
    from iep_tui.domain.ledger import RequirementLedger
    from iep_tui.domain.meeting_agenda import ActionView
    from iep_tui.domain.models import CaseBundle, EscalationStep, Incident, Requirement, Session
    from iep_tui.domain.next_steps import Suggestion
    from iep_tui.domain.reconciliation import Reconciliation
    from iep_tui.domain.safety import SafetyUrgency
    from iep_tui.services.deadlines_service import Deadline
    from iep_tui.store.case_store import CaseStore


@dataclass
class CaseData:
    """One case as the panes show it (built off the UI thread)."""

    bundle: CaseBundle
    today: date
    calendar: SchoolCalendar
    ledger: list[RequirementLedger]
    """One per requirement, checklist order."""
    steps: list[StepView]
    """One per escalation step, ladder order."""
    actions: list[ActionView]
    """One per agreed meeting action."""
    windows: list[FilingWindow]
    """One per complaint route."""
    urgency: SafetyUrgency | None
    """When a safety failure waits for escalation, else None."""
    suggestions: list[Suggestion]
    """Suggested next steps, most urgent first (each says why)."""
    deadlines: list[Deadline]
    """Overdue first, then soonest."""
    ledger_range: tuple[date, date]
    policy_text: str = ""
    estimate: bool = False
    reconciliation: Reconciliation | None = None
    """The district's log against the parent's record over the ledger's range, as the letters quote it
    (None: no row imported from the log in the range; entries typed with source school-log name no file)."""
    _ledger_by_id: dict[str, RequirementLedger] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._ledger_by_id = {row.requirement_id: row for row in self.ledger}

    # ---- lookups the panes use (no arithmetic)

    @property
    def case_id(self) -> str:
        return self.bundle.case.id

    def ledger_for(self, requirement_id: str) -> RequirementLedger | None:
        return self._ledger_by_id.get(requirement_id)

    def sessions_for(self, requirement_id: str) -> list[Session]:
        rows = [s for s in self.bundle.sessions if s.requirement_id == requirement_id]
        return sorted(rows, key=lambda s: (s.date, s.created), reverse=True)

    def incidents_for(self, requirement_id: str | None) -> list[Incident]:
        rows = [i for i in self.bundle.incidents if requirement_id is None or requirement_id in i.requirement_ids]
        return sorted(rows, key=lambda i: (i.date, i.created), reverse=True)

    def last_entry(self, requirement_id: str) -> date | None:
        dates = [s.date for s in self.bundle.sessions if s.requirement_id == requirement_id]
        dates += [i.date for i in self.bundle.incidents if requirement_id in i.requirement_ids]
        return max(dates) if dates else None

    def requirement(self, requirement_id: str) -> Requirement | None:
        return self.bundle.requirement(requirement_id)

    def requirement_names(self, ids: list[str]) -> str:
        names = [r.name for rid in ids if (r := self.bundle.requirement(rid)) is not None]
        return ", ".join(names)

    def is_safety_incident(self, incident: Incident) -> bool:
        from iep_tui.domain.safety import is_safety_incident

        return is_safety_incident(self.bundle, incident)

    def recent_entries(self, limit: int) -> list[Session | Incident]:
        """The newest sessions and incidents, newest first (what was logged lately)."""
        rows: list[Session | Incident] = [*self.bundle.sessions, *self.bundle.incidents]
        return sorted(rows, key=lambda r: (r.date, r.created), reverse=True)[:limit]

    def waiting_draft(self, suggested: EscalationStep) -> EscalationStep | None:
        """A stored, unsent draft of the same kind that already cites everything `suggested` cites.

        A lookup, so `n` and `!` open the draft already saved instead of saving a second one;
        the safety rules themselves count a failure as escalated only by a step that was sent.
        """
        from iep_tui.domain.safety import is_safety_step

        wanted_incidents, wanted_sessions = set(suggested.incident_ids), set(suggested.session_ids)
        safety = is_safety_step(self.bundle, suggested)  # a safety notice is never a compliance notice's draft
        drafts = [
            s
            for s in self.bundle.escalations
            if s.status == "draft"
            and s.kind == suggested.kind
            and is_safety_step(self.bundle, s) == safety
            and wanted_incidents <= set(s.incident_ids)
            and wanted_sessions <= set(s.session_ids)
        ]
        return max(drafts, key=lambda s: s.created) if drafts else None

    @property
    def owed_total(self) -> int:
        return sum(row.owed_minutes for row in self.ledger)

    @property
    def overdue(self) -> list[Deadline]:
        return [d for d in self.deadlines if d.overdue]

    @property
    def upcoming(self) -> list[Deadline]:
        return [d for d in self.deadlines if not d.overdue and d.due >= self.today]


def build_case_data(store: CaseStore, case_id: str, today: date) -> CaseData:
    """Load a case and ask every service for what the panes show; remember its first numbers."""
    from iep_tui.store.numbers_cache import write_numbers

    version, data = load_case_data(store, case_id, today)
    write_numbers(store.workspace.data, {case_id: (version, case_numbers(data))}, today.isoformat())
    return data


def load_case_data(store: CaseStore, case_id: str, today: date) -> tuple[list[int] | None, CaseData]:
    """The case file's version (taken before reading it) and what the panes show."""
    from iep_tui.store.numbers_cache import signature

    version = signature(store.case_path(case_id))
    return version, case_data_from_bundle(store.load(case_id), today)


def case_numbers(data: CaseData) -> dict[str, object]:
    """What a caseload row and a case's first frame show, as JSON for the numbers cache.

    Only copies of numbers the ledger, the ladder and the safety rules computed: the
    cache gives them a head start, never a value of its own.
    """
    case = data.bundle.case
    upcoming = data.upcoming
    start, end = data.ledger_range
    return {
        "student": case.student,
        "grade": case.grade,
        "school": case.school,
        "is_demo": case.is_demo,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "estimate": data.estimate,
        "rows": [[r.name, r.owed_minutes, r.required_minutes, r.unaccounted_minutes] for r in data.ledger if r.counted],
        "owed_total": data.owed_total,
        "next_due": upcoming[0].due.isoformat() if upcoming else None,
        "next_what": upcoming[0].what if upcoming else "",
        "overdue": len(data.overdue),
        "safety": data.urgency is not None,
    }


def case_data_from_bundle(bundle: CaseBundle, today: date) -> CaseData:
    from iep_tui.domain.ledger import describe_policy
    from iep_tui.domain.reconciliation import has_imported_log
    from iep_tui.services import escalation_service
    from iep_tui.services.calendar_service import case_calendar
    from iep_tui.services.deadlines_service import case_deadlines

    calendar = case_calendar(bundle.case)
    (start, end), ledger = _ledger(bundle, calendar, today)
    overview = escalation_service.overview(bundle, today)
    compared = None
    if has_imported_log(bundle.sessions, start, end):  # what the letters quote (CaseView.district_log), no more
        from iep_tui.services.school_log_service import reconciliation

        compared = reconciliation(bundle, today, start, end)
    deadlines = case_deadlines(bundle, today, overview)
    return CaseData(
        bundle=bundle,
        today=today,
        calendar=calendar,
        ledger=ledger,
        steps=overview.steps,
        actions=overview.actions,
        windows=overview.windows,
        urgency=overview.urgency,
        suggestions=overview.suggestions,
        deadlines=deadlines,
        ledger_range=(start, end),
        policy_text=describe_policy(bundle.case.policy),
        estimate=calendar.estimate,
        reconciliation=compared,
    )


def _ledger(
    bundle: CaseBundle, calendar: SchoolCalendar, today: date
) -> tuple[tuple[date, date], list[RequirementLedger]]:
    """The ledger the CLI's `owed` shows by default (from the IEP's start to today)."""
    from iep_tui.services.ledger_service import ledger_report

    report = ledger_report(bundle, today)
    return (report.start, report.end), report.rows
