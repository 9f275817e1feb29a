"""The shape of a deadline rule as `rules/*.json` writes it, validated by pydantic.

A module of its own so that the counting (day_count, which names the rule it applied)
and the rule lookups (deadline_rules, which count) both import it and not each other.
What a rule's `year_end` clauses do is explained in school_year_end.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from iep_tui.calendar.school_calendar import DAY_KINDS, DayKind
from iep_tui.calendar.states import STATES

Confidence = Literal["V", "S", "U"]
RuleDayKind = DayKind

PURPOSES: tuple[str, ...] = (
    "records-access",
    "state-complaint-decision",
    "state-complaint-filing",
    "due-process-filing",
    "due-process-response",
    "resolution-meeting",
    "resolution-period",
    "hearing-decision",
    "civil-action",
    "evaluation-request-response",
    "initial-evaluation",
    "initial-iep-meeting",
    "iep-implementation",
    "iep-meeting-request",
    "iep-annual-review",
    "reevaluation",
    "iee-meeting",
    "manifestation-determination",
    "expedited-hearing",
    "expedited-decision",
    "ocr-complaint",
    "response",
)
"""What a clock is for; a state rule with the same purpose replaces the federal one."""


class YearEnd(BaseModel):
    """One clause of a rule's end-of-year text (school_year_end applies it)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    when: Literal["late-trigger", "past-end"]
    remaining_at_least: int = Field(default=0, ge=0)
    remaining_at_most: int | None = Field(default=None, ge=0)
    remaining_kind: Literal["school", "calendar"] = "school"
    due: Literal["date", "resume", "after-next-start", "before-next-start", "after-last-day"]
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)
    count: int | None = Field(default=None, ge=0)
    citation: str = Field(min_length=1)
    says: str = Field(min_length=1, description="what the text says, in one sentence")


class Rule(BaseModel):
    """One legal (or conventional) clock, with its source."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", description="stable lower-kebab id")
    title: str = Field(min_length=1)
    count: int = Field(ge=0, description="in units of day_kind: days, or whole years for 'year'")
    day_kind: RuleDayKind
    trigger: str = Field(min_length=1, description="the event that starts the clock (day 0)")
    citation: str = Field(min_length=1)
    jurisdiction: str = Field(description="US or a state's postal code")
    roll_forward: bool = Field(
        default=False, description="a last day on a weekend/holiday moves to the next business day"
    )
    confidence: Confidence
    last_verified: date
    note: str = ""
    purpose: str | None = None
    direction: Literal["after", "before"] = Field(
        default="after", description="'before': the latest day to act ahead of the trigger (e.g. a meeting)"
    )
    state_replaces: str = Field(
        default="",
        description="federal rules only: the text that lets a state's own rule for this purpose replace it; "
        "empty means a state rule binds as well and the earlier date wins",
    )
    year_end: list[YearEnd] = Field(
        default_factory=list, description="what the rule's text does when the count meets the end of the school year"
    )

    @model_validator(mode="after")
    def _known(self) -> Rule:
        if self.jurisdiction != "US" and self.jurisdiction not in STATES:
            raise ValueError(f"jurisdiction {self.jurisdiction!r} is neither US nor a state code")
        if self.purpose is not None and self.purpose not in PURPOSES:
            raise ValueError(f"purpose {self.purpose!r} is not one of PURPOSES")
        if self.day_kind not in DAY_KINDS:
            raise ValueError(f"day kind {self.day_kind!r} is not counted by SchoolCalendar")
        return self

    @property
    def verified(self) -> bool:
        """True only for rules checked against the regulation or statute text."""
        return self.confidence == "V"

    @property
    def caveat(self) -> str:
        """What the user must be told next to this rule's date."""
        if self.confidence == "V":
            return (
                f"Verified against the regulation text (research of {self.last_verified}); "
                "check your state's current rules."
            )
        if self.confidence == "S":
            return (
                "NOT verified against the regulation text (secondary source): "
                "check with your state before relying on it."
            )
        return "UNCERTAIN: a convention or conflicting sources, not settled law: check with your state."

    def summary_json(self) -> dict[str, object]:
        """The object `iep-tui rules --json` prints for this rule."""
        data = self.model_dump(mode="json")
        data["verified"] = self.verified
        data["caveat"] = self.caveat
        return data


class NoStateRule(BaseModel):
    """A purpose researched for a state and found not regulated by it: the federal rule applies."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    purpose: str
    jurisdiction: str
    note: str = Field(min_length=1, description="what was read, where, when, and what it says")
    confidence: Confidence
    last_verified: date

    @model_validator(mode="after")
    def _known(self) -> NoStateRule:
        if self.purpose not in PURPOSES:
            raise ValueError(f"purpose {self.purpose!r} is not one of PURPOSES")
        return self
