"""Undo of the last change: the records it added, changed or removed, put back.

A change is remembered as the case before and after it (both loaded from the
store around the save), so undo needs no knowledge of which service made it. The
reverse is written in one transaction through the repository, with the usual
version checks: if someone changed the same record in the meantime, undo is
refused as a conflict instead of overwriting their edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iep_tui.domain.models import CaseBundle
    from iep_tui.store.case_store import CaseStore


@dataclass(frozen=True)
class Change:
    label: str
    case_id: str
    before: CaseBundle
    after: CaseBundle

    @property
    def empty(self) -> bool:
        return self.before.model_dump() == self.after.model_dump()


def undo(store: CaseStore, change: Change) -> None:
    """Write the reverse of `change`; raises ConflictError if its records moved on since."""
    from iep_tui.domain.models import RECORD_TABLES

    with store.transaction(change.case_id) as tx:
        if change.before.case.model_dump() != change.after.case.model_dump():
            restored = change.before.case.model_copy(update={"version": change.after.case.version})
            tx.put_case(restored)
        for kind, table in RECORD_TABLES.items():
            before = {r.id: r for r in getattr(change.before, table)}
            after = {r.id: r for r in getattr(change.after, table)}
            for record_id, record in after.items():
                if record_id not in before:
                    tx.delete(kind, record_id, version=record.version)
                elif before[record_id].model_dump() != record.model_dump():
                    tx.update(before[record_id].model_copy(update={"version": record.version}))
            for record_id, record in before.items():
                if record_id not in after:
                    tx.insert(record)
