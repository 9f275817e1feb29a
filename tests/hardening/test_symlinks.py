"""Item 6: a symbolic link inside the workspace never leads iep-tui outside it.

Each attack replaces one of the workspace's own folders or files with a link to a
"bystander" folder of someone's own files. Afterwards the bystander's files, modes
and names are exactly as before, the command said what is wrong in one sentence,
and `doctor` names the link without following it.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.hardening.conftest import replace_with_link

CASE = "demo-lena"


def save_something(cli) -> object:
    return cli("contact", "set", "slp", "--name", "Dana Ortiz", "--case", CASE)


@pytest.fixture
def full_bystander(bystander: Path) -> Path:
    """The bystander folder holds 30 files named like backups: rotation must not delete them."""
    for n in range(30):
        (bystander / f"2020010{n % 10}T000000.{n:06d}-1.json").write_text(json.dumps({"photo": n}))
    for path in bystander.iterdir():
        os.chmod(path, 0o644)
    return bystander


@pytest.mark.parametrize("which", ["exports", "locks", "backups", "cases", "data"])
def test_a_linked_workspace_folder_is_refused_by_name(demo_ws, cli, full_bystander, snapshot, which) -> None:
    folder = {
        "exports": demo_ws.exports,
        "locks": demo_ws.locks,
        "backups": demo_ws.backups,
        "cases": demo_ws.cases,
        "data": demo_ws.data,
    }[which]
    if which in ("cases", "data"):
        shutil.move(str(folder), str(folder.with_name(folder.name + ".real")))
    replace_with_link(folder, full_bystander)
    before = snapshot(full_bystander)
    for result in (save_something(cli), cli("letter", "timeline"), cli("cases"), cli("calendar", "ics")):
        assert result.code in (1, 2) and "symbolic link" in result.err and str(folder) in result.err, result.err
        assert "Traceback" not in result.err
    doctor = cli("doctor")
    assert doctor.code == 1 and "symbolic link" in doctor.out and str(folder) in doctor.out, doctor.out
    assert snapshot(full_bystander) == before


def test_a_linked_backup_folder_of_one_case_is_never_rotated(demo_ws, cli, full_bystander, snapshot) -> None:
    folder = demo_ws.backups / CASE
    folder.mkdir(parents=True, exist_ok=True)
    replace_with_link(folder, full_bystander)
    before = snapshot(full_bystander)
    case_before = demo_ws.case_file(CASE).read_bytes()
    result = save_something(cli)
    assert result.code == 1 and "symbolic link" in result.err and str(folder) in result.err, result.err
    assert demo_ws.case_file(CASE).read_bytes() == case_before  # the save did not happen without its backup
    assert cli("restore", CASE, "--list").code in (0, 1, 2)
    doctor = cli("doctor")
    assert doctor.code == 1 and str(folder) in doctor.out
    assert snapshot(full_bystander) == before


def test_a_linked_lock_file_is_neither_followed_nor_chmodded(demo_ws, cli, bystander, snapshot) -> None:
    lock = demo_ws.locks / f"{CASE}.lock"
    replace_with_link(lock, bystander / "notes.txt")
    before = snapshot(bystander)
    result = save_something(cli)
    assert result.code == 1 and "symbolic link" in result.err and str(lock) in result.err, result.err
    doctor = cli("doctor")
    assert doctor.code == 1 and str(lock) in doctor.out, doctor.out
    assert snapshot(bystander) == before


def test_a_linked_case_file_is_not_read_through(demo_ws, cli, bystander, snapshot) -> None:
    real = demo_ws.case_file(CASE)
    outside = bystander / "lena.json"
    shutil.copy(real, outside)
    os.chmod(outside, 0o644)
    replace_with_link(real, outside)
    before = snapshot(bystander)
    shown = cli("status", "--case", CASE)
    assert shown.code in (1, 2) and "symbolic link" in shown.err, shown.err
    assert save_something(cli).code in (1, 2)
    doctor = cli("doctor")
    assert doctor.code == 1 and str(real) in doctor.out, doctor.out
    assert snapshot(bystander) == before


def test_a_workspace_path_that_is_a_file_is_one_sentence(tmp_path, cli) -> None:
    not_a_folder = tmp_path / "ws.txt"
    not_a_folder.write_text("a file")
    for argv in (["cases"], ["demo"], ["case", "new", "--student", "A", "--state", "WA"]):
        result = cli("--workspace", str(not_a_folder), *argv)
        assert result.code in (1, 2) and "Traceback" not in result.err, (argv, result.err)
        assert len(result.err.strip().splitlines()) == 1, result.err
    doctor = cli("--workspace", str(not_a_folder), "doctor")  # a report on stdout, exit 1
    assert doctor.code == 1 and "is a file, not a workspace folder" in doctor.out and doctor.err == ""
    assert not_a_folder.read_text() == "a file"
