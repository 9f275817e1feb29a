"""`iep-tui letters`, `iep-tui letter KIND`, `iep-tui binder`."""

from __future__ import annotations

import json
import stat
import zipfile
from pathlib import Path

import pytest

from iep_tui.export.letters import KIND_NAMES


@pytest.fixture
def demo_ws(workspace, cli):
    result = cli("demo")
    assert result.code == 0, result.err
    return workspace


def test_letters_lists_every_kind(cli) -> None:
    result = cli("letters")
    assert result.code == 0
    assert [line.split()[0] for line in result.out.splitlines()] == list(KIND_NAMES)
    listed = cli("letters", "--json").json()
    assert [k["kind"] for k in listed] == list(KIND_NAMES)
    assert {k["kind"] for k in listed if not k["letter"]} == {"checklist", "at-a-glance", "timeline"}


@pytest.mark.parametrize("kind", KIND_NAMES)
def test_letter_writes_docx_into_exports_and_prints_its_path_last(demo_ws, cli, read_docx, kind: str) -> None:
    result = cli("letter", kind)
    assert result.code == 0, result.err
    path = Path(result.last_line)
    assert path.is_absolute() and path.parent == demo_ws.exports.resolve()
    assert path.name == f"lena-marsh-{kind}-2026-11-28.docx"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "Lena Marsh" in read_docx(path).text


def test_letter_never_overwrites(demo_ws, cli) -> None:
    first = Path(cli("letter", "records-request").last_line)
    before = first.read_bytes()
    second = Path(cli("letter", "records-request").last_line)
    assert second.name == "lena-marsh-records-request-2026-11-28-2.docx"
    assert first.read_bytes() == before


def test_letter_text_prints_the_email(demo_ws, cli) -> None:
    result = cli("letter", "compliance-notice", "--case", "lena", "--text")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Subject: Compliance notice: Lena Marsh, Cedar Ridge Elementary"
    assert lines[1] == "To: Priya Natarajan <pnatarajan@evsd.example.org>"
    assert "Please reply in writing by Friday, December 11, 2026 (10 school days from" in result.out
    assert "A-1  Oct 1, 2026  Reading instruction (Services, p. 12)" in result.out
    assert not list(demo_ws.exports.glob("*.docx"))


def test_letter_text_prints_the_same_state_warnings_as_the_docx(demo_ws, cli) -> None:
    # Oregon has no rules file: the records and meeting-request rules fall back to federal ones, and the
    # user is told so on stderr whichever form the letter takes; stdout keeps the letter (or path) only
    assert cli("case", "set", "lena", "--state", "OR").code == 0
    docx = cli("letter", "records-request")
    text = cli("letter", "records-request", "--text")
    assert docx.code == 0 and text.code == 0, (docx.err, text.err)
    notes = [line for line in text.err.splitlines() if line.startswith("note: ")]
    assert notes == [line for line in docx.err.splitlines() if line.startswith("note: ")]
    assert (
        "note: iep-tui has no rules file for Oregon (OR): the federal rule is used, and Oregon may set its own "
        "for records-access; check Oregon's rules."
    ) in notes
    assert "note:" not in text.out and text.out.startswith("Subject: Records request")


def test_letter_out_file_and_folder(demo_ws, cli, tmp_path: Path) -> None:
    target = tmp_path / "notice.docx"
    result = cli("letter", "compliance-notice", "--out", str(target))
    assert result.code == 0, result.err
    assert Path(result.last_line) == target.resolve() and target.exists()
    again = cli("letter", "compliance-notice", "--out", str(target))
    assert Path(again.last_line).name == "notice-2.docx"
    folder = tmp_path / "letters"
    folder.mkdir()
    into = cli("letter", "timeline", "--out", str(folder))
    assert Path(into.last_line) == (folder / "lena-marsh-timeline-2026-11-28.docx").resolve()


def test_letter_out_needs_an_existing_folder_and_docx_suffix(demo_ws, cli, tmp_path: Path) -> None:
    missing = cli("letter", "timeline", "--out", str(tmp_path / "nope" / "x.docx"))
    assert missing.code == 2 and "does not exist" in missing.err
    wrong = cli("letter", "timeline", "--out", str(tmp_path / "x.pdf"))
    assert wrong.code == 2 and ".docx" in wrong.err


def test_unknown_kind_and_missing_fact_exit_2(demo_ws, cli, tmp_path: Path) -> None:
    result = cli("letter", "love-letter")
    assert result.code == 2 and "not a document kind" in result.err
    # a case without contacts: the letter names the missing contact
    created = cli("case", "new", "--student", "Zoë O'Brien", "--state", "WA", "--school", "Hill School")
    assert created.code == 0, created.err
    no_contacts = cli("letter", "records-request", "--case", "zo")
    assert no_contacts.code == 2
    assert "case manager" in no_contacts.err and no_contacts.out == ""


def test_binder(demo_ws, cli) -> None:
    result = cli("binder")
    assert result.code == 0, result.err
    path = Path(result.last_line)
    assert path.parent == demo_ws.exports.resolve() and path.name == "lena-marsh-binder-2026-11-28.zip"
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        case = json.loads(archive.read("case.json"))
        readme = archive.read("README.txt").decode("utf-8")
        sessions = archive.read("sessions.csv").decode("utf-8-sig").splitlines()
    assert {
        "checklist.docx",
        "timeline.docx",
        "at-a-glance.docx",
        "sessions.csv",
        "incidents.csv",
        "case.json",
        "README.txt",
        "letters/compliance-notice.docx",
        "letters/compliance-notice.txt",
        "exhibit-a-service-log.docx",
        "exhibit-b-incident-log.docx",
        "letters/state-complaint.docx",
    } <= names
    assert case["format"] == "iep-tui-case" and case["case"]["student"] == "Lena Marsh"
    assert "A-n is a session" in readme
    assert sessions[0].startswith("exhibit,id,date,requirement,status,minutes,reason,owed_minutes")
    assert any(
        line.startswith("A-1,ses-reading-2026-10-01,2026-10-01,Reading instruction,partial,30,,15,")
        for line in sessions
    )
    out = Path(cli("binder", "--out", str(demo_ws.root / "b.zip")).last_line)
    assert out.name == "b.zip" and zipfile.is_zipfile(out)


def test_makeup_plan_gives_the_compensatory_proposals_schedule(demo_ws, cli, monkeypatch) -> None:
    # The letter (tests/export/test_demo_letters.py, test_compensatory_proposal, worked by hand there)
    # starts its schedule on Sat Dec 12 (the reply is due Fri Dec 11) and targets Tue Feb 9, 2027.
    # `iep-tui makeup-plan --all` run on Fri Dec 11 starts the day after, so with the same target it
    # must give the same whole sessions on the same days: one planner for both. Nothing is logged
    # after Nov 28, so the minutes owed are the letter's: speech 165, OT 120, counseling 20, reading 245.
    monkeypatch.setenv("IEP_TUI_TODAY", "2026-12-11")
    result = cli("makeup-plan", "--all", "--by", "2027-02-09", "--json")
    assert result.code == 0, result.err
    doc = result.json()
    assert doc["from"] == "2026-12-12" and doc["daily_cap_minutes"] == 60 and doc["fits"] is True
    rows = {r["name"]: r for r in doc["requirements"]}
    days = {name: [s["date"] for s in r["sessions"]] for name, r in rows.items()}
    assert {name: r["owed_minutes"] for name, r in rows.items()} == {
        "Speech therapy": 165,
        "Occupational therapy": 120,
        "Counseling": 20,
        "Reading instruction": 245,
    }
    assert days["Speech therapy"] == [
        "2026-12-15",
        "2026-12-17",
        "2027-01-05",
        "2027-01-07",
        "2027-01-12",
        "2027-01-14",
    ]
    assert days["Occupational therapy"] == ["2026-12-15", "2026-12-17", "2027-01-05", "2027-01-07"]
    assert days["Counseling"] == ["2026-12-16"]
    assert days["Reading instruction"] == [
        "2026-12-14",
        "2026-12-18",
        "2027-01-04",
        "2027-01-06",
        "2027-01-11",
        "2027-01-13",
    ]
    assert (
        rows["Reading instruction"]["session_minutes"] == 45 and rows["Reading instruction"]["scheduled_minutes"] == 270
    )
