"""Item 1: a user-named output (ICS, letter, binder, case export) never harms another file.

Rules under test (DESIGN.md, "Outputs the user names"): never inside data/, never
through a symbolic link, never over an existing file unless --force (and then only
a file of the same kind), and written to a temp file that is renamed into place.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

CASE = "demo-lena"


def test_calendar_ics_out_cannot_replace_a_case_file(demo_ws, cli) -> None:
    case_file = demo_ws.case_file(CASE)
    before = case_file.read_bytes()
    result = cli("calendar", "ics", "--out", str(case_file))
    assert result.code == 2, result.err
    assert "data" in result.err and "Traceback" not in result.err
    assert case_file.read_bytes() == before
    assert cli("doctor").code == 0


@pytest.mark.parametrize("force", [False, True])
def test_no_output_lands_anywhere_in_data(demo_ws, cli, force: bool) -> None:
    extra = ["--force"] if force else []
    for argv in (
        ["calendar", "ics", "--out", str(demo_ws.data / "x.ics")],
        ["calendar", "ics", "--out", str(demo_ws.backups)],
        ["letter", "timeline", "--out", str(demo_ws.cases / "t.docx")],
        ["binder", "--out", str(demo_ws.locks)],  # refused before the binder is built
        ["case", "export", CASE, "--out", str(demo_ws.cases / f"{CASE}.json")],
    ):
        before = sorted(p.name for p in demo_ws.data.rglob("*"))
        result = cli(*argv, *extra)
        assert result.code == 2, (argv, result.err)
        assert sorted(p.name for p in demo_ws.data.rglob("*")) == before, argv


def test_a_symlink_at_the_default_export_name_is_not_followed(demo_ws, cli, bystander, snapshot) -> None:
    demo_ws.exports.mkdir(exist_ok=True)
    planted = demo_ws.exports / f"deadlines-{CASE}.ics"
    planted.symlink_to(bystander / "thesis.json")
    before = snapshot(bystander)
    result = cli("calendar", "ics")
    assert result.code in (1, 2) and "link" in result.err, result.err
    assert "Traceback" not in result.err and result.out == ""
    assert snapshot(bystander) == before
    assert planted.is_symlink()


def test_a_symlink_named_by_out_is_refused_even_with_force(demo_ws, cli, bystander, snapshot, tmp_path) -> None:
    link = tmp_path / "letter.docx"
    link.symlink_to(bystander / "notes.txt")
    before = snapshot(bystander)
    for extra in ([], ["--force"]):
        result = cli("letter", "timeline", "--out", str(link), *extra)
        assert result.code == 2 and "link" in result.err, result.err
    assert snapshot(bystander) == before


def test_an_existing_file_is_never_overwritten_without_force(demo_ws, cli, tmp_path) -> None:
    target = tmp_path / "deadlines.ics"
    first = cli("calendar", "ics", "--out", str(target))
    assert first.code == 0, first.err
    target.write_bytes(b"BEGIN:VCALENDAR\r\nX-MINE:keep\r\nEND:VCALENDAR\r\n")
    second = cli("calendar", "ics", "--out", str(target))
    assert second.code == 0, second.err
    # a taken name gets "-2", as letters do; the user's file is intact
    assert Path(second.last_line) == tmp_path / "deadlines-2.ics"
    assert b"X-MINE:keep" in target.read_bytes()


def test_force_replaces_only_a_file_of_the_same_kind(demo_ws, cli, tmp_path) -> None:
    ics = tmp_path / "old.ics"
    ics.write_bytes(b"BEGIN:VCALENDAR\r\nX-OLD:1\r\nEND:VCALENDAR\r\n")
    result = cli("calendar", "ics", "--out", str(ics), "--force")
    assert result.code == 0, result.err
    assert Path(result.last_line) == ics and b"X-OLD" not in ics.read_bytes()
    assert b"BEGIN:VEVENT" in ics.read_bytes()

    not_ics = tmp_path / "notes.ics"
    not_ics.write_text("my own notes, named .ics by mistake")
    refused = cli("calendar", "ics", "--out", str(not_ics), "--force")
    assert refused.code == 2 and "not" in refused.err, refused.err
    assert not_ics.read_text() == "my own notes, named .ics by mistake"

    case_copy = tmp_path / "copy.json"
    case_copy.write_bytes(demo_ws.case_file(CASE).read_bytes())  # a store file, not an export
    refused = cli("case", "export", CASE, "--out", str(case_copy), "--force")
    assert refused.code == 2, refused.err
    assert case_copy.read_bytes() == demo_ws.case_file(CASE).read_bytes()


def test_case_export_out_writes_the_same_document_as_stdout(demo_ws, cli, tmp_path) -> None:
    printed = cli("case", "export", CASE)
    target = tmp_path / "lena.json"
    written = cli("case", "export", CASE, "--out", str(target))
    assert written.code == 0, written.err
    assert Path(written.last_line) == target
    assert json.loads(target.read_text()) == printed.json()
    assert os.stat(target).st_mode & 0o777 == 0o600
    again = cli("case", "export", CASE, "--out", str(target), "--force")  # its own kind: replaced
    assert again.code == 0 and Path(again.last_line) == target, again.err


def test_a_killed_write_leaves_no_partial_file_under_the_final_name(demo_ws, cli, tmp_path, monkeypatch) -> None:
    """The payload goes to a hidden temp file first; dying mid-write leaves no final name."""
    real_write = os.write
    calls = {"n": 0}

    def dying_write(fd: int, data) -> int:
        calls["n"] += 1
        if len(data) > 100:  # the payload, not a lock-file byte
            real_write(fd, bytes(data[:50]))
            raise KeyboardInterrupt  # as close to SIGKILL as a test can get in-process
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", dying_write)
    target = tmp_path / "cut.ics"
    result = cli("calendar", "ics", "--out", str(target))
    monkeypatch.undo()
    assert result.code == 130
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".cut.ics")] == []
