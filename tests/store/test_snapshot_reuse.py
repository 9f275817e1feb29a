"""A store reuses the rows of the version it last wrote: never once the file differs.

The reuse is what keeps a save in the low milliseconds; these tests pin down that
it is invisible: whatever happens (edits, deletes, aborted transactions, another
store's saves, models handed out), what a transaction sees is exactly the file.
"""

from __future__ import annotations

import json
import random

import pytest

from iep_tui.domain.models import Incident, Session
from iep_tui.store.case_store import CaseStore


def file_rows(store, case_id):
    return json.loads(store.case_path(case_id).read_bytes())


def seen_by_transaction(store, case_id):
    with store.transaction(case_id) as tx:
        return json.loads(json.dumps(tx._tables()))


def test_random_operations_never_diverge_from_the_file(store, saved, kit):
    case_id = saved.case.id
    rng = random.Random(7)
    other = CaseStore(store.workspace)
    for step in range(150):
        bundle = other.load(case_id)
        action = rng.choice(["add", "add", "edit", "edit-with-reason", "delete", "abort", "other-store", "bundle"])
        if action == "add":
            store.add(case_id, kit.new_session(saved, 1 + step % 28, note=f"step {step}"))
        elif action.startswith("edit") and bundle.sessions:
            target = rng.choice(bundle.sessions)
            reason = "corrected" if action == "edit-with-reason" else None
            store.update(case_id, target.model_copy(update={"note": f"edited {step}"}), reason=reason)
        elif action == "delete" and bundle.incidents:
            store.delete(case_id, Incident, bundle.incidents[0].id)
            store.add(case_id, Incident(date="2026-10-02", what=f"again {step}"))
        elif action == "abort":
            with pytest.raises(KeyError):
                with store.transaction(case_id) as tx:
                    tx.insert(kit.new_session(saved, 3, note="never saved"))
                    if bundle.sessions:
                        tx.update(bundle.sessions[0].model_copy(update={"note": "never saved"}))
                    raise KeyError("abort")
        elif action == "other-store":
            other.add(case_id, kit.new_session(saved, 4, note=f"other {step}"))
        elif action == "bundle":
            with store.transaction(case_id) as tx:
                handed_out = tx.bundle()
            for session in handed_out.sessions:  # a careless caller mutating what it got
                for revision in session.history:
                    revision.before["note"] = "mutated in memory"
        assert seen_by_transaction(store, case_id) == file_rows(store, case_id), (step, action)
    notes = [s.note for s in CaseStore(store.workspace).load(case_id).sessions]
    assert "never saved" not in notes and "mutated in memory" not in json.dumps(file_rows(store, case_id))


def test_an_edit_replaces_the_row_object(store, saved):
    """Rows kept for reuse must never change in place: an edit puts in a new row."""
    case_id = saved.case.id
    store.add(
        case_id, Session(requirement_id=saved.requirements[0].id, date="2026-10-09", status="delivered", minutes=30)
    )
    kept_raw, kept_rows = store._known[case_id]
    assert kept_rows is not None
    before = json.dumps(kept_rows)
    fresh = CaseStore(store.workspace).load(case_id)
    store.update(case_id, fresh.sessions[0].model_copy(update={"note": "changed"}))
    assert json.dumps(kept_rows) == before


def test_a_damaged_file_is_noticed_even_after_reuse(store, saved, kit):
    from iep_tui.errors import CorruptFileError

    case_id = saved.case.id
    store.add(case_id, kit.new_session(saved, 5))
    path = store.case_path(case_id)
    tables = json.loads(path.read_bytes())
    next(iter(tables["sessions"].values()))["minutes"] = -5  # valid JSON, invalid record
    path.write_text(json.dumps(tables))
    with pytest.raises(CorruptFileError, match="does not validate"):
        store.add(case_id, kit.new_session(saved, 6))
