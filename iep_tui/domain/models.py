"""The vocabulary of DESIGN.md as pydantic models: Case, Requirement, Session, ...

Every stored record carries a stable id, created/updated timestamps (when it was
entered, as distinct from the date it describes) and a `version` the store bumps on
each save, so an edit made from a stale copy is detected instead of overwriting.
"""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from iep_tui.calendar.day_field import Day
from iep_tui.calendar.settings import CalendarSettings
from iep_tui.calendar.states import normalize_state
from iep_tui.domain.role_spellings import spellings
from iep_tui.domain.text import Line, OptionalRole, Paragraph, Role
from iep_tui.domain.vocabulary import (
    DEFAULT_OWED_REASONS,
    Channel,
    DayKind,
    IncidentKind,
    MeetingStatus,
    MissReason,
    PartialPeriodPolicy,
    RequirementKind,
    SessionStatus,
    Source,
    StepKind,
    StepStatus,
    Weekday,
)
from iep_tui.limits import LIST_MAX, WEEK_COUNT_MAX, WEEK_MINUTES_MAX

SCHEMA_VERSION = 2
"""Version of the stored and interchange format; bump with a migration in `store.schema`."""


def new_id() -> str:
    """A short random id: unique enough per workspace, short enough to type a prefix of."""
    return secrets.token_hex(5)


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class Model(BaseModel):
    """Strict: an unknown field is an error, never silently dropped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)


class Revision(Model):
    """One earlier state of a record, kept when an edit needed a reason (audit trail)."""

    at: datetime = Field(default_factory=utc_now)
    reason: Paragraph = ""
    before: dict[str, Any] = Field(default_factory=dict)


class Record(Model):
    """Anything stored as its own row: identity, timestamps and an edit version."""

    id: str = Field(default_factory=new_id, pattern=r"^[0-9a-z][0-9a-z-]{2,40}$")
    created: datetime = Field(default_factory=utc_now)
    updated: datetime = Field(default_factory=utc_now)
    version: int = Field(default=0, ge=0)
    history: list[Revision] = Field(default_factory=list)


# ---------------------------------------------------------------- case


class Contact(Model):
    """A person by role: the role is what letters address ('case-manager', 'principal')."""

    role: Role
    name: Line = ""
    title: Line = ""
    email: Line = ""
    phone: Line = ""
    address: Paragraph = ""


class LedgerPolicy(Model):
    """Per-case choices that change the numbers; shown to the user beside them."""

    owed_reasons: list[MissReason] = Field(default_factory=lambda: list(DEFAULT_OWED_REASONS))
    partial_period: PartialPeriodPolicy = "prorate"
    session_days: dict[str, list[Weekday]] = Field(
        default_factory=dict,
        description="requirement id -> the weekdays its sessions are scheduled on (the `sessions` policy)",
    )
    not_as_written_owed: bool = Field(
        default=True,
        description="minutes of sessions delivered other than as the IEP says (`delivered_as`) are owed",
    )


class Case(Record):
    """One student."""

    student: Line = Field(min_length=1, max_length=120)
    school: Line = ""
    district: Line = ""
    state: str = Field(description="two-letter state code; it decides holidays and state deadline rules")
    grade: Line = ""
    address: Paragraph = ""
    iep_effective: Day | None = None
    annual_review_due: Day | None = None
    reevaluation_due: Day | None = None
    date_of_birth: Day | None = None
    student_id: Line = ""
    contacts: list[Contact] = Field(default_factory=list, max_length=LIST_MAX)
    calendar: CalendarSettings = Field(default_factory=CalendarSettings)
    policy: LedgerPolicy = Field(default_factory=LedgerPolicy)
    notes: Paragraph = ""
    is_demo: bool = False
    archived: bool = Field(default=False, description="hidden from the caseload, kept on disk")

    @field_validator("state")
    @classmethod
    def _state(cls, value: str) -> str:
        return normalize_state(value)

    @model_validator(mode="after")
    def _calendar_state(self) -> Case:
        if self.calendar.state != self.state:
            self.calendar = self.calendar.model_copy(update={"state": self.state})
        return self

    def contact(self, role: str) -> Contact | None:
        """The contact for `role` under any of its spellings (`role_spellings.spellings`), if any."""
        for spelling in spellings(role):
            found = next((c for c in self.contacts if c.role == spelling), None)
            if found is not None:
                return found
        return None


# ---------------------------------------------------------------- checklist and evidence


class Requirement(Record):
    """One line of the implementation checklist, in the IEP's exact words."""

    kind: RequirementKind
    name: Line = Field(min_length=1, max_length=80)
    text: Paragraph = Field(min_length=1)
    section: Line = ""
    frequency: Line = ""
    provider_role: OptionalRole = ""
    setting: Line = ""
    start: Day | None = None
    end: Day | None = None
    safety: bool = False
    notes: Paragraph = ""

    @field_validator("frequency")
    @classmethod
    def _frequency(cls, value: str) -> str:
        """Stored in canonical form ('30 minutes twice a week' -> '30 min 2x weekly'); '' allowed."""
        from iep_tui.domain.frequency import canonical_frequency

        return canonical_frequency(value)

    @model_validator(mode="after")
    def _ordered(self) -> Requirement:
        if self.start and self.end and self.end < self.start:
            raise ValueError("end must be on or after start")
        return self


class Provenance(Model):
    """Where an imported entry came from: the file (by name and SHA-256) and its row.

    Lets a letter or exhibit point at the district's own record, and makes a second
    import of the same file recognisable.
    """

    file: Line = Field(min_length=1)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    row: int = Field(ge=1)
    received: Day | None = Field(
        default=None, description="the day the district produced the file to the family (letters quote it)"
    )


class Session(Record):
    """One scheduled occurrence of a service and what happened.

    `minutes` is what was delivered (delivered, makeup) or what was scheduled and lost
    (missed). A delivered entry with fewer minutes than the session length is a partial.
    `delivered_as` says how a session was delivered when that differs from the IEP
    ("group of 5", "in the hallway"): it did not happen as written.
    """

    requirement_id: str
    date: Day
    status: SessionStatus
    minutes: int | None = Field(default=None, ge=0, le=24 * 60)
    reason: MissReason | None = None
    note: Paragraph = ""
    source: Source = "parent-observation"
    delivered_as: Line = ""
    provenance: Provenance | None = None

    @model_validator(mode="after")
    def _reason_only_when_missed(self) -> Session:
        if self.status == "missed" and self.reason is None:
            self.reason = "unknown"
        if self.status != "missed" and self.reason is not None:
            raise ValueError("reason is only for missed sessions")
        if self.status == "missed" and self.delivered_as:
            raise ValueError("delivered_as is only for delivered or make-up sessions")
        return self


class Notification(Model):
    """Who was told about an incident, and when."""

    role: Role
    on: Day | None = None


class Incident(Record):
    """A dated observation of a failure to implement the IEP."""

    date: Day
    kind: IncidentKind = "observation"
    what: Paragraph = Field(min_length=1)
    setting: Line = ""
    requirement_ids: list[str] = Field(default_factory=list, max_length=LIST_MAX)
    section: Line = ""
    impact: Paragraph = ""
    notified: list[Notification] = Field(default_factory=list, max_length=LIST_MAX)
    safety: bool = False
    tags: list[Line] = Field(default_factory=list, max_length=LIST_MAX)
    source: Source = "parent-observation"


class WeeklySnapshot(Record):
    """The week's educational impact; one per school week, re-entry replaces it."""

    week: Day = Field(description="Monday of the school week")
    missing_work: int = Field(default=0, ge=0, le=WEEK_COUNT_MAX)
    behavior_incidents: int = Field(default=0, ge=0, le=WEEK_COUNT_MAX)
    nurse_visits: int = Field(default=0, ge=0, le=WEEK_COUNT_MAX)
    minutes_out_of_class: int = Field(default=0, ge=0, le=WEEK_MINUTES_MAX)
    note: Paragraph = ""

    @field_validator("week")
    @classmethod
    def _monday(cls, value: date) -> date:
        if value.weekday() != 0:
            raise ValueError("must be the Monday that starts the school week")
        return value


# ---------------------------------------------------------------- escalation


class EscalationStep(Record):
    """One rung of the ladder: what was sent, to whom, and by when a reply is due.

    The due date is never stored: it is computed from the rule or count and the
    case's calendar, so changing a sent date or the calendar recomputes it.
    """

    kind: StepKind
    sent: Day | None = None
    channel: Channel = "email"
    to_roles: list[Role] = Field(default_factory=list, max_length=LIST_MAX)
    cc_roles: list[Role] = Field(default_factory=list, max_length=LIST_MAX)
    asked: Paragraph = ""
    incident_ids: list[str] = Field(default_factory=list, max_length=LIST_MAX)
    session_ids: list[str] = Field(default_factory=list, max_length=LIST_MAX)
    due_rule: Line | None = None
    due_count: int | None = Field(default=None, ge=0, le=3650)
    due_day_kind: DayKind | None = None
    status: StepStatus = "draft"
    response: Paragraph = ""
    response_date: Day | None = None
    letter_file: Line = Field(
        default="", description="the letter sent for this step (file name), recorded when marked sent"
    )

    @model_validator(mode="after")
    def _due_spec(self) -> EscalationStep:
        if (self.due_count is None) != (self.due_day_kind is None):
            raise ValueError("due_count and due_day_kind go together")
        if self.due_rule and self.due_count is not None:
            raise ValueError("use either a due rule or a day count, not both")
        if self.status in ("sent", "answered") and self.sent is None:
            raise ValueError("a sent step needs its sent date")
        return self


class Action(Model):
    """Something agreed at a meeting: who (by role) does what, by when."""

    id: str = Field(default_factory=new_id)
    owner_role: Role
    what: Paragraph = Field(min_length=1)
    due: Day | None = None
    done: Day | None = None


class Meeting(Record):
    """An IEP or problem-solving meeting, its attendees, and the actions agreed."""

    date: Day
    status: MeetingStatus = "scheduled"
    purpose: Paragraph = ""
    attendees: list[Role] = Field(default_factory=list, max_length=LIST_MAX)
    actions: list[Action] = Field(default_factory=list, max_length=LIST_MAX)
    recap_sent: Day | None = None
    notes: Paragraph = ""
    requested_on: Day | None = None


class CaseBundle(Model):
    """A whole case in one object: what the store loads and the interchange format.

    `format` and `schema_version` make an exported file self-describing; import
    refuses a newer schema rather than dropping its fields.
    """

    format: Literal["iep-tui-case"] = "iep-tui-case"
    schema_version: int = SCHEMA_VERSION
    case: Case
    requirements: list[Requirement] = Field(default_factory=list)
    sessions: list[Session] = Field(default_factory=list)
    incidents: list[Incident] = Field(default_factory=list)
    escalations: list[EscalationStep] = Field(default_factory=list)
    meetings: list[Meeting] = Field(default_factory=list)
    snapshots: list[WeeklySnapshot] = Field(default_factory=list)

    def requirement(self, requirement_id: str) -> Requirement | None:
        return next((r for r in self.requirements if r.id == requirement_id), None)


RECORD_TABLES: dict[type[Record], str] = {
    Requirement: "requirements",
    Session: "sessions",
    Incident: "incidents",
    EscalationStep: "escalations",
    Meeting: "meetings",
    WeeklySnapshot: "snapshots",
}
"""Which bundle list (and store table) holds each kind of record."""
