"""The days a state's offices are closed: `holidays` corrected per state, with citations.

34 CFR 300.11(b) counts business days as Monday to Friday except Federal and State
holidays. `holidays.US(subdiv=XX)` mixes in days that are not closures (Texas optional
holidays, Susan B. Anthony Day) and moves Saturday holidays to Friday where the
state's law does not (New York moves only a Sunday holiday). The corrections live in
`office_closures.json`, one entry per state with the text that justifies it; this
module applies them. A state without an entry keeps the package's list unchanged and
`uncorrected_reason` says so.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Confidence = Literal["V", "S", "U"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Removal(_Strict):
    """A day the package lists that the state's offices work."""

    name: str = Field(min_length=1, description="the package's holiday name, exactly")
    citation: str = Field(min_length=1)
    why: str = Field(min_length=1)


class Addition(_Strict):
    """A closure the package does not list: a fixed date, or the nth weekday of a month."""

    name: str = Field(min_length=1)
    month: int = Field(ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)
    weekday: int | None = Field(default=None, ge=0, le=6, description="0 = Monday")
    nth: int | None = Field(default=None, description="1..5, or -1 for the last")
    citation: str = Field(min_length=1)

    def on(self, year: int) -> date | None:
        if self.day is not None:
            return date(year, self.month, self.day)
        if self.weekday is None or self.nth is None:
            return None
        days = [date(year, self.month, d) for d in range(1, 32) if _valid(year, self.month, d)]
        matching = [d for d in days if d.weekday() == self.weekday]
        index = self.nth - 1 if self.nth > 0 else self.nth
        return matching[index] if -len(matching) <= index < len(matching) else None


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


Moves = Literal["all"] | list[str]


class Observance(_Strict):
    """Which weekend holidays move to a weekday, by the state's own law."""

    saturday_to_friday: Moves = Field(default_factory=list)
    sunday_to_monday: Moves = Field(default_factory=list)
    citation: str = Field(min_length=1)
    note: str = ""

    def moves(self, name: str, weekday: int) -> bool:
        rule = self.saturday_to_friday if weekday == 5 else self.sunday_to_monday if weekday == 6 else []
        return rule == "all" or name in rule


ObservedDays = Literal["state-rule", "package"]


class StateClosures(_Strict):
    """One state's corrections and where they were read.

    `observed_days` says where weekend holidays go: "state-rule" moves them by
    `observance` (the package's holidays taken on their actual dates); "package" keeps
    the package's own observed days because they follow the state's published
    schedule where no simple rule does (North Carolina's three Christmas days,
    Georgia's Washington's Birthday in Christmas week), and `observance` then only
    records what was read. A "package" state's `remove` may name an observed day
    ("... (observed)") that its offices work.
    """

    remove: list[Removal] = Field(default_factory=list)
    add: list[Addition] = Field(default_factory=list)
    observance: Observance
    observed_days: ObservedDays = "state-rule"
    confidence: Confidence
    last_verified: date
    source: str = Field(min_length=1)

    @model_validator(mode="after")
    def _one_weekend_rule(self) -> StateClosures:
        if self.observed_days == "package" and (self.observance.saturday_to_friday or self.observance.sunday_to_monday):
            raise ValueError("a state keeping the package's observed days cannot also move weekend holidays itself")
        return self


class SchoolClosureDay(_Strict):
    name: str
    rule: Literal["friday-after-thanksgiving"] | None = None
    month: int | None = None
    from_day: int | None = None
    to_day: int | None = None


class SchoolClosures(_Strict):
    days: list[SchoolClosureDay]
    confidence: Confidence
    note: str


class ClosureData(_Strict):
    about: str
    states: dict[str, StateClosures]
    uncorrected: dict[str, str] = Field(default_factory=dict)
    school_closures: SchoolClosures


@lru_cache(maxsize=1)
def closure_data() -> ClosureData:
    """The shipped corrections, validated once (a bad file is a packaging bug)."""
    text = resources.files("iep_tui.calendar").joinpath("office_closures.json").read_text(encoding="utf-8")
    return ClosureData.model_validate(json.loads(text))


def corrections_for(state: str | None) -> StateClosures | None:
    """The state's corrections, or None when it has none (the package's list is used)."""
    return closure_data().states.get(state) if state else None


def uncorrected_reason(state: str | None) -> str | None:
    """Why a state's business days are the package's list unchanged (None when corrected)."""
    if not state or state in closure_data().states:
        return None
    return closure_data().uncorrected.get(state, "not researched: the package's list and observed days are used")


def _names(label: str) -> list[str]:
    return [part for part in label.split("; ") if part]


def _merge(into: dict[date, list[str]], day: date, names: Iterable[str]) -> None:
    known = into.setdefault(day, [])
    known.extend(n for n in names if n not in known)


def corrected_holidays(state: str, year: int, actual: dict[int, dict[date, str]]) -> dict[date, str]:
    """The state's office closures in `year`, from the package's actual-date holidays.

    `actual` maps year-1, year and year+1 to the federal-plus-state holidays on their
    actual dates (no observed days): a Saturday January 1 is observed on the Friday
    before, in the previous year. For a state whose `observed_days` is "package" it
    holds the package's list with its observed days, and nothing is moved here.
    """
    rules = corrections_for(state)
    if rules is None:
        raise KeyError(state)
    removed = {r.name for r in rules.remove}
    closed: dict[date, list[str]] = {}
    for source_year in (year - 1, year, year + 1):
        for day, label in actual.get(source_year, {}).items():
            kept = [n for n in _names(label) if n not in removed]
            if kept:
                _merge(closed, day, kept)
        for extra in rules.add:
            extra_day = extra.on(source_year)
            if extra_day is not None:
                _merge(closed, extra_day, [extra.name])
    observed: dict[date, list[str]] = {}
    for day, names in closed.items() if rules.observed_days == "state-rule" else ():
        weekday = day.weekday()
        if weekday < 5:
            continue
        moving = [n for n in names if rules.observance.moves(n, weekday)]
        if moving:
            target = day - timedelta(days=1) if weekday == 5 else day + timedelta(days=1)
            _merge(observed, target, [f"{n} (observed)" for n in moving])
    for day, names in observed.items():
        _merge(closed, day, names)
    return {day: "; ".join(names) for day, names in sorted(closed.items()) if day.year == year}


@lru_cache(maxsize=64)
def school_closure_estimates(year: int) -> dict[date, str]:
    """Weekdays schools commonly close beyond office holidays (the estimate calendar only)."""
    found: dict[date, str] = {}
    for entry in closure_data().school_closures.days:
        if entry.rule == "friday-after-thanksgiving":
            november = [date(year, 11, d) for d in range(1, 31)]
            thursdays = [d for d in november if d.weekday() == 3]
            found[thursdays[3] + timedelta(days=1)] = entry.name
        elif entry.month and entry.from_day and entry.to_day:
            for d in range(entry.from_day, entry.to_day + 1):
                found[date(year, entry.month, d)] = entry.name
    return {d: n for d, n in found.items() if d.weekday() < 5}
