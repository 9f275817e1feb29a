"""Required minutes on the district calendar of conftest.py, worked out by hand.

The range used most: 2026-10-07 (Wed) .. 2026-12-02 (Wed). School days in it, by week:

    week of Oct 5:  Wed 7, Thu 8 (Fri 9 closed)            2 in range (Mon 5, Tue 6 before it)
    Oct 12, 19, 26, Nov 2:                                  5 each
    week of Nov 9:  Mon 9, Tue 10, Thu 12, Fri 13           4 (Wed 11 closed)
    week of Nov 16:                                         5
    week of Nov 23: closed                                  0
    week of Nov 30: Mon 30, Tue Dec 1, Wed Dec 2            3 in range
    total: 2 + 4x5 + 4 + 5 + 0 + 3 = 34 school days
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from iep_tui.domain.frequency import parse_frequency
from iep_tui.domain.required_minutes import required_minutes, round_half_up

d = date.fromisoformat
START, END = d("2026-10-07"), d("2026-12-02")


def test_weekly_prorate_by_school_day(district):
    # 30 min 2x weekly = 60 min a week; a full week is five school days:
    #   Oct 5 wk: 60 x 2/5 = 24
    #   Oct 12, 19, 26, Nov 2: 60 each = 240
    #   Nov 9 wk (Veterans Day closed): 60 x 4/5 = 48
    #   Nov 16: 60
    #   Nov 23 (closed week): 0, and no row at all
    #   Nov 30 wk (range ends Wed): 60 x 3/5 = 36
    #   total 24 + 240 + 48 + 60 + 36 = 408
    r = required_minutes(parse_frequency("30 min 2x weekly"), district, START, END, "prorate")
    assert r.total == 408
    assert [p.minutes for p in r.periods] == [24, 60, 60, 60, 60, 48, 60, 36]
    assert d("2026-11-23") not in [p.first for p in r.periods]
    assert [p.school_days for p in r.periods] == [2, 5, 5, 5, 5, 4, 5, 3]


def test_weekly_full_policy(district):
    # every week with a school day requires the full 60: 8 such weeks (not Nov 23) = 480
    assert required_minutes(parse_frequency("30 min 2x weekly"), district, START, END, "full").total == 480


def test_weekly_none_policy(district):
    # only five-school-day weeks: Oct 12, 19, 26, Nov 2, Nov 16 = 5 x 60 = 300
    assert required_minutes(parse_frequency("30 min 2x weekly"), district, START, END, "none").total == 300


def test_closed_week_requires_nothing(district):
    for policy in ("prorate", "full", "none"):
        r = required_minutes(parse_frequency("120 min weekly"), district, d("2026-11-23"), d("2026-11-29"), policy)
        assert r.total == 0
        assert r.periods == ()


def test_full_five_day_week_requires_the_full_weekly_frequency(district):
    for policy in ("prorate", "full", "none"):
        r = required_minutes(parse_frequency("120 min weekly"), district, d("2026-11-16"), d("2026-11-20"), policy)
        assert r.total == 120


def test_four_day_week_is_partial(district):
    # week of Nov 9, Wednesday closed: prorate 120 x 4/5 = 96; full 120; none 0
    week = (parse_frequency("120 min weekly"), district, d("2026-11-09"), d("2026-11-15"))
    assert required_minutes(*week, "prorate").total == 96
    assert required_minutes(*week, "full").total == 120
    assert required_minutes(*week, "none").total == 0


def test_daily(district):
    # 45 min on each of the 34 school days in range: 45 x 34 = 1530
    r = required_minutes(parse_frequency("45 min daily"), district, START, END)
    assert r.total == 1530


def test_monthly_prorate_rounds_the_running_total_once(district):
    # 60 min monthly. Month school days on the calendar: Oct 21, Nov 15, Dec 14.
    #   Oct: in range Oct 7..30 = Wed 7, Thu 8, + 3 full weeks (15) = 17 -> 60 x 17/21 = 48.571...
    #   Nov: all 15 school days in range -> 60 (closures do not make a month partial)
    #   Dec: Dec 1, 2 in range -> 60 x 2/14 = 8.571...
    #   exact total 48.571 + 60 + 8.571 = 117.142... -> 117
    #   running rounding: 48.57 -> 49; 108.57 -> 109 (+60); 117.14 -> 117 (+8)
    #   (rounding each month alone would give 49 + 60 + 9 = 118: the drift this avoids)
    r = required_minutes(parse_frequency("60 min monthly"), district, START, END, "prorate")
    assert r.exact == Fraction(60 * 17, 21) + 60 + Fraction(60 * 2, 14)
    assert r.total == 117
    assert [p.minutes for p in r.periods] == [49, 60, 8]
    assert [(p.school_days, p.full_days) for p in r.periods] == [(17, 21), (15, 15), (2, 14)]


def test_monthly_full_and_none(district):
    # full: Oct, Nov, Dec each have a school day in range = 180; none: only November = 60
    f = parse_frequency("60 min monthly")
    assert required_minutes(f, district, START, END, "full").total == 180
    assert required_minutes(f, district, START, END, "none").total == 60


def test_requirement_start_and_end_bound_the_range(district):
    # requirement runs Nov 2 .. Nov 13: weeks Nov 2 (5 days, 60) and Nov 9 (4 days, 48) = 108
    r = required_minutes(
        parse_frequency("30 min 2x weekly"),
        district,
        START,
        END,
        "prorate",
        requirement_start=d("2026-11-02"),
        requirement_end=d("2026-11-13"),
    )
    assert r.total == 108
    assert (r.start, r.end) == (d("2026-11-02"), d("2026-11-13"))


def test_requirement_outside_the_range_requires_nothing(district):
    r = required_minutes(parse_frequency("30 min 2x weekly"), district, START, END, requirement_start=d("2027-01-04"))
    assert r.total == 0 and r.start is None


def test_summer_requires_nothing(district):
    assert required_minutes(parse_frequency("45 min daily"), district, d("2027-06-21"), d("2027-08-31")).total == 0


def test_as_needed_and_consult_require_nothing(district):
    for text in ("as needed", "consult", "consult, 30 min weekly", "daily"):
        assert required_minutes(parse_frequency(text), district, START, END).total == 0
    assert required_minutes(None, district, START, END).total == 0


def test_yearly_over_a_small_school_year(fake_calendar):
    # a four-week school year Jan 4..29 2027 with Jan 18 closed: 20 - 1 = 19 school days
    cal = fake_calendar(closed={d("2027-01-18")}, year=fake_calendar.Year(d("2027-01-04"), d("2027-01-29")))
    f = parse_frequency("1800 min yearly")
    # the whole year: 1800
    assert required_minutes(f, cal, d("2027-01-01"), d("2027-02-28")).total == 1800
    # Jan 4..15 = 10 school days: 1800 x 10/19 = 947.37 -> 947
    assert required_minutes(f, cal, d("2027-01-04"), d("2027-01-15")).total == 947
    assert required_minutes(f, cal, d("2027-01-04"), d("2027-01-15"), "full").total == 1800
    assert required_minutes(f, cal, d("2027-01-04"), d("2027-01-15"), "none").total == 0


def test_yearly_without_a_school_year_says_july_to_june_was_used(weekdays):
    cal = weekdays  # no school year: every weekday
    r = required_minutes(parse_frequency("1800 min yearly"), cal, d("2026-09-01"), d("2026-09-30"))
    # weekdays Jul 1 2026 .. Jun 30 2027: 365 days = 52 weeks (260 weekdays) + Wed Jun 30 = 261;
    # September 2026 has 22 weekdays: 1800 x 22/261 = 151.72 -> 152
    assert len(cal.school_days(d("2026-07-01"), d("2027-06-30"))) == 261
    assert r.total == 152
    assert any("July 1 to June 30" in note for note in r.notes)


def test_explain_lists_each_period_and_the_policy(district):
    r = required_minutes(parse_frequency("30 min 2x weekly"), district, START, END)
    lines = r.explain()
    # the week of Oct 5 is short: Fri 9 is a staff day, and the range starts Wed 7
    assert lines[0] == (
        "2026-10-05..2026-10-11: 2/5 school days of 60 min = 24 -> 24 min (short week: no school Fri 2026-10-09; "
        "not in the range counted Mon 2026-10-05, Tue 2026-10-06)"
    )
    assert lines[1] == "2026-10-12..2026-10-18: 5/5 school days of 60 min = 60 -> 60 min"  # a full week: no note
    assert lines[-1] == "total 408 min (partial periods: prorate)"


def test_round_half_up():
    assert [round_half_up(Fraction(n, 2)) for n in range(6)] == [0, 1, 1, 2, 2, 3]


@given(
    start=st.dates(min_value=date(2026, 8, 1), max_value=date(2027, 7, 31)),
    days=st.integers(0, 200),
    text=st.sampled_from(["30 min 2x weekly", "17 min 3x weekly", "61 min monthly", "45 min daily", "1000 min yearly"]),
)
def test_policies_are_ordered_and_totals_add_up(district, start, days, text):
    cal = district
    f = parse_frequency(text)
    end = start + timedelta(days=days)
    none, prorate, full = (required_minutes(f, cal, start, end, p) for p in ("none", "prorate", "full"))
    assert 0 <= none.total <= prorate.total <= full.total
    for r in (none, prorate, full):
        assert r.total == sum(p.minutes for p in r.periods) == round_half_up(r.exact)
        assert all(abs(p.minutes - p.exact) < 1 for p in r.periods)
    if not cal.school_days(start, end):
        assert full.total == 0


def test_every_other_week_is_half_the_minutes_a_week_prorated(district):
    # 45 min every 2 weeks = 22.5 min a week, prorated by school day like a weekly frequency:
    #   Oct 5 wk (2 days in range): 22.5 x 2/5 = 9          running 9      -> 9
    #   Oct 12, 19, 26, Nov 2: 22.5 each                     running 99     -> 99 (steps 23, 22, 23, 22)
    #   Nov 9 wk (4 days): 22.5 x 4/5 = 18                   running 117    -> 117
    #   Nov 16: 22.5                                         running 139.5  -> 140
    #   Nov 23 closed: no row; Nov 30 wk (3 days): 13.5      running 153    -> 153
    # total 9 + 4 x 22.5 + 18 + 22.5 + 13.5 = 153 = the weekly total 306 (45 x 408/60) / 2
    r = required_minutes(parse_frequency("45 min every 2 weeks"), district, START, END, "prorate")
    assert r.total == 153
    assert [p.minutes for p in r.periods] == [9, 23, 22, 23, 22, 18, 23, 13]
    assert r.explain()[1] == "2026-10-12..2026-10-18: 5/5 school days of 45 min / 2 weeks = 22.5 -> 23 min"


def test_every_other_week_under_full_and_none(district):
    # full: each of the 8 weeks with a school day earns 22.5: 8 x 22.5 = 180
    # none: only the 5 full weeks (Oct 12, 19, 26, Nov 2, Nov 16): 5 x 22.5 = 112.5 -> 113
    f = parse_frequency("45 min every 2 weeks")
    assert required_minutes(f, district, START, END, "full").total == 180
    assert required_minutes(f, district, START, END, "none").total == 113
