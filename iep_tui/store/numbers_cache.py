"""The numbers a caseload row and a case's first screen show, cached per case file version and day.

Computing them takes the models, the calendar and the ledger: about 0.3 s of imports,
then up to a second for a case with years of entries. Reading them back needs only
`json` and one `stat` per case, so a case's minutes owed are on screen with the first
frames and a caseload of a hundred fills at once.

Never the truth, only a head start: an entry is used only while the case file is the
very version it was computed from (inode, size and modification time, as the index
keeps them), on the same day, by the same iep-tui, and the full computation always
follows on screen. Any save replaces the case file, which retires the entry. The
numbers themselves are an opaque JSON object to this module (the interface decides
what it keeps); `data/numbers.json` is written atomically (never half-written) but not
fsynced, and a failure to write it is ignored: it only saves time.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from iep_tui import __version__

CACHE_FILE = "numbers.json"
CACHE_SCHEMA = 1
LOCK_WAIT = 0.2
"""Seconds a writer waits for another writer; after that this update is skipped."""

Numbers = dict[str, Any]


def signature(case_file: Path) -> list[int] | None:
    """The case file's identity now (take it before loading what the numbers are computed from)."""
    try:
        stat = case_file.stat()
    except OSError:
        return None
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns]


def _key(day: str) -> str:
    return f"{__version__}/{CACHE_SCHEMA}/{day}"


def _read(data_dir: Path) -> dict[str, Any]:
    try:
        raw = json.loads((data_dir / CACHE_FILE).read_bytes())
    except (OSError, ValueError):
        return {}
    cases = raw.get("cases") if isinstance(raw, dict) else None
    return {k: v for k, v in cases.items() if isinstance(v, dict)} if isinstance(cases, dict) else {}


def read_numbers(data_dir: Path, case_files: dict[str, Path], day: str) -> dict[str, Numbers]:
    """The cached numbers of each case whose file is still the version they were computed from today."""
    entries = _read(data_dir)
    key = _key(day)
    found: dict[str, Numbers] = {}
    for case_id, path in case_files.items():
        entry = entries.get(case_id)
        if not entry or entry.get("key") != key or not isinstance(entry.get("numbers"), dict):
            continue
        if entry.get("file") is not None and entry.get("file") == signature(path):
            found[case_id] = entry["numbers"]
    return found


def write_numbers(data_dir: Path, computed: dict[str, tuple[list[int] | None, Numbers]], day: str) -> None:
    """Remember numbers computed today: case id -> (the file's signature taken before loading it, numbers).

    Entries of other days or other versions are dropped as the file is rewritten. Best
    effort: a busy lock, a full disk or a read-only folder only means recomputing later.
    """
    computed = {case_id: pair for case_id, pair in computed.items() if pair[0] is not None}
    if not computed:
        return
    key = _key(day)

    def update(entries: dict[str, Any]) -> dict[str, Any]:
        kept = {k: v for k, v in entries.items() if v.get("key") == key}
        for case_id, (file_signature, numbers) in computed.items():
            kept[case_id] = {"key": key, "file": file_signature, "numbers": numbers}
        return kept

    _rewrite(data_dir, update)


def forget(data_dir: Path, case_id: str) -> None:
    """Drop a case's entry (its file was archived or deleted)."""
    if (data_dir / CACHE_FILE).exists():
        _rewrite(data_dir, lambda entries: {k: v for k, v in entries.items() if k != case_id})


def _rewrite(data_dir: Path, update: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    """Read, change and atomically replace the cache under its lock; any failure leaves it as it was."""
    from iep_tui.errors import StoreError
    from iep_tui.store.atomic_file import write_atomic
    from iep_tui.store.file_lock import held_lock

    locks = data_dir / "locks"
    if not locks.is_dir():
        return
    try:
        with held_lock(locks / "numbers.lock", "the numbers cache", None, LOCK_WAIT):
            entries = update(_read(data_dir))
            payload = json.dumps(
                {"schema": CACHE_SCHEMA, "cases": entries}, ensure_ascii=False, separators=(",", ":")
            ).encode("utf-8")
            write_atomic(data_dir / CACHE_FILE, payload, durable=False)
    except (StoreError, OSError, TypeError, ValueError):
        return
