"""Issue 11 item 8, worked by hand on the district calendar of conftest.py.

Speech is "30 min 2x weekly": sessions of 30, 60 minutes a full week, at most one
session a day (two a week are not two a day). Every figure below is worked in a comment.
"""

from __future__ import annotations

from datetime import date

from iep_tui.domain.day_records import sessions_allowed_per_day
from iep_tui.domain.frequency import parse_frequency
from iep_tui.domain.ledger import DUPLICATE, requirement_ledger
from iep_tui.domain.models import LedgerPolicy, Requirement, Session

d = date.fromisoformat
SPEECH = Requirement(
    id="speech01", kind="service", name="speech", text="Speech-language therapy", frequency="30 min 2x weekly"
)
OCT12, OCT18 = d("2026-10-12"), d("2026-10-18")  # a full week: 5 school days, 60 required


def s(
    id_: str,
    day: str,
    status: str,
    minutes: int | None = None,
    reason: str | None = None,
    source: str = "parent-observation",
) -> Session:
    return Session(
        id=id_, requirement_id="speech01", date=d(day), status=status, minutes=minutes, reason=reason, source=source
    )


def week(calendar, *sessions: Session, req: Requirement = SPEECH, policy: LedgerPolicy | None = None):
    """The ledger of the full week of Oct 12."""
    return requirement_ledger(req, sessions, calendar, OCT12, OCT18, policy or LedgerPolicy())


def test_a_partial_and_a_miss_of_its_rest_owe_the_lost_minutes_once(district):
    # Tue: 20 of 30 delivered (10 short) + a 10-minute miss for the rest of the same session.
    # One session, 10 minutes lost: owed 10, not 10 (shortfall) + 10 (miss) = 20.
    led = week(
        district, s("p-d", "2026-10-13", "delivered", 20), s("p-m", "2026-10-13", "missed", 10, "provider-absent")
    )
    assert led.owed_minutes == 10
    assert (led.delivered_minutes, led.shortfall_minutes, led.missed_total) == (20, 0, 10)
    # the miss carries the owed minutes, with its reason
    assert [(e.session_id, e.kind, e.minutes) for e in led.owed_entries] == [("p-m", "missed", 10)]
    # 60 required - (20 + 0 + 10) = 30 unaccounted; nothing over-logged (before: 20 + 10 + 10 = 40 for one session)
    assert (led.unaccounted_minutes, led.over_logged_minutes) == (30, 0)
    assert led.partial_sessions == 1


def test_a_miss_covering_part_of_the_rest_leaves_the_rest_as_shortfall(district):
    # 20 delivered (10 short) + a 5-minute miss: the miss accounts for 5 of the 10; shortfall 5.
    # owed 5 (miss) + 5 (shortfall) = 10; logged 20 + 5 + 5 = 30, one session
    led = week(
        district, s("q-d", "2026-10-13", "delivered", 20), s("q-m", "2026-10-13", "missed", 5, "provider-absent")
    )
    assert (led.owed_minutes, led.shortfall_minutes, led.missed_total) == (10, 5, 5)
    assert led.unaccounted_minutes == 60 - 30


def test_a_student_absent_rest_of_a_partial_is_not_owed(district):
    # 20 delivered, then the student went home sick: the 10-minute miss (student-absent, not
    # owed by default) explains the 10 short minutes, so nothing is owed for Tuesday
    led = week(
        district, s("r-d", "2026-10-13", "delivered", 20), s("r-m", "2026-10-13", "missed", 10, "student-absent")
    )
    assert led.owed_minutes == 0
    assert led.missed_minutes["student-absent"] == 10


def test_two_misses_on_a_one_session_day_are_a_probable_duplicate_counted_once(district):
    # Thu: the same missed session logged twice (30 + 30). 2x weekly allows one session a day:
    # one counts (owed 30), the other is listed as a probable duplicate
    led = week(
        district,
        s("dup-a", "2026-10-15", "missed", 30, "provider-absent"),
        s("dup-b", "2026-10-15", "missed", 30, "provider-absent"),
    )
    assert led.owed_minutes == 30
    assert led.missed_total == 30
    assert [e.session_id for e in led.duplicate_entries] == ["dup-b"]
    assert [(e.session_id, e.flag) for e in led.excluded_entries] == [("dup-b", DUPLICATE)]
    doc = led.to_json()
    assert [e["id"] for e in doc["duplicate_entries"]] == ["dup-b"]
    assert doc["duplicate_entries"][0]["flag"] == DUPLICATE
    # 60 - 30 = 30 unaccounted (before: 60 - 60 = 0, and 60 owed for one session)
    assert led.unaccounted_minutes == 30


def test_of_a_partial_and_two_misses_the_miss_that_fits_counts(district):
    # 20 delivered leaves 10 of the day's one 30-minute session: of a 10 and a 30 missed,
    # the 10 fits and counts (owed 10, as in the first test); the 30 is the probable duplicate
    led = week(
        district,
        s("f-d", "2026-10-13", "delivered", 20),
        s("f-30", "2026-10-13", "missed", 30, "provider-absent"),
        s("f-10", "2026-10-13", "missed", 10, "provider-absent"),
    )
    assert led.owed_minutes == 10
    assert [e.session_id for e in led.duplicate_entries] == ["f-30"]
    assert led.conflicts == ()


def test_a_twice_daily_service_allows_two_misses_a_day(district):
    # "20 min 2x daily": two sessions a school day; two misses on Tue are two sessions lost
    req = SPEECH.model_copy(update={"frequency": "20 min 2x daily"})
    led = week(
        district,
        s("t-a", "2026-10-13", "missed", 20, "provider-absent"),
        s("t-b", "2026-10-13", "missed", 20, "unknown"),
        req=req,
    )
    assert led.owed_minutes == 40 and led.duplicate_entries == ()
    # a third is one more than the day holds: a probable duplicate
    led = week(
        district,
        s("t-a", "2026-10-13", "missed", 20, "provider-absent"),
        s("t-b", "2026-10-13", "missed", 20, "unknown"),
        s("t-c", "2026-10-13", "missed", 20, "unknown"),
        req=req,
    )
    assert led.owed_minutes == 40 and [e.session_id for e in led.duplicate_entries] == ["t-c"]


def test_sessions_allowed_per_day():
    # 2x weekly -> 1; 10x weekly is two a school day -> 2; 2x daily -> 2; monthly -> 1; a period total: unknown
    cases = {
        "30 min 2x weekly": 1,
        "15 min 10x weekly": 2,
        "20 min 2x daily": 2,
        "45 min daily": 1,
        "30 min 4x monthly": 1,
        "120 min weekly": None,
    }
    assert {text: sessions_allowed_per_day(parse_frequency(text)) for text in cases} == cases


def test_owed_beyond_a_full_weeks_required_minutes_names_the_entries(district):
    # three 30-minute misses in one full week of a 2x weekly service: owed 90, required 60.
    # Impossible without over-logging: the week is listed with its entries (not prorated)
    led = week(
        district,
        s("o-1", "2026-10-13", "missed", 30, "provider-absent"),
        s("o-2", "2026-10-14", "missed", 30, "provider-absent"),
        s("o-3", "2026-10-15", "missed", 30, "provider-absent"),
    )
    assert led.owed_minutes == 90 and led.required_minutes == 60
    [excess] = led.over_required
    assert (excess.first, excess.owed_minutes, excess.required_minutes) == (OCT12, 90, 60)
    assert excess.entry_ids == ("o-1", "o-2", "o-3") and not excess.prorated
    assert "entries o-1, o-2, o-3" in excess.describe()
    assert led.to_json()["over_required"][0]["entry_ids"] == ["o-1", "o-2", "o-3"]


def test_a_prorated_short_week_can_owe_more_than_it_requires_and_says_why(district):
    # week of Nov 9: Wed 11 Veterans Day, 4 school days: prorated 60 x 4/5 = 48 required.
    # Both sessions (Tue 10, Thu 12) missed: owed 60 > 48. Listed, saying the sessions may
    # simply have fallen on its school days (the sessions policy would require 60)
    misses = (
        s("v-10", "2026-11-10", "missed", 30, "provider-absent"),
        s("v-12", "2026-11-12", "missed", 30, "provider-absent"),
    )
    led = requirement_ledger(SPEECH, misses, district, d("2026-11-09"), d("2026-11-15"), LedgerPolicy())
    assert (led.required_minutes, led.owed_minutes) == (48, 60)
    [excess] = led.over_required
    assert excess.prorated and "sessions policy" in excess.describe()
    # under the sessions policy the short week requires its 2 sessions: 60, nothing beyond it
    by_sessions = requirement_ledger(
        SPEECH, misses, district, d("2026-11-09"), d("2026-11-15"), LedgerPolicy(partial_period="sessions")
    )
    assert (by_sessions.required_minutes, by_sessions.over_required) == (60, ())
