"""`iep-tui doctor`: check every case file, repair what is safe to repair, report the rest.

Safe to repair, and repaired: permissions (files 0600, folders 0700), leftover
temp files of interrupted saves (removed under the case lock, so a save in progress
is never disturbed; these are not errors), a stale index (rebuilt).

Never repaired: a case file itself. A damaged, unreadable or inconsistent file is
a problem: it is named with its newest good backup, and doctor exits 1.

Never followed: a symbolic link in place of one of the workspace's own folders or
files (data/, cases/, backups/, locks/, exports/, a case, lock or backup file) is a
problem, named, and nothing behind it is read, changed or removed.
"""

from __future__ import annotations

import os
import stat as stat_module
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from iep_tui.errors import StoreError
from iep_tui.store.atomic_file import is_temp_name, temp_target
from iep_tui.store.case_store import BackupInfo, CaseStore
from iep_tui.store.workspace import PRIVATE_DIR, PRIVATE_FILE, link_refused

Progress = Callable[[int, int, str], None]
"""progress(done, total, case_id) while case files are checked."""


@dataclass
class Finding:
    kind: str
    """damaged | newer | unreadable | inconsistent | permissions | link | temp-file | index | note"""
    path: str
    message: str
    case: str | None = None
    newest_good_backup: dict[str, Any] | None = None


@dataclass
class DoctorReport:
    workspace: str
    cases_checked: int = 0
    records_checked: int = 0
    problems: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    temp_files_removed: list[Finding] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

    def to_json(self) -> dict[str, Any]:
        return {
            "workspace": self.workspace,
            "ok": self.ok,
            "cases_checked": self.cases_checked,
            "records_checked": self.records_checked,
            "problems": [asdict(f) for f in self.problems],
            "fixed": [asdict(f) for f in self.fixed],
            "temp_files_removed": [f.path for f in self.temp_files_removed],
            "notes": [asdict(f) for f in self.notes],
        }


def run_doctor(store: CaseStore, progress: Progress | None = None) -> DoctorReport:
    workspace = store.workspace
    report = DoctorReport(str(workspace.root))
    if workspace.root.exists() and not workspace.root.is_dir():
        report.problems.append(
            Finding("unreadable", str(workspace.root), f"{workspace.root} is a file, not a workspace folder.")
        )
        return report
    if not workspace.data.is_dir() and not workspace.data.is_symlink():
        report.notes.append(Finding("note", str(workspace.data), "This workspace has no data folder yet."))
        return report
    if _linked_folders(store, report):
        return report  # nothing behind a linked folder is touched; fix the links first
    _fix_permissions(store, report)  # first: anything that takes a lock also tightens folders, silently
    _remove_temp_files(store, report)
    _check_cases(store, report, progress)
    _refresh_index(store, report)
    _orphan_backups(store, report)
    return report


# ---------------------------------------------------------------- links


def _linked_folders(store: CaseStore, report: DoctorReport) -> bool:
    """Report every link in place of the workspace's own folders; True when there is one."""
    found = False
    for folder, what in store.workspace.own_folders():
        if folder.is_symlink():
            report.problems.append(_link_finding(folder, what))
            found = True
    return found


def _link_finding(path: Path, what: str) -> Finding:
    fix = "iep-tui will not use it: replace it with the real folder or file (move what it points to in its place)."
    return Finding("link", str(path), str(link_refused(path, what, fix)))


# ---------------------------------------------------------------- permissions


def _fix_permissions(store: CaseStore, report: DoctorReport) -> None:
    workspace = store.workspace
    roots = [workspace.cases, workspace.backups, workspace.locks, workspace.exports]
    for root in roots:
        if not root.is_dir():
            continue
        for folder, dirs, files in os.walk(root):  # never descends into a linked folder
            _fix_mode(Path(folder), PRIVATE_DIR, report)
            for name in files:
                if is_temp_name(name) or (root == workspace.exports and name.startswith(".")):
                    continue  # temp files are removed next; a checkout's exports/.gitkeep is not ours
                _fix_mode(Path(folder) / name, PRIVATE_FILE, report)
            for name in list(dirs):
                if (Path(folder) / name).is_symlink():
                    dirs.remove(name)
                    report.problems.append(_link_finding(Path(folder) / name, "a folder iep-tui keeps"))
    if workspace.index.exists():
        _fix_mode(workspace.index, PRIVATE_FILE, report)


def _fix_mode(path: Path, wanted: int, report: DoctorReport) -> None:
    try:
        info = path.lstat()
    except OSError:
        return
    if stat_module.S_ISLNK(info.st_mode):
        if path.name != "index.json":  # the index is a cache: its next save replaces a link, never follows it
            report.problems.append(_link_finding(path, "a file iep-tui keeps"))
        else:
            report.notes.append(Finding("note", str(path), "A symbolic link: left alone."))
        return
    mode = stat_module.S_IMODE(info.st_mode)
    if mode == wanted:
        return
    what = "folder" if stat_module.S_ISDIR(info.st_mode) else "file"
    if info.st_uid != os.getuid():
        report.problems.append(
            Finding(
                "permissions",
                str(path),
                f"{path} is {mode:04o} and belongs to another user, so it cannot be made private; "
                f"ask its owner or an administrator to run `chmod {wanted:o} {path}`.",
            )
        )
        return
    try:
        os.chmod(path, wanted)
    except OSError as error:
        report.problems.append(
            Finding(
                "permissions", str(path), f"{path} is {mode:04o} and could not be changed: {error.strerror or error}."
            )
        )
        return
    exposed = " (open to other users)" if mode & 0o077 else ""
    report.fixed.append(Finding("permissions", str(path), f"{what} was {mode:04o}{exposed}; now {wanted:04o}."))


# ---------------------------------------------------------------- temp files


def _remove_temp_files(store: CaseStore, report: DoctorReport) -> None:
    workspace = store.workspace
    folders = [workspace.data, workspace.cases, workspace.locks, workspace.exports]
    if workspace.backups.is_dir():
        folders.append(workspace.backups)
        folders += [p for p in workspace.backups.iterdir() if p.is_dir() and not p.is_symlink()]
    for folder in folders:
        if folder.is_symlink():
            continue
        try:
            names = sorted(n for n in os.listdir(folder) if is_temp_name(n))
        except OSError:
            continue
        for name in names:
            path = folder / name
            target = temp_target(name)
            try:
                if folder == workspace.cases and target.endswith(".json"):
                    with store.case_lock(target[:-5]):  # no save of that case is running meanwhile
                        _unlink(path, report)
                elif folder == workspace.data and target == workspace.index.name:
                    with store.index_lock():
                        _unlink(path, report)
                elif _writer_alive(name):  # no lock guards it: leave what a live process may be writing
                    report.notes.append(Finding("note", str(path), "Left in place: its writer is still running."))
                else:
                    _unlink(path, report)
            except StoreError as error:
                report.notes.append(Finding("note", str(path), f"Left in place: {error}"))


def _writer_alive(name: str) -> bool:
    """Is the process that named this temp file (`.name.PID.hex.tmp`) still running?"""
    try:
        pid = int(name[1:].rsplit(".", 3)[1])
    except (IndexError, ValueError):
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _unlink(path: Path, report: DoctorReport) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        return
    except OSError as error:
        report.problems.append(
            Finding(
                "temp-file",
                str(path),
                f"{path} (left by an interrupted save) could not be removed: {error.strerror or error}.",
            )
        )
        return
    report.temp_files_removed.append(
        Finding(
            "temp-file", str(path), "Left by an interrupted save and removed (not an error: the case file is whole)."
        )
    )


# ---------------------------------------------------------------- case files


def _check_cases(store: CaseStore, report: DoctorReport, progress: Progress | None) -> None:
    ids = store.case_ids()
    for done, case_id in enumerate(ids, 1):
        if progress is not None:
            progress(done, len(ids), case_id)
        check = store.check(case_id)
        report.cases_checked += 1
        report.records_checked += check.records
        for warning in check.warnings:
            report.notes.append(Finding("note", check.path, warning, case=case_id))
        if check.ok:
            continue
        if check.status == "newer":
            report.problems.append(
                Finding(
                    "newer",
                    check.path,
                    f"{check.first_problem()} Do not restore a backup over it: that would undo the newer entries.",
                    case=case_id,
                )
            )
        elif check.status == "inconsistent":
            report.problems.append(
                Finding(
                    "inconsistent",
                    check.path,
                    " ".join(check.problems) + " The file loads; fix or delete those entries in iep-tui "
                    "(restoring a backup would also undo later entries).",
                    case=case_id,
                )
            )
        else:
            good = store.newest_good_backup(case_id)
            report.problems.append(
                Finding(
                    check.status,
                    check.path,
                    f"{' '.join(check.problems)} {_advice(case_id, good, len(store.backups(case_id)))}",
                    case=case_id,
                    newest_good_backup=_backup_json(good),
                )
            )


def _advice(case_id: str, good: BackupInfo | None, count: int) -> str:
    if good is None:
        return (
            "None of its backups is good either."
            if count
            else "It has no backups (one is kept from its second save on)."
        )
    option = "" if good.number == 1 else f" --backup {good.number}"
    when = f", saved {good.saved:%Y-%m-%d %H:%M} UTC" if good.saved else ""
    return (
        f"Newest good backup: number {good.number}{when}: {good.path}. "
        f"Restore it with `iep-tui restore {case_id}{option}` (the damaged file is kept as a backup)."
    )


def _backup_json(good: BackupInfo | None) -> dict[str, Any] | None:
    if good is None:
        return None
    return {"number": good.number, "path": str(good.path), "saved": good.saved.isoformat() if good.saved else None}


# ---------------------------------------------------------------- index and leftovers


def _refresh_index(store: CaseStore, report: DoctorReport) -> None:
    try:
        stale = store.refresh_index()
    except StoreError as error:
        report.notes.append(Finding("note", str(store.workspace.index), f"The index could not be rebuilt: {error}"))
        return
    if stale:
        report.fixed.append(
            Finding(
                "index",
                str(store.workspace.index),
                f"The case index was stale ({len(stale)} entr{'y' if len(stale) == 1 else 'ies'}: "
                f"{', '.join(stale[:5])}{' ...' if len(stale) > 5 else ''}); rebuilt.",
            )
        )


def _orphan_backups(store: CaseStore, report: DoctorReport) -> None:
    backups = store.workspace.backups
    if not backups.is_dir():
        return
    known = set(store.case_ids())
    for folder in sorted(p for p in backups.iterdir() if p.is_dir() and not p.is_symlink()):
        if folder.name not in known and store.backups(folder.name):
            report.notes.append(
                Finding(
                    "note",
                    str(folder),
                    f"Case {folder.name} has backups but no case file; if it was not deleted on purpose, "
                    f"`iep-tui restore {folder.name}` brings back its newest backup.",
                    case=folder.name,
                )
            )
