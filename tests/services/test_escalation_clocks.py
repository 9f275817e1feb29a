"""The escalation tracker's clocks ask `applicable_rule`, and records come before the meeting.

Issue 11, items 1, 3 and 4. Every date is counted by hand in the comments.
"""

from __future__ import annotations

from datetime import date

import pytest

from iep_tui.calendar.school_calendar import SchoolCalendar
from iep_tui.domain import escalation_ladder as ladder
from iep_tui.domain.models import Meeting

D = date.fromisoformat


def records_step(sent: str):
    return ladder.new_step("records-request", sent=D(sent), today=D("2026-11-28"))


def test_records_request_is_due_the_day_before_the_next_meeting() -> None:
    # 34 CFR 300.613(a): "before any meeting regarding an IEP ... and in no case more than 45
    # days". Sent Thu 2026-10-01; 45 calendar days would be Oct 1 + 30 = Oct 31, + 15 = Sun
    # Nov 15. An IEP meeting is scheduled for Thu 10-08: due Wed 2026-10-07.
    meeting = Meeting(date=D("2026-10-08"), status="scheduled", purpose="IEP meeting")
    calendar = SchoolCalendar.estimate_for("WA")
    step = records_step("2026-10-01")
    on_the_7th = ladder.view_step(step, calendar, "WA", D("2026-10-07"), [meeting])
    assert on_the_7th.due == D("2026-10-07") and on_the_7th.status == "sent"
    clock = on_the_7th.primary
    assert clock.before_meeting is meeting
    assert clock.basis().startswith("the day before the IEP meeting (scheduled) of 2026-10-08 (34 CFR 300.613(a)")
    assert "45 calendar days after 2026-10-01" in clock.basis()
    assert clock.to_json()["before_meeting"] == {"id": meeting.id, "date": "2026-10-08", "status": "scheduled"}
    # The day of the meeting, with no answer, it is overdue (1 day).
    on_the_8th = ladder.view_step(step, calendar, "WA", D("2026-10-08"), [meeting])
    assert (on_the_8th.status, on_the_8th.days_overdue) == ("overdue", 1)


@pytest.mark.parametrize(
    ("meeting", "due"),
    [
        # Cancelled: binds nothing -> the 45-day date, Sun 2026-11-15.
        (Meeting(date=D("2026-10-08"), status="cancelled"), D("2026-11-15")),
        # Before the request (Mon 09-28): not "the next" meeting -> 45 days.
        (Meeting(date=D("2026-09-28"), status="held"), D("2026-11-15")),
        # After the 45-day date (Fri 12-04): the 45 days come first.
        (Meeting(date=D("2026-12-04"), status="requested"), D("2026-11-15")),
        # A requested meeting counts too: Tue 10-20 -> due Mon 10-19.
        (Meeting(date=D("2026-10-20"), status="requested"), D("2026-10-19")),
    ],
)
def test_which_meetings_move_the_records_date(meeting: Meeting, due: date) -> None:
    view = ladder.view_step(
        records_step("2026-10-01"), SchoolCalendar.estimate_for("WA"), "WA", D("2026-10-02"), [meeting]
    )
    assert view.due == due


def test_a_stricter_state_count_still_stops_before_the_meeting() -> None:
    # California, Ed. Code 56504: 5 business days. Sent Thu 2026-10-01: Fri 2 (1), Mon 5 (2),
    # Tue 6 (3), Wed 7 (4), Thu 8 (5) -> Thu 10-08, earlier than the 45 days. A meeting on Wed
    # 10-07 makes it Tue 10-06.
    calendar = SchoolCalendar.estimate_for("CA")
    plain = ladder.view_step(records_step("2026-10-01"), calendar, "CA", D("2026-10-02"))
    assert (plain.due, plain.primary.rule_id) == (D("2026-10-08"), "ca-records")
    assert "earlier date applies" in plain.primary.applies
    sooner = ladder.view_step(
        records_step("2026-10-01"), calendar, "CA", D("2026-10-02"), [Meeting(date=D("2026-10-07"))]
    )
    assert sooner.due == D("2026-10-06")


def test_a_case_in_a_state_without_a_rules_file_is_warned_every_time() -> None:
    # Oregon has no rules file: the federal clock is used and the step says so.
    view = ladder.view_step(
        ladder.new_step("state-complaint", sent=D("2026-10-01"), today=D("2026-11-28")),
        SchoolCalendar.estimate_for("OR"),
        "OR",
        D("2026-10-02"),
    )
    # 34 CFR 300.152(a): 60 calendar days from Thu 10-01: Oct 31 (30), Nov 30 (60).
    assert view.due == D("2026-11-30")
    assert len(view.warnings) == 1 and "no rules file for Oregon (OR)" in view.warnings[0]
    assert view.to_json()["warnings"] == list(view.warnings)


def test_escalate_prints_the_warning_and_json_carries_it(cli, workspace) -> None:
    assert cli("case", "new", "--student", "Ava Lind", "--state", "OR").code == 0
    text = cli("escalate", "records-request", "--sent", "2026-11-02", "--to", "case-manager")
    assert text.code == 0, text.err
    # 45 calendar days from Mon 2026-11-02: Nov 30 (28), Dec 17 (45).
    assert "records due 2026-12-17" in text.out
    assert "!! iep-tui has no rules file for Oregon (OR)" in text.out
    as_json = cli("escalate", "compliance-notice", "--sent", "2026-11-02", "--to", "case-manager", "--json").json()
    assert as_json["warnings"] == []  # the reply convention is not law: nothing to warn about
    records = cli("escalations", "--json").json()
    assert any("Oregon" in w for step in records for w in step["warnings"])


def test_texas_evaluation_step_clock_names_the_federal_rule_it_replaces() -> None:
    clock = ladder.purpose_clock(
        "evaluation due", SchoolCalendar.estimate_for("TX"), D("2026-09-14"), "initial-evaluation", "TX"
    )
    assert clock.rule_id == "tx-evaluation" and clock.warnings == ()
    assert "replaces the federal rule initial-evaluation" in clock.applies
    # 45 school days (estimate) from Mon 2026-09-14: Sep 15-30 (12), October 22 weekdays less
    # Columbus Day (21, total 33), Nov 2-6 (38), 9, 10, 12, 13 (Veterans Day out; 42),
    # 16, 17, 18 (45) -> Wed 2026-11-18.
    assert clock.due == D("2026-11-18")


def test_a_federal_rule_named_for_a_step_is_asked_for_by_its_purpose() -> None:
    # `escalate --due-rule initial-evaluation` in a Texas case gets Texas's 45 school days
    # (same count as above: Wed 2026-11-18), not the federal 60 calendar days (Fri 11-13).
    clock = ladder.rule_clock("due", SchoolCalendar.estimate_for("TX"), D("2026-09-14"), "initial-evaluation", "TX")
    assert (clock.rule_id, clock.due) == ("tx-evaluation", D("2026-11-18"))


# ---------------------------------------------------------------- the meeting-request step (audit gap 2)


def meeting_step(sent: str):
    return ladder.new_step("meeting-request", sent=D(sent), today=D("2027-01-04"))


def test_texas_meeting_request_step_is_due_in_five_school_days_under_89_1050_e() -> None:
    # 19 TAC 89.1050(e) (read 2026-12-06, tx.json tx-ard-request): on a written request the
    # district must convene the ARD meeting or, "within five school days", explain a refusal in
    # writing. Sent Mon 2026-11-02 (TX estimate, no holiday that week): Tue 3 (1), Wed 4 (2),
    # Thu 5 (3), Fri 6 (4), Mon 9 (5) -> Mon 2026-11-09, not the 10-school-day convention
    # (Mon 11-16, the audit's "11-17" counted with Veterans Day Wed 11-11 off).
    calendar = SchoolCalendar.estimate_for("TX")
    on_the_10th = ladder.view_step(meeting_step("2026-11-02"), calendar, "TX", D("2026-11-10"))
    clock = on_the_10th.primary
    assert (clock.rule_id, clock.citation, clock.count, clock.day_kind) == (
        "tx-ard-request",
        "19 TAC 89.1050(e)",
        5,
        "school",
    )
    assert clock.due == D("2026-11-09") and not clock.convention
    assert "tx-ard-request" in clock.applies and clock.warnings == ()
    # Overdue the day after the fifth school day, as the law has it.
    assert (on_the_10th.status, on_the_10th.days_overdue) == ("overdue", 1)
    assert on_the_10th.to_json()["rule"]["id"] == "tx-ard-request"


def test_california_meeting_request_step_is_the_meeting_within_30_days_under_56343_5() -> None:
    # Cal. Ed. Code 56343.5 (read 2026-12-06, ca.json ca-iep-meeting-request): the meeting "shall
    # be held within 30 days, not counting days between the pupil's regular school sessions,
    # terms, or days of school vacation in excess of five schooldays".
    # Without a district calendar: a plain calendar count, said to be an estimate. Sent Mon
    # 2026-11-02: Nov 2 + 28 = Nov 30, + 2 = Wed 2026-12-02.
    (estimated,) = ladder.step_clocks(meeting_step("2026-11-02"), SchoolCalendar.estimate_for("CA"), "CA")
    assert (estimated.rule_id, estimated.due) == ("ca-iep-meeting-request", D("2026-12-02"))
    assert estimated.citation == "Cal. Ed. Code 56343.5" and not estimated.convention
    # On a district calendar the winter break (Mon 12-21 .. Fri 2027-01-01: 10 school days, with
    # its weekends Sat 12-19 .. Sun 01-03) is left out; Thanksgiving week (5 school days, not "in
    # excess of five") is counted. Sent Mon 2026-12-07: Dec 8..18 are days 1-11; Dec 19 - Jan 3
    # not counted; Jan 4 is day 12, so day 30 is Jan 4 + 18 = Fri 2027-01-22.
    from iep_tui.calendar.settings import CalendarSettings, Closure, SchoolYear

    district = SchoolCalendar.from_settings(
        CalendarSettings(
            state="CA",
            school_years=[SchoolYear(first_day=D("2026-08-19"), last_day=D("2027-06-10"), label="2026-27")],
            closures=[
                Closure(start=D("2026-11-23"), end=D("2026-11-27"), label="Thanksgiving break", kind="break"),
                Closure(start=D("2026-12-21"), end=D("2027-01-01"), label="Winter break", kind="break"),
            ],
        )
    )
    (clock,) = ladder.step_clocks(meeting_step("2026-12-07"), district, "CA")
    assert (clock.rule_id, clock.due, clock.estimate) == ("ca-iep-meeting-request", D("2027-01-22"), False)


@pytest.mark.parametrize(
    ("state", "why"),
    [
        # Washington: researched, no state rule (wa.json federal_applies): no warning.
        ("WA", "Washington sets none in the text read"),
        # New York: iep-meeting-request not researched: the warning travels with the clock.
        ("NY", "were not researched"),
        # Oregon: no rules file: the warning names it.
        ("OR", "no rules file for Oregon"),
    ],
)
def test_a_meeting_request_with_no_state_rule_keeps_the_ten_school_day_convention(state: str, why: str) -> None:
    # Federal law sets no clock for a parent's meeting request, so the step keeps this app's
    # 10-school-day reply convention and says it is one. Sent Mon 2026-10-05 on the estimate,
    # Columbus Day Mon 10-12 is a federal holiday (all three states): Oct 6-9 (4), 13-16 (8),
    # Mon 19 (9), Tue 20 (10) -> Tue 2026-10-20.
    (clock,) = ladder.step_clocks(meeting_step("2026-10-05"), SchoolCalendar.estimate_for(state), state)
    assert (clock.rule_id, clock.convention, clock.due) == ("default-response", True, D("2026-10-20"))
    assert "a convention of this app, not a legal deadline" in clock.describe()
    assert why in clock.applies
    warned = any(why in w for w in clock.warnings)
    assert warned == (state != "WA")


def test_the_meeting_request_letter_and_its_step_give_the_same_date() -> None:
    # A Texas case with a meeting-request draft: the letter's law sentence (`meeting_due`, the
    # state's rule from the letter's date) and the step's clock (`reply_for`, the tracker's)
    # are one date. Today Sat 2026-11-28: Mon 30 (1), Dec 1 (2), 2 (3), 3 (4), Fri 4 (5).
    from iep_tui.calendar.settings import CalendarSettings
    from iep_tui.demo.demo_case import build_demo_bundle
    from iep_tui.services.export_service import case_view

    demo = build_demo_bundle()
    case = demo.case.model_copy(update={"state": "TX", "calendar": CalendarSettings(state="TX")})
    draft = ladder.new_step("meeting-request", sent=None, today=D("2026-11-28"))
    bundle = demo.model_copy(update={"case": case, "escalations": [*demo.escalations, draft]})
    view = case_view(bundle, D("2026-11-28"))
    letter, tracker = view.meeting_due, view.reply_for("meeting-request")
    assert letter.due == tracker.due == D("2026-12-04")
    assert letter.rule_id == tracker.rule_id == "tx-ard-request"
