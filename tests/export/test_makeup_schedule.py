"""The make-up schedule every compensatory proposal shows (`compensatory.schedule_makeup`), and
the checklist's clause-aware clipping. Values worked out by hand from the rules in the docstrings."""

from __future__ import annotations

from datetime import date, timedelta

from iep_tui.domain.compensatory import MakeupNeed, schedule_makeup

D = date.fromisoformat


class Weekdays:
    """Every weekday is a school day except `closed`; `estimate` as given."""

    def __init__(self, closed: set[date] = frozenset(), estimate: bool = False) -> None:  # type: ignore[assignment]
        self.closed = set(closed)
        self.estimate = estimate

    def is_school_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.closed

    def school_days(self, start: date, end: date) -> list[date]:
        out, day = [], start
        while day <= end:
            if self.is_school_day(day):
                out.append(day)
            day += timedelta(days=1)
        return out

    def school_year_for(self, day: date) -> None:
        return None


def test_whole_sessions_rounded_up_one_a_day_per_service() -> None:
    # 65 min owed in 30-minute sessions: 3 whole sessions (90 min), the last rounding up 25
    need = MakeupNeed("speech", 65, 30)
    assert need.session_count == 3
    plan = schedule_makeup([need], Weekdays(), D("2027-03-01"), D("2027-03-31"))
    (speech,) = plan.services
    # two a week at positions 1 and 3 of a five-day week: Tue, Thu; then the third the next
    # week, alone, at the middle position 2: Wed
    assert speech.days == (D("2027-03-02"), D("2027-03-04"), D("2027-03-10"))
    assert speech.scheduled_minutes == 90 and speech.rounded_up == 25
    assert len(set(speech.days)) == len(speech.days)  # at most one a day
    assert plan.fits and plan.daily_cap == 60 and not plan.estimate


def test_the_daily_cap_moves_a_session_to_another_day() -> None:
    # speech 2 x 30 and OT 2 x 30 fill Tue and Thu (60 each); reading 2 x 45 cannot join them
    # (60 + 45 > 60), so it takes the other days of the week in order: Mon, Wed
    needs = [MakeupNeed("speech", 60, 30), MakeupNeed("ot", 60, 30), MakeupNeed("reading", 90, 45)]
    plan = schedule_makeup(needs, Weekdays(), D("2027-03-01"), D("2027-03-31"))
    days = {s.key: s.days for s in plan.services}
    assert days["speech"] == days["ot"] == (D("2027-03-02"), D("2027-03-04"))
    assert days["reading"] == (D("2027-03-01"), D("2027-03-03"))
    for day in {d for s in plan.services for d in s.days}:
        assert plan.minutes_on(day) <= 60


def test_a_session_longer_than_the_cap_raises_it_and_closed_days_are_skipped() -> None:
    # one 90-minute session: the cap becomes 90; Wed Mar 3 is closed, so the week's middle
    # position of Mon, Tue, Thu, Fri (floor(4/2) = 2) is Thu Mar 4
    plan = schedule_makeup(
        [MakeupNeed("ot", 90, 90)], Weekdays({D("2027-03-03")}, estimate=True), D("2027-03-01"), D("2027-03-31")
    )
    assert plan.daily_cap == 90 and plan.estimate
    assert plan.services[0].days == (D("2027-03-04"),)


def test_a_service_that_would_finish_late_gets_more_sessions_a_week() -> None:
    # 8 sessions by Fri Mar 12 (two weeks of five school days): two a week gives 4 by then;
    # three a week 6; four a week 8 -> four a week, at positions floor((2i+1) x 5/8) = 0, 1, 3, 4
    plan = schedule_makeup([MakeupNeed("reading", 8 * 45, 45)], Weekdays(), D("2027-03-01"), D("2027-03-12"))
    (reading,) = plan.services
    assert reading.per_week == 4 and reading.fits
    assert reading.days[:4] == (D("2027-03-01"), D("2027-03-02"), D("2027-03-04"), D("2027-03-05"))
