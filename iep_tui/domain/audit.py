"""The audit trail: when an edit to evidence needs a reason, and what changed.

Every record already carries `created` (when it was entered) beside the date it
describes, and the store keeps the prior state in `history` when a reason is given.
This module decides *when* a reason is required: once a letter citing the entry has
been sent, the entry is part of the paper trail, and changing it silently would let
the record disagree with what the district received.

A letter "citing" an entry is a sent escalation step (any step with a sent date that
is not a draft) listing the entry in `incident_ids` or `session_ids`. A sent step is
itself a letter: editing what it says it sent (date, recipients, what was asked,
linked entries) needs a reason too, while recording the district's response or
closing the step is ordinary progress. A meeting whose recap was sent is cited by
that recap.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from iep_tui.domain.models import CaseBundle, EscalationStep, Incident, Meeting, Record, Session

BOOKKEEPING_FIELDS = frozenset({"id", "created", "updated", "version", "history"})
"""Fields the store maintains; a change to them alone is not an edit of the facts."""

STEP_PROGRESS_FIELDS = frozenset({"status", "response", "response_date"})
"""Step fields that record what happened after sending: editable without a reason."""

MEETING_PROGRESS_FIELDS = frozenset({"actions", "status", "notes"})
"""Meeting fields that move on after the recap (actions get done): no reason needed."""


@dataclass(frozen=True)
class Citation:
    """A letter that cites an entry: what was sent, when, and its step id."""

    step_id: str
    kind: str
    sent: date

    def describe(self) -> str:
        return f"the {self.kind.replace('-', ' ')} sent {self.sent.isoformat()} (step {self.step_id})"


def is_sent(step: EscalationStep) -> bool:
    """True once the step went out: it has a sent date and is not a draft."""
    return step.sent is not None and step.status != "draft"


def citations_of(bundle: CaseBundle, record: Record) -> list[Citation]:
    """The sent letters that cite this record, oldest first."""
    found: list[Citation] = []
    if isinstance(record, Incident | Session):
        field = "incident_ids" if isinstance(record, Incident) else "session_ids"
        for step in bundle.escalations:
            if is_sent(step) and record.id in getattr(step, field):
                assert step.sent is not None
                found.append(Citation(step.id, step.kind, step.sent))
    elif isinstance(record, EscalationStep):
        stored = next((s for s in bundle.escalations if s.id == record.id), None)
        if stored is not None and is_sent(stored):
            assert stored.sent is not None
            found.append(Citation(stored.id, stored.kind, stored.sent))
    elif isinstance(record, Meeting):
        stored_meeting = next((m for m in bundle.meetings if m.id == record.id), None)
        if stored_meeting is not None and stored_meeting.recap_sent is not None:
            found.append(Citation(stored_meeting.id, "meeting-recap", stored_meeting.recap_sent))
    return sorted(found, key=lambda c: (c.sent, c.step_id))


def changed_fields(before: Record, after: Record) -> list[str]:
    """Names of the fact fields that differ between two versions of a record."""
    old = before.model_dump(mode="json")
    new = after.model_dump(mode="json")
    return sorted(k for k in set(old) | set(new) if k not in BOOKKEEPING_FIELDS and old.get(k) != new.get(k))


def _progress_fields(record: Record) -> frozenset[str]:
    if isinstance(record, EscalationStep):
        return STEP_PROGRESS_FIELDS
    if isinstance(record, Meeting):
        return MEETING_PROGRESS_FIELDS
    return frozenset()


def reason_required(bundle: CaseBundle, before: Record, after: Record) -> str | None:
    """Why this edit needs a reason, or None when it does not.

    `before` is the stored record, `after` the edited copy. The answer is a sentence
    the front end shows when it asks for the reason.
    """
    facts = [f for f in changed_fields(before, after) if f not in _progress_fields(before)]
    if not facts:
        return None
    cited = citations_of(bundle, before)
    if not cited:
        return None
    what = type(before).__name__.lower().replace("escalationstep", "step")
    letters = "; ".join(c.describe() for c in cited)
    return (
        f"This {what} is cited in {letters}; changing {', '.join(facts)} after it was sent needs a "
        "reason, which is kept with the earlier version."
    )


def revision_summary(record: Record) -> list[dict[str, Any]]:
    """The audit trail of one record as plain rows (when, reason, fields that differed)."""
    rows: list[dict[str, Any]] = []
    current = record.model_dump(mode="json")
    for index, revision in enumerate(record.history):
        later = record.history[index + 1].before if index + 1 < len(record.history) else current
        fields = sorted(
            k
            for k in set(revision.before) | set(later)
            if k not in BOOKKEEPING_FIELDS and revision.before.get(k) != later.get(k)
        )
        rows.append({"at": revision.at.isoformat(), "reason": revision.reason, "fields": fields})
    return rows
