"""Item 10: `case export` then `case import --as-copy` keeps every record as it was;
only the case's id changes (a copy must not collide with the original)."""

from __future__ import annotations

import json

CASE = "demo-lena"


def test_export_then_import_as_copy_keeps_versions_and_times(demo_ws, cli, tmp_path) -> None:
    # give records different versions and times first, so keeping them is visible
    assert cli("contact", "set", "slp", "--name", "Dana Ortiz", "--case", CASE).code == 0
    assert (
        cli(
            "step", "edit", "esc-notice-1102", "--asked", "Reply in writing", "--reason", "clearer", "--case", CASE
        ).code
        == 0
    )
    exported = cli("case", "export", CASE)
    assert exported.code == 0, exported.err
    original = exported.json()
    path = tmp_path / "lena.json"
    path.write_text(exported.out)

    imported = cli("case", "import", str(path), "--as-copy")
    assert imported.code == 0, imported.err
    copy_id = imported.last_line
    assert copy_id != CASE
    again = cli("case", "export", copy_id).json()

    assert again["case"].pop("id") == copy_id
    original["case"].pop("id")
    assert again == original  # every record: same ids, versions, created and updated times, history


def test_a_plain_import_into_a_new_workspace_is_the_same_document(demo_ws, cli, tmp_path) -> None:
    assert cli("contact", "set", "slp", "--name", "Dana Ortiz", "--case", CASE).code == 0  # case version 2
    exported = cli("case", "export", CASE).out
    assert json.loads(exported)["case"]["version"] == 2
    path = tmp_path / "lena.json"
    path.write_text(exported)
    other = tmp_path / "other-ws"
    assert cli("--workspace", str(other), "case", "import", str(path)).code == 0
    assert json.loads(cli("--workspace", str(other), "case", "export", CASE).out) == json.loads(exported)
