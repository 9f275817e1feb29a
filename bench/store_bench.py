"""Store benchmark: save latency, cold listing of a 100-case workspace, peak memory.

Prints figures; asserts nothing (DESIGN.md: tests never assert wall-clock times).
Targets from the store issue: save p50 <= 5 ms and p95 <= 20 ms with a school year
of entries; listing 100 cases <= 300 ms; peak memory <= 150 MB.

    .venv/bin/python bench/store_bench.py            # the full run (about a minute)
    .venv/bin/python bench/store_bench.py --quick    # fewer saves, smaller workspace

A school year here is 180 school days with about four service sessions a day (speech,
OT, counseling, daily reading and math, social skills, writing), weekly snapshots, incidents, escalation steps and
meetings, with realistic notes: about 850 records and 250 KB per year.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from iep_tui.domain.models import (  # noqa: E402
    Action,
    Case,
    CaseBundle,
    Contact,
    EscalationStep,
    Incident,
    Meeting,
    Notification,
    Requirement,
    Session,
    WeeklySnapshot,
)
from iep_tui.store.case_store import CaseStore  # noqa: E402
from iep_tui.store.workspace import Workspace  # noqa: E402

FIRST_NAMES = ["Maya", "Eli", "Jordan", "Ava", "Noah", "Sofia", "Liam", "Zoe", "Mateo", "Aria", "Owen", "Leah"]
LAST_NAMES = ["Thompson", "Nguyen", "Garcia", "Okafor", "Patel", "Kowalski", "Reyes", "Lindqvist", "Haddad"]
SCHOOLS = ["Cedar Ridge Elementary", "Lakeview Middle", "Pine Hollow Elementary", "Riverside K-8"]
DISTRICTS = ["North Sound School District", "Evergreen Public Schools", "Columbia Valley SD"]

SERVICES = [
    # name, IEP wording, frequency, minutes, role, setting, sessions per week
    (
        "Speech-language therapy",
        "Student will receive 30 minutes of speech-language therapy 2x weekly "
        "in a pull-out setting with the SLP, targeting expressive language and articulation.",
        "30 min 2x weekly",
        30,
        "slp",
        "pull-out, speech room",
        2,
    ),
    (
        "Occupational therapy",
        "30 minutes weekly of OT addressing fine motor and handwriting.",
        "30 min weekly",
        30,
        "ot",
        "pull-out",
        1,
    ),
    (
        "Specialized math instruction",
        "30 minutes daily of specialized math instruction in the resource room.",
        "30 min daily",
        30,
        "special-education-teacher",
        "resource room",
        5,
    ),
    (
        "Social skills group",
        "25 minutes 3x weekly of social skills instruction in a small group.",
        "25 min 3x weekly",
        25,
        "school-psychologist",
        "small group room",
        3,
    ),
    (
        "Written expression",
        "30 minutes 2x weekly of specialized writing instruction.",
        "30 min 2x weekly",
        30,
        "special-education-teacher",
        "general education classroom",
        2,
    ),
    (
        "Counseling",
        "20 minutes weekly of school counseling focused on self-regulation.",
        "20 min weekly",
        20,
        "school-counselor",
        "counselor office",
        1,
    ),
    (
        "Specialized reading instruction",
        "45 minutes daily of specialized reading instruction "
        "(structured literacy) in the resource room with the special education teacher.",
        "45 min daily",
        45,
        "special-education-teacher",
        "resource room",
        5,
    ),
]
ACCOMMODATIONS = [
    "Extended time (1.5x) on tests and assignments.",
    "Preferential seating near instruction and away from distractions.",
    "Tests read aloud except when decoding is being assessed.",
    "Scheduled breaks every 30 minutes and on request.",
]
SUPPORTS = [
    "Behavior intervention plan implemented across settings.",
    "Para support at recess and during transitions.",
    "Elopement safety plan: adult within arm's reach during transitions; door alarm checked daily.",
]
REASONS = ["provider-absent", "staff-reassigned", "schedule-conflict", "school-closed", "student-absent", "unknown"]
NOTES = [
    "Provider out sick; no substitute assigned.",
    "SLP pulled to cover an evaluation; session not rescheduled.",
    "Assembly ran long, reading block cut short.",
    "Student attended; worked on /r/ blends and story retell.",
    "Session held in hallway because resource room was used for testing.",
    "",
    "",
    "Teacher's log says delivered; student reports no session today.",
]


def school_days(first: date, count: int) -> list[date]:
    days, day = [], first
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def realistic_case(years: float, seed: int = 1) -> CaseBundle:
    rng = random.Random(seed)
    student = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    case = Case(
        student=student,
        school=rng.choice(SCHOOLS),
        district=rng.choice(DISTRICTS),
        state="WA",
        grade=str(rng.randint(1, 8)),
        address="1420 Alder Street\nBellingham, WA 98225",
        contacts=[
            Contact(role="parent", name="Dana " + student.split()[1], email="dana@example.org", phone="360-555-0142"),
            Contact(role="case-manager", name="Ms. Ortiz", email="ortiz@district.example"),
            Contact(role="principal", name="Mr. Feld", email="feld@district.example"),
            Contact(role="special-education-director", name="Dr. Amsel", email="amsel@district.example"),
        ],
    )
    start = date(2021, 9, 1)
    requirements = [
        Requirement(
            kind="service",
            name=name,
            text=text,
            frequency=freq,
            provider_role=role,
            setting=setting,
            section="Services, p. 12",
            start=start,
        )
        for name, text, freq, _m, role, setting, _w in SERVICES
    ]
    requirements += [
        Requirement(
            kind="accommodation", name=t.split(" (")[0].split(".")[0][:60], text=t, section="Accommodations, p. 9"
        )
        for t in ACCOMMODATIONS
    ]
    requirements += [
        Requirement(
            kind="support",
            name=t.split(":")[0].split(".")[0][:60],
            text=t,
            safety="Elopement" in t,
            section="Supports, p. 10",
        )
        for t in SUPPORTS
    ]
    days = school_days(start, int(180 * years))
    sessions, incidents, snapshots, steps, meetings = [], [], [], [], []
    for index, day in enumerate(days):
        for (_name, _t, _f, minutes, _r, _s, per_week), req in zip(
            SERVICES, requirements[: len(SERVICES)], strict=True
        ):
            if per_week < 5 and day.weekday() not in (1, 3, 0)[:per_week]:
                continue
            roll = rng.random()
            if roll < 0.72:
                sessions.append(
                    Session(
                        requirement_id=req.id,
                        date=day,
                        status="delivered",
                        minutes=minutes,
                        note=rng.choice(NOTES[3:]),
                        source="provider-note",
                    )
                )
            elif roll < 0.82:
                sessions.append(
                    Session(
                        requirement_id=req.id,
                        date=day,
                        status="delivered",
                        minutes=rng.choice([10, 15, 20]),
                        note=rng.choice(NOTES),
                    )
                )
            else:
                sessions.append(
                    Session(
                        requirement_id=req.id,
                        date=day,
                        status="missed",
                        minutes=minutes,
                        reason=rng.choice(REASONS),
                        note=rng.choice(NOTES[:3]),
                        source=rng.choice(["school-log", "parent-observation"]),
                    )
                )
        if rng.random() < 0.25:
            acc = rng.choice(requirements[len(SERVICES) :])
            incidents.append(
                Incident(
                    date=day,
                    what=f"{acc.name} was not provided during the math unit test.",
                    setting=rng.choice(["math class", "recess", "hallway transition", "science lab"]),
                    requirement_ids=[acc.id],
                    section=acc.section,
                    impact="Student did not finish; scored 52% and missed recess to complete work.",
                    notified=[Notification(role="case-manager", on=day)],
                    safety=acc.safety,
                    tags=["accommodation"],
                )
            )
        if day.weekday() == 0:
            snapshots.append(
                WeeklySnapshot(
                    week=day,
                    missing_work=rng.randint(0, 6),
                    behavior_incidents=rng.randint(0, 3),
                    nurse_visits=rng.randint(0, 2),
                    minutes_out_of_class=rng.choice([0, 0, 30, 45, 90]),
                )
            )
        if index % 30 == 29:
            steps.append(
                EscalationStep(
                    kind=rng.choice(["compliance-notice", "records-request", "meeting-request", "pwn-request"]),
                    sent=day,
                    to_roles=["case-manager", "principal"],
                    cc_roles=["special-education-director"],
                    asked="Please confirm in writing how the missed speech and OT minutes will be made up.",
                    incident_ids=[i.id for i in incidents[-3:]],
                    due_count=10,
                    due_day_kind="school",
                    status="sent",
                )
            )
        if index % 60 == 59:
            meetings.append(
                Meeting(
                    date=day,
                    status="held",
                    purpose="IEP implementation review",
                    attendees=["parent", "case-manager", "slp", "principal"],
                    actions=[
                        Action(
                            owner_role="slp",
                            what="Provide a make-up schedule for missed sessions",
                            due=day + timedelta(days=14),
                        )
                    ],
                )
            )
    return CaseBundle(
        case=case,
        requirements=requirements,
        sessions=sessions,
        incidents=incidents,
        escalations=steps,
        meetings=meetings,
        snapshots=snapshots,
    )


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def bench_saves(root: Path, years: float, saves: int) -> dict[str, float]:
    store = CaseStore(Workspace(root / f"saves-{years}").ensure())
    bundle = realistic_case(years)
    started = time.perf_counter()
    bundle = store.create(bundle)  # the stored copies carry their versions
    create_ms = (time.perf_counter() - started) * 1000
    case_id = bundle.case.id
    path = store.case_path(case_id)
    requirement = bundle.requirements[0]
    incident = bundle.incidents[0]
    last_day = bundle.sessions[-1].date
    timings = []
    for n in range(saves):
        # the common day-to-day saves: log a session, log an incident, correct an entry
        kind = n % 10
        started = time.perf_counter()
        if kind < 7:
            store.add(
                case_id,
                Session(
                    requirement_id=requirement.id,
                    date=last_day,
                    status="missed",
                    minutes=30,
                    reason="provider-absent",
                    note="SLP absent, no substitute.",
                ),
            )
        elif kind < 9:
            store.add(
                case_id,
                Incident(
                    date=last_day,
                    what="Tests were not read aloud in science.",
                    requirement_ids=[bundle.requirements[len(SERVICES) + 1].id],
                    impact="Scored 40%.",
                ),
            )
        else:
            incident = store.update(case_id, incident.model_copy(update={"impact": f"Scored {n}%."}))
        timings.append((time.perf_counter() - started) * 1000)
    # the pattern of the quick-entry services (ledger_service.log_session): the whole
    # case validated inside the transaction, then one insert
    pattern = []
    for _ in range(30):
        started = time.perf_counter()
        with store.transaction(case_id) as tx:
            tx.bundle()
            tx.insert(Session(requirement_id=requirement.id, date=last_day, status="delivered", minutes=30))
        pattern.append((time.perf_counter() - started) * 1000)
    # the first save of a fresh store (a CLI command, a newly opened window) also
    # validates every record of the file once
    first = []
    for _ in range(20):
        fresh = CaseStore(store.workspace)
        started = time.perf_counter()
        fresh.add(case_id, Session(requirement_id=requirement.id, date=last_day, status="delivered", minutes=30))
        first.append((time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    loaded = store.load(case_id)
    load_ms = (time.perf_counter() - started) * 1000
    records = sum(
        len(getattr(loaded, name))
        for name in ("requirements", "sessions", "incidents", "escalations", "meetings", "snapshots")
    )
    return {
        "records": records,
        "file_kb": path.stat().st_size / 1024,
        "create_ms": create_ms,
        "p50": percentile(timings, 0.50),
        "p95": percentile(timings, 0.95),
        "max": max(timings),
        "mean": statistics.fmean(timings),
        "load_ms": load_ms,
        "first_p50": percentile(first, 0.50),
        "pattern_p50": percentile(pattern, 0.50),
    }


LIST_SNIPPET = """
import json, resource, sys, time
t0 = time.perf_counter()
from iep_tui.store.case_store import CaseStore
from iep_tui.store.workspace import Workspace
t1 = time.perf_counter()
store = CaseStore(Workspace(__import__("pathlib").Path(sys.argv[1])))
rows = store.summaries()
t2 = time.perf_counter()
print(json.dumps({"import_ms": (t1 - t0) * 1000, "list_ms": (t2 - t1) * 1000, "cases": len(rows),
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def cold_list(root: Path) -> dict[str, float]:
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", LIST_SNIPPET, str(root)], capture_output=True, text=True, check=True, cwd=ROOT
    )
    figures = json.loads(out.stdout)
    figures["process_ms"] = (time.perf_counter() - started) * 1000
    return figures


def bench_listing(root: Path, cases: int, runs: int) -> dict[str, object]:
    workspace = Workspace(root / "caseload").ensure()
    store = CaseStore(workspace)
    rng = random.Random(7)
    total_kb = 0.0
    for n in range(cases):
        # a caseload: most cases a few months of entries, some a full year or two
        years = rng.choice([0.1, 0.25, 0.25, 0.5, 0.5, 1.0, 1.0, 2.0])
        bundle = realistic_case(years, seed=n)
        store.create(bundle)
        total_kb += store.case_path(bundle.case.id).stat().st_size / 1024
    in_process = []
    for _ in range(runs):
        started = time.perf_counter()
        CaseStore(Workspace(workspace.root)).summaries()
        in_process.append((time.perf_counter() - started) * 1000)
    with_index = [cold_list(workspace.root) for _ in range(runs)]
    without_index = []
    for _ in range(runs):
        workspace.index.unlink()
        without_index.append(cold_list(workspace.root))
    in_process_rebuild = []
    for _ in range(runs):
        workspace.index.unlink()
        started = time.perf_counter()
        CaseStore(Workspace(workspace.root)).summaries()
        in_process_rebuild.append((time.perf_counter() - started) * 1000)
    return {
        "cases": cases,
        "total_mb": total_kb / 1024,
        "with_index": with_index,
        "without_index": without_index,
        "in_process": statistics.median(in_process),
        "in_process_rebuild": statistics.median(in_process_rebuild),
    }


def bench_memory(root: Path, years: float) -> dict[str, float]:
    store = CaseStore(Workspace(root / f"memory-{years}").ensure())
    tracemalloc.start()
    bundle = realistic_case(years, seed=3)
    store.create(bundle)
    store.add(
        bundle.case.id,
        Session(requirement_id=bundle.requirements[0].id, date=date(2026, 1, 5), status="delivered", minutes=30),
    )
    store.load(bundle.case.id)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"tracemalloc_peak_mb": peak / 2**20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer saves and a smaller workspace")
    parser.add_argument("--saves", type=int, default=None, help="saves measured per case size")
    args = parser.parse_args()
    saves = args.saves or (60 if args.quick else 300)
    cases = 30 if args.quick else 100
    runs = 1 if args.quick else 5

    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {sys.platform}")
    with tempfile.TemporaryDirectory(prefix="iep-store-bench-") as tmp:
        root = Path(tmp)
        print(f"\nsave latency ({saves} saves each: 70% add a session, 20% add an incident, 10% edit one)")
        for years in (1, 5):
            f = bench_saves(root, years, saves)
            print(
                f"  {years} school year{'s' if years > 1 else ''}: {f['records']:.0f} records, "
                f"{f['file_kb']:.0f} KB  p50 {f['p50']:.2f} ms  p95 {f['p95']:.2f} ms  max {f['max']:.2f} ms  "
                f"(create {f['create_ms']:.0f} ms, full load+validate {f['load_ms']:.0f} ms)"
            )
            print(f"      first save of a fresh store (validates the whole file once): p50 {f['first_p50']:.1f} ms")
            print(
                f"      save with tx.bundle() first (the quick-entry services' pattern): p50 {f['pattern_p50']:.1f} ms"
            )

        listing = bench_listing(root, cases, runs)
        print(
            f"\ncold listing of {listing['cases']} cases ({listing['total_mb']:.1f} MB of case files), "
            f"new process each run, median of {runs}"
        )
        for label in ("with_index", "without_index"):
            rows = listing[label]
            print(
                f"  {label.replace('_', ' ')}: summaries() {statistics.median(r['list_ms'] for r in rows):.1f} ms"
                f"  (imports {statistics.median(r['import_ms'] for r in rows):.0f} ms,"
                f" whole process {statistics.median(r['process_ms'] for r in rows):.0f} ms,"
                f" peak RSS {max(r['maxrss_mb'] for r in rows):.0f} MB)"
            )

        print(
            f"  fresh CaseStore in this process: summaries() {listing['in_process']:.1f} ms with the index, "
            f"{listing['in_process_rebuild']:.1f} ms rebuilding it"
        )

        print("\npeak memory")
        for years in (1, 5):
            m = bench_memory(root, years)
            print(
                f"  create + save + load, {years} year{'s' if years > 1 else ''}: "
                f"tracemalloc peak {m['tracemalloc_peak_mb']:.1f} MB"
            )
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  this benchmark process, peak RSS: {rss:.0f} MB")


if __name__ == "__main__":
    main()
