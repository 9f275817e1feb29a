"""The numbers cache: used only for the very case file version and day it was computed for."""

from __future__ import annotations

import json

from iep_tui.store.numbers_cache import CACHE_FILE, read_numbers, signature, write_numbers

DAY = "2026-11-28"


def test_numbers_come_back_for_the_same_file_and_day(store, kit):
    case_id = store.create(kit.sample_bundle()).case.id
    path = store.case_path(case_id)
    write_numbers(store.workspace.data, {case_id: (signature(path), {"owed_total": 30})}, DAY)
    assert read_numbers(store.workspace.data, {case_id: path}, DAY) == {case_id: {"owed_total": 30}}


def test_another_day_or_a_save_retires_them(store, kit):
    bundle = store.create(kit.sample_bundle())
    case_id = bundle.case.id
    path = store.case_path(case_id)
    write_numbers(store.workspace.data, {case_id: (signature(path), {"owed_total": 30})}, DAY)
    assert read_numbers(store.workspace.data, {case_id: path}, "2026-11-29") == {}  # owed grows with the days
    store.add(case_id, kit.new_session(bundle, day=9))  # a save replaces the file
    assert read_numbers(store.workspace.data, {case_id: path}, DAY) == {}


def test_numbers_computed_from_a_version_that_changed_meanwhile_are_never_used(store, kit):
    bundle = store.create(kit.sample_bundle())
    case_id = bundle.case.id
    path = store.case_path(case_id)
    before = signature(path)  # taken before loading what the numbers are computed from
    store.add(case_id, kit.new_session(bundle, day=9))  # another window saves meanwhile
    write_numbers(store.workspace.data, {case_id: (before, {"owed_total": 30})}, DAY)
    assert read_numbers(store.workspace.data, {case_id: path}, DAY) == {}


def test_a_damaged_cache_is_ignored_and_rewritten(store, kit):
    case_id = store.create(kit.sample_bundle()).case.id
    path = store.case_path(case_id)
    (store.workspace.data / CACHE_FILE).write_text("{ not json", "utf-8")
    assert read_numbers(store.workspace.data, {case_id: path}, DAY) == {}
    write_numbers(store.workspace.data, {case_id: (signature(path), {"owed_total": 5})}, DAY)
    assert read_numbers(store.workspace.data, {case_id: path}, DAY) == {case_id: {"owed_total": 5}}


def test_a_write_keeps_other_cases_of_the_day_and_drops_other_days(store, kit):
    a = store.create(kit.sample_bundle(student="A")).case.id
    b = store.create(kit.sample_bundle(student="B")).case.id
    paths = {a: store.case_path(a), b: store.case_path(b)}
    write_numbers(store.workspace.data, {a: (signature(paths[a]), {"n": 1})}, "2026-11-27")
    write_numbers(store.workspace.data, {b: (signature(paths[b]), {"n": 2})}, DAY)
    write_numbers(store.workspace.data, {a: (signature(paths[a]), {"n": 3})}, DAY)
    assert read_numbers(store.workspace.data, paths, DAY) == {a: {"n": 3}, b: {"n": 2}}
    stored = json.loads((store.workspace.data / CACHE_FILE).read_text("utf-8"))["cases"]
    assert all(entry["key"].endswith(DAY) for entry in stored.values())
