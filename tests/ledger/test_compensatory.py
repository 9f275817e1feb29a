"""Make-up schedules (`compensatory.schedule_makeup`) on the district calendar of conftest.py.

School days used here (Mon..Fri; x = closed):

    Nov 16-20 | x23-x27 Thanksgiving | Nov 30 - Dec 4 | Dec 7-11 | Dec 14-18 | x21 - x Jan 1 | Jan 4-8

From Mon Nov 16 to a target of Fri Dec 4 there are 5 + 0 + 5 = 10 school days. In a week of
five school days, k sessions fall at positions floor((2i + 1) x 5 / 2k): one a week on Wed,
two on Tue and Thu, three on Mon, Wed and Fri, four on Mon, Tue, Thu and Fri, five on every day.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from iep_tui.domain.compensatory import MakeupNeed, makeup_session_minutes, schedule_makeup, spread
from iep_tui.domain.frequency import frequency_of

d = date.fromisoformat
START, TARGET = d("2026-11-16"), d("2026-12-04")
WEEK_NOV_16 = [d("2026-11-16") + timedelta(days=i) for i in range(5)]
WEEK_NOV_30 = [d("2026-11-30") + timedelta(days=i) for i in range(5)]


def test_spread():
    # positions floor((2i+1) x 5 / 2k): k=1 -> 2 (Wed); k=2 -> 1, 3 (Tue, Thu); k=3 -> 0, 2, 4;
    # k=4 -> 0, 1, 3, 4 (floor(5/8), floor(15/8), floor(25/8), floor(35/8))
    week = WEEK_NOV_16
    assert [x.strftime("%a") for x in spread(week, 1)] == ["Wed"]
    assert [x.strftime("%a") for x in spread(week, 2)] == ["Tue", "Thu"]
    assert [x.strftime("%a") for x in spread(week, 3)] == ["Mon", "Wed", "Fri"]
    assert [x.strftime("%a") for x in spread(week, 4)] == ["Mon", "Tue", "Thu", "Fri"]
    assert spread(week[:2], 3) == week[:2]


def test_whole_sessions_rounded_up():
    # 100 min in 30-minute sessions: ceil(100 / 30) = 4 whole sessions = 120 min, 20 more than owed
    need = MakeupNeed("speech", 100, 30)
    assert (need.session_count, need.whole_minutes) == (4, 120)
    # 90 in 30: exactly 3, nothing rounded; 0 owed: no session
    assert MakeupNeed("speech", 90, 30).session_count == 3
    assert MakeupNeed("speech", 0, 30).session_count == 0


def test_whole_sessions_skip_the_closed_week_and_fit(district):
    # 65 min owed in 30-minute sessions: ceil(65/30) = 3 sessions = 90 min (25 rounded up).
    # Two a week from Mon Nov 16: Tue 17, Thu 19; Thanksgiving week closed; the third alone
    # in the week of Nov 30, at the middle position 2: Wed Dec 2 -> finishes before Fri Dec 4
    schedule = schedule_makeup([MakeupNeed("speech", 65, 30)], district, START, TARGET)
    (speech,) = schedule.services
    assert speech.days == (d("2026-11-17"), d("2026-11-19"), d("2026-12-02"))
    assert speech.scheduled_minutes == 90 and speech.rounded_up == 25
    assert speech.per_week == 2 and speech.fits and speech.finish == d("2026-12-02")
    assert speech.needed_per_week is None
    assert schedule.school_days_available == 10
    assert schedule.daily_cap == 60 and not schedule.estimate


def test_a_late_service_is_raised_to_the_pace_that_finishes(district):
    # 300 min = 10 sessions of 30, target Dec 4 (10 school days). By Dec 4: two a week give
    # 2 + 2 = 4, three 3 + 3 = 6, four 4 + 4 = 8, five 5 + 5 = 10 -> five a week, every school day
    schedule = schedule_makeup([MakeupNeed("reading", 300, 30)], district, START, TARGET)
    (reading,) = schedule.services
    assert reading.per_week == 5 and reading.fits
    assert reading.days == tuple(WEEK_NOV_16 + WEEK_NOV_30)


def test_a_kept_pace_says_the_pace_that_would_finish(district):
    # The same 10 sessions at a kept two a week: Tue/Thu of each week with school days:
    #   Nov 17, 19 | (closed) | Dec 1, 3 | Dec 8, 10 | Dec 15, 17 | (winter break x2) | Jan 5, 7
    # -> finishes Thu Jan 7, after the target; five a week would finish in time (as above)
    schedule = schedule_makeup([MakeupNeed("reading", 300, 30)], district, START, TARGET, per_week=2, raise_pace=False)
    (reading,) = schedule.services
    assert reading.per_week == 2 and not reading.fits
    assert reading.days == tuple(
        d(x)
        for x in (
            "2026-11-17",
            "2026-11-19",
            "2026-12-01",
            "2026-12-03",
            "2026-12-08",
            "2026-12-10",
            "2026-12-15",
            "2026-12-17",
            "2027-01-05",
            "2027-01-07",
        )
    )
    assert reading.needed_per_week == 5


def test_impossible_even_every_school_day(district):
    # 330 min = 11 sessions of 30 but only 10 school days before Dec 4: five a week puts 10 on
    # Nov 16-20 and Nov 30 - Dec 4 and the 11th alone in the week of Dec 7 at its middle, Wed Dec 9.
    # What would fit: ceil(330 / 10) = 33-minute sessions every school day.
    schedule = schedule_makeup([MakeupNeed("reading", 330, 30)], district, START, TARGET)
    (reading,) = schedule.services
    assert reading.per_week == 5 and not reading.fits
    assert reading.finish == d("2026-12-09") and len(reading.days) == 11
    assert reading.needed_per_week is None
    assert schedule.every_day_minutes(reading) == 33
    # kept at two a week, no pace up to five would finish either
    kept = schedule_makeup([MakeupNeed("reading", 330, 30)], district, START, TARGET, raise_pace=False)
    assert kept.services[0].needed_per_week is None and not kept.fits


def test_the_daily_cap_can_leave_a_service_late(district):
    # Two services of 60-minute sessions, 6 each (360 min), under the 60-minute daily cap: one
    # session a day in all, 12 sessions for 10 school days.
    # Two a week each: A Tue/Thu, B takes the other days in order, Mon/Wed; both need a third
    # week (Dec 8, 10 and Dec 7, 9): late -> three a week each. Week of Nov 16: A Mon, Wed, Fri;
    # B's preferred Mon, Wed, Fri are full, so Tue, Thu (2). Week of Nov 30 the same: A done
    # Fri Dec 4 (6); B 4, and its last 2 on Tue Dec 8, Thu Dec 10: late. B raised to 4 and 5
    # gains nothing (A holds three days a week), so B stays late with 6 sessions <= 10 school days.
    needs = [MakeupNeed("a", 360, 60), MakeupNeed("b", 360, 60)]
    schedule = schedule_makeup(needs, district, START, TARGET)
    a, b = schedule.services
    assert a.days == tuple(
        d(x) for x in ("2026-11-16", "2026-11-18", "2026-11-20", "2026-11-30", "2026-12-02", "2026-12-04")
    )
    assert a.per_week == 3 and a.fits
    assert b.days == tuple(
        d(x) for x in ("2026-11-17", "2026-11-19", "2026-12-01", "2026-12-03", "2026-12-08", "2026-12-10")
    )
    assert b.per_week == 5 and not b.fits
    for day in a.days + b.days:
        assert schedule.minutes_on(day) <= 60


def test_nothing_owed(district):
    schedule = schedule_makeup([MakeupNeed("speech", 0, 30)], district, START, TARGET)
    assert schedule.services == () and schedule.fits


def test_bad_arguments(district):
    with pytest.raises(ValueError):
        schedule_makeup([MakeupNeed("speech", 60, 0)], district, START, TARGET)
    with pytest.raises(ValueError):
        schedule_makeup([MakeupNeed("speech", 60, 30)], district, START, TARGET, per_week=6)
    with pytest.raises(ValueError):
        schedule_makeup([MakeupNeed("speech", 60, 30)], district, START, TARGET, per_week=0)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("30 min 2x weekly", 30),  # the session length
        ("20 min weekly", 20),  # a period total of an hour or less is one session
        ("120 min weekly", 30),  # a longer period total: 30-minute sessions
        ("", 30),  # no frequency
    ],
)
def test_makeup_session_minutes(text, minutes):
    assert makeup_session_minutes(frequency_of(text)) == minutes
