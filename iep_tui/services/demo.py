"""Add the demo case to a workspace once; never touch anything else."""

from __future__ import annotations

from iep_tui.store.case_store import CaseStore


def ensure_demo(store: CaseStore) -> tuple[str, bool]:
    """The demo case id, and whether it was added now (False: it was already there)."""
    from iep_tui.demo import DEMO_CASE_ID
    from iep_tui.demo.demo_case import build_demo_bundle

    if store.exists(DEMO_CASE_ID):
        return DEMO_CASE_ID, False
    store.create(build_demo_bundle())
    return DEMO_CASE_ID, True
