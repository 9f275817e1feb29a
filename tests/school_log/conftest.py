"""A case and district logs, laid out so every figure can be worked out by hand.

Case `case-lena` (Lena Rivera, WA), today Fri 2026-12-04, district calendar 2026-27:
first day Tue 2026-09-08, closed Wed 2026-11-11 and 2026-11-23..27. Requirements:

    speech      "Speech therapy"       30 min 2x weekly, setting "individual, speech room"
    ot          "Occupational therapy" 30 min 1x weekly, setting "pull-out, OT room"
    reading     "Reading instruction"  45 min daily,     setting "resource room, small group"
    counseling  "Counseling"           60 min monthly    (no session length)
    (and the accommodation "Extended time", which a log can never match)

and a records request sent Mon 2026-11-02, waiting for its answer.

`LENA_LOG` is a log in the column layout of a real system's export, modelled on the
Infinite Campus Service Log "Export to Excel" (the student's Last Name, First Name,
Middle Initial and Person ID, then the log's Plan, Service, Date, Provider, Position and
Minutes Served; kb.infinitecampus.com/help/special-education-service-log), with an
Attendance column holding codes of the kind SameGoal's service fidelity report lists
('Provider Absent', 'Excused Absence'; samegoal.com ... service-fidelity) and a Group Size.
It has typos, blank rows, a second student, unknown status words, a duplicate row and
a totals line: see the row-by-row comment on `LENA_LOG`.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from iep_tui.calendar.settings import CalendarSettings, Closure, SchoolYear
from iep_tui.domain.models import Case, CaseBundle, Contact, EscalationStep, Requirement
from iep_tui.store.case_store import CaseStore
from iep_tui.store.workspace import Workspace

TODAY = "2026-12-04"
CASE_ID = "case-lena"

HEADER = (
    "Last Name,First Name,Middle Initial,Person ID,Plan,Service,Date,Provider,Position,"
    "Minutes Served,Attendance,Group Size,Comments"
)

LENA = "Rivera,Lena,M,100234,IEP 2026-27,"
"""The first five columns of each of Lena's rows (name, person id, plan)."""

LENA_LOG = (
    "\n".join(
        [
            HEADER,  # row 1
            LENA + "Speech/Language Therapy,09/14/2026,J. Smith,SLP,30,Present,1,",  # 2
            LENA + "Speech/Language Therapy,09/16/2026,J. Smith,SLP,30,Therapist Absent,1,No sub",  # 3
            LENA + "Ocupational Therapy,09/15/2026,K. Lee,OTR,30,Completed,1,",  # 4
            LENA + "Reading Intervention,09/14/2026,P. Diaz,Teacher,45,Present,4,",  # 5
            ",,,,,,,,,,,,",  # 6 blank
            "Webb,Marcus,,100871,IEP 2026-27,Speech/Language Therapy,09/14/2026,J. Smith,SLP,30,Present,2,",  # 7 other
            LENA + "Speech/Language Therapy,9/21/26,J. Smith,SLP,20,Present,1,Left early",  # 8
            LENA + "Speech/Language Therapy,09/23/2026,J. Smith,SLP,0,Student Absent,1,",  # 9
            LENA + "Ocupational Therapy,09/22/2026,K. Lee,OTR,,Presnt,1,",  # 10
            LENA + "Reading Intervention,09/15/2026,P. Diaz,Teacher,45,Short Staffed,4,",  # 11
            LENA + "Reading Intervention,09/15/2026,P. Diaz,Teacher,45,Short Staffed,4,",  # 12 dup
            LENA + "Speech/Language Therapy,09/28/2026,J. Smith,SLP,30,Excused Absence,1,",  # 13
            LENA + "Speech/Language Therapy,09/30/2026,J. Smith,SLP,30,Present,3,",  # 14
            "",  # 15 blank
            "Webb,Marcus,,100871,IEP 2026-27,Reading Intervention,09/15/2026,P. Diaz,Teacher,45,Present,4,",  # 16 other
            "Total,,,,,,,,,305,,,",  # 17 totals
        ]
    )
    + "\n"
)
"""Row by row (row 1 is the header):

 2 speech  Mon 09-14 Present 30              delivered 30
 3 speech  Wed 09-16 Therapist Absent 30     missed provider-absent 30
 4 OT      Tue 09-15 Completed 30            delivered 30 (service typo 'Ocupational': no word match)
 5 reading Mon 09-14 Present 45, group 4     delivered 45 (the IEP says small group: as written)
 6 blank
 7 Marcus Webb                               another student: skipped with --student lena
 8 speech  Mon 09-21 (M/D/YY) 20             delivered 20: a partial of the 30-minute session
 9 speech  Wed 09-23 Student Absent 0        missed student-absent, 0 minutes = one session: 30
10 OT      Tue 09-22 'Presnt' (typo), blank  unknown word until mapped; blank minutes = 30
11 reading Tue 09-15 Short Staffed 45        missed staff-shortage 45
12 = row 11                                  an export duplicate: skipped
13 speech  Mon 09-28 'Excused Absence' 30    unknown word until mapped (to student-absent)
14 speech  Wed 09-30 Present 30, group 3     delivered 30, not as written (the IEP says individual)
15 blank
16 Marcus Webb                               another student
17 totals line (no date, no service)         not a session: skipped

With --student lena, --status "Presnt=delivered", --status "Excused Absence=missed:student-absent"
and --service "Ocupational Therapy=occupational": 10 new entries:
  speech  3 delivered (30 + 20 + 30 = 80 min, 1 partial), 3 missed (30 + 30 + 30 = 90 min:
          provider-absent 30, student-absent 30 + 30 = 60)
  OT      2 delivered (30 + 30 = 60 min)
  reading 1 delivered (45 min), 1 missed (staff-shortage 45 min)
"""

LENA_OPTIONS: tuple[str, ...] = (
    "--student",
    "lena",
    "--status",
    "Presnt=delivered",
    "--status",
    "Excused Absence=missed:student-absent",
    "--service",
    "Ocupational Therapy=occupational",
)


def d(text: str) -> date:
    return date.fromisoformat(text)


CALENDAR = CalendarSettings(
    state="WA",
    school_years=[SchoolYear(first_day=d("2026-09-08"), last_day=d("2027-06-17"), label="2026-27")],
    closures=[
        Closure(start=d("2026-11-11"), label="Veterans Day", kind="holiday"),
        Closure(start=d("2026-11-23"), end=d("2026-11-27"), label="Thanksgiving break", kind="break"),
    ],
)


def lena_bundle() -> CaseBundle:
    contacts = [
        Contact(
            role="parent", name="Maria Rivera", email="maria@example.org", address="12 Elm St\nPine Valley, WA 98001"
        ),
        Contact(role="case-manager", name="Dana Brooks", title="Case manager", email="dbrooks@pvsd.example"),
        Contact(role="principal", name="Sam Ortiz", title="Principal", email="sortiz@pvsd.example"),
        Contact(
            role="special-education-director",
            name="Lee Chen",
            title="Director of Special Education",
            email="lchen@pvsd.example",
        ),
    ]
    case = Case(
        id=CASE_ID,
        student="Lena Rivera",
        state="WA",
        district="Pine Valley SD",
        school="Pine Valley Elementary",
        grade="3",
        address="12 Elm St\nPine Valley, WA 98001",
        iep_effective=d("2026-09-08"),
        calendar=CALENDAR,
        contacts=contacts,
    )
    requirements = [
        Requirement(
            id="req-speech",
            kind="service",
            name="Speech therapy",
            frequency="30 min 2x weekly",
            text="Speech-language therapy, individual, 30 minutes twice weekly",
            setting="individual, speech room",
            provider_role="slp",
        ),
        Requirement(
            id="req-ot",
            kind="service",
            name="Occupational therapy",
            frequency="30 min 1x weekly",
            text="Occupational therapy, 30 minutes weekly",
            setting="pull-out, OT room",
        ),
        Requirement(
            id="req-reading",
            kind="service",
            name="Reading instruction",
            frequency="45 min daily",
            text="Specially designed reading instruction, 45 minutes daily",
            setting="resource room, small group",
        ),
        Requirement(
            id="req-counseling",
            kind="service",
            name="Counseling",
            frequency="60 min monthly",
            text="Counseling, 60 minutes monthly",
        ),
        Requirement(id="req-time", kind="accommodation", name="Extended time", text="Extended time on tests"),
    ]
    request = EscalationStep(
        id="step-records",
        kind="records-request",
        sent=d("2026-11-02"),
        status="sent",
        to_roles=["sped-director"],
        due_count=25,
        due_day_kind="calendar",
    )
    return CaseBundle(case=case, requirements=requirements, escalations=[request])


@pytest.fixture
def lena(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> CaseStore:
    """The case above in the CLI's workspace, today fixed to 2026-12-04."""
    monkeypatch.setenv("IEP_TUI_TODAY", TODAY)
    store = CaseStore(workspace.ensure())
    store.create(lena_bundle())
    return store


@pytest.fixture
def case_file(lena: CaseStore) -> Callable[[], bytes]:
    """The case file's bytes now (to show a refused import wrote nothing)."""
    return lambda: lena.case_path(CASE_ID).read_bytes()


def write_csv(folder: Path, text: str, name: str = "service_log.csv") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def xlsx_bytes(rows: Sequence[Sequence[Any]], title: str = "Service Log", more_sheets: Sequence[str] = ()) -> bytes:
    """A workbook built as a spreadsheet program saves it: dates as date cells, minutes as numbers."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for name in more_sheets:
        book.create_sheet(name).append(["notes"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def import_lena_log_and_her_miss(cli: Callable[..., Any], folder: Path) -> None:
    """Lena's district log imported (received Dec 1) and the parent's own miss of speech on 09-21, as the
    letters' and the Dashboard's tests start from."""
    imported = cli("school-log", "import", str(write_csv(folder, LENA_LOG)), *LENA_OPTIONS, "--received", "2026-12-01")
    assert imported.code == 0
    assert cli("log", "missed", "speech", "--date", "2026-09-21", "--reason", "provider-absent").code == 0


class Logs:
    """The logs and helpers above, for tests (imported by path, they reach them as the `logs` fixture)."""

    CASE_ID = CASE_ID
    HEADER = HEADER
    LENA_LOG = LENA_LOG
    LENA_OPTIONS = LENA_OPTIONS
    write_csv = staticmethod(write_csv)
    xlsx_bytes = staticmethod(xlsx_bytes)
    lena_bundle = staticmethod(lena_bundle)
    import_lena_log_and_her_miss = staticmethod(import_lena_log_and_her_miss)


@pytest.fixture
def logs() -> type[Logs]:
    return Logs
