"""Rotating per-case backups: the previous version of a case file before each save.

A backup is a hard link to the old file (the save replaces the name, so the old
content lives on under the backup name at no copying cost); where hard links are
not supported it falls back to a copy.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

from iep_tui.store.workspace import PRIVATE_FILE, make_private_dir

BACKUPS_KEPT = 25


def backup_folder(backups_root: Path, case_id: str) -> Path:
    return backups_root / case_id


def list_backups(backups_root: Path, case_id: str) -> list[Path]:
    """Backups of a case, newest first (number 1 is the newest)."""
    folder = backup_folder(backups_root, case_id)
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.glob("*.json")), reverse=True)


def keep_previous(backups_root: Path, case_id: str, current: Path, kept: int = BACKUPS_KEPT) -> Path | None:
    """Preserve `current` (about to be replaced) as the newest backup, then rotate."""
    if not current.exists():
        return None
    folder = make_private_dir(backup_folder(backups_root, case_id))
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%f")
    target = folder / f"{stamp}-{os.getpid()}.json"
    try:
        os.link(current, target)
    except OSError:
        shutil.copyfile(current, target)
        os.chmod(target, PRIVATE_FILE)
    for old in list_backups(backups_root, case_id)[kept:]:
        try:
            old.unlink()
        except OSError:
            pass
    return target
