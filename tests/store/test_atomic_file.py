"""write_atomic and the storage's serialization: all or nothing, owner-only, strict JSON."""

from __future__ import annotations

import errno
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iep_tui.errors import CorruptFileError, DiskFullError, StoreError
from iep_tui.store import atomic_file
from iep_tui.store.atomic_file import is_temp_name, temp_name, temp_target, write_atomic
from iep_tui.store.tinydb_storage import parse_json, parse_tables, serialize


def test_replaces_whole_file_owner_only(tmp_path, kit):
    target = tmp_path / "case.json"
    with kit.umask(0o022):
        write_atomic(target, b'{"a":1}')
        write_atomic(target, b'{"a":2}')
    assert target.read_bytes() == b'{"a":2}'
    assert kit.mode(target) == 0o600
    assert kit.temp_files(tmp_path) == []


@pytest.mark.parametrize("where", ["write", "fsync"])
def test_disk_full_leaves_the_original_byte_identical(tmp_path, kit, monkeypatch, where):
    target = tmp_path / "case.json"
    write_atomic(target, b'{"before":true}')
    original = target.read_bytes()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_file.os, where, full)
    with pytest.raises(DiskFullError) as caught:
        write_atomic(target, b'{"after":true}' * 1000)
    monkeypatch.undo()
    assert "disk is full" in str(caught.value).lower()
    assert str(target) in str(caught.value)
    assert target.read_bytes() == original
    assert kit.temp_files(tmp_path) == []


def test_failure_before_replace_keeps_the_original(tmp_path, kit):
    target = tmp_path / "case.json"
    write_atomic(target, b"1")

    def boom() -> None:
        raise RuntimeError("backup failed")

    with pytest.raises(RuntimeError):
        write_atomic(target, b"2", before_replace=boom)
    assert target.read_bytes() == b"1"
    assert kit.temp_files(tmp_path) == []


def test_temp_names_are_recognised(tmp_path):
    name = temp_name(tmp_path / "abc123.json").name
    assert is_temp_name(name)
    assert temp_target(name) == "abc123.json"
    assert not is_temp_name("abc123.json")
    assert not is_temp_name(".gitkeep")


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -math.inf, object(), [1, {"deep": float("nan")}]])
def test_a_value_json_cannot_hold_is_refused(value):
    with pytest.raises(StoreError, match="cannot be stored as JSON"):
        serialize({"sessions": {"1": {"minutes": value}}})


def test_the_words_nan_and_infinity_inside_text_are_fine():
    tables = {"notes": {"1": {"text": "NaN Infinity -Infinity"}}}
    assert parse_json(serialize(tables)) == tables


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_serialize_and_parse_agree_with_the_stdlib(value):
    tables = {"t": {"1": {"v": value}}}
    payload = serialize(tables)
    assert json.loads(payload) == tables
    assert parse_json(payload) == tables


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"   ",
        b'{"case": ',
        b"[1, 2]",
        b'{"case": []}',
        b'{"case": {"x": {}}}',
        b'{"case": {"1": 5}}',
        b'{"a": NaN}',
        b"\xff\xfe{}",
    ],
)
def test_damaged_bytes_are_a_corrupt_file_error(raw):
    with pytest.raises(CorruptFileError, match="case.json"):
        parse_tables(raw, "case.json")
