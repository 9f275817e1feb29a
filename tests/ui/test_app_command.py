"""`iep-tui` itself: --case opens straight into a case; a --workspace that does not exist is said, not created."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What the TUI would have been opened on (the TUI itself is not run)."""
    seen: dict[str, Any] = {}

    def run(workspace: Any, case_id: str | None = None, today: Any = None) -> int:
        seen.update(workspace=workspace, case_id=case_id)
        return 0

    monkeypatch.setattr("iep_tui.ui.app.run", run)
    return seen


def test_case_opens_straight_into_that_case(cli, demo_workspace, opened):
    assert cli("--case", "lena").code == 0
    assert opened["case_id"] == "demo-lena"
    missing = cli("--case", "nobody")
    assert missing.code == 2 and "No case matches 'nobody'" in missing.err and "Traceback" not in missing.err


def test_a_workspace_that_does_not_exist_is_said_and_not_created(cli, tmp_path, opened):
    folder = tmp_path / "typo"
    result = cli("--workspace", str(folder))
    assert result.code == 2 and "does not exist" in result.err and "--create" in result.err
    assert not folder.exists() and opened == {}
    for read in (("cases",), ("owed",), ("--case", "x")):
        assert cli("--workspace", str(folder), *read).code in (0, 2)
        assert not folder.exists(), read
    assert cli("--workspace", str(folder), "--create").code == 0
    assert (folder / "data" / "cases").is_dir() and opened["case_id"] is None
