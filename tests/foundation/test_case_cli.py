"""The CLI scripting contract for cases: names, exit codes, stdout discipline."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from iep_tui.demo.demo_case import DEMO_CASE_ID


def test_case_new_prints_the_bare_id_last_and_cases_lists_it(cli, workspace) -> None:
    made = cli("case", "new", "--student", "Zoë O'Brien", "--state", "wa", "--school", "Lincoln Elementary")
    assert made.code == 0
    case_id = made.last_line
    assert made.out.strip() == case_id  # nothing else on stdout
    listed = cli("cases", "--json")
    assert listed.code == 0
    assert listed.json() == [
        {
            "id": case_id,
            "student": "Zoë O'Brien",
            "school": "Lincoln Elementary",
            "district": "",
            "state": "WA",
            "grade": "",
            "is_demo": False,
            "archived": False,
        }
    ]


def test_bad_input_exits_2_with_one_line_on_stderr_and_writes_nothing(cli, workspace) -> None:
    result = cli("case", "new", "--student", "A\x07", "--state", "WA")
    assert result.code == 2
    assert result.out == ""
    assert result.err.strip() == (
        "iep-tui: student: contains a control character (U+0007); remove it and type the text again."
    )
    assert not list(workspace.cases.glob("*.json"))


def test_case_is_found_by_id_prefix_or_part_of_the_name(cli, workspace) -> None:
    first = cli("case", "new", "--student", "Ana Lopez", "--state", "CA").last_line
    cli("case", "new", "--student", "Ben Okafor", "--state", "CA")
    assert cli("case", "export", "lopez").json()["case"]["id"] == first
    assert cli("case", "export", first[:6]).json()["case"]["id"] == first
    ambiguous = cli("case", "export", "o")  # in both names
    assert ambiguous.code == 2 and "matches several cases" in ambiguous.err
    missing = cli("case", "export", "zed")
    assert missing.code == 2 and "No case matches 'zed'" in missing.err


def test_export_then_import_round_trips_and_refuses_a_duplicate_id(cli, workspace, tmp_path: Path) -> None:
    case_id = cli("demo").last_line
    exported = cli("case", "export", case_id)
    document = exported.json()
    assert document["format"] == "iep-tui-case" and document["schema_version"] == 2
    path = tmp_path / "lena.json"
    path.write_text(exported.out, "utf-8")

    refused = cli("case", "import", str(path))
    assert refused.code == 2 and "already exists" in refused.err and "--as-copy" in refused.err

    copied = cli("case", "import", str(path), "--as-copy")
    assert copied.code == 0
    new_id = copied.last_line
    assert new_id != case_id
    again = cli("case", "export", new_id).json()
    for table in ("requirements", "sessions", "incidents", "escalations", "meetings", "snapshots"):
        assert [r["id"] for r in again[table]] == [r["id"] for r in document[table]], table


def test_import_validates_everything_before_writing(cli, workspace, tmp_path: Path) -> None:
    case_id = cli("demo").last_line
    document = cli("case", "export", case_id).json()
    document["case"]["id"] = "brand-new-id"
    document["sessions"][-1]["minutes"] = "lots"  # the very last record is bad
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), "utf-8")
    result = cli("case", "import", str(bad))
    assert result.code == 2
    assert "sessions.minutes: expected a whole number such as 30." in result.err
    assert not (workspace.cases / "brand-new-id.json").exists()


def test_import_refuses_a_newer_schema_and_non_exports(cli, workspace, tmp_path: Path) -> None:
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"format": "iep-tui-case", "schema_version": 99, "case": {}}), "utf-8")
    result = cli("case", "import", str(newer))
    assert result.code == 1 and "newer iep-tui" in result.err
    other = tmp_path / "other.json"
    other.write_text("[1, 2", "utf-8")
    result = cli("case", "import", str(other))
    assert result.code == 2 and "is not JSON (line 1" in result.err


def test_demo_is_added_once_and_touches_nothing_else(cli, workspace) -> None:
    mine = cli("case", "new", "--student", "Kim", "--state", "WA").last_line
    before = (workspace.cases / f"{mine}.json").read_bytes()
    assert cli("demo").last_line == DEMO_CASE_ID
    assert cli("demo").last_line == DEMO_CASE_ID
    ids = [c["id"] for c in cli("cases", "--json").json()]
    assert sorted(ids) == sorted([mine, DEMO_CASE_ID])
    assert (workspace.cases / f"{mine}.json").read_bytes() == before


def test_workspace_flag_beats_environment_and_files_are_private(cli, workspace, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        other = tmp_path / "other-ws"
        case_id = cli("case", "new", "--student", "Kim", "--state", "WA", "--workspace", str(other)).last_line
    finally:
        os.umask(old)
    case_file = other / "data" / "cases" / f"{case_id}.json"
    assert case_file.exists() and not workspace.cases.exists()
    assert stat.S_IMODE(case_file.stat().st_mode) == 0o600
    for folder in (other, other / "data", other / "data" / "cases", other / "exports"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_default_workspace_is_per_user_and_demo_has_its_own(cli, tmp_path: Path) -> None:
    case_id = cli("case", "new", "--student", "Kim", "--state", "WA").last_line
    assert (tmp_path / "xdg-data" / "iep-tui" / "workspace" / "data" / "cases" / f"{case_id}.json").exists()
    assert cli("--demo", "demo").last_line == DEMO_CASE_ID
    assert (tmp_path / "xdg-data" / "iep-tui" / "demo" / "data" / "cases" / f"{DEMO_CASE_ID}.json").exists()
    assert not (tmp_path / "xdg-data" / "iep-tui" / "workspace" / "data" / "cases" / f"{DEMO_CASE_ID}.json").exists()


def test_json_output_is_one_document(cli, workspace) -> None:
    cli("demo")
    result = cli("cases", "--json")
    json.loads(result.out)  # raises if anything but one JSON document is on stdout
    assert result.code == 0


def test_the_shipped_sample_case_imports(cli, workspace) -> None:
    sample = Path(__file__).resolve().parents[2] / "data" / "examples" / "sample-case.json"
    result = cli("case", "import", str(sample))
    assert result.code == 0, result.err
    assert result.last_line == "sample-lena"
