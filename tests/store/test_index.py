"""The case index: fast listing that never goes stale and never fails a save."""

from __future__ import annotations

import json
import os

from iep_tui.domain.models import SCHEMA_VERSION
from iep_tui.store.case_store import UNREADABLE, CaseStore


def test_summaries_list_every_case(store, kit):
    a = store.create(kit.sample_bundle(student="Maya Thompson"))
    b = store.create(kit.sample_bundle(student="Eli Nguyen"))
    rows = {r["id"]: r for r in store.summaries()}
    assert rows[a.case.id]["student"] == "Maya Thompson"
    assert rows[b.case.id]["student"] == "Eli Nguyen"
    assert set(rows[a.case.id]) == {"id", "student", "school", "district", "state", "grade", "is_demo", "archived"}


def test_listing_reads_the_index_not_the_case_files(store, kit, monkeypatch):
    store.create(kit.sample_bundle())
    store.summaries()
    from iep_tui.store import case_store

    def no_reading(*args, **kwargs):
        raise AssertionError("a case file was read")

    monkeypatch.setattr(case_store, "read_tables", no_reading)
    assert len(CaseStore(store.workspace).summaries()) == 1


def test_an_entry_whose_file_changed_is_re_read(store, kit):
    bundle = store.create(kit.sample_bundle(student="Maya Thompson"))
    store.summaries()
    other = CaseStore(store.workspace)
    with other.transaction(bundle.case.id) as tx:  # e.g. a crash right after this save
        tx.put_case(bundle.case.model_copy(update={"student": "Maya T."}))
    index = json.loads(store.workspace.index.read_bytes())
    index["cases"][bundle.case.id]["student"] = "stale name"
    index_path = store.workspace.index
    index_path.write_text(json.dumps(index))
    path = store.case_path(bundle.case.id)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1000))  # the file moved on
    assert store.summaries()[0]["student"] == "Maya T."


def test_missing_and_foreign_indexes_are_rebuilt(store, kit):
    bundle = store.create(kit.sample_bundle())
    store.workspace.index.unlink()
    assert [r["id"] for r in store.summaries()] == [bundle.case.id]
    assert store.workspace.index.exists()
    store.workspace.index.write_text("{not json")
    assert [r["id"] for r in store.summaries()] == [bundle.case.id]
    store.workspace.index.write_text('{"schema": 1, "cases": {}}')
    assert [r["id"] for r in store.summaries()] == [bundle.case.id]


def test_an_unreadable_case_keeps_its_name_in_the_listing(store, saved):
    store.summaries()
    path = store.case_path(saved.case.id)
    path.write_bytes(path.read_bytes()[:40])
    rows = store.summaries()
    assert rows == [dict(rows[0], id=saved.case.id, student="Maya Thompson", error=True)]


def test_an_unreadable_case_never_indexed_is_still_listed(store, saved):
    store.workspace.index.unlink()
    store.case_path(saved.case.id).write_bytes(b"garbage")
    rows = store.summaries()
    assert rows[0]["id"] == saved.case.id and rows[0]["student"] == UNREADABLE and rows[0]["error"]


def test_a_broken_index_never_fails_a_save(store, saved, kit):
    store.workspace.index.unlink()
    store.workspace.index.mkdir()  # writing it now fails
    store.add(saved.case.id, kit.new_session(saved, 20))
    assert len(store.load(saved.case.id).sessions) == len(saved.sessions) + 1
    assert store.summaries()[0]["id"] == saved.case.id
    assert kit.temp_files(store.workspace.root) == []


def test_refresh_index_reports_stale_entries(store, kit):
    a = store.create(kit.sample_bundle())
    assert store.refresh_index() == []
    index = json.loads(store.workspace.index.read_bytes())
    index["cases"]["ghost"] = {"student": "gone"}
    index["cases"][a.case.id]["student"] = "wrong"
    store.workspace.index.write_text(json.dumps(index))
    assert store.refresh_index() == sorted([a.case.id, "ghost"])
    assert store.refresh_index() == []
    assert store.summaries()[0]["student"] == "Maya Thompson"


def test_the_listing_reads_only_the_head_of_a_case_file(store, kit):
    from iep_tui.store.case_check import summary_from_head, summary_of

    bundle = store.create(kit.sample_bundle(sessions=400, student="Zoë Ångström-Nguyễn"))
    path = store.case_path(bundle.case.id)
    tables = json.loads(path.read_bytes())
    assert summary_from_head(path) == (SCHEMA_VERSION, summary_of(tables))
    reordered = {"case": tables["case"], **{k: v for k, v in tables.items() if k != "case"}}
    path.write_text(json.dumps(reordered))  # another writer's order: read in full instead
    assert summary_from_head(path) is None
    store.workspace.index.unlink()
    assert store.summaries()[0]["student"] == "Zoë Ångström-Nguyễn"
