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


# ---------------------------------------------------------------- no district calendar (gap 1)

MAY_CARRY = "may_carry_into_next_school_year"


@pytest.mark.parametrize(
    ("state", "rule_id", "start", "law"),
    [
        # Tex. Educ. Code 29.004(a-1) (tx.json, read 2026-12-06): consent Fri 2027-04-30; the plain
        # count on the estimate ended Mon 2027-07-05, a summer date; the law resumes in the fall.
        ("TX", "tx-evaluation", "2027-04-30", "29.004"),
        # 29.004(a): consent Fri 2027-04-02, 35-44 school days before the last day -> June 30;
        # the estimate said Tue 2027-06-08.
        ("TX", "tx-evaluation", "2027-04-02", "29.004"),
        # Cal. Ed. Code 56344(a): a referral Mon 2027-05-17, 30 days or less before the end of the
        # year, gets its IEP 30 days into the next year; the estimate said Fri 2027-07-16.
        ("CA", "ca-initial-iep", "2027-05-17", "56344(a)"),
        # 22 Pa. Code 14.123(b): consent Thu 2027-04-15 + 60 calendar days = Mon 2027-06-14 on the
        # estimate (Apr 15 + 15 = Apr 30, + 31 = May 31, + 14 = Jun 14), but the summer is not counted.
        ("PA", "pa-evaluation", "2027-04-15", "14.123(b)"),
        # Cal. Ed. Code 56343.5: a request Mon 2027-04-19 + 30 = Wed 2027-05-19 (Apr 19 + 11 = Apr 30,
        # + 19 = May 19): in the second half of May, where a district's year may have ended.
        ("CA", "ca-iep-meeting-request", "2027-04-19", "56343.5"),
        # A trigger in the summer: consent Mon 2027-07-12 (the count starts on a first day unknown).
        ("TX", "tx-evaluation", "2027-07-12", "29.004"),
    ],
)
def test_without_a_district_calendar_a_count_that_could_reach_the_summer_has_no_date(
    state: str, rule_id: str, start: str, law: str
) -> None:
    result = deadline_for_rule(SchoolCalendar.estimate_for(state), D(start), get_rule(rule_id))
    assert (result.due, result.flag, result.estimate) == (None, MAY_CARRY, True)
    text = " ".join(result.explain())
    assert "may carry into the next school year" in text
    assert "load the district's calendar (iep-tui calendar import) for the date" in text
    assert law in text  # the rule's own year-end text, or its tolled count, is named
    assert result.to_json()["flag"] == MAY_CARRY and result.to_json()["due"] is None


@pytest.mark.parametrize(
    ("state", "rule_id", "start", "due"),
    [
        # 22 Pa. Code 14.123(b): Mon 2027-02-01 + 60 = Fri 2027-04-02 (Feb 1 + 27 = Feb 28, + 31 =
        # Mar 31, + 2 = Apr 2; Jan 1 2027 is a Friday and Apr 2 is day 92, 13 weeks later: Friday).
        ("PA", "pa-evaluation", "2027-02-01", "2027-04-02"),
        # Cal. Ed. Code 56343.5: Mon 2027-04-12 + 30 = Wed 2027-05-12 (Apr 12 + 18 = Apr 30, + 12),
        # before May 15: kept (an estimate, "likely later").
        ("CA", "ca-iep-meeting-request", "2027-04-12", "2027-05-12"),
        # Tex. Educ. Code 29.004: consent Mon 2026-09-14, 45 school days on the TX estimate: Sep 15-30
        # (12), October less Columbus Day (21, 33), Nov 2-6 (38), 9, 10, 12, 13 (Veterans Day out, 42),
        # 16, 17, 18 (45) -> Wed 2026-11-18, as before.
        ("TX", "tx-evaluation", "2026-09-14", "2026-11-18"),
    ],
)
def test_a_count_well_before_the_summer_keeps_its_estimated_date(
    state: str, rule_id: str, start: str, due: str
) -> None:
    result = deadline_for_rule(SchoolCalendar.estimate_for(state), D(start), get_rule(rule_id))
    assert (result.due, result.flag, result.estimate) == (D(due), None, True)


def test_a_rule_without_year_end_text_keeps_its_estimated_date_near_summer() -> None:
    # manifestation-determination (34 CFR 300.530(e)) has no year-end text and counts school
    # days: from Mon 2027-05-17 on the WA estimate, May 18-21 (4), 24-28 (9), Memorial Day Mon
    # 05-31 out, Tue 2027-06-01 (10). Kept: only the generic ESTIMATE caveat applies.
    result = deadline_for_rule(
        SchoolCalendar.estimate_for("WA"), D("2027-05-17"), get_rule("manifestation-determination")
    )
    assert (result.due, result.flag) == (D("2027-06-01"), None)
    # ... and says the school year may end first.
    assert any("the last day of school is unknown" in note for note in result.notes)


@pytest.mark.parametrize(
    ("start", "due", "warned"),
    [
        # WA estimate, 10 school days from Mon 2027-05-24: May 25-28 (4), Memorial Day Mon 05-31
        # out, Jun 1-4 (8), Mon 7 (9), Tue 2027-06-08 (10): the year may have ended: said.
        ("2027-05-24", "2027-06-08", True),
        # From Mon 2026-11-02: Nov 3-6 (4), 9, 10 (6), Veterans Day Wed 11 out, 12, 13 (8), 16, 17
        # (10) -> Tue 2026-11-17: nowhere near the summer, nothing said.
        ("2026-11-02", "2026-11-17", False),
    ],
)
def test_a_plain_school_day_count_on_the_estimate_says_when_the_year_may_end_first(
    start: str, due: str, warned: bool
) -> None:
    result = count_days(SchoolCalendar.estimate_for("WA"), D(start), 10, "school")
    assert result.due == D(due)
    said = " ".join(result.explain())
    assert ("if the school year ends first, the count has no date in it" in said) == warned
    assert ("iep-tui calendar import" in said) == warned


def test_deadline_says_it_in_text_and_json(cli, workspace) -> None:
    args = ("deadline", "--rule", "initial-evaluation", "--state", "TX", "--start", "2027-04-30")
    text = cli(*args)
    assert text.code == 0, text.err
    assert "Due " not in text.out and "2027-07-05" not in text.out
    assert "No date: without a district calendar, this count from Fri 2027-04-30 may carry into the next" in text.out
    as_json = cli(*args, "--json").json()
    assert (as_json["due"], as_json["flag"]) == (None, MAY_CARRY)
    assert as_json["applies"]["rule"] == "tx-evaluation"


def test_an_escalation_clock_says_it_and_is_never_overdue_for_it() -> None:
    from iep_tui.domain import escalation_ladder as ladder

    # `escalate --due-rule initial-evaluation` in a Texas case, sent Fri 2027-04-30, no calendar.
    clock = ladder.rule_clock(
        "evaluation due", SchoolCalendar.estimate_for("TX"), D("2027-04-30"), "initial-evaluation", "TX"
    )
    assert (clock.rule_id, clock.due, clock.flag) == ("tx-evaluation", None, MAY_CARRY)
    assert "no date, without a district calendar this count may carry into the next school year" in clock.describe()
    assert "iep-tui calendar import" in clock.describe()
    # A California meeting request sent Mon 2027-05-10 (+ 30 = Wed 06-09 on the estimate): no date,
    # so the step is "sent", never "overdue" on a date the law does not set.
    step = ladder.new_step("meeting-request", sent=D("2027-05-10"), today=D("2027-07-01"))
    view = ladder.view_step(step, SchoolCalendar.estimate_for("CA"), "CA", D("2027-07-01"))
    assert (view.due, view.status, view.primary.flag) == (None, "sent", MAY_CARRY)
    assert view.to_json()["rule"]["flag"] == MAY_CARRY


def test_a_step_on_a_tolled_rule_past_a_one_year_calendar_says_it_needs_the_next_year() -> None:
    from iep_tui.domain import escalation_ladder as ladder

    # `escalate --due-rule pa-evaluation`, sent Mon 2027-05-10 on the spring-only calendar: 18 of
    # the 60 days fall by Fri 05-28 (see above); the step's clock says what it needs, not "runs
    # past the end of the school year".
    clock = ladder.rule_clock("report due", spring_only("PA"), D("2027-05-10"), "pa-evaluation", "PA")
    assert (clock.due, clock.flag) == (None, FLAG_NEEDS_NEXT_YEAR)
    assert clock.describe().startswith(
        "report due: no date yet, the rule carries the count into the next school year; import that year's "
        "district calendar"
    )
