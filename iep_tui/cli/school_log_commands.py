"""`iep-tui school-log import FILE` and `iep-tui reconcile`: the district's own service log.

`school-log import` prints its summary (columns, service and status mappings, what is
added and skipped) on stderr and its result line (or one JSON document) on stdout.
`reconcile` compares the log with the parent's record per requirement and date: a short
table per requirement, then each disputed date with both versions side by side. The work
is done by `iep_tui.services.school_log_service`, which the TUI calls too.
"""

from __future__ import annotations

import argparse
import textwrap
from typing import TYPE_CHECKING

from iep_tui.cli.context import CliContext, Subcommands, add_case_option, add_command, add_workspace_option, group_help
from iep_tui.domain.vocabulary import MISS_REASONS

if TYPE_CHECKING:
    from iep_tui.domain.reconciliation import Reconciliation, RequirementReconciliation

WIDTH = 79


def register(sub: Subcommands) -> None:
    group = sub.add_parser(
        "school-log",
        help="import the district's own service log (CSV or XLSX)",
        description="Import the service log the district produced (one row per scheduled session) into a case.",
    )
    add_workspace_option(group)
    group.set_defaults(handler=group_help(group))
    actions = group.add_subparsers(title="school-log commands", metavar="ACTION")
    imp = add_command(
        actions,
        "import",
        run_import,
        "add the log's sessions to the case (source school-log, with file and row); a re-import adds nothing",
        json_flag=True,
    )
    imp.add_argument("file", metavar="FILE", help="the log as exported: .csv or .xlsx")
    add_case_option(imp)
    imp.add_argument(
        "--service",
        action="append",
        default=[],
        metavar='"NAME IN LOG=REQ"',
        help="which requirement a service name of the log counts against (repeatable; default: a unique word match)",
    )
    imp.add_argument(
        "--status",
        action="append",
        default=[],
        metavar='"TEXT=delivered|missed:REASON|makeup"',
        help="what a status word of the log means (repeatable); reasons: " + ", ".join(MISS_REASONS),
    )
    imp.add_argument("--student", metavar="NAME", help="the student whose rows to import, when the file holds several")
    imp.add_argument(
        "--received", metavar="DATE", help="the day the district produced the log (default: today); letters quote it"
    )
    imp.add_argument(
        "--answers-request",
        action="store_true",
        help="mark the records request waiting for an answer as answered on that day (its clock stops)",
    )
    imp.add_argument("--dry-run", action="store_true", help="show what would be added; save nothing")

    rec = add_command(
        sub,
        "reconcile",
        run_reconcile,
        "the district's service log against the parent's record: agree, disputed, school or parent only, admitted",
        json_flag=True,
    )
    add_case_option(rec)
    rec.add_argument("--from", dest="start", metavar="D", help="first day (default: the IEP's effective date)")
    rec.add_argument("--to", dest="end", metavar="D", help="last day (default: today)")


def run_import(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services.school_log_service import import_school_log

    case_id = ctx.case_id(args)
    outcome = import_school_log(
        ctx.store,
        case_id,
        args.file,
        today=ctx.today,
        services=args.service,
        statuses=args.status,
        student=args.student,
        received=ctx.user_date(args.received),
        answers_request=args.answers_request,
        dry_run=args.dry_run,
    )
    for line in outcome.lines():
        ctx.say(line)
    if ctx.json:
        ctx.emit_json(outcome.to_json())
    else:
        ctx.emit(outcome.confirmation())
    return 0


def run_reconcile(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services.school_log_service import reconciliation

    _, bundle = ctx.load_case(args)
    result = reconciliation(
        bundle, ctx.today, ctx.user_date(args.start, bundle=bundle), ctx.user_date(args.end, bundle=bundle)
    )
    if ctx.json:
        ctx.emit_json(result.to_json())
        return 0
    for line in reconciliation_lines(result):
        ctx.emit(line)
    return 0


def reconciliation_lines(result: Reconciliation) -> list[str]:
    """The text report: per requirement a short table, then its disputed dates with both versions."""
    lines = [f"District's service log vs the parent's record, {result.start.isoformat()} to {result.end.isoformat()}"]
    if not result.has_school_log:
        lines.append(
            "No entries from the district's log in this range: import it with `iep-tui school-log import FILE`."
        )
    for row in result.requirements:
        lines += ["", *requirement_lines(row)]
    lines += [
        "",
        f"The district's own log shows {result.school_admitted_owed_minutes} min not provided that the "
        f"case's policy counts as owed; {result.disputed_count} {'date' if result.disputed_count == 1 else 'dates'} "
        "disputed.",
    ]
    return [wrapped for line in lines for wrapped in (textwrap.wrap(line, WIDTH, subsequent_indent="    ") or [""])]


def requirement_lines(row: RequirementReconciliation) -> list[str]:
    counts = (
        ("agree", row.agree_dates),
        ("disputed", row.disputed_dates),
        ("school only", row.school_only_dates),
        ("parent only", row.parent_only_dates),
        ("not as written", row.not_as_written_dates),
    )
    lines = [
        row.name,
        f"  district's log: {row.school_delivered_minutes} min delivered, {row.school_admitted_owed_minutes} min "
        "not provided and owed",
        "  " + "  ".join(f"{name} {len(days)}" for name, days in counts),
    ]
    for day in row.disputed:
        rows = ", ".join(f"{p.file} row {p.row}" for p in day.provenance)
        lines.append(
            f"  {day.date.isoformat()} disputed: school log {day.school or 'nothing'}"
            f"{f' ({rows})' if rows else ''}; parent {day.parent or 'nothing'}"
        )
    return lines
