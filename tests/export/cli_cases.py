"""Three cases built only with `iep-tui` commands, one each in Washington, California and Texas.

Each has two services, an accommodation and a safety plan (a support); missed sessions; an
informal change, a refusal, a safety failure and an accommodation failure; a meeting with an
agreed action. California and Texas load a district calendar (CSV); Washington does not, so
its school days are estimated. Every value the tests expect is worked out by hand in the tests.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

CA_CALENDAR = """date,end,label,kind
2026-08-19,,First Day of School,first_day
2026-09-07,,Labor Day,holiday
2026-11-11,,Veterans Day,holiday
2026-11-23,2026-11-27,Thanksgiving Break,break
2026-12-21,2027-01-01,Winter Break,break
2027-06-10,,Last Day of School,last_day
"""

TX_CALENDAR = """date,end,label,kind
2026-08-12,,First Day of School,first_day
2026-09-07,,Labor Day,holiday
2026-11-23,2026-11-27,Thanksgiving Break,break
2026-12-21,2027-01-01,Winter Break,break
2027-01-18,,Martin Luther King Jr. Day,holiday
2027-05-27,,Last Day of School,last_day
"""

STATES = {
    "WA": dict(
        student="Nora Quinn",
        school="Maple Grove Elementary",
        district="Tacoma Valley School District",
        address="55 Cedar Ave\nTacoma, WA 98402",
        calendar=None,
        today="2026-11-28",
    ),
    "CA": dict(
        student="Maya Chen",
        school="Lincoln Elementary",
        district="Riverside Unified School District",
        address="12 Elm St\nRiverside, CA 92501",
        calendar=CA_CALENDAR,
        today="2026-10-19",
    ),
    "TX": dict(
        student="Ana Ruiz",
        school="Oak Hill Elementary",
        district="Bluebonnet Independent School District",
        address="900 Pecan Rd\nAustin, TX 78745",
        calendar=TX_CALENDAR,
        today="2026-11-28",
    ),
}

# Entries per state: (command args ...). Dates are chosen on school days of each calendar
# (no holiday in any of the three states falls on them), on or before that state's "today".
ENTRIES = {
    "WA": [
        ("log", "missed", "speech", "--date", "2026-10-13", "--reason", "provider-absent"),
        ("log", "missed", "speech", "--date", "2026-10-15", "--reason", "staff-shortage"),
        ("log", "missed", "occupational", "--date", "2026-10-14", "--reason", "staff-reassigned"),
        ("log", "missed", "occupational", "--date", "2026-10-21", "--reason", "staff-reassigned"),
        (
            "log",
            "incident",
            "The OT told me that OT is suspended until a new therapist is hired.",
            "--req",
            "occupational",
            "--kind",
            "informal-change",
            "--date",
            "2026-10-21",
            "--notified",
            "case-manager",
        ),
        (
            "log",
            "incident",
            "No extended time on the math unit test; the test was collected at the bell.",
            "--req",
            "extended",
            "--date",
            "2026-10-22",
            "--setting",
            "4th grade math",
        ),
        (
            "log",
            "incident",
            "The principal refused my written request for a para at recess.",
            "--kind",
            "refusal",
            "--date",
            "2026-11-02",
        ),
        (
            "log",
            "incident",
            "No adult during the transition to lunch; she left the building and was found in the parking lot.",
            "--req",
            "elopement",
            "--date",
            "2026-11-17",
            "--notified",
            "principal",
        ),
    ],
    "CA": [
        ("log", "missed", "speech", "--date", "2026-09-15", "--reason", "provider-absent"),
        ("log", "missed", "speech", "--date", "2026-09-17", "--reason", "provider-absent"),
        ("log", "missed", "speech", "--date", "2026-09-22", "--reason", "staff-shortage"),
        ("log", "missed", "occupational", "--date", "2026-09-16", "--reason", "staff-reassigned"),
        ("log", "delivered", "counseling", "--date", "2026-09-18", "--as", "group of 6"),
        (
            "log",
            "incident",
            "The OT told me that OT is suspended until a new therapist is hired.",
            "--req",
            "occupational",
            "--kind",
            "informal-change",
            "--date",
            "2026-09-16",
            "--notified",
            "case-manager",
        ),
        (
            "log",
            "incident",
            "No extended time on the spelling test.",
            "--req",
            "extended",
            "--date",
            "2026-09-25",
            "--setting",
            "3rd grade ELA",
        ),
        (
            "log",
            "incident",
            "The principal refused my written request for a para at recess.",
            "--kind",
            "refusal",
            "--date",
            "2026-10-01",
        ),
        (
            "log",
            "incident",
            "No adult during the transition to lunch; she left the building and was found in the parking lot.",
            "--req",
            "elopement",
            "--date",
            "2026-10-14",
            "--notified",
            "principal",
        ),
    ],
    "TX": [
        ("log", "missed", "speech", "--date", "2026-10-13", "--reason", "provider-absent"),
        ("log", "missed", "speech", "--date", "2026-10-15", "--reason", "provider-absent"),
        ("log", "missed", "speech", "--date", "2026-10-20", "--reason", "staff-shortage"),
        ("log", "missed", "occupational", "--date", "2026-10-14", "--reason", "staff-reassigned"),
        ("log", "missed", "occupational", "--date", "2026-10-21", "--reason", "staff-reassigned"),
        (
            "log",
            "incident",
            "The OT told me that OT is suspended until a new therapist is hired.",
            "--req",
            "occupational",
            "--kind",
            "informal-change",
            "--date",
            "2026-10-21",
            "--notified",
            "case-manager",
        ),
        (
            "log",
            "incident",
            "No extended time on the math unit test; the test was collected at the bell.",
            "--req",
            "extended",
            "--date",
            "2026-10-22",
            "--setting",
            "4th grade math",
        ),
        (
            "log",
            "incident",
            "The principal refused my written request for a para at recess.",
            "--kind",
            "refusal",
            "--date",
            "2026-11-02",
        ),
        (
            "log",
            "incident",
            "No adult during the transition to lunch; he left the building and was found in the parking lot.",
            "--req",
            "elopement",
            "--date",
            "2026-11-17",
            "--notified",
            "principal",
        ),
    ],
}

MEETINGS = {  # (date, action due): WA and TX held weeks ago; CA held the school day before "today"
    "WA": ("2026-10-05", "2026-10-16"),
    "CA": ("2026-10-16", "2026-10-23"),
    "TX": ("2026-10-05", "2026-10-16"),
}


def build_case(cli: Callable[..., Any], state: str, tmp_path: Path) -> str:
    """Create the case of `state` with the CLI only; returns its id."""
    spec = STATES[state]

    def run(*args: str) -> Any:
        result = cli(*args)
        assert result.code == 0, (args, result.err)
        return result

    case = run(
        "case",
        "new",
        "--student",
        spec["student"],
        "--state",
        state,
        "--school",
        spec["school"],
        "--district",
        spec["district"],
        "--grade",
        "4",
        "--address",
        spec["address"],
    ).last_line
    run("case", "set", case, "--iep-effective", "2026-09-08", "--dob", "2016-05-02", "--student-id", "1002003")
    first = spec["student"].split()[0]
    for role, name, title in (
        ("parent", f"Jordan {spec['student'].split()[1]}", ""),
        ("case-manager", "Ruth Alvarez", "Special Education Teacher / Case Manager"),
        ("principal", "Omar Haddad", "Principal"),
        ("sped-director", "Dr. Karen Obi", "Director of Special Education"),
        ("superintendent", "Dr. Lee Wong", "Superintendent"),
        ("teacher", "Sam Ortiz", "4th Grade Teacher"),
    ):
        args = ["contact", "set", role, "--name", name, "--case", case, "--email", f"{role}@example.org"]
        if title:
            args += ["--title", title]
        if role == "parent":
            args += ["--phone", "(555) 555-0100"]
        run(*args)
    if spec["calendar"]:
        path = tmp_path / f"{state.lower()}-calendar.csv"
        path.write_text(spec["calendar"], encoding="utf-8")
        run("calendar", "import", str(path), "--case", case)
    run(
        "req",
        "add",
        "--case",
        case,
        "--kind",
        "service",
        "--name",
        "Speech therapy",
        "--text",
        "Speech-language therapy, 30 minutes, twice weekly, individual, in the speech room.",
        "--frequency",
        "30 min 2x weekly",
        "--role",
        "slp",
        "--setting",
        "individual, speech room",
        "--section",
        "Services, p. 9",
    )
    run(
        "req",
        "add",
        "--case",
        case,
        "--kind",
        "service",
        "--name",
        "Occupational therapy",
        "--text",
        "Occupational therapy for handwriting goals, 30 minutes weekly, individual, pull-out.",
        "--frequency",
        "30 min 1x weekly",
        "--role",
        "ot",
        "--setting",
        "individual, OT room",
        "--section",
        "Services, p. 9",
    )
    run(
        "req",
        "add",
        "--case",
        case,
        "--kind",
        "accommodation",
        "--name",
        "Extended time",
        "--text",
        "Extended time (1.5x) on every test and quiz.",
        "--role",
        "teacher",
        "--setting",
        "every test, general education classes",
        "--section",
        "Accommodations, p. 7",
    )
    run(
        "req",
        "add",
        "--case",
        case,
        "--kind",
        "support",
        "--name",
        "Elopement plan",
        "--text",
        f"An adult within arm's reach during transitions; staff radio the office if {first} leaves the "
        "supervised area; parent called the same day.",
        "--role",
        "para",
        "--setting",
        "during transitions",
        "--section",
        "Health/Safety plan, p. 12",
        "--safety",
    )
    if state == "CA":
        run(
            "req",
            "add",
            "--case",
            case,
            "--kind",
            "service",
            "--name",
            "Counseling",
            "--text",
            "Counseling, 20 minutes once a week, individual.",
            "--frequency",
            "20 min 1x weekly",
            "--role",
            "counselor",
            "--setting",
            "individual",
            "--section",
            "Services, p. 10",
        )
    for entry in ENTRIES[state]:
        run(*entry, "--case", case)
    held, due = MEETINGS[state]
    meeting = run(
        "meeting",
        "add",
        "--case",
        case,
        "--date",
        held,
        "--status",
        "held",
        "--purpose",
        "Review of the new IEP",
        "--attendee",
        "parent",
        "case-manager",
        "principal",
        "--json",
    ).json()
    run(
        "meeting",
        "action",
        meeting["id"],
        "--case",
        case,
        "--owner",
        "case-manager",
        "--what",
        "Give every general-education teacher the accommodations page.",
        "--due",
        due,
    )
    return case
