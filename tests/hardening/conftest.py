"""Fixtures for the attacks on everything around the store: a demo workspace, and
a "bystander" folder outside it whose files must never change.

Tests are imported by path, so helpers reach them as fixtures (`snapshot`).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from iep_tui.store.workspace import Workspace


@pytest.fixture
def demo_ws(workspace: Workspace, cli) -> Workspace:
    """The CLI's workspace with the demo case (id demo-lena) in it."""
    result = cli("demo")
    assert result.code == 0, result.err
    return workspace


@pytest.fixture
def bystander(tmp_path: Path) -> Path:
    """A folder of someone's own files, outside the workspace; attacks point links at it."""
    folder = tmp_path / "bystander"
    folder.mkdir()
    (folder / "thesis.json").write_text('{"mine": true}')
    (folder / "notes.txt").write_text("do not touch")
    os.chmod(folder / "notes.txt", 0o644)
    os.chmod(folder, 0o755)
    return folder


def tree_state(root: Path) -> dict[str, tuple[int, str]]:
    """Every entry under `root` (not following links): mode and content hash."""
    state: dict[str, tuple[int, str]] = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        if path.is_symlink():
            digest = "link:" + os.readlink(path)
        elif path.is_file():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            digest = "dir"
        state[str(path.relative_to(root))] = (info.st_mode, digest)
    state["."] = (root.lstat().st_mode, "dir")
    return state


@pytest.fixture
def snapshot() -> Callable[[Path], dict[str, tuple[int, str]]]:
    return tree_state
