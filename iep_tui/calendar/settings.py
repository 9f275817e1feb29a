"""A case's school-calendar settings as stored data (the engine reads these).

Closures and early-release days come from the district's instructional calendar,
which no holidays package knows: many districts are open on Veterans Day and closed
for teacher workdays. Early-release days are school days (34 CFR 300.11(c)).
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from typing import Annotated, Literal, TypeGuard

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from iep_tui.calendar.day_field import Day
from iep_tui.calendar.states import normalize_state
from iep_tui.limits import LINE_MAX
from iep_tui.safe_text import clean_imported


def _clean_label(value: object) -> object:
    """Labels come from district files: control characters and escape sequences are removed
    (`safe_text.clean_imported`), also from a case saved before imports were cleaned, so no
    screen ever shows one raw."""
    return clean_imported(value).text if isinstance(value, str) else value


Label = Annotated[str, BeforeValidator(_clean_label), Field(max_length=LINE_MAX)]

ClosureKind = Literal["holiday", "break", "staff_day", "weather", "other"]
CLOSURE_KINDS: tuple[ClosureKind, ...] = ("holiday", "break", "staff_day", "weather", "other")


def is_closure_kind(text: str) -> TypeGuard[ClosureKind]:
    """True when `text` is one of CLOSURE_KINDS (narrows an imported string for the type checker)."""
    return text in CLOSURE_KINDS


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)


class SchoolYear(_Strict):
    """First and last student day; outside them (summer) there are no school days."""

    first_day: Day
    last_day: Day
    label: Label = ""

    @model_validator(mode="after")
    def _ordered(self) -> SchoolYear:
        if self.last_day < self.first_day:
            raise ValueError("last_day must be on or after first_day")
        return self


class Closure(_Strict):
    """A day or inclusive range when students do not attend."""

    start: Day
    end: Day | None = None
    label: Label = ""
    kind: ClosureKind = "other"

    @model_validator(mode="after")
    def _ordered(self) -> Closure:
        if self.end is not None and self.end < self.start:
            raise ValueError("end must be on or after start")
        return self

    @property
    def last(self) -> date:
        return self.end or self.start


class EarlyRelease(_Strict):
    """A partial day: still a school day for every deadline."""

    day: Day
    label: Label = ""


def overlapping_years(years: list[SchoolYear]) -> str:
    """'school years A..B and C..D overlap' for the first two of `years` (sorted by first day)
    that overlap, else '': one school year at a time, or "the last student day" is ambiguous."""
    for before, after in pairwise(years):
        if after.first_day <= before.last_day:
            return f"school years {before.first_day}..{before.last_day} and {after.first_day}..{after.last_day} overlap"
    return ""


class CalendarSettings(_Strict):
    """Everything needed to rebuild a case's school calendar."""

    state: str = "WA"
    subdivision: str | None = Field(
        default=None, description="holidays subdivision when it differs from the state code"
    )
    school_years: list[SchoolYear] = Field(default_factory=list)
    closures: list[Closure] = Field(default_factory=list)
    early_release: list[EarlyRelease] = Field(default_factory=list)
    source: Label = Field(default="", description="where the district calendar was imported from")

    @field_validator("state")
    @classmethod
    def _state(cls, value: str) -> str:
        return normalize_state(value)

    @model_validator(mode="after")
    def _years_apart(self) -> CalendarSettings:
        """Overlapping school years would make "the last student day" ambiguous."""
        years = sorted(self.school_years, key=lambda y: y.first_day)
        overlap = overlapping_years(years)
        if overlap:
            raise ValueError(overlap)
        if years != self.school_years:
            self.school_years = years
        return self

    @property
    def has_district_calendar(self) -> bool:
        """True when counts use the district's own calendar rather than an estimate."""
        return bool(self.school_years)
