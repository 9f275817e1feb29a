"""Items 8 and 9: input a real case never has is refused in one sentence naming the limit,
exit 2 (bad input) or 1 (the environment), and nothing is written.

Each row below was a traceback (item 8) or was silently stored (item 9) before.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from tests.hardening.conftest import one_sentence

CASE = "demo-lena"
STEP = "esc-notice-1102"
MEETING_ACTION = ("meeting", "action")


def case_bytes(ws) -> bytes:
    return ws.case_file(CASE).read_bytes()


CONTROL = "a\x01b"


@pytest.mark.parametrize(
    "argv",
    [
        ["respond", STEP, "--text", CONTROL],
        ["step", "edit", STEP, "--asked", CONTROL, "--reason", "typo"],
        ["escalate", "records-request", "--asked", CONTROL, "--to", "case-manager"],
        ["meeting", "add", "--date", "2026-11-20", "--purpose", CONTROL],
        ["meeting", "action", "MEETING", "--owner", "case-manager", "--what", CONTROL],
    ],
)
def test_a_control_character_in_typed_text_is_refused(demo_ws, cli, argv) -> None:
    if "MEETING" in argv:
        meeting = cli("meeting", "add", "--date", "2026-11-20", "--purpose", "Review", "--case", CASE)
        assert meeting.code == 0, meeting.err
        argv = [meeting.last_line if a == "MEETING" else a for a in argv]
    before = case_bytes(demo_ws)
    line = one_sentence(cli(*argv, "--case", CASE), 2)
    assert "control character (U+0001)" in line
    assert case_bytes(demo_ws) == before


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["escalate", "records-request", "--due-school-days", "5000", "--to", "case-manager"], "3,650"),
        (["meeting", "add", "--date", "9999-12-31"], "2199-12-31"),
        (["case", "set", CASE, "--iep-effective", "0"], "2026-11-02"),
        (["case", "set", CASE, "--annual-review-due", "9999-12-31"], "2199-12-31"),
        (["log", "week", "--missing-work", str(10**20)], "1,000"),
        (["contact", "set", "x" * 100_000, "--name", "A"], "200"),
        (["contact", "set", " ", "--name", "A"], "role is required"),
        (["case", "set", CASE, "--notes", "n" * 10_001], "10,000"),
        (["case", "set", CASE, "--student", "s" * 201], "characters"),
    ],
)
def test_values_no_real_case_has_are_refused_naming_the_limit(demo_ws, cli, argv, named) -> None:
    before = case_bytes(demo_ws)
    extra = [] if argv[0] == "case" else ["--case", CASE]
    line = one_sentence(cli(*argv, *extra), 2)
    assert named in line, line
    assert case_bytes(demo_ws) == before


def test_calendar_ics_after_a_far_meeting_is_one_sentence(demo_ws, cli) -> None:
    """The meeting cannot be saved at 9999 any more; one stored by an older iep-tui is damage, named."""
    path = demo_ws.case_file(CASE)
    tables = json.loads(path.read_text())
    meeting = {
        "id": "far-meeting",
        "created": "2026-11-01T00:00:00Z",
        "updated": "2026-11-01T00:00:00Z",
        "version": 1,
        "history": [],
        "date": "9999-12-31",
        "status": "scheduled",
        "purpose": "",
        "attendees": [],
        "actions": [],
        "recap_sent": None,
        "notes": "",
        "requested_on": None,
    }
    tables.setdefault("meetings", {})["999"] = meeting
    path.write_text(json.dumps(tables))
    line = one_sentence(cli("calendar", "ics", "--case", CASE), 1)
    assert "2199-12-31" in line and str(path) in line


def write_case(tmp_path: Path, ws, mutate) -> Path:
    """The demo case as exported, changed by `mutate(document)` (or raw text), to import."""
    from iep_tui.services.cases import export_document
    from iep_tui.store.case_store import CaseStore

    document = export_document(CaseStore(ws).load(CASE))
    changed = mutate(document)
    path = tmp_path / "import.json"
    path.write_text(changed if isinstance(changed, str) else json.dumps(document))
    return path


@pytest.mark.parametrize(
    ("mutate", "named"),
    [
        (lambda d: d.update(schema_version=True), "schema_version is true"),
        (lambda d: d.update(schema_version=0), "schema_version is 0"),
        (lambda d: d.update(schema_version=-5), "schema_version is -5"),
        (lambda d: json.dumps(d)[:-1] + ', "format": "iep-tui-case"}', "appears twice"),
        (lambda d: d["case"].update(notes="n" * 100_000), "10,000"),
        (lambda d: d["snapshots"].append({"week": "2026-11-02", "missing_work": 10**20}), "1,000"),
        (lambda d: d["case"].update(iep_effective=0), "not the number 0"),
        (lambda d: d["case"]["contacts"].append({"role": ""}), "role is required"),
        (lambda d: json.dumps(d).replace('"minutes": 30', '"minutes": NaN', 1), "NaN"),
        # the school calendar's dates keep the records' range too (a school year to 9999, a closure in year 1)
        (lambda d: d["case"]["calendar"]["school_years"][0].update(last_day="9999-06-17"), "9999-06-17 is outside"),
        (lambda d: d["case"]["calendar"]["closures"][0].update(start="0001-01-01", end=None), "0001-01-01 is outside"),
    ],
)
def test_case_import_refuses_what_no_export_holds(demo_ws, cli, tmp_path, mutate, named) -> None:
    path = write_case(tmp_path, demo_ws, mutate)
    before = sorted(p.name for p in demo_ws.cases.iterdir())
    line = one_sentence(cli("case", "import", str(path), "--as-copy"), 2)
    assert named in line, line
    assert sorted(p.name for p in demo_ws.cases.iterdir()) == before


def test_a_100_mb_notes_field_is_refused_naming_the_limit(demo_ws, cli, tmp_path) -> None:
    path = tmp_path / "huge.json"
    with open(path, "w") as handle:
        handle.write(
            '{"format": "iep-tui-case", "schema_version": 2, "case": {"student": "A", "state": "WA", "notes": "'
        )
        chunk = "n" * (1024 * 1024)
        for _ in range(100):
            handle.write(chunk)
        handle.write('"}}')
    line = one_sentence(cli("case", "import", str(path)), 2)
    assert "10,000" in line


@pytest.mark.parametrize(
    "argv",
    [
        ["letter", "timeline", "--out", "{dir}"],
        ["binder", "--out", "{dir}"],
        ["calendar", "ics", "--out", "{dir}"],
        ["case", "export", CASE, "--out", "{dir}"],
    ],
)
@pytest.mark.parametrize(
    ("error", "code", "words"),
    [
        (errno.ENOSPC, 1, "disk is full"),
        (errno.EROFS, 1, "read-only"),
        (errno.EACCES, 1, "permission denied"),
    ],
)
def test_an_output_the_machine_refuses_is_one_sentence(
    demo_ws, cli, tmp_path, monkeypatch, argv, error, code, words
) -> None:
    """A full disk, a read-only folder, a folder of another user: the OS refuses the temp file."""
    out = tmp_path / "out"
    out.mkdir()
    real_open = os.open

    def refusing_open(path, flags, *args, **kwargs):
        if kwargs.get("dir_fd") is not None and flags & os.O_CREAT:
            raise OSError(error, os.strerror(error))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    line = one_sentence(
        cli(*[a.format(dir=out) for a in argv], "--case", CASE)
        if argv[0] != "case"
        else cli(*[a.format(dir=out) for a in argv]),
        code,
    )
    monkeypatch.undo()
    assert words in line.lower(), line
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("argv", [["letter", "timeline"], ["binder"]])
def test_out_in_proc_is_one_sentence(demo_ws, cli, argv) -> None:
    """/proc/self is a folder that exists but takes no new file: the environment's refusal (exit 1),
    said as that, not as "no such folder" (the folder is there: ls /proc/self lists it)."""
    result = cli(*argv, "--out", "/proc/self/x.docx" if argv[0] == "letter" else "/proc/self/x.zip", "--case", CASE)
    line = one_sentence(result, 1)
    assert "no such folder" not in line and "does not exist" not in line, line
    assert "not a normal folder" in line and "cannot be created" in line, line
    assert line.startswith("iep-tui: Cannot write in /proc/"), line
