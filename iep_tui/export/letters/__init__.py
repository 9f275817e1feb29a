"""The document kinds, one short module each: `build(view) -> Letter`.

The names are the CLI's (`iep-tui letter KIND`). Modules are imported when a kind is
built, so listing the kinds costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from iep_tui.errors import InputError

if TYPE_CHECKING:
    from iep_tui.domain.case_view import CaseView
    from iep_tui.export.letter import Letter


@dataclass(frozen=True)
class LetterKind:
    name: str
    title: str
    summary: str
    is_letter: bool = True

    @property
    def module(self) -> str:
        return f"iep_tui.export.letters.{self.name.replace('-', '_')}"


KINDS: tuple[LetterKind, ...] = (
    LetterKind(
        "compliance-notice",
        "Compliance notice",
        "to the case manager: the IEP is not being implemented; dated examples, minutes owed, requests",
    ),
    LetterKind(
        "safety-notice",
        "Safety notice",
        "the same day: a safety plan not followed; an immediate meeting, who implements it tomorrow, reports",
    ),
    LetterKind(
        "records-request",
        "Records request",
        "service logs, schedules, provider notes; 34 CFR 300.613 with the computed due date",
    ),
    LetterKind(
        "pwn-request",
        "Prior Written Notice request",
        "what the school refused or changed informally; asks for the elements of 34 CFR 300.503(b)",
    ),
    LetterKind(
        "meeting-request",
        "Meeting request",
        "an IEP meeting by a computed date, with an agenda run as an implementation review",
    ),
    LetterKind(
        "meeting-recap",
        "Meeting recap or follow-up",
        "a recent meeting: what was agreed; a later one: its agreed actions that are overdue",
    ),
    LetterKind(
        "compensatory-proposal",
        "Compensatory services proposal",
        "minutes owed per service with reasons, and a make-up schedule with its deadline",
    ),
    LetterKind(
        "district-escalation",
        "District escalation",
        "to the next district rung, checklist enclosed, deadline for a written compensatory plan",
    ),
    LetterKind(
        "state-complaint",
        "State complaint (draft)",
        "the elements of 34 CFR 300.153(b), with the one-year filing-window check",
    ),
    LetterKind(
        "checklist",
        "Implementation checklist",
        "one page: each requirement in the IEP's words and what was observed instead",
        False,
    ),
    LetterKind(
        "at-a-glance",
        "At a glance, for teachers",
        "accommodations, supports, safety plan and service times in plain language",
        False,
    ),
    LetterKind("timeline", "Timeline", "the dated fact pattern: failures, notices, responses, in order", False),
)

KIND_NAMES: tuple[str, ...] = tuple(k.name for k in KINDS)


def get_kind(name: str) -> LetterKind:
    wanted = name.strip().lower()
    for kind in KINDS:
        if kind.name == wanted:
            return kind
    matches = [k for k in KINDS if k.name.startswith(wanted)] if wanted else []
    if len(matches) == 1:
        return matches[0]
    raise InputError(f"{name!r} is not a document kind; use one of {', '.join(KIND_NAMES)}.")


def build_letter(name: str, view: CaseView) -> Letter:
    """The document `name` for the case in `view` (InputError naming any missing fact)."""
    kind = get_kind(name)
    with view.collecting_missing():
        letter: Letter = import_module(kind.module).build(view)
    return letter
