"""A case with years of misses can still be opened: a suggested step cites at most what a step may hold."""

from __future__ import annotations

from datetime import date, timedelta

from iep_tui.domain.models import Case, CaseBundle, Requirement, Session
from iep_tui.limits import LIST_MAX
from iep_tui.services.escalation_service import overview


def test_a_state_complaint_suggestion_cites_the_newest_misses_a_step_can_hold():
    speech = Requirement(kind="service", name="Speech", text="Speech", frequency="30 min 2x weekly")
    start = date(2024, 9, 2)  # a Monday; a miss every weekday for 60 weeks: 300 misses, more than a step holds
    days = [start + timedelta(days=7 * w + d) for w in range(60) for d in range(5)]
    sessions = [
        Session(requirement_id=speech.id, date=day, status="missed", minutes=30, reason="provider-absent")
        for day in days
    ]
    bundle = CaseBundle(case=Case(student="Ana", state="WA"), requirements=[speech], sessions=sessions)
    suggestions = overview(bundle, days[-1] + timedelta(days=3)).suggestions  # raised a ValidationError before
    complaint = next(s for s in suggestions if s.key == "state-complaint")
    cited = complaint.draft.session_ids
    assert len(cited) == LIST_MAX
    newest = {s.id for s in sorted(sessions, key=lambda s: s.date)[-LIST_MAX:]}
    assert set(cited) == newest  # the most recent: the one-year look-back keeps them (34 CFR 300.153(c))
