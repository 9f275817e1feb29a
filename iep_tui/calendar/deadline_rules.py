"""Deadline rules as data: each clock with its count, day kind, trigger and citation.

The rules live in `iep_tui/calendar/rules/*.json`, one file per jurisdiction (US and
each state the research sourced), so a correction is a data change with a citation,
not an `if` statement. Every rule carries a confidence mark from the research
(shared/reference/legal-rules.md): V verified against the regulation text, S from a
secondary source, U uncertain or a convention. Anything but V is shown as such.

State clocks replace or tighten federal ones (a California records request is due in
5 business days, not 45 calendar days), so callers ask by *purpose*:
`rule_for("records-access", "CA")`.
"""

from __future__ import annotations

import difflib
import json
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from iep_tui.calendar.day_count import DayCount, count_days
from iep_tui.calendar.school_calendar import DAY_KINDS, SchoolCalendar
from iep_tui.calendar.states import STATES, normalize_state
from iep_tui.errors import InputError

Confidence = Literal["V", "S", "U"]
RuleDayKind = Literal[
    "calendar", "business", "school", "weekday", "year", "calendar_excl_breaks", "calendar_excl_summer"
]

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

CONFIDENCE_WORDS = {
    "V": "verified against the regulation text",
    "S": "not verified against the regulation text (secondary source)",
    "U": "uncertain: a convention or conflicting sources, not settled law",
}


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
    roll_forward: bool = Field(default=False, description="a last day on a weekend/holiday moves to the next business day")
    confidence: Confidence
    last_verified: date
    note: str = ""
    purpose: str | None = None
    direction: Literal["after", "before"] = Field(
        default="after", description="'before': the latest day to act ahead of the trigger (e.g. a meeting)"
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
            return f"Verified against the regulation text (research of {self.last_verified}); check your state's current rules."
        if self.confidence == "S":
            return "NOT verified against the regulation text (secondary source): check with your state before relying on it."
        return "UNCERTAIN: a convention or conflicting sources, not settled law: check with your state."

    def summary_json(self) -> dict[str, object]:
        """The object `iep-tui rules --json` prints for this rule."""
        data = self.model_dump(mode="json")
        data["verified"] = self.verified
        data["caveat"] = self.caveat
        return data


@lru_cache(maxsize=1)
def _all_rules() -> tuple[Rule, ...]:
    """Every shipped rule, validated once; a bad file is a packaging bug (ValueError)."""
    folder = resources.files("iep_tui.calendar.rules")
    rules: list[Rule] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        document = json.loads(entry.read_text(encoding="utf-8"))
        jurisdiction = document["jurisdiction"]
        for raw in document["rules"]:
            rule = Rule.model_validate({"jurisdiction": jurisdiction, **raw})
            if rule.jurisdiction != jurisdiction:
                raise ValueError(f"{entry.name}: rule {rule.id} says {rule.jurisdiction}, file says {jurisdiction}")
            rules.append(rule)
    ids = [r.id for r in rules]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicate rule ids: {', '.join(duplicates)}")
    # US first, then states alphabetically: the order `iep-tui rules` lists them.
    rules.sort(key=lambda r: (r.jurisdiction != "US", r.jurisdiction))
    return tuple(rules)


def _state_or_error(state: str) -> str:
    try:
        return normalize_state(state)
    except ValueError as error:
        raise InputError(f"{error}.") from None


def load_rules(state: str | None = None) -> list[Rule]:
    """Federal rules plus that state's; with no state, every jurisdiction's."""
    rules = _all_rules()
    if state is None:
        return list(rules)
    code = _state_or_error(state)
    return [r for r in rules if r.jurisdiction in ("US", code)]


def jurisdictions() -> list[str]:
    """US and every state with rules of its own."""
    return sorted({r.jurisdiction for r in _all_rules()}, key=lambda j: (j != "US", j))


def get_rule(rule_id: str, state: str | None = None) -> Rule:
    """The rule with this id; InputError with close matches when unknown.

    With a `state`, a rule of another state is refused: a California clock does not
    apply to a Texas case.
    """
    wanted = rule_id.strip().lower()
    by_id = {r.id: r for r in _all_rules()}
    rule = by_id.get(wanted)
    if rule is None:
        close = difflib.get_close_matches(wanted, list(by_id), n=4, cutoff=0.5)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise InputError(f"No deadline rule {rule_id!r}.{hint} `iep-tui rules` lists them all.")
    if state is not None:
        code = _state_or_error(state)
        if rule.jurisdiction not in ("US", code):
            raise InputError(
                f"{rule.id} is a {STATES[rule.jurisdiction]} rule and this case is in {STATES[code]}; "
                f"`iep-tui rules --state {code}` lists the rules that apply."
            )
    return rule


def rules_for(purpose: str, state: str | None = None) -> list[Rule]:
    """Every rule serving `purpose` that applies in `state`: the state's first, then federal."""
    if purpose not in PURPOSES:
        raise InputError(f"{purpose!r} is not a deadline purpose; use one of {', '.join(PURPOSES)}.")
    code = _state_or_error(state) if state else None
    matching = [r for r in _all_rules() if r.purpose == purpose and r.jurisdiction in ("US", code)]
    matching.sort(key=lambda r: r.jurisdiction == "US")
    return matching


def rule_for(purpose: str, state: str | None = None) -> Rule | None:
    """The clock for `purpose` in `state`: the state's own rule when it has one, else federal.

    A state timeline replaces the federal one where the regulation lets it (e.g. 34 CFR
    300.301(c)(1)(ii) for evaluations) and is stricter for records (CA 5 business days vs
    45 calendar days). Where both bind, `earliest_deadline` returns the earlier date.
    """
    matching = rules_for(purpose, state)
    return matching[0] if matching else None


def deadline_for_rule(calendar: SchoolCalendar, start: date, rule: Rule) -> DayCount:
    """Apply a rule's count, day kind, direction and roll-forward to a trigger date."""
    return count_days(
        calendar,
        start,
        rule.count,
        rule.day_kind,
        backward=rule.direction == "before",
        roll_forward=rule.roll_forward,
        rule=rule,
    )


def earliest_deadline(calendar: SchoolCalendar, start: date, purpose: str, state: str | None = None) -> DayCount | None:
    """When a state and the federal rule both bind (records), the earlier due date wins.

    On the same date the federal rule is the one cited. A count that cannot be
    finished on the calendar (no date) never replaces one that can; when no rule gives
    a date, the federal count is returned. None when no rule serves `purpose`.
    """
    results = [deadline_for_rule(calendar, start, rule) for rule in rules_for(purpose, state)]
    dated = [r for r in results if r.due is not None]
    if dated:
        return min(dated, key=lambda r: (r.due, r.rule is not None and r.rule.jurisdiction != "US"))  # type: ignore[arg-type, return-value]
    return results[-1] if results else None
