"""Build the demo case: rich enough that every pane and every letter shows something real.

Everything is invented. The dates are fixed (the 2026-27 school year of a Washington
district) and every id and timestamp is deterministic, so exports and screenshots of
the demo are reproducible. About eight school weeks of sessions (28 Sep - 25 Nov 2026)
carry realistic gaps: an SLP out sick, OT put "on hold" for staffing, a reading block
cut short, an elopement while the para was reassigned.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from iep_tui.calendar.settings import CalendarSettings, Closure, EarlyRelease, SchoolYear
from iep_tui.demo import DEMO_CASE_ID  # noqa: F401  (re-exported)
from iep_tui.domain.models import (
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
from iep_tui.domain.vocabulary import MissReason, RequirementKind, SessionStatus, Source

D = date.fromisoformat


def _at(day: date, hour: int = 16) -> datetime:
    """When a fact was entered: the afternoon of the day it describes."""
    return datetime.combine(day, time(hour, 0), tzinfo=UTC)


def demo_calendar() -> CalendarSettings:
    """Evergreen Valley School District, 2026-27 (invented; shaped like a real WA calendar)."""
    closures = [
        Closure(start=D("2026-09-07"), label="Labor Day", kind="holiday"),
        Closure(start=D("2026-10-09"), label="Teacher workday (no school)", kind="staff_day"),
        Closure(start=D("2026-11-11"), label="Veterans Day", kind="holiday"),
        Closure(start=D("2026-11-26"), end=D("2026-11-27"), label="Thanksgiving break", kind="break"),
        Closure(start=D("2026-12-21"), end=D("2027-01-01"), label="Winter break", kind="break"),
        Closure(start=D("2027-01-18"), label="Martin Luther King Jr. Day", kind="holiday"),
        Closure(start=D("2027-01-29"), label="Teacher workday (no school)", kind="staff_day"),
        Closure(start=D("2027-02-15"), end=D("2027-02-19"), label="Mid-winter break", kind="break"),
        Closure(start=D("2027-04-05"), end=D("2027-04-09"), label="Spring break", kind="break"),
        Closure(start=D("2027-05-31"), label="Memorial Day", kind="holiday"),
    ]
    early = [
        EarlyRelease(day=D("2026-11-25"), label="Early release before Thanksgiving"),
        EarlyRelease(day=D("2027-01-28"), label="Early release: end of semester"),
        EarlyRelease(day=D("2027-06-17"), label="Last day of school: early release"),
    ]
    return CalendarSettings(
        state="WA",
        school_years=[SchoolYear(first_day=D("2026-09-02"), last_day=D("2027-06-17"), label="2026-27")],
        closures=closures,
        early_release=early,
        source="Evergreen Valley SD 2026-27 calendar (demo)",
    )


def _case() -> Case:
    return Case(
        id=DEMO_CASE_ID,
        created=_at(D("2026-09-20")),
        updated=_at(D("2026-09-20")),
        student="Lena Marsh",
        school="Cedar Ridge Elementary",
        district="Evergreen Valley School District",
        state="WA",
        grade="4",
        address="1427 Alder Lane\nOlympia, WA 98501",
        iep_effective=D("2026-09-28"),
        annual_review_due=D("2027-09-27"),
        reevaluation_due=D("2028-04-30"),
        is_demo=True,
        contacts=[
            Contact(
                role="parent",
                name="Dana Marsh",
                email="dana.marsh@example.com",
                phone="(360) 555-0142",
                address="1427 Alder Lane\nOlympia, WA 98501",
            ),
            Contact(
                role="case-manager",
                name="Priya Natarajan",
                title="Special Education Teacher / Case Manager",
                email="pnatarajan@evsd.example.org",
            ),
            Contact(
                role="principal",
                name="Thomas Becker",
                title="Principal, Cedar Ridge Elementary",
                email="tbecker@evsd.example.org",
            ),
            Contact(
                role="sped-director",
                name="Dr. Alicia Gomez",
                title="Director of Special Education",
                email="agomez@evsd.example.org",
                address="Evergreen Valley School District\n800 District Way\nOlympia, WA 98502",
            ),
            Contact(
                role="asst-superintendent",
                name="Mark Osei",
                title="Assistant Superintendent, Student Services",
                email="mosei@evsd.example.org",
            ),
            Contact(
                role="superintendent", name="Dr. Helen Park", title="Superintendent", email="hpark@evsd.example.org"
            ),
            Contact(role="slp", name="Jordan Lee", title="Speech-Language Pathologist", email="jlee@evsd.example.org"),
            Contact(
                role="ot", name="Sam Whitfield", title="Occupational Therapist", email="swhitfield@evsd.example.org"
            ),
            Contact(role="teacher", name="Carla Jensen", title="4th Grade Teacher", email="cjensen@evsd.example.org"),
        ],
        calendar=demo_calendar(),
    )


def _requirements() -> list[Requirement]:
    start = D("2026-09-28")

    def req(rid: str, kind: RequirementKind, name: str, text: str, **extra: object) -> Requirement:
        # model_validate: the extra fields differ per requirement and pydantic checks them.
        return Requirement.model_validate(
            {
                "id": rid,
                "kind": kind,
                "name": name,
                "text": text,
                "start": start,
                "end": D("2027-09-27"),
                "created": _at(D("2026-09-20")),
                "updated": _at(D("2026-09-20")),
                **extra,
            }
        )

    return [
        req(
            "req-speech",
            "service",
            "Speech therapy",
            "Speech-language therapy, 30 minutes, 2 times weekly, in the speech room, provided by the SLP.",
            frequency="30 min 2x weekly",
            provider_role="slp",
            setting="pull-out (speech room)",
            section="Services, p. 12",
        ),
        req(
            "req-ot",
            "service",
            "Occupational therapy",
            "Occupational therapy for fine-motor and handwriting goals, 30 minutes weekly, pull-out.",
            frequency="30 min 1x weekly",
            provider_role="ot",
            setting="pull-out (OT room)",
            section="Services, p. 12",
        ),
        req(
            "req-counseling",
            "service",
            "Counseling",
            "School counseling (social skills and self-regulation), 20 minutes weekly, small group.",
            frequency="20 min weekly",
            provider_role="counselor",
            setting="small group",
            section="Services, p. 13",
        ),
        req(
            "req-reading",
            "service",
            "Reading instruction",
            "Specially designed instruction in reading (decoding and fluency), 45 minutes daily, resource room.",
            frequency="45 min daily",
            provider_role="case-manager",
            setting="resource room",
            section="Services, p. 12",
        ),
        req(
            "req-ext-time",
            "accommodation",
            "Extended time",
            "Extended time (1.5x) on tests, quizzes and timed assignments in all classes.",
            provider_role="teacher",
            setting="all classes",
            section="Accommodations, p. 10",
        ),
        req(
            "req-seating",
            "accommodation",
            "Preferential seating",
            "Preferential seating near instruction and away from the door and high-traffic areas.",
            provider_role="teacher",
            setting="general education classroom",
            section="Accommodations, p. 10",
        ),
        req(
            "req-read-aloud",
            "accommodation",
            "Tests read aloud",
            "Tests and quizzes read aloud (except when reading decoding is measured).",
            provider_role="teacher",
            setting="all classes",
            section="Accommodations, p. 10",
        ),
        req(
            "req-breaks",
            "accommodation",
            "Breaks",
            "Movement break of up to 5 minutes when requested or when signs of dysregulation appear.",
            provider_role="teacher",
            setting="all settings",
            section="Accommodations, p. 11",
        ),
        req(
            "req-bip",
            "support",
            "Behavior plan",
            "Implement the Behavior Intervention Plan dated 2026-09-08: pre-teach transitions, "
            "offer a break card, use the de-escalation steps on p. 2 of the BIP.",
            provider_role="case-manager",
            setting="all settings",
            section="BIP, attached",
            safety=False,
        ),
        req(
            "req-para",
            "support",
            "Para at recess",
            "Paraeducator support during recess, lunch and all transitions.",
            provider_role="para",
            setting="recess, lunch, transitions",
            section="Supplementary aids, p. 11",
        ),
        req(
            "req-elopement",
            "support",
            "Elopement plan",
            "Safety plan for elopement: an adult within arm's reach during transitions and dismissal; "
            "staff radio the office immediately if Lena leaves the supervised area; parent called the same day.",
            provider_role="para",
            setting="transitions, recess, dismissal",
            section="Health/Safety plan, p. 14",
            safety=True,
        ),
    ]


# Exceptions to "delivered as scheduled", by requirement and date.
_Logged = tuple[SessionStatus, int | None, MissReason | None, str, Source]
"""(status, minutes or None for the scheduled length, reason, note, source)"""
_AS_SCHEDULED: _Logged = ("delivered", None, None, "", "school-log")

_SPEECH_EXCEPTIONS: dict[str, _Logged] = {
    "2026-10-13": ("missed", None, "provider-absent", "SLP out sick; no substitute.", "school-log"),
    "2026-10-15": ("missed", None, "provider-absent", "SLP out sick; no substitute.", "school-log"),
    "2026-10-27": ("missed", None, "staff-reassigned", "SLP pulled to cover evaluations.", "provider-note"),
    "2026-10-29": ("missed", None, "staff-reassigned", "SLP pulled to cover evaluations.", "provider-note"),
    "2026-11-05": ("delivered", 15, None, "Session cut short for a fire drill.", "provider-note"),
    "2026-11-10": ("missed", None, "schedule-conflict", "Assembly in the gym.", "parent-observation"),
    "2026-11-17": ("missed", None, "unknown", "Lena said speech did not happen.", "parent-observation"),
}
_OT_EXCEPTIONS: dict[str, _Logged] = {
    "2026-10-21": (
        "missed",
        None,
        "staff-reassigned",
        "OT told me: 'we're short-staffed, OT is on hold'.",
        "parent-observation",
    ),
    "2026-10-28": ("missed", None, "staff-reassigned", "OT on hold (staffing).", "school-log"),
    "2026-11-04": ("missed", None, "staff-reassigned", "OT on hold (staffing).", "school-log"),
    "2026-11-18": ("missed", None, "staff-reassigned", "OT on hold (staffing).", "school-log"),
}
_COUNSELING_EXCEPTIONS: dict[str, _Logged] = {
    "2026-10-23": ("missed", None, "student-absent", "Lena home sick.", "parent-observation"),
    "2026-11-13": ("missed", None, "unknown", "No group this week per counselor's calendar.", "parent-observation"),
}
_READING_EXCEPTIONS: dict[str, _Logged] = {
    "2026-10-01": ("delivered", 30, None, "Block shortened for picture day.", "school-log"),
    "2026-10-14": (
        "missed",
        None,
        "staff-reassigned",
        "Case manager covering a general-education class.",
        "school-log",
    ),
    "2026-10-20": ("delivered", 25, None, "Started late.", "school-log"),
    "2026-10-23": ("missed", None, "student-absent", "Lena home sick.", "parent-observation"),
    "2026-10-30": ("missed", None, "staff-reassigned", "Case manager covering lunch duty.", "school-log"),
    "2026-11-06": ("delivered", 30, None, "Shortened for testing.", "school-log"),
    "2026-11-12": ("missed", None, "schedule-conflict", "State testing make-up.", "school-log"),
    "2026-11-16": ("missed", None, "staff-reassigned", "No substitute for the case manager.", "school-log"),
    "2026-11-19": ("delivered", 30, None, "", "school-log"),
}
# Reading days with no entry at all: the minutes nobody can show happened.
_READING_UNLOGGED = {"2026-10-07", "2026-11-03", "2026-11-24"}

_CLOSED = {D("2026-10-09"), D("2026-11-11"), D("2026-11-26"), D("2026-11-27")}
_FIRST, _LAST = D("2026-09-28"), D("2026-11-25")


def _days(weekdays: set[int]) -> list[date]:
    out, day = [], _FIRST
    while day <= _LAST:
        if day.weekday() in weekdays and day not in _CLOSED:
            out.append(day)
        day += timedelta(days=1)
    return out


def _sessions() -> list[Session]:
    plan: list[tuple[str, int, set[int], dict[str, _Logged], set[str]]] = [
        ("req-speech", 30, {1, 3}, _SPEECH_EXCEPTIONS, set()),
        ("req-ot", 30, {2}, _OT_EXCEPTIONS, {"2026-11-25"}),
        ("req-counseling", 20, {4}, _COUNSELING_EXCEPTIONS, set()),
        ("req-reading", 45, {0, 1, 2, 3, 4}, _READING_EXCEPTIONS, _READING_UNLOGGED),
    ]
    sessions: list[Session] = []
    for rid, length, weekdays, exceptions, unlogged in plan:
        for day in _days(weekdays):
            key = day.isoformat()
            if key in unlogged:
                continue
            status, minutes, reason, note, source = exceptions.get(key, _AS_SCHEDULED)
            sessions.append(
                Session(
                    id=f"ses-{rid[4:]}-{key}",
                    requirement_id=rid,
                    date=day,
                    status=status,
                    minutes=length if minutes is None else minutes,
                    reason=reason,
                    note=note,
                    source=source,
                    created=_at(day),
                    updated=_at(day),
                )
            )
    sessions.append(
        Session(
            id="ses-speech-makeup-2026-11-19",
            requirement_id="req-speech",
            date=D("2026-11-19"),
            status="makeup",
            minutes=30,
            note="Make-up for 2026-10-13.",
            source="provider-note",
            created=_at(D("2026-11-19")),
            updated=_at(D("2026-11-19")),
        )
    )
    return sessions


def _incidents() -> list[Incident]:
    def inc(iid: str, day: str, **fields: object) -> Incident:
        # model_validate: the fields differ per incident and pydantic checks them.
        return Incident.model_validate(
            {"id": iid, "date": D(day), "created": _at(D(day), 18), "updated": _at(D(day), 18), **fields}
        )

    return [
        inc(
            "inc-ext-time-1014",
            "2026-10-14",
            what="No extended time on the math unit test; test collected at the bell.",
            setting="4th grade math",
            requirement_ids=["req-ext-time"],
            section="Accommodations, p. 10",
            impact="Finished 14 of 20 items; scored 58%.",
            notified=[Notification(role="teacher", on=D("2026-10-14"))],
            source="parent-observation",
        ),
        inc(
            "inc-ot-refusal-1021",
            "2026-10-21",
            kind="refusal",
            what=(
                "The OT told me that OT is 'on hold until further notice, we're short-staffed'. No meeting, no notice."
            ),
            setting="OT",
            requirement_ids=["req-ot"],
            section="Services, p. 12",
            impact="No OT since 2026-10-14; handwriting goal data not collected.",
            notified=[Notification(role="case-manager", on=D("2026-10-22"))],
            tags=["refusal", "informal-change"],
        ),
        inc(
            "inc-read-aloud-1022",
            "2026-10-22",
            what="Science quiz was not read aloud.",
            setting="4th grade science",
            requirement_ids=["req-read-aloud"],
            section="Accommodations, p. 10",
            impact="Scored 45%; retake not offered.",
            notified=[Notification(role="teacher", on=D("2026-10-23"))],
        ),
        inc(
            "inc-no-iep-1030",
            "2026-10-30",
            what="Science teacher said she never received the accommodations page of the IEP.",
            setting="4th grade science",
            requirement_ids=["req-read-aloud", "req-ext-time"],
            section="Accommodations, p. 10",
            impact="Accommodations not provided in science since September.",
            notified=[Notification(role="case-manager", on=D("2026-10-30"))],
            tags=["never-received-iep"],
        ),
        inc(
            "inc-elopement-1103",
            "2026-11-03",
            what=(
                "No para at recess. Lena left the playground boundary and was found by the front gate "
                "after about 5 minutes."
            ),
            setting="recess",
            requirement_ids=["req-para", "req-elopement"],
            section="Health/Safety plan, p. 14",
            impact="Unsupervised near the street; I was not called until dismissal.",
            safety=True,
            notified=[Notification(role="principal", on=D("2026-11-03"))],
            tags=["exclusion"],
        ),
        inc(
            "inc-seating-1109",
            "2026-11-09",
            what="Seated by the door at the back of the room after a seating change.",
            setting="4th grade classroom",
            requirement_ids=["req-seating"],
            section="Accommodations, p. 10",
            impact="Teacher reports more off-task behavior; two behavior referrals this week.",
            notified=[Notification(role="teacher", on=D("2026-11-09"))],
        ),
        inc(
            "inc-ext-time-1113",
            "2026-11-13",
            what="No extended time on the spelling test.",
            setting="4th grade ELA",
            requirement_ids=["req-ext-time"],
            section="Accommodations, p. 10",
            impact="Did not finish; 60%.",
            notified=[],
        ),
        inc(
            "inc-elopement-1117",
            "2026-11-17",
            what=(
                "Left the classroom during the transition to music with no adult; "
                "found in the hallway near an exit door."
            ),
            setting="transition to music",
            requirement_ids=["req-elopement", "req-bip"],
            section="Health/Safety plan, p. 14",
            impact="Missed 25 minutes of music; office not radioed; I learned of it from Lena.",
            safety=True,
            notified=[Notification(role="case-manager", on=D("2026-11-18"))],
        ),
        inc(
            "inc-breaks-1120",
            "2026-11-20",
            what="Break card refused during math; sent to the office instead.",
            setting="4th grade math",
            requirement_ids=["req-breaks", "req-bip"],
            section="Accommodations, p. 11",
            impact="Out of class 40 minutes; a discipline referral written.",
            tags=["discipline"],
            notified=[Notification(role="principal", on=D("2026-11-20"))],
        ),
    ]


def _escalations() -> list[EscalationStep]:
    return [
        EscalationStep(
            id="esc-notice-1102",
            kind="compliance-notice",
            sent=D("2026-11-02"),
            channel="email",
            to_roles=["case-manager"],
            cc_roles=["principal", "sped-director"],
            status="sent",
            asked="Implement the IEP as written; send speech, OT and reading service logs and a make-up plan; "
            "meet within 10 school days.",
            incident_ids=["inc-ext-time-1014", "inc-ot-refusal-1021", "inc-read-aloud-1022", "inc-no-iep-1030"],
            due_count=10,
            due_day_kind="school",
            created=_at(D("2026-11-02"), 20),
            updated=_at(D("2026-11-02"), 20),
        ),
        EscalationStep(
            id="esc-records-1109",
            kind="records-request",
            sent=D("2026-11-09"),
            channel="email",
            to_roles=["case-manager"],
            cc_roles=["sped-director"],
            status="sent",
            asked="Service-delivery logs since 2026-09-08, provider schedules, and how accommodations reach teachers.",
            created=_at(D("2026-11-09"), 20),
            updated=_at(D("2026-11-09"), 20),
        ),
    ]


def _meetings() -> list[Meeting]:
    held = D("2026-10-06")
    return [
        Meeting(
            id="mtg-1006",
            date=held,
            status="held",
            purpose="Review of the new IEP's start-up",
            attendees=["parent", "case-manager", "principal", "slp", "teacher"],
            recap_sent=held,
            actions=[
                Action(
                    id="act-accom-page",
                    owner_role="case-manager",
                    what="Send the accommodations page to every general-education teacher.",
                    due=D("2026-10-09"),
                ),
                Action(
                    id="act-speech-log",
                    owner_role="slp",
                    what="Send the September speech service log.",
                    due=D("2026-10-16"),
                    done=D("2026-10-20"),
                ),
                Action(
                    id="act-recess-para",
                    owner_role="principal",
                    what="Arrange para coverage at recess and transitions.",
                    due=D("2026-10-13"),
                ),
            ],
            created=_at(held, 19),
            updated=_at(held, 19),
        ),
        Meeting(
            id="mtg-request-1120",
            date=D("2026-12-03"),
            status="requested",
            purpose="IEP meeting requested: missed services, OT on hold, elopement incidents, compensatory services",
            attendees=["parent", "case-manager", "principal", "sped-director", "slp", "ot"],
            requested_on=D("2026-11-20"),
            created=_at(D("2026-11-20"), 19),
            updated=_at(D("2026-11-20"), 19),
        ),
    ]


def _snapshots() -> list[WeeklySnapshot]:
    rows = [  # missing work, behavior incidents, nurse visits, minutes out of class
        ("2026-09-28", 1, 0, 0, 20),
        ("2026-10-05", 2, 1, 0, 30),
        ("2026-10-12", 2, 1, 1, 45),
        ("2026-10-19", 3, 2, 0, 60),
        ("2026-10-26", 4, 1, 1, 40),
        ("2026-11-02", 3, 3, 2, 90),
        ("2026-11-09", 5, 2, 1, 75),
        ("2026-11-16", 4, 3, 2, 120),
    ]
    return [
        WeeklySnapshot(
            id=f"wk-{week}",
            week=D(week),
            missing_work=mw,
            behavior_incidents=bh,
            nurse_visits=nv,
            minutes_out_of_class=oc,
            created=_at(D(week) + timedelta(days=4), 19),
            updated=_at(D(week) + timedelta(days=4), 19),
        )
        for week, mw, bh, nv, oc in rows
    ]


def build_demo_bundle() -> CaseBundle:
    """The whole demo case, identical on every call."""
    return CaseBundle(
        case=_case(),
        requirements=_requirements(),
        sessions=_sessions(),
        incidents=_incidents(),
        escalations=_escalations(),
        meetings=_meetings(),
        snapshots=_snapshots(),
    )
