"""Opening the TUI: `iep-tui` (the workspace) and `iep-tui --demo` (the demo case)."""

from __future__ import annotations

import argparse

from iep_tui.cli.context import CliContext


def register(sub: argparse._SubParsersAction) -> None:
    """The TUI is the default action (no subcommand); nothing to add here."""


def run_app(ctx: CliContext, args: argparse.Namespace) -> int:
    """Open the TUI; with --demo, straight into the demo case (added on first use)."""
    case_id = None
    if args.demo:
        from iep_tui.demo import DEMO_CASE_ID

        case_id = DEMO_CASE_ID
        if not ctx.workspace.case_file(DEMO_CASE_ID).exists():  # first run only: build and save it
            from iep_tui.services.demo import ensure_demo

            ensure_demo(ctx.store)
    from iep_tui.ui.app import run

    return run(ctx.workspace, case_id=case_id, today=ctx.today)
