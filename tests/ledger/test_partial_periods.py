"""Issue 11 item 10: short weeks, explained where they are used, and the `sessions` policy.

Worked by hand on the district calendar of conftest.py (first day Tue 2026-09-08, Veterans
Day Wed 11-11, Thanksgiving week, winter break Dec 21 - Jan 1, last day Thu 2027-06-17),
and on estimated calendars for a Texas optional holiday and a Saturday holiday in New York.
Speech is "30 min 2x weekly": 2 sessions of 30, 60 minutes a full week.
"""

from __future__ import annotations

from datetime import date

import pytest

from iep_tui.calendar.school_calendar import SchoolCalendar
from iep_tui.calendar.settings import CalendarSettings, SchoolYear
from iep_tui.domain.frequency import parse_frequency
from iep_tui.domain.ledger import requirement_ledger
from iep_tui.domain.models import LedgerPolicy, Requirement
from iep_tui.domain.required_minutes import (
    POLICY_TEXT,
    SHORT_WEEKS_SENTENCE,
    required_minutes,
    short_weeks_sentence,
)

d = date.fromisoformat
TWICE = parse_frequency("30 min 2x weekly")
MON, TUE, WED, THU, FRI = range(5)


def total(calendar, start: str, end: str, policy: str = "prorate", days: tuple[int, ...] = ()) -> int:
    return required_minutes(TWICE, calendar, d(start), d(end), policy, session_days=days).total


def test_a_week_shortened_by_a_holiday(district):
    # week of Nov 9, Wed 11 Veterans Day: 4 school days
    week = ("2026-11-09", "2026-11-15")
    assert total(district, *week) == 48  # prorate: 60 x 4/5
    assert total(district, *week, "sessions") == 60  # both sessions still required
    assert total(district, *week, "sessions", (TUE, THU)) == 60  # the holiday fell on no session day
    assert total(district, *week, "sessions", (WED, FRI)) == 30  # it fell on Wednesday's session: one fewer


def test_the_first_week_of_school(district):
    # first day Tue Sep 8: Mon Sep 7 has no school (before the first day): 4 school days
    week = ("2026-09-07", "2026-09-13")
    assert total(district, *week) == 48  # 60 x 4/5
    assert total(district, *week, "sessions") == 60
    assert total(district, *week, "sessions", (MON, WED)) == 30  # Monday's session could not happen


def test_winter_break_and_thanksgiving_require_nothing_under_every_policy(district):
    # Dec 14-18 full (60), Dec 21-25 and Dec 28 - Jan 1 closed (0), Jan 4-8 full (60): 120
    for policy in ("prorate", "full", "none", "sessions"):
        assert total(district, "2026-12-14", "2027-01-08", policy) == 120
        assert total(district, "2026-11-23", "2026-11-29", policy) == 0  # Thanksgiving week closed
    assert total(district, "2026-12-14", "2027-01-08", "sessions", (TUE, THU)) == 120


def test_across_the_end_of_one_school_year_and_the_start_of_the_next():
    # 2026-27 ends Thu 2027-06-17; 2027-28 starts Wed 2027-09-01. From Mon Jun 14 to Fri Sep 3:
    #   week of Jun 14: Mon-Thu, 4 school days (Fri 18 is after the last day)
    #   summer: nothing
    #   week of Aug 30: Wed-Fri, 3 school days
    # prorate: 60 x 4/5 + 60 x 3/5 = 48 + 36 = 84
    # sessions, no session days: 2 + 2 sessions = 120
    # sessions on Mon/Wed: Jun 14 week both (60); Aug 30 week Mon has no school, Wed does (30): 90
    calendar = SchoolCalendar.from_settings(
        CalendarSettings(
            state="WA",
            school_years=[
                SchoolYear(first_day=d("2026-09-08"), last_day=d("2027-06-17"), label="2026-27"),
                SchoolYear(first_day=d("2027-09-01"), last_day=d("2028-06-15"), label="2027-28"),
            ],
        )
    )
    assert total(calendar, "2027-06-14", "2027-09-03") == 84
    assert total(calendar, "2027-06-14", "2027-09-03", "sessions") == 120
    assert total(calendar, "2027-06-14", "2027-09-03", "sessions", (MON, WED)) == 90


def test_a_week_cut_by_the_range_counts_only_the_session_days_inside_it(district):
    # from Wed Oct 7 (Fri 9 a staff day): prorate 60 x 2/5 = 24;
    # sessions without days: min(2 sessions, 2 school days) = 60; on Tue/Thu: Tue 6 is before
    # the range, Thu 8 inside: 30
    assert total(district, "2026-10-07", "2026-10-11") == 24
    assert total(district, "2026-10-07", "2026-10-11", "sessions") == 60
    assert total(district, "2026-10-07", "2026-10-11", "sessions", (TUE, THU)) == 30


def test_a_week_with_fewer_school_days_than_sessions(fake_calendar):
    # "30 min 3x weekly", a week with Mon-Wed closed: 2 school days, at most one session each: 60
    calendar = fake_calendar({d("2026-10-12"), d("2026-10-13"), d("2026-10-14")})
    thrice = parse_frequency("30 min 3x weekly")
    assert required_minutes(thrice, calendar, d("2026-10-12"), d("2026-10-18"), "sessions").total == 60


def test_the_texas_optional_holiday_and_the_new_york_saturday_holiday_are_school_days_on_the_estimate():
    # Texas: Cesar Chavez Day (Wed 2027-03-31) is optional (Tex. Gov't Code 662.003(c)): offices and
    # schools are open, so the week of Mar 29 has 5 school days: 60 under prorate
    assert total(SchoolCalendar.estimate_for("TX"), "2027-03-29", "2027-04-04") == 60
    # New York moves only a Sunday holiday (Gen. Constr. Law 24): July 4, 2026 is a Saturday, so Fri
    # Jul 3 is an ordinary day: 5 days, 60; Washington observes it on Friday: 4 days, 60 x 4/5 = 48
    assert total(SchoolCalendar.estimate_for("NY"), "2026-06-29", "2026-07-05") == 60
    assert total(SchoolCalendar.estimate_for("WA"), "2026-06-29", "2026-07-05") == 48


def test_frequencies_without_a_weekly_session_count_are_prorated_and_say_so(district):
    # "120 min weekly" has no session count: the Veterans Day week is prorated, 120 x 4/5 = 96
    r = required_minutes(parse_frequency("120 min weekly"), district, d("2026-11-09"), d("2026-11-15"), "sessions")
    assert r.total == 96 and any("prorated" in note for note in r.notes)
    # "60 min monthly": November has 15 school days, all in range: 60
    r = required_minutes(parse_frequency("60 min monthly"), district, d("2026-11-01"), d("2026-11-30"), "sessions")
    assert r.total == 60 and any("prorated" in note for note in r.notes)


def test_session_days_that_do_not_match_the_count_are_not_used(district):
    # three days set for a 2x weekly service: not used, and said; the short week requires 2 sessions
    r = required_minutes(TWICE, district, d("2026-11-09"), d("2026-11-15"), "sessions", session_days=(MON, WED, FRI))
    assert r.total == 60
    assert any("not 2 a week" in note for note in r.notes)


def test_explain_says_per_week_why_a_week_is_short(district):
    prorated = required_minutes(TWICE, district, d("2026-11-09"), d("2026-11-22"))
    assert prorated.explain()[:2] == [
        "2026-11-09..2026-11-15: 4/5 school days of 60 min = 48 -> 48 min (short week: no school Wed 2026-11-11)",
        "2026-11-16..2026-11-22: 5/5 school days of 60 min = 60 -> 60 min",
    ]
    by_sessions = required_minutes(
        TWICE, district, d("2026-11-09"), d("2026-11-15"), "sessions", session_days=(WED, FRI)
    )
    assert by_sessions.explain()[0] == (
        "2026-11-09..2026-11-15: 1 of 2 sessions x 30 min = 30 min "
        "(short week: no school Wed 2026-11-11 (a session day))"
    )
    assert [p.first for p in prorated.short_weeks] == [d("2026-11-09")]


def test_the_ledger_uses_the_case_policy_and_its_session_days(district):
    speech = Requirement(id="speech01", kind="service", name="speech", text="Speech", frequency="30 min 2x weekly")
    policy = LedgerPolicy(partial_period="sessions", session_days={"speech01": ["wed", "fri"]})
    led = requirement_ledger(speech, [], district, d("2026-11-09"), d("2026-11-15"), policy)
    assert led.required_minutes == 30  # as in test_a_week_shortened_by_a_holiday
    doc = led.to_json()
    assert doc["policy"]["session_days"] == {"speech01": ["wed", "fri"]}
    assert doc["short_weeks"] == [
        {"from": "2026-11-09", "to": "2026-11-15", "minutes": 30, "days_off": ["2026-11-11"], "days_outside": []}
    ]


@pytest.mark.parametrize("policy", sorted(POLICY_TEXT))
def test_one_sentence_per_policy_for_letters(policy):
    sentence = short_weeks_sentence(policy)
    assert sentence == SHORT_WEEKS_SENTENCE[policy]
    assert sentence.count(".") == 1 and sentence.endswith(".")
    assert "short week" in sentence.lower()
