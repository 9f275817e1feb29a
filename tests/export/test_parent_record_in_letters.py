""" "My log" in a letter is the parent's own record, not the district's imported service-log rows.

A hand-made case (Lena, WA; district calendar 2026-27 from Tue 2026-09-08, no closure before
October; IEP in effect from Mon 2026-09-14; today Fri 2026-10-09), one requirement: speech
therapy, 30 min 2x weekly. The parent's record (parent-observation, provider-note) and the
district's log (school-log rows imported from district_log.csv, produced 2026-10-07):

    date          parent's record                 district's log (row)            outcome
    Tue 09-15     missed 30, provider absent      -                               parent only
    Thu 09-17     missed 30, provider absent      missed 30, provider absent (2)  agree
    Tue 09-22     missed 30, provider absent      delivered 30 (3)                disputed
    Thu 09-24     -                               missed 30, staff shortage (4)   district only
    Tue 09-29     delivered 30 (provider note)    delivered 30 (5)                agree
    Thu 10-01     -                               delivered 30 as "group (4)" (6) district only
    week of 10-05 -                               -                               no entry

Worked by hand, by the ledger's rules (a date both records agree on counts once, from the
district's row; a disputed date counts neither way; not as written is owed by default):

    required: 4 full weeks x 60 = 240; owed: 09-15 30 + 09-17 30 + 09-24 30 + 10-01 30 = 120
    (no make-up); disputed 09-22: 30; delivered: 09-29 30; unaccounted: 240 - (30 delivered
    + 30 not as written + 90 missed + 30 disputed) = 60 (the week of 10-05).
    Owed on dates the parent's record has an entry on: 09-15 (parent only) + 09-17 (agree) = 60;
    on dates only the district's log has one: 09-24 + 10-01 = 60. 60 + 60 = 120.

Exhibit A (missed, cut short or not as written, by date then id): A-1 09-15 parent, A-2 09-17
district (ses-d2 sorts before ses-p2), A-3 09-17 parent, A-4 09-22 parent (disputed), A-5 09-24
district, A-6 10-01 district. The examples "from my log" are the parent's own failures: 09-15
(A-1) and 09-17, cited by the parent's own entry A-3 (the district's A-2 is the one counted).
Before the fix the compliance notice gave four examples "from my log" (A-6, A-5, A-2, A-1), said
"My log also shows ... Oct 1, 2026 was delivered as "group (4)" (A-6)" and "my log shows 120
minutes (2 h) of services owed".
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime

import pytest

from iep_tui.calendar.settings import CalendarSettings, SchoolYear
from iep_tui.domain.case_view import CaseView
from iep_tui.domain.models import Case, CaseBundle, Contact, Provenance, Requirement, Session
from iep_tui.export.letters import build_letter
from iep_tui.export.text_layout import render_text

TODAY = date(2026, 10, 9)
LOG_SHA = hashlib.sha256(b"district_log.csv").hexdigest()


def _session(sid: str, day: str, status: str, source: str, row: int | None = None, **more: str) -> Session:
    provenance = (
        Provenance(file="district_log.csv", sha256=LOG_SHA, row=row, received=date(2026, 10, 7)) if row else None
    )
    at = datetime.fromisoformat(f"{day}T18:00:00")
    return Session(
        id=sid,
        requirement_id="req-speech",
        date=date.fromisoformat(day),
        status=status,
        minutes=30,
        source=source,
        provenance=provenance,
        created=at,
        updated=at,
        **more,
    )


def both_records() -> CaseBundle:
    calendar = CalendarSettings(
        state="WA", school_years=[SchoolYear(first_day=date(2026, 9, 8), last_day=date(2027, 6, 17), label="2026-27")]
    )
    contacts = [
        Contact(role="parent", name="Maria Rivera", email="maria@example.org", address="12 Elm St\nPine Valley, WA"),
        Contact(role="case-manager", name="Dana Brooks", title="Case manager", email="dbrooks@pvsd.example"),
        Contact(role="principal", name="Sam Ortiz", title="Principal"),
        Contact(role="special-education-director", name="Lee Chen", title="Director of Special Education"),
    ]
    case = Case(
        id="case-both",
        student="Lena Rivera",
        state="WA",
        district="Pine Valley SD",
        school="Pine Valley Elementary",
        grade="3",
        address="12 Elm St\nPine Valley, WA",
        iep_effective=date(2026, 9, 14),
        calendar=calendar,
        contacts=contacts,
    )
    speech = Requirement(
        id="req-speech",
        kind="service",
        name="Speech therapy",
        frequency="30 min 2x weekly",
        text="Speech-language therapy, individual, 30 minutes twice weekly",
        setting="individual, speech room",
        provider_role="slp",
    )
    sessions = [
        _session("ses-p1", "2026-09-15", "missed", "parent-observation", reason="provider-absent"),
        _session("ses-p2", "2026-09-17", "missed", "parent-observation", reason="provider-absent"),
        _session("ses-p3", "2026-09-22", "missed", "parent-observation", reason="provider-absent"),
        _session("ses-p4", "2026-09-29", "delivered", "provider-note"),
        _session("ses-d2", "2026-09-17", "missed", "school-log", 2, reason="provider-absent"),
        _session("ses-d3", "2026-09-22", "delivered", "school-log", 3),
        _session("ses-d4", "2026-09-24", "missed", "school-log", 4, reason="staff-shortage"),
        _session("ses-d5", "2026-09-29", "delivered", "school-log", 5),
        _session("ses-d6", "2026-10-01", "delivered", "school-log", 6, delivered_as="group (4)"),
    ]
    return CaseBundle(case=case, requirements=[speech], sessions=sessions)


@pytest.fixture(scope="module")
def view() -> CaseView:
    from iep_tui.services.export_service import case_view

    return case_view(both_records(), TODAY)


def _text(view: CaseView, kind: str) -> str:
    return " ".join(render_text(build_letter(kind, view)).split())


def test_the_ledger_figures_the_letters_start_from(view):
    [line] = view.services
    ledger = line.ledger
    assert (ledger.required_minutes, ledger.delivered_minutes, ledger.owed_minutes) == (240, 30, 120)
    assert (ledger.unaccounted_minutes, ledger.disputed_minutes) == (60, 30)
    assert [(e.ref, e.session.id) for e in view.log] == [
        ("A-1", "ses-p1"),
        ("A-2", "ses-d2"),
        ("A-3", "ses-p2"),
        ("A-4", "ses-p3"),
        ("A-5", "ses-d4"),
        ("A-6", "ses-d6"),
    ]


def test_the_compliance_notice_cites_only_the_parents_entries_as_my_log(view):
    text = _text(view, "compliance-notice")
    assert "Here are two examples from my log" in text
    # most lost minutes first, then the most recent: both 30 min, so 09-17 before 09-15
    first = "Thu, Sep 17, 2026: Speech therapy. Session missed, 30 min (provider absent). (Exhibit A-3)"
    second = "Tue, Sep 15, 2026: Speech therapy. Session missed, 30 min (provider absent). (Exhibit A-1)"
    assert first in text and second in text and text.index(first) < text.index(second)
    for district_row in ("(Exhibit A-2)", "(Exhibit A-5)", "(Exhibit A-6)"):
        assert district_row not in text
    assert "My log also shows" not in text
    assert (
        "The district's service log produced on October 7, 2026 also shows sessions not delivered as the IEP is "
        "written: speech therapy on Oct 1, 2026 was delivered as \u201cgroup (4)\u201d (A-6; district_log.csv row 6)."
    ) in text


def test_the_owed_sentence_says_whose_record_each_share_is_on(view):
    text = _text(view, "compliance-notice")
    assert (
        "From September 14, 2026 to October 9, 2026, 120 minutes (2 h) of services are owed (speech therapy "
        "120 minutes): 60 minutes (1 h) on dates my log records, and 60 minutes (1 h) on dates only the "
        "district's service log records (September 24, 2026 and October 1, 2026). For another 60 minutes (1 h) "
        "of required services neither my log nor the district's service log produced on October 7, 2026 has an "
        "entry either way; the district's service logs should show whether they were delivered."
    ) in text
    assert "my log shows 120 minutes" not in text
    # the total the letter asks to make up is the ledger's, unchanged
    assert "make up the 120 minutes (2 h) owed" in text


def test_the_parents_entry_counted_through_the_districts_row_says_so_in_exhibit_a(view):
    text = _text(view, "compliance-notice")
    # A-3 (the parent's 09-17) is the same session as the district's A-2, which the ledger counts
    assert (
        "A-3 Sep 17, 2026 Speech therapy Sched. (min): 30 · Deliv. (min): 0 Reason given / note: provider absent "
        "(the school log's entry A-2 says the same: counted once, as A-2) Owed (min): see A-2"
    ) in text


@pytest.mark.parametrize("kind", ["district-escalation", "compensatory-proposal"])
def test_the_other_letters_owed_sentence_splits_the_same_way(view, kind):
    text = _text(view, kind)
    assert "60 minutes (1 h) on dates my log records, and 60 minutes (1 h) on dates only the district's" in text
    assert "my log shows 120 minutes" not in text


def test_the_district_escalation_examples_are_the_parents(view):
    text = _text(view, "district-escalation")
    assert "Here are two examples from my log" in text
    assert "(Exhibit A-3)" in text and "(Exhibit A-1)" in text
    assert "(Exhibit A-5)" not in text and "My log also shows" not in text


def test_the_state_complaint_says_neither_record_has_the_unaccounted_minutes(view):
    text = _text(view, "state-complaint")
    assert (
        "For another 60 minutes (1 h) of required services neither my own log nor the district's service log "
        "produced on October 7, 2026 has an entry either way"
    ) in text


def test_the_meeting_request_does_not_call_the_district_rows_my_log(view):
    text = _text(view, "meeting-request")
    assert (
        "Delivery evidence: the district's complete service logs for each service, compared with my log and with "
        "the district's log produced on October 7, 2026 (Exhibit A)."
    ) in text
