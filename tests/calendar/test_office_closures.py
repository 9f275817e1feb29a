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
    # A state keeping the package's observed days may name one ("... (observed)").
    for state, rules in closure_data().states.items():
        observed = rules.observed_days == "package"
        names = {
            part
            for label in holidays.US(subdiv=state, years=range(2024, 2031), observed=observed).values()
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


def test_georgia_closes_on_the_day_the_governor_designates() -> None:
    # O.C.G.A. 1-4-1(b): the Governor specifies the closures. georgia.gov's 2025 schedule:
    # Washington's Birthday "will be observed Friday, December 26". From Wed 2025-12-24: Thu 25
    # Christmas, Fri 26 Washington's Birthday, Mon 29 (1).
    assert business("GA", "2025-12-24", 1) == (D("2025-12-29"), [D("2025-12-25"), D("2025-12-26")])
    # The Friday after Thanksgiving is a state holiday (2025 schedule: "Observed on Friday,
    # November 28"): from Wed 11-26, Thu 27 and Fri 28 closed, Mon 12-01 (1).
    assert business("GA", "2025-11-26", 1) == (D("2025-12-01"), [D("2025-11-27"), D("2025-11-28")])
    # Presidents' Day, Mon 2026-02-16: Georgia's offices are open, but a Federal holiday is not a
    # business day (34 CFR 300.11(b)). From Fri 02-13: Mon 16 skipped, Tue 17 (1).
    assert business("GA", "2026-02-13", 1) == (D("2026-02-17"), [D("2026-02-16")])


def test_north_carolina_keeps_its_three_christmas_days_and_works_the_juneteenth_friday() -> None:
    # The State Human Resources Commission's 2026 schedule: Christmas on Thu Dec 24, Fri 25 and
    # Mon 28. From Wed 2026-12-23: Thu 24, Fri 25, Mon 28 closed, Tue 29 (1).
    assert business("NC", "2026-12-23", 1) == (D("2026-12-29"), [D("2026-12-24"), D("2026-12-25"), D("2026-12-28")])
    # 2027: Thu Dec 23, Fri 24 and Mon 27. From Wed 12-22: Tue 12-28 (1).
    assert business("NC", "2027-12-22", 1) == (D("2027-12-28"), [D("2027-12-23"), D("2027-12-24"), D("2027-12-27")])
    # Juneteenth is not a North Carolina state holiday: Sat 2027-06-19 closes no Friday. From
    # Thu 06-17: Fri 18 (1). The package's list would close Fri 18 and end on Mon 06-21.
    assert business("NC", "2027-06-17", 1) == (D("2027-06-18"), [])


def test_michigan_closes_on_election_day_christmas_eve_and_new_years_eve() -> None:
    # Tue 2026-11-03 (general election, an even year): from Mon 11-02, Tue skipped, Wed 04 (1).
    assert business("MI", "2026-11-02", 1) == (D("2026-11-04"), [D("2026-11-03")])
    # Thu 2026-12-24 Christmas Eve, Fri 25 Christmas, Thu 31 New Year's Eve, Fri 2027-01-01. From
    # Wed 12-23: Mon 28 (1), Tue 29 (2), Wed 30 (3), Mon 2027-01-04 (4).
    due, skipped = business("MI", "2026-12-23", 4)
    assert due == D("2027-01-04")
    assert skipped == [D("2026-12-24"), D("2026-12-25"), D("2026-12-31"), D("2027-01-01")]


def test_arizona_moves_only_the_holidays_its_statute_names() -> None:
    # A.R.S. 1-301(C): Independence Day on Sat 2026-07-04 is observed Fri 07-03. From Thu 07-02:
    # Fri 03 closed, Mon 06 (1).
    assert business("AZ", "2026-07-02", 1) == (D("2026-07-06"), [D("2026-07-03")])
    # Juneteenth is not a 1-301 holiday: Sat 2027-06-19 closes no Friday. From Thu 06-17: Fri 18 (1).
    assert business("AZ", "2027-06-17", 1) == (D("2027-06-18"), [])
    # No Friday after Thanksgiving in Arizona: from Wed 2026-11-25, Thu 26 skipped, Fri 27 (1).
    assert business("AZ", "2026-11-25", 1) == (D("2026-11-27"), [D("2026-11-26")])


def test_virginia_closes_on_election_day_and_not_on_inauguration_day() -> None:
    # Va. Code 2.2-3300: "the Tuesday following the first Monday in November", every year.
    # Tue 2027-11-02: from Mon 11-01, Tue skipped, Wed 03 (1).
    assert business("VA", "2027-11-01", 1) == (D("2027-11-03"), [D("2027-11-02")])
    # A Saturday holiday closes the Friday next preceding: Juneteenth, Sat 2027-06-19. From Thu
    # 06-17: Fri 18 closed, Mon 21 (1).
    assert business("VA", "2027-06-17", 1) == (D("2027-06-21"), [D("2027-06-18")])
    # Inauguration Day, Thu 2033-01-20, is not a 2.2-3300 holiday: from Wed 01-19, Thu 20 (1).
    assert business("VA", "2033-01-19", 1) == (D("2033-01-20"), [])
