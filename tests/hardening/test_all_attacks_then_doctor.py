"""Issue 13, "done when": a workspace that went through all of the attacks, one after the
other, is reported clean by `doctor`.

Each attack below is the one its own test file covers (named in its comment); here they
run in sequence on one workspace, each refused (or, for cleaned text, accepted clean) as
there. What an attacker planted (a link, a damaged file) is taken away again after its
attack, as a user would once told; what the attacks were refused from doing (overwriting a
case file, following a link, chmodding or rotating outside files, a half-written file, a
hang, a stored escape sequence, a value past a limit) must have left no trace: `doctor`
finds no problem, fixes nothing and removes no temp file, the bystander's files are
byte-for-byte and mode-for-mode as before, and every case file is whole.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from iep_tui.store.case_check import check_file
from tests.hardening.conftest import at_most, event, nested, one_sentence, replace_with_link, vcal

CASE = "demo-lena"
SCHOOL_YEAR = (event("First Day of School", "20260902"), event("Last Day of School", "20270617"))


@contextmanager
def planted(path: Path, target: Path) -> Iterator[Path]:
    """Plant a link at a workspace path (what is there is kept aside), and put things back after."""
    aside = path.with_name(path.name + ".aside")
    if path.exists():
        shutil.move(str(path), str(aside))
    replace_with_link(path, target)
    try:
        yield path
    finally:
        path.unlink()
        if aside.exists():
            shutil.move(str(aside), str(path))


def test_doctor_is_clean_after_every_attack_on_one_workspace(demo_ws, cli, bystander, snapshot, tmp_path) -> None:
    ws = demo_ws
    case_file = ws.case_file(CASE)
    before_bystander = snapshot(bystander)
    attacks = tmp_path / "attacks"
    attacks.mkdir()

    def file(name: str, data: bytes | str) -> str:
        path = attacks / name
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return str(path)

    # item 1 (test_output_files.py): the deadlines .ics over the case file, with and without --force
    before = case_file.read_bytes()
    for force in ([], ["--force"]):
        one_sentence(cli("calendar", "ics", "--out", str(case_file), *force), 2)
    one_sentence(cli("letter", "timeline", "--out", str(ws.cases / "t.docx"), "--case", CASE), 2)
    assert case_file.read_bytes() == before

    # item 1: a link planted at the default export name is not written through
    assert cli("calendar", "ics").code == 0  # the exports folder exists from here on
    default_ics = ws.exports / f"deadlines-{CASE}.ics"
    default_ics.unlink()
    with planted(default_ics, bystander / "thesis.json"):
        result = cli("calendar", "ics")
        assert result.code == 1 and "symbolic link" in result.err, result.err

    # item 6 (test_symlinks.py): the workspace's own folders and the lock file as links
    for folder in (ws.exports, ws.locks, ws.backups):
        with planted(folder, bystander):
            for result in (
                cli("contact", "set", "slp", "--name", "Dana Ortiz", "--case", CASE),
                cli("calendar", "ics"),
            ):
                assert result.code in (1, 2) and "symbolic link" in result.err and str(folder) in result.err, (
                    folder,
                    result.err,
                )
    with planted(ws.locks / f"{CASE}.lock", bystander / "notes.txt"):
        one_sentence(cli("contact", "set", "slp", "--name", "Dana Ortiz", "--case", CASE), 1)

    # item 7 (test_damaged_files.py): a case file nested 1,000 deep is named and skipped
    deep = ws.cases / "deep0001.json"
    deep.write_text('{"_meta": {"1": {"schema": 2}}, "case": {"1": {"notes": ' + nested(1_000) + "}}}")
    rows = {row["id"]: row for row in cli("cases", "--json").json()}
    assert rows["deep0001"]["error"] is True and not rows[CASE].get("error")
    assert cli("contact", "set", "slp", "--name", "Dana Ortiz", "--case", CASE).code == 0  # the others still save
    deep.unlink()
    deep_export = '{"format": "iep-tui-case", "schema_version": 2, "case": {"notes": ' + nested(1_000) + "}}"
    one_sentence(cli("case", "import", file("deep.json", deep_export)), 2)

    # item 4 (test_hostile_calendars.py): INTERVAL=0 never hangs; nothing is imported
    loop = file("loop.ics", vcal(*SCHOOL_YEAR, event("Early Release", "20261104", "RRULE:FREQ=WEEKLY;INTERVAL=0")))
    before = case_file.read_bytes()
    with at_most(20):
        for argv in (
            ["calendar", "import", loop, "--case", CASE],
            ["deadline", "--start", "2026-11-02", "--school-days", "10", "--calendar", loop],
        ):
            one_sentence(cli(*argv), 2)
    assert case_file.read_bytes() == before

    # items 5 and 8: control characters, in a calendar (cleaned on the way in) and typed (refused)
    osc = file("osc.ics", vcal(*SCHOOL_YEAR, event("No School\x1b]52;c;ZWNobw==\x07", "20261109")))
    imported = cli("calendar", "import", osc, "--case", CASE)
    assert imported.code == 0 and "\x1b" not in imported.out + imported.err, imported.err
    for argv in (
        ["respond", "esc-notice-1102", "--text", "a\x01b"],
        ["meeting", "add", "--date", "2026-11-20", "--purpose", "a\x01b"],
    ):
        assert "control character (U+0001)" in one_sentence(cli(*argv, "--case", CASE), 2)

    # items 8 and 9 (test_one_sentence.py): far dates and values past the limits, each named
    before = case_file.read_bytes()
    for argv, named in (
        (["escalate", "records-request", "--due-school-days", "5000", "--to", "case-manager"], "3,650"),
        (["meeting", "add", "--date", "9999-12-31"], "2199-12-31"),
        (["log", "week", "--missing-work", str(10**20)], "1,000"),
        (["contact", "set", "r" * 201, "--name", "A"], "200"),
        (["case", "set", CASE, "--notes", "n" * 10_001], "10,000"),
    ):
        extra = [] if argv[0] == "case" else ["--case", CASE]
        assert named in one_sentence(cli(*argv, *extra), 2), argv
    last_9999 = file("far.ics", vcal(event("First Day of School", "20260902"), event("Last Day of School", "99990617")))
    assert "2199-12-31" in one_sentence(cli("calendar", "import", last_9999, "--case", CASE), 2)
    export = cli("case", "export", CASE).json()
    bad_schema = file("schema.json", json.dumps({**export, "schema_version": True}))
    assert "schema_version is true" in one_sentence(cli("case", "import", bad_schema, "--as-copy"), 2)
    assert case_file.read_bytes() == before

    # item 10 (test_round_trip.py): export, then import as a copy
    copied = cli("case", "import", file("copy.json", json.dumps(export)), "--as-copy")
    assert copied.code == 0, copied.err

    # done when: doctor finds nothing, and had nothing to fix or clean up
    report = cli("doctor", "--json")
    assert report.code == 0, report.out
    found = report.json()
    assert (found["ok"], found["problems"], found["fixed"], found["temp_files_removed"]) == (True, [], [], []), found
    assert found["cases_checked"] == 2
    assert "No problems found." in cli("doctor").out
    assert snapshot(bystander) == before_bystander
    for path in ws.cases.glob("*.json"):
        assert check_file(path, path.stem).ok, path
    assert not list(ws.root.rglob("*.aside")) and not [p for p in ws.root.rglob("*") if p.is_symlink()]
