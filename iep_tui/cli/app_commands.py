"""Opening the TUI: `iep-tui` (the workspace), `iep-tui --case CASE` (straight into a case) and
`iep-tui --demo` (the demo case).

A `--workspace` folder that does not exist is said, not created: a mistyped path must not
leave an empty workspace behind. `--create` creates it (so does any command that saves).
"""

from __future__ import annotations

import argparse

from iep_tui.cli.context import CliContext, Subcommands
from iep_tui.errors import InputError


def add_app_options(parser: argparse.ArgumentParser) -> None:
    """Options of the TUI itself (no subcommand)."""
    parser.add_argument(
        "--case",
        dest="open_case",
        metavar="CASE",
        help="open the TUI straight into this case (id, id prefix or part of the name)",
    )
    parser.add_argument("--create", action="store_true", help="create the --workspace folder if it does not exist yet")


def register(sub: Subcommands) -> None:
    """The TUI is the default action (no subcommand); its options are on the main parser."""


def run_app(ctx: CliContext, args: argparse.Namespace) -> int:
    """Open the TUI; with --demo, straight into the demo case (added on first use)."""
    workspace = ctx.workspace
    explicit = getattr(args, "workspace", None)
    if explicit and not args.demo and not workspace.root.exists():
        raise InputError(
            f"The workspace {workspace.root} does not exist; nothing was created. Check the path, or start a "
            f"new workspace there with `iep-tui --workspace {explicit} --create`."
        )
    case_id = None
    if args.demo:
        from iep_tui.demo import DEMO_CASE_ID

        case_id = DEMO_CASE_ID
        if not workspace.case_file(DEMO_CASE_ID).exists():  # first run only: build and save it
            from iep_tui.services.demo import ensure_demo

            ensure_demo(ctx.store)
    elif args.open_case:
        from iep_tui.services.cases import resolve_case

        case_id = resolve_case(ctx.store, args.open_case)
    from iep_tui.ui.app import run

    return run(workspace, case_id=case_id, today=ctx.today)
