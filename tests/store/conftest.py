"""Store fixtures: a store in the test's own workspace, and small realistic cases.

Helpers reach the tests as the `kit` fixture (tests are imported by path, so they
cannot import this module by name).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest

import iep_tui
from iep_tui.domain.models import Case, CaseBundle, Incident, Requirement, Session
from iep_tui.store.case_store import CaseStore
from iep_tui.store.workspace import Workspace


def sample_bundle(sessions: int = 6, student: str = "Maya Thompson", case_id: str | None = None) -> CaseBundle:
    """A case with two requirements, some sessions and an incident, all references intact."""
    case = Case(student=student, state="WA", school="Cedar Ridge Elementary", district="North Sound SD", grade="4")
    if case_id:
        case = case.model_copy(update={"id": case_id})
    speech = Requirement(
        kind="service",
        name="Speech",
        text="30 min 2x weekly of speech therapy",
        frequency="30 min 2x weekly",
        provider_role="slp",
    )
    seating = Requirement(kind="accommodation", name="Preferential seating", text="Seat near instruction")
    first = date(2026, 9, 8)
    rows = [
        Session(
            requirement_id=speech.id,
            date=first + timedelta(days=2 * n),
            status="missed" if n % 3 else "delivered",
            minutes=30,
            reason="provider-absent" if n % 3 else None,
            note="SLP out; no substitute" if n % 3 else "",
        )
        for n in range(sessions)
    ]
    incident = Incident(
        date=first,
        what="Seated at the back during the math test",
        requirement_ids=[seating.id],
        impact="Could not see the board",
    )
    return CaseBundle(case=case, requirements=[speech, seating], sessions=rows, incidents=[incident])


def new_session(bundle: CaseBundle, day: int = 1, note: str = "") -> Session:
    return Session(
        requirement_id=bundle.requirements[0].id,
        date=date(2026, 10, day),
        status="missed",
        minutes=30,
        reason="provider-absent",
        note=note,
    )


@pytest.fixture
def store(workspace: Workspace) -> CaseStore:
    return CaseStore(workspace, lock_timeout=2.0)


@pytest.fixture
def saved(store: CaseStore) -> CaseBundle:
    """A stored case with a few saves behind it (so it has backups)."""
    bundle = store.create(sample_bundle())
    for day in (1, 2, 3):
        store.add(bundle.case.id, new_session(bundle, day))
    return store.load(bundle.case.id)


@contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def temp_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.tmp"))


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


REPO_ROOT = Path(iep_tui.__file__).resolve().parents[1]


def child_env() -> dict[str, str]:
    """Environment for a child `python` that must import this checkout's iep_tui."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH", "")]))
    return env


class Kit:
    sample_bundle = staticmethod(sample_bundle)
    new_session = staticmethod(new_session)
    umask = staticmethod(umask)
    temp_files = staticmethod(temp_files)
    mode = staticmethod(mode)
    child_env = staticmethod(child_env)
    repo_root = REPO_ROOT


@pytest.fixture
def kit() -> type[Kit]:
    return Kit
