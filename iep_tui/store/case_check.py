"""Is this case file (or backup) whole? Parse, schema, every record, every reference.

Used by `CaseStore.load` (strict: the first bad record raises), by `restore`
(a backup is checked before it replaces anything) and by `doctor` (every problem
is collected and reported).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import ValidationError

from iep_tui.domain.models import (
    RECORD_TABLES,
    Case,
    CaseBundle,
    EscalationStep,
    Incident,
    Meeting,
    Record,
    Requirement,
    Session,
    WeeklySnapshot,
)
from iep_tui.domain.validation import explain
from iep_tui.errors import CorruptFileError, NewerSchemaError, StoreError
from iep_tui.store import schema
from iep_tui.store.tinydb_storage import parse_tables, read_file

CASE_TABLE = "case"
KNOWN_TABLES = frozenset({schema.META_TABLE, CASE_TABLE, *RECORD_TABLES.values()})
SUMMARY_FIELDS = ("student", "school", "district", "state", "grade", "is_demo", "archived")
FLAG_FIELDS = frozenset({"is_demo", "archived"})
MAX_LISTED = 5
"""Problems listed per file; the rest are counted."""

R = TypeVar("R", bound=Record)
Status = Literal["ok", "inconsistent", "damaged", "newer", "unreadable"]


def _noun(kind: type) -> str:
    return kind.__name__.lower()


def validate_record(kind: type[R], doc: dict[str, Any], label: str, note: str = "") -> R:
    try:
        return kind.model_validate(doc)
    except ValidationError as error:
        raise CorruptFileError(
            f"{label} holds a {_noun(kind)} that does not validate: {explain(error)} "
            f"It has not been changed.{' ' + note if note else ''}"
        ) from error


def bundle_from_tables(tables: dict[str, Any], label: str, note: Callable[[], str] | None = None) -> CaseBundle:
    """The whole case, validated; the first bad record raises CorruptFileError."""
    try:
        docs = list((tables.get(CASE_TABLE) or {}).values())
        if not docs:
            raise CorruptFileError(f"{label} holds no case record. It has not been changed.")

        def records(kind: type[R]) -> list[R]:
            return [validate_record(kind, doc, label) for doc in (tables.get(RECORD_TABLES[kind]) or {}).values()]

        # arguments run left to right: the records in RECORD_TABLES' order, then the case
        return CaseBundle(
            requirements=records(Requirement),
            sessions=records(Session),
            incidents=records(Incident),
            escalations=records(EscalationStep),
            meetings=records(Meeting),
            snapshots=records(WeeklySnapshot),
            case=validate_record(Case, docs[0], label),
        )
    except CorruptFileError as error:
        if note is None:
            raise
        raise CorruptFileError(f"{error} {note()}") from error


_HEAD = re.compile(rb'\{"_meta":\{"1":\{"schema":(\d+)\}\},"case":\{"1":')
HEAD_BYTES = 65536


def summary_from_head(path: Path) -> tuple[int, dict[str, Any]] | None:
    """(schema, summary) from the first bytes of a case file, or None to read it all.

    The store writes `_meta` and then `case` first, so listing a workspace need not
    parse every case's sessions. The index is only a cache: a file damaged further
    on is found by `load` and by `doctor`.
    """
    try:
        with open(os.open(path, os.O_RDONLY | os.O_NOFOLLOW), "rb") as file:  # a linked case file is not read
            head = file.read(HEAD_BYTES)
    except OSError:
        return None
    match = _HEAD.match(head)
    if match is None:
        return None
    try:
        doc, _end = _DECODER.raw_decode(head[match.end() :].decode("utf-8", "replace"))
    except ValueError:
        return None
    if not isinstance(doc, dict):
        return None
    return int(match.group(1)), summary_of({CASE_TABLE: {"1": doc}})


_DECODER = json.JSONDecoder()


def summary_of(tables: dict[str, Any]) -> dict[str, Any]:
    """Student, school, district, state, grade and the demo and archived flags, without validating."""
    docs = list((tables.get(CASE_TABLE) or {}).values())
    case = docs[0] if docs and isinstance(docs[0], dict) else {}
    return {key: case.get(key, False if key in FLAG_FIELDS else "") for key in SUMMARY_FIELDS}


@dataclass
class CaseCheck:
    """What `check_bytes` found in one file."""

    path: str
    case_id: str
    status: Status = "ok"
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    schema: int | None = None
    records: int = 0
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def loads(self) -> bool:
        """The store can open it (possibly with inconsistent references)."""
        return self.status in ("ok", "inconsistent")

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def first_problem(self) -> str:
        return self.problems[0] if self.problems else ""


def check_file(path: Path, case_id: str) -> CaseCheck:
    try:
        raw = read_file(path)
    except StoreError as error:
        return CaseCheck(str(path), case_id, "unreadable", [str(error)])
    if raw is None:
        return CaseCheck(str(path), case_id, "unreadable", [f"{path} does not exist."])
    return check_bytes(raw, path, case_id)


def check_bytes(raw: bytes, path: Path | str, case_id: str | None) -> CaseCheck:
    """Every check, every problem collected (up to MAX_LISTED per kind)."""
    label = str(path)
    result = CaseCheck(label, case_id or "")
    try:
        tables = parse_tables(raw, label)
        result.schema = schema.check_readable(tables, label)
        if result.schema < schema.SCHEMA_VERSION:
            tables = schema.migrate(tables)
    except NewerSchemaError as error:
        result.status = "newer"
        result.problems.append(str(error))
        return result
    except StoreError as error:
        result.status = "damaged"
        result.problems.append(str(error))
        return result
    result.summary = summary_of(tables)

    damaged: list[str] = []
    case_docs = list((tables.get(CASE_TABLE) or {}).values())
    if len(case_docs) != 1:
        damaged.append(f"{label} holds {len(case_docs)} case records instead of one.")
    else:
        try:
            case = Case.model_validate(case_docs[0])
            if case_id and case.id != case_id:
                damaged.append(f"{label} holds case {case.id}, not {case_id} as its name says.")
        except ValidationError as error:
            damaged.append(f"{label}: the case details do not validate ({explain(error)})")

    valid: dict[str, list[Record]] = {}
    for kind, name in RECORD_TABLES.items():
        bad = 0
        valid[name] = []
        seen: set[str] = set()
        for doc_id, doc in (tables.get(name) or {}).items():
            try:
                record = kind.model_validate(doc)
            except ValidationError as error:
                bad += 1
                if bad <= MAX_LISTED:
                    damaged.append(f"{label}: {name} entry {doc_id} does not validate ({explain(error)})")
                continue
            if record.id in seen:
                damaged.append(f"{label}: two {name} share the id {record.id}.")
            seen.add(record.id)
            valid[name].append(record)
        if bad > MAX_LISTED:
            damaged.append(f"{label}: {bad - MAX_LISTED} more {name} do not validate.")
        result.records += len(valid[name])

    for name in tables:
        if name not in KNOWN_TABLES:
            result.warnings.append(f"{label} has a table this iep-tui does not know ({name!r}); it is kept as is.")

    if damaged:
        result.status = "damaged"
        result.problems.extend(damaged)
        return result
    broken = broken_references(
        requirements=_of(Requirement, valid["requirements"]),
        sessions=_of(Session, valid["sessions"]),
        incidents=_of(Incident, valid["incidents"]),
        escalations=_of(EscalationStep, valid["escalations"]),
    )
    if broken:
        result.status = "inconsistent"
        result.problems.extend(f"{label}: {text}" for text in broken[:MAX_LISTED])
        if len(broken) > MAX_LISTED:
            result.problems.append(f"{label}: {len(broken) - MAX_LISTED} more broken references.")
    return result


def _of(kind: type[R], records: Sequence[Record]) -> list[R]:
    """The records of one kind (a table's list holds only its kind)."""
    return [r for r in records if isinstance(r, kind)]


def broken_references(
    *,
    requirements: Sequence[Requirement],
    sessions: Sequence[Session],
    incidents: Sequence[Incident],
    escalations: Sequence[EscalationStep],
) -> list[str]:
    """Records that name a requirement, incident or session the case does not hold."""
    requirement_ids = {r.id for r in requirements}
    incident_ids = {i.id for i in incidents}
    session_ids = {s.id for s in sessions}
    broken: list[str] = []
    for s in sessions:
        if s.requirement_id not in requirement_ids:
            broken.append(f"session {s.id} ({s.date}) names requirement {s.requirement_id}, which is not in the case.")
    for i in incidents:
        for rid in i.requirement_ids:
            if rid not in requirement_ids:
                broken.append(f"incident {i.id} ({i.date}) names requirement {rid}, which is not in the case.")
    for step in escalations:
        for iid in step.incident_ids:
            if iid not in incident_ids:
                broken.append(f"escalation step {step.id} names incident {iid}, which is not in the case.")
        for sid in step.session_ids:
            if sid not in session_ids:
                broken.append(f"escalation step {step.id} names session {sid}, which is not in the case.")
    return broken
