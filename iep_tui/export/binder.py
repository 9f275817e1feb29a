"""The case binder: one zip with what a state complaint investigator would want.

    README.txt           what each file is, when it was made, how exhibit numbers work
    checklist.docx       the one-page implementation checklist
    timeline.docx        the dated fact pattern
    at-a-glance.docx     the teachers' one-pager
    exhibit-a-service-log.docx, exhibit-b-incident-log.docx
                         the logs every document cites by number (A-n, B-n)
    exhibit-r-reconciliation.docx, reconciliation.csv
                         the district's own service log against the parent's record, date by
                         date, each of its entries named by file and row (when it was imported)
    letters/KIND.docx    every letter the record supports, and KIND.txt, its email text
    sessions.csv         every session logged, with its exhibit number (A-n) when it has one
    incidents.csv        every incident, with its exhibit number (B-n)
    case.json            the whole case in the interchange format

The zip is built in memory; entries are dated with the binder's date so the same
record gives the same files. CSV cells that a spreadsheet would run as a formula
are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

from iep_tui.domain.case_view import CaseView
from iep_tui.errors import InputError
from iep_tui.export import letter_parts as parts
from iep_tui.export.district_log import reconciliation_exhibit, reconciliation_rows
from iep_tui.export.docx_layout import render_docx
from iep_tui.export.formatting import long_date, reason_text, role_title, source_text
from iep_tui.export.letters import KINDS, build_letter
from iep_tui.export.sanitize import clean_text
from iep_tui.export.text_layout import render_text

DOCUMENTS = ("checklist", "timeline", "at-a-glance")
"""Stand-alone documents at the top of the binder; the other kinds go under letters/."""


@dataclass
class Binder:
    data: bytes
    files: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(kind, why) for every document the record cannot support yet."""


def build_binder(view: CaseView, case_document: dict[str, Any]) -> Binder:
    """The binder's zip bytes, the files in it, and the documents left out (with why)."""
    stamp = (view.today.year, view.today.month, view.today.day, 12, 0, 0)
    buffer = io.BytesIO()
    binder = Binder(b"")
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def add(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, data)
            binder.files.append(name)

        for kind in KINDS:
            try:
                letter = build_letter(kind.name, view)
            except InputError as error:
                binder.skipped.append((kind.name, str(error)))
                continue
            folder = "" if kind.name in DOCUMENTS else "letters/"
            add(f"{folder}{kind.name}.docx", render_docx(letter))
            if kind.is_letter:
                add(f"{folder}{kind.name}.txt", render_text(letter).encode("utf-8"))
        for name, exhibit in (
            ("exhibit-a-service-log", parts.service_log_exhibit),
            ("exhibit-b-incident-log", parts.incident_log_exhibit),
            ("exhibit-r-reconciliation", reconciliation_exhibit),
        ):
            try:
                blocks = exhibit(view)
            except InputError as error:
                binder.skipped.append((name, str(error)))
                continue
            document = parts.make_document(view, name, blocks.heading, blocks.blocks)
            add(f"{name}.docx", render_docx(document))
        add("sessions.csv", _csv(_session_rows(view)))
        add("incidents.csv", _csv(_incident_rows(view)))
        if view.district_log is not None:
            add("reconciliation.csv", _csv(reconciliation_rows(view)))
        case_json = json.dumps(_clean_json(case_document), ensure_ascii=False, indent=2)
        add("case.json", (case_json + "\n").encode("utf-8"))
        add("README.txt", _readme(view, binder).encode("utf-8"))
    binder.data = buffer.getvalue()
    return binder


def _session_rows(view: CaseView) -> list[list[str]]:
    names = {r.id: r.name for r in view.bundle.requirements}
    entries = {e.session.id: e for e in view.log}
    rows = [
        [
            "exhibit",
            "id",
            "date",
            "requirement",
            "status",
            "minutes",
            "reason",
            "owed_minutes",
            "source",
            "note",
            "entered",
            "delivered_as",
        ]
    ]
    for session in sorted(view.bundle.sessions, key=lambda s: (s.date, s.requirement_id, s.id)):
        entry = entries.get(session.id)
        owed = str(entry.lost_minutes) if entry is not None and entry.owed else ""
        status = "partial" if entry is not None and entry.kind == "partial" else session.status
        rows.append(
            [
                entry.ref if entry else "",
                session.id,
                session.date.isoformat(),
                names.get(session.requirement_id, session.requirement_id),
                status,
                "" if session.minutes is None else str(session.minutes),
                reason_text(session.reason) if session.status == "missed" else "",
                owed,
                source_text(session.source),
                session.note,
                session.created.isoformat(),
                session.delivered_as,
            ]
        )
    return rows


def _incident_rows(view: CaseView) -> list[list[str]]:
    rows = [
        [
            "exhibit",
            "id",
            "date",
            "requirements",
            "section",
            "setting",
            "what",
            "impact",
            "reported_to",
            "safety",
            "tags",
            "source",
            "entered",
        ]
    ]
    for entry in view.incidents:
        incident = entry.incident
        reported = "; ".join(role_title(n.role) + (f" {n.on.isoformat()}" if n.on else "") for n in incident.notified)
        rows.append(
            [
                entry.ref,
                incident.id,
                incident.date.isoformat(),
                entry.names,
                entry.section,
                incident.setting,
                incident.what,
                incident.impact,
                reported,
                "yes" if entry.safety else "no",
                ", ".join(incident.tags),
                source_text(incident.source),
                incident.created.isoformat(),
            ]
        )
    return rows


def _clean_json(value: Any) -> Any:
    """The case document with every string cleaned (a lone surrogate cannot even be written as UTF-8)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_text(k): _clean_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean_json(v) for v in value]
    return value


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    text = clean_text(value, keep_newlines=True)
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_cell(c) for c in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: spreadsheets then read UTF-8 names right


def _readme(view: CaseView, binder: Binder) -> str:
    case = view.case
    lines = [
        f"Case binder: {clean_text(case.student, keep_newlines=False)}",
        f"{clean_text(case.school, keep_newlines=False)}, {clean_text(case.district, keep_newlines=False)}".strip(", "),
        f"Prepared {long_date(view.today)} from the case record.",
        "",
        "Exhibit numbers: A-n is a session in the service log (missed, cut short, not delivered as written or "
        "made up), B-n an incident.",
        "The same number means the same entry in every letter, the checklist, the timeline and the CSV files.",
        f"Minutes are counted from {long_date(view.ledger_start)} to {long_date(view.ledger_end)}.",
        "",
        "Files:",
    ]
    describe: dict[str, str] = {k.name: k.title for k in KINDS}
    describe["exhibit-a-service-log"] = (
        "Exhibit A: every session missed, cut short, not delivered as written or made up (A-n)"
    )
    describe["exhibit-b-incident-log"] = "Exhibit B: every incident (B-n)"
    describe["exhibit-r-reconciliation"] = "Exhibit R: the district's own service log against the parent's record"
    for name in binder.files:
        stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        what = describe.get(stem, "")
        if name.endswith(".txt"):
            what = f"{what}: email text"
        elif name == "sessions.csv":
            what = "every session logged"
        elif name == "incidents.csv":
            what = "every incident logged"
        elif name == "reconciliation.csv":
            what = "Exhibit R as data: each date, both records, the district log's file and row"
        elif name == "case.json":
            what = "the whole case (iep-tui case import can read it)"
        lines.append(f"  {name:<40} {what}")
    if binder.skipped:
        lines.append("")
        lines.append("Not included (the record does not support them yet):")
        for kind, why in binder.skipped:
            lines.append(f"  {kind}: {why}")
    return "\n".join(lines) + "\n"
