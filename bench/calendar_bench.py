"""Cost of the calendar engine: cold calendar builds and 10,000 warm deadline computations.

Run: .venv/bin/python bench/calendar_bench.py
Prints figures; asserts nothing (DESIGN.md: tests never assert wall-clock times).
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SAMPLE = ROOT / "data" / "calendars" / "cascade-valley-sd-2026-27.ics"
N = 10_000


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def cold_process_figures() -> None:
    """Fresh interpreters: what importing the layer and the holidays data costs at startup."""
    snippets = {
        "import pydantic + iep_tui.calendar.settings (the app loads these anyway)": "import iep_tui.calendar.settings",
        "import school_calendar, day_count, deadline_rules (all, incl. the above)": (
            "import iep_tui.calendar.school_calendar, iep_tui.calendar.day_count, iep_tui.calendar.deadline_rules"
        ),
        "import holidays (paid on the first business-day question only)": "import holidays",
        "import icalendar (paid on import/export only)": "import icalendar",
    }
    for label, code in snippets.items():
        runs = []
        for _ in range(3):
            out = subprocess.run(
                [sys.executable, "-c", f"import time; t = time.perf_counter(); {code}; print(time.perf_counter() - t)"],
                check=True,
                capture_output=True,
                text=True,
                cwd=ROOT,
            )
            runs.append(float(out.stdout))
        print(f"  {label:<72} {_ms(min(runs))}")


def main() -> None:
    from iep_tui.calendar import school_calendar
    from iep_tui.calendar.calendar_import import apply_import, import_file
    from iep_tui.calendar.day_count import count_days
    from iep_tui.calendar.deadline_rules import deadline_for_rule, get_rule, load_rules
    from iep_tui.calendar.school_calendar import SchoolCalendar
    from iep_tui.calendar.settings import CalendarSettings

    print("Cold (fresh process, best of 3):")
    cold_process_figures()

    print("Cold (in process, caches cleared):")
    t = time.perf_counter()
    result = import_file(SAMPLE)
    print(f"  {'parse the sample district ICS (includes importing icalendar)':<72} {_ms(time.perf_counter() - t)}")
    settings = apply_import(CalendarSettings(state="WA"), result)
    t = time.perf_counter()
    load_rules()
    print(f"  {'load and validate all rule files':<72} {_ms(time.perf_counter() - t)}")

    school_calendar._from_settings_json.cache_clear()
    t = time.perf_counter()
    calendar = SchoolCalendar.from_settings(settings)
    build = time.perf_counter() - t
    print(f"  {'build a district SchoolCalendar from settings':<72} {_ms(build)}")
    t = time.perf_counter()
    count_days(calendar, date(2026, 11, 23), 10, "business")
    print(f"  {'first business-day count (holidays data for one year)':<72} {_ms(time.perf_counter() - t)}")
    school_calendar._holidays_for.cache_clear()
    fresh = SchoolCalendar(state="CA")
    t = time.perf_counter()
    count_days(fresh, date(2026, 11, 23), 10, "business")
    print(f"  {'first business-day count, another state (holidays module warm)':<72} {_ms(time.perf_counter() - t)}")
    t = time.perf_counter()
    for _ in range(100):
        SchoolCalendar.from_settings(settings)
    print(
        f"  {'SchoolCalendar.from_settings on equal settings (cached), per call':<72} "
        f"{_ms((time.perf_counter() - t) / 100)}"
    )

    rng = random.Random(20261123)
    first = date(2026, 9, 2)
    rules = [
        get_rule(i)
        for i in (
            "records-access",
            "manifestation-determination",
            "ca-iep-meeting-request",
            "il-records",
            "due-process-window",
            "il-meeting-documents",
        )
    ]
    jobs = []
    for i in range(N):
        start = first + timedelta(days=rng.randrange(0, 300))
        pick = i % 5
        if pick == 0:
            jobs.append(("school", start, rng.randrange(1, 46)))
        elif pick == 1:
            jobs.append(("business", start, rng.randrange(1, 31)))
        elif pick == 2:
            jobs.append(("calendar", start, rng.randrange(1, 181)))
        else:
            jobs.append((rules[rng.randrange(len(rules))], start, 0))
    # warm the per-year indexes once
    for kind in ("school", "business", "weekday", "calendar_excl_breaks"):
        count_days(calendar, first, 1, kind)
        count_days(calendar, date(2027, 12, 1), 1, kind if kind != "school" else "business")

    print(f"Warm: {N:,} deadline computations (school / business / calendar counts and rules, mixed):")
    t = time.perf_counter()
    dated = flagged = 0
    for kind, start, count in jobs:
        if isinstance(kind, str):
            outcome = count_days(calendar, start, count, kind)
        else:
            outcome = deadline_for_rule(calendar, start, kind)
        if outcome.due is None:
            flagged += 1
        else:
            dated += 1
    elapsed = time.perf_counter() - t
    print(f"  {'total':<72} {_ms(elapsed)}")
    print(f"  {'per computation':<72} {elapsed / N * 1e6:8.1f} us")
    print(f"  ({dated:,} with a due date, {flagged:,} flagged past the end of the school year)")

    t = time.perf_counter()
    for _ in range(1000):
        calendar.school_days(date(2026, 9, 1), date(2027, 6, 30))
    print(
        f"  {'school_days() over a whole school year, per call':<72} {(time.perf_counter() - t) / 1000 * 1e6:8.1f} us"
    )
    t = time.perf_counter()
    day = first
    for _ in range(N):
        calendar.is_school_day(day)
        calendar.is_business_day(day)
        day += timedelta(days=1) if day < date(2027, 6, 1) else -timedelta(days=250)
    print(f"  {'is_school_day + is_business_day, per pair':<72} {(time.perf_counter() - t) / N * 1e6:8.1f} us")


if __name__ == "__main__":
    main()
