"""Meetings: actions tracked until done (turning overdue), recap due the same day, agenda from gaps."""

from __future__ import annotations

import pytest

from iep_tui.domain import escalation_ladder as ladder
from iep_tui.domain import meeting_agenda as ma
from iep_tui.domain.models import EscalationStep, Meeting
from iep_tui.errors import InputError

from .conftest import D


def test_an_action_is_open_then_overdue_after_its_due_date_then_done() -> None:
    meeting = Meeting(date=D("2026-10-06"), status="held")
    meeting, action = ma.add_action(meeting, "Case Manager", "Send the accommodations page", D("2026-10-09"))
    assert action.owner_role == "case-manager"
    assert ma.action_state(action, D("2026-10-09")) == "open"  # the due date itself is not late
    assert ma.action_state(action, D("2026-10-10")) == "overdue"
    done = ma.complete_action(meeting, action.id, D("2026-10-12"), today=D("2026-10-12"))
    assert ma.action_state(done.actions[0], D("2026-10-30")) == "done"
    with pytest.raises(InputError, match="already marked done"):
        ma.complete_action(done, action.id, D("2026-10-12"), today=D("2026-10-12"))


def test_an_action_cannot_be_due_before_its_meeting_or_done_in_the_future() -> None:
    meeting = Meeting(date=D("2026-10-06"), status="held")
    with pytest.raises(InputError, match="before the meeting"):
        ma.add_action(meeting, "principal", "Arrange para coverage", D("2026-10-05"))
    meeting, action = ma.add_action(meeting, "principal", "Arrange para coverage", None)
    with pytest.raises(InputError, match="future"):
        ma.complete_action(meeting, action.id, D("2026-10-08"), today=D("2026-10-07"))


def test_the_recap_is_due_the_same_day_and_overdue_the_next() -> None:
    held = Meeting(date=D("2026-11-18"), status="held")
    assert ma.recap_due(held) == D("2026-11-18")
    assert ma.recap_state(held, D("2026-11-18")) == "due"
    assert ma.recap_state(held, D("2026-11-19")) == "overdue"
    sent = ma.mark_recap_sent(held, D("2026-11-18"), today=D("2026-11-18"))
    assert ma.recap_state(sent, D("2026-11-30")) == "sent"
    assert ma.recap_state(Meeting(date=D("2026-12-03"), status="requested"), D("2026-12-10")) == "not-due"
    with pytest.raises(InputError, match="before the meeting"):
        ma.mark_recap_sent(held, D("2026-11-17"), today=D("2026-11-18"))


def test_lateness_counts_calendar_days_after_the_due_date_or_the_meeting() -> None:
    meeting = Meeting(date=D("2026-10-06"), status="held")
    meeting, action = ma.add_action(meeting, "principal", "Arrange para coverage", D("2026-10-09"))
    assert ma.days_late(action) == 0  # not done yet
    # Due Fri 10-09, done Mon 10-12: Sat, Sun, Mon = 3 calendar days late.
    assert ma.days_late(ma.complete_action(meeting, action.id, D("2026-10-12"), today=D("2026-10-12")).actions[0]) == 3
    assert ma.days_late(ma.complete_action(meeting, action.id, D("2026-10-08"), today=D("2026-10-12")).actions[0]) == 0
    assert ma.recap_days_after(meeting) is None  # not sent
    assert ma.recap_days_after(ma.mark_recap_sent(meeting, D("2026-10-06"), today=D("2026-10-06"))) == 0
    assert ma.recap_days_after(ma.mark_recap_sent(meeting, D("2026-10-08"), today=D("2026-10-08"))) == 2


def test_find_action_by_prefix_across_meetings(make_bundle) -> None:
    m1, a1 = ma.add_action(Meeting(id="m-one", date=D("2026-10-06")), "slp", "Send the log", None)
    m2, a2 = ma.add_action(Meeting(id="m-two", date=D("2026-11-06")), "ot", "Resume OT", None)
    bundle = make_bundle(meetings=[m1, m2])
    meeting, action = ma.find_action(bundle, a2.id[:6])
    assert (meeting.id, action.id) == ("m-two", a2.id)


def test_the_agenda_is_built_from_the_open_gaps(make_bundle, entries, calendar) -> None:
    earlier = Meeting(id="m-earlier", date=D("2026-10-06"), status="held", recap_sent=D("2026-10-06"))
    earlier, _ = ma.add_action(earlier, "principal", "Arrange para coverage at recess", D("2026-10-13"))
    upcoming = Meeting(id="m-next", date=D("2026-11-20"), status="scheduled")
    bundle = make_bundle(
        sessions=[entries.missed("s-before", "2026-10-05"), entries.missed("s-after", "2026-10-13")],
        incidents=[entries.incident("i-elope", "2026-11-03", requirement_ids=["req-elope"])],
        escalations=[EscalationStep(id="n-1", kind="compliance-notice", sent=D("2026-10-05"), status="sent")],
        meetings=[earlier, upcoming],
    )
    today = D("2026-11-16")
    views = ladder.view_steps(bundle, calendar, today)
    owed = [
        ma.OwedLine("req-speech", "Speech therapy", 60, ("s-before", "s-after")),
        ma.OwedLine("req-ext", "Extended time", 0),
    ]
    from iep_tui.domain.safety import safety_urgency

    agenda = ma.build_agenda(bundle, views, owed, today, meeting=upcoming, urgency=safety_urgency(bundle, today))
    sections = dict(agenda.sections())
    assert list(sections) == [
        "Safety",
        "Services and minutes owed",
        "Implementation failures",
        "Responses the district owes",
        "Open actions from earlier meetings",
        "Plan and remedy",
    ]
    assert sections["Services and minutes owed"][0].text == "Speech therapy: 60 minutes owed"
    assert len(sections["Services and minutes owed"]) == 1  # nothing owed for extended time: not listed
    # Failures since the last held meeting (2026-10-06) only: s-before (10-05) is left out.
    failure_ids = {e.id for item in sections["Implementation failures"] for e in item.evidence}
    assert failure_ids == {"s-after", "i-elope"}
    assert (
        sections["Responses the district owes"][0].text
        == "Compliance notice sent 2026-10-05: response was due 2026-10-20"
    )
    assert "Arrange para coverage at recess" in sections["Open actions from earlier meetings"][0].text
    assert agenda.lines()[0] == "1. Safety"
