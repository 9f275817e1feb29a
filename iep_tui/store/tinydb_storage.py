"""A TinyDB storage that reads a case file once and writes it once, atomically.

TinyDB re-reads its storage on every table access and writes after every
operation; across processes that interleaves into lost writes, and its default
JSONStorage writes in place. Here one storage instance lives for one locked
transaction: the first read is a consistent snapshot, writes stay in memory, and
`payload()` serializes everything (failing on a value JSON cannot hold) before the
caller touches the disk.

Parsing and serializing use pydantic-core's JSON (already installed with pydantic;
about twice as fast as the stdlib on a case file), strict: NaN and infinities are
refused both ways, and anything the fast path cannot parse is retried with the
stdlib before a file is called damaged.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic_core import PydanticSerializationError, from_json, to_json
from tinydb.storages import Storage

from iep_tui.errors import CorruptFileError, StoreError
from iep_tui.store.workspace import link_refused

BackupNote = str | Callable[[], str]
"""What to tell the user about backups when a file is damaged (computed only then)."""


def _reject_constant(token: str) -> Any:
    raise ValueError(f"{token} is not a JSON value")


def parse_json(raw: bytes) -> Any:
    """Strict JSON (no NaN/Infinity); ValueError when the bytes are not JSON.

    Nesting deeper than the fast parser's limit (about 200 levels; iep-tui's own files
    nest about 6) is damage: it is refused, never handed to the stdlib, whose
    recursion would take the whole program down instead of this one file.
    """
    try:
        return from_json(raw, allow_inf_nan=False)
    except ValueError as error:
        if "recursion limit" in str(error):
            raise ValueError(f"it is nested too deeply to be an iep-tui file ({error})") from None
        # the stdlib accepts a few things the fast parser refuses (lone surrogate
        # escapes); only when both refuse is the file damaged
        try:
            return json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
        except RecursionError:
            raise ValueError("it is nested too deeply to be an iep-tui file") from None


def _note(describe_backup: BackupNote) -> str:
    text = describe_backup() if callable(describe_backup) else describe_backup
    return f" {text}" if text else ""


def check_structure(tables: Any, path: Path | str, describe_backup: BackupNote = "") -> dict[str, Any]:
    """TinyDB's layout: {table: {"<int id>": {document}}}; anything else is damage."""
    if not isinstance(tables, dict):
        raise CorruptFileError(f"{path} does not hold iep-tui tables. It has not been changed.{_note(describe_backup)}")
    for name, table in tables.items():
        if not isinstance(table, dict):
            raise CorruptFileError(
                f"{path} is damaged: its {name!r} table is not a table. It has not been changed."
                f"{_note(describe_backup)}"
            )
        # C-speed checks (a case file holds thousands of rows): every row a dict,
        # every row id a non-empty run of ASCII digits
        ids = "".join(table)
        if not (
            set(map(type, table.values())) <= {dict}
            and (not ids or (ids.isascii() and ids.isdigit()))
            and "" not in table
        ):
            raise CorruptFileError(
                f"{path} is damaged: its {name!r} table holds something that is not a record. "
                f"It has not been changed.{_note(describe_backup)}"
            )
    return tables


def read_file(path: Path) -> bytes | None:
    """A case file's bytes; None when it does not exist yet. A link is refused, not followed:
    a case file is always a real file inside the workspace."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return None
    except PermissionError as error:
        raise StoreError(f"Cannot read {path}: permission denied.") from error
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise link_refused(path, "a case file", "Put the case file itself in its place.") from None
        raise StoreError(f"Cannot read {path}: {error.strerror or error}.") from error
    try:
        with os.fdopen(fd, "rb") as handle:
            return handle.read()
    except OSError as error:
        raise StoreError(f"Cannot read {path}: {error.strerror or error}.") from error


def read_tables(path: Path, describe_backup: BackupNote = "") -> dict[str, Any] | None:
    """Load a case file's tables; None when it does not exist yet.

    `describe_backup` (text, or a function called only when the file is damaged)
    is appended to the error so the user learns which backup to restore.
    """
    raw = read_file(path)
    return None if raw is None else parse_tables(raw, path, describe_backup)


def parse_tables(raw: bytes, path: Path | str, describe_backup: BackupNote = "") -> dict[str, Any]:
    """Bytes of a case file -> its tables, or CorruptFileError naming the file."""
    if not raw.strip():
        raise CorruptFileError(f"{path} is empty. It has not been changed.{_note(describe_backup)}")
    try:
        tables = parse_json(raw)
    except (UnicodeDecodeError, ValueError) as error:
        raise CorruptFileError(
            f"{path} is damaged and cannot be read ({error}). It has not been changed.{_note(describe_backup)}"
        ) from error
    return check_structure(tables, path, describe_backup)


def serialize(tables: Any) -> bytes:
    """Compact UTF-8 JSON; StoreError on a value JSON cannot hold (NaN, infinity, objects).

    Like pydantic's own JSON mode, tuples and sets are written as lists and dates as
    ISO text; the store's documents come from `model_dump(mode="json")` and hold
    none of them.
    """
    try:
        payload = to_json(tables)
    except (PydanticSerializationError, ValueError, TypeError) as error:
        raise StoreError(f"Refused to save: a value cannot be stored as JSON ({error}).") from error
    if b"NaN" in payload or b"Infinity" in payload:
        # the fast serializer writes NaN/Infinity literals, which are not JSON; the
        # stdlib refuses them (and when the words were only inside text, agrees)
        try:
            payload = json.dumps(tables, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
        except (TypeError, ValueError) as error:
            raise StoreError(f"Refused to save: a value cannot be stored as JSON ({error}).") from error
    return payload


class SnapshotStorage(Storage):
    """One consistent read, in-memory writes; the transaction commits the bytes.

    `known` is an earlier (bytes, tables) pair of the same file from this process.
    When the file still holds exactly those bytes, the tables are reused instead of
    parsed again (each table dict copied; rows shared, which is safe because
    neither TinyDB's insert/remove/truncate nor the store ever changes a row in
    place: an edit replaces the row). Any other bytes, e.g. another process's
    save, are parsed.
    """

    def __init__(
        self,
        path: Path,
        describe_backup: BackupNote = "",
        known: tuple[bytes, dict[str, Any]] | None = None,
    ) -> None:
        self.path = path
        self._describe_backup = describe_backup
        self._known = known
        self._tables: dict[str, Any] | None = None
        self._loaded = False
        self.dirty = False
        self.reused = False
        """True when the tables came from `known` rather than a parse."""
        self.raw: bytes | None = None
        """The bytes the snapshot was read from (None for a new file)."""

    def read(self) -> dict[str, Any] | None:
        if not self._loaded:
            self.raw = read_file(self.path)
            if self.raw is None:
                self._tables = None
            elif self._known is not None and self._known[0] == self.raw:
                self._tables = {name: dict(rows) for name, rows in self._known[1].items()}
                self.reused = True
            else:
                self._tables = parse_tables(self.raw, self.path, self._describe_backup)
            self._known = None
            self._loaded = True
        return self._tables

    def write(self, data: dict[str, Any]) -> None:
        self._tables = data
        self._loaded = True
        self.dirty = True

    def replace_row(self, table: str, doc_id: int, row: dict[str, Any]) -> None:
        """Put a new row object in place of an old one (same id, same position)."""
        tables = self.read() or {}
        rows = dict(tables.get(table) or {})
        rows[str(doc_id)] = row
        tables[table] = rows
        self.write(tables)

    def payload(self) -> bytes:
        return serialize(self._tables or {})

    def close(self) -> None:
        pass
