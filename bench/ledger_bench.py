"""Ledger benchmark: the ledgers of 100 cases, each with a school year of entries.

Prints figures; asserts nothing (DESIGN.md: tests never assert wall-clock times).
Target from the ledger issue: under one second in total for the 100 cases.

    .venv/bin/python bench/ledger_bench.py             # 100 cases
    .venv/bin/python bench/ledger_bench.py --cases 20  # fewer

Each case has a district calendar (2026-27: 180-odd school days, a closed
Thanksgiving week, winter and spring breaks), six requirements (speech 30 min 2x
weekly, OT 30 min 1x weekly, counseling 20 min 1x weekly, reading 45 min daily,
math 30 min daily, a 60 min monthly consult-free service) and a session for every
scheduled occurrence over the year (about 650 sessions: delivered, partial, missed
for various reasons, some make-ups). Bundles are built in memory first (the store's
own cost is measured by store_bench.py); the timed part is the domain work the
`owed` command and the TUI do: one ledger per requirement over the whole year,
with each case's calendar built from its settings (the calendar cache is cleared
first, so every case pays for its own calendar as a cold start would).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from iep_tui.calendar.settings import CalendarSettings, Closure, SchoolYear
from iep_tui.domain.ledger import case_ledger
from iep_tui.domain.models import Case, CaseBundle, Requirement, Session

FIRST, LAST = date(2026, 9, 8), date(2027, 6, 17)
REQUIREMENTS = [
    ("speech", "30 min 2x weekly", {1, 3}, 30),
    ("ot", "30 min 1x weekly", {2}, 30),
    ("counseling", "20 min 1x weekly", {4}, 20),
    ("reading", "45 min daily", {0, 1, 2, 3, 4}, 45),
    ("math", "30 min daily", {0, 1, 2, 3, 4}, 30),
    ("social skills", "60 min monthly", {0}, 15),
]
REASONS = ["provider-absent", "staff-reassigned", "schedule-conflict", "student-absent", "unknown", "school-closed"]


def settings(index: int) -> CalendarSettings:
    """A district calendar; each case's differs by a staff day so none share a cached calendar."""
    staff_day = FIRST + timedelta(days=14 + index % 60)
    return CalendarSettings(
        state="WA",
        school_years=[SchoolYear(first_day=FIRST, last_day=LAST)],
        closures=[
            Closure(start=staff_day, kind="staff_day"),
            Closure(start=date(2026, 11, 23), end=date(2026, 11, 27), kind="break"),
            Closure(start=date(2026, 12, 21), end=date(2027, 1, 1), kind="break"),
            Closure(start=date(2027, 4, 5), end=date(2027, 4, 9), kind="break"),
        ],
    )


def build_bundle(index: int, rng: random.Random) -> CaseBundle:
    cal = settings(index)
    closed = {c.start + timedelta(days=k) for c in cal.closures for k in range(((c.end or c.start) - c.start).days + 1)}
    case = Case(student=f"Student {index}", state="WA", iep_effective=FIRST, calendar=cal)
    requirements, sessions = [], []
    for name, frequency, weekdays, length in REQUIREMENTS:
        req = Requirement(kind="service", name=name, text=f"{name} as the IEP says", frequency=frequency)
        requirements.append(req)
        day = FIRST
        while day <= LAST:
            if day.weekday() in weekdays and day not in closed:
                roll = rng.random()
                if roll < 0.75:
                    sessions.append(Session(requirement_id=req.id, date=day, status="delivered", minutes=length))
                elif roll < 0.85:
                    sessions.append(Session(requirement_id=req.id, date=day, status="delivered", minutes=length // 2))
                elif roll < 0.97:
                    sessions.append(
                        Session(
                            requirement_id=req.id, date=day, status="missed", reason=rng.choice(REASONS), minutes=length
                        )
                    )
                else:
                    sessions.append(Session(requirement_id=req.id, date=day, status="makeup", minutes=length))
            day += timedelta(days=1)
    return CaseBundle(case=case, requirements=requirements, sessions=sessions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs (the median is reported)")
    args = parser.parse_args()

    from iep_tui.calendar import school_calendar

    rng = random.Random(2026)
    started = time.perf_counter()
    bundles = [build_bundle(i, rng) for i in range(args.cases)]
    built = time.perf_counter() - started
    sessions = sum(len(b.sessions) for b in bundles)
    print(
        f"built {args.cases} cases, {sessions} sessions ({sessions // args.cases} a case) "
        f"in {built:.2f} s (not timed below)"
    )

    runs, per_case = [], []
    owed = 0
    for _ in range(args.repeat):
        cache_clear = getattr(school_calendar._from_settings_json, "cache_clear", None)
        if cache_clear:
            cache_clear()
        t0 = time.perf_counter()
        owed = 0
        for bundle in bundles:
            c0 = time.perf_counter()
            calendar = school_calendar.SchoolCalendar.from_settings(bundle.case.calendar)
            rows = case_ledger(bundle, calendar, FIRST, LAST)
            owed += sum(r.owed_minutes for r in rows)
            per_case.append(time.perf_counter() - c0)
        runs.append(time.perf_counter() - t0)
    total = statistics.median(runs)
    per_case.sort()
    print(
        f"ledgers of {args.cases} cases x {len(REQUIREMENTS)} requirements, a school year each: "
        f"{total * 1000:.0f} ms total (median of {args.repeat}; target < 1000 ms)"
    )
    print(
        f"per case: median {statistics.median(per_case) * 1000:.2f} ms, "
        f"p95 {per_case[int(len(per_case) * 0.95) - 1] * 1000:.2f} ms, max {per_case[-1] * 1000:.2f} ms"
    )
    print(f"owed minutes across all cases: {owed}")


if __name__ == "__main__":
    main()
