"""Fixtures for the TUI: a workspace with the demo case, an app factory with a fixed today and theme."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from iep_tui.store.workspace import Workspace

TODAY = date(2026, 11, 28)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` Pilot tests on a fresh event loop (no asyncio plugin needed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    args = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**args))
    return True


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "config"
    folder.mkdir()
    return folder


@pytest.fixture
def demo_workspace(workspace: Workspace) -> Workspace:
    from iep_tui.services.demo import ensure_demo
    from iep_tui.store.case_store import CaseStore

    ensure_demo(CaseStore(workspace.ensure()))
    return workspace


@pytest.fixture
def make_app(config_dir: Path) -> Callable[..., object]:
    from iep_tui.ui.app import IepApp

    def make(workspace: Workspace, case_id: str | None = None, theme: str = "textual-dark") -> IepApp:
        return IepApp(workspace, case_id=case_id, today=TODAY, theme=theme, config_dir=config_dir)

    return make


# ---------------------------------------------------------------- waiting for workers


async def settle(pilot: Any, rounds: int = 40) -> None:
    """Let held keys reach their widgets and workers finish, and their results reach the screen."""
    app = pilot.app
    for _ in range(rounds):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in app.workers) and not getattr(app, "keys_pending", False):
            break
    await pilot.pause()


def burst(pilot: Any, *keys: str) -> None:
    """Send keys the way a fast typist or an SSH read delivers them: all at once, no pause between.

    Pilot.press waits for the app to go idle after every key, which hides lost keys; this
    puts every key in the app's queue before the first one is handled. Follow with settle().
    """
    from textual import events

    app = pilot.app
    for key in keys:
        char = " " if key == "space" else key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)


async def press(pilot: Any, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def type_text(pilot: Any, text: str) -> None:
    await pilot.press(*[c if c != " " else "space" for c in text])


@pytest.fixture
def ui() -> Any:
    """settle/press/type_text helpers for Pilot tests."""

    class UI:
        settle = staticmethod(settle)
        press = staticmethod(press)
        burst = staticmethod(burst)
        type_text = staticmethod(type_text)

    return UI


@pytest.fixture
def bare_case(workspace) -> str:
    """A case with one missed session and nothing a letter's heading needs: no contacts, no school."""
    from datetime import date

    from iep_tui.services.cases import create_case
    from iep_tui.services.ledger_service import add_requirement, log_session
    from iep_tui.store.case_store import CaseStore

    store = CaseStore(workspace.ensure())
    case = create_case(store, student="Sam Ortiz", state="WA")
    add_requirement(
        store, case.id, kind="service", name="Speech", text="Speech 30 min 2x weekly", frequency="30 min 2x weekly"
    )
    log_session(
        store, case.id, "speech", "missed", today=date(2026, 11, 28), on=date(2026, 11, 24), reason="provider-absent"
    )
    return case.id
