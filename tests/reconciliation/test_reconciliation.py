"""The district's log against the parent's record, worked by hand across the winter break.

Calendar: school year 2026-27 (Tue 2026-09-08 .. Thu 2027-06-17), winter break Mon Dec 21 ..
Fri Jan 1 closed. Range Mon 2026-12-07 .. Fri 2027-01-15: four full weeks (Dec 7, Dec 14,
Jan 4, Jan 11) and two closed ones. Speech is "30 min 2x weekly", individual, pull-out:
required 4 x 60 = 240 (every policy: all weeks are full or closed).

    date        school log (row)                     parent's record          outcome
    Tue Dec 8   delivered 30 (2)                     delivered 30             agree
    Thu Dec 10  missed 30 provider-absent (3)        missed 30 provider-abs.  agree
    Tue Dec 15  delivered 30 (4)                     missed 30 provider-abs.  disputed
    Thu Dec 17  delivered 30 as group (1:5) (5)      -                        school only, not as written
    Tue Dec 22  missed school-closed (6)             -                        winter break: no session due
    Tue Jan 5   -                                    missed 30 unknown        parent only
    Thu Jan 7   delivered 30 (7)                     delivered 20             disputed (minutes)
    Tue Jan 12  missed 30 student-absent (8)         missed 30 provider-abs.  disputed (owed or not)
    Thu Jan 14  missed 30 staff-reassigned (9, 10)   -                        school only; row 10 a duplicate
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from iep_tui.calendar.school_calendar import SchoolCalendar
from iep_tui.calendar.settings import CalendarSettings, Closure, SchoolYear
from iep_tui.domain.ledger import requirement_ledger
from iep_tui.domain.models import Case, CaseBundle, LedgerPolicy, Provenance, Requirement, Session
from iep_tui.domain.reconciliation import group_kind, not_as_written, reconcile_case, reconcile_requirement

d = date.fromisoformat
START, END = d("2026-12-07"), d("2027-01-15")
CALENDAR = SchoolCalendar.from_settings(
    CalendarSettings(
        state="WA",
        school_years=[SchoolYear(first_day=d("2026-09-08"), last_day=d("2027-06-17"), label="2026-27")],
        closures=[Closure(start=d("2026-12-21"), end=d("2027-01-01"), label="Winter break", kind="break")],
    )
)
SPEECH = Requirement(
    id="speech01",
    kind="service",
    name="speech",
    setting="individual, pull-out",
    text="Speech-language therapy, 30 minutes twice weekly",
    frequency="30 min 2x weekly",
)
SHA = "ab" * 32


def school(
    id_: str,
    day: str,
    status: str,
    row: int,
    minutes: int | None = None,
    reason: str | None = None,
    delivered_as: str = "",
) -> Session:
    return Session(
        id=id_,
        requirement_id="speech01",
        date=d(day),
        status=status,
        minutes=minutes,
        reason=reason,
        source="school-log",
        delivered_as=delivered_as,
        provenance=Provenance(file="speech-log.csv", sha256=SHA, row=row),
    )


def parent(id_: str, day: str, status: str, minutes: int | None = None, reason: str | None = None) -> Session:
    return Session(id=id_, requirement_id="speech01", date=d(day), status=status, minutes=minutes, reason=reason)


SESSIONS = [
    school("sch-1208", "2026-12-08", "delivered", 2),
    parent("par-1208", "2026-12-08", "delivered", 30),
    school("sch-1210", "2026-12-10", "missed", 3, reason="provider-absent"),
    parent("par-1210", "2026-12-10", "missed", reason="provider-absent"),
    school("sch-1215", "2026-12-15", "delivered", 4, 30),
    parent("par-1215", "2026-12-15", "missed", reason="provider-absent"),
    school("sch-1217", "2026-12-17", "delivered", 5, 30, delivered_as="group (1:5)"),
    school("sch-1222", "2026-12-22", "missed", 6, reason="school-closed"),
    parent("par-0105", "2027-01-05", "missed"),
    school("sch-0107", "2027-01-07", "delivered", 7, 30),
    parent("par-0107", "2027-01-07", "delivered", 20),
    school("sch-0112", "2027-01-12", "missed", 8, reason="student-absent"),
    parent("par-0112", "2027-01-12", "missed", reason="provider-absent"),
    school("sch-0114", "2027-01-14", "missed", 9, reason="staff-reassigned"),
    school("sch-0114b", "2027-01-14", "missed", 10, reason="staff-reassigned"),
]


def test_each_date_is_classified_and_the_json_is_exactly_issue_14s():
    bundle = CaseBundle(case=Case(student="A", state="WA"), requirements=[SPEECH], sessions=SESSIONS)
    doc = reconcile_case(bundle, CALENDAR, START, END).to_json()
    assert doc == {
        "from": "2026-12-07",
        "to": "2027-01-15",
        "requirements": [
            {
                "name": "speech",
                # delivered in the log: Dec 8, Dec 15, Dec 17 (not as written), Jan 7: 4 x 30 = 120
                "school_delivered_minutes": 120,
                # the log's own misses owed by the default policy: Dec 10 provider-absent 30 + Jan 14
                # staff-reassigned 30 (row 10 a duplicate row, counted once); not Jan 12 (student-absent)
                # nor Dec 22 (school closed, in the winter break): 60
                "school_admitted_owed_minutes": 60,
                "agree_dates": ["2026-12-08", "2026-12-10"],
                "disputed_dates": ["2026-12-15", "2027-01-07", "2027-01-12"],
                "school_only_dates": ["2026-12-17", "2027-01-14"],
                "parent_only_dates": ["2027-01-05"],
                "not_as_written_dates": ["2026-12-17"],
            }
        ],
    }


def test_disputed_dates_carry_both_versions_and_the_logs_rows():
    row = reconcile_requirement(SPEECH, SESSIONS, CALENDAR, START, END, LedgerPolicy())
    jan7 = next(c for c in row.disputed if c.date == d("2027-01-07"))
    assert (jan7.school, jan7.parent) == ("delivered 30 min", "delivered 20 min (10 short)")
    assert [(p.file, p.row) for p in jan7.provenance] == [("speech-log.csv", 7)]
    assert row.admitted_ids == ("sch-1210", "sch-0114")
    jan14 = next(c for c in row.dates if c.date == d("2027-01-14"))
    assert [p.row for p in jan14.provenance] == [9, 10]
    # disputed minutes: one 30-minute session on each of the three disputed dates
    assert row.disputed_minutes == 90


def test_the_ledger_counts_one_outcome_per_session():
    led = requirement_ledger(SPEECH, SESSIONS, CALENDAR, START, END, LedgerPolicy())
    assert led.required_minutes == 240
    # delivered as written: Dec 8 (agreed, counted once) = 30
    assert led.delivered_minutes == 30
    # not as written: Dec 17, 30, owed
    assert led.not_as_written_minutes == 30
    # missed: Dec 10 (agreed, once) 30 + Jan 5 (parent only) 30 + Jan 14 (school only, once) 30 = 90
    assert led.missed_total == 90
    # disputed (neither delivered nor owed): Dec 15, Jan 7, Jan 12: 90
    assert led.disputed_minutes == 90
    # owed: Dec 10 30 + Dec 17 not as written 30 + Jan 5 unknown 30 + Jan 14 30 = 120
    assert led.owed_minutes == 120
    assert [e.session_id for e in led.owed_entries] == ["sch-1210", "sch-1217", "par-0105", "sch-0114"]
    # 240 - (30 + 30 + 0 + 90 + 90) = 0 unaccounted, nothing over-logged
    assert (led.unaccounted_minutes, led.over_logged_minutes) == (0, 0)
    assert set(led.counted_once_ids) == {"par-1208", "par-1210"}
    assert led.disputed_dates == (d("2026-12-15"), d("2027-01-07"), d("2027-01-12"))
    assert [e.session_id for e in led.duplicate_entries] == ["sch-0114b"]


def test_what_the_log_admits_follows_the_cases_policy():
    # counting student-absent as owed too: Jan 12 is then owed in both records (agree, counted
    # once) and the log admits 60 + 30 = 90
    policy = LedgerPolicy(owed_reasons=["provider-absent", "staff-reassigned", "unknown", "student-absent"])
    row = reconcile_requirement(SPEECH, SESSIONS, CALENDAR, START, END, policy)
    assert row.school_admitted_owed_minutes == 90
    assert d("2027-01-12") in row.agree_dates and d("2027-01-12") not in row.disputed_dates
    led = requirement_ledger(SPEECH, SESSIONS, CALENDAR, START, END, policy)
    # owed 120 + Jan 12 30 = 150; disputed 90 - 30 = 60
    assert (led.owed_minutes, led.disputed_minutes) == (150, 60)


def test_a_make_up_on_a_regular_sessions_day_is_not_a_dispute():
    # the school logs Thursday's regular session, the parent logs a make-up that day: two sessions
    sessions = [school("sch-d", "2026-12-10", "delivered", 2, 30), parent("par-m", "2026-12-10", "makeup", 30)]
    row = reconcile_requirement(SPEECH, sessions, CALENDAR, START, END, LedgerPolicy())
    assert row.school_only_dates == (d("2026-12-10"),) and row.disputed_dates == ()
    led = requirement_ledger(SPEECH, sessions, CALENDAR, START, END, LedgerPolicy())
    assert (led.delivered_minutes, led.makeup_minutes, led.disputed_minutes) == (30, 30, 0)


def test_the_logs_group_or_setting_against_the_requirement():
    # the IEP says individual, pull-out
    assert not_as_written(SPEECH, group="Group 1:5") == "group (Group 1:5)"
    assert not_as_written(SPEECH, group="5") == "group (5)"  # a group-size column
    assert not_as_written(SPEECH, group="1:1") == ""
    assert not_as_written(SPEECH, group="Individual") == ""
    assert not_as_written(SPEECH, setting="Push-in") == "push-in (Push-in)"
    assert not_as_written(SPEECH, group="", setting="") == ""
    # words that do not settle it are no difference
    assert not_as_written(SPEECH, group="Individual/Group") == ""
    plain = SPEECH.model_copy(update={"setting": "", "text": "Speech-language therapy"})
    assert not_as_written(plain, group="Group") == ""
    assert [group_kind(t) for t in ("1:3", "Small group", "one-on-one", "1", "")] == [
        "group",
        "group",
        "individual",
        "individual",
        None,
    ]


# ---------------------------------------------------------------- properties

MONDAY = d("2027-01-04")


@st.composite
def parent_weeks(draw):
    """Up to 4 full weeks of the parent's entries, at most two a week."""
    sessions = []
    for w in range(draw(st.integers(1, 4))):
        for k in range(draw(st.integers(0, 2))):
            status = draw(st.sampled_from(["delivered", "missed", "makeup"]))
            sessions.append(
                parent(
                    f"p{w}-{k}",
                    (MONDAY + timedelta(days=7 * w + draw(st.integers(0, 4)))).isoformat(),
                    status,
                    draw(st.integers(0, 30)),
                    draw(st.sampled_from(["provider-absent", "student-absent", "unknown"]))
                    if status == "missed"
                    else None,
                )
            )
    return sessions


FIELDS = (
    "owed_minutes",
    "delivered_minutes",
    "missed_minutes",
    "shortfall_minutes",
    "makeup_minutes",
    "unaccounted_minutes",
    "disputed_minutes",
    "required_minutes",
)


@given(parent_weeks())
def test_a_school_log_agreeing_everywhere_changes_no_number(entries):
    copies = [s.model_copy(update={"id": "s" + s.id, "source": "school-log"}) for s in entries]
    end = MONDAY + timedelta(days=27)
    alone = requirement_ledger(SPEECH, entries, CALENDAR, MONDAY, end, LedgerPolicy())
    both = requirement_ledger(SPEECH, entries + copies, CALENDAR, MONDAY, end, LedgerPolicy())
    assert {f: getattr(both, f) for f in FIELDS} == {f: getattr(alone, f) for f in FIELDS}
    row = reconcile_requirement(SPEECH, entries + copies, CALENDAR, MONDAY, end, LedgerPolicy())
    assert row.school_only_dates == row.parent_only_dates == ()


@given(parent_weeks(), parent_weeks())
def test_the_identity_holds_with_two_records(mine, theirs):
    school_log = [s.model_copy(update={"id": "s" + s.id, "source": "school-log"}) for s in theirs]
    end = MONDAY + timedelta(days=27)
    led = requirement_ledger(SPEECH, mine + school_log, CALENDAR, MONDAY, end, LedgerPolicy())
    assert (
        led.delivered_minutes
        + led.not_as_written_minutes
        + led.shortfall_minutes
        + led.missed_total
        + led.disputed_minutes
        + led.unaccounted_minutes
    ) == led.required_minutes + led.over_logged_minutes
    assert 0 <= led.owed_minutes <= led.owed_before_makeup
