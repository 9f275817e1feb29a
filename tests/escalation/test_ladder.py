"""Step clocks, derived `overdue`, transitions and recomputation on the hand-built calendar.

Every expected date is counted by hand in the comment above it (see conftest.py for
the calendar). Day 0 is the sent date and is not counted.
"""

from __future__ import annotations

from datetime import date

import pytest

from iep_tui.calendar.school_calendar import SchoolCalendar
from iep_tui.domain import escalation_ladder as ladder
from iep_tui.domain.models import EscalationStep
from iep_tui.errors import InputError

from .conftest import D, district_settings


def sent_step(kind: str, sent: str, **fields) -> EscalationStep:
    return EscalationStep(kind=kind, sent=D(sent), status="sent", **fields)


# ---------------------------------------------------------------- default clocks


def test_compliance_notice_defaults_to_10_school_days_and_says_it_is_a_convention(calendar: SchoolCalendar) -> None:
    # Sent Mon 2026-10-05. School days: Tue 6 (1), Wed 7 (2), Thu 8 (3), Fri 9 closed (teacher
    # workday), Mon 12 (4: the district is open on Columbus Day), 13 (5), 14 (6), 15 (7),
    # 16 (8), Mon 19 (9), Tue 20 (10) -> due 2026-10-20.
    (clock,) = ladder.step_clocks(sent_step("compliance-notice", "2026-10-05"), calendar, "WA")
    assert clock.due == D("2026-10-20")
    assert (clock.count, clock.day_kind, clock.rule_id) == (10, "school", "default-response")
    assert clock.convention
    assert "a convention of this app, not a legal deadline" in clock.describe()
    assert (D("2026-10-09"), "Teacher workday (closure)") in clock.skipped


@pytest.mark.parametrize(
    "kind", ["meeting-request", "pwn-request", "iep-meeting", "district-escalation", "mediation", "ocr-complaint"]
)
def test_other_kinds_also_default_to_10_school_days(calendar: SchoolCalendar, kind: str) -> None:
    # Same count as above: sent Mon 2026-10-05 -> Tue 2026-10-20.
    (clock,) = ladder.step_clocks(sent_step(kind, "2026-10-05"), calendar, "WA")
    assert clock.due == D("2026-10-20") and clock.convention


def test_notice_across_thanksgiving_counts_the_early_release_day(calendar: SchoolCalendar) -> None:
    # Sent Fri 2026-11-20. Mon 23 (1), Tue 24 (2), Wed 25 early release (3: still a school day),
    # Thu-Fri 26-27 Thanksgiving closed, Mon 30 (4), Dec 1 (5), 2 (6), 3 (7), 4 (8),
    # Mon 7 (9), Tue 8 (10) -> 2026-12-08.
    (clock,) = ladder.step_clocks(sent_step("compliance-notice", "2026-11-20"), calendar, "WA")
    assert clock.due == D("2026-12-08")


def test_records_request_without_a_state_rule_is_45_calendar_days_under_300_613(calendar: SchoolCalendar) -> None:
    # Washington ships no records rule. Sent 2026-10-05: 26 days take us to Oct 31, 19 more
    # to Nov 19 (26 + 19 = 45) -> 2026-11-19.
    (clock,) = ladder.step_clocks(sent_step("records-request", "2026-10-05"), calendar, "WA")
    assert clock.due == D("2026-11-19")
    assert clock.rule_id == "records-access"
    assert clock.citation == "34 CFR 300.613(a)"
    assert not clock.convention


def test_records_request_in_california_uses_the_stricter_5_business_days() -> None:
    # Business days ignore the district calendar and skip federal + state holidays.
    # Sent Mon 2026-10-05: Tue 6 (1), Wed 7 (2), Thu 8 (3), Fri 9 (4: a school closure, but a
    # business day), Mon 12 Columbus Day (federal holiday, not counted), Tue 13 (5) -> 2026-10-13,
    # earlier than the federal 2026-11-19.
    ca = SchoolCalendar.from_settings(district_settings("CA"))
    (clock,) = ladder.step_clocks(sent_step("records-request", "2026-10-05"), ca, "CA")
    assert clock.due == D("2026-10-13")
    assert clock.rule_id == "ca-records"
    assert "56504" in clock.citation


def test_records_request_in_illinois_uses_10_business_days() -> None:
    # Sent Mon 2026-10-05: 6, 7, 8, 9 (4), Mon 12 Columbus Day skipped, 13, 14, 15, 16 (8),
    # Mon 19 (9), Tue 20 (10) -> 2026-10-20 (federal would be 2026-11-19).
    il = SchoolCalendar.from_settings(district_settings("IL"))
    (clock,) = ladder.step_clocks(sent_step("records-request", "2026-10-05"), il, "IL")
    assert (clock.due, clock.rule_id) == (D("2026-10-20"), "il-records")


def test_state_complaint_shows_the_decision_due_60_calendar_days_after_filing(calendar: SchoolCalendar) -> None:
    # Filed 2026-10-05: 26 days to Oct 31, 30 in November (56), 4 in December (60) -> 2026-12-04.
    (clock,) = ladder.step_clocks(sent_step("state-complaint", "2026-10-05"), calendar, "WA")
    assert clock.due == D("2026-12-04")
    assert clock.label == "decision due"
    assert clock.citation == "34 CFR 300.152(a)"


def test_due_process_shows_the_resolution_meeting_and_the_end_of_the_resolution_period(
    calendar: SchoolCalendar,
) -> None:
    # Filed 2026-10-05. Meeting: +15 calendar days -> 2026-10-20. Period: 26 days to Oct 31,
    # 4 more (30) -> 2026-11-04.
    meeting, period = ladder.step_clocks(sent_step("due-process", "2026-10-05"), calendar, "WA")
    assert (meeting.label, meeting.due, meeting.citation) == (
        "resolution meeting due",
        D("2026-10-20"),
        "34 CFR 300.510(a)",
    )
    assert (period.label, period.due, period.citation) == (
        "resolution period ends",
        D("2026-11-04"),
        "34 CFR 300.510(b)(1)",
    )


def test_a_user_count_overrides_the_default(calendar: SchoolCalendar) -> None:
    # "A meeting within 3 school days", sent Tue 2026-11-24: Wed 25 (1, early release),
    # Thanksgiving Thu-Fri closed, Mon 30 (2), Tue Dec 1 (3) -> 2026-12-01.
    step = sent_step("meeting-request", "2026-11-24", due_count=3, due_day_kind="school")
    (clock,) = ladder.step_clocks(step, calendar, "WA")
    assert clock.due == D("2026-12-01")
    assert clock.user_set and clock.rule_id is None
    assert "the count you set" in clock.describe()


def test_a_user_rule_overrides_the_default(calendar: SchoolCalendar) -> None:
    # A records request under FERPA's rule instead: 45 calendar days from 2026-10-05 -> 2026-11-19.
    step = sent_step("records-request", "2026-10-05", due_rule="ferpa-records-access")
    (clock,) = ladder.step_clocks(step, calendar, "WA")
    assert (clock.due, clock.rule_id, clock.citation) == (D("2026-11-19"), "ferpa-records-access", "34 CFR 99.10(b)")


def test_a_rule_of_another_state_is_refused(calendar: SchoolCalendar) -> None:
    with pytest.raises(InputError, match="California"):
        ladder.step_clocks(sent_step("records-request", "2026-10-05", due_rule="ca-records"), calendar, "WA")


def test_a_draft_has_no_clock(calendar: SchoolCalendar) -> None:
    assert ladder.step_clocks(EscalationStep(kind="compliance-notice"), calendar, "WA") == ()


def test_a_count_past_the_last_student_day_gives_no_date_and_never_turns_overdue(calendar: SchoolCalendar) -> None:
    # Sent Thu 2027-06-10: Fri 11 (1), Mon 14 (2), 15 (3), 16 (4), Thu 17 (5) is the last student
    # day. Only 5 of 10 school days exist: no date, flagged, not silently rolled into September.
    step = sent_step("compliance-notice", "2027-06-10")
    view = ladder.view_step(step, calendar, "WA", D("2027-08-01"))
    assert view.due is None
    assert view.primary is not None
    assert (view.primary.flag, view.primary.days_available) == ("past_end_of_school_year", 5)
    assert view.status == "sent"
    assert "runs past the end of the school year (only 5 available)" in view.primary.describe()


# ---------------------------------------------------------------- overdue


@pytest.mark.parametrize(
    ("today", "status", "days_overdue"),
    [
        ("2026-10-19", "sent", 0),
        ("2026-10-20", "sent", 0),  # the due date itself is not late
        ("2026-10-21", "overdue", 1),
        ("2026-10-26", "overdue", 6),
    ],
)
def test_a_sent_step_is_overdue_only_after_its_due_date(
    calendar: SchoolCalendar, today: str, status: str, days_overdue: int
) -> None:
    # Due Tue 2026-10-20 (counted in the first test).
    view = ladder.view_step(sent_step("compliance-notice", "2026-10-05"), calendar, "WA", D(today))
    assert view.status == status
    assert view.days_overdue == days_overdue


def test_answered_and_closed_steps_are_never_overdue(calendar: SchoolCalendar) -> None:
    step = sent_step("compliance-notice", "2026-10-05")
    answered = ladder.record_response(step, D("2026-10-22"), "We will meet.", today=D("2026-10-22"))
    assert ladder.view_step(answered, calendar, "WA", D("2026-11-30")).status == "answered"
    closed = ladder.close_step(step)
    assert ladder.view_step(closed, calendar, "WA", D("2026-11-30")).status == "closed"


def test_overdue_is_never_stored() -> None:
    with pytest.raises(ValueError):
        EscalationStep(kind="compliance-notice", sent=D("2026-10-05"), status="overdue")  # type: ignore[arg-type]


# ---------------------------------------------------------------- recomputation


def test_changing_the_sent_date_recomputes_the_due_date_and_the_status(calendar: SchoolCalendar) -> None:
    today = D("2026-10-22")
    step = sent_step("compliance-notice", "2026-10-05")
    assert ladder.view_step(step, calendar, "WA", today).status == "overdue"  # due 2026-10-20
    # Sent Mon 2026-10-12 instead: Tue 13 (1), 14 (2), 15 (3), 16 (4), Mon 19 (5), 20 (6), 21 (7),
    # 22 (8), 23 (9), Mon 26 (10) -> 2026-10-26, so on 2026-10-22 it is still waiting.
    moved = ladder.change_sent_date(step, D("2026-10-12"), today)
    view = ladder.view_step(moved, calendar, "WA", today)
    assert (view.due, view.status) == (D("2026-10-26"), "sent")


def test_changing_the_case_calendar_recomputes_the_due_date() -> None:
    step = sent_step("compliance-notice", "2026-10-05")
    # A weather closure on Mon-Tue 2026-10-19..20: the 9th and 10th school days move to
    # Wed 21 (9) and Thu 22 (10) -> 2026-10-22.
    snowed = SchoolCalendar.from_settings(district_settings(extra_closures=(("2026-10-19", "2026-10-20", "Snow"),)))
    assert ladder.view_step(step, snowed, "WA", D("2026-10-21")).due == D("2026-10-22")
    assert ladder.view_step(step, snowed, "WA", D("2026-10-21")).status == "sent"


# ---------------------------------------------------------------- transitions


def test_the_ladder_runs_draft_sent_answered_closed() -> None:
    today = D("2026-10-30")
    draft = ladder.new_step("compliance-notice", sent=None, today=today, to_roles=["Case Manager"])
    assert draft.status == "draft" and draft.to_roles == ["case-manager"]
    sent = ladder.mark_sent(draft, D("2026-10-05"), today)
    assert (sent.status, sent.sent) == ("sent", D("2026-10-05"))
    answered = ladder.record_response(sent, D("2026-10-21"), "  The SLP is back Monday.  ", today)
    assert (answered.status, answered.response, answered.response_date) == (
        "answered",
        "The SLP is back Monday.",
        D("2026-10-21"),
    )
    reopened = ladder.reopen_step(answered)  # the answer did not answer
    assert reopened.status == "sent" and reopened.response == "The SLP is back Monday."
    closed = ladder.close_step(reopened)
    assert closed.status == "closed"
    assert ladder.reopen_step(closed).status == "sent"


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (lambda s, t: ladder.record_response(s, D("2026-10-06"), "ok", t), "still a draft"),
        (lambda s, t: ladder.close_step(ladder.close_step(s)), "already closed"),
        (lambda s, t: ladder.reopen_step(s), "never sent"),
        (lambda s, t: ladder.mark_sent(s, D("2026-11-01"), t), "in the future"),
    ],
)
def test_transitions_that_make_no_sense_are_refused_with_a_reason(action, message: str) -> None:
    draft = ladder.new_step("pwn-request", sent=None, today=D("2026-10-30"))
    with pytest.raises(InputError, match=message):
        action(draft, D("2026-10-30"))


def test_a_response_cannot_predate_the_step_or_be_empty() -> None:
    step = sent_step("compliance-notice", "2026-10-05")
    with pytest.raises(InputError, match="before the step was sent"):
        ladder.record_response(step, D("2026-10-04"), "ok", D("2026-10-30"))
    with pytest.raises(InputError, match="empty"):
        ladder.record_response(step, D("2026-10-06"), "   ", D("2026-10-30"))
    with pytest.raises(InputError, match="Only a draft"):
        ladder.mark_sent(step, D("2026-10-06"), D("2026-10-30"))


def test_a_new_step_cannot_be_sent_in_the_future_or_be_of_an_unknown_kind() -> None:
    with pytest.raises(InputError, match="future"):
        ladder.new_step("compliance-notice", sent=D("2026-11-01"), today=D("2026-10-30"))
    with pytest.raises(InputError, match="not a step kind"):
        ladder.new_step("lawsuit", sent=None, today=D("2026-10-30"))


def test_set_due_switches_between_rule_count_and_default() -> None:
    step = sent_step("meeting-request", "2026-10-05")
    counted = ladder.set_due(step, count=5, day_kind="business")
    assert (counted.due_count, counted.due_day_kind, counted.due_rule) == (5, "business", None)
    back = ladder.set_due(counted)
    assert (back.due_count, back.due_day_kind, back.due_rule) == (None, None, None)
    with pytest.raises(InputError):
        ladder.set_due(step, rule="records-access", count=3, day_kind="school")


def test_district_escalation_climbs_rung_by_rung_in_the_case_s_role_names(make_bundle) -> None:
    bundle = make_bundle(contacts=("case-manager", "sped-director", "asst-superintendent"))
    assert ladder.next_district_rung(bundle) == "sped-director"
    first = sent_step("district-escalation", "2026-10-05", to_roles=["special-education-director"])
    bundle = bundle.model_copy(update={"escalations": [first]})
    assert ladder.next_district_rung(bundle) == "asst-superintendent"
    second = sent_step("district-escalation", "2026-10-20", to_roles=["asst-superintendent"])
    third = sent_step("district-escalation", "2026-11-02", to_roles=["superintendent"])
    bundle = bundle.model_copy(update={"escalations": [first, second, third]})
    assert ladder.next_district_rung(bundle) is None


def test_view_steps_orders_by_sent_date_with_drafts_last(make_bundle, calendar: SchoolCalendar) -> None:
    steps = [
        EscalationStep(id="draft-one", kind="pwn-request"),
        sent_step("records-request", "2026-10-12", id="later-one"),
        sent_step("compliance-notice", "2026-10-05", id="first-one"),
    ]
    views = ladder.view_steps(make_bundle(escalations=steps), calendar, date(2026, 10, 30))
    assert [v.id for v in views] == ["first-one", "later-one", "draft-one"]
    data = views[0].to_json()
    assert {k: data[k] for k in ("id", "kind", "sent", "due", "status")} == {
        "id": "first-one",
        "kind": "compliance-notice",
        "sent": "2026-10-05",
        "due": "2026-10-20",
        "status": "overdue",
    }
    assert data["rule"]["id"] == "default-response" and data["rule"]["convention"] is True


def test_clock_units_read_as_words_for_every_day_kind() -> None:
    # California counts some clocks in calendar days excluding long breaks: the unit must
    # read as words ("calendar days (...)"), not "calendar excl breakss".
    clock = ladder.DueClock(label="meeting", start=D("2026-11-02"), count=30, day_kind="calendar_excl_breaks", due=None)
    assert clock.unit == "calendar days (long breaks and summer not counted)"
    one = ladder.DueClock(label="reply", start=D("2026-11-02"), count=1, day_kind="school", due=None)
    assert one.unit == "school day"
