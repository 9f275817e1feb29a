"""The words of DESIGN.md's vocabulary as plain Literals and tuples.

Kept free of pydantic so the CLI can build its argument choices without loading
the models (startup time); `models` uses these types for validation.
"""

from __future__ import annotations

from typing import Literal, get_args

RequirementKind = Literal["service", "accommodation", "support", "placement"]
REQUIREMENT_KINDS: tuple[str, ...] = get_args(RequirementKind)

SessionStatus = Literal["delivered", "missed", "makeup"]
SESSION_STATUSES: tuple[str, ...] = get_args(SessionStatus)

MissReason = Literal[
    "provider-absent",
    "staff-reassigned",
    "staff-shortage",
    "schedule-conflict",
    "school-closed",
    "student-absent",
    "student-refused",
    "unknown",
]
MISS_REASONS: tuple[str, ...] = get_args(MissReason)

Source = Literal["school-log", "provider-note", "parent-observation"]
SOURCES: tuple[str, ...] = get_args(Source)

IncidentKind = Literal["observation", "refusal", "informal-change"]
"""`refusal`: the school refused a service, accommodation, evaluation or change;
`informal-change`: a service reduced, suspended or changed without an IEP meeting.
Both feed the Prior Written Notice request (34 CFR 300.503(a))."""
INCIDENT_KINDS: tuple[str, ...] = get_args(IncidentKind)

StepKind = Literal[
    "compliance-notice",
    "records-request",
    "meeting-request",
    "pwn-request",
    "iep-meeting",
    "district-escalation",
    "state-complaint",
    "mediation",
    "due-process",
    "ocr-complaint",
]
STEP_KINDS: tuple[str, ...] = get_args(StepKind)

StepStatus = Literal["draft", "sent", "answered", "closed"]
"""Stored statuses; `overdue` is derived from the due date and today, never stored."""
STEP_STATUSES: tuple[str, ...] = get_args(StepStatus)

Channel = Literal["email", "letter", "hand-delivery", "portal", "phone"]
CHANNELS: tuple[str, ...] = get_args(Channel)

DayKind = Literal["calendar", "business", "school"]
DAY_KINDS: tuple[str, ...] = get_args(DayKind)

MeetingStatus = Literal["requested", "scheduled", "held", "rescheduled", "cancelled"]
MEETING_STATUSES: tuple[str, ...] = get_args(MeetingStatus)

PartialPeriodPolicy = Literal["prorate", "full", "none", "sessions"]
"""How a week or month only partly inside the range (or shortened by a closure) is
required: `prorate` by school days (default; see `required_minutes` for the exact
rule), `full` frequency whenever it has a school day, `none` (only whole periods count),
`sessions` ("N x weekly" requires N sessions in a short week unless a closure fell on a
session day set for it)."""
PARTIAL_PERIOD_POLICIES: tuple[str, ...] = get_args(PartialPeriodPolicy)

Weekday = Literal["mon", "tue", "wed", "thu", "fri"]
"""A school weekday, as a session day of the `sessions` policy is stored."""
WEEKDAYS: tuple[str, ...] = get_args(Weekday)

DEFAULT_OWED_REASONS: tuple[MissReason, ...] = (
    "provider-absent",
    "staff-reassigned",
    "staff-shortage",
    "schedule-conflict",
    "student-refused",
    "unknown",
)
"""Missed-session reasons counted as owed by default: all but student-absent and school-closed."""
