"""What the export dialog asks of the case screen: the form that sets a missing fact, and the
saves a written letter leads to (recorded on its step, as a draft step, a recap marked sent).

Every save goes through the case screen (`tracked`: undo, the confirmation, the case
recomputed), as any other change does.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

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


class CaseLetterActions:
    """LetterActions (export_dialog) for one case screen."""

    def __init__(self, screen: Any) -> None:
        self.screen = screen

    def fill(self, fact: Any, then: Callable[[], None]) -> None:
        """The contact a letter needs (`contact:ROLE`), else the case details at the field named."""
        field = getattr(fact, "field", "") or ""
        if field.startswith("contact:"):
            self.screen.action_contacts(role=field.split(":", 1)[1], then=then)
        else:
            self.screen.action_case_details(focus=field if field in CASE_DETAIL_FIELDS else None, then=then)

    def after_write(self, kind: str, path: Path) -> str:
        """(In the dialog's worker.) Record the letter's file on the step waiting for it, as the CLI does."""
        from iep_tui.services import export_service

        step = self.screen.letter_source_step(kind)
        if step is None:
            return ""
        screen = self.screen
        saved = screen.tracked(
            "letter on its step", lambda: export_service.link_letter(screen.store, screen.case_id, step.id, str(path))
        )
        screen.app.call_from_thread(screen._saved, saved)
        state = "the draft" if step.status == "draft" else f"the step sent {step.sent.isoformat()}"
        return f"Recorded on {state} ({step.kind})" + (
            ": send it, then s on the Escalation tab marks it sent." if step.status == "draft" else "."
        )

    def record_draft(self, kind: str, path: Path) -> None:
        from iep_tui.services import export_service

        screen = self.screen
        store, case_id, today = screen.store, screen.case_id, screen.today
        screen.run_change(
            f"record the {kind} as a draft",
            lambda: export_service.record_letter_draft(store, case_id, kind, today, str(path)),
        )

    def recap_meeting(self) -> Any | None:
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

    def recap_sent(self, meeting: Any) -> None:
        from iep_tui.ui.case_actions import mark_recap_sent

        screen = self.screen
        store, case_id, today = screen.store, screen.case_id, screen.today
        screen.run_change("recap sent", lambda: mark_recap_sent(store, case_id, meeting, today))
