"""Deadline rules as data: each clock with its count, day kind, trigger and citation.

The rules live in `iep_tui/calendar/rules/*.json`, one file per jurisdiction (US and
each state the research sourced), so a correction is a data change with a citation,
not an `if` statement. Every rule carries a confidence mark from the research
(shared/reference/legal-rules.md): V verified against the regulation text, S from a
secondary source, U uncertain or a convention. Anything but V is shown as such.

State clocks replace or tighten federal ones (a California records request is due in
5 business days, not 45 calendar days), so callers ask by *purpose*, through one
function: `applicable_rule("records-access", "CA")` returns a `RuleChoice` naming the
rule that applies, the federal rule it replaces (or that binds too), why, and the
warnings to show (a state with no rules file, a purpose not researched for the state).
A state file also records, under `federal_applies`, the purposes researched and found
unregulated by the state, so "no state rule" and "not researched" are different answers.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from iep_tui.calendar.day_count import DayCount, count_days

# Rule, NoStateRule and PURPOSES are defined in rule_schema (so day_count can name a
# Rule without importing this module) and exported from here too, where callers look.
from iep_tui.calendar.rule_schema import PURPOSES as PURPOSES
from iep_tui.calendar.rule_schema import NoStateRule as NoStateRule
from iep_tui.calendar.rule_schema import Rule as Rule
from iep_tui.calendar.school_calendar import SchoolCalendar
from iep_tui.calendar.school_year_end import apply_year_end
from iep_tui.calendar.states import STATES, normalize_state
from iep_tui.errors import InputError

CONFIDENCE_WORDS = {
    "V": "verified against the regulation text",
    "S": "not verified against the regulation text (secondary source)",
    "U": "uncertain: a convention or conflicting sources, not settled law",
}


@dataclass(frozen=True)
class _Shipped:
    rules: tuple[Rule, ...]
    no_state_rule: tuple[NoStateRule, ...]
    files: frozenset[str]
    """Jurisdictions with a rules file (a state with none gets a warning every time)."""


@lru_cache(maxsize=1)
def _shipped() -> _Shipped:
    """Every shipped rules file, validated once; a bad file is a packaging bug (ValueError)."""
    folder = resources.files("iep_tui.calendar.rules")
    rules: list[Rule] = []
    findings: list[NoStateRule] = []
    files: set[str] = set()
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        document = json.loads(entry.read_text(encoding="utf-8"))
        jurisdiction = document["jurisdiction"]
        files.add(jurisdiction)
        for raw in document["rules"]:
            rule = Rule.model_validate({"jurisdiction": jurisdiction, **raw})
            if rule.jurisdiction != jurisdiction:
                raise ValueError(f"{entry.name}: rule {rule.id} says {rule.jurisdiction}, file says {jurisdiction}")
            rules.append(rule)
        for raw in document.get("federal_applies", []):
            findings.append(NoStateRule.model_validate({"jurisdiction": jurisdiction, **raw}))
    ids = [r.id for r in rules]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicate rule ids: {', '.join(duplicates)}")
    # US first, then states alphabetically: the order `iep-tui rules` lists them.
    rules.sort(key=lambda r: (r.jurisdiction != "US", r.jurisdiction))
    overlap = {(f.jurisdiction, f.purpose) for f in findings} & {(r.jurisdiction, r.purpose) for r in rules}
    if overlap:
        raise ValueError(f"a purpose is both a state rule and 'federal applies': {sorted(overlap)}")
    return _Shipped(tuple(rules), tuple(findings), frozenset(files))


def _all_rules() -> tuple[Rule, ...]:
    """Every shipped rule, validated once."""
    return _shipped().rules


def no_state_rules(state: str | None = None) -> list[NoStateRule]:
    """The researched purposes a state leaves to federal law (every state's with no argument)."""
    code = _state_or_error(state) if state else None
    return [f for f in _shipped().no_state_rule if code is None or f.jurisdiction == code]


def has_rules_file(state: str) -> bool:
    """True when iep-tui ships a rules file for this state (even one listing no rule of its own)."""
    return _state_or_error(state) in _shipped().files


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


Basis = Literal["state", "stricter", "federal", "no-state-rule", "not-researched", "no-state-file"]
"""Why a rule applies: the state's own (replacing federal, or the only one), the stricter of
the state's and the federal, federal (no state asked), or federal because the state was
researched and sets none, was not researched for this purpose, or has no rules file."""

NO_WARNING_PURPOSES = frozenset({"response"})
"""Conventions of this app, not law: no state sets them, so nothing to warn about."""


@dataclass(frozen=True)
class RuleChoice:
    """The answer to "which rule applies for this purpose in this state", with its reasons.

    `rule` is the clock to show; `binding` every rule whose date binds (for records, the
    state's and the federal: the earlier date wins, see `count`). `replaces` is the
    federal rule a state rule replaces. `warnings` are sentences a front end must show
    (in `--json`, a `warnings` list).
    """

    purpose: str
    state: str | None
    rule: Rule | None
    federal: Rule | None
    basis: Basis
    binding: tuple[Rule, ...] = ()
    warnings: tuple[str, ...] = ()
    finding: NoStateRule | None = None

    @property
    def replaces(self) -> Rule | None:
        """The federal rule the state's own rule replaces, if it does."""
        if self.basis == "state" and self.rule is not None and self.rule.jurisdiction != "US":
            return self.federal
        return None

    def statement(self) -> str:
        """One sentence saying which rule applies and why."""
        rule, federal = self.rule, self.federal
        if rule is None:
            return f"No rule serves {self.purpose} in {_place(self.state)} or in federal law."
        named = f"{rule.id} ({rule.citation})"
        if self.basis == "state" and federal is not None:
            return (
                f"{STATES[rule.jurisdiction]}'s rule {named} replaces the federal rule {federal.id} "
                f"({federal.citation}): {federal.state_replaces}."
            )
        if self.basis == "state":
            return f"{STATES[rule.jurisdiction]}'s rule {named} applies; federal law sets no clock for this purpose."
        if self.basis == "stricter" and federal is not None:
            state_rule = next(r for r in self.binding if r.jurisdiction != "US")
            return (
                f"Both {STATES[state_rule.jurisdiction]}'s rule {state_rule.id} ({state_rule.citation}) and the "
                f"federal rule {federal.id} ({federal.citation}) bind: the earlier date applies."
            )
        if self.basis == "no-state-rule" and self.state:
            return f"The federal rule {named} applies: {STATES[self.state]} sets no rule of its own for this purpose."
        return f"The federal rule {named} applies."

    def missing_reason(self) -> str:
        """Why no rule serves the purpose (`rule` is None), as a clause: federal law sets no
        clock for it, and the state sets none in the text read / was not researched / has no
        rules file (or no state was given)."""
        head = f"Federal law sets no deadline for {self.purpose}"
        if self.state is None:
            return head
        where = STATES[self.state]
        if self.basis == "no-state-rule":
            return f"{head}, and {where} sets none in the text read"
        if self.basis == "not-researched":
            return f"{head}, and {where}'s rules for it were not researched"
        return f"{head}, and iep-tui has no rules file for {where}"

    def count(self, calendar: SchoolCalendar, start: date) -> DayCount | None:
        """The due date from `start`: the earliest binding date for a stricter-of choice.

        On the same date the federal rule is cited. A count that cannot be finished on
        the calendar (no date) never replaces one that can.
        """
        if self.rule is None:
            return None
        if self.basis != "stricter":
            return deadline_for_rule(calendar, start, self.rule)
        results = [deadline_for_rule(calendar, start, rule) for rule in self.binding]
        dated = [r for r in results if r.due is not None]
        if dated:
            return min(dated, key=lambda r: (r.due, r.rule is not None and r.rule.jurisdiction != "US"))
        return results[-1]

    def to_json(self) -> dict[str, Any]:
        """The `applies` object of `deadline --json` and of a step's clock."""
        replaced = self.replaces
        return {
            "purpose": self.purpose,
            "state": self.state,
            "basis": self.basis,
            "rule": None if self.rule is None else self.rule.id,
            "jurisdiction": None if self.rule is None else self.rule.jurisdiction,
            "citation": None if self.rule is None else self.rule.citation,
            "replaces": None if replaced is None else replaced.id,
            "binding": [r.id for r in self.binding],
            "statement": self.statement(),
            "no_state_rule": None if self.finding is None else self.finding.note,
            "warnings": list(self.warnings),
        }


def _place(state: str | None) -> str:
    return STATES[state] if state else "federal law"


def applicable_rule(purpose: str, state: str | None) -> RuleChoice:
    """Which rule applies for `purpose` in `state`: THE function every front end asks.

    - The state's own rule replaces the federal one where the federal rule says a state
      may set its own (`state_replaces`, e.g. 34 CFR 300.301(c)(1)(ii) for evaluations).
    - Otherwise both bind and the earlier date wins ("stricter": records access, where
      300.613(a)'s 45 days is an outer limit).
    - No state rule: the federal rule, with why: researched and unregulated by the state
      (`federal_applies` in its file), not researched (a warning), or no rules file for
      the state at all (a warning naming it).

    Raises InputError for an unknown purpose or state.
    """
    if purpose not in PURPOSES:
        raise InputError(f"{purpose!r} is not a deadline purpose; use one of {', '.join(PURPOSES)}.")
    code = _state_or_error(state) if state else None
    matching = rules_for(purpose, code)
    federal = next((r for r in matching if r.jurisdiction == "US"), None)
    own = next((r for r in matching if r.jurisdiction != "US"), None)
    if own is not None:
        if federal is None or federal.state_replaces:
            return RuleChoice(purpose, code, own, federal, "state", (own,))
        return RuleChoice(purpose, code, own, federal, "stricter", (own, federal))
    binding = (federal,) if federal is not None else ()
    if code is None:
        return RuleChoice(purpose, None, federal, federal, "federal", binding)
    name = STATES[code]
    quiet = purpose in NO_WARNING_PURPOSES
    if code not in _shipped().files:
        warning = (
            f"iep-tui has no rules file for {name} ({code}): the federal rule is used, and {name} may set its own "
            f"for {purpose}; check {name}'s rules."
        )
        return RuleChoice(purpose, code, federal, federal, "no-state-file", binding, () if quiet else (warning,))
    finding = next((f for f in _shipped().no_state_rule if f.jurisdiction == code and f.purpose == purpose), None)
    if finding is not None:
        return RuleChoice(purpose, code, federal, federal, "no-state-rule", binding, (), finding)
    warning = f"{name}'s rules for {purpose} were not researched: the federal rule is used; {name} may set its own."
    return RuleChoice(purpose, code, federal, federal, "not-researched", binding, () if quiet else (warning,))


def rule_for(purpose: str, state: str | None = None) -> Rule | None:
    """The clock for `purpose` in `state` (`applicable_rule(...).rule`)."""
    return applicable_rule(purpose, state).rule


def deadline_for_rule(calendar: SchoolCalendar, start: date, rule: Rule) -> DayCount:
    """Apply a rule's count, day kind, direction, roll-forward and end-of-year text to a trigger."""
    result = count_days(
        calendar,
        start,
        rule.count,
        rule.day_kind,
        backward=rule.direction == "before",
        roll_forward=rule.roll_forward,
        rule=rule,
    )
    return apply_year_end(calendar, start, rule.year_end, result)


def earliest_deadline(calendar: SchoolCalendar, start: date, purpose: str, state: str | None = None) -> DayCount | None:
    """The due date for `purpose` in `state`: `applicable_rule(purpose, state).count(...)`."""
    return applicable_rule(purpose, state).count(calendar, start)
