"""Ledgers worked out by hand on the district calendar (closed week of Nov 23, see conftest)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from iep_tui.domain.ledger import case_ledger, describe_policy, requirement_ledger
from iep_tui.domain.models import Case, CaseBundle, LedgerPolicy, Requirement, Session

d = date.fromisoformat
START, END = d("2026-10-07"), d("2026-12-02")
SPEECH = Requirement(id="speech01", kind="service", name="speech", text="Speech-language therapy", frequency="30 min 2x weekly")


def s(id_: str, day: str, status: str, minutes: int | None = None, reason: str | None = None, source: str = "school-log") -> Session:
    return Session(id=id_, requirement_id="speech01", date=d(day), status=status, minutes=minutes, reason=reason, source=source)


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
    sessions = [s("aaa", "2026-10-13", "delivered", 40), s("bbb", "2026-10-14", "missed", None, "provider-absent"),
                s("ccc", "2026-10-15", "missed", 40, "provider-absent")]
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
reasons = st.sampled_from(["provider-absent", "staff-reassigned", "schedule-conflict", "school-closed",
                           "student-absent", "student-refused", "unknown"])


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
            sessions.append(Session(id=f"x{w}-{k}", requirement_id="speech01", date=day, status=status, minutes=minutes, reason=reason))
        for k in range(draw(st.integers(0, 2))):
            day = MONDAY + timedelta(days=7 * w + draw(st.integers(0, 4)))
            sessions.append(Session(id=f"m{w}-{k}", requirement_id="speech01", date=day, status="makeup", minutes=draw(st.integers(0, 90))))
    return weeks, sessions


@given(logged_weeks(), st.sampled_from(["prorate", "full", "none"]))
def test_full_weeks_add_up_and_owed_is_never_negative(weekdays, data, policy):
    weeks, sessions = data
    end = MONDAY + timedelta(days=7 * weeks - 1)
    led = requirement_ledger(SPEECH, sessions, weekdays, MONDAY, end, LedgerPolicy(partial_period=policy))
    # full weeks: 60 a week whatever the policy
    assert led.required_minutes == 60 * weeks
    assert led.owed_minutes >= 0 and led.unaccounted_minutes >= 0
    # never more than two 30-minute sessions a week are logged, so nothing is over-logged and:
    assert led.over_logged_minutes == 0
    assert led.delivered_minutes + led.shortfall_minutes + led.missed_total + led.unaccounted_minutes == led.required_minutes
    # owed = owed-reason misses + shortfalls - makeup, floored at 0
    owed_missed = sum(v for k, v in led.missed_minutes.items() if k in LedgerPolicy().owed_reasons)
    assert led.owed_minutes == max(0, owed_missed + led.shortfall_minutes - led.makeup_minutes)


@given(st.lists(st.tuples(st.integers(0, 120), statuses, reasons, st.one_of(st.none(), st.integers(0, 200))), max_size=40))
def test_identity_holds_with_any_entries(district, entries):
    sessions = [
        Session(id=f"e{i:03d}", requirement_id="speech01", date=START + timedelta(days=off), status=status,
                minutes=minutes, reason=reason if status == "missed" else None)
        for i, (off, status, reason, minutes) in enumerate(entries)
    ]
    led = requirement_ledger(SPEECH, sessions, district, START, END, LedgerPolicy())
    assert led.owed_minutes >= 0
    assert (led.delivered_minutes + led.shortfall_minutes + led.missed_total + led.unaccounted_minutes
            == led.required_minutes + led.over_logged_minutes)
    assert led.owed_minutes <= led.owed_before_makeup
