"""`iep-tui doctor` and `iep-tui restore` through the real CLI."""

from __future__ import annotations

import json
import os

import pytest

from iep_tui.store.backups import BACKUPS_KEPT
from iep_tui.store.case_store import CaseStore
from iep_tui.store.doctor import run_doctor


def damage(path):
    path.write_bytes(path.read_bytes()[:50])


def test_a_healthy_workspace(cli, saved):
    result = cli("doctor")
    assert result.code == 0, result.out + result.err
    assert "Checked 1 case" in result.out and "No problems found." in result.out


def test_doctor_json_is_one_document(cli, saved):
    result = cli("doctor", "--json")
    report = json.loads(result.out)
    assert result.code == 0 and report["ok"] is True
    assert report["cases_checked"] == 1 and report["records_checked"] == len(saved.sessions) + 3
    assert report["problems"] == [] and report["temp_files_removed"] == []


def test_temp_files_are_removed_and_reported_not_errors(cli, store, saved):
    leftover = store.workspace.cases / f".{saved.case.id}.json.4242.c0ffee.tmp"
    leftover.write_bytes(b'{"half": ')
    index_leftover = store.workspace.data / ".index.json.4242.beef00.tmp"
    index_leftover.write_bytes(b"")
    result = cli("doctor", "--json")
    report = result.json()
    assert result.code == 0 and report["ok"]
    assert sorted(report["temp_files_removed"]) == sorted([str(leftover), str(index_leftover)])
    assert not leftover.exists() and not index_leftover.exists()
    assert cli("doctor", "--json").json()["temp_files_removed"] == []


def test_a_temp_file_of_a_save_in_progress_is_left_alone(store, saved):
    leftover = store.workspace.cases / f".{saved.case.id}.json.4242.c0ffee.tmp"
    leftover.write_bytes(b"{}")
    busy = CaseStore(store.workspace, lock_timeout=0.2)
    with store.case_lock(saved.case.id):  # a save is running
        report = run_doctor(busy)
    assert leftover.exists() and report.ok
    assert any("Left in place" in n.message for n in report.notes)


def test_permissions_are_fixed_and_reported(cli, store, saved):
    case_file = store.case_path(saved.case.id)
    backup = store.backups(saved.case.id)[-1]
    os.chmod(case_file, 0o644)
    os.chmod(backup, 0o664)
    os.chmod(store.workspace.cases, 0o755)
    os.chmod(store.workspace.backups / saved.case.id, 0o775)
    (store.workspace.exports / "letter.docx").write_bytes(b"x")
    os.chmod(store.workspace.exports / "letter.docx", 0o644)
    result = cli("doctor", "--json")
    report = result.json()
    assert result.code == 0
    fixed = {f["path"] for f in report["fixed"] if f["kind"] == "permissions"}
    assert fixed == {
        str(case_file),
        str(backup),
        str(store.workspace.cases),
        str(store.workspace.backups / saved.case.id),
        str(store.workspace.exports / "letter.docx"),
    }
    assert all(kit_mode == 0o600 for kit_mode in (case_file.stat().st_mode & 0o777, backup.stat().st_mode & 0o777))
    assert store.workspace.cases.stat().st_mode & 0o777 == 0o700
    assert cli("doctor", "--json").json()["fixed"] == []


def test_a_damaged_file_fails_doctor_with_its_newest_good_backup(cli, store, saved):
    path = store.case_path(saved.case.id)
    damage(path)
    before = path.read_bytes()
    newest = store.backups(saved.case.id)[0]
    result = cli("doctor")
    assert result.code == 1
    assert str(path) in result.out and str(newest) in result.out
    assert f"iep-tui restore {saved.case.id}" in result.out
    report = cli("doctor", "--json").json()
    problem = report["problems"][0]
    assert problem["kind"] == "damaged" and problem["case"] == saved.case.id
    assert problem["newest_good_backup"]["number"] == 1 and problem["newest_good_backup"]["path"] == str(newest)
    assert path.read_bytes() == before


def test_a_newer_file_fails_doctor_and_is_untouched(cli, store, saved):
    path = store.case_path(saved.case.id)
    tables = json.loads(path.read_bytes())
    tables["_meta"]["1"]["schema"] = 99
    path.write_text(json.dumps(tables))
    before = path.read_bytes()
    result = cli("doctor", "--json")
    assert result.code == 1
    problem = result.json()["problems"][0]
    assert problem["kind"] == "newer" and "Upgrade iep-tui" in problem["message"]
    assert "Do not restore" in problem["message"]
    assert path.read_bytes() == before


def test_broken_references_fail_doctor(cli, store, saved):
    from iep_tui.domain.models import Requirement

    store.delete(saved.case.id, Requirement, saved.requirements[0].id)  # its sessions now dangle
    result = cli("doctor", "--json")
    assert result.code == 1
    problem = result.json()["problems"][0]
    assert problem["kind"] == "inconsistent" and saved.requirements[0].id in problem["message"]


def test_a_stale_index_is_rebuilt(cli, store, saved):
    index = json.loads(store.workspace.index.read_bytes())
    index["cases"][saved.case.id]["student"] = "Someone Else"
    store.workspace.index.write_text(json.dumps(index))
    report = cli("doctor", "--json").json()
    assert [f["kind"] for f in report["fixed"]] == ["index"]
    assert cli("cases", "--json").json()[0]["student"] == "Maya Thompson"


def test_doctor_reports_progress(store, kit):
    for n in range(3):
        store.create(kit.sample_bundle(student=f"Student {n}"))
    seen = []
    run_doctor(store, progress=lambda done, total, case_id: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_restore_fixes_a_damaged_file_and_keeps_it(cli, store, saved):
    case_id = saved.case.id
    path = store.case_path(case_id)
    good = store.backups(case_id)[0].read_bytes()
    damage(path)
    damaged = path.read_bytes()
    result = cli("restore", "Maya")  # by part of the name: the index still knows it
    assert result.code == 0, result.err
    assert f"Restored case {case_id}" in result.out
    assert path.read_bytes() == good
    kept = store.backups(case_id)[0]
    assert kept.read_bytes() == damaged and kept.name.endswith("-before-restore.json")
    assert "undoes this restore" in result.err
    assert cli("doctor").code == 0
    assert len(store.load(case_id).sessions) == len(saved.sessions) - 1  # the newest backup is one save older


def test_restore_by_id_prefix_and_a_chosen_backup(cli, store, saved):
    case_id = saved.case.id
    third = store.backups(case_id)[2].read_bytes()
    result = cli("restore", case_id[:4], "--backup", "3", "--json")
    assert result.code == 0, result.err
    assert result.json()["backup"] == 3 and result.json()["changed"] is True
    assert store.case_path(case_id).read_bytes() == third


def test_restore_refuses_a_damaged_backup_and_changes_nothing(cli, store, saved):
    case_id = saved.case.id
    newest = store.backups(case_id)[0]
    os.unlink(newest)
    newest.write_bytes(b"{")
    before = store.case_path(case_id).read_bytes()
    count = len(store.backups(case_id))
    result = cli("restore", case_id)
    assert result.code == 1
    assert "Backup 1 cannot be restored" in result.err and "--backup 2" in result.err
    assert store.case_path(case_id).read_bytes() == before
    assert len(store.backups(case_id)) == count


def test_restore_out_of_range_is_bad_input(cli, store, saved):
    result = cli("restore", saved.case.id, "--backup", "99")
    assert result.code == 2 and "choose --backup 1 (newest) to 3" in result.err
    assert cli("restore", saved.case.id, "--backup", "0").code == 2


def test_restore_list(cli, store, saved):
    store.backups(saved.case.id)[1].unlink()
    result = cli("restore", saved.case.id, "--list", "--json")
    rows = result.json()["backups"]
    assert [r["number"] for r in rows] == [1, 2]
    assert all(r["status"] == "ok" and r["student"] == "Maya Thompson" for r in rows)
    human = cli("restore", saved.case.id, "--list")
    assert human.code == 0 and "ok," in human.out


def test_restore_a_case_whose_file_is_gone(cli, store, saved):
    case_id = saved.case.id
    store.case_path(case_id).unlink()
    report = cli("doctor", "--json").json()
    assert any(n["case"] == case_id and "no case file" in n["message"] for n in report["notes"])
    result = cli("restore", case_id[:5])
    assert result.code == 0, result.err
    assert store.load(case_id).case.student == "Maya Thompson"


def test_before_restore_backups_are_never_rotated_away(store, saved, kit):
    case_id = saved.case.id
    damage(store.case_path(case_id))
    kept = store.restore(case_id).kept
    for day in range(BACKUPS_KEPT + 3):
        store.add(case_id, kit.new_session(saved, 1 + day % 28))
    assert kept.exists() and kept in store.backups(case_id)


def test_restoring_what_is_already_there_changes_nothing(cli, store, saved):
    case_id = saved.case.id
    assert cli("restore", case_id).code == 0  # backup 1 is now the file it replaced, backup 2 what is there
    count = len(store.backups(case_id))
    result = cli("restore", case_id, "--backup", "2")
    assert result.code == 0 and "already matches backup 2" in result.out
    assert len(store.backups(case_id)) == count


@pytest.mark.parametrize("command", [("doctor",), ("restore", "nobody")])
def test_commands_on_an_empty_workspace(cli, workspace, command):
    result = cli(*command)
    assert result.code == (0 if command == ("doctor",) else 2)


def test_export_temp_files_are_removed_only_when_their_writer_is_gone(store, saved):
    store.workspace.exports.mkdir(parents=True, exist_ok=True)
    dead = store.workspace.exports / ".letter.docx.999999999.abcdef.tmp"
    live = store.workspace.exports / f".letter.docx.{os.getpid()}.abcdef.tmp"
    dead.write_bytes(b"PK")
    live.write_bytes(b"PK")
    report = run_doctor(store)
    assert not dead.exists() and live.exists()
    assert report.ok
