"""Cost of importing and reconciling a full school year of the district's service log.

A case with five services (about 2,000 scheduled sessions from Sep 8 to Jun 17 on a
district calendar), the district's log of every session as CSV and as XLSX (one row
each; about 1 in 12 missed for a reason), and the parent's own record of 300 of those
days (a tenth of them disagreeing). Times: reading the file, planning the import, the
whole import with its save, a second import of the same file (adds nothing), the
reconciliation, and the case data the TUI builds on each load (ledger + reconciliation).

Run: .venv-test/bin/python bench/school_log_bench.py
Prints figures; asserts nothing (DESIGN.md: tests never assert wall-clock times).
"""

from __future__ import annotations

import csv
import hashlib
import io
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TODAY = date(2027, 6, 18)
SERVICES = (
    # (log's service name, requirement name, frequency, sessions on a school day)
    ("Reading SDI", "Reading instruction", "30 min 2x daily", 2),
    ("Math SDI", "Math instruction", "30 min 2x daily", 2),
    ("Written Expression", "Writing instruction", "30 min 2x daily", 2),
    ("Behavior Support", "Behavior support", "15 min 3x daily", 3),
    ("Speech/Language Therapy", "Speech therapy", "20 min 10x weekly", 2),
)
MISSES = ("Provider Absent", "Student Absent", "Testing", "Short Staffed", "Field Trip", "Cancelled")
HEADER = ["Student Name", "Service", "Service Date", "Minutes", "Attendance", "Provider", "Group Size", "Comments"]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:9.1f} ms"


def timed(label: str, work: Callable[[], Any], runs: int = 3) -> Any:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    print(f"  {label:<62} {_ms(best)}")
    return result


def calendar_settings() -> Any:
    from iep_tui.calendar.settings import CalendarSettings, Closure, SchoolYear

    return CalendarSettings(
        state="WA",
        school_years=[SchoolYear(first_day=date(2026, 9, 8), last_day=date(2027, 6, 17), label="2026-27")],
        closures=[
            Closure(start=date(2026, 11, 11), label="Veterans Day", kind="holiday"),
            Closure(start=date(2026, 11, 23), end=date(2026, 11, 27), label="Thanksgiving", kind="break"),
            Closure(start=date(2026, 12, 21), end=date(2027, 1, 1), label="Winter break", kind="break"),
            Closure(start=date(2027, 1, 18), label="MLK Day", kind="holiday"),
            Closure(start=date(2027, 2, 15), label="Presidents Day", kind="holiday"),
            Closure(start=date(2027, 4, 5), end=date(2027, 4, 9), label="Spring break", kind="break"),
            Closure(start=date(2027, 5, 31), label="Memorial Day", kind="holiday"),
        ],
    )


def school_days() -> list[date]:
    from iep_tui.calendar.school_calendar import SchoolCalendar

    calendar = SchoolCalendar.from_settings(calendar_settings())
    day, out = date(2026, 9, 8), []
    while day <= date(2027, 6, 17):
        if calendar.is_school_day(day):
            out.append(day)
        day += timedelta(days=1)
    return out


def log_rows(days: list[date], rng: random.Random) -> list[list[Any]]:
    rows = []
    for day in days:
        for service, _, frequency, per_day in SERVICES:
            minutes = int(frequency.split()[0])
            for _ in range(per_day):
                status = rng.choice(MISSES) if rng.random() < 1 / 12 else "Present"
                shown = minutes if status == "Present" or rng.random() < 0.5 else 0
                rows.append(["Jordan Avery", service, day, shown, status, "Staff", 1, ""])
    return rows


def csv_bytes(rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow([c.strftime("%m/%d/%Y") if isinstance(c, date) else c for c in row])
    return out.getvalue().encode()


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Service Log")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def make_case(store: Any, days: list[date], rng: random.Random) -> str:
    from iep_tui.domain.models import Case, CaseBundle, Requirement, Session

    case = Case(
        id="bench-case",
        student="Jordan Avery",
        state="WA",
        iep_effective=date(2026, 9, 8),
        calendar=calendar_settings(),
    )
    requirements = [
        Requirement(kind="service", name=name, text=f"{name}, {frequency}", frequency=frequency)
        for _, name, frequency, _ in SERVICES
    ]
    per_day = {r.id: n for r, (_, _, _, n) in zip(requirements, SERVICES, strict=True)}
    parent = []
    for day, requirement in rng.sample([(d, r) for d in days for r in requirements], 300):
        missed = rng.random() < 0.1
        parent += [
            Session(
                requirement_id=requirement.id,
                date=day,
                status="missed" if missed else "delivered",
                reason="provider-absent" if missed else None,
                source="parent-observation",
            )
            for _ in range(per_day[requirement.id])
        ]
    store.create(CaseBundle(case=case, requirements=requirements, sessions=parent))
    return case.id


def main() -> None:
    from iep_tui.domain.school_log import plan_import
    from iep_tui.domain.school_log_file import read_log_table
    from iep_tui.services.school_log_service import import_school_log, reconciliation, service_mapping
    from iep_tui.store.case_store import CaseStore
    from iep_tui.store.workspace import Workspace
    from iep_tui.ui.case_data import case_data_from_bundle

    rng = random.Random(14)
    days = school_days()
    rows = log_rows(days, rng)
    services = [f"{service}={name}" for service, name, _, _ in SERVICES]
    print(f"A school year: {len(days)} school days, {len(SERVICES)} services, {len(rows):,} log rows")
    data = {"csv": csv_bytes(rows), "xlsx": xlsx_bytes(rows)}
    for kind, content in data.items():
        print(f"\n{kind.upper()} ({len(content) // 1024:,} KB)")
        table = timed("read the file into rows", lambda: read_log_table(content, f"log.{kind}"))
        with tempfile.TemporaryDirectory() as folder:
            store = CaseStore(Workspace(Path(folder)).ensure())
            case_id = make_case(store, days, rng)
            bundle = store.load(case_id)
            sha = hashlib.sha256(content).hexdigest()
            plan = timed(
                "plan the import (columns, dates, mappings, entries)",
                lambda: plan_import(table, sha, bundle, today=TODAY, services=service_mapping(bundle, services)),
            )
            path = Path(folder) / f"log.{kind}"
            path.write_bytes(content)
            start = time.perf_counter()
            outcome = import_school_log(store, case_id, path, today=TODAY, services=services)
            print(
                f"  {'whole import: read, plan, save ' + str(len(outcome.plan.sessions)) + ' entries':<62} "
                f"{_ms(time.perf_counter() - start)}"
            )
            again = timed(
                "import the same file again (adds nothing)",
                lambda: import_school_log(store, case_id, path, today=TODAY, services=services),
                runs=1,
            )
            assert not again.plan.sessions and len(plan.sessions) == len(outcome.plan.sessions)
            bundle = store.load(case_id)
            result = timed("reconcile the year (5 requirements)", lambda: reconciliation(bundle, TODAY))
            timed(
                "the TUI's case data on each load (ledger, reconciliation ...)",
                lambda: case_data_from_bundle(bundle, TODAY),
            )
            print(
                f"  admitted not provided (owed): {result.school_admitted_owed_minutes:,} min; "
                f"disputed dates: {result.disputed_count}"
            )


if __name__ == "__main__":
    main()
