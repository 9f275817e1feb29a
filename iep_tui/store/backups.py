"""Rotating per-case backups: the previous version of a case file before each save.

A backup is a hard link to the old file (the save replaces the name, so the old
content lives on under the backup name at no copying cost); where hard links are
not supported it falls back to a copy.

Names are `<UTC time>-<pid>[-n][-<tag>].json`, so sorting them newest first needs no
stat. Ordinary backups rotate (the newest BACKUPS_KEPT stay); a tagged one (the
file a restore replaced) is never rotated away: it may be the only copy of
something.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from iep_tui.store.workspace import PRIVATE_FILE, make_private_dir

BACKUPS_KEPT = 25
BEFORE_RESTORE = "before-restore"
"""Tag of the file a restore replaced."""
_STAMP = "%Y%m%dT%H%M%S.%f"


def backup_folder(backups_root: Path, case_id: str) -> Path:
    return backups_root / case_id


def list_backups(backups_root: Path, case_id: str) -> list[Path]:
    """Backups of a case, newest first (number 1 is the newest).

    Only real files in a real folder: a linked folder or a linked file is not a backup
    (restoring or rotating through it would reach outside the workspace; doctor names it).
    """
    folder = backup_folder(backups_root, case_id)
    if folder.is_symlink():
        return []
    try:
        with os.scandir(folder) as entries:
            names = [
                e.name
                for e in entries
                if e.name.endswith(".json") and not e.name.startswith(".") and e.is_file(follow_symlinks=False)
            ]
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [folder / name for name in sorted(names, reverse=True)]


def backup_time(path: Path) -> datetime | None:
    """When a backup was taken (from its name), or None for a name we did not write."""
    try:
        return datetime.strptime(path.name.split("-", 1)[0], _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None


def is_tagged(path: Path) -> bool:
    return path.stem.endswith(f"-{BEFORE_RESTORE}")


def keep_previous(
    backups_root: Path,
    case_id: str,
    current: Path,
    kept: int = BACKUPS_KEPT,
    tag: str | None = None,
) -> Path | None:
    """Preserve `current` (about to be replaced) as the newest backup, then rotate."""
    if not current.exists():
        return None
    folder = make_private_dir(backup_folder(backups_root, case_id))
    now = datetime.now(UTC)
    existing = list_backups(backups_root, case_id)
    newest = backup_time(existing[0]) if existing else None
    if newest is not None and now <= newest:
        now = newest + timedelta(microseconds=1)  # the clock went back: names must still sort newest first
    stem = f"{now.strftime(_STAMP)}-{os.getpid()}"
    suffix = f"-{tag}.json" if tag else ".json"
    target = folder / f"{stem}{suffix}"
    attempt = 1
    while True:
        try:
            os.link(current, target)
            break
        except FileExistsError:
            # two saves within one microsecond of one process: never overwrite a backup
            attempt += 1
            target = folder / f"{stem}-{attempt}{suffix}"
        except OSError:
            _copy_private(current, target)
            break
    _rotate(backups_root, case_id, kept)
    return target


def _copy_private(source: Path, target: Path) -> None:
    """Copy where hard links are not allowed (some network and FAT filesystems)."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    try:
        os.fchmod(fd, PRIVATE_FILE)
        with open(source, "rb") as src, os.fdopen(fd, "wb", closefd=False) as dst:
            shutil.copyfileobj(src, dst)
            dst.flush()
            os.fsync(fd)
        stat = os.stat(source)
        os.utime(fd, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # a hard link would keep it too
    except BaseException:
        os.close(fd)
        target.unlink(missing_ok=True)
        raise
    os.close(fd)


def _rotate(backups_root: Path, case_id: str, kept: int) -> None:
    ordinary = [p for p in list_backups(backups_root, case_id) if not is_tagged(p)]
    for old in ordinary[kept:]:
        try:
            old.unlink()
        except OSError:
            pass
