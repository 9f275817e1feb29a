"""`case archive` and `case delete`: a case leaves the caseload without being lost."""

from __future__ import annotations

from iep_tui.store.case_store import CaseStore


def new_case(cli, student: str = "Sam Ortiz") -> str:
    made = cli("case", "new", "--student", student, "--state", "OR")
    assert made.code == 0
    return made.last_line


def test_an_archived_case_is_hidden_kept_and_brought_back(cli, workspace):
    sam = new_case(cli)
    new_case(cli, "Ada Nguyen")
    archived = cli("case", "archive", "sam")
    assert archived.code == 0 and "--undo" in archived.err
    assert [c["student"] for c in cli("cases", "--json").json()] == ["Ada Nguyen"]
    listed = cli("cases", "--all", "--json").json()
    assert {c["student"]: c["archived"] for c in listed} == {"Sam Ortiz": True, "Ada Nguyen": False}
    assert "1 archived case not listed" in cli("cases").err
    assert cli("contact", "set", "parent", "--name", "Dana", "--case", sam).code == 0  # still named, still editable
    assert cli("case", "archive", sam).code == 2  # already archived: said, not done twice
    assert cli("case", "archive", sam, "--undo").code == 0
    assert len(cli("cases", "--json").json()) == 2


def test_delete_needs_the_students_name_and_keeps_a_backup_to_restore(cli, workspace):
    sam = new_case(cli)
    refused = cli("case", "delete", sam)  # no terminal to ask on, no --confirm
    assert refused.code == 2 and '--confirm "Sam Ortiz"' in refused.err
    wrong = cli("case", "delete", sam, "--confirm", "Sam")
    assert wrong.code == 2 and "Not deleted" in wrong.err
    assert CaseStore(workspace).exists(sam)
    deleted = cli("case", "delete", sam, "--confirm", "sam   ORTIZ")  # spacing and case do not matter
    assert deleted.code == 0 and f"iep-tui restore {sam}" in deleted.err
    assert not CaseStore(workspace).exists(sam)
    assert cli("cases", "--all", "--json").json() == []
    restored = cli("restore", sam)
    assert restored.code == 0
    assert [c["student"] for c in cli("cases", "--json").json()] == ["Sam Ortiz"]
