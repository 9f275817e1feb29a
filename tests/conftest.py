"""Shared fixtures: every test runs in its own workspace with a fixed "today".

No test may write into the repository or the user's real data folder, so the
per-user default location is redirected into the test's tmp_path too.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from iep_tui.store.workspace import Workspace

FIXED_TODAY = "2026-11-28"


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("IEP_TUI_WORKSPACE", raising=False)
    monkeypatch.setenv("IEP_TUI_TODAY", FIXED_TODAY)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TEXTUAL_THEME", raising=False)


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """An empty workspace that the CLI uses by default (via IEP_TUI_WORKSPACE)."""
    root = tmp_path / "workspace"
    monkeypatch.setenv("IEP_TUI_WORKSPACE", str(root))
    return Workspace(root)


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    @property
    def last_line(self) -> str:
        return self.out.strip().splitlines()[-1]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run `iep-tui ARGS...` in-process; returns exit code, stdout and stderr."""
    from iep_tui.cli import main

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse usage errors
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
