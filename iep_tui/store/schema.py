"""The stored format's version and the migrations between versions.

Each case file holds `{"_meta": {"1": {"schema": N}}}` beside its tables. A file
from a newer iep-tui is refused (pydantic would silently drop fields it does not
know); an older one is migrated under the case lock, and the file it replaces is
kept as a backup by the same save.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# Re-exported: the store reads schema.SCHEMA_VERSION (one name the tests can raise to fake a newer format).
from iep_tui.domain.models import SCHEMA_VERSION as SCHEMA_VERSION
from iep_tui.errors import CorruptFileError, NewerSchemaError, StoreError

META_TABLE = "_meta"

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _v1_to_v2(tables: dict[str, Any]) -> dict[str, Any]:
    """Schema 2 only adds optional fields with defaults (incident kind, session
    provenance and delivered_as, case date of birth, student id, archived, a step's
    letter file): a v1 file
    reads as is. The bump makes an older iep-tui refuse a v2 file by its version
    instead of failing on an unknown field."""
    return tables


MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2}
"""MIGRATIONS[n] turns a version-n file (all tables) into version n+1."""


def file_schema(tables: dict[str, Any], name: str) -> int:
    """The schema version a loaded file declares."""
    meta = tables.get(META_TABLE)
    rows = list(meta.values()) if isinstance(meta, dict) else []
    try:
        version = rows[0]["schema"]
    except (IndexError, KeyError, TypeError):
        raise CorruptFileError(f"{name} has no schema version; it was not written by iep-tui.") from None
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise CorruptFileError(f"{name} declares schema {version!r}, which no iep-tui has written.")
    return version


def check_readable(tables: dict[str, Any], name: str) -> int:
    """Refuse a newer file; return the version so callers know to migrate."""
    version = file_schema(tables, name)
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"{name} was written by a newer iep-tui (schema {version}; this one reads up to "
            f"{SCHEMA_VERSION}). Upgrade iep-tui to open it; the file was not changed."
        )
    return version


def migrate(tables: dict[str, Any]) -> dict[str, Any]:
    """Run every migration from the file's version up to the current one."""
    version = file_schema(tables, "file")
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise StoreError(f"iep-tui has no migration from schema {version}; the file was not changed.")
        tables = step(tables)
        version += 1
        tables[META_TABLE] = {"1": {"schema": version}}
    return tables


def meta_table() -> dict[str, Any]:
    return {"1": {"schema": SCHEMA_VERSION}}
