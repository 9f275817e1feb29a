"""`schema.file_schema`: where a case file says which format it is in, and what is refused."""

from __future__ import annotations

from typing import Any

import pytest

from iep_tui.errors import CorruptFileError
from iep_tui.store import schema


@pytest.mark.parametrize(
    "tables",
    [
        {},  # no _meta table at all
        {"_meta": {}},  # a _meta table without a row
        {"_meta": []},  # _meta is not a table (a JSON list)
        {"_meta": "2"},  # _meta is text
        {"_meta": None},
        {"_meta": {"1": {}}},  # a row without "schema"
        {"_meta": {"1": []}},  # a row that is not an object
        {"_meta": {"1": "schema"}},
    ],
)
def test_a_file_without_a_schema_row_is_refused_in_one_sentence(tables: dict[str, Any]) -> None:
    # every one of these lacks {"_meta": {"<row>": {"schema": N}}}, the only place a version is written
    with pytest.raises(CorruptFileError, match=r"^case\.json has no schema version; it was not written by iep-tui\.$"):
        schema.file_schema(tables, "case.json")


def test_the_first_meta_row_gives_the_version() -> None:
    # written as {"_meta": {"1": {"schema": 2}}} by meta_table(): version 2
    assert schema.file_schema({"_meta": {"1": {"schema": 2}}}, "case.json") == 2


@pytest.mark.parametrize("version", [0, -1, True, "2", 1.5])
def test_a_version_no_iep_tui_wrote_is_refused(version: object) -> None:
    # versions start at 1 and are whole numbers (a JSON true is not 1)
    with pytest.raises(CorruptFileError, match="which no iep-tui has written"):
        schema.file_schema({"_meta": {"1": {"schema": version}}}, "case.json")
