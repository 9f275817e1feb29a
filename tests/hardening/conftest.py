"""Fixtures for the attacks on everything around the store: a demo workspace, and
a "bystander" folder outside it whose files must never change; and the helpers the
attacks share (hostile calendars, links, nested JSON, a one-sentence refusal), which
the test modules import from here (`from tests.hardening.conftest import ...`), as
tests/ui does, so that each attack is written once.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


# ---------------------------------------------------------------- shared attack helpers


def vcal(*events: str) -> bytes:
    """An iCalendar file holding these VEVENT bodies."""
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//attack//EN\r\n{body}END:VCALENDAR\r\n".encode()


def event(summary: str, start: str, *extra: str) -> str:
    """A VEVENT body: an all-day event on `start` (YYYYMMDD) with extra lines (RRULE, DTEND...)."""
    return "\r\n".join([f"SUMMARY:{summary}", f"DTSTART;VALUE=DATE:{start}", *extra])


@contextmanager
def at_most(seconds: int) -> Iterator[None]:
    """Fail instead of hanging the suite (the INTERVAL=0 bug was an endless loop)."""

    def expired(signum, frame):  # noqa: ANN001 - signal handler signature
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def replace_with_link(path: Path, target: Path) -> None:
    """Replace a workspace folder or file by a symbolic link to `target` (what is there is removed)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    path.symlink_to(target, target_is_directory=target.is_dir())


def nested(depth: int) -> str:
    """JSON nested `depth` lists deep."""
    return "[" * depth + "]" * depth


def one_sentence(result, code: int) -> str:  # noqa: ANN001 - a CliResult from the cli fixture
    """The refusal as the issue asks: exit `code`, nothing on stdout, one 'iep-tui: ' line on stderr."""
    assert result.code == code, (result.code, result.err)
    assert "Traceback" not in result.err and result.out == ""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("iep-tui: "), result.err
    return lines[0]
