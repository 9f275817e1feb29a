"""Item 7 (and item 8's deep import): one damaged case file never takes the workspace down.

A file nested deeper than any parser's stack is reported by name and skipped; every
other case still lists, opens and saves.
"""

from __future__ import annotations

import json

import pytest

from iep_tui.store.case_store import CaseStore
from tests.hardening.conftest import nested

CASE = "demo-lena"


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_a_deeply_nested_case_file_is_named_and_skipped(demo_ws, cli, depth: int) -> None:
    deep = demo_ws.cases / "deep0001.json"
    deep.write_text('{"_meta": {"1": {"schema": 2}}, "case": {"1": {"notes": ' + nested(depth) + "}}}")
    listed = cli("cases", "--json")
    assert listed.code == 0, listed.err
    rows = {row["id"]: row for row in listed.json()}
    assert rows[CASE]["student"] == "Lena Marsh" and not rows[CASE].get("error")
    assert rows["deep0001"]["error"] is True

    doctor = cli("doctor")
    assert doctor.code == 1 and "deep0001.json" in doctor.out and "Traceback" not in doctor.err
    assert "demo-lena" not in " ".join(line for line in doctor.out.splitlines() if "PROBLEM" in line)

    opened = cli("status", "--case", CASE)
    assert opened.code == 0, opened.err
    saved = cli("contact", "set", "slp", "--name", "Dana Ortiz", "--case", CASE)
    assert saved.code == 0, saved.err
    refused = cli("status", "--case", "deep0001")
    assert refused.code == 1 and "deep0001.json" in refused.err and len(refused.err.strip().splitlines()) == 1

    store = CaseStore(demo_ws)
    assert {s["id"] for s in store.summaries()} == {CASE, "deep0001"}  # the caseload's list


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_case_import_of_a_deeply_nested_file_is_one_sentence(demo_ws, cli, tmp_path, depth: int) -> None:
    path = tmp_path / "deep.json"
    path.write_text(
        '{"format": "iep-tui-case", "schema_version": 2, "case": {"student": "A", "state": "WA", '
        '"notes": ' + nested(depth) + "}}"
    )
    before = sorted(p.name for p in demo_ws.cases.iterdir())
    result = cli("case", "import", str(path))
    assert result.code == 2 and "Traceback" not in result.err, result.err
    assert len(result.err.strip().splitlines()) == 1
    assert sorted(p.name for p in demo_ws.cases.iterdir()) == before


def test_a_deep_revision_inside_a_real_case_is_damage_not_a_crash(demo_ws, cli) -> None:
    path = demo_ws.case_file(CASE)
    tables = json.loads(path.read_text())
    row = next(iter(tables["incidents"].values()))
    row["history"] = [{"at": "2026-11-01T00:00:00Z", "reason": "x", "before": {"deep": json.loads(nested(150))}}]
    path.write_text(json.dumps(tables))
    for argv in (["cases"], ["doctor"], ["status", "--case", CASE], ["case", "export", CASE]):
        result = cli(*argv)
        assert result.code in (0, 1, 2) and "Traceback" not in result.err, (argv, result.err)
