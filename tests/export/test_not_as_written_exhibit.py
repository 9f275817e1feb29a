"""Exhibit A lists sessions delivered other than as the IEP says (`Session.delivered_as`), with the
IEP's words beside how they were delivered, and the binder's sessions.csv carries `delivered_as`.

A hand-made case: the IEP took effect Mon 2026-11-16; the district calendar has school days
Monday to Friday (2026-27 school year, no closures in range); today is Wed 2026-12-02.
Speech: "30 min 2x weekly", setting "individual, speech room".

    Tue Nov 17  delivered 30, as "group of 5"       -> not as written, owed 30 (default policy)
    Thu Nov 19  missed, provider absent             -> owed 30
    Tue Dec 1   make-up 30, as "in the hallway"     -> not as written, not credited

So speech owes 30 + 30 = 60 and Exhibit A has three rows, in date order: A-1, A-2, A-3.
With the policy counting such sessions as delivered, A-1 owes nothing ("not as written") and the
make-up is credited (30): speech owes 30 - 30 = 0.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

from iep_tui.calendar.settings import CalendarSettings, SchoolYear
from iep_tui.domain.models import Case, CaseBundle, LedgerPolicy, Requirement, Session
from iep_tui.export import letter_parts as parts
from iep_tui.export.letter import Table
from iep_tui.services.export_service import case_view

TODAY = date(2026, 12, 2)
IEP_WORDS = "Speech-language therapy, 30 minutes twice weekly, individual, in the speech room."
SAYS = f"the IEP says \u201c{IEP_WORDS}\u201d (setting: individual, speech room)"


def _bundle(policy: LedgerPolicy | None = None) -> CaseBundle:
    calendar = CalendarSettings(
        state="WA", school_years=[SchoolYear(first_day=date(2026, 9, 8), last_day=date(2027, 6, 17), label="2026-27")]
    )
    case = Case(
        id="case-ana",
        student="Ana Ruiz",
        state="WA",
        school="Hill Elementary",
        district="Hill SD",
        iep_effective=date(2026, 11, 16),
        calendar=calendar,
        policy=policy or LedgerPolicy(),
    )
    speech = Requirement(
        id="req-speech",
        kind="service",
        name="Speech",
        text=IEP_WORDS,
        section="Services, p. 4",
        frequency="30 min 2x weekly",
        setting="individual, speech room",
    )
    sessions = [
        Session(
            id="ses-1",
            requirement_id="req-speech",
            date=date(2026, 11, 17),
            status="delivered",
            minutes=30,
            delivered_as="group of 5",
        ),
        Session(
            id="ses-2",
            requirement_id="req-speech",
            date=date(2026, 11, 19),
            status="missed",
            minutes=30,
            reason="provider-absent",
        ),
        Session(
            id="ses-3",
            requirement_id="req-speech",
            date=date(2026, 12, 1),
            status="makeup",
            minutes=30,
            delivered_as="in the hallway",
        ),
    ]
    return CaseBundle(case=case, requirements=[speech], sessions=sessions)


def _rows(bundle: CaseBundle) -> list[tuple[str, ...]]:
    exhibit = parts.service_log_exhibit(case_view(bundle, TODAY))
    assert exhibit.title == "Service log of sessions missed, cut short or not as written"
    (table,) = [b for b in exhibit.blocks if isinstance(b, Table)]
    return [row[:7] for row in table.rows]


def test_exhibit_a_lists_sessions_not_delivered_as_written_with_the_ieps_words() -> None:
    view = case_view(_bundle(), TODAY)
    assert view.ledgers[0].owed_minutes == 60
    assert _rows(_bundle()) == [
        (
            "A-1",
            "Nov 17, 2026",
            "Speech (Services, p. 4)",
            "30",
            "30",
            f"{SAYS}; delivered as \u201cgroup of 5\u201d",
            "30",
        ),
        ("A-2", "Nov 19, 2026", "Speech (Services, p. 4)", "30", "0", "provider absent", "30"),
        (
            "A-3",
            "Dec 1, 2026",
            "Speech (Services, p. 4)",
            "30",
            "30",
            f"{SAYS}; make-up delivered as \u201cin the hallway\u201d",
            "not credited",
        ),
    ]


def test_counted_as_delivered_they_are_still_listed() -> None:
    bundle = _bundle(LedgerPolicy(not_as_written_owed=False))
    assert case_view(bundle, TODAY).ledgers[0].owed_minutes == 0
    rows = _rows(bundle)
    assert [r[0] for r in rows] == ["A-1", "A-2", "A-3"]
    assert rows[0][5].endswith("delivered as \u201cgroup of 5\u201d") and rows[0][6] == "not as written"
    assert rows[2][6] == "credit 30"


def test_the_binder_csv_says_how_each_session_was_delivered() -> None:
    from iep_tui.export.binder import build_binder

    binder = build_binder(case_view(_bundle(), TODAY), {})
    with zipfile.ZipFile(io.BytesIO(binder.data)) as archive:
        text = archive.read("sessions.csv").decode("utf-8-sig")
        assert "exhibit-a-service-log.docx" in archive.namelist()
    by_id = {row["id"]: row for row in csv.DictReader(io.StringIO(text))}
    assert by_id["ses-1"]["exhibit"] == "A-1" and by_id["ses-1"]["delivered_as"] == "group of 5"
    assert by_id["ses-1"]["owed_minutes"] == "30"
    assert by_id["ses-2"]["delivered_as"] == ""
    assert by_id["ses-3"]["exhibit"] == "A-3" and by_id["ses-3"]["delivered_as"] == "in the hallway"
