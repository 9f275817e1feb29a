"""Children's records: files 0600 and folders 0700 whatever the umask."""

from __future__ import annotations

import stat

import pytest

from iep_tui.store.case_store import CaseStore
from iep_tui.store.workspace import Workspace


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o000, 0o077, 0o277])
def test_everything_the_store_creates_is_owner_only(tmp_path, kit, mask):
    with kit.umask(mask):
        store = CaseStore(Workspace(tmp_path / "ws"))
        bundle = store.create(kit.sample_bundle())
        store.add(bundle.case.id, kit.new_session(bundle, 2))
        store.summaries()
        damaged = store.case_path(bundle.case.id)
        damaged.write_bytes(b"{")  # a restore keeps the replaced file too
        store.restore(bundle.case.id)
    root = tmp_path / "ws"
    created = [p for p in root.rglob("*")]
    assert any(p.name.endswith(".lock") for p in created)
    assert any(p.name.endswith("-before-restore.json") for p in created)
    for path in [root, *created]:
        mode = stat.S_IMODE(path.stat().st_mode)
        wanted = 0o700 if path.is_dir() else 0o600
        assert mode == wanted, f"{path.relative_to(tmp_path)} is {mode:04o}"


def test_existing_loose_folders_are_tightened_by_the_next_save(tmp_path, kit):
    store = CaseStore(Workspace(tmp_path / "ws"))
    bundle = store.create(kit.sample_bundle())
    store.workspace.cases.chmod(0o755)
    store.add(bundle.case.id, kit.new_session(bundle, 2))
    assert stat.S_IMODE(store.workspace.cases.stat().st_mode) == 0o700


def test_a_checkout_used_as_workspace_keeps_its_own_folder_mode(tmp_path, kit):
    root = tmp_path / "checkout"
    root.mkdir(mode=0o755)
    root.chmod(0o755)
    store = CaseStore(Workspace(root))
    store.create(kit.sample_bundle())
    assert stat.S_IMODE(root.stat().st_mode) == 0o755  # not ours to change
    assert stat.S_IMODE(store.workspace.cases.stat().st_mode) == 0o700
