"""Counts that meet the summer: a tolled count goes on in the next school year (audit of
issue 11, gap 3), and without a district calendar a count that could reach the summer gives
no date as if it were the law's (gap 1). Every date is worked by hand in the comments."""

from __future__ import annotations

from datetime import date

import pytest

from iep_tui.calendar.day_count import FLAG_NEEDS_NEXT_YEAR, count_days
from iep_tui.calendar.deadline_rules import deadline_for_rule, get_rule
from iep_tui.calendar.school_calendar import SchoolCalendar
from iep_tui.calendar.settings import SchoolYear

D = date.fromisoformat


def spring_only(state: str) -> SchoolCalendar:
    """One loaded school year, spring 2027: Mon 01-04 .. Fri 05-28."""
    return SchoolCalendar(state=state, school_years=[SchoolYear(first_day=D("2027-01-04"), last_day=D("2027-05-28"))])


@pytest.mark.parametrize(
    ("state", "rule_id", "count", "citation"),
    [
        # 22 Pa. Code 14.123(b): 60 calendar days, not counting "the day after the last day of
        # the spring school term up to and including the day before the first day of the
        # subsequent fall school term" (pa.json, read 2026-12-06).
        ("PA", "pa-evaluation", 60, "14.123(b)"),
        # Cal. Ed. Code 56343.5: 30 days "not counting days between the pupil's regular school
        # sessions, terms, or days of school vacation in excess of five schooldays" (read 2026-12-06).
        ("CA", "ca-iep-meeting-request", 30, "56343.5"),
    ],
)
def test_a_tolled_count_past_a_one_year_calendar_needs_the_next_school_year(
    state: str, rule_id: str, count: int, citation: str
) -> None:
    # Trigger Mon 2027-05-10; May 11 .. Fri May 28 (the last student day loaded) is 18 calendar
    # days, fewer than the count; the summer is not counted, and the rest falls in the fall.
    result = deadline_for_rule(spring_only(state), D("2027-05-10"), get_rule(rule_id))
    assert result.rule is not None and citation in result.rule.citation
    assert (result.due, result.flag, result.days_available) == (None, FLAG_NEEDS_NEXT_YEAR, 18)
    text = " ".join(result.explain())
    assert "not rolled into the next school year" not in text
    assert text.startswith("No date yet: the rule carries this count from Mon 2027-05-10 into the next school year")
    assert f"18 of the {count} calendar days" in text and f"the other {count - 18} are counted" in text
    assert "import the district calendar" in text


def test_a_plain_count_past_the_end_of_the_school_year_keeps_its_flag() -> None:
    # 10 school days from Mon 2027-05-24: May 25-28 (4) and the school year ends: no rule text
    # carries a school-day count over, so it stays past_end_of_school_year with 4 available.
    result = count_days(spring_only("PA"), D("2027-05-24"), 10, "school")
    assert (result.due, result.flag, result.days_available) == (None, "past_end_of_school_year", 4)
