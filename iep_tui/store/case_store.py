"""The typed repository: one TinyDB file per case, every change under the case lock.

Layout of a workspace's `data/`:

    cases/<case_id>.json     one TinyDB file per case (tables below + `_meta`)
    backups/<case_id>/*.json the previous versions, newest last-written first
    locks/<case_id>.lock     flock targets (never hold data)
    index.json               student/school per case, so listing skips the big files

Readers take no lock: a save replaces the file atomically, so a read always sees a
whole version. Writers hold the lock across read-check-write, and a record saved
from a stale copy (its `version` moved on) raises ConflictError.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError
from tinydb import Query, TinyDB

from iep_tui.domain.models import RECORD_TABLES, Case, CaseBundle, Record, Revision, utc_now
from iep_tui.domain.validation import explain
from iep_tui.errors import ConflictError, CorruptFileError, InputError, NotFoundError, StoreError
from iep_tui.store import schema
from iep_tui.store.atomic_file import write_atomic
from iep_tui.store.backups import keep_previous, list_backups
from iep_tui.store.file_lock import DEFAULT_TIMEOUT, held_lock
from iep_tui.store.tinydb_storage import SnapshotStorage, read_tables, serialize
from iep_tui.store.workspace import Workspace

CASE_TABLE = "case"
R = TypeVar("R", bound=Record)


class CaseTransaction:
    """Typed access to one case file while its lock is held."""

    def __init__(self, db: TinyDB, case_id: str, label: str) -> None:
        self._db = db
        self.case_id = case_id
        self._label = label
        self.case_changed = False

    # ---- reading

    def bundle(self) -> CaseBundle:
        return _bundle_from_tables(self._db.storage.read() or {}, self._label)

    def case(self) -> Case:
        docs = self._db.table(CASE_TABLE).all()
        if not docs:
            raise CorruptFileError(f"{self._label} holds no case record.")
        return _validate(Case, docs[0], self._label)

    # ---- writing

    def put_case(self, case: Case) -> Case:
        """Save the case record; its version must match the stored one."""
        table = self._db.table(CASE_TABLE)
        docs = table.all()
        if docs:
            _check_version(docs[0].get("version", 0), case, "the case details")
        saved = _stamped(case)
        self.case_changed = True
        table.truncate()
        table.insert(_dump(saved))
        return saved

    def insert(self, record: R) -> R:
        table = self._table_for(type(record))
        if table.contains(Query().id == record.id):
            raise ConflictError(f"A record with id {record.id} already exists in this case.")
        saved = record.model_copy(update={"version": 1, "updated": utc_now()})
        table.insert(_dump(saved))
        return saved

    def update(self, record: R, reason: str | None = None) -> R:
        """Replace a record read earlier; with `reason`, keep its old state in the history."""
        table = self._table_for(type(record))
        current = table.get(Query().id == record.id)
        if current is None:
            raise NotFoundError(f"That {type(record).__name__.lower()} no longer exists (id {record.id}).")
        _check_version(current.get("version", 0), record, f"this {type(record).__name__.lower()}")
        history = list(record.history)
        if reason is not None:
            before = {k: v for k, v in current.items() if k != "history"}
            history.append(Revision(reason=reason, before=before))
        saved = _stamped(record).model_copy(update={"history": history})
        table.update(_dump(saved), Query().id == record.id)
        return saved

    def delete(self, kind: type[Record], record_id: str, version: int | None = None) -> None:
        table = self._table_for(kind)
        current = table.get(Query().id == record_id)
        if current is None:
            raise NotFoundError(f"That {kind.__name__.lower()} no longer exists (id {record_id}).")
        if version is not None and current.get("version") != version:
            raise ConflictError(
                f"This {kind.__name__.lower()} was changed elsewhere since you opened it; reload and try again."
            )
        table.remove(Query().id == record_id)

    def _table_for(self, kind: type[Record]):
        try:
            return self._db.table(RECORD_TABLES[kind])
        except KeyError:
            raise TypeError(f"{kind.__name__} is not stored as a table") from None


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

    # ---- paths

    def case_path(self, case_id: str) -> Path:
        return self.workspace.cases / f"{case_id}.json"

    def case_ids(self) -> list[str]:
        if not self.workspace.cases.is_dir():
            return []
        return sorted(p.stem for p in self.workspace.cases.glob("*.json") if not p.name.startswith("."))

    def backups(self, case_id: str) -> list[Path]:
        return list_backups(self.workspace.backups, case_id)

    def describe_backup(self, case_id: str) -> str:
        backups = self.backups(case_id)
        if not backups:
            return "No backup of it exists yet."
        return f"Newest backup: {backups[0]} (restore it with `iep-tui restore {case_id}`)."

    # ---- reading (lock-free: saves are atomic)

    def exists(self, case_id: str) -> bool:
        return self.case_path(case_id).exists()

    def load(self, case_id: str) -> CaseBundle:
        path = self.case_path(case_id)
        tables = read_tables(path, self.describe_backup(case_id))
        if tables is None:
            raise NotFoundError(f"There is no case {case_id} in {self.workspace.root}.")
        version = schema.check_readable(tables, str(path))
        if version < schema.SCHEMA_VERSION:
            with self.transaction(case_id) as tx:  # migrates under the lock
                return tx.bundle()
        return _bundle_from_tables(tables, str(path))

    def summaries(self) -> list[dict[str, Any]]:
        """Student, school and state of every case, from the index (rebuilt when stale)."""
        index = self._read_index()
        ids = self.case_ids()
        if set(index) != set(ids):
            index = self.rebuild_index()
        return [dict(index[case_id], id=case_id) for case_id in ids]

    # ---- writing

    @contextmanager
    def transaction(self, case_id: str, create: bool = False) -> Iterator[CaseTransaction]:
        """Hold the case lock; commit every change in one atomic save at the end."""
        self.workspace.ensure()
        path = self.case_path(case_id)
        label = str(path)
        with held_lock(self.workspace.locks / f"{case_id}.lock", f"case {case_id}", self._on_wait, self._lock_timeout):
            storage = SnapshotStorage(path, self.describe_backup(case_id))
            db = TinyDB(storage=lambda: storage)  # TinyDB builds its storage by calling this
            tables = storage.read()
            if tables is None:
                if not create:
                    raise NotFoundError(f"There is no case {case_id} in {self.workspace.root}.")
                storage.write({schema.META_TABLE: schema.meta_table()})
            else:
                if create:
                    raise InputError(f"A case with id {case_id} already exists.")
                version = schema.check_readable(tables, label)
                if version < schema.SCHEMA_VERSION:
                    storage.write(schema.migrate(tables))
            tx = CaseTransaction(db, case_id, label)
            yield tx
            if storage.dirty:
                payload = storage.payload()
                write_atomic(path, payload, before_replace=lambda: keep_previous(self.workspace.backups, case_id, path))
                if tx.case_changed:
                    self._index_put(case_id, storage.read() or {})

    def create(self, bundle: CaseBundle) -> CaseBundle:
        """Write a new case file holding the whole bundle."""
        case_id = bundle.case.id
        with self.transaction(case_id, create=True) as tx:
            tx.put_case(bundle.case.model_copy(update={"version": 0}))
            for name in RECORD_TABLES.values():
                for record in getattr(bundle, name):
                    tx.insert(record)
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

    # ---- index

    def _read_index(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.workspace.index.read_text("utf-8"))
            cases = data.get("cases", {})
            return cases if isinstance(cases, dict) else {}
        except (OSError, ValueError, AttributeError):
            return {}

    def _write_index(self, cases: dict[str, dict[str, Any]]) -> None:
        write_atomic(self.workspace.index, serialize({"schema": 1, "cases": cases}))

    def _index_put(self, case_id: str, tables: dict[str, Any]) -> None:
        with held_lock(self.workspace.locks / "index.lock", "the case index", self._on_wait, self._lock_timeout):
            cases = self._read_index()
            cases[case_id] = _summary(tables)
            self._write_index(cases)

    def rebuild_index(self) -> dict[str, dict[str, Any]]:
        """Re-read every case file's case record; unreadable files are left out."""
        with held_lock(self.workspace.locks / "index.lock", "the case index", self._on_wait, self._lock_timeout):
            cases: dict[str, dict[str, Any]] = {}
            for case_id in self.case_ids():
                try:
                    tables = read_tables(self.case_path(case_id)) or {}
                except StoreError:
                    cases[case_id] = {"student": "(unreadable: run iep-tui doctor)", "error": True}
                    continue
                cases[case_id] = _summary(tables)
            self._write_index(cases)
            return cases


def _summary(tables: dict[str, Any]) -> dict[str, Any]:
    docs = list((tables.get(CASE_TABLE) or {}).values())
    case = docs[0] if docs else {}
    return {key: case.get(key, "") for key in ("student", "school", "district", "state", "grade", "is_demo")}


def _dump(record: Record) -> dict[str, Any]:
    return record.model_dump(mode="json")


def _stamped(record: R) -> R:
    return record.model_copy(update={"version": record.version + 1, "updated": utc_now()})


def _check_version(stored: int, record: Record, what: str) -> None:
    if stored != record.version:
        raise ConflictError(
            f"Not saved: {what} changed elsewhere since you opened it (version {record.version}, "
            f"now {stored}). Reload to see the other change, then make yours again."
        )


def _validate(kind: type[R], doc: dict[str, Any], label: str) -> R:
    try:
        return kind.model_validate(dict(doc))
    except ValidationError as error:
        raise CorruptFileError(
            f"{label} holds a {kind.__name__.lower()} that does not validate: {explain(error)}"
        ) from error


def _bundle_from_tables(tables: dict[str, Any], label: str) -> CaseBundle:
    docs = list((tables.get(CASE_TABLE) or {}).values())
    if not docs:
        raise CorruptFileError(f"{label} holds no case record.")
    lists: dict[str, list[Any]] = {}
    for kind, name in RECORD_TABLES.items():
        lists[name] = [_validate(kind, doc, label) for doc in (tables.get(name) or {}).values()]
    return CaseBundle(case=_validate(Case, docs[0], label), **lists)
