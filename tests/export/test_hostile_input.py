"""Hostile input: control and XML-invalid characters, very long text, names in any script.

The models refuse control characters when a user types them, but a case can still
carry them (an old file, a bulk import, a copy made without validation), so the
export must clean them itself. The bundle here is built with `model_copy`, which
skips validation on purpose.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest

from iep_tui.domain.case_view import build_case_view
from iep_tui.domain.models import CaseBundle
from iep_tui.export.letters import KIND_NAMES

TODAY_ISO = "2026-11-28"
LONG_TOKEN = "x" * 600
LONG_TEXT = ("The aide was not there again and nobody told me why. " * 90) + LONG_TOKEN
BAD = "\x00\x01\x08\x0b\x0c\x1b\x7f\x85\ud800\ufffe\uffff\u202e"
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def hostile(bundle: CaseBundle) -> CaseBundle:
    case = bundle.case
    contacts = []
    for contact in case.contacts:
        if contact.role == "parent":
            contact = contact.model_copy(update={"name": "דנה כהן\x00 O'Brien", "address": "רחוב הרצל 1\x0b\nתל אביב"})
        elif contact.role == "case-manager":
            contact = contact.model_copy(update={"name": "أحمد Nguyễn\x1f", "title": "Case manager" + BAD})
        elif contact.role == "principal":
            contact = contact.model_copy(update={"name": "Zoë Ölund\ufffe"})
        contacts.append(contact)
    case = case.model_copy(
        update={
            "student": "Zoë Nguyễn-O'Brien\x00 Арсений" + BAD,
            "school": "École Saint-Zoë / ../../etc" + BAD,
            "district": "מחוז בית הספר العربية District",
            "address": "1 Rue de l'Église\x0c\nApt 5\x00",
            "contacts": contacts,
        }
    )
    incidents = [
        i.model_copy(update={"what": LONG_TEXT + BAD, "impact": "line one\nline two" + BAD})
        if n == 0
        else i.model_copy(update={"setting": '=HYPERLINK("http://evil")' + BAD})
        for n, i in enumerate(bundle.incidents)
    ]
    requirements = [r.model_copy(update={"text": r.text + " " + LONG_TOKEN + BAD}) for r in bundle.requirements]
    sessions = [s.model_copy(update={"note": "=cmd|' /C calc'!A0" + BAD}) for s in bundle.sessions]
    meetings = [
        m.model_copy(update={"notes": "Notes\x00 with\ttabs\r\nand CRLF " + LONG_TOKEN}) for m in bundle.meetings
    ]
    return bundle.model_copy(
        update={
            "case": case,
            "incidents": incidents,
            "requirements": requirements,
            "sessions": sessions,
            "meetings": meetings,
        }
    )


@pytest.fixture(scope="module")
def hostile_bundle(demo_bundle: CaseBundle) -> CaseBundle:
    return hostile(demo_bundle)


@pytest.mark.parametrize("kind", KIND_NAMES)
def test_every_kind_exports_hostile_input(hostile_bundle: CaseBundle, read_docx, kind: str) -> None:
    from datetime import date

    from iep_tui.export.docx_layout import render_docx
    from iep_tui.export.letters import build_letter
    from iep_tui.export.text_layout import WIDTH, render_text

    view = build_case_view(hostile_bundle, date.fromisoformat(TODAY_ISO))
    letter = build_letter(kind, view)
    data = render_docx(letter)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert not XML_INVALID.search(xml)
    assert "\u202e" not in xml
    doc = read_docx(data)
    assert "Zoë Nguyễn-O'Brien Арсений" in doc.text
    text = render_text(letter)
    assert not XML_INVALID.search(text)
    assert "Zoë Nguyễn-O'Brien Арсений" in text
    headers = ("Subject: ", "To: ", "Cc: ")  # copied into an email's fields: never wrapped
    too_wide = [line for line in text.splitlines() if len(line) > WIDTH and not line.startswith(headers)]
    assert not too_wide, too_wide[:3]
    if kind in ("compliance-notice", "timeline", "state-complaint"):
        assert LONG_TOKEN[:50] in doc.text.replace("\n", "")


def test_right_to_left_names_render_in_letters(hostile_bundle: CaseBundle, read_docx) -> None:
    from datetime import date

    from iep_tui.export.docx_layout import render_docx
    from iep_tui.export.letters import build_letter

    view = build_case_view(hostile_bundle, date.fromisoformat(TODAY_ISO))
    doc = read_docx(render_docx(build_letter("compliance-notice", view)))
    letterhead = next(p for p in doc.doc.paragraphs if p.text.startswith("דנה כהן O'Brien"))
    assert "w:bCs" in letterhead._p.xml  # bold reaches right-to-left script too
    assert "Dear أحمد Nguyễn:" in doc.paragraphs
    assert any("Zoë Ölund" in p for p in doc.paragraphs)  # cc


def test_hostile_names_give_safe_file_names_inside_exports(hostile_bundle: CaseBundle, tmp_path: Path) -> None:
    from datetime import date

    from iep_tui.services.export_service import write_binder, write_letter

    exports = tmp_path / "exports"
    today = date.fromisoformat(TODAY_ISO)
    first = write_letter(hostile_bundle, "checklist", today, exports)
    second = write_letter(hostile_bundle, "checklist", today, exports)
    assert first.path.parent == exports.resolve() == second.path.parent
    assert first.path.name == "zoe-nguyen-o-brien-арсений-checklist-2026-11-28.docx"
    assert second.path.name == "zoe-nguyen-o-brien-арсений-checklist-2026-11-28-2.docx"
    binder = write_binder(hostile_bundle, today, exports)
    assert binder.path.parent == exports.resolve()
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == sorted(
        [first.path.name, second.path.name, binder.path.name]
    )


def test_binder_csv_defuses_formulas_and_strips_controls(hostile_bundle: CaseBundle, tmp_path: Path) -> None:
    from datetime import date

    from iep_tui.services.export_service import write_binder

    written = write_binder(hostile_bundle, date.fromisoformat(TODAY_ISO), tmp_path)
    with zipfile.ZipFile(written.path) as archive:
        sessions = archive.read("sessions.csv").decode("utf-8-sig")
        incidents = archive.read("incidents.csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(sessions)))
    assert rows and all(r["note"].startswith("'=cmd") for r in rows)
    assert not XML_INVALID.search(sessions + incidents)
    settings = [r["setting"] for r in csv.DictReader(io.StringIO(incidents))]
    assert all(s.startswith("'=HYPERLINK") for s in settings[1:])


def test_a_row_taller_than_a_page_may_break(hostile_bundle: CaseBundle, read_docx) -> None:
    from datetime import date

    from iep_tui.export.docx_layout import render_docx
    from iep_tui.export.letters import build_letter

    view = build_case_view(hostile_bundle, date.fromisoformat(TODAY_ISO))
    doc = read_docx(render_docx(build_letter("timeline", view)))
    table = next(t for t in doc.doc.tables if t.rows[0].cells[0].text == "Date")
    long_rows = [row for row in table.rows if LONG_TOKEN[:40] in row.cells[1].text]
    short_rows = [row for row in table.rows[1:] if len(row.cells[1].text) < 200]
    assert long_rows and all("w:cantSplit" not in row._tr.xml for row in long_rows)
    assert short_rows and all("w:cantSplit" in row._tr.xml for row in short_rows)
