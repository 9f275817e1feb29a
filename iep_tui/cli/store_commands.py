"""`iep-tui doctor` and `iep-tui restore`: keeping the case files whole.

iep-tui doctor [--json]                  check every case file; exit 1 on a problem
iep-tui restore CASE [--backup N]        put backup N (1 = newest) back
iep-tui restore CASE --list [--json]     list the backups, each checked
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import TYPE_CHECKING, TypedDict

from iep_tui.cli.context import CliContext, Subcommands, add_command

if TYPE_CHECKING:
    from iep_tui.store.case_store import CaseStore
    from iep_tui.store.doctor import Progress


def register(subparsers: Subcommands) -> None:
    add_command(
        subparsers,
        "doctor",
        run_doctor,
        "check every case file, fix permissions, remove leftover temp files; exit 1 if a file is damaged",
        json_flag=True,
    )
    restore = add_command(
        subparsers,
        "restore",
        run_restore,
        "put a case back from one of its backups (the current file is kept as a backup)",
        json_flag=True,
    )
    restore.add_argument("case", metavar="CASE", help="case id, unique id prefix, or unique part of the student's name")
    restore.add_argument(
        "--backup", type=_backup_number, default=1, metavar="N", help="which backup: 1 is the newest (default)"
    )
    restore.add_argument("--list", action="store_true", help="list the backups, each checked; change nothing")


def _backup_number(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a backup number such as 1 (the newest)") from None
    if number < 1:
        raise argparse.ArgumentTypeError("backup numbers start at 1 (the newest)")
    return number


# ---------------------------------------------------------------- doctor


def run_doctor(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.store.case_store import CaseStore
    from iep_tui.store.doctor import run_doctor as check_workspace
    from iep_tui.store.workspace import resolve_workspace

    # not ctx.store: that creates and tightens the folders silently, and doctor reports what it fixes
    workspace = resolve_workspace(getattr(args, "workspace", None), demo=ctx.demo)
    report = check_workspace(CaseStore(workspace, on_wait=ctx.say), progress=_progress_line())
    if ctx.json:
        ctx.emit_json(report.to_json())
        return report.exit_code
    cases = f"{report.cases_checked} case{'' if report.cases_checked == 1 else 's'}"
    ctx.emit(f"Checked {cases} ({report.records_checked} records) in {report.workspace}")
    for finding in report.fixed:
        ctx.emit(f"  fixed    {finding.path}: {finding.message}")
    for finding in report.temp_files_removed:
        ctx.emit(f"  removed  {finding.path}: {finding.message}")
    for finding in report.notes:
        ctx.emit(
            f"  note     {finding.message}"
            if finding.message.startswith(finding.path)
            else f"  note     {finding.path}: {finding.message}"
        )
    for finding in report.problems:
        ctx.emit(f"  PROBLEM  {finding.message}")
    if report.ok:
        ctx.emit("No problems found.")
    else:
        count = len(report.problems)
        ctx.emit(f"{count} problem{'' if count == 1 else 's'} found.")
    return report.exit_code


def _progress_line() -> Progress | None:
    """A one-line counter on stderr for big workspaces, only on a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int, case_id: str) -> None:
        if total < 20:
            return
        end = "\n" if done == total else ""
        sys.stderr.write(f"\rchecking case files: {done}/{total}{end}")
        sys.stderr.flush()

    return show


# ---------------------------------------------------------------- restore


class BackupRow(TypedDict):
    """One backup as `restore --list --json` prints it; the text listing reads the same fields."""

    number: int
    path: str
    saved: str | None
    replaced: str | None
    size: int
    status: str
    records: int | None
    student: str
    problem: str
    before_restore: bool


def run_restore(ctx: CliContext, args: argparse.Namespace) -> int:
    store = ctx.store
    case_id = _resolve_for_restore(store, args.case)
    if args.list:
        return _list_backups(ctx, case_id)
    result = store.restore(case_id, args.backup)
    saved = _when(result.saved)
    student = result.check.summary.get("student", "")
    if ctx.json:
        ctx.emit_json(
            {
                "case": case_id,
                "student": student,
                "backup": result.number,
                "restored_from": str(result.source),
                "kept_previous": str(result.kept) if result.kept else None,
                "changed": not result.unchanged,
                "status": result.check.status,
                "problems": result.check.problems,
            }
        )
        return 0
    if result.unchanged:
        ctx.emit(f"Case {case_id} already matches backup {result.number}; nothing changed.")
        return 0
    ctx.emit(f"Restored case {case_id} ({student}) from backup {result.number}, saved {saved}.")
    if result.kept:
        ctx.say(
            f"The file it replaced is kept as {result.kept} (now backup 1): "
            f"`iep-tui restore {case_id} --backup 1` undoes this restore."
        )
    for problem in result.check.problems:
        ctx.say(f"warning: {problem}")
    return 0


def _list_backups(ctx: CliContext, case_id: str) -> int:
    from iep_tui.store.backups import is_tagged

    infos = ctx.store.backup_infos(case_id)
    rows: list[BackupRow] = []
    for info in infos:
        check = info.check
        rows.append(
            {
                "number": info.number,
                "path": str(info.path),
                "saved": info.saved.isoformat() if info.saved else None,
                "replaced": info.replaced.isoformat() if info.replaced else None,
                "size": info.size,
                "status": info.status,
                "records": check.records if check else None,
                "student": check.summary.get("student", "") if check else "",
                "problem": check.first_problem() if check else "",
                "before_restore": is_tagged(info.path),
            }
        )
    if ctx.json:
        ctx.emit_json({"case": case_id, "backups": rows})
        return 0
    if not rows:
        ctx.emit(f"Case {case_id} has no backups yet (one is kept at each save).")
        return 0
    ctx.emit(f"Backups of case {case_id}, newest first (restore one with `iep-tui restore {case_id} --backup N`):")
    for row, info in zip(rows, infos, strict=True):
        state = f"ok, {row['records']} records" if row["status"] == "ok" else row["status"].upper()
        tag = "  (the file a restore replaced)" if row["before_restore"] else ""
        ctx.emit(f"  {row['number']:>2}  saved {_when(info.saved)}  {_size(row['size']):>7}  {state}{tag}")
        if row["status"] not in ("ok",) and row["problem"]:
            ctx.emit(f"      {row['problem']}")
    return 0


def _resolve_for_restore(store: CaseStore, text: str) -> str:
    """Like every CASE argument, plus the ids of cases whose file is gone but backups remain."""
    from iep_tui.errors import AmbiguousError, NotFoundError
    from iep_tui.services.cases import resolve_case

    try:
        return resolve_case(store, text)
    except NotFoundError as error:
        wanted = text.strip().lower()
        orphans = store.deleted_case_ids()
        if wanted in orphans:
            return wanted
        matches = [name for name in orphans if name.startswith(wanted)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise AmbiguousError(f"{text!r} matches the backups of several cases: {', '.join(matches)}.") from None
        raise error


def _when(moment: datetime | None) -> str:
    return f"{moment.astimezone():%Y-%m-%d %H:%M:%S %Z}" if moment else "at an unknown time"


def _size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size >= 1024 else f"{size} B"
