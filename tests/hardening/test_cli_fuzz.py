"""The standing guard: every CLI command, driven with hostile values and hostile files.

For each example hypothesis picks a command (every one the parser knows, found by
walking it, so a new command is fuzzed the day it is added), fills its positionals
and a random set of its options with hostile values (empty, huge, control
characters and escape sequences, other scripts and right-to-left text, far dates,
negative and huge numbers, path separators), or points its file options at hostile
ICS, CSV and case JSON files. After every command:

- no traceback, and the exit code is 0, 1 or 2 (argparse's own help exits 0);
- with --json and exit 0, stdout is one JSON document;
- nothing printed carries an escape sequence;
- no file outside the workspace and the outputs folder changed (a bystander folder,
  reachable through a planted link, is compared byte for byte, mode for mode);
- every case file is still whole (`check_file` says ok).

A few seconds by default; `pytest -m long` runs the long version (600 examples).
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iep_tui.cli import build_parser
from iep_tui.store.case_check import check_file

CASE = "demo-lena"
ESCAPES = ("\x1b", "\x07", "\x9b")

# ---------------------------------------------------------------- the commands


def commands() -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every leaf command of the parser, with its own parser (the TUI itself is not a command)."""
    found: list[tuple[tuple[str, ...], argparse.ArgumentParser]] = []

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs and path:
            found.append((path, parser))
        for action in subs:
            for name, sub in action.choices.items():
                walk(sub, (*path, name))

    walk(build_parser(), ())
    return found


COMMANDS = commands()

# ---------------------------------------------------------------- hostile values

HOSTILE_TEXT = [
    "",
    " ",
    "x" * 5_000,
    "\x1b]52;c;ZWNobyBwd25lZA==\x07",
    "\x1b]0;title\x1b\\",
    "a\x00b",
    "\x9b2J",
    "\x7f",
    "\u202eevil\u202c",
    "שלום עולם",
    "مرحبا",
    "Zoë Nguyễn O'Brien",
    "🙂" * 50,
    "\ud800",
    "../../etc/passwd",
    "/",
    "a/b\\c",
    "-",
    "--",
    "--case",
    "%s%n",
    "{0}",
    "'; DROP TABLE",
    "=cmd|' /C calc'!A0",
    "\n\n",
    "\t",
]
HOSTILE_NUMBERS = ["0", "-1", "-5", "1", "30", "5000", str(10**20), "1e9", "NaN", "0x10", "3.5", "٣"]
HOSTILE_DATES = [
    "9999-12-31",
    "0001-01-01",
    "0",
    "2026-02-30",
    "2026-13-01",
    "today",
    "yesterday",
    "tuesday",
    "3 school days ago",
    "400 school days ago",
    "9999 days ago",
    "2026-11-02",
    "1899-12-31",
    "2200-01-01",
]


def real_ids(workspace: Any) -> list[str]:
    """Ids in the demo case, so commands get past 'no such step' into their real work."""
    from iep_tui.store.case_store import CaseStore

    bundle = CaseStore(workspace).load(CASE)
    ids = [CASE, "lena", "reading", "speech"]
    for name in ("requirements", "sessions", "incidents", "escalations", "meetings"):
        ids += [r.id for r in getattr(bundle, name)][:3]
    ids += [a.id for m in bundle.meetings for a in m.actions][:3]
    return ids


def value_for(action: argparse.Action, sandbox: dict[str, Any]) -> st.SearchStrategy[str]:
    """Hostile values for one option or positional, shaped by what it is."""
    dest = action.dest
    if action.choices is not None:
        return st.sampled_from([*map(str, action.choices), *HOSTILE_TEXT[:6]])
    if dest == "out":
        return st.sampled_from(sandbox["outs"])
    if dest in ("file", "calendar"):
        return st.sampled_from(sandbox["files"])
    if dest in ("case", "step", "meeting", "action", "record", "req", "role", "owner", "kind", "rule"):
        return st.sampled_from(sandbox["ids"]) | st.sampled_from(HOSTILE_TEXT)
    if any(
        word in dest
        for word in (
            "date",
            "start",
            "end",
            "sent",
            "due",
            "by",
            "week",
            "effective",
            "review",
            "reevaluation",
            "birth",
            "received",
            "requested",
            "month",
        )
    ):
        return st.sampled_from(HOSTILE_DATES) | st.sampled_from(HOSTILE_TEXT[:8])
    if any(
        word in dest
        for word in ("minutes", "days", "work", "behavior", "nurse", "backup", "per_week", "out_of_class", "count")
    ):
        return st.sampled_from(HOSTILE_NUMBERS)
    return st.sampled_from(HOSTILE_TEXT) | st.text(max_size=40)


@st.composite
def invocation(draw: Callable[..., Any], sandbox: dict[str, Any]) -> list[str]:
    path, parser = draw(st.sampled_from(COMMANDS))
    argv = list(path)
    for action in parser._actions:
        if action.dest in ("help", "workspace") or isinstance(action, argparse._SubParsersAction):
            continue
        if not action.option_strings:  # a positional
            count = 1 if action.nargs in (None, "?") or isinstance(action.nargs, int) else draw(st.integers(1, 2))
            if action.nargs == "?" and draw(st.booleans()):
                continue
            argv += [draw(value_for(action, sandbox)) for _ in range(count)]
            continue
        if not action.required and not draw(st.integers(0, 3)) == 0:
            continue  # most options are left out, as people do
        flag = draw(st.sampled_from(action.option_strings))
        if action.nargs == 0:
            argv.append(flag)
        elif action.nargs in ("+", "*"):
            argv += [flag, *[draw(value_for(action, sandbox)) for _ in range(draw(st.integers(1, 2)))]]
        else:
            argv += [flag, draw(value_for(action, sandbox))]
    return argv


# ---------------------------------------------------------------- hostile files


def vcal(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e}\r\nEND:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n".encode()


def hostile_files(folder: Path, export: dict[str, Any]) -> list[str]:
    folder.mkdir()
    files: dict[str, bytes] = {
        "loop.ics": vcal(
            "SUMMARY:Early Release\r\nDTSTART;VALUE=DATE:20261104\r\nRRULE:FREQ=WEEKLY;INTERVAL=0;BYDAY=MO"
        ),
        "far.ics": vcal("SUMMARY:No School\r\nDTSTART;VALUE=DATE:20261104\r\nDURATION:P99999999D"),
        "osc.ics": vcal(
            "SUMMARY:No School\x1b]52;c;ZWNobw==\x07\r\nDTSTART;VALUE=DATE:20261109",
            "SUMMARY:First Day of School\r\nDTSTART;VALUE=DATE:20260902",
            "SUMMARY:Last Day of School\r\nDTSTART;VALUE=DATE:20270617",
        ),
        "broken.ics": b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nnot a line\r\n",
        "long-label.ics": vcal("SUMMARY:No School " + "x" * 300 + "\r\nDTSTART;VALUE=DATE:20261109"),
        "escape.csv": b"date,label,kind\n2026-11-09,Workday\x1b]0;t\x07,closure\n9999-12-31,x,closure\n",
        "odd.csv": b"date,end,label,kind\n2026-11-10,2026-11-01,backwards,closure\n",
        "not-utf8.csv": b"date,label\n2026-11-09,\xff\xfe\n",
        "deep.json": ('{"format":"iep-tui-case","schema_version":2,"case":' + "[" * 5000 + "]" * 5000 + "}").encode(),
        "dup.json": b'{"format":"iep-tui-case","format":"iep-tui-case","schema_version":2}',
        "bool-schema.json": json.dumps({**export, "schema_version": True}).encode(),
        "controls.json": json.dumps({**export, "case": {**export["case"], "notes": "\x1b]0;x\x07"}}).encode(),
        "good-copy.json": json.dumps(export).encode(),
        "empty": b"",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return [str(folder / name) for name in files] + [str(folder / "missing.ics"), str(folder), "-"]


# ---------------------------------------------------------------- the guard


@pytest.fixture
def sandbox(demo_ws, cli, bystander, tmp_path, monkeypatch) -> dict[str, Any]:
    """The workspace, an outputs folder for --out, hostile files, and links planted at the bystander."""
    monkeypatch.chdir(tmp_path)  # relative --out values land here, never in the repository
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    (outputs / "link.docx").symlink_to(bystander / "thesis.json")
    (outputs / "link.ics").symlink_to(bystander / "notes.txt")
    export = cli("case", "export", CASE).json()
    outs = [
        str(outputs),
        str(outputs / "x.docx"),
        str(outputs / "x.zip"),
        str(outputs / "x.ics"),
        str(outputs / "x.json"),
        str(outputs / "link.docx"),
        str(outputs / "link.ics"),
        "outputs/rel.ics",
        str(demo_ws.data),
        str(demo_ws.cases / f"{CASE}.json"),
        "/proc/self/x.docx",
        "",
        "/proc",
        "x.pdf",
    ]
    return {
        "workspace": demo_ws,
        "outputs": outputs,
        "bystander": bystander,
        "files": hostile_files(tmp_path / "files", export),
        "outs": outs,
        "ids": real_ids(demo_ws),
        "root": tmp_path,
    }


def outside(root: Path, keep: tuple[str, ...]) -> dict[str, float]:
    """Every path under `root` outside the folders commands may write (workspace, outputs, pytest's own)."""
    seen: dict[str, float] = {}
    for path in root.rglob("*"):
        relative = path.relative_to(root).parts
        if relative[0] in keep:
            continue
        seen[str(path)] = path.lstat().st_mtime
    return seen


def run_guarded(cli, sandbox: dict[str, Any], snapshot, argv: list[str]) -> None:
    before_bystander = sandbox["before_bystander"]
    result = cli(*argv)
    assert result.code in (0, 1, 2), (argv, result.code, result.err[-500:])
    assert "Traceback" not in result.err, (argv, result.err[-800:])
    for stream in (result.out, result.err):
        assert not any(ch in stream for ch in ESCAPES), (argv, stream[-300:])
    if "--json" in argv and result.code == 0 and result.out.strip():
        json.loads(result.out)
    assert snapshot(sandbox["bystander"]) == before_bystander, argv
    assert outside(sandbox["root"], sandbox["keep"]) == sandbox["before_outside"], argv
    for case_file in sandbox["workspace"].cases.glob("*.json"):
        checked = check_file(case_file, case_file.stem)
        assert checked.ok, (argv, checked.problems[:2])


def fuzz(cli, sandbox, snapshot, examples: int) -> None:
    sandbox["keep"] = ("workspace", "outputs", "xdg-data", "xdg-config")
    sandbox["before_bystander"] = snapshot(sandbox["bystander"])
    sandbox["before_outside"] = outside(sandbox["root"], sandbox["keep"])

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=examples <= 60,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(argv=invocation(sandbox))
    def check(argv: list[str]) -> None:
        run_guarded(cli, sandbox, snapshot, argv)

    check()
    doctor = cli("doctor")
    assert doctor.code == 0, doctor.out[-1000:]  # the workspace went through it all and is clean


def test_every_command_survives_hostile_input(cli, sandbox, snapshot) -> None:
    fuzz(cli, sandbox, snapshot, examples=int(os.environ.get("IEP_TUI_FUZZ_EXAMPLES", "40")))


def test_every_command_is_fuzzed_at_least_once_each(cli, sandbox, snapshot) -> None:
    """One hostile run of each command in turn (the random test may not reach them all)."""
    sandbox["keep"] = ("workspace", "outputs", "xdg-data", "xdg-config")
    sandbox["before_bystander"] = snapshot(sandbox["bystander"])
    sandbox["before_outside"] = outside(sandbox["root"], sandbox["keep"])
    for path, parser in COMMANDS:
        argv = list(path)
        for action in parser._actions:
            if action.option_strings or action.dest in ("help", "workspace"):
                if action.required:
                    argv += [action.option_strings[0], "\x1b]0;x\x07"]
                continue
            argv.append("\x1b]0;x\x07" if action.choices is None else str(next(iter(action.choices))))
        run_guarded(cli, sandbox, snapshot, [*argv, "--case", CASE] if "--case" in str(parser.format_usage()) else argv)


@pytest.mark.long
def test_every_command_survives_hostile_input_long(cli, sandbox, snapshot) -> None:
    """About a minute: deselected in every suite run, run when asked for (`pytest -m long`)."""
    fuzz(cli, sandbox, snapshot, examples=int(os.environ.get("IEP_TUI_FUZZ_EXAMPLES_SLOW", "600")))
