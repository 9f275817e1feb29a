"""Properties of step clocks on the hand-built district calendar (conftest.py)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from iep_tui.calendar.school_calendar import SchoolCalendar
from iep_tui.domain import escalation_ladder as ladder
from iep_tui.domain.models import EscalationStep
from iep_tui.domain.vocabulary import STEP_KINDS

from .conftest import district_settings

CALENDAR = SchoolCalendar.from_settings(district_settings())
SCHOOL_YEAR = st.dates(min_value=date(2026, 9, 2), max_value=date(2027, 6, 17))


@settings(max_examples=150, deadline=None)
@given(sent=SCHOOL_YEAR, later=st.integers(min_value=0, max_value=20), kind=st.sampled_from(STEP_KINDS))
def test_sending_later_never_makes_a_due_date_earlier(sent: date, later: int, kind: str) -> None:
    first = ladder.clocks_for(kind, sent, CALENDAR, "WA")
    second = ladder.clocks_for(kind, sent + timedelta(days=later), CALENDAR, "WA")
    for a, b in zip(first, second, strict=True):
        if a.due is not None and b.due is not None:
            assert b.due >= a.due
        assert a.due is None or a.due > sent  # day 0 is the sent date, never the due date


@settings(max_examples=150, deadline=None)
@given(sent=SCHOOL_YEAR, offset=st.integers(min_value=0, max_value=120), kind=st.sampled_from(STEP_KINDS))
def test_a_sent_step_is_overdue_exactly_when_today_is_after_its_due_date(sent: date, offset: int, kind: str) -> None:
    today = sent + timedelta(days=offset)
    view = ladder.view_step(EscalationStep(kind=kind, sent=sent, status="sent"), CALENDAR, "WA", today)
    assert (view.status == "overdue") == (view.due is not None and today > view.due)
    if view.due is None:  # only a school-day count can run past the last student day
        assert view.primary is not None and view.primary.flag == "past_end_of_school_year"


@settings(max_examples=100, deadline=None)
@given(sent=SCHOOL_YEAR)
def test_a_default_school_day_due_date_is_a_school_day(sent: date) -> None:
    (clock,) = ladder.clocks_for("compliance-notice", sent, CALENDAR, "WA")
    if clock.due is not None:
        assert CALENDAR.is_school_day(clock.due)
        assert len(CALENDAR.school_days(sent + timedelta(days=1), clock.due)) == 10
