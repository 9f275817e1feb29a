"""Undo of the last change: exactly the records that change wrote, put back.

While a form's save runs, the store records what each of its transactions wrote
(`CaseStore.recording`): which records, what they held before, and the version
the save left. Undo reverts those records in one transaction and nothing else, so
an entry another window or command saved meanwhile is never touched; if one of
the change's own records moved on since, undo is refused as a conflict before
anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from iep_tui.store.case_store import CaseStore, RecordWrite

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


@dataclass(frozen=True)
class Change:
    label: str
    case_id: str
    writes: tuple[RecordWrite, ...]
    what: str = ""
    """What the change saved, as its confirmation said it ("Logged incident on Thu 2026-12-03"), for undo to
    say what it took back."""

    @property
    def empty(self) -> bool:
        return not self.writes


@dataclass(frozen=True)
class Saved(Generic[T_co]):
    """What a form's save returns: the service's result and the change (for undo).

    The case is recomputed after the save, in the background: the confirmation shows at
    once even on a case with years of entries, and keys typed meanwhile wait for the
    new numbers (`holds_keys`).
    """

    label: str
    result: T_co
    change: Change


def record_change(store: CaseStore, case_id: str, label: str, write: Callable[[], T]) -> tuple[T, Change]:
    """Run `write` (a service call) and remember what its own saves wrote to `case_id`."""
    with store.recording(case_id) as writes:
        result = write()
    return result, Change(label, case_id, tuple(writes))


def undo(store: CaseStore, change: Change) -> None:
    """Write the reverse of `change`; raises ConflictError if one of its records moved on since."""
    with store.transaction(change.case_id) as tx:
        tx.revert(change.writes)
