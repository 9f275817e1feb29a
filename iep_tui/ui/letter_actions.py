"""What the export dialog asks of the case screen: the form that sets a missing fact, and the
saves a written letter leads to (recorded on its step, as a draft step, a recap marked sent).

Every save goes through the case screen (`tracked`: undo, the confirmation, the case
recomputed), as any other change does, without a toast: the dialog says each in its status
line or its letter, and a toast over the dialog covered them (its "d records it as a draft").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from iep_tui.domain.case_view import MissingFact
    from iep_tui.domain.models import Meeting
    from iep_tui.store.case_store import CaseStore
    from iep_tui.ui.case_data import CaseData
    from iep_tui.ui.letters import LetterWritten
    from iep_tui.ui.undo import Saved
    from iep_tui.ui.workspace_app import WorkspaceApp

T = TypeVar("T")

CASE_DETAIL_FIELDS = frozenset(
    {
        "student",
        "state",
        "school",
        "district",
        "grade",
        "address",
        "iep_effective",
        "annual_review_due",
        "reevaluation_due",
        "date_of_birth",
        "student_id",
    }
)


class LetterScreen(Protocol):
    """What these actions use of the case screen (which imports this module, so not named here)."""

    case_id: str
    data: CaseData | None

    @property
    def app(self) -> WorkspaceApp: ...

    @property
    def store(self) -> CaseStore: ...

    @property
    def today(self) -> date: ...

    def action_contacts(
        self, role: str | None = None, then: Callable[[], None] | None = None, toast: bool = True
    ) -> None: ...

    def action_case_details(
        self, focus: str | None = None, then: Callable[[], None] | None = None, toast: bool = True
    ) -> None: ...

    def action_add_incident(
        self,
        kind: str | None = None,
        then: Callable[[], None] | None = None,
        toast: bool = True,
        safety: bool = False,
    ) -> None: ...

    def tracked(self, label: str, write: Callable[[], T]) -> Saved[T]: ...

    def run_change(self, label: str, write: Callable[[], object], toast: bool = True) -> None: ...

    def _saved(self, saved: Saved[object] | None, toast: bool = True) -> None: ...


class CaseLetterActions:
    """LetterActions (export_dialog) for one case screen."""

    def __init__(self, screen: LetterScreen) -> None:
        self.screen = screen

    def fill(self, fact: MissingFact, then: Callable[[], None]) -> None:
        """The contact a letter needs (`contact:ROLE`), an incident of a kind (`incident:KIND`, the refusal a
        PWN request asks about; `incident:safety`, the safety failure a safety notice is about), else the case
        details at the field named."""
        field = fact.field
        if field.startswith("incident:"):  # incident:KIND, or incident:safety (Safety-related ticked)
            what = field.split(":", 1)[1]
            safety = what == "safety"
            kind = None if safety else what
            self.screen.action_add_incident(kind=kind, then=then, toast=False, safety=safety)
        elif field.startswith("contact:"):
            self.screen.action_contacts(role=field.split(":", 1)[1], then=then, toast=False)
        else:
            focus = field if field in CASE_DETAIL_FIELDS else None
            self.screen.action_case_details(focus=focus, then=then, toast=False)

    def after_write(self, kind: str, written: LetterWritten) -> str:
        """(In the dialog's worker.) Record the letter's file on the step it was built for (`written.step`,
        whose recipients and due date it carries; never another step of its kind), as the CLI does: a step
        recorded without recipients or asks takes the letter's (`export_service.link_letter`)."""
        from iep_tui.services import export_service

        step = written.step
        if step is None:
            return ""
        screen = self.screen
        store, case_id, today, path = screen.store, screen.case_id, screen.today, str(written.path)
        saved = screen.tracked(
            "letter on its step", lambda: export_service.link_letter(store, case_id, step.id, path, kind, today)
        )
        screen.app.call_from_thread(screen._saved, saved, False)
        linked = saved.result
        state = "the draft" if linked.status == "draft" or linked.sent is None else f"the step sent {linked.sent}"
        to = f" to {' + '.join(linked.to_roles)}" if linked.to_roles else ""
        return f"Recorded on {state} ({step_named(kind, linked.kind)}){to}" + (
            ": send it, then s on the Escalation tab marks it sent." if linked.status == "draft" else "."
        )

    def record_draft(self, kind: str, path: Path) -> None:
        from iep_tui.services import export_service

        screen = self.screen
        store, case_id, today = screen.store, screen.case_id, screen.today
        screen.run_change(
            f"record the {kind} as a draft",
            lambda: export_service.record_letter_draft(store, case_id, kind, today, str(path)),
            toast=False,
        )

    def recap_meeting(self) -> Meeting | None:
        """The latest held meeting (on or before today) whose recap is not marked sent."""
        data = self.screen.data
        if data is None:
            return None
        held = [
            m
            for m in data.bundle.meetings
            if m.date <= self.screen.today and m.recap_sent is None and m.status in ("held", "scheduled")
        ]
        return max(held, key=lambda m: m.date) if held else None

    def recap_sent(self, meeting: Meeting) -> None:
        from iep_tui.ui.case_actions import mark_recap_sent

        screen = self.screen
        store, case_id, today = screen.store, screen.case_id, screen.today
        screen.run_change("recap sent", lambda: mark_recap_sent(store, case_id, meeting, today), toast=False)


def step_named(letter_kind: str, step_kind: str) -> str:
    """The step as the user knows it: the letter's own name when its step is of another kind (the safety
    notice is a compliance-notice step on the ladder, and was called only "compliance-notice")."""
    if letter_kind == step_kind:
        return step_kind
    from iep_tui.export.letters import get_kind

    return f"{get_kind(letter_kind).title}, a {step_kind} step"
