"""Item 2: undo reverts exactly the records its own save wrote, never another process's.

The TUI remembers each save (CaseScreen.tracked) and `u` reverts it (ui.undo.undo).
Here "another process" is the CLI's own service, run at the worst moments: just
after the TUI's save and before it could look at the case again, and just before it.
"""

from __future__ import annotations

import threading
from datetime import date
from types import SimpleNamespace

import pytest

from iep_tui.domain.models import Incident, Session
from iep_tui.errors import ConflictError
from iep_tui.store.case_store import CaseStore
from iep_tui.ui.screens.case_screen import CaseScreen
from iep_tui.ui.undo import undo

CASE = "demo-lena"
TODAY = date(2026, 11, 28)


@pytest.fixture
def store(demo_ws, monkeypatch) -> CaseStore:
    # what the panes show after a save is not under test here: skip building it
    monkeypatch.setattr("iep_tui.ui.case_data.case_data_from_bundle", lambda bundle, today: bundle)
    return CaseStore(demo_ws, lock_timeout=2.0)


def screen(store: CaseStore) -> SimpleNamespace:
    """What CaseScreen.tracked reads from its screen: the store, the case and today."""
    return SimpleNamespace(store=store, case_id=CASE, today=TODAY)


def cli_session(store: CaseStore, note: str) -> str:
    """A missed session saved as `iep-tui log missed` saves it, by another process: here a
    thread of its own with its own store (a new thread shares nothing of the TUI's context)."""
    result: dict[str, str] = {}

    def other_process() -> None:
        other = CaseStore(store.workspace, lock_timeout=2.0)
        requirement = other.load(CASE).requirements[0]
        session = Session(
            requirement_id=requirement.id,
            date=date(2026, 11, 20),
            status="missed",
            minutes=30,
            reason="provider-absent",
            note=note,
        )
        result["id"] = other.add(CASE, session).id

    thread = threading.Thread(target=other_process)
    thread.start()
    thread.join()
    return result["id"]


def tui_incident(store: CaseStore, what: str) -> str:
    return store.add(CASE, Incident(date=date(2026, 11, 24), what=what)).id


@pytest.mark.parametrize("other_first", [False, True], ids=["saved-right-after", "saved-just-before"])
def test_undo_keeps_an_entry_another_process_saved_meanwhile(store, other_first: bool) -> None:
    ids: dict[str, str] = {}

    def write() -> None:
        if other_first:  # between the TUI's look at the case and its save
            ids["cli"] = cli_session(store, "saved from the command line meanwhile")
        ids["tui"] = tui_incident(store, "Extended time not given on the unit test")
        if not other_first:  # after the TUI's save, before undo
            ids["cli"] = cli_session(store, "saved from the command line meanwhile")

    saved = CaseScreen.tracked(screen(store), "log an incident", write)
    undo(store, saved.change)
    bundle = store.load(CASE)
    assert ids["tui"] not in {i.id for i in bundle.incidents}  # the TUI's own entry is undone
    assert ids["cli"] in {s.id for s in bundle.sessions}  # the other one is untouched


def test_undo_is_refused_when_its_own_record_changed_since(store) -> None:
    saved = CaseScreen.tracked(
        screen(store), "log an incident", lambda: tui_incident(store, "Para absent during lunch")
    )
    incident = next(i for i in store.load(CASE).incidents if i.what == "Para absent during lunch")
    store.update(CASE, incident.model_copy(update={"impact": "Missed lunch"}))  # another window edits it
    before = store.case_path(CASE).read_bytes()
    with pytest.raises(ConflictError):
        undo(store, saved.change)
    assert store.case_path(CASE).read_bytes() == before  # nothing of the undo was written


def test_undo_of_an_edit_and_of_a_delete_puts_back_exactly_that_record(store) -> None:
    from iep_tui.ui.case_actions import delete_record

    other = cli_session(store, "an unrelated entry")
    incident = store.load(CASE).incidents[0]
    edit = CaseScreen.tracked(
        screen(store), "edit", lambda: store.update(CASE, incident.model_copy(update={"impact": "Changed in the TUI"}))
    )
    cli_session(store, "the CLI again")
    undo(store, edit.change)
    restored = next(i for i in store.load(CASE).incidents if i.id == incident.id)
    assert restored.impact == incident.impact

    session = next(s for s in store.load(CASE).sessions if s.id == other)
    gone = CaseScreen.tracked(screen(store), "delete", lambda: delete_record(store, CASE, session))
    third = cli_session(store, "and once more")
    undo(store, gone.change)
    after = {s.id: s for s in store.load(CASE).sessions}
    assert after[other].note == "an unrelated entry" and third in after
