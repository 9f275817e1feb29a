"""Every letter kind from cases made only with the CLI, in Washington, California and Texas,
read back and checked against dates and sentences worked out by hand.

The cases are in `cli_cases.py`. Washington has no district calendar (school days estimated);
California and Texas import one (CSV): Labor Day, Veterans Day (CA), Thanksgiving week
Nov 23-27, winter break Dec 21 - Jan 1, Martin Luther King Jr. Day (TX).

Today: WA and TX Sat 2026-11-28; CA Mon 2026-10-19 (its meeting was held Fri Oct 16).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from iep_tui.export.letters import KIND_NAMES

from .cli_cases import STATES, build_case


@pytest.fixture
def state_case(request, workspace, cli, tmp_path, monkeypatch):
    """(case id, a function giving a letter's email text, flattened) for the state in `request.param`."""
    state = request.param
    monkeypatch.setenv("IEP_TUI_TODAY", STATES[state]["today"])
    case = build_case(cli, state, tmp_path)

    def text(kind: str) -> str:
        result = cli("letter", kind, "--text", "--case", case)
        assert result.code == 0, result.err
        return " ".join(result.out.split())

    return case, text


def table_row(cli, read_docx, case: str, kind: str, header: str, first: str) -> list[str]:
    """The row starting `first` of the table with a `header` column in the .docx of `kind`."""
    result = cli("letter", kind, "--case", case)
    assert result.code == 0, result.err
    doc = read_docx(Path(result.last_line))
    return doc.row(doc.table_with(header), first)


def cases(*states: str):
    return pytest.mark.parametrize("state_case", states, indirect=True)


# ---------------------------------------------------------------- every kind, every state


@cases("WA", "CA", "TX")
def test_a_case_made_with_the_cli_writes_every_kind(state_case, cli, workspace, read_docx) -> None:
    case, _ = state_case
    for kind in KIND_NAMES:
        result = cli("letter", kind, "--case", case)
        assert result.code == 0, (kind, result.err)
        doc = read_docx(Path(result.last_line))
        assert "DOB May 2, 2016; student ID 1002003" in doc.text or kind in ("checklist", "at-a-glance", "timeline")
        assert not re.search(r"\bNone\b|\{|\}|TODO|\?\?", doc.text), kind


# ---------------------------------------------------------------- Washington (estimated school days)


@cases("WA")
def test_washington_compliance_notice(state_case) -> None:
    _, text = state_case
    body = text("compliance-notice")
    # reply: 10 school days from Sat Nov 28: Nov 30 - Dec 4, Dec 7 - 11 -> Fri Dec 11 (no holiday
    # in those weeks); a request, and estimated (no district calendar)
    assert (
        "Please reply in writing by Friday, December 11, 2026 (10 school days from the date of this letter; my "
        "request, not a deadline set by law; estimated without the district calendar)."
    ) in body
    # the meeting: Washington has no rule for a parent's request in the data: 30 calendar days,
    # Nov 29 = day 1 ... Dec 28 = day 30, a request
    assert (
        "Hold an IEP meeting by Monday, December 28, 2026 (30 calendar days from the date of this letter; my request)"
        in body
    )
    # said in the body, and never "on the district calendar"
    assert "I do not have the district's school calendar, so the school days behind these minutes are estimated" in body
    assert "counted on the district's school calendar" not in body
    # owed: speech Oct 13 + Oct 15 = 60, OT Oct 14 + Oct 21 = 60
    assert (
        "my log shows 120 minutes (2 h) of services owed (speech therapy 60 and occupational therapy 60 minutes)"
        in body
    )
    # the IEP's words with provider and setting
    assert (
        "Speech therapy (Services, p. 9): \u201cSpeech-language therapy, 30 minutes, twice weekly, individual, in "
        "the speech room.\u201d Frequency: 30 min 2x weekly; provider: speech-language pathologist; setting: "
        "individual, speech room."
    ) in body
    # examples by weight: the safety failure B-4, the refusal B-3, the informal change B-1, then
    # the largest loss: speech Oct 15 (A-3, 30 min, the most recent of speech's), then the
    # extended-time incident (B-2), the requirement not yet cited
    refs = re.findall(r"\(Exhibit ([AB]-\d+)\)", body.split("WHAT THE IEP REQUIRES OF THE DISTRICT")[0])
    assert refs == ["B-4", "B-3", "B-1", "A-3", "B-2"]


@cases("WA")
def test_washington_records_request_and_state_complaint(state_case) -> None:
    _, text = state_case
    records = text("records-request")
    # 45 calendar days from Nov 28: Nov 29-30 (2), December (33), Jan 1-12 (45) -> Tue Jan 12, 2027
    assert (
        "Please provide these records by Tuesday, January 12, 2027 (45 calendar days from the date of this "
        "letter; 34 CFR 300.613(a)), and in any case before any IEP meeting, hearing or resolution session."
    ) in records
    assert "from September 8, 2026 (since the IEP took effect) to the date you respond" in records
    complaint = text("state-complaint")
    assert "To the Office of Superintendent of Public Instruction:" in complaint
    # the oldest fact of the implementation allegation is the miss of Oct 13
    assert (
        "The oldest, on October 13, 2026, is within the one-year limit of 34 CFR 300.153(c) if the agency "
        "receives this complaint by October 13, 2027."
    ) in complaint


@cases("WA")
def test_washington_compensatory_schedule_is_whole_sessions(state_case, cli, read_docx) -> None:
    case, text = state_case
    body = text("compensatory-proposal")
    # reply due Fri Dec 11 -> sessions from Sat Dec 12. Week of Dec 14 (five school days): two
    # a week at positions 1 and 3 -> Tue 15, Thu 17, for speech (2 x 30) and OT (2 x 30); each
    # day 30 + 30 = 60, the daily cap
    row = table_row(cli, read_docx, case, "compensatory-proposal", "Sessions", "Speech therapy")
    assert row[1:4] == ["2 sessions of 30 min = 60 min; up to 2 a week", "Dec 15, 17, 2026", "Dec 17, 2026"]
    row = table_row(cli, read_docx, case, "compensatory-proposal", "Sessions", "Occupational therapy")
    assert row[1:4] == ["2 sessions of 30 min = 60 min; up to 2 a week", "Dec 15, 17, 2026", "Dec 17, 2026"]
    assert "the dates are estimated school days" in body
    assert "a starting point" in body and "minimum owed" not in body


@cases("WA")
def test_washington_pwn_request_follow_up_and_safety_notice(state_case, cli, read_docx) -> None:
    case, text = state_case
    pwn = text("pwn-request")
    # from the incident kinds: the informal change (Oct 21, B-1) and the refusal (Nov 2, B-3)
    assert (
        "Wed, Oct 21, 2026 (Occupational therapy; IEP Services, p. 9): Changed without an IEP meeting: The OT "
        "told me that OT is suspended until a new therapist is hired. (Exhibit B-1) Since then, one scheduled "
        "session was missed or cut short (A-4)."
    ) in pwn
    assert (
        "Mon, Nov 2, 2026: Refused: The principal refused my written request for a para at recess. (Exhibit B-3)" in pwn
    )
    assert len(re.findall(r"\b[1-7]\. ", pwn.split("requires:")[1].split("Please write")[0])) == 7
    follow_up = text("meeting-recap")
    # the action was due Oct 16: Oct 17-31 is 15 days, Nov 1-28 is 28 -> 43 days late on Nov 28
    assert "Overdue actions agreed at our meeting on October 5, 2026" in follow_up
    row = table_row(cli, read_docx, case, "meeting-recap", "Action", "1")
    assert row[1:] == [
        "Give every general-education teacher the accommodations page.",
        "Ruth Alvarez (case manager)",
        "October 16, 2026",
        "43 days",
    ]
    safety = text("safety-notice")
    assert safety.startswith(
        "Subject: Safety notice: Nora Quinn, Maple Grove Elementary "
        "To: Omar Haddad <principal@example.org>, Dr. Karen Obi <sped-director@example.org> "
        "Cc: Ruth Alvarez <case-manager@example.org>"
    )
    # the next school day after Sat Nov 28: Mon Nov 30 (practice, not law)
    assert (
        "Please reply in writing by Monday, November 30, 2026 (1 school day from the date of this letter; my "
        "request, not a deadline set by law"
    ) in safety
    assert (
        "Elopement plan (Health/Safety plan, p. 12): \u201cAn adult within arm's reach during transitions; staff "
        "radio the office if Nora leaves the supervised area; parent called the same day.\u201d"
    ) in safety
    assert (
        "Tue, Nov 17, 2026: Elopement plan (Health/Safety plan, p. 12). No adult during the transition to lunch"
        in safety
    )


@cases("WA")
def test_the_safety_notice_is_worded_by_the_incidents_age(state_case, monkeypatch) -> None:
    _, text = state_case
    # today Sat Nov 28; the one safety failure was Tue Nov 17: 11 days ago, never "today"
    late = text("safety-notice")
    assert (
        "I am writing because Nora's safety plan was not followed on Tue, Nov 17, 2026, 11 days ago. The plan "
        "applies every school day, so I am asking for the steps below before the next one."
    ) in late
    assert "Thank you for acting on this without delay." in late
    assert "acting on this today" not in late and "I am writing today" not in late
    # written the same day, Tue Nov 17: the same-day letter, reply by the next school day, Wed Nov 18
    monkeypatch.setenv("IEP_TUI_TODAY", "2026-11-17")
    same_day = text("safety-notice")
    assert (
        "I am writing today because Nora's safety plan was not followed today (Tue, Nov 17, 2026). I am asking "
        "for the steps below before the next school day."
    ) in same_day
    assert "Please reply in writing by Wednesday, November 18, 2026 (1 school day" in same_day
    assert "Thank you for acting on this today." in same_day


@cases("WA")
def test_the_safety_notice_makes_the_four_concrete_asks(state_case) -> None:
    _, text = state_case
    body = text("safety-notice")
    asks = body.split("WHAT I AM ASKING FOR")[1].split("Please reply in writing")[0]
    # the four asks, numbered, about the case's one safety requirement (the elopement plan): an
    # immediate meeting; written confirmation that each responsible staff member has the plan (300.323(d));
    # a back-up when that person is absent; the incident reports
    assert (
        "1. Meet with me immediately, within one school day if possible, to review Nora's elopement plan and "
        "how it is staffed."
    ) in asks
    assert (
        "2. Confirm in writing that each staff member responsible for Nora's elopement plan has a copy and has "
        "been told their duties, and name who implements it tomorrow and each school day after "
        "(34 CFR 300.323(d))."
    ) in asks
    assert "3. Tell me in writing who carries out the plan when the responsible staff member is absent." in asks
    assert "4. Send me the incident reports for the dates above" in asks
    assert "5. " not in asks


# ---------------------------------------------------------------- California (district calendar loaded)


@cases("CA")
def test_california_records_five_business_days_and_before_the_meeting(state_case) -> None:
    _, text = state_case
    body = text("records-request")
    # Cal. Ed. Code 56504: 5 business days from Mon Oct 19: Oct 20, 21, 22, 23, 26 -> Mon Oct 26
    assert (
        "Please provide these records by Monday, October 26, 2026 (5 business days from the date of this "
        "letter; Cal. Ed. Code 56504)"
    ) in body
    assert "within five business days after my request" in body and "(Cal. Ed. Code 56504)" in body
    assert "before any meeting regarding an IEP, any hearing or resolution session" in body


@cases("CA")
def test_california_meeting_request_and_reply_dates(state_case) -> None:
    _, text = state_case
    body = text("meeting-request")
    # Cal. Ed. Code 56343.5: 30 days from Oct 19 (no break of more than five school days before
    # it): Oct 20 = day 1, Oct 31 = day 12, Nov 18 = day 30 -> Wed Nov 18
    assert (
        "Please hold it by Wednesday, November 18, 2026 (30 calendar days from the date of this letter, not "
        "counting school breaks of more than five school days or summer; Cal. Ed. Code 56343.5)."
    ) in body
    assert "Under Cal. Ed. Code 56343.5, an IEP team meeting that a parent requests in writing must be held" in body
    # extended time failed in general education: the teacher is invited (300.321(a)(2))
    assert "Sam Ortiz (4th Grade Teacher)" in body and "(34 CFR 300.321(a)(2))" in body
    notice = text("compliance-notice")
    # the reply: 10 school days from Oct 19: Oct 20-23 (4), Oct 26-30 (9), Nov 2 (10)
    assert "Please reply in writing by Monday, November 2, 2026 (10 school days from the date of this letter" in notice
    assert "Hold an IEP meeting by Wednesday, November 18, 2026" in notice
    # counseling on Sep 18 was delivered as a group of 6 although the IEP says individual (A-4:
    # Sep 15 speech A-1, Sep 16 OT A-2, Sep 17 speech A-3, Sep 18 counseling A-4)
    assert "counseling on Sep 18, 2026 was delivered as \u201cgroup of 6\u201d (A-4)" in notice


@cases("CA")
def test_california_recap_of_a_meeting_held_friday(state_case) -> None:
    _, text = state_case
    # held Fri Oct 16; Mon Oct 19 is the one school day since: a recap, not a follow-up
    body = text("meeting-recap")
    assert "Recap of our meeting on October 16, 2026" in body
    assert "Thank you for meeting with me on October 16, 2026" in body


@cases("CA")
def test_california_state_complaint_and_schedule(state_case, cli, read_docx) -> None:
    case, text = state_case
    complaint = text("state-complaint")
    assert "To the California Department of Education:" in complaint
    # counseling, 20 min 1x weekly from Tue Sep 8 to Mon Oct 19 on the district calendar: the week
    # of Labor Day has 4 school days in range (16), five full weeks (100), Oct 19 alone (4) = 120
    # required; its one session (Sep 18, A-4) was delivered as a group of 6, which the ledger's
    # default policy owes: 20 owed, 0 delivered as written
    # its log holds no session delivered as written, and nothing for the other 120 - 20 = 100 minutes
    assert (
        "Counseling: from September 8, 2026 to October 19, 2026, 120 minutes were required; 20 minutes were "
        "missed or cut short for reasons on the school's side, or delivered other than as written (20 of them), "
        "and not made up (A-4). My log records no session delivered as written; for another 100 minutes it has "
        "no entry either way."
    ) in complaint
    assert "Special Education Division California Department of Education 1430 N Street, Suite 2401" in complaint
    body = text("compensatory-proposal")
    # reply due Mon Nov 2 -> from Tue Nov 3; week of Nov 2 has Tue-Fri (4 days): speech two at
    # positions floor(1 x 4/4) = 1, floor(3 x 4/4) = 3 -> Wed Nov 4, Fri Nov 6; OT one at
    # floor(4/2) = 2 -> Thu Nov 5. Week of Nov 9 (Nov 11 closed): Mon 9, Tue 10, Thu 12, Fri 13:
    # speech's last at position 2 -> Thu Nov 12. Target: 40 school days from Oct 19 -> Jan 5
    # (Oct 20-23: 4, Oct 26-30: 9, Nov 2-6: 14, Nov 9-13 less the 11th: 18, Nov 16-20: 23,
    # Thanksgiving week closed, Nov 30-Dec 4: 28, Dec 7-11: 33, Dec 14-18: 38, winter break,
    # Jan 4: 39, Jan 5: 40)
    row = table_row(cli, read_docx, case, "compensatory-proposal", "Sessions", "Speech therapy")
    assert row[1:4] == ["3 sessions of 30 min = 90 min; up to 2 a week", "Nov 4, 6, 12, 2026", "Nov 12, 2026"]
    row = table_row(cli, read_docx, case, "compensatory-proposal", "Sessions", "Occupational therapy")
    assert row[1:4] == ["1 session of 30 min = 30 min", "Nov 5, 2026", "Nov 5, 2026"]
    assert "finishing by Tuesday, January 5, 2027 (40 school days from the date of this letter" in body
    assert "Each date is a school day on the district's calendar." in body


# ---------------------------------------------------------------- Texas (district calendar loaded)


@cases("TX")
def test_texas_ard_committee_meeting_and_89_1050_e(state_case) -> None:
    _, text = state_case
    body = text("meeting-request")
    assert body.startswith("Subject: Request for an ARD committee meeting: Ana Ruiz, Oak Hill Elementary")
    assert "I request an ARD committee meeting to review how Ana's IEP" in body
    assert "ask for a change at an ARD committee meeting" in text("at-a-glance")
    # 19 TAC 89.1050(e): hold the meeting, or within five school days refuse in writing:
    # from Sat Nov 28 on the district calendar: Nov 30, Dec 1, 2, 3, 4 -> Fri Dec 4
    assert (
        "Under 19 TAC 89.1050(e), when the district receives a parent's written request for an ARD committee "
        "meeting, it must either schedule and convene the meeting or, within five school days (by Friday, "
        "December 4, 2026), give me written notice explaining why it refuses to convene one."
    ) in body
    assert "hold it within 5 school days" not in body
    # the same Dec 4 is asked for once, as the law's date (89.1050(e)(2)), never also as "my request,
    # not a deadline set by law"
    assert (
        "Please reply by Friday, December 4, 2026 with two or three possible dates and times or, if the district "
        "refuses to convene the meeting, with the written notice of refusal that 19 TAC 89.1050(e)(2) requires "
        "by that date."
    ) in body
    assert "not a deadline set by law" not in body
    notice = text("compliance-notice")
    assert "Hold an ARD committee meeting by Monday, December 28, 2026" in notice
    assert "within five school days (by Friday, December 4, 2026)" in notice
    records = text("records-request")
    assert "and in any case before any ARD committee meeting, hearing or resolution session." in records
    assert "by Tuesday, January 12, 2027 (45 calendar days from the date of this letter; 34 CFR 300.613(a))" in records


@cases("TX")
def test_texas_state_complaint_names_the_agency(state_case) -> None:
    _, text = state_case
    body = text("state-complaint")
    assert "To the Texas Education Agency:" in body
    assert (
        "Office of Special Populations and Student Supports Texas Education Agency 1701 North Congress Avenue "
        "Austin, Texas 78701-1494"
    ) in body
    assert "Allegation 2: a refusal or change made without the IEP team and without Prior Written Notice." in body
    assert "An ARD committee meeting to review implementation" in body


@cases("TX")
def test_a_state_agency_contact_replaces_the_agency_of_the_data(state_case, cli) -> None:
    case, text = state_case
    set_contact = cli(
        "contact",
        "set",
        "state-agency",
        "--case",
        case,
        "--name",
        "Complaints Unit",
        "--title",
        "Division of Formal Complaints",
        "--email",
        "complaints@example.gov",
        "--address",
        "PO Box 13817\nAustin, TX 78711",
    )
    assert set_contact.code == 0, set_contact.err
    body = text("state-complaint")
    # the contact the parent set, not the Texas Education Agency's office from the data
    assert "To: Complaints Unit <complaints@example.gov>" in body
    assert "To Complaints Unit:" in body
    assert "Division of Formal Complaints" in body and "PO Box 13817 Austin, TX 78711" in body
    assert "To the Texas Education Agency:" not in body
    assert "Office of Special Populations and Student Supports" not in body


@cases("TX")
def test_texas_state_complaint_states_no_delivery_the_log_does_not_hold(state_case) -> None:
    _, text = state_case
    body = text("state-complaint")
    # speech, 30 min 2x weekly (60 a week), Tue Sep 8 - Sat Nov 28 on the district calendar: the week of
    # Labor Day has Sep 8-11 (4 school days: 60 x 4/5 = 48), ten full weeks Sep 14 - Nov 20 (600),
    # Thanksgiving week closed: 648 required. Misses Oct 13, 15 (provider absent), Oct 20 (staff shortage):
    # 90 owed (A-1, A-3, A-4; OT's Oct 14 is A-2). The parent logged no delivered session, so the letter
    # never says "0 delivered": 648 - 90 = 558 minutes have no entry either way.
    assert (
        "Speech therapy: from September 8, 2026 to November 28, 2026, 648 minutes were required; 90 minutes were "
        "missed or cut short for reasons on the school's side and not made up (A-1, A-3, A-4). My log records no "
        "delivered session; for another 558 minutes it has no entry either way."
    ) in body
    # OT, 30 min weekly: 24 + 300 = 324 required, Oct 14 and 21 missed: 60 owed, 264 unlogged
    assert (
        "Occupational therapy: from September 8, 2026 to November 28, 2026, 324 minutes were required; 60 "
        "minutes were missed or cut short for reasons on the school's side and not made up (A-2, A-5). My log "
        "records no delivered session; for another 264 minutes it has no entry either way."
    ) in body
    assert "0 delivered" not in body


@cases("TX")
def test_texas_district_escalation_claims_no_letter_never_sent(state_case, cli) -> None:
    case, text = state_case
    body = text("district-escalation")
    # no step was ever sent in the Texas case: no "my letters to the school"; what the record holds instead:
    # the OT change (B-1) was reported to the case manager, the safety failure (B-4) to the principal, and
    # the action agreed at the meeting of Oct 5 (due Oct 16) is not done
    assert "my letters" not in body and "I wrote about it" not in body
    assert (
        "Ana's IEP (in effect since September 8, 2026) at Oak Hill Elementary is not being implemented. I "
        "reported failures to the case manager and the principal, and what was agreed at our meeting of "
        "October 5, 2026 has not been done."
    ) in body
    # once a compliance notice is recorded as sent on Nov 2 to the case manager, the letter names it
    sent = cli("escalate", "compliance-notice", "--case", case, "--sent", "2026-11-02", "--to", "case-manager")
    assert sent.code == 0, sent.err
    assert (
        "is not being implemented. I wrote about it on November 2, 2026 (compliance notice to the case "
        "manager), and it has not been resolved."
    ) in text("district-escalation")


@cases("TX")
def test_the_pwn_request_names_only_what_300_503_a_covers(state_case, cli) -> None:
    case, text = state_case
    # 34 CFR 300.503(a) (read 2026-12-06): notice before the district proposes or refuses to initiate or
    # change the identification, evaluation or educational placement of the child or the provision of FAPE.
    # Two refusals linked to no requirement: one of an evaluation (covered), one of the service logs and a
    # meeting (not covered: records are 300.613, and a meeting is none of the four subjects)
    for day, what in (
        ("2026-11-19", "The principal refused my written request for an evaluation for dyslexia."),
        ("2026-11-20", "The principal refused to send me the speech service logs and refused to hold a meeting."),
    ):
        logged = cli("log", "incident", what, "--kind", "refusal", "--date", day, "--case", case)
        assert logged.code == 0, logged.err
    # incidents in date order: B-1 Oct 21 (OT change), B-2 Oct 22, B-3 Nov 2 (para refused), B-4 Nov 17,
    # B-5 Nov 19 (evaluation refused), B-6 Nov 20 (logs and meeting refused)
    result = cli("letter", "pwn-request", "--text", "--case", case)
    assert result.code == 0, result.err
    pwn = " ".join(result.out.split())
    assert "Changed without an IEP meeting: The OT told me that OT is suspended" in pwn
    assert "Refused: The principal refused my written request for a para at recess. (Exhibit B-3)" in pwn
    assert (
        "Thu, Nov 19, 2026: Refused: The principal refused my written request for an evaluation for dyslexia. "
        "(Exhibit B-5)"
    ) in pwn
    listed = pwn.split("Here is what happened, in date order:")[1].split("Under 34 CFR 300.503(a)")[0]
    assert "speech service logs" not in listed and "B-6" not in listed
    # the user is told what was left out and why, on stderr
    assert (
        "note: The refusal of November 20, 2026 (B-6) is not in the Prior Written Notice request: it is linked "
        "to no IEP requirement and its words name no evaluation, identification, placement or service"
    ) in " ".join(result.err.split())
    # the state complaint's 300.503 allegation names the same refusals, not B-6
    complaint = text("state-complaint")
    change = complaint.split("Allegation 2:")[1].split("These violations occurred")[0]
    assert "(B-1)" in change and "(B-3)" in change and "(B-5)" in change and "B-6" not in change


@cases("TX")
def test_texas_compensatory_schedule_crosses_winter_break(state_case, cli, read_docx) -> None:
    case, text = state_case
    body = text("compensatory-proposal")
    # speech 90 owed -> 3 x 30; OT 60 -> 2 x 30. From Sat Dec 12: week of Dec 14: Tue 15, Thu 17
    # for both (30 + 30 = 60 a day); winter break; week of Jan 4: speech's third, one that week,
    # at the middle position 2 -> Wed Jan 6. Target: 40 school days from Nov 28: Nov 30 - Dec 18
    # (15), Jan 4-8 (20), Jan 11-15 (25), Jan 19-22 (29, Jan 18 closed), Jan 25-29 (34),
    # Feb 1-5 (39), Feb 8 (40) -> Mon Feb 8, 2027
    row = table_row(cli, read_docx, case, "compensatory-proposal", "Sessions", "Speech therapy")
    assert row[1:4] == ["3 sessions of 30 min = 90 min; up to 2 a week", "Dec 15, 17, 2026; Jan 6, 2027", "Jan 6, 2027"]
    row = table_row(cli, read_docx, case, "compensatory-proposal", "Sessions", "Occupational therapy")
    assert row[1:4] == ["2 sessions of 30 min = 60 min; up to 2 a week", "Dec 15, 17, 2026", "Dec 17, 2026"]
    assert "finishing by Monday, February 8, 2027 (40 school days from the date of this letter" in body


@cases("WA")
def test_a_miss_on_a_holiday_of_the_estimated_calendar_is_named_beside_the_total_never_an_example(
    state_case, cli
) -> None:
    case, text = state_case
    # Wed Nov 11 is Veterans Day: without a district calendar the ledger counts the miss with a
    # doubt (a day the calendar may show as no school), so no letter headlines it
    logged = cli("log", "missed", "speech", "--case", case, "--date", "2026-11-11", "--reason", "provider-absent")
    assert logged.code == 0, logged.err
    body = text("compliance-notice")
    examples = body.split("the most serious first")[1].split("Safety.")[0]
    assert "Nov 11, 2026" not in examples

    # ... but it is counted, so the body names it beside the total, with its minutes, as to be confirmed:
    # owed speech Oct 13, 15 (60) + Nov 11 (30) = 90, OT Oct 14, 21 = 60: 150, of which 30 on Nov 11 (the
    # fifth entry in date order: A-1 Oct 13, A-2 Oct 14, A-3 Oct 15, A-4 Oct 21, A-5 Nov 11); 150 - 30 = 120
    owed = (
        "my log shows 150 minutes (2 h 30 min) of services owed (speech therapy 90 and occupational therapy 60 "
        "minutes). Of these, 30 minutes (speech therapy on Wednesday, November 11, 2026, Veterans Day, A-5) fall "
        "on a day that my estimate of the school calendar shows as a holiday or a common closure; they are "
        "counted here, to be confirmed against the district's calendar, and without them 120 minutes (2 h) are "
        "owed."
    )
    assert owed in body
    assert owed in text("compensatory-proposal") and owed in text("district-escalation")
    assert (
        "Nora has not received 150 minutes (2 h 30 min) of services the IEP requires, as of November 28, 2026. "
        "Of these, 30 minutes (speech therapy on Wednesday, November 11, 2026, Veterans Day, A-5) fall on a day"
    ) in text("state-complaint")
