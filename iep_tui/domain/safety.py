"""Safety urgency: a safety-related failure that no sent step has escalated yet.

A requirement marked safety-related (elopement plan, seizure plan, de-escalation or
BIP steps, toileting, health plan, transport aide) whose failure is logged makes the
case urgent. A failure is:

- an incident flagged `safety`, or linked to a safety-related requirement;
- a missed session of a safety-related requirement, when the case's policy counts
  its reason as owed (a session missed because the school was closed or the child
  was absent is not the school's failure).

It stays urgent until a sent step (not a draft) links it, through `incident_ids` or
`session_ids`. The suggested step is the practice advocates recommend (legal-rules.md
8.2): a same-day written notice to leadership (principal and special-education director,
copied to the case manager) describing the failure and the IEP provision not
followed, with a request for an immediate meeting. No federal rule sets a day count
for it: the one-school-day response it asks for is practice, labeled as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from iep_tui.domain.escalation_ladder import (
    Evidence,
    incident_evidence,
    is_failure_session,
    not_owed_missed_ids,
    session_evidence,
)
from iep_tui.domain.models import CaseBundle, EscalationStep, Incident, Session
from iep_tui.domain.roles import case_role

SAFETY_NOTICE_TO: tuple[str, ...] = ("principal", "special-education-director")
SAFETY_NOTICE_CC: tuple[str, ...] = ("case-manager",)
SAFETY_RESPONSE_SCHOOL_DAYS = 1
"""The immediate meeting asked for: within one school day (practice, not a legal clock)."""

SAFETY_PRACTICE_NOTE = (
    "No federal rule sets a day count for a safety failure; a same-day written notice and an "
    "immediate meeting are what advocates recommend (practice, not law)."
)


@dataclass(frozen=True)
class SafetyFailure:
    """One logged failure of a safety-related support, and the steps that escalated it."""

    evidence: Evidence
    requirement_names: tuple[str, ...]
    escalated_by: tuple[str, ...]

    @property
    def escalated(self) -> bool:
        return bool(self.escalated_by)

    @property
    def date(self) -> date | None:
        return self.evidence.date

    def describe(self) -> str:
        names = ", ".join(self.requirement_names) or "a safety-related support"
        evidence = self.evidence
        return f"{names} not followed on {_iso(self.date)} ({evidence.kind} {evidence.id}): {evidence.summary}"

    def to_json(self) -> dict[str, Any]:
        return {
            **self.evidence.to_json(),
            "requirements": list(self.requirement_names),
            "escalated_by": list(self.escalated_by),
        }


def _iso(day: date | None) -> str:
    return day.isoformat() if day else "an unknown date"


def _safety_requirement_ids(bundle: CaseBundle) -> set[str]:
    return {r.id for r in bundle.requirements if r.safety}


def is_safety_incident(bundle: CaseBundle, incident: Incident) -> bool:
    return incident.safety or bool(set(incident.requirement_ids) & _safety_requirement_ids(bundle))


def is_safety_session_failure(bundle: CaseBundle, session: Session, not_owed: frozenset[str] | None = None) -> bool:
    return session.requirement_id in _safety_requirement_ids(bundle) and is_failure_session(bundle, session, not_owed)


def is_safety_step(bundle: CaseBundle, step: EscalationStep) -> bool:
    """A step that cites safety failures and nothing else: the same-day safety notice (recorded
    as a compliance-notice step), told apart from a compliance notice that also cites them."""
    safety_requirements = _safety_requirement_ids(bundle)
    safety_ids = {i.id for i in bundle.incidents if is_safety_incident(bundle, i)} | {
        s.id for s in bundle.sessions if s.requirement_id in safety_requirements
    }
    cited = set(step.incident_ids) | set(step.session_ids)
    return bool(cited) and cited <= safety_ids


def _linking_steps(bundle: CaseBundle, kind: str, record_id: str) -> tuple[str, ...]:
    field = "incident_ids" if kind == "incident" else "session_ids"
    return tuple(
        step.id
        for step in bundle.escalations
        if step.status != "draft" and step.sent is not None and record_id in getattr(step, field)
    )


def safety_failures(bundle: CaseBundle) -> list[SafetyFailure]:
    """Every safety-related failure, oldest first, with the sent steps that cite it."""
    names = {r.id: r.name for r in bundle.requirements}
    found: list[SafetyFailure] = []
    for incident in bundle.incidents:
        if is_safety_incident(bundle, incident):
            req_names = tuple(names[i] for i in incident.requirement_ids if i in names and _is_safety(bundle, i))
            found.append(
                SafetyFailure(incident_evidence(incident), req_names, _linking_steps(bundle, "incident", incident.id))
            )
    safety_ids = _safety_requirement_ids(bundle)
    missed = [s for s in bundle.sessions if s.requirement_id in safety_ids and s.status == "missed"]
    not_owed = not_owed_missed_ids(bundle) if missed else frozenset()
    for session in missed:
        if is_safety_session_failure(bundle, session, not_owed):
            found.append(
                SafetyFailure(
                    session_evidence(bundle, session),
                    (names.get(session.requirement_id, session.requirement_id),),
                    _linking_steps(bundle, "session", session.id),
                )
            )
    return sorted(found, key=lambda f: (f.date or date.min, f.evidence.kind, f.evidence.id))


def _is_safety(bundle: CaseBundle, requirement_id: str) -> bool:
    requirement = bundle.requirement(requirement_id)
    return bool(requirement and requirement.safety)


def unescalated_safety_failures(bundle: CaseBundle) -> list[SafetyFailure]:
    return [f for f in safety_failures(bundle) if not f.escalated]


@dataclass(frozen=True)
class SafetyUrgency:
    """The case is urgent: these failures wait for a same-day notice, drafted here."""

    failures: tuple[SafetyFailure, ...]
    draft: EscalationStep
    send_by: date

    @property
    def headline(self) -> str:
        count = len(self.failures)
        first = self.failures[0]
        more = f" and {count - 1} more" if count > 1 else ""
        return f"safety: {first.describe()}{more}; not yet escalated"

    def to_json(self) -> dict[str, Any]:
        return {
            "headline": self.headline,
            "send_by": self.send_by.isoformat(),
            "failures": [f.to_json() for f in self.failures],
            "suggested_step": {
                "kind": self.draft.kind,
                "to": list(self.draft.to_roles),
                "cc": list(self.draft.cc_roles),
                "asked": self.draft.asked,
                "incidents": list(self.draft.incident_ids),
                "sessions": list(self.draft.session_ids),
                "due_count": self.draft.due_count,
                "due_day_kind": self.draft.due_day_kind,
                "note": SAFETY_PRACTICE_NOTE,
            },
        }


def safety_notice_request(failures: tuple[SafetyFailure, ...]) -> str:
    """What the same-day notice asks for, naming each failure by date."""
    dates = ", ".join(sorted({_iso(f.date) for f in failures}))
    supports = ", ".join(sorted({n for f in failures for n in f.requirement_names})) or "safety-related supports"
    return (
        f"The IEP's {supports} was not followed on {dates}. I request an immediate meeting to review and "
        "strengthen the plan; written incident reports and immediate notice of any further incident; "
        "written confirmation that every responsible staff member has the plan and has been told their "
        "duties (34 CFR 300.323(d)); and a back-up plan for when the responsible staff member is absent."
    )


def safety_urgency(bundle: CaseBundle, today: date) -> SafetyUrgency | None:
    """The urgent item and its drafted notice, or None when every safety failure was escalated."""
    waiting = tuple(unescalated_safety_failures(bundle))
    if not waiting:
        return None
    draft = EscalationStep(
        kind="compliance-notice",
        status="draft",
        channel="email",
        to_roles=[case_role(bundle.case, r) for r in SAFETY_NOTICE_TO],
        cc_roles=[case_role(bundle.case, r) for r in SAFETY_NOTICE_CC],
        asked=safety_notice_request(waiting),
        incident_ids=[f.evidence.id for f in waiting if f.evidence.kind == "incident"],
        session_ids=[f.evidence.id for f in waiting if f.evidence.kind == "session"],
        due_count=SAFETY_RESPONSE_SCHOOL_DAYS,
        due_day_kind="school",
    )
    return SafetyUrgency(failures=waiting, draft=draft, send_by=today)
