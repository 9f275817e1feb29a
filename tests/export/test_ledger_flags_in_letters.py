"""Letters state what the ledger counts: entries it does not count say so, and the minutes
table says which calendar the required minutes come from.

The demo case (see test_demo_letters): speech therapy from Mon 2026-09-28 to Sat 11-28,
required 492, delivered 315, owed 165.
"""

from __future__ import annotations

from datetime import date

from iep_tui.calendar.settings import CalendarSettings
from iep_tui.domain.models import CaseBundle, Session
from iep_tui.export import letter_parts as parts
from iep_tui.export.letters import build_letter
from iep_tui.export.text_layout import render_text
from iep_tui.services.export_service import case_view

TODAY = date(2026, 11, 28)


def _with_sessions(bundle: CaseBundle, *sessions: Session) -> CaseBundle:
    return bundle.model_copy(update={"sessions": [*bundle.sessions, *sessions]})


def _speech_row(view) -> tuple[int, int, int]:
    line = next(s for s in view.services if s.requirement.id == "req-speech")
    return line.ledger.required_minutes, line.ledger.delivered_minutes, line.ledger.owed_minutes


def test_a_missed_session_on_a_closed_day_is_listed_but_not_owed(demo_bundle):
    closed = Session(
        id="ses-x-1111",
        requirement_id="req-speech",
        date=date(2026, 11, 11),
        status="missed",
        reason="provider-absent",
        source="parent-observation",
    )  # Veterans Day: closed
    view = case_view(_with_sessions(demo_bundle, closed), TODAY)
    # the numbers of the demo letters, unchanged: required 492, delivered 315, owed 165
    # (before the rule: owed 195, and delivered 315 + owed 195 = 510 > 492 required)
    assert _speech_row(view) == (492, 315, 165)
    entry = next(e for e in view.log if e.session.id == "ses-x-1111")
    assert not entry.owed and "not a school day" in entry.flag
    text = " ".join(render_text(build_letter("compliance-notice", view)).split())
    assert "provider absent (not a school day, so no session was due: not counted)" in text


def test_a_day_logged_delivered_and_missed_is_named_as_conflicting_and_not_owed(demo_bundle):
    # the demo logs speech delivered on Thu Nov 12 (its regular Tuesday/Thursday sessions)
    assert any(
        s.requirement_id == "req-speech" and s.date == date(2026, 11, 12) and s.status == "delivered"
        for s in demo_bundle.sessions
    )
    # the demo's Nov 12 entry is from the school's log; a miss in the same record contradicts it
    # (a miss from the parent's record would make the day disputed between the two records)
    missed = Session(
        id="ses-x-1112",
        requirement_id="req-speech",
        date=date(2026, 11, 12),
        status="missed",
        reason="provider-absent",
        source="school-log",
    )
    view = case_view(_with_sessions(demo_bundle, missed), TODAY)
    # delivered 30 + missed 30 on one day of 30-minute sessions: the day is set aside until the
    # record is corrected, neither delivered nor owed: owed stays 165 (the miss is not owed) and
    # delivered drops by that day's 30: 315 - 30 = 285 (checked by hand against the demo's
    # speech sessions: Nov 12 is one of its regular Thursday sessions, delivered 30)
    assert _speech_row(view) == (492, 285, 165)
    ref = next(e.ref for e in view.log if e.session.id == "ses-x-1112")
    flat = " ".join(render_text(build_letter("compliance-notice", view)).split())
    assert "provider absent (the same day is also logged as delivered: not counted)" in flat
    assert (
        f"Conflicting entries: the log shows speech therapy on Nov 12, 2026 (delivered 30 min, missed 30 min: {ref}), "
        "more than one session's length. Until the record is corrected, that day is counted neither as delivered "
        "nor as owed." in flat
    )


def test_the_minutes_table_caption_follows_the_calendar(demo_bundle):
    district = case_view(demo_bundle, TODAY)
    # the demo's range (Sep 28 .. Nov 28) has short weeks (the Oct 9 staff day, Veterans Day, Thanksgiving),
    # so the caption says in one sentence how they were counted (issue 11 item 10): prorated by default
    assert parts.minutes_table(district).caption == (
        "Minutes from September 28, 2026 to November 28, 2026, counted on the district's school calendar. In a "
        "short week (a closure, or the first or last week counted) the required minutes are prorated: each school "
        "day counts for one fifth of the weekly minutes."
    )
    case = demo_bundle.case.model_copy(update={"calendar": CalendarSettings(state=demo_bundle.case.state)})
    estimate = case_view(demo_bundle.model_copy(update={"case": case}), TODAY)
    assert estimate.estimate
    caption = parts.minutes_table(estimate).caption
    assert "estimated without the district calendar" in caption
    assert "district's school calendar" not in caption
    text = " ".join(render_text(build_letter("compliance-notice", estimate)).split())
    assert "counted on the district's school calendar" not in text


def test_the_caption_says_how_short_weeks_were_counted_under_the_sessions_policy(demo_bundle):
    policy = demo_bundle.case.policy.model_copy(update={"partial_period": "sessions"})
    case = demo_bundle.case.model_copy(update={"policy": policy})
    caption = parts.minutes_table(case_view(demo_bundle.model_copy(update={"case": case}), TODAY)).caption
    assert caption.endswith(
        "A short week still requires every weekly session, unless a closure fell on a scheduled "
        "session day (or the week had fewer school days than sessions)."
    )


def test_a_week_without_a_short_week_needs_no_sentence(demo_bundle):
    # Mon Oct 12 .. Fri Oct 16 is a full week for every service: nothing to explain
    from iep_tui.domain.case_view import build_case_view

    view = build_case_view(demo_bundle, TODAY, start=date(2026, 10, 12), end=date(2026, 10, 16))
    assert parts.minutes_table(view).caption.endswith("counted on the district's school calendar.")


PRORATED_SHORT_WEEKS = (
    "In a short week (a closure, or the first or last week counted) the required minutes are prorated: each "
    "school day counts for one fifth of the weekly minutes."
)
"""The sentence for the default (prorate) policy, as `required_minutes.SHORT_WEEKS_SENTENCE` states it."""


def test_letters_that_quote_required_minutes_say_once_how_short_weeks_were_counted(demo_bundle):
    # Sep 28 .. Nov 28 has short weeks (the Oct 9 staff day, Veterans Day, Thanksgiving). The state complaint
    # quotes each service's required minutes (speech "492 minutes were required"); the compensatory proposal
    # and the district escalation quote the 195 required minutes no log records. Each says once how short
    # weeks count; the compliance notice says it in its table's caption only.
    view = case_view(demo_bundle, TODAY)
    for kind, near in (
        ("state-complaint", "492 minutes were required"),
        ("compensatory-proposal", "For another 195 minutes (3 h 15 min) of required services"),
        ("district-escalation", "For another 195 minutes (3 h 15 min) of required services"),
        ("compliance-notice", "Minutes from September 28, 2026 to November 28, 2026, counted on the district's"),
    ):
        text = " ".join(render_text(build_letter(kind, view)).split())
        assert near in text, kind
        assert text.count(PRORATED_SHORT_WEEKS) == 1, kind
    # the state complaint says it right after the facts that quote the required minutes
    complaint = " ".join(render_text(build_letter("state-complaint", view)).split())
    assert f"(B-9) {PRORATED_SHORT_WEEKS} These violations occurred" in complaint


def test_a_range_without_a_short_week_says_nothing_of_them(demo_bundle):
    # Mon Oct 12 .. Fri Oct 16: a full week for every service, with speech missed Oct 13 and 15
    from iep_tui.domain.case_view import build_case_view

    view = build_case_view(demo_bundle, TODAY, start=date(2026, 10, 12), end=date(2026, 10, 16))
    assert view.owed_minutes
    for kind in ("state-complaint", "compensatory-proposal", "district-escalation"):
        assert "short week" not in render_text(build_letter(kind, view)), kind


def test_minutes_not_delivered_as_written_are_owed_and_the_letter_says_why(demo_bundle):
    # the demo's speech session of Tue Oct 6 (delivered 30, school log) was, say, given in a group of 5:
    # it is owed now, 165 + 30 = 195, and no longer delivered, 315 - 30 = 285 (checked by hand)
    sessions = [
        s.model_copy(update={"delivered_as": "group of 5"}) if s.id == "ses-speech-2026-10-06" else s
        for s in demo_bundle.sessions
    ]
    assert any(s.delivered_as for s in sessions)
    view = case_view(demo_bundle.model_copy(update={"sessions": sessions}), TODAY)
    assert _speech_row(view) == (492, 285, 195)
    assert "or not delivered as the IEP says (such as in a group instead of individually)" in parts.policy_sentence(
        view
    )
    # without such a session the sentence is as before
    assert "not delivered as the IEP says" not in parts.policy_sentence(case_view(demo_bundle, TODAY))
