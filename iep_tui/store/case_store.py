"""The typed repository: one TinyDB file per case, every change under the case lock.

Layout of a workspace's `data/`:

    cases/<case_id>.json     one TinyDB file per case (tables below + `_meta`)
    backups/<case_id>/*.json the previous versions, newest name first
    locks/<case_id>.lock     flock targets (never hold data)
    index.json               student/school per case, so listing skips the big files

Readers take no lock: a save replaces the file atomically, so a read always sees a
whole version. Writers hold the lock across read-check-write with a fresh TinyDB
(so no per-process cache of TinyDB outlives the lock), and a record saved from a
stale copy (its `version` moved on) raises ConflictError.

The index is a cache, never the truth: each entry remembers the case file's
inode, size and mtime, and an entry that no longer matches is re-read, so an
interrupted save, a restore or another process's edit cannot leave it stale.
"""

from __future__ import annotations

import copy
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NotRequired, TypedDict, TypeVar

from pydantic import ValidationError
from tinydb import TinyDB

from iep_tui.domain.models import RECORD_TABLES, Case, CaseBundle, Record, Revision, utc_now
from iep_tui.domain.validation import explain
from iep_tui.errors import (
    ConflictError,
    CorruptFileError,
    InputError,
    NewerSchemaError,
    NotFoundError,
    StoreError,
)
from iep_tui.store import schema
from iep_tui.store.atomic_file import write_atomic
from iep_tui.store.backups import BEFORE_RESTORE, backup_time, keep_previous, list_backups
from iep_tui.store.case_check import (
    CASE_TABLE,
    FLAG_FIELDS,
    SUMMARY_FIELDS,
    CaseCheck,
    bundle_from_tables,
    check_bytes,
    check_file,
    summary_from_head,
    summary_of,
    validate_record,
)
from iep_tui.store.file_lock import DEFAULT_TIMEOUT, held_lock
from iep_tui.store.tinydb_storage import SnapshotStorage, parse_json, parse_tables, read_file, read_tables, serialize
from iep_tui.store.workspace import Workspace, make_private_dir

R = TypeVar("R", bound=Record)
INDEX_SCHEMA = 2
VALIDATED_KEPT = 8
"""Cases whose last validated version (its bytes) a store remembers."""
ROWS_KEPT = 2
"""Cases whose parsed rows a store keeps for reuse (about 3 MB per school year of entries)."""
UNREADABLE = "(unreadable: run iep-tui doctor)"


@dataclass(frozen=True)
class RecordWrite:
    """What one save did to one record: enough to revert exactly that, and nothing else.

    `before` is the stored row before the save (None: the save created the record);
    `version` is the version the save left (None: the save deleted it).
    """

    table: str
    record_id: str
    before: dict[str, Any] | None
    version: int | None


_RECORDERS: ContextVar[tuple[tuple[str, list[RecordWrite]], ...]] = ContextVar("iep_tui_recorders", default=())
"""(case id, list) of every `recording` open in this thread or task."""


class CaseTransaction:
    """Typed access to one case file while its lock is held."""

    def __init__(
        self,
        db: TinyDB,
        storage: SnapshotStorage,
        case_id: str,
        label: str,
        describe_damage: Callable[[], str] | None = None,
    ) -> None:
        self._db = db
        self._storage = storage
        """`db`'s storage, typed: edits replace whole rows through it."""
        self.case_id = case_id
        self._label = label
        self._describe_damage = describe_damage
        self.case_changed = False
        self.writes: list[RecordWrite] = []
        """Every change this transaction made to a record, in order (see `recording`)."""
        self.exposed = False
        """Models built from the rows were handed out (their `Any` values may share
        objects with the rows, so the store does not keep these rows for reuse)."""

    # ---- reading

    def bundle(self) -> CaseBundle:
        self.exposed = True
        return bundle_from_tables(self._tables(), self._label, self._describe_damage)

    def case(self) -> Case:
        self.exposed = True
        docs = list((self._tables().get(CASE_TABLE) or {}).values())
        if not docs:
            raise CorruptFileError(f"{self._label} holds no case record.")
        note = self._describe_damage() if self._describe_damage else ""
        return validate_record(Case, docs[0], self._label, note)

    # ---- writing

    def put_case(self, case: Case, stamp: bool = True) -> Case:
        """Save the case record; its version must match the stored one. `stamp=False` keeps
        its version and updated time as given (a case imported whole)."""
        table = self._db.table(CASE_TABLE)
        docs = list((self._tables().get(CASE_TABLE) or {}).values())
        if docs:
            _check_version(docs[0].get("version", 0), case, "the case details")
        saved, doc = _checked(_stamped(case) if stamp else case)
        self.case_changed = True
        table.truncate()
        table.insert(doc)
        self._wrote(CASE_TABLE, saved.id, docs[0] if docs else None, saved.version)
        return saved

    def insert(self, record: R) -> R:
        name = _table_name(type(record))
        if self._find(name, record.id) is not None:
            raise ConflictError(f"A record with id {record.id} already exists in this case.")
        saved, doc = _checked(record.model_copy(update={"version": 1, "updated": utc_now()}))
        self._db.table(name).insert(doc)
        self._wrote(name, saved.id, None, saved.version)
        return saved

    def insert_many(self, records: list[Record], keep_stamps: bool = False) -> list[Record]:
        """Insert records of any kinds at once (a new or imported case); ids must be new.

        New records start at version 1, updated now; with `keep_stamps` (an import) each
        keeps the version and updated time it was exported with."""
        rows: dict[str, list[dict[str, Any]]] = {}
        taken: dict[str, set[object]] = {}  # ids as the rows hold them
        saved_all: list[Record] = []
        now = utc_now()
        for record in records:
            name = _table_name(type(record))
            if name not in taken:
                taken[name] = {doc.get("id") for doc in (self._tables().get(name) or {}).values()}
                rows[name] = []
            if record.id in taken[name]:
                raise ConflictError(f"Two {name} share the id {record.id}; nothing was saved.")
            taken[name].add(record.id)
            saved, doc = _checked(record if keep_stamps else record.model_copy(update={"version": 1, "updated": now}))
            rows[name].append(doc)
            saved_all.append(saved)
        for name, docs in rows.items():
            self._db.table(name).insert_multiple(docs)
        for record in saved_all:
            self._wrote(_table_name(type(record)), record.id, None, record.version)
        return saved_all

    def update(self, record: R, reason: str | None = None) -> R:
        """Replace a record read earlier; with `reason`, keep its old state in the history."""
        kind = type(record)
        name = _table_name(kind)
        found = self._find(name, record.id)
        if found is None:
            raise NotFoundError(f"That {_noun(kind)} no longer exists (id {record.id}).")
        doc_id, current = found
        _check_version(current.get("version", 0), record, f"this {_noun(kind)}")
        history = list(record.history)
        if reason is not None:
            before = {k: v for k, v in current.items() if k != "history"}
            history.append(Revision(reason=reason, before=before))
        saved, replacement = _checked(_stamped(record).model_copy(update={"history": history}))
        # a new row object in the old one's place: rows are never changed in place
        # (TinyDB's update would), so a snapshot kept for reuse stays exactly the file
        self._storage.replace_row(name, doc_id, replacement)
        self._wrote(name, saved.id, current, saved.version)
        return saved

    def delete(self, kind: type[Record], record_id: str, version: int | None = None) -> None:
        name = _table_name(kind)
        found = self._find(name, record_id)
        if found is None:
            raise NotFoundError(f"That {_noun(kind)} no longer exists (id {record_id}).")
        doc_id, current = found
        if version is not None and current.get("version") != version:
            raise ConflictError(f"This {_noun(kind)} was changed elsewhere since you opened it; reload and try again.")
        self._db.table(name).remove(doc_ids=[doc_id])
        self._wrote(name, record_id, current, None)

    def revert(self, writes: Sequence[RecordWrite]) -> None:
        """Put back the records `writes` changed, as they were before; nothing else.

        Every record must still be at the version those writes left (or still gone);
        otherwise someone changed it since, and ConflictError is raised before
        anything is changed. A record put back gets a new version, so a copy of it
        read before this revert cannot be saved over it.
        """
        net = _net_writes(writes)
        current: dict[tuple[str, str], tuple[int, dict[str, Any]] | None] = {}
        for key, write in net.items():
            found = self._find(*key)
            current[key] = found
            now = found[1].get("version") if found else None
            if now != write.version:
                what = (
                    "the case details"
                    if write.table == CASE_TABLE
                    else f"{_noun(_kind(write.table))} {write.record_id}"
                )
                state = f"version {now}" if now is not None else "deleted"
                raise ConflictError(f"Not undone: {what} changed elsewhere since (now {state}); nothing was changed.")
        for key, write in net.items():
            found = current[key]
            if write.before is None:
                if found is not None:
                    self._db.table(write.table).remove(doc_ids=[found[0]])
                    self._wrote(write.table, write.record_id, found[1], None)
                continue
            version = (found[1].get("version", 0) if found else write.before.get("version", 0)) + 1
            kind = _kind(write.table)
            try:
                record = kind.model_validate(write.before)
            except ValidationError as error:
                raise CorruptFileError(
                    f"Not undone: the earlier {_noun(kind)} no longer validates ({explain(error)})."
                ) from None
            saved, doc = _checked(record.model_copy(update={"version": version, "updated": utc_now()}))
            if found is not None:
                self._storage.replace_row(write.table, found[0], doc)
            else:
                self._db.table(write.table).insert(doc)
            if write.table == CASE_TABLE:
                self.case_changed = True
            self._wrote(write.table, write.record_id, found[1] if found else None, saved.version)

    # ---- internals

    def _wrote(self, table: str, record_id: str, before: dict[str, Any] | None, version: int | None) -> None:
        self.writes.append(RecordWrite(table, record_id, before, version))

    def _tables(self) -> dict[str, Any]:
        return self._storage.read() or {}

    def _find(self, name: str, record_id: str) -> tuple[int, dict[str, Any]] | None:
        """The row holding a record id: a plain scan (TinyDB's Query costs ~20x more)."""
        for doc_id, doc in (self._tables().get(name) or {}).items():
            if doc.get("id") == record_id:
                return int(doc_id), doc
        return None


@dataclass(frozen=True)
class BackupInfo:
    """One backup of a case, as `restore --list` shows it."""

    number: int
    path: Path
    saved: datetime | None
    """When this version of the case was saved (the file's modification time)."""
    replaced: datetime | None
    """When a later save replaced it (from the backup's name)."""
    size: int
    check: CaseCheck | None

    @property
    def status(self) -> str:
        return self.check.status if self.check else "unchecked"


@dataclass(frozen=True)
class RestoreResult:
    case_id: str
    number: int
    source: Path
    kept: Path | None
    """Where the file that was replaced now lives (a backup that is never rotated away)."""
    unchanged: bool
    check: CaseCheck
    saved: datetime | None = None
    """When the restored version had been saved."""


class CaseSummary(TypedDict):
    """One case as `CaseStore.summaries` lists it: its id, the case record's `SUMMARY_FIELDS`
    as the file (or the index) holds them, read without validating (so any JSON value), and
    `error` when the file cannot be read."""

    student: Any
    school: Any
    district: Any
    state: Any
    grade: Any
    is_demo: Any
    archived: Any
    id: str
    error: NotRequired[bool]


class CaseStore:
    """All cases of one workspace."""

    def __init__(
        self,
        workspace: Workspace,
        on_wait: Callable[[str], None] | None = None,
        lock_timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.workspace = workspace
        self._on_wait = on_wait
        self._lock_timeout = lock_timeout
        self._known: OrderedDict[str, tuple[bytes, dict[str, Any] | None]] = OrderedDict()
        """case id -> (exact bytes, rows or None) of the version of its file this process
        last validated completely or wrote. A save checks every record of a version
        it does not know (damage is never built on); for the most recent cases the
        rows are kept too, and reused while the file holds exactly those bytes."""
        self._known_guard = threading.Lock()  # a TUI may save from several worker threads

    # ---- paths

    def case_path(self, case_id: str) -> Path:
        return self.workspace.case_file(case_id)

    def lock_path(self, case_id: str) -> Path:
        return self.workspace.locks / f"{case_id}.lock"

    def case_ids(self) -> list[str]:
        return self.workspace.case_ids()

    @contextmanager
    def case_lock(self, case_id: str) -> Iterator[None]:
        """Hold a case's lock (for maintenance such as doctor's temp-file cleanup)."""
        self.workspace.ensure()
        with held_lock(self.lock_path(case_id), f"case {case_id}", self._on_wait, self._lock_timeout):
            yield

    # ---- backups

    def backups(self, case_id: str) -> list[Path]:
        return list_backups(self.workspace.backups, case_id)

    def deleted_case_ids(self) -> list[str]:
        """Ids of the deleted cases that can be restored: backups kept, no case file, sorted
        (`restore` in the CLI and the TUI's restore list both ask this)."""
        folder = self.workspace.backups
        if not folder.is_dir():
            return []
        live = set(self.case_ids())
        return sorted(p.name for p in folder.iterdir() if p.is_dir() and p.name not in live and self.backups(p.name))

    def backup_infos(self, case_id: str, check: bool = True) -> list[BackupInfo]:
        """Every backup, newest first, each checked like a case file when `check`."""
        infos = []
        for number, path in enumerate(self.backups(case_id), 1):
            try:
                stat = path.stat()
            except OSError:
                continue
            result = None
            if check:
                try:
                    result = check_bytes(path.read_bytes(), path, case_id)
                except OSError as error:
                    result = CaseCheck(str(path), case_id, "unreadable", [f"{path}: {error.strerror or error}."])
            infos.append(
                BackupInfo(
                    number=number,
                    path=path,
                    saved=datetime.fromtimestamp(stat.st_mtime, UTC),
                    replaced=backup_time(path),
                    size=stat.st_size,
                    check=result,
                )
            )
        return infos

    def newest_good_backup(self, case_id: str) -> BackupInfo | None:
        """The newest backup that parses and validates completely (the one to restore)."""
        for number, path in enumerate(self.backups(case_id), 1):
            try:
                raw = path.read_bytes()
                stat = path.stat()
            except OSError:
                continue
            result = check_bytes(raw, path, case_id)
            if result.loads:
                return BackupInfo(
                    number, path, datetime.fromtimestamp(stat.st_mtime, UTC), backup_time(path), stat.st_size, result
                )
        return None

    def describe_backup(self, case_id: str) -> str:
        """One sentence for an error message: which backup to restore, and how."""
        count = len(self.backups(case_id))
        if not count:
            return "No backup of it exists yet."
        good = self.newest_good_backup(case_id)
        if good is None:
            return f"None of its {count} backups is readable either (they are in {self.workspace.backups / case_id})."
        when = f", saved {good.saved:%Y-%m-%d %H:%M} UTC" if good.saved else ""
        option = "" if good.number == 1 else f" --backup {good.number}"
        return (
            f"Newest good backup: number {good.number}{when}, {good.path}. "
            f"Restore it with `iep-tui restore {case_id}{option}`."
        )

    # ---- reading (lock-free: saves are atomic)

    def exists(self, case_id: str) -> bool:
        return self.case_path(case_id).exists()

    def load(self, case_id: str) -> CaseBundle:
        path = self.case_path(case_id)
        raw = read_file(path)
        if raw is None:
            raise NotFoundError(f"There is no case {case_id} in {self.workspace.root}.")
        tables = parse_tables(raw, path, lambda: self.describe_backup(case_id))
        version = self._readable(tables, case_id)
        if version < schema.SCHEMA_VERSION:
            with self.transaction(case_id) as tx:  # migrates under the lock
                return tx.bundle()
        bundle = bundle_from_tables(tables, str(path), lambda: self.describe_backup(case_id))
        self._remember(case_id, raw, None)
        return bundle

    def check(self, case_id: str) -> CaseCheck:
        """Every check doctor makes, on one case file."""
        return check_file(self.case_path(case_id), case_id)

    def summaries(self) -> list[CaseSummary]:
        """Student, school and state of every case, from the index (entries re-read when stale).

        A case whose file cannot be read is listed with `"error": true` (and the
        student's name from before, when the index knew it), so it can still be
        named to `restore`.
        """
        ids = self.case_ids()
        index = self._read_index()
        entries: dict[str, dict[str, Any]] = {}
        changed = set(index) != set(ids)
        for case_id in ids:
            entry = index.get(case_id)
            signature = self._signature(case_id)
            if entry is None or entry.get("file") != signature:
                entry = self._summary_entry(case_id, previous=entry)
                changed = True
            entries[case_id] = entry
        if changed:
            self._write_index_quietly(entries)
        return [_public(entries[case_id], case_id) for case_id in ids]

    # ---- writing

    @contextmanager
    def transaction(self, case_id: str, create: bool = False) -> Iterator[CaseTransaction]:
        """Hold the case lock; commit every change in one atomic save at the end."""
        self.workspace.ensure()
        path = self.case_path(case_id)
        label = str(path)

        def damage() -> str:
            return self.describe_backup(case_id)

        with held_lock(self.lock_path(case_id), f"case {case_id}", self._on_wait, self._lock_timeout):
            with self._known_guard:
                known = self._known.get(case_id)
            known_tables = known[1] if known is not None else None
            reusable = (known[0], known_tables) if known is not None and known_tables is not None else None
            storage = SnapshotStorage(path, damage, reusable)
            db = TinyDB(storage=lambda: storage)  # TinyDB builds its storage by calling this
            try:
                tables = storage.read()
                if tables is None:
                    if not create:
                        raise NotFoundError(f"There is no case {case_id} in {self.workspace.root}.")
                    storage.write({schema.META_TABLE: schema.meta_table()})
                else:
                    if create:
                        raise InputError(f"A case with id {case_id} already exists.")
                    version = self._readable(tables, case_id)
                    if version < schema.SCHEMA_VERSION:
                        storage.write(schema.migrate(copy.deepcopy(tables)))
                    if known is None or known[0] != storage.raw:
                        # a version this process has not seen whole: every record must
                        # validate before anything is added to it
                        bundle_from_tables(storage.read() or {}, label, damage)
                tx = CaseTransaction(db, storage, case_id, label, damage)
                yield tx
                if storage.dirty:
                    payload = storage.payload()  # fails on a non-JSON value before the disk is touched
                    write_atomic(
                        path, payload, before_replace=lambda: keep_previous(self.workspace.backups, case_id, path)
                    )
                    for recorded_case, recorded in _RECORDERS.get():
                        if recorded_case == case_id:
                            recorded.extend(tx.writes)
                    self._remember(case_id, payload, None if tx.exposed else storage.read())
                    self._index_put(case_id, storage.read() or {})
                elif storage.raw is not None:
                    self._remember(case_id, storage.raw, None if tx.exposed else storage.read())
            except BaseException:
                with self._known_guard:
                    self._known.pop(case_id, None)  # whatever happened, the next transaction reads afresh
                raise

    @contextmanager
    def recording(self, case_id: str) -> Iterator[list[RecordWrite]]:
        """Collect what every save of `case_id` made in this thread (or task) writes, for undo.

        Only this thread's own saves are recorded: what another window or command saves
        meanwhile is never part of the list, so reverting it cannot touch their records.
        """
        writes: list[RecordWrite] = []
        token = _RECORDERS.set((*_RECORDERS.get(), (case_id, writes)))
        try:
            yield writes
        finally:
            _RECORDERS.reset(token)

    def _remember(self, case_id: str, raw: bytes, tables: dict[str, Any] | None) -> None:
        with self._known_guard:
            self._known[case_id] = (raw, tables)
            self._known.move_to_end(case_id)
            while len(self._known) > VALIDATED_KEPT:
                self._known.popitem(last=False)
            for older in list(self._known)[:-ROWS_KEPT]:
                if self._known[older][1] is not None:
                    self._known[older] = (self._known[older][0], None)

    def create(self, bundle: CaseBundle, keep_stamps: bool = False) -> CaseBundle:
        """Write a new case file holding the whole bundle.

        `keep_stamps` (an import): every record keeps its version and updated time, so an
        export imported again is the same record, not a new edit of it."""
        case_id = bundle.case.id
        with self.transaction(case_id, create=True) as tx:
            if keep_stamps:
                tx.put_case(bundle.case, stamp=False)
            else:
                tx.put_case(bundle.case.model_copy(update={"version": 0}))
            records = [record for name in RECORD_TABLES.values() for record in getattr(bundle, name)]
            tx.insert_many(records, keep_stamps=keep_stamps)
            return tx.bundle()

    def update_case(self, case: Case) -> Case:
        with self.transaction(case.id) as tx:
            return tx.put_case(case)

    def add(self, case_id: str, record: R) -> R:
        with self.transaction(case_id) as tx:
            return tx.insert(record)

    def update(self, case_id: str, record: R, reason: str | None = None) -> R:
        with self.transaction(case_id) as tx:
            return tx.update(record, reason)

    def delete(self, case_id: str, kind: type[Record], record_id: str, version: int | None = None) -> None:
        with self.transaction(case_id) as tx:
            tx.delete(kind, record_id, version)

    # ---- restore

    def restore(self, case_id: str, number: int = 1) -> RestoreResult:
        """Put backup `number` (1 = newest) back as the case file.

        The backup is checked completely first; the file it replaces (even a damaged
        one) is kept as a backup tagged `before-restore`, which rotation never removes.
        """
        self.workspace.ensure()
        path = self.case_path(case_id)
        with held_lock(self.lock_path(case_id), f"case {case_id}", self._on_wait, self._lock_timeout):
            backups = self.backups(case_id)
            if not backups:
                raise NotFoundError(f"Case {case_id} has no backups in {self.workspace.backups}.")
            if not 1 <= number <= len(backups):
                raise InputError(
                    f"Case {case_id} has {len(backups)} backup{'s' if len(backups) > 1 else ''}: "
                    f"choose --backup 1 (newest) to {len(backups)}; `iep-tui restore {case_id} --list` shows them."
                )
            source = backups[number - 1]
            try:
                raw = source.read_bytes()
                saved = datetime.fromtimestamp(source.stat().st_mtime, UTC)
            except OSError as error:
                raise StoreError(f"Cannot read backup {number} ({source}): {error.strerror or error}.") from error
            result = check_bytes(raw, source, case_id)
            if not result.loads:
                good = self.newest_good_backup(case_id)
                hint = (
                    f" The newest good backup is number {good.number}: "
                    f"`iep-tui restore {case_id} --backup {good.number}`."
                    if good
                    else " No backup of this case is readable."
                )
                error_type = NewerSchemaError if result.status == "newer" else CorruptFileError
                raise error_type(
                    f"Backup {number} cannot be restored: {result.first_problem()} Nothing was changed.{hint}"
                )
            current = read_file(path)  # a link in its place is refused, never followed
            if current == raw:
                return RestoreResult(case_id, number, source, None, True, result, saved)
            kept: list[Path | None] = []
            write_atomic(
                path,
                raw,
                before_replace=lambda: kept.append(
                    keep_previous(self.workspace.backups, case_id, path, tag=BEFORE_RESTORE)
                ),
            )
            self._remember(case_id, raw, None)
            self._index_put(case_id, parse_json(raw))
            return RestoreResult(case_id, number, source, kept[0] if kept else None, False, result, saved)

    # ---- index

    def _read_index(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.workspace.index.read_bytes())
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("schema") != INDEX_SCHEMA:
            return {}  # an older or foreign index is rebuilt, not trusted
        cases = data.get("cases")
        if not isinstance(cases, dict):
            return {}
        return {k: v for k, v in cases.items() if isinstance(v, dict)}

    @contextmanager
    def index_lock(self) -> Iterator[None]:
        """Held by every writer of index.json."""
        with held_lock(self.workspace.locks / "index.lock", "the case index", self._on_wait, self._lock_timeout):
            yield

    def _write_index(self, cases: dict[str, dict[str, Any]]) -> None:
        # a cache: atomic (never half-written) but not fsynced; a lost update is re-read
        write_atomic(self.workspace.index, serialize({"schema": INDEX_SCHEMA, "cases": cases}), durable=False)

    def _write_index_quietly(self, cases: dict[str, dict[str, Any]]) -> None:
        """The index only saves time: failing to write it (disk full, read-only) is not an error."""
        if not self.workspace.data.is_dir():
            return
        try:
            make_private_dir(self.workspace.locks)
            with self.index_lock():
                self._write_index(cases)
        except (StoreError, OSError):
            pass

    def _index_put(self, case_id: str, tables: dict[str, Any]) -> None:
        """After every save: refresh this case's entry and file signature (best effort:
        a save never fails because of the index, and a stale entry heals itself)."""
        entry = dict(summary_of(tables), file=self._signature(case_id))
        try:
            with self.index_lock():
                cases = self._read_index()
                cases[case_id] = entry
                self._write_index(cases)
        except (StoreError, OSError):
            pass

    def refresh_index(self) -> list[str]:
        """Compare every index entry with its case file; rewrite the index when any differ.

        Returns the ids whose entries were missing, wrong or left over.
        """
        self.workspace.ensure()
        with self.index_lock():
            index = self._read_index()
            ids = self.case_ids()
            fresh = {case_id: self._summary_entry(case_id, previous=index.get(case_id)) for case_id in ids}
            stale = sorted(cid for cid in set(ids) | set(index) if index.get(cid) != fresh.get(cid))
            if stale:
                self._write_index(fresh)
        return stale

    def rebuild_index(self) -> dict[str, dict[str, Any]]:
        """Re-read every case file's case record; unreadable files are flagged."""
        old = self._read_index()
        cases = {case_id: self._summary_entry(case_id, previous=old.get(case_id)) for case_id in self.case_ids()}
        self.workspace.ensure()
        with self.index_lock():
            self._write_index(cases)
        return cases

    def _signature(self, case_id: str) -> list[int] | None:
        try:
            stat = self.case_path(case_id).stat()
        except OSError:
            return None
        return [stat.st_ino, stat.st_size, stat.st_mtime_ns]

    def _summary_entry(self, case_id: str, previous: dict[str, Any] | None = None) -> dict[str, Any]:
        signature = self._signature(case_id)  # taken first: a change after it is seen next time
        head = summary_from_head(self.case_path(case_id))
        if head is not None and head[0] <= schema.SCHEMA_VERSION:
            return dict(head[1], file=signature)
        try:
            tables = read_tables(self.case_path(case_id)) or {}
            schema.check_readable(tables, case_id)
        except StoreError:
            known = {k: v for k, v in (previous or {}).items() if k in SUMMARY_FIELDS}
            known["student"] = known.get("student") or UNREADABLE
            return dict(known, error=True, file=signature)
        return dict(summary_of(tables), file=signature)

    def _readable(self, tables: dict[str, Any], case_id: str) -> int:
        path = str(self.case_path(case_id))
        try:
            return schema.check_readable(tables, path)
        except CorruptFileError as error:
            raise CorruptFileError(f"{error} It has not been changed. {self.describe_backup(case_id)}") from error


def _public(entry: dict[str, Any], case_id: str) -> CaseSummary:
    def field(key: str) -> Any:
        return entry.get(key, False if key in FLAG_FIELDS else "")

    # keys in SUMMARY_FIELDS' order, then id (the order `cases --json` prints them in)
    row = CaseSummary(
        student=field("student"),
        school=field("school"),
        district=field("district"),
        state=field("state"),
        grade=field("grade"),
        is_demo=field("is_demo"),
        archived=field("archived"),
        id=case_id,
    )
    if entry.get("error"):
        row["error"] = True
    return row


def _table_name(kind: type[Record]) -> str:
    try:
        return RECORD_TABLES[kind]
    except KeyError:
        raise TypeError(f"{kind.__name__} is not stored as a table") from None


def _noun(kind: type) -> str:
    return kind.__name__.lower()


def _kind(table: str) -> type[Record] | type[Case]:
    if table == CASE_TABLE:
        return Case
    return next(kind for kind, name in RECORD_TABLES.items() if name == table)


def _net_writes(writes: Sequence[RecordWrite]) -> dict[tuple[str, str], RecordWrite]:
    """Several saves of one record as one: its state before the first, its version after the last."""
    net: dict[tuple[str, str], RecordWrite] = {}
    for write in writes:
        key = (write.table, write.record_id)
        first = net[key].before if key in net else write.before
        net[key] = RecordWrite(write.table, write.record_id, first, write.version)
    return {key: write for key, write in net.items() if not (write.before is None and write.version is None)}


def _checked(record: R) -> tuple[R, dict[str, Any]]:
    """The record as validated and its stored form, before anything changes.

    `model_copy(update=...)` skips validation, so a record is validated again here:
    the store never writes a row that would make the case fail to load. A value JSON
    cannot hold fails too.
    """
    try:
        doc = record.model_dump(mode="json", warnings=False)
    except (ValueError, TypeError) as error:
        raise StoreError(f"Refused to save: a value cannot be stored as JSON ({error}).") from error
    try:
        clean = type(record).model_validate(doc)
    except ValidationError as error:
        raise InputError(f"Not saved: {explain(error)}") from None
    return clean, clean.model_dump(mode="json")


def _stamped(record: R) -> R:
    return record.model_copy(update={"version": record.version + 1, "updated": utc_now()})


def _check_version(stored: int, record: Record, what: str) -> None:
    if stored != record.version:
        raise ConflictError(
            f"Not saved: {what} changed elsewhere since you opened it (version {record.version}, "
            f"now {stored}). Reload to see the other change, then make yours again."
        )
