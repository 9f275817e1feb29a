"""User dates and accommodation failures per week."""

from __future__ import annotations

from datetime import date

import pytest

from iep_tui.domain.accommodation_failures import accommodation_failures, week_of
from iep_tui.domain.date_input import parse_user_date
from iep_tui.domain.models import Case, CaseBundle, Incident, Requirement
from iep_tui.errors import InputError

d = date.fromisoformat
MONDAY_AFTER_THANKSGIVING = d("2026-11-30")  # a Monday
TUESDAY = d("2026-11-17")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-02", "2026-11-02"),
        (" Today ", "2026-11-17"),
        ("yesterday", "2026-11-16"),
        ("tuesday", "2026-11-17"),  # today is a Tuesday: today
        ("tue", "2026-11-17"),
        ("monday", "2026-11-16"),
        ("wednesday", "2026-11-11"),  # the most recent Wednesday, last week
        ("Sun", "2026-11-15"),
        ("3 days ago", "2026-11-14"),
        ("2026-1-5", "2026-01-05"),
    ],
)
def test_dates(text, expected):
    assert parse_user_date(text, TUESDAY) == d(expected)


def test_school_days_ago_skips_the_closed_week(district):
    # from Mon Nov 30: 1 school day ago is Fri Nov 20 (Nov 23-27 closed, weekend before);
    # 5 ago: Nov 20, 19, 18, 17, 16 -> Mon Nov 16; 6 ago: Fri Nov 13
    assert parse_user_date("1 school day ago", MONDAY_AFTER_THANKSGIVING, district) == d("2026-11-20")
    assert parse_user_date("5 school days ago", MONDAY_AFTER_THANKSGIVING, district) == d("2026-11-16")
    assert parse_user_date("6 school days ago", MONDAY_AFTER_THANKSGIVING, district) == d("2026-11-13")
    assert parse_user_date("0 school days ago", MONDAY_AFTER_THANKSGIVING, district) == MONDAY_AFTER_THANKSGIVING


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "is empty"),
        ("next week", "is not a date"),
        ("2026-02-30", "is not a real date"),
        ("11/02/2026", "is not a date"),
        ("3 school days ago", "needs a case's school calendar"),
    ],
)
def test_bad_dates_show_an_example(text, why):
    with pytest.raises(InputError) as raised:
        parse_user_date(text, TUESDAY)
    assert why in str(raised.value)
    assert "2026-11-17" in str(raised.value)  # an accepted example


def test_school_days_ago_past_the_calendar(district):
    with pytest.raises(InputError, match="goes back past the school calendar"):
        parse_user_date("300 school days ago", d("2026-11-30"), district)


def test_failures_per_week():
    ext = Requirement(id="req-ext", kind="accommodation", name="extended time", text="Extended time")
    breaks = Requirement(id="req-brk", kind="accommodation", name="breaks", text="Movement breaks")
    bip = Requirement(id="req-bip", kind="support", name="bip", text="Behavior plan", safety=True)
    speech = Requirement(id="req-spe", kind="service", name="speech", text="Speech", frequency="30 min 2x weekly")
    incidents = [
        Incident(id="inc-1", date=d("2026-11-02"), what="no extended time", requirement_ids=["req-ext"]),
        Incident(
            id="inc-2", date=d("2026-11-06"), what="no extended time again", requirement_ids=["req-ext", "req-bip"]
        ),
        Incident(id="inc-3", date=d("2026-11-09"), what="test at the bell", requirement_ids=["req-ext", "req-ext"]),
        Incident(id="inc-4", date=d("2026-10-01"), what="before the range", requirement_ids=["req-ext"]),
    ]
    bundle = CaseBundle(
        case=Case(student="A", state="WA"), requirements=[ext, breaks, bip, speech], incidents=incidents
    )
    rows = accommodation_failures(bundle, d("2026-11-01"), d("2026-11-30"))
    # listed: both accommodations (breaks with none) and the bip an incident names; not speech
    assert [r.name for r in rows] == ["extended time", "breaks", "bip"]
    ext_row = rows[0]
    # week of Nov 2: inc-1, inc-2 -> 2; week of Nov 9: inc-3 (named twice, counted once) -> 1
    assert [(w.week, w.count) for w in ext_row.weeks] == [(d("2026-11-02"), 2), (d("2026-11-09"), 1)]
    assert ext_row.total == 3 and ext_row.in_week(d("2026-11-04")) == 2
    assert rows[1].total == 0
    assert rows[2].safety and rows[2].total == 1
    assert week_of(d("2026-11-08")) == d("2026-11-02")
