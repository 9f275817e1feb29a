"""What every CLI command gets: the workspace, today's date, and output helpers.

stdout carries results (with --json, exactly one JSON document); stderr carries
messages, warnings and progress, so scripts can pipe stdout safely.

Everything printed passes through `safe_text.printable` (or, for JSON, has every
control character escaped), so no escape sequence from data reaches the terminal;
`failure` turns any error a user can cause into one sentence and an exit code.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, TypeAlias

from iep_tui.safe_text import printable
from iep_tui.store.workspace import Workspace, resolve_workspace

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from iep_tui.domain.models import CaseBundle
    from iep_tui.store.case_store import CaseStore

Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
"""What `add_subparsers` returns, as every `register` takes it (argparse's class is generic only to mypy)."""

TODAY_ENV = "IEP_TUI_TODAY"
"""Fixes "today" (YYYY-MM-DD) for tests, demos and reproducing a report."""


def today_from_env() -> date:
    """Today's date, or the date in IEP_TUI_TODAY when set."""
    fixed = os.environ.get(TODAY_ENV)
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            from iep_tui.errors import InputError

            raise InputError(f"{TODAY_ENV}={fixed!r} is not a date such as 2026-11-02") from None
    return date.today()


@dataclass
class CliContext:
    """Shared state for one command invocation."""

    args: argparse.Namespace
    demo: bool = False
    _today: date | None = field(default=None, repr=False)

    @cached_property
    def workspace(self) -> Workspace:
        """The workspace named or defaulted, its folders checked (`ensure`). A folder that does not
        exist yet is created by the first write (the store creates it) or by --create, never by a
        command that only reads."""
        workspace = resolve_workspace(getattr(self.args, "workspace", None), demo=self.demo)
        if workspace.root.exists() or workspace.root.is_symlink() or getattr(self.args, "create", False):
            return workspace.ensure()
        return workspace

    @cached_property
    def store(self) -> CaseStore:
        """The workspace's case store, imported on first use (commands that never read cases stay quick)."""
        from iep_tui.store.case_store import CaseStore

        return CaseStore(self.workspace, on_wait=self.say)

    @property
    def today(self) -> date:
        if self._today is None:
            self._today = today_from_env()
        return self._today

    @property
    def json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    def case_id(self, args: argparse.Namespace) -> str:
        """The case `--case` (or a CASE argument) names; the only case when none is named."""
        from iep_tui.services.cases import resolve_case

        return resolve_case(self.store, getattr(args, "case", None))

    def load_case(self, args: argparse.Namespace) -> tuple[str, CaseBundle]:
        """The named case's id and its records."""
        case_id = self.case_id(args)
        return case_id, self.store.load(case_id)

    def user_date(
        self, text: str | None, *, case_id: str | None = None, bundle: CaseBundle | None = None
    ) -> date | None:
        """A date as people type it (see `date_input`); None when not given.

        "N school days ago" counts on the case's school calendar, so the case is loaded
        (from `case_id` unless `bundle` is at hand) only for such a date.
        """
        if text is None:
            return None
        return self.given_date(text, case_id=case_id, bundle=bundle)

    def given_date(self, text: str, *, case_id: str | None = None, bundle: CaseBundle | None = None) -> date:
        """`user_date` of a date argparse always fills (a required option, or one with a default)."""
        from iep_tui.domain.date_input import parse_user_date

        calendar = None
        if "school" in text.lower():
            if bundle is None and case_id is not None:
                bundle = self.store.load(case_id)
            if bundle is not None:
                from iep_tui.services.calendar_service import case_calendar

                calendar = case_calendar(bundle.case)
        return parse_user_date(text, self.today, calendar)

    def say(self, message: str) -> None:
        """A human message: always stderr, so stdout stays clean for --json."""
        print(printable(message), file=sys.stderr, flush=True)

    def emit(self, text: str) -> None:
        """A result line on stdout."""
        print(printable(text), flush=True)

    def emit_json(self, document: object) -> None:
        """The one JSON document of a --json command."""
        sys.stdout.write(json_text(document) + "\n")
        sys.stdout.flush()


def json_text(document: object) -> str:
    """Indented JSON of anything `json.dumps` takes (and dates), readable (non-ASCII kept) yet
    terminal-safe: the json module escapes U+0000-U+001F, and DEL, C1 controls and lone
    surrogates are escaped here as \\uXXXX (they can only occur inside strings, where that
    escape means the same character)."""
    text = json.dumps(document, ensure_ascii=False, indent=2, default=_json_default)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\ud800-\udfff]")


def _json_default(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


class SafeArgumentParser(argparse.ArgumentParser):
    """argparse echoes what was typed in its errors ("invalid choice: ..."): printed safely too."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        super()._print_message(printable(message) if message else message, file)


def failure(error: BaseException) -> tuple[str, int] | None:
    """One sentence and the exit code for an error a user or the machine can cause
    (None: a bug, which keeps its traceback). 2 is bad input, 1 the environment."""
    from iep_tui.errors import IepError

    if isinstance(error, IepError):
        return str(error), error.exit_code
    from pydantic import ValidationError

    if isinstance(error, ValidationError):
        from iep_tui.domain.validation import explain

        return explain(error), 2
    if isinstance(error, OSError):
        what = f"Cannot use {error.filename}" if error.filename else "The system refused"
        return f"{what}: {error.strerror or error}.", 1
    return None


Handler = Callable[[CliContext, argparse.Namespace], int | None]


def add_command(
    subparsers: Subcommands,
    name: str,
    handler: Handler,
    help: str,
    *,
    json_flag: bool = False,
) -> argparse.ArgumentParser:
    """Add a subcommand that accepts --workspace after its name too, and binds its handler."""
    parser = subparsers.add_parser(name, help=help, description=help)
    add_workspace_option(parser)
    if json_flag:
        parser.add_argument("--json", action="store_true", help="print one JSON document on stdout")
    parser.set_defaults(handler=handler)
    return parser


def day_count_arg(text: str) -> int:
    """An argparse type: a whole number of days, zero or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days") from None
    if value < 0:
        raise argparse.ArgumentTypeError("a day count cannot be negative")
    return value


def minutes_arg(text: str) -> int:
    """An argparse type: whole minutes ('30'); '30.5' or 'half' says minutes are whole numbers."""
    try:
        value = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: minutes are whole numbers, e.g. 30") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r}: minutes cannot be negative; give a whole number such as 30")
    return value


def group_help(parser: argparse.ArgumentParser) -> Handler:
    """The handler of a command group run without its action: its help on stderr, exit 2."""

    def show(ctx: CliContext, args: argparse.Namespace) -> int:
        parser.print_help(sys.stderr)
        return 2

    return show


def add_workspace_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workspace",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="workspace folder (default: $IEP_TUI_WORKSPACE or the per-user folder)",
    )


def add_force_option(parser: argparse.ArgumentParser, suffix: str) -> None:
    """--force: replace an existing file at --out, only when it is itself a `suffix` file iep-tui could have written."""
    parser.add_argument(
        "--force",
        action="store_true",
        help=f"replace an existing {suffix} file at --out (never anything else); "
        "without it a taken name gets -2, -3 ...",
    )


def add_case_option(parser: argparse.ArgumentParser, required: bool = False) -> None:
    parser.add_argument(
        "--case",
        metavar="CASE",
        required=required,
        help="case id, unique id prefix, or unique part of the student's name"
        + ("" if required else " (optional when the workspace has one case)"),
    )
