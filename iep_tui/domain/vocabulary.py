"""The words of DESIGN.md's vocabulary as plain Literals and tuples.

Kept free of pydantic so the CLI can build its argument choices without loading
the models (startup time); `models` uses these types for validation.
"""

from __future__ import annotations

from typing import Literal, TypeGuard, TypeVar, get_args

Word = TypeVar("Word", bound=str)


def is_one_of(value: str, words: tuple[Word, ...]) -> TypeGuard[Word]:
    """True when `value` is one of `words` (a tuple below): narrows text the user typed
    to the Literal the models take."""
    return value in words


RequirementKind = Literal["service", "accommodation", "support", "placement"]
REQUIREMENT_KINDS: tuple[RequirementKind, ...] = get_args(RequirementKind)

SessionStatus = Literal["delivered", "missed", "makeup"]
SESSION_STATUSES: tuple[SessionStatus, ...] = get_args(SessionStatus)

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
MISS_REASONS: tuple[MissReason, ...] = get_args(MissReason)

Source = Literal["school-log", "provider-note", "parent-observation"]
SOURCES: tuple[Source, ...] = get_args(Source)

IncidentKind = Literal["observation", "refusal", "informal-change"]
"""`refusal`: the school refused a service, accommodation, evaluation or change;
`informal-change`: a service reduced, suspended or changed without an IEP meeting.
Both feed the Prior Written Notice request (34 CFR 300.503(a))."""
INCIDENT_KINDS: tuple[IncidentKind, ...] = get_args(IncidentKind)

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
STEP_KINDS: tuple[StepKind, ...] = get_args(StepKind)

StepStatus = Literal["draft", "sent", "answered", "closed"]
"""Stored statuses; `overdue` is derived from the due date and today, never stored."""
STEP_STATUSES: tuple[StepStatus, ...] = get_args(StepStatus)

Channel = Literal["email", "letter", "hand-delivery", "portal", "phone"]
CHANNELS: tuple[Channel, ...] = get_args(Channel)

DayKind = Literal["calendar", "business", "school"]
DAY_KINDS: tuple[DayKind, ...] = get_args(DayKind)

MeetingStatus = Literal["requested", "scheduled", "held", "rescheduled", "cancelled"]
MEETING_STATUSES: tuple[MeetingStatus, ...] = get_args(MeetingStatus)

PartialPeriodPolicy = Literal["prorate", "full", "none", "sessions"]
"""How a week or month only partly inside the range (or shortened by a closure) is
required: `prorate` by school days (default; see `required_minutes` for the exact
rule), `full` frequency whenever it has a school day, `none` (only whole periods count),
`sessions` ("N x weekly" requires N sessions in a short week unless a closure fell on a
session day set for it)."""
PARTIAL_PERIOD_POLICIES: tuple[PartialPeriodPolicy, ...] = get_args(PartialPeriodPolicy)

Weekday = Literal["mon", "tue", "wed", "thu", "fri"]
"""A school weekday, as a session day of the `sessions` policy is stored."""
WEEKDAYS: tuple[Weekday, ...] = get_args(Weekday)

DEFAULT_OWED_REASONS: tuple[MissReason, ...] = (
    "provider-absent",
    "staff-reassigned",
    "staff-shortage",
    "schedule-conflict",
    "student-refused",
    "unknown",
)
"""Missed-session reasons counted as owed by default: all but student-absent and school-closed."""
