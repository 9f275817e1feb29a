"""A TinyDB storage that reads a case file once and writes it once, atomically.

TinyDB re-reads its storage on every table access and writes after every
operation; across processes that interleaves into lost writes, and its default
JSONStorage writes in place. Here one storage instance lives for one locked
transaction: the first read is a consistent snapshot, writes stay in memory, and
`payload()` serializes everything (failing on a non-JSON value) before the caller
touches the disk.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from iep_tui.errors import CorruptFileError, StoreError


def read_tables(path: Path, describe_backup: str = "") -> dict[str, Any] | None:
    """Load a case file's tables; None when it does not exist yet."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except PermissionError as error:
        raise StoreError(f"Cannot read {path}: permission denied.") from error
    except OSError as error:
        raise StoreError(f"Cannot read {path}: {error.strerror or error}.") from error
    try:
        tables = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CorruptFileError(
            f"{path} is damaged and cannot be read ({error}). It has not been changed. {describe_backup}"
        ) from error
    if not isinstance(tables, dict):
        raise CorruptFileError(f"{path} does not hold iep-tui tables. It has not been changed. {describe_backup}")
    return tables


def serialize(tables: dict[str, Any]) -> bytes:
    """Compact UTF-8 JSON; raises StoreError on a value JSON cannot hold."""
    try:
        return json.dumps(tables, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    except (TypeError, ValueError) as error:
        raise StoreError(f"Refused to save: a value cannot be stored as JSON ({error}).") from error


class SnapshotStorage(Storage):
    """One consistent read, in-memory writes; the transaction commits the bytes."""

    def __init__(self, path: Path, describe_backup: str = "") -> None:
        self.path = path
        self._describe_backup = describe_backup
        self._tables: dict[str, Any] | None = None
        self._loaded = False
        self.dirty = False

    def read(self) -> dict[str, Any] | None:
        if not self._loaded:
            self._tables = read_tables(self.path, self._describe_backup)
            self._loaded = True
        return self._tables

    def write(self, data: dict[str, Any]) -> None:
        self._tables = data
        self._loaded = True
        self.dirty = True

    def payload(self) -> bytes:
        return serialize(self._tables or {})

    def close(self) -> None:
        pass
