"""CaseStore: round trips, stale edits, damaged and newer files, disk full, backups, schema."""

from __future__ import annotations

import errno
import json
import os

import pytest
from tinydb import TinyDB
from tinydb.storages import JSONStorage

from iep_tui.domain.models import Incident, Requirement, Session
from iep_tui.errors import (
    ConflictError,
    CorruptFileError,
    DiskFullError,
    InputError,
    NewerSchemaError,
    NotFoundError,
    StoreError,
)
from iep_tui.store import atomic_file, schema
from iep_tui.store.backups import BACKUPS_KEPT
from iep_tui.store.case_store import CaseStore


def snapshot(path):
    """Bytes and identity of a file: equal snapshots mean it was not touched at all."""
    info = path.stat()
    return path.read_bytes(), info.st_ino, info.st_mtime_ns


def test_create_and_load_round_trip(store, kit):
    bundle = kit.sample_bundle()
    stored = store.create(bundle)
    loaded = store.load(bundle.case.id)
    assert loaded == stored
    assert [s.id for s in loaded.sessions] == [s.id for s in bundle.sessions]
    assert all(r.version == 1 for r in loaded.sessions + loaded.requirements + [loaded.case])


def test_create_refuses_an_existing_id(store, saved, kit):
    with pytest.raises(InputError, match="already exists"):
        store.create(kit.sample_bundle(case_id=saved.case.id))


def test_add_update_delete_keep_row_order(store, saved, kit):
    case_id = saved.case.id
    added = store.add(case_id, kit.new_session(saved, 20, "added"))
    first = saved.sessions[0]
    edited = store.update(case_id, first.model_copy(update={"note": "corrected"}), reason="typo")
    assert edited.version == first.version + 1
    loaded = store.load(case_id)
    assert loaded.sessions[0].note == "corrected"  # same place in the list
    assert loaded.sessions[0].history[-1].reason == "typo"
    assert loaded.sessions[0].history[-1].before["note"] == first.note
    assert loaded.sessions[-1].id == added.id
    store.delete(case_id, Session, added.id, version=added.version)
    assert added.id not in {s.id for s in store.load(case_id).sessions}


def test_stale_edit_is_a_conflict_and_changes_nothing(store, saved):
    case_id = saved.case.id
    mine = saved.sessions[1]
    theirs = saved.sessions[1]
    store.update(case_id, theirs.model_copy(update={"note": "their edit"}))
    before = snapshot(store.case_path(case_id))
    with pytest.raises(ConflictError, match="changed elsewhere"):
        store.update(case_id, mine.model_copy(update={"note": "my edit"}))
    with pytest.raises(ConflictError):
        store.delete(case_id, Session, mine.id, version=mine.version)
    assert snapshot(store.case_path(case_id)) == before
    assert store.load(case_id).sessions[1].note == "their edit"


def test_stale_case_details_are_a_conflict(store, saved):
    store.update_case(saved.case.model_copy(update={"school": "Lakeview"}))
    with pytest.raises(ConflictError, match="case details"):
        store.update_case(saved.case.model_copy(update={"school": "Other"}))
    assert store.load(saved.case.id).case.school == "Lakeview"


def test_inserting_an_existing_id_is_refused(store, saved):
    with pytest.raises(ConflictError, match="already exists"):
        store.add(saved.case.id, saved.sessions[0])


def test_updating_a_deleted_record_is_not_found(store, saved):
    gone = saved.incidents[0]
    store.delete(saved.case.id, Incident, gone.id)
    with pytest.raises(NotFoundError):
        store.update(saved.case.id, gone)


def test_a_failed_transaction_writes_nothing(store, saved, kit):
    path = store.case_path(saved.case.id)
    before = snapshot(path)
    with pytest.raises(RuntimeError):
        with store.transaction(saved.case.id) as tx:
            tx.insert(kit.new_session(saved, 9))
            raise RuntimeError("the user pressed escape")
    assert snapshot(path) == before


def test_non_json_value_fails_before_the_file_is_touched(store, saved, kit):
    path = store.case_path(saved.case.id)
    before = snapshot(path)
    backups = store.backups(saved.case.id)
    bad = kit.new_session(saved).model_copy(update={"note": object()})  # model_copy does not validate
    with pytest.raises(StoreError, match="cannot be stored as JSON"):
        store.add(saved.case.id, bad)
    with pytest.raises(StoreError, match="cannot be stored as JSON"):
        with store.transaction(saved.case.id) as tx:
            tx.insert(kit.new_session(saved, 3))
            tx._db.table("sessions").insert({"minutes": float("nan")})  # below the typed API
    assert snapshot(path) == before
    assert store.backups(saved.case.id) == backups
    assert kit.temp_files(store.workspace.root) == []


@pytest.mark.parametrize("where", ["write", "fsync"])
def test_disk_full_during_a_save(store, saved, kit, monkeypatch, where):
    path = store.case_path(saved.case.id)
    before = snapshot(path)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_file.os, where, full)
    with pytest.raises(DiskFullError, match="disk is full") as caught:
        store.add(saved.case.id, kit.new_session(saved, 12))
    monkeypatch.undo()
    assert str(path) in str(caught.value)
    assert snapshot(path) == before
    assert kit.temp_files(store.workspace.root) == []
    assert len(store.load(saved.case.id).sessions) == len(saved.sessions)


def damage(path, how="truncate"):
    raw = path.read_bytes()
    if how == "truncate":
        path.write_bytes(raw[: len(raw) // 2])
    elif how == "garbage":
        path.write_bytes(b"\x00\x00\x00" + raw[3:])
    elif how == "invalid-record":
        tables = json.loads(raw)
        first = next(iter(tables["sessions"]))
        tables["sessions"][first]["minutes"] = "thirty"
        path.write_text(json.dumps(tables))
    elif how == "not-tables":
        path.write_text('{"_meta": {"1": {"schema": 1}}, "sessions": [1, 2, 3]}')


@pytest.mark.parametrize("how", ["truncate", "garbage", "invalid-record", "not-tables"])
def test_a_damaged_file_names_itself_and_its_newest_good_backup(store, saved, kit, how):
    case_id = saved.case.id
    path = store.case_path(case_id)
    damage(path, how)
    before = snapshot(path)
    newest = store.backups(case_id)[0]
    with pytest.raises(CorruptFileError) as caught:
        store.load(case_id)
    message = str(caught.value)
    assert str(path) in message
    assert str(newest) in message and "Newest good backup: number 1" in message
    assert f"iep-tui restore {case_id}" in message
    with pytest.raises(CorruptFileError):
        store.add(case_id, kit.new_session(saved, 15))
    with pytest.raises(CorruptFileError):
        store.update_case(saved.case)
    assert snapshot(path) == before  # never overwritten
    assert len(store.backups(case_id)) == 3


def test_the_newest_good_backup_skips_damaged_backups(store, saved):
    case_id = saved.case.id
    backups = store.backups(case_id)
    os.unlink(backups[0])  # a backup is a hard link: damage a copy, not the case file
    backups[0].write_bytes(b'{"broken')
    damage(store.case_path(case_id))
    with pytest.raises(CorruptFileError, match="number 2") as caught:
        store.load(case_id)
    assert str(backups[1]) in str(caught.value)
    assert "--backup 2" in str(caught.value)


def test_a_damaged_file_without_backups_says_so(store, kit):
    bundle = store.create(kit.sample_bundle())
    damage(store.case_path(bundle.case.id))
    with pytest.raises(CorruptFileError, match="No backup of it exists yet"):
        store.load(bundle.case.id)


def write_newer(store, case_id):
    path = store.case_path(case_id)
    tables = json.loads(path.read_bytes())
    tables["_meta"] = {"1": {"schema": schema.SCHEMA_VERSION + 1}}
    tables["sessions"]["1"]["future_field"] = "kept"
    path.write_text(json.dumps(tables))
    return path


def test_a_newer_schema_is_refused_and_untouched(store, saved, kit):
    path = write_newer(store, saved.case.id)
    before = snapshot(path)
    with pytest.raises(NewerSchemaError, match="newer iep-tui"):
        store.load(saved.case.id)
    with pytest.raises(NewerSchemaError):
        store.add(saved.case.id, kit.new_session(saved, 4))
    assert snapshot(path) == before
    assert NewerSchemaError.exit_code == 1


def test_an_older_schema_is_migrated_under_the_lock_after_a_backup(store, saved, monkeypatch):
    case_id = saved.case.id
    path = store.case_path(case_id)
    old_bytes = path.read_bytes()
    calls = []

    def to_v2(tables):
        calls.append(1)
        for doc in tables["case"].values():
            doc["notes"] = "migrated"
        return tables

    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    monkeypatch.setitem(schema.MIGRATIONS, schema.SCHEMA_VERSION - 1, to_v2)
    bundle = store.load(case_id)
    assert bundle.case.notes == "migrated" and calls == [1]
    assert json.loads(path.read_bytes())["_meta"] == {"1": {"schema": schema.SCHEMA_VERSION}}
    assert store.backups(case_id)[0].read_bytes() == old_bytes
    store.load(case_id)
    assert calls == [1]


def test_backups_rotate_and_are_hard_links(store, kit):
    bundle = store.create(kit.sample_bundle())
    case_id = bundle.case.id
    for day in range(1, BACKUPS_KEPT + 6):
        store.add(case_id, kit.new_session(bundle, (day % 28) + 1))
    backups = store.backups(case_id)
    assert len(backups) == BACKUPS_KEPT >= 20
    counts = [len(json.loads(p.read_bytes())["sessions"]) for p in backups]
    assert counts == sorted(counts, reverse=True)  # newest first
    assert counts[0] == len(store.load(case_id).sessions) - 1
    assert all(p.stat().st_nlink == 1 for p in backups)  # the case file moved on to a new inode


def test_record_tables_keep_tinydb_format(store, saved):
    # the file is a plain TinyDB database: TinyDB itself can read it
    db = TinyDB(store.case_path(saved.case.id), storage=JSONStorage, access_mode="r")
    assert len(db.table("sessions")) == len(saved.sessions)
    assert db.table("_meta").get(doc_id=1) == {"schema": schema.SCHEMA_VERSION}
    db.close()


def test_unknown_record_kind_is_a_type_error(store, saved):
    from iep_tui.domain.models import Contact

    with pytest.raises(TypeError):
        store.add(saved.case.id, Contact(role="principal"))  # type: ignore[arg-type]


def test_requirement_update_round_trip(store, saved):
    requirement: Requirement = saved.requirements[0]
    store.update(saved.case.id, requirement.model_copy(update={"frequency": "30 min 3x weekly"}))
    assert store.load(saved.case.id).requirements[0].frequency == "30 min 3x weekly"


def test_missing_case_is_not_found(store):
    with pytest.raises(NotFoundError):
        store.load("nothere")
    with pytest.raises(NotFoundError):
        store.add("nothere", Incident(date="2026-10-01", what="x"))
    assert not store.case_path("nothere").exists()


def test_store_on_an_empty_folder_lists_nothing(tmp_path):
    from iep_tui.store.workspace import Workspace

    store = CaseStore(Workspace(tmp_path / "never-created"))
    assert store.summaries() == [] and store.case_ids() == []
    assert not (tmp_path / "never-created").exists()


def test_backups_stay_in_order_when_the_clock_goes_back(store, saved, kit, monkeypatch):
    from datetime import UTC, datetime

    from iep_tui.store import backups as backups_module

    class Past(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2020, 1, 1, tzinfo=UTC)

    monkeypatch.setattr(backups_module, "datetime", Past)
    for day in range(BACKUPS_KEPT + 2):
        store.add(saved.case.id, kit.new_session(saved, 1 + day % 28, note=f"past {day}"))
    monkeypatch.undo()
    newest = json.loads(store.backups(saved.case.id)[0].read_bytes())
    notes = [row["note"] for row in newest["sessions"].values()]
    assert notes[-1] == f"past {BACKUPS_KEPT}"  # backup 1 is the version before the last save
