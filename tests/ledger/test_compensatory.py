"""Make-up plans on the district calendar (Thanksgiving week and winter break closed)."""

from __future__ import annotations

from datetime import date

import pytest

from iep_tui.domain.compensatory import plan_makeup, session_sizes, spread

d = date.fromisoformat


def test_sizes_and_spread():
    # 65 in 30-minute sessions: 30 + 30 + 5
    assert session_sizes(65, 30) == [30, 30, 5]
    assert session_sizes(0, 30) == []
    week = [d("2026-11-16") + (d("2026-11-17") - d("2026-11-16")) * i for i in range(5)]  # Mon..Fri
    # positions floor((2i+1) x 5 / 2k): k=1 -> 2 (Wed); k=2 -> 1, 3 (Tue, Thu); k=3 -> 0, 2, 4
    assert [x.strftime("%a") for x in spread(week, 1)] == ["Wed"]
    assert [x.strftime("%a") for x in spread(week, 2)] == ["Tue", "Thu"]
    assert [x.strftime("%a") for x in spread(week, 3)] == ["Mon", "Wed", "Fri"]
    assert spread(week[:2], 3) == week[:2]


def test_plan_skips_the_closed_week_and_fits(district):
    # 65 min owed from Mon Nov 16, two a week, by Fri Dec 4:
    #   week of Nov 16 (5 days): Tue 17, Thu 19 -> 30, 30
    #   week of Nov 23: closed, skipped
    #   week of Nov 30 (5 days): Tue Dec 1 -> the remaining 5
    plan = plan_makeup(65, district, d("2026-11-16"), d("2026-12-04"), session_minutes=30, per_week=2)
    assert plan.sessions == ((d("2026-11-17"), 30), (d("2026-11-19"), 30), (d("2026-12-01"), 5))
    assert plan.fits and plan.finish == d("2026-12-01")
    assert plan.scheduled_minutes == 65
    # school days Nov 16..Dec 4: 5 + 0 + 5 = 10
    assert plan.school_days_available == 10
    assert "finishing 2026-12-01" in plan.summary()


def test_plan_that_does_not_fit_says_the_pace_that_would(district):
    # 300 min = 10 sessions of 30, two a week from Nov 16:
    #   Nov 17, 19 | (closed) | Dec 1, 3 | Dec 8, 10 | Dec 15, 17 | (winter break x2) | Jan 5, 7
    # only 4 by Dec 4. With 10 school days before the target: 3 a week gives 3 + 3 = 6,
    # 4 a week 8, 5 a week 10 -> 5 a week
    plan = plan_makeup(300, district, d("2026-11-16"), d("2026-12-04"), 30, 2)
    assert not plan.fits
    assert plan.finish == d("2027-01-07")
    assert [x for x, _ in plan.sessions][4:8] == [d("2026-12-08"), d("2026-12-10"), d("2026-12-15"), d("2026-12-17")]
    assert plan.needed_per_week == 5
    assert "5 sessions a week would finish in time" in plan.summary()


def test_plan_impossible_even_daily(district):
    # 330 min = 11 sessions; only 10 school days before Dec 4: ceil(330/10) = 33-minute sessions daily would
    plan = plan_makeup(330, district, d("2026-11-16"), d("2026-12-04"), 30, 2)
    assert not plan.fits and plan.needed_per_week is None
    assert "sessions of 33 min every school day" in plan.notes[0]


def test_nothing_owed(district):
    plan = plan_makeup(0, district, d("2026-11-16"), d("2026-12-04"))
    assert plan.fits and plan.sessions == ()
    assert plan.summary().startswith("Nothing is owed")


def test_bad_arguments(district):
    with pytest.raises(ValueError):
        plan_makeup(60, district, d("2026-11-16"), d("2026-12-04"), session_minutes=0)
    with pytest.raises(ValueError):
        plan_makeup(60, district, d("2026-11-16"), d("2026-12-04"), per_week=6)


def test_summary_wording(district):
    # 20 min owed in 30-minute sessions: a single 20-minute session
    plan = plan_makeup(20, district, d("2026-11-16"), d("2026-12-04"), 30, 1)
    assert plan.summary().startswith("20 min owed: 1 session of 20 min, 1 a week")
    # 65: two of 30 and one of 5
    plan = plan_makeup(65, district, d("2026-11-16"), d("2026-12-04"), 30, 2)
    assert plan.summary().startswith("65 min owed: 2 sessions of 30 min and 1 of 5 min")
