"""Filing windows from the evidence, worked out by hand.

State complaint: the violation must be not more than one year before the state receives
the complaint (34 CFR 300.153(c)), so the last day is the failure's anniversary.
Due process: two years (300.507(a)(2)). OCR: 180 calendar days (34 CFR 100.7(b)).
"""

from __future__ import annotations

from iep_tui.calendar.school_calendar import SchoolCalendar
from iep_tui.domain.filing_windows import WARNING_DAYS, filing_windows

from .conftest import D


def by_route(bundle, calendar: SchoolCalendar, today: str) -> dict:
    return {w.route: w for w in filing_windows(bundle, calendar, D(today))}


def test_windows_close_for_the_oldest_failure_still_inside(make_bundle, entries, calendar) -> None:
    bundle = make_bundle(
        sessions=[
            entries.missed("s-absent", "2025-11-03", reason="student-absent"),  # not the school's failure
            entries.missed("s-old", "2025-12-01"),
        ],
        incidents=[entries.incident("i-mar", "2026-03-10")],
    )
    w = by_route(bundle, calendar, "2026-11-28")
    # State complaint: 2025-12-01 + 1 year = 2026-12-01. From Sat 2026-11-28: Nov 29, 30, Dec 1
    # -> 3 days left, inside the 30-day warning.
    sc = w["state-complaint"]
    assert (sc.closes, sc.days_left, sc.status, sc.warning) == (D("2026-12-01"), 3, "closing-soon", True)
    assert sc.oldest_inside is not None and sc.oldest_inside.id == "s-old"
    assert (sc.failures_inside, sc.failures_outside) == (2, 0)
    assert sc.citation == "34 CFR 300.153(c)"
    assert sc.latest_closes == D("2027-03-10")
    assert "WARNING" in sc.describe()
    # Due process: 2025-12-01 + 2 years = 2027-12-01, far away.
    dp = w["due-process"]
    assert (dp.closes, dp.status) == (D("2027-12-01"), "open")
    # OCR, 180 days: from 2025-12-01: 30 days to Dec 31, Jan 31 (61), Feb 28 (89), Mar 31 (120),
    # Apr 30 (150), May 30 (180) -> 2026-05-30. From 2026-03-10: 21 to Mar 31, Apr 30 (51),
    # May 31 (82), Jun 30 (112), Jul 31 (143), Aug 31 (174), Sep 6 (180) -> 2026-09-06.
    # Both before 2026-11-28: the OCR window has closed for every failure logged.
    ocr = w["ocr-complaint"]
    assert (ocr.status, ocr.closes, ocr.failures_outside) == ("closed", None, 2)


def test_once_the_oldest_failure_falls_out_the_next_one_sets_the_window(make_bundle, entries, calendar) -> None:
    bundle = make_bundle(
        sessions=[entries.missed("s-old", "2025-12-01")], incidents=[entries.incident("i-mar", "2026-03-10")]
    )
    # On 2026-12-02 the 2025-12-01 failure is more than a year old. Next: 2026-03-10 -> 2027-03-10.
    # Days from 2026-12-02: 29 left in December, 31 in January (60), 28 in February (88),
    # 10 in March (98).
    sc = by_route(bundle, calendar, "2026-12-02")["state-complaint"]
    assert (sc.closes, sc.days_left, sc.status) == (D("2027-03-10"), 98, "open")
    assert sc.oldest_inside is not None and sc.oldest_inside.id == "i-mar"
    assert (sc.failures_inside, sc.failures_outside) == (1, 1)
    assert "1 older failure(s) already outside" in sc.describe()


def test_the_warning_starts_exactly_30_days_ahead(make_bundle, entries, calendar) -> None:
    assert WARNING_DAYS == 30
    # Failure 2025-12-29 -> closes 2026-12-29; from 2026-11-28: Nov 29-30 (2) + Dec 1-29 (29) = 31.
    bundle = make_bundle(incidents=[entries.incident("i-a", "2025-12-29")])
    assert by_route(bundle, calendar, "2026-11-28")["state-complaint"].status == "open"
    # Failure 2025-12-28 -> closes 2026-12-28: 2 + 28 = 30 days left: the warning starts.
    bundle = make_bundle(incidents=[entries.incident("i-b", "2025-12-28")])
    sc = by_route(bundle, calendar, "2026-11-28")["state-complaint"]
    assert (sc.days_left, sc.status) == (30, "closing-soon")


def test_the_last_day_itself_is_still_open(make_bundle, entries, calendar) -> None:
    # Failure 2025-11-28: a complaint received 2026-11-28 is exactly one year later: allowed.
    bundle = make_bundle(incidents=[entries.incident("i-a", "2025-11-28")])
    sc = by_route(bundle, calendar, "2026-11-28")["state-complaint"]
    assert (sc.closes, sc.days_left, sc.status) == (D("2026-11-28"), 0, "closing-soon")
    assert "(today)" in sc.describe()
    # The next day it has closed.
    assert by_route(bundle, calendar, "2026-11-29")["state-complaint"].status == "closed"


def test_a_leap_day_failure_closes_on_february_28(make_bundle, entries, calendar) -> None:
    # 2028-02-29 + 1 year: 2029 has no Feb 29; the earlier day, 2029-02-28, so nobody files late.
    bundle = make_bundle(incidents=[entries.incident("i-leap", "2028-02-29")])
    assert by_route(bundle, calendar, "2028-03-01")["state-complaint"].closes == D("2029-02-28")


def test_no_failures_means_no_window(make_bundle, entries, calendar) -> None:
    bundle = make_bundle(
        sessions=[
            entries.delivered("s-ok", "2026-10-05"),
            entries.missed("s-closed", "2026-10-09", reason="school-closed"),
        ]
    )
    for window in filing_windows(bundle, calendar, D("2026-11-28")):
        assert window.status == "no-failures"
        assert window.to_json()["closes"] is None


def test_each_window_takes_its_rule_by_purpose_so_a_state_rule_would_replace_it(make_bundle, entries) -> None:
    # The windows ask the calendar engine for a rule by purpose (state-complaint-filing,
    # due-process-filing, ocr-complaint); a state rule with that purpose replaces the federal one.
    from iep_tui.calendar import deadline_rules

    bundle = make_bundle(state="TX", incidents=[entries.incident("i-a", "2026-03-10")])
    calendar = SchoolCalendar.from_settings(bundle.case.calendar)
    windows = by_route(bundle, calendar, "2026-11-28")
    for route, purpose in (
        ("state-complaint", "state-complaint-filing"),
        ("due-process", "due-process-filing"),
        ("ocr-complaint", "ocr-complaint"),
    ):
        rule = deadline_rules.rule_for(purpose, "TX")
        assert rule is not None
        assert (windows[route].rule_id, windows[route].citation) == (rule.id, rule.citation)
