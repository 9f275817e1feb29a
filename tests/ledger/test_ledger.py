"""Ledgers worked out by hand on the district calendar (closed week of Nov 23, see conftest)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from iep_tui.domain.ledger import CONFLICT, case_ledger, describe_policy, requirement_ledger
from iep_tui.domain.models import Case, CaseBundle, LedgerPolicy, Requirement, Session

d = date.fromisoformat
START, END = d("2026-10-07"), d("2026-12-02")
SPEECH = Requirement(
    id="speech01", kind="service", name="speech", text="Speech-language therapy", frequency="30 min 2x weekly"
)


def s(
    id_: str, day: str, status: str, minutes: int | None = None, reason: str | None = None, source: str = "school-log"
) -> Session:
    return Session(
        id=id_, requirement_id="speech01", date=d(day), status=status, minutes=minutes, reason=reason, source=source
    )


SESSIONS = [
    s("s-out-before", "2026-10-01", "delivered", 30),  # before the range: ignored
    s("s-full1", "2026-10-07", "delivered", 30),
    s("s-partial", "2026-10-08", "delivered", 20),  # partial: 20 delivered, 10 short
    s("s-prov", "2026-10-13", "missed", reason="provider-absent"),  # 30 (session length)
    s("s-abs", "2026-10-15", "missed", reason="student-absent", source="parent-observation"),  # 30, not owed
    s("s-d3", "2026-10-20", "delivered"),  # minutes omitted: the session length, 30
    s("s-d4", "2026-10-22", "delivered", 30),
    s("s-two-a", "2026-10-27", "delivered", 30),  # two sessions on one date: both kept
    s("s-two-b", "2026-10-27", "delivered", 30),
    s("s-unk", "2026-11-03", "missed"),  # reason defaults to unknown; 30
    s("s-staff", "2026-11-05", "missed", 30, "staff-reassigned"),
    s("s-closed", "2026-11-10", "missed", 30, "school-closed"),  # not owed
    s("s-mk1", "2026-11-12", "makeup", 20),
    s("s-mk2", "2026-11-24", "makeup", 15),  # during the closed week: still credited
    s("s-out-after", "2026-12-03", "missed", 30, "provider-absent"),  # after the range: ignored
]


def test_hand_worked_ledger_prorate(district):
    led = requirement_ledger(SPEECH, SESSIONS, district, START, END, LedgerPolicy())
    # required: 408 (test_required_minutes: 24 + 4x60 + 48 + 60 + 0 + 36)
    assert led.required_minutes == 408
    # delivered: 30 (Oct 7) + 20 (Oct 8) + 30 (Oct 20) + 30 (Oct 22) + 30 + 30 (Oct 27) = 170
    assert led.delivered_minutes == 170
    # shortfall: the Oct 8 partial, 30 - 20 = 10
    assert led.shortfall_minutes == 10
    assert led.partial_sessions == 1 and led.delivered_sessions == 6
    # missed by reason, 30 each
    assert led.missed_minutes == {
        "provider-absent": 30,
        "staff-reassigned": 30,
        "staff-shortage": 0,
        "schedule-conflict": 0,
        "school-closed": 30,
        "student-absent": 30,
        "student-refused": 0,
        "unknown": 30,
    }
    # makeup: 20 + 15 = 35, shown only as makeup
    assert led.makeup_minutes == 35
    # owed: provider-absent 30 + unknown 30 + staff-reassigned 30 + shortfall 10 - makeup 35 = 65
    assert led.owed_minutes == 65
    assert led.owed_before_makeup == 100
    # unaccounted: 408 - (170 delivered + 10 shortfall + 150 missed) = 408 - 330 = 78
    assert led.unaccounted_minutes == 78
    assert led.over_logged_minutes == 0
    # the entries behind the owed minutes, in date order
    assert [e.session_id for e in led.owed_entries] == ["s-partial", "s-prov", "s-unk", "s-staff"]
    assert [e.minutes for e in led.owed_entries] == [10, 30, 30, 30]
    assert [e.session_id for e in led.makeup_entries] == ["s-mk1", "s-mk2"]


def test_hand_worked_ledger_full_and_none(district):
    full = requirement_ledger(SPEECH, SESSIONS, district, START, END, LedgerPolicy(partial_period="full"))
    # required 480 (8 weeks x 60); unaccounted 480 - 330 = 150; owed unchanged at 65
    assert (full.required_minutes, full.unaccounted_minutes, full.owed_minutes) == (480, 150, 65)
    none = requirement_ledger(SPEECH, SESSIONS, district, START, END, LedgerPolicy(partial_period="none"))
    # required 300 (5 full weeks); logged 330 > 300: unaccounted 0, over-logged 30
    assert (none.required_minutes, none.unaccounted_minutes, none.over_logged_minutes) == (300, 0, 30)


def test_owed_reasons_are_the_case_policy(district):
    # counting student-absent too: 30 + 30 + 30 + 30 + 10 - 35 = 95
    policy = LedgerPolicy(owed_reasons=["provider-absent", "staff-reassigned", "unknown", "student-absent"])
    led = requirement_ledger(SPEECH, SESSIONS, district, START, END, policy)
    assert led.owed_minutes == 95
    assert "s-abs" in [e.session_id for e in led.owed_entries]


def test_owed_is_never_negative(district):
    sessions = [s("aaa", "2026-10-13", "missed", 30, "provider-absent"), s("bbb", "2026-10-14", "makeup", 90)]
    led = requirement_ledger(SPEECH, sessions, district, START, END, LedgerPolicy())
    # 30 owed - 90 made up: 0, not -60
    assert led.owed_minutes == 0
    assert led.makeup_minutes == 90


def test_as_needed_is_shown_never_owed(district):
    req = SPEECH.model_copy(update={"frequency": "as needed"})
    sessions = [s("aaa", "2026-10-13", "missed", 30, "provider-absent")]
    led = requirement_ledger(req, sessions, district, START, END, LedgerPolicy())
    assert (led.required_minutes, led.owed_minutes, led.unaccounted_minutes) == (0, 0, 0)
    assert led.missed_minutes["provider-absent"] == 30
    assert not led.counted


def test_period_total_without_session_length(district):
    # 120 min weekly has no session length: a delivered 40 is not partial, a missed entry
    # without minutes cannot be valued and is listed as unknown length
    req = SPEECH.model_copy(update={"frequency": "120 minutes weekly"})
    sessions = [
        s("aaa", "2026-10-13", "delivered", 40),
        s("bbb", "2026-10-14", "missed", None, "provider-absent"),
        s("ccc", "2026-10-15", "missed", 40, "provider-absent"),
    ]
    led = requirement_ledger(req, sessions, district, d("2026-10-12"), d("2026-10-18"), LedgerPolicy())
    # required 120 (a full week); logged 40 + 0 + 40 = 80; unaccounted 40; owed 40
    assert (led.required_minutes, led.delivered_minutes, led.shortfall_minutes) == (120, 40, 0)
    assert (led.owed_minutes, led.unaccounted_minutes) == (40, 40)
    assert led.unknown_length_ids == ("bbb",)


def test_case_ledger_skips_requirements_without_frequency_or_sessions(district):
    ext = Requirement(id="ext01", kind="accommodation", name="extended time", text="Extended time 1.5x")
    bundle = CaseBundle(case=Case(student="A", state="WA"), requirements=[SPEECH, ext], sessions=SESSIONS)
    rows = case_ledger(bundle, district, START, END)
    assert [r.name for r in rows] == ["speech"]
    doc = rows[0].to_json()
    assert doc["owed_minutes"] == 65 and doc["owed_entry_ids"] == ["s-partial", "s-prov", "s-unk", "s-staff"]
    assert doc["policy"]["partial_period"] == "prorate"


def test_policy_is_described_in_words():
    text = describe_policy(LedgerPolicy())
    assert "not school-closed, student-absent" in text
    assert "prorate" in text and "five school days" in text


# ---------------------------------------------------------------- properties

MONDAY = d("2026-01-05")
statuses = st.sampled_from(["delivered", "missed", "makeup"])
reasons = st.sampled_from(
    [
        "provider-absent",
        "staff-reassigned",
        "schedule-conflict",
        "school-closed",
        "student-absent",
        "student-refused",
        "unknown",
    ]
)


@st.composite
def logged_weeks(draw):
    """Up to 8 full weeks, at most two scheduled sessions a week, none longer than 30."""
    weeks = draw(st.integers(1, 8))
    sessions = []
    for w in range(weeks):
        for k in range(draw(st.integers(0, 2))):
            status = draw(st.sampled_from(["delivered", "missed"]))
            day = MONDAY + timedelta(days=7 * w + draw(st.integers(0, 4)))
            minutes = draw(st.one_of(st.none(), st.integers(0, 30)))
            reason = draw(reasons) if status == "missed" else None
            sessions.append(
                Session(
                    id=f"x{w}-{k}", requirement_id="speech01", date=day, status=status, minutes=minutes, reason=reason
                )
            )
        for k in range(draw(st.integers(0, 2))):
            day = MONDAY + timedelta(days=7 * w + draw(st.integers(0, 4)))
            sessions.append(
                Session(
                    id=f"m{w}-{k}",
                    requirement_id="speech01",
                    date=day,
                    status="makeup",
                    minutes=draw(st.integers(0, 90)),
                )
            )
    return weeks, sessions


@given(logged_weeks(), st.sampled_from(["prorate", "full", "none"]))
def test_full_weeks_add_up_and_owed_is_never_negative(weekdays, data, policy):
    weeks, sessions = data
    end = MONDAY + timedelta(days=7 * weeks - 1)
    led = requirement_ledger(SPEECH, sessions, weekdays, MONDAY, end, LedgerPolicy(partial_period=policy))
    # full weeks: 60 a week whatever the policy
    assert led.required_minutes == 60 * weeks
    assert led.owed_minutes >= 0 and led.unaccounted_minutes >= 0
    # never more than two 30-minute sessions a week are logged, and a day's entries never
    # account for more than one session (a second miss is a duplicate, more is set aside), so
    # nothing is over-logged and:
    assert led.over_logged_minutes == 0
    assert (
        led.delivered_minutes
        + led.shortfall_minutes
        + led.missed_total
        + led.disputed_minutes
        + led.unaccounted_minutes
        == led.required_minutes
    )
    # owed = owed-reason misses of the days that count + shortfalls - makeup, floored at 0
    # (set-aside days are in neither missed nor shortfall)
    owed_missed = sum(v for k, v in led.missed_minutes.items() if k in LedgerPolicy().owed_reasons)
    assert led.owed_minutes == max(0, owed_missed + led.shortfall_minutes - led.makeup_minutes)


@given(
    st.lists(st.tuples(st.integers(0, 120), statuses, reasons, st.one_of(st.none(), st.integers(0, 200))), max_size=40)
)
def test_identity_holds_with_any_entries(district, entries):
    sessions = [
        Session(
            id=f"e{i:03d}",
            requirement_id="speech01",
            date=START + timedelta(days=off),
            status=status,
            minutes=minutes,
            reason=reason if status == "missed" else None,
        )
        for i, (off, status, reason, minutes) in enumerate(entries)
    ]
    led = requirement_ledger(SPEECH, sessions, district, START, END, LedgerPolicy())
    assert led.owed_minutes >= 0
    assert (
        led.delivered_minutes
        + led.shortfall_minutes
        + led.missed_total
        + led.disputed_minutes
        + led.unaccounted_minutes
        == led.required_minutes + led.over_logged_minutes
    )
    assert led.owed_minutes <= led.owed_before_makeup


# ---------------------------------------------------------------- days that require nothing, conflicts

NOV9, NOV22 = d("2026-11-09"), d("2026-11-22")
"""Two weeks on the district calendar: Nov 9-13 (Wed 11 Veterans Day closed: 4 school days)
and Nov 16-20 (5 school days). Speech 30 min 2x weekly = 60 a week:
required = 60 x 4/5 + 60 = 48 + 60 = 108."""


def _off_day_sessions():
    return [
        s("n-d9", "2026-11-09", "delivered", 30),
        s("n-m11", "2026-11-11", "missed", 30, "provider-absent"),  # Veterans Day: the district is closed
        s("n-m12", "2026-11-12", "missed", 30, "provider-absent"),  # a school day: owed
        s("n-m14", "2026-11-14", "missed", 30, "provider-absent"),  # a Saturday
        s("n-d16", "2026-11-16", "delivered", 30),
    ]


def test_a_missed_entry_on_a_day_with_no_school_is_listed_not_owed(district):
    led = requirement_ledger(SPEECH, _off_day_sessions(), district, NOV9, NOV22, LedgerPolicy())
    assert led.required_minutes == 108  # 48 + 60, see NOV9
    # delivered 30 (Nov 9) + 30 (Nov 16) = 60; missed and owed: only Nov 12, 30
    assert (led.delivered_minutes, led.missed_total, led.owed_minutes) == (60, 30, 30)
    # unaccounted 108 - (60 + 30) = 18; before the rule, Nov 11 and Nov 14 made owed 90 and
    # delivered + owed = 150 > 108 required
    assert (led.unaccounted_minutes, led.over_logged_minutes) == (18, 0)
    assert [e.session_id for e in led.excluded_entries] == ["n-m11", "n-m14"]
    assert led.excluded_minutes == 60
    assert all("not a school day" in e.flag for e in led.excluded_entries)
    assert led.flagged_entries == () and led.conflicts == ()
    row = led.to_json()
    assert [e["id"] for e in row["excluded_entries"]] == ["n-m11", "n-m14"]
    assert row["owed_entry_ids"] == ["n-m12"]


def test_on_an_estimated_calendar_such_entries_are_counted_and_flagged():
    from iep_tui.calendar.school_calendar import SchoolCalendar

    estimate = SchoolCalendar.estimate_for("WA")  # business days: Nov 11 (Veterans Day) and weekends off
    led = requirement_ledger(SPEECH, _off_day_sessions(), estimate, NOV9, NOV22, LedgerPolicy())
    # required: 4 business days of Nov 9-13 -> 48, then 60 = 108 (as on the district calendar)
    assert led.required_minutes == 108
    # the estimate cannot say there was no school: Nov 11, 12 and 14 are all owed, 3 x 30 = 90
    assert led.owed_minutes == 90
    assert [e.session_id for e in led.flagged_entries] == ["n-m11", "n-m14"]
    assert all("estimated calendar" in e.flag for e in led.flagged_entries)
    assert led.excluded_entries == ()


def test_a_missed_entry_before_the_requirement_starts_is_not_owed(district):
    req = SPEECH.model_copy(update={"start": d("2026-11-16")})
    led = requirement_ledger(req, _off_day_sessions(), district, NOV9, NOV22, LedgerPolicy())
    # required: only the week of Nov 16, 60; the Nov 12 miss came before the service started
    assert led.required_minutes == 60
    assert led.owed_minutes == 0
    assert [e.session_id for e in led.excluded_entries] == ["n-m11", "n-m12", "n-m14"]
    assert led.excluded_entries[1].flag.startswith("before the requirement starts (2026-11-16)")


def test_delivered_and_missed_on_one_day_is_a_conflict_and_the_miss_is_not_owed(district):
    sessions = [
        s("c-d13", "2026-10-13", "delivered", 30),
        s("c-m13", "2026-10-13", "missed", 30, "provider-absent"),  # 30 + 30 > one 30-min session
        s("c-m15", "2026-10-15", "missed", 30, "staff-reassigned"),  # an ordinary miss
        s("c-p20", "2026-10-20", "delivered", 20),  # partial: 10 short
        s("c-m20", "2026-10-20", "missed", 30, "unknown"),  # 20 + 30 > 30: a conflict too
    ]
    led = requirement_ledger(SPEECH, sessions, district, d("2026-10-12"), d("2026-10-25"), LedgerPolicy())
    # the days of Oct 13 and Oct 20 are set aside until corrected: only Oct 15 counts,
    # delivered 0, missed 30 (Oct 15), owed 30 (the Oct 20 partial's shortfall is set aside too)
    assert (led.delivered_minutes, led.missed_total, led.shortfall_minutes) == (0, 30, 0)
    assert led.owed_minutes == 30
    # disputed: one 30-minute session each day: Oct 13 max(30, 30) = 30; Oct 20 max(20 + 10 short, 30) = 30
    assert led.disputed_minutes == 60
    # two weeks of 60 = 120 required; 30 missed + 60 disputed = 90 logged: unaccounted 30
    assert (led.required_minutes, led.unaccounted_minutes) == (120, 30)
    assert [(c.date, c.delivered_minutes, c.missed_minutes, c.session_minutes, c.minutes) for c in led.conflicts] == [
        (d("2026-10-13"), 30, 30, 30, 30),
        (d("2026-10-20"), 20, 30, 30, 30),
    ]
    assert [(e.session_id, e.flag) for e in led.excluded_entries] == [("c-m13", CONFLICT), ("c-m20", CONFLICT)]
    assert led.to_json()["conflicts"][0] == {
        "date": "2026-10-13",
        "kind": "conflict",
        "delivered_ids": ["c-d13"],
        "missed_ids": ["c-m13"],
        "makeup_ids": [],
        "delivered_minutes": 30,
        "missed_minutes": 30,
        "session_minutes": 30,
        "disputed_minutes": 30,
        "versions": ["school log: delivered 30 min; missed 30 min (provider-absent)"],
    }


def test_a_partial_session_and_its_missed_rest_are_not_a_conflict(district):
    # 20 delivered + 10 missed = 30: one session's length, no conflict
    sessions = [s("p-d", "2026-10-13", "delivered", 20), s("p-m", "2026-10-13", "missed", 10, "provider-absent")]
    led = requirement_ledger(SPEECH, sessions, district, d("2026-10-12"), d("2026-10-18"), LedgerPolicy())
    assert led.conflicts == ()


def test_no_session_length_means_no_conflict_can_be_told(district):
    req = SPEECH.model_copy(update={"frequency": "120 minutes weekly"})
    sessions = [s("w-d", "2026-10-13", "delivered", 60), s("w-m", "2026-10-13", "missed", 60, "provider-absent")]
    led = requirement_ledger(req, sessions, district, d("2026-10-12"), d("2026-10-18"), LedgerPolicy())
    # two 60-minute sessions of a 120-minute week: both count, owed 60
    assert led.conflicts == () and led.owed_minutes == 60


@given(
    st.lists(st.tuples(st.integers(0, 120), statuses, reasons, st.one_of(st.none(), st.integers(0, 200))), max_size=30),
    st.lists(st.integers(0, (END - START).days), max_size=5),
)
def test_missed_entries_on_days_without_school_change_nothing_owed(district, entries, extra_days):
    sessions = [
        Session(
            id=f"e{i:03d}",
            requirement_id="speech01",
            date=START + timedelta(days=off),
            status=status,
            minutes=minutes,
            reason=reason if status == "missed" else None,
        )
        for i, (off, status, reason, minutes) in enumerate(entries)
    ]
    off_days = [START + timedelta(days=n) for n in extra_days if not district.is_school_day(START + timedelta(days=n))]
    more = [
        Session(id=f"z{i:03d}", requirement_id="speech01", date=day, status="missed", reason="provider-absent")
        for i, day in enumerate(off_days)
    ]
    before = requirement_ledger(SPEECH, sessions, district, START, END, LedgerPolicy())
    after = requirement_ledger(SPEECH, sessions + more, district, START, END, LedgerPolicy())
    for field in ("owed_minutes", "missed_total", "unaccounted_minutes", "over_logged_minutes", "conflicts"):
        assert getattr(after, field) == getattr(before, field)
    assert {e.session_id for e in after.excluded_entries} >= {s.id for s in more}


def test_a_day_outside_the_loaded_school_years_is_counted_and_flagged(district):
    # the district calendar has only 2026-27 (Sep 8 .. Jun 17): Mon 2026-06-01 is before it,
    # so the calendar cannot say there was no school; the miss is owed and flagged
    sessions = [s("u-jun", "2026-06-01", "missed", 30, "provider-absent")]
    led = requirement_ledger(SPEECH, sessions, district, d("2026-06-01"), d("2026-06-05"), LedgerPolicy())
    assert led.required_minutes == 0  # no school days on the calendar: nothing required
    assert led.owed_minutes == 30
    assert [e.session_id for e in led.flagged_entries] == ["u-jun"]
    assert "no school year loaded" in led.flagged_entries[0].flag
