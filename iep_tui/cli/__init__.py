"""`iep-tui`: the TUI by default, plus quick-entry and scripting subcommands.

Each command group lives in its own module with a `register(subparsers)` function.
Errors become one line on stderr and an exit code: 2 for bad input, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from iep_tui import __version__
from iep_tui.cli.context import CliContext, SafeArgumentParser, add_workspace_option

COMMAND_MODULES: tuple[str, ...] = (
    "iep_tui.cli.app_commands",
    "iep_tui.cli.case_commands",
    "iep_tui.cli.store_commands",
    "iep_tui.cli.calendar_commands",
    "iep_tui.cli.ledger_commands",
    "iep_tui.cli.school_log_commands",
    "iep_tui.cli.escalation_commands",
    "iep_tui.cli.letter_commands",
)
"""Modules that add subcommands; later groups append themselves here."""


def build_parser() -> argparse.ArgumentParser:
    from importlib import import_module

    parser = SafeArgumentParser(
        prog="iep-tui",
        description="Track whether a child's IEP is being implemented, and act on the gaps.",
    )
    parser.add_argument("--version", action="version", version=f"iep-tui {__version__}")
    add_workspace_option(parser)
    parser.add_argument("--demo", action="store_true", help="open the built-in demo case")
    from iep_tui.cli.app_commands import add_app_options

    add_app_options(parser)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in COMMAND_MODULES:
        import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from iep_tui.cli.context import failure
    from iep_tui.safe_text import printable

    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = CliContext(args, demo=bool(getattr(args, "demo", False)))
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            from iep_tui.cli.app_commands import run_app

            return run_app(ctx, args)
        return int(handler(ctx, args) or 0)
    except KeyboardInterrupt:
        print("iep-tui: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as error:  # noqa: BLE001 - a known kind becomes one sentence; a bug is re-raised
        known = failure(error)
        if known is None:
            raise
        message, code = known
        print(f"iep-tui: {printable(message)}", file=sys.stderr)
        return code
