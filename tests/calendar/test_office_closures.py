"""Business days are the days the state's offices are open: `holidays` corrected per state.

Every expected date below is counted by hand from the statute quoted in
iep_tui/calendar/office_closures.json; the comments show the count.
"""

from __future__ import annotations

from datetime import date

import holidays
import pytest

from iep_tui.calendar.day_count import count_days
from iep_tui.calendar.office_closures import closure_data, corrections_for, uncorrected_reason
from iep_tui.calendar.school_calendar import SchoolCalendar

D = date.fromisoformat

FIFTEEN = ("CA", "TX", "FL", "NY", "PA", "IL", "OH", "GA", "NC", "MI", "NJ", "VA", "WA", "AZ", "MA")


def business(state: str, start: str, count: int) -> tuple[date | None, list[date]]:
    result = count_days(SchoolCalendar.estimate_for(state), D(start), count, "business")
    return result.due, [d for d, _ in result.skipped]


def test_texas_optional_holidays_are_working_days() -> None:
    # Tex. Gov't Code 662.013(c): agencies stay open on Cesar Chavez Day; 662.003(c): Good
    # Friday is optional. From Mon 2026-03-30: Tue 03-31 Cesar Chavez Day (1), Wed 04-01 (2),
    # Thu 04-02 (3). The package's list would skip Tue 31 and end on Mon 04-06.
    assert business("TX", "2026-03-30", 3) == (D("2026-04-02"), [])
    # Good Friday itself counts: from Thu 2026-04-02, Fri 04-03 is day 1.
    assert business("TX", "2026-04-02", 1) == (D("2026-04-03"), [])


def test_texas_weekend_holidays_move_nowhere() -> None:
    # 662.005(a)(1): no day off for a holiday on a Saturday or Sunday. Sat 2026-07-04: from
    # Thu 07-02, Fri 07-03 is a working day (1). Christmas Eve 2027 is a Friday (a state
    # holiday) and Christmas a Saturday: from Wed 2027-12-22, Thu 12-23 (1) is open.
    assert business("TX", "2026-07-02", 1) == (D("2026-07-03"), [])
    assert business("TX", "2027-12-22", 1) == (D("2027-12-23"), [])
    # State holidays stay closed: San Jacinto Day, Tue 2026-04-21. From Mon 04-20: Tue
    # skipped, Wed 04-22 (1).
    assert business("TX", "2026-04-20", 1) == (D("2026-04-22"), [D("2026-04-21")])


def test_new_york_saturday_holiday_has_no_observed_friday() -> None:
    # Gen. Constr. Law 24 moves only a Sunday holiday. July 4, 2026 is a Saturday, so
    # Fri 07-03 is a business day: from Wed 07-01, Thu 02 (1), Fri 03 (2), Mon 06 (3).
    assert business("NY", "2026-07-01", 3) == (D("2026-07-06"), [])
    # ... while a Sunday holiday moves: New Year's Day 2023 is a Sunday, so Mon 2023-01-02 is
    # closed. From Fri 2022-12-30: Mon 01-02 skipped, Tue 01-03 (1).
    assert business("NY", "2022-12-30", 1) == (D("2023-01-03"), [D("2023-01-02")])


def test_susan_b_anthony_day_is_not_a_closure() -> None:
    # Not in Cal. Gov. Code 6700 (nor in GCL 24, nor in Fla. Stat. 110.117's paid holidays).
    # Tue 2028-02-15: from Mon 02-14, Tue 15 is day 1 in CA, NY and FL.
    for state in ("CA", "NY", "FL"):
        assert business(state, "2028-02-14", 1) == (D("2028-02-15"), []), state


def test_california_moves_only_veterans_day_back_to_friday() -> None:
    # Cal. Gov. Code 6701: "If November 11th falls upon a Saturday, the preceding Friday is a
    # holiday." Sat 2028-11-11: from Thu 11-09, Fri 10 closed, Mon 13 (1).
    assert business("CA", "2028-11-09", 1) == (D("2028-11-13"), [D("2028-11-10")])
    # July 4 has no Saturday rule: Sat 2026-07-04, so from Thu 07-02 Fri 07-03 is day 1.
    assert business("CA", "2026-07-02", 1) == (D("2026-07-03"), [])


def test_florida_moves_only_its_paid_holidays() -> None:
    # Fla. Stat. 110.117(1)(j): a paid holiday on a Saturday is observed the Friday before.
    # Independence Day, Sat 2026-07-04: from Thu 07-02, Fri 03 closed, Mon 06 (1).
    assert business("FL", "2026-07-02", 1) == (D("2026-07-06"), [D("2026-07-03")])
    # Juneteenth is a federal holiday but not one of the nine: Sat 2027-06-19 has no
    # observed Friday in Florida. From Thu 06-17, Fri 06-18 (1).
    assert business("FL", "2027-06-17", 1) == (D("2027-06-18"), [])


def test_massachusetts_keeps_offices_open_before_a_saturday_holiday() -> None:
    # c. 30 s. 24A: state offices open on the Friday before a Saturday holiday; c. 4 s. 7
    # cl. 18 moves a Sunday one to Monday. From Wed 2026-07-01: Thu 02 (1), Fri 03 (2), Mon 06 (3).
    assert business("MA", "2026-07-01", 3) == (D("2026-07-06"), [])


def test_illinois_and_new_jersey_offices_work_on_days_the_package_closes() -> None:
    # 80 Ill. Adm. Code 303.190 gives state staff no Casimir Pulaski Day: Mon 2026-03-02 counts.
    # From Fri 02-27: Mon 02 (1), Tue 03 (2), Wed 04 (3).
    assert business("IL", "2026-02-27", 3) == (D("2026-03-04"), [])
    # N.J.S.A. 36:1-1(d): state offices open on Lincoln's Birthday, Fri 2027-02-12. From Thu 02-11:
    # Fri 12 (1), Mon 15 Presidents Day closed, Tue 16 (2), Wed 17 (3).
    assert business("NJ", "2027-02-11", 3) == (D("2027-02-17"), [D("2027-02-15")])


def test_every_named_holiday_is_one_the_package_lists() -> None:
    # A typo in the data would silently correct nothing: each name must be a holiday the
    # package lists for that state in some year 2024-2030.
    for state, rules in closure_data().states.items():
        names = {
            part
            for label in holidays.US(subdiv=state, years=range(2024, 2031), observed=False).values()
            for part in label.split("; ")
        }
        listed = {r.name for r in rules.remove}
        for moves in (rules.observance.saturday_to_friday, rules.observance.sunday_to_monday):
            if moves != "all":
                listed.update(moves)
        assert listed <= names, (state, listed - names)


def test_the_fifteen_states_are_corrected_or_say_why_not() -> None:
    for state in FIFTEEN:
        rules = corrections_for(state)
        if rules is None:
            assert "not researched" in (uncorrected_reason(state) or ""), state
        else:
            assert rules.observance.citation and rules.source and rules.last_verified == D("2026-12-06")
            assert all(r.citation and r.why for r in rules.remove)
            assert uncorrected_reason(state) is None
    assert "not researched" in (uncorrected_reason("OR") or "")


@pytest.mark.parametrize("state", ["TX", "NY"])
def test_corrected_states_list_only_weekday_closures_they_explain(state: str) -> None:
    calendar = SchoolCalendar.estimate_for(state)
    names = " ".join(calendar.holidays_in(2026).values())
    assert "Susan B. Anthony" not in names and "Cesar Chavez" not in names and "Good Friday" not in names


def test_estimated_school_days_skip_common_closures_and_say_so() -> None:
    # No district calendar (WA): business days minus the days schools commonly close.
    # From Tue 2026-12-22: Wed 23 (1), Thu 24 winter break (estimate), Fri 25 Christmas,
    # Mon 28 - Thu 31 winter break (estimate), Fri 2027-01-01 New Year's Day, Mon 04 (2), Tue 05 (3).
    result = count_days(SchoolCalendar.estimate_for("WA"), D("2026-12-22"), 3, "school")
    assert result.due == D("2027-01-05") and result.estimate
    reasons = dict(result.skipped)
    assert reasons[D("2026-12-24")] == "winter break (estimate: schools commonly close)"
    assert reasons[D("2026-12-25")] == "Christmas Day (holiday)"
    assert len(result.skipped) == 7
    assert any("schools commonly close" in note for note in result.notes)
    # Business days are not affected by the school estimate: Wed 23 (1), Thu 24 (2), Mon 28 (3).
    assert count_days(SchoolCalendar.estimate_for("WA"), D("2026-12-22"), 3, "business").due == D("2026-12-28")
