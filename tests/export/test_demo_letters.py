"""Every document of the demo case, read back with python-docx, states the right facts.

The expected numbers are worked out by hand from iep_tui/demo/demo_case.py, not
copied from the output. Ledger range: the IEP's effective date 2026-09-28 to today
2026-11-28. School days in that range: 41 (weeks of 5, 4 [Oct 9 closed], 5, 5, 5, 5,
4 [Nov 11 closed], 5, 3 [Nov 23-25; Nov 26-27 closed]).

- Speech, 30 min 2x weekly: required 60 x 41/5 = 492. Sessions Tue/Thu = 17; missed
  Oct 13, 15, 27, 29, Nov 10, 17 (6 x 30 = 180), Nov 5 delivered 15 (short 15),
  delivered 10 x 30 + 15 = 315; make-up Nov 19, 30. Owed 180 + 15 - 30 = 165.
  No record: 492 - (315 + 15 + 180) < 0 -> 0.
- OT, 30 min 1x weekly: required 30 x 41/5 = 246. Wednesdays Sep 30, Oct 7, 14
  delivered (90); Oct 21, 28, Nov 4, 18 missed, staff reassigned (120, owed); Nov 11
  closed; Nov 25 not logged. No record 246 - 210 = 36.
- Counseling, 20 min weekly: required 20 x 41/5 = 164. Fridays Oct 2, 16, 30, Nov 6,
  20 delivered (100); Oct 23 student absent (not owed), Nov 13 unknown (owed 20).
  No record 164 - 140 = 24.
- Reading, 45 min daily: required 45 x 41 = 1845. 3 days unlogged -> 38 sessions.
  Missed Oct 14, 30, Nov 12, 16 (owed 4 x 45 = 180) and Oct 23 (absent, 45 not owed);
  partial Oct 1 (30), Oct 20 (25), Nov 6 (30), Nov 19 (30): short 15+20+15+15 = 65.
  Delivered 29 x 45 + 115 = 1420. Owed 245. No record 1845 - (1420+65+225) = 135.
- Totals: required 2747, delivered 1925, owed 550, no record 195.

Deadlines from Saturday 2026-11-28: 10 school days -> Nov 30, Dec 1-4, 7-11 ->
Friday Dec 11 (the reply, a request); 30 calendar days -> Nov 29 is day 1, Nov 30 day 2,
Dec 28 day 30 (the meeting, a request: Washington has no rule for a parent's request in
the data); 5 school days -> Friday Dec 4; 45 calendar days (34 CFR 300.613(a))
-> Nov 30 is day 2, Dec 31 day 33, Jan 12, 2027 day 45; 40 school days (15 in Dec,
winter break, Jan 4-8, 11-15, 19-22, 25-28 [Jan 29 closed], Feb 1-5, 8, 9) -> Tue Feb 9.
The compliance notice sent Nov 2 was due 10 school days later: Nov 3-6, 9, 10, 12, 13,
16, 17 -> Nov 17 (Nov 11 closed).
"""

from __future__ import annotations

import re

import pytest

from iep_tui.export.letters import KIND_NAMES

PLACEHOLDERS = re.compile(r"\bNone\b|\bnan\b|\bNaN\b|\bnull\b|\bundefined\b|\{|\}|TODO|XXX|\?\?")


@pytest.mark.parametrize("kind", KIND_NAMES)
def test_every_kind_names_student_and_school_and_has_no_placeholder(demo_docs, kind: str) -> None:
    doc, text, letter = demo_docs(kind)
    for rendered in (doc.text, text):
        assert "Lena Marsh" in rendered
        assert "Cedar Ridge Elementary" in rendered
        found = PLACEHOLDERS.findall(rendered)
        assert not found, f"{kind}: placeholder {found}"
    assert any(p.startswith("Re: Lena Marsh, grade 4, Cedar Ridge Elementary") for p in doc.paragraphs)
    assert "November 28, 2026" in doc.paragraphs[:12] or any("November 28, 2026" == p for p in doc.paragraphs)
    footer = doc.footers[0]
    assert footer.startswith("Lena Marsh · ") and "Page" in footer
    xml = doc.doc.sections[0].footer._element.xml
    assert "PAGE" in xml and "NUMPAGES" in xml


@pytest.mark.parametrize("kind", [k for k in KIND_NAMES if k not in ("checklist", "at-a-glance", "timeline")])
def test_letters_have_signature_with_parent_contact(demo_docs, kind: str) -> None:
    doc, text, letter = demo_docs(kind)
    assert "Sincerely," in doc.paragraphs
    signature = next(p for p in doc.paragraphs if p.startswith("Dana Marsh\nParent of Lena Marsh"))
    assert "(360) 555-0142" in signature and "dana.marsh@example.com" in signature
    assert text.startswith("Subject: ")


def test_compliance_notice(demo_docs) -> None:
    doc, text, letter = demo_docs("compliance-notice")
    assert "Dear Priya Natarajan:" in doc.paragraphs
    body = doc.text
    assert "Failure to implement the IEP as written" in body
    assert "550 minutes (9 h 10 min)" in body
    assert "195 minutes (3 h 15 min)" in body
    # the earlier notice, overdue
    assert "I wrote about these problems on November 2, 2026 and asked for a reply by November 17, 2026" in body
    # the minutes table. Required, from the IEP date Mon 2026-09-28 to Sat 11-28 on the demo
    # calendar: 9 school weeks, of which Oct 5 (Fri 9 closed) and Nov 9 (Wed 11 closed) have
    # 4 of 5 school days and Nov 23 (Thu 26, Fri 27 closed) 3 of 5, prorated:
    #   speech 60/week: 6 x 60 + 48 + 48 + 36 = 492;  OT 30/week: 6 x 30 + 24 + 24 + 18 = 246;
    #   counseling 20/week: 6 x 20 + 16 + 16 + 12 = 164;
    #   reading 45 min daily: 45 weekdays - 4 closed = 41 school days x 45 = 1845.
    # Owed is worked out in test_compensatory_proposal; the Total row adds the rows up.
    table = doc.table_with("Service")
    # delivered is what the log records, not a finding: with nothing logged it reads 0 beside "No record"
    assert table[0][3] == "Delivered as logged (min)" and table[0][5] == "No record (min)"
    assert doc.row(table, "Speech therapy")[1:6] == ["30 min 2x weekly", "492", "315", "165", "0"]
    assert doc.row(table, "Occupational therapy")[2:6] == ["246", "90", "120", "36"]
    assert doc.row(table, "Counseling")[2:6] == ["164", "100", "20", "24"]
    assert doc.row(table, "Reading instruction")[2:6] == ["1845", "1420", "245", "135"]
    assert doc.row(table, "Total")[2:6] == ["2747", "1925", "550", "195"]
    # examples by weight, most serious first: the safety incidents B-8 (Nov 17) and B-5
    # (Nov 3); the OT refusal B-2; the largest loss, reading 45 min, most recent Nov 16;
    # then the requirement not yet cited with the largest loss: speech, Nov 17 (A-20) (OT is
    # already cited by B-2)
    examples = [p for p in doc.paragraphs if p.startswith("•\t") and "(Exhibit " in p]
    assert [p.rsplit("(Exhibit ", 1)[1].rstrip(")") for p in examples] == ["B-8", "B-5", "B-2", "A-19", "A-20"]
    assert examples[1].startswith("•\tTue, Nov 3, 2026: Para at recess, Elopement plan (Health/Safety plan, p. 14)")
    assert "Two of the logged incidents involve Lena's safety plan (B-5, B-8)" in body
    # the IEP's own words, with section, provider and setting
    assert (
        "Speech therapy (Services, p. 12): \u201cSpeech-language therapy, 30 minutes, 2 times weekly, in the "
        "speech room, provided by the SLP.\u201d Frequency: 30 min 2x weekly; provider: speech-language "
        "pathologist; setting: pull-out (speech room)."
    ) in body
    # a reply date and a meeting date, each with its rule
    assert (
        "Hold an IEP meeting by Monday, December 28, 2026 (30 calendar days from the date of this letter; my request)"
        in body
    )
    assert (
        "Please reply in writing by Friday, December 11, 2026 (10 school days from the date of this letter; my "
        "request, not a deadline set by law)."
    ) in body
    assert "(34 CFR 300.323(d))" in body and "(34 CFR 300.17(d))" in body
    # the safety asks: an immediate meeting, who implements the plan tomorrow, a back-up, reports
    assert "Meet with me immediately, within one school day if possible" in body
    assert "name who implements it tomorrow and each school day after" in body
    assert "who carries out the plan when the responsible staff member is absent" in body
    assert "Send me the incident reports for the dates above" in body
    # Prior Written Notice only for what 300.503(a) covers
    assert "If the district refuses to provide a service, accommodation or support in the IEP" in body
    assert "If the district refuses any of these requests" not in body
    # numbered requests (4 safety asks, implement, logs, make-up plan, meeting), cc, enclosures
    assert sum(1 for p in doc.paragraphs if re.match(r"^[1-8]\.\t", p)) == 8
    assert "cc:\tThomas Becker, Principal, Cedar Ridge Elementary" in doc.paragraphs
    assert "\tDr. Alicia Gomez, Director of Special Education" in doc.paragraphs
    assert "Exhibit A: Service log of sessions missed, cut short or not as written" in doc.paragraphs
    assert "Exhibit B: Incident log" in doc.paragraphs


def test_service_log_exhibit_numbers_every_entry(demo_docs) -> None:
    doc, _, _ = demo_docs("compliance-notice")
    log = doc.table_with("No.")
    rows = log[1:]
    assert [r[0] for r in rows] == [f"A-{n}" for n in range(1, 24)]
    assert rows[0][:7] == [
        "A-1",
        "Oct 1, 2026",
        "Reading instruction (Services, p. 12)",
        "45",
        "30",
        "cut short: Block shortened for picture day.",
        "15",
    ]
    assert rows[1][:7] == [
        "A-2",
        "Oct 13, 2026",
        "Speech therapy (Services, p. 12)",
        "30",
        "0",
        "provider absent: SLP out sick; no substitute.",
        "30",
    ]
    counseling_absent = doc.row(log, "A-7")
    assert counseling_absent[1] == "Oct 23, 2026" and counseling_absent[6] == "not counted"
    makeup = doc.row(log, "A-22")
    assert makeup[1] == "Nov 19, 2026" and makeup[6] == "credit 30"
    incidents = next(t for t in doc.tables if t[0][0] == "No." and t[1][0] == "B-1")
    assert [r[0] for r in incidents[1:]] == [f"B-{n}" for n in range(1, 10)]
    assert incidents[5][3].startswith("SAFETY: No para at recess.")


def test_exhibit_tables_repeat_their_header_row_and_rows_do_not_split(demo_docs) -> None:
    doc, _, _ = demo_docs("compliance-notice")
    for table in doc.doc.tables:
        if table.style is not None and table.style.name == "Table Grid" and len(table.rows) > 2:
            first = table.rows[0]._tr.xml
            assert "w:tblHeader" in first
            assert all("w:cantSplit" in row._tr.xml for row in table.rows)


def test_records_request(demo_docs) -> None:
    doc, _, _ = demo_docs("records-request")
    body = doc.text
    assert "Request for education records (34 CFR 300.613)" in body
    assert "34 CFR 300.501(a) and 300.613, and FERPA (34 CFR 99.10)" in body
    # from the IEP's start (Sep 28), not only the last weeks
    assert "from September 28, 2026 (since the IEP took effect) to the date you respond" in body
    # letter dated Sat Nov 28: 45 calendar days -> Tue Jan 12, 2027, but the meeting requested for Thu Dec 3
    # comes first, so the records are due the day before it, Wed Dec 2 (300.613(a); the tracker's date too)
    assert (
        "Please provide these records before the IEP meeting that I have requested for December 3, 2026, "
        "that is by Wednesday, December 2, 2026." in body
    )
    assert (
        "without unnecessary delay and before any meeting regarding an IEP, any hearing or resolution session, and "
        "in no case more than 45 days after the request (34 CFR 300.613(a))"
    ) in body
    # the earlier request (Nov 9, records due Dec 24) is still pending on Nov 28
    assert "This follows my request of November 9, 2026; it is still pending." in body
    for kind in (
        "every prior IEP",
        "Every prior written notice",
        "behavior intervention plan and any safety or health plan",
        "Incident reports",
        "Emails and messages",
        "accommodation information given to each of Lena's teachers",
    ):
        assert kind in body
    assert "(34 CFR 300.616)" in body and "(34 CFR 300.617)" in body
    assert "Paraeducator schedules" in body


def test_pwn_request(demo_docs) -> None:
    doc, _, _ = demo_docs("pwn-request")
    body = doc.text
    item = next(
        p
        for p in doc.paragraphs
        if p.startswith("•\tWed, Oct 21, 2026 (Occupational therapy; IEP Services, p. 12): Refused: The OT told me")
    )
    assert "(Exhibit B-2)" in item
    assert "four scheduled sessions were missed or cut short (A-6, A-10, A-13, A-21)" in item
    assert "I raised it with the case manager on October 22, 2026" in item
    assert "My compliance notice of November 2, 2026 cited it (no reply by the due date)" in item
    elements = [p for p in doc.paragraphs if re.match(r"^[1-7]\.\t", p)]
    assert len(elements) == 7 and "other options the IEP team considered" in elements[5]
    assert "(34 CFR 300.324(a)(4), (a)(6))" in body and "(34 CFR 300.503(c))" in body
    assert "Please send the notice by Friday, December 11, 2026" in body
    # the parent writes in the first person
    assert "the parent" not in body.lower().replace("parent of lena", "")


def test_meeting_request(demo_docs) -> None:
    doc, _, _ = demo_docs("meeting-request")
    body = doc.text
    assert (
        "Please hold it by Monday, December 28, 2026 (30 calendar days from the date of this letter; my request)."
        in body
    )
    assert (
        "This repeats my request of November 20, 2026 for a meeting on December 3, 2026, which has not been confirmed."
    ) in body
    # accommodations failed in general education (extended time, read aloud: teacher, all classes)
    assert "Carla Jensen (4th Grade Teacher)" in body and "(34 CFR 300.321(a)(2))" in body
    assert "Services refused or changed without an IEP meeting: The OT told me" in body
    assert "Safety: the failures of Lena's safety plan (B-5, B-8)" in body
    assert (
        "speech therapy 165 min owed; occupational therapy 120 min owed and 36 min with no record; counseling 20 min "
        "owed and 24 min with no record; reading instruction 245 min owed and 135 min with no record" in body
    )
    assert "Compensatory education: a written plan to make up the 550 minutes (9 h 10 min) owed" in body
    assert "Please reply by Friday, December 4, 2026 (5 school days from the date of this letter" in body


def test_meeting_recap_weeks_later_is_a_follow_up_on_overdue_actions(demo_docs) -> None:
    # the meeting was Tue Oct 6, many school days before Sat Nov 28: not a recap but a follow-up
    # on the actions still open past their due date. Late: Oct 9 -> Nov 28 = 22 + 28 = 50 days;
    # Oct 13 -> Nov 28 = 18 + 28 = 46 days (the SLP's action was done, so it is not listed)
    doc, _, letter = demo_docs("meeting-recap")
    body = doc.text
    assert letter.title == "Follow-up on agreed actions"
    assert "Overdue actions agreed at our meeting on October 6, 2026" in body
    assert "Thank you for meeting" not in body and "agreed record" not in body
    actions = doc.table_with("Action")
    assert actions[0] == ["No.", "Action", "Who", "Due", "Late"]
    assert actions[1][1:] == [
        "Send the accommodations page to every general-education teacher.",
        "Priya Natarajan (case manager)",
        "October 9, 2026",
        "50 days",
    ]
    assert actions[2][2:] == ["Thomas Becker (principal)", "October 13, 2026", "46 days"]
    assert len(actions) == 3


def test_meeting_recap_of_a_meeting_held_this_week(demo_bundle, read_docx) -> None:
    # a meeting held Wed Nov 25; Thu 26 and Fri 27 are closed (Thanksgiving) and the 28th is a
    # Saturday: no school day since, so it is a recap of what was agreed
    from datetime import date

    from iep_tui.domain.models import Action, Meeting
    from iep_tui.export.docx_layout import render_docx
    from iep_tui.export.letters import build_letter
    from iep_tui.services.export_service import case_view

    meeting = Meeting(
        id="mtg-1125",
        date=date(2026, 11, 25),
        status="held",
        purpose="Review of services",
        attendees=["parent", "case-manager", "slp"],
        actions=[Action(id="act-1", owner_role="slp", what="Send the make-up schedule.", due=date(2026, 12, 4))],
    )
    bundle = demo_bundle.model_copy(update={"meetings": [*demo_bundle.meetings, meeting]})
    doc = read_docx(render_docx(build_letter("meeting-recap", case_view(bundle, date(2026, 11, 28)))))
    body = doc.text
    assert "Recap of our meeting on November 25, 2026" in body
    assert "Thank you for meeting with me on November 25, 2026" in body
    assert "Priya Natarajan (case manager)" in body and "Jordan Lee (speech-language pathologist)" in body
    actions = doc.table_with("Action")
    assert actions[0] == ["No.", "Action", "Who", "By", "Status on Nov 28, 2026"]
    assert actions[1][1:] == [
        "Send the make-up schedule.",
        "Jordan Lee (speech-language pathologist)",
        "December 4, 2026",
        "open",
    ]
    assert "correction in writing by Friday, December 4, 2026" in body
    assert "(34 CFR 300.322(f))" in body
    # the Oct 6 meeting's two actions still overdue are not forgotten because a newer meeting was held
    # (late: Oct 9 -> Nov 28 = 50 days, Oct 13 -> Nov 28 = 46 days, as in the follow-up above)
    assert "Still not done from earlier meetings" in body
    earlier = doc.tables[1]
    assert earlier[0] == ["No.", "Action", "Who", "Due", "Late"]
    assert [row[1:] for row in earlier[1:]] == [
        [
            "Send the accommodations page to every general-education teacher.",
            "Priya Natarajan (case manager)",
            "October 9, 2026",
            "50 days",
        ],
        [earlier[2][1], "Thomas Becker (principal)", "October 13, 2026", "46 days"],
    ]


def test_a_follow_up_covers_the_overdue_actions_of_every_meeting_held(demo_bundle, read_docx) -> None:
    # A second meeting held Mon Nov 2 (more than five school days before Sat Nov 28: a follow-up, not a
    # recap) with an action due Mon Nov 9, not done: 19 days late on Nov 28 (Nov 10 .. Nov 28 is 19 days).
    # The follow-up lists it after the Oct 6 meeting's two, each with the date of the meeting that agreed it.
    from datetime import date

    from iep_tui.domain.models import Action, Meeting
    from iep_tui.export.docx_layout import render_docx
    from iep_tui.export.letters import build_letter
    from iep_tui.services.export_service import case_view

    meeting = Meeting(
        id="mtg-1102",
        date=date(2026, 11, 2),
        status="held",
        attendees=["parent", "case-manager"],
        actions=[Action(id="act-9", owner_role="case-manager", what="Send the OT schedule.", due=date(2026, 11, 9))],
    )
    bundle = demo_bundle.model_copy(update={"meetings": [*demo_bundle.meetings, meeting]})
    doc = read_docx(render_docx(build_letter("meeting-recap", case_view(bundle, date(2026, 11, 28)))))
    body = doc.text
    assert "Overdue actions agreed at our meetings on October 6, 2026 and November 2, 2026" in body
    actions = doc.table_with("Action")
    assert actions[0] == ["No.", "Action", "Who", "Agreed", "Due", "Late"]
    assert [row[3:] for row in actions[1:]] == [
        ["Oct 6, 2026", "October 9, 2026", "50 days"],
        ["Oct 6, 2026", "October 13, 2026", "46 days"],
        ["Nov 2, 2026", "November 9, 2026", "19 days"],
    ]


def test_compensatory_proposal(demo_docs) -> None:
    doc, _, _ = demo_docs("compensatory-proposal")
    assert "Dear Dr. Gomez:" in doc.paragraphs
    owed = doc.table_with("Missed, cut short or not as written")
    speech = doc.row(owed, "Speech therapy")
    # Speech: lost 60 + 60 + 30 + 30 (missed, reasons the policy counts) + 15 (cut short) = 195,
    # made up 30, owed 165. Total lost 195 + 120 + 20 + 245 = 580, owed 580 - 30 = 550.
    assert (
        speech[1] == "provider absent 60; staff reassigned 60; schedule conflict 30; no reason given 30; cut short 15"
    )
    assert speech[2:5] == ["195", "30", "165"]
    assert doc.row(owed, "Occupational therapy")[1:5] == ["staff reassigned 120", "120", "0", "120"]
    assert doc.row(owed, "Counseling")[1:5] == ["no reason given 20", "20", "0", "20"]
    assert doc.row(owed, "Reading instruction")[2:5] == ["245", "0", "245"]
    assert doc.row(owed, "Total")[2:5] == ["580", "30", "550"]
    # The schedule, worked by hand (compensatory.schedule_makeup): the reply is due Fri Dec 11,
    # so sessions start Sat Dec 12; two a week per service, whole sessions (speech 165 -> 6 x 30,
    # OT 120 -> 4 x 30, counseling 20 -> 1 x 20, reading 245 -> 6 x 45), at most one of a service
    # a day and 60 minutes a day. Week of Dec 14: speech Tue 15, Thu 17; OT Tue 15, Thu 17
    # (60 each day); counseling Wed 16 (20); reading prefers Tue/Thu (full), then Mon 14 (45)
    # and not Wed 16 (20 + 45 > 60) but Fri 18. Winter break Dec 21 - Jan 1. Week of Jan 4:
    # speech and OT Tue 5, Thu 7 (OT done: 4); reading Mon 4, Wed 6. Week of Jan 11: speech
    # Tue 12, Thu 14 (6); reading Mon 11, Wed 13 (6).
    schedule = doc.table_with("Sessions")
    assert doc.row(schedule, "Speech therapy")[1:4] == [
        "6 sessions of 30 min = 180 min (owed 165, rounded up to whole sessions); up to 2 a week",
        "Dec 15, 17, 2026; Jan 5, 7, 12, 14, 2027",
        "Jan 14, 2027",
    ]
    assert doc.row(schedule, "Occupational therapy")[2:4] == ["Dec 15, 17, 2026; Jan 5, 7, 2027", "Jan 7, 2027"]
    assert doc.row(schedule, "Counseling")[1:4] == ["1 session of 20 min = 20 min", "Dec 16, 2026", "Dec 16, 2026"]
    assert doc.row(schedule, "Reading instruction")[1:4] == [
        "6 sessions of 45 min = 270 min (owed 245, rounded up to whole sessions); up to 2 a week",
        "Dec 14, 18, 2026; Jan 4, 6, 11, 13, 2027",
        "Jan 13, 2027",
    ]
    body = doc.text
    assert "finishing by Tuesday, February 9, 2027 (40 school days from the date of this letter" in body
    assert "at most 60 minutes of make-up sessions in one day" in body
    assert "Each date is a school day on the district's calendar." in body
    assert "in addition to, not instead of" in body
    assert "Reid v. District of Columbia, 401 F.3d 516 (D.C. Cir. 2005)" in body
    assert "a starting point" in body and "minimum owed" not in body
    assert "missing assignments went from 1 to 4 a week" in body


def test_district_escalation(demo_docs) -> None:
    doc, text, letter = demo_docs("district-escalation")
    assert "Dear Dr. Gomez:" in doc.paragraphs
    assert text.startswith("Subject: Escalation: IEP not implemented for Lena Marsh\n")
    body = doc.text
    # every step, refusal and unanswered request, in date order
    history = [p for p in doc.paragraphs if p.startswith("•\t") and re.match(r"•\t\w+ \d+, 2026: ", p)]
    assert [p.split(":")[0][2:] for p in history] == [
        "October 6, 2026",
        "October 6, 2026",
        "October 21, 2026",
        "November 2, 2026",
        "November 9, 2026",
        "November 20, 2026",
    ]
    # the opening names the letters sent (the demo's two steps), not "my letters" in general
    assert (
        "is not being implemented. I wrote about it on November 2, 2026 (compliance notice to the case manager) "
        "and November 9, 2026 (records request to the case manager), and it has not been resolved."
    ) in body
    assert "November 2, 2026: my compliance notice to the case manager; a reply was due November 17, 2026" in body
    assert "November 9, 2026: my records request to the case manager" in body
    assert "October 21, 2026: the school refused (Occupational therapy): The OT told me" in body
    assert "November 20, 2026: I requested a meeting for December 3, 2026; it has not been confirmed." in body
    assert "SAFETY" in doc.paragraphs or "Safety" in doc.paragraphs
    assert "A written compensatory services plan for the 550 minutes (9 h 10 min) owed" in body
    assert "by Friday, December 11, 2026" in body
    assert "Exhibit C: Implementation checklist" in doc.paragraphs
    # the checklist exhibit is a landscape section of its own, with its own footer
    from docx.enum.section import WD_ORIENT

    assert [s.orientation for s in doc.doc.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
    assert all("Page" in f for f in doc.footers)


def test_state_complaint(demo_docs) -> None:
    doc, text, letter = demo_docs("state-complaint")
    body = doc.text
    assert letter.draft_note.startswith("DRAFT")
    # the named agency of Washington, with the office OSPI names; its address was not in what was read
    assert "To the Office of Superintendent of Public Instruction:" in doc.paragraphs
    assert letter.recipients[0].name == "Special Education Community Complaints, Dispute Resolution"
    assert letter.recipients[0].organization == "Office of Superintendent of Public Instruction"
    assert "Add the agency's complaint address" in letter.draft_note
    facts = doc.tables  # the complainant and child blocks are label/value tables
    flat = {row[0]: row[1] for table in facts for row in table if len(row) == 2}
    assert flat["Residence address"] == "1427 Alder Lane\nOlympia, WA 98501"
    assert flat["School"] == "Cedar Ridge Elementary"
    assert flat["District"] == "Evergreen Valley School District"
    # three allegations, each with its facts and its one-year window (34 CFR 300.153(c)):
    # implementation from A-1 (Oct 1) to B-9 (Nov 20); the OT refusal B-2 (Oct 21); B-4 (Oct 30)
    assert "Allegation 1: failure to implement the IEP." in body
    assert "(34 CFR 300.17(d), 300.323(c)(2))" in body
    # speech: 315 delivered, 15 cut short and 180 missed are logged (510, over the 492 required): no minute
    # without an entry, so the delivered figure stands alone
    assert "492 minutes were required; 165 minutes were missed or cut short" in body
    assert "A-20, A-22). My log records 315 minutes delivered." in body
    assert (
        "These violations occurred from October 1, 2026 to November 20, 2026. The oldest, on October 1, 2026, "
        "is within the one-year limit of 34 CFR 300.153(c) if the agency receives this complaint by October 1, "
        "2027."
    ) in body
    assert "Allegation 2: a refusal or change made without the IEP team and without Prior Written Notice." in body
    assert "(34 CFR 300.324(a)(4), (a)(6)) and without giving me Prior Written Notice (34 CFR 300.503(a))" in body
    assert (
        "These violations occurred on October 21, 2026. The oldest, on October 21, 2026, is within the one-year "
        "limit of 34 CFR 300.153(c) if the agency receives this complaint by October 21, 2027."
    ) in body
    assert "Allegation 3: the IEP not given to those responsible for it." in body
    assert "by October 30, 2027" in body
    # speech owes 165 minutes; its sessions are 30 minutes: 165 / 30 = 5.5 -> 6 whole sessions = 180
    # minutes, said as the compensatory proposal says it
    assert (
        "Compensatory speech therapy: 165 minutes (6 sessions of 30 minutes = 180 minutes, rounded up to whole "
        "sessions) as a starting point"
    ) in body
    # minutes the parent's own log lacks are called that, never "the district has produced no record"
    assert "my own log has no entry either way" in body and "produced no record" not in body
    assert "I am sending a copy of this complaint to Dr. Helen Park (Superintendent) today (34 CFR 300.153(d))" in body
    for heading in (
        "1. Complainant",
        "2. Child",
        "3. What the IEP requires",
        "4. Allegations and facts",
        "5. The problem",
        "6. Proposed resolution",
    ):
        assert heading in doc.paragraphs
    assert "Exhibit D: Timeline" in doc.paragraphs


def test_checklist(demo_docs) -> None:
    doc, _, letter = demo_docs("checklist")
    assert letter.landscape
    table = doc.table_with("Requirement")
    assert len(table) == 1 + 11
    speech = table[1]
    assert speech[0].startswith("Speech therapy: \u201cSpeech-language therapy, 30 minutes, 2 times weekly")
    assert table[0] == [
        "Requirement, in the IEP's words [section]",
        "When (IEP)",
        "Provider",
        "Observed instead (exhibit)",
    ]
    assert speech[1] == "30 min 2x weekly"
    assert speech[2] == "Speech-Language Pathologist"
    # an accommodation says when the IEP applies it, never "as written"
    assert doc.row(table, next(r[0] for r in table if r[0].startswith("Extended time")))[1] == "all classes"
    assert all(row[1] != "as written" for row in table)
    assert "Missed Oct 13, 15, 27, 29, Nov 10, 17, 2026 (A-2, A-4, A-9, A-11, A-16, A-20)" in speech[3]
    assert "165 min owed" in speech[3]
    elopement = doc.row(table, next(r[0] for r in table if r[0].startswith("Elopement plan (SAFETY)")))
    assert "(B-5)" in elopement[3] and "(B-8)" in elopement[3]
    # a fact is never cut mid-clause (issue 10): B-5's text is "No para at recess. Lena left the playground
    # boundary and was found by the front gate after about 5 minutes" (106 characters, over the cell's 90);
    # its only sentence or clause end before the 90th is the ". " after "recess", so it ends there
    assert "Nov 3, 2026: No para at recess\u2026 (B-5)" in elopement[3]
    assert "front gate\u2026" not in elopement[3]


def test_at_a_glance(demo_docs) -> None:
    doc, _, _ = demo_docs("at-a-glance")
    body = doc.text
    assert "Safety plan: follow it every time" in doc.paragraphs
    assert any(p.startswith("•\tExtended time: Extended time (1.5x) on tests") for p in doc.paragraphs)
    services = doc.table_with("Service")
    assert doc.row(services, "Speech therapy")[1] == "30 min, 2 sessions a week (60 min a week)"
    assert doc.row(services, "Reading instruction")[1] == "45 min a school day"
    assert "pnatarajan@evsd.example.org" in body


def test_timeline(demo_docs) -> None:
    doc, _, _ = demo_docs("timeline")
    table = doc.table_with("Date")
    rows = table[1:]
    assert rows[0][:2] == ["Sep 28, 2026", "The IEP takes effect."]
    assert ["Oct 1, 2026", "Reading instruction: session cut short: 30 of 45 min delivered.", "A-1"] in rows
    assert any(
        r[0] == "Nov 17, 2026" and r[1] == "No reply to the compliance notice of Nov 2, 2026 by its due date."
        for r in rows
    )
    assert any(
        r[1].startswith("Compliance notice sent to the case manager by email. Reply due Nov 17, 2026") for r in rows
    )
    refs = [r[2] for r in rows if r[2]]
    assert sorted(refs, key=lambda x: (x[0], int(x[2:]))) == sorted(set(refs), key=lambda x: (x[0], int(x[2:])))
    assert len([r for r in refs if r.startswith("B-")]) == 9


def test_a_district_escalation_with_no_letter_sent_names_every_meeting_whose_promises_are_overdue(
    demo_bundle, read_docx
) -> None:
    # No step sent (escalations removed), so the opening says what the record shows was done. Overdue on
    # Sat Nov 28: the Oct 6 meeting's two actions (due Oct 9 and 13) and a Nov 2 meeting's action (due Nov 9).
    # A meeting only requested (Nov 20) agreed nothing, so its action is not "what was agreed" (before, the
    # sentence named the last overdue action's meeting, which could be that one, and only one meeting).
    from datetime import date

    from iep_tui.domain.models import Action, Meeting
    from iep_tui.export.docx_layout import render_docx
    from iep_tui.export.letters import build_letter
    from iep_tui.services.export_service import case_view

    held = Meeting(
        id="mtg-1102",
        date=date(2026, 11, 2),
        status="held",
        attendees=["parent", "case-manager"],
        actions=[Action(id="act-9", owner_role="case-manager", what="Send the OT schedule.", due=date(2026, 11, 9))],
    )
    requested = Meeting(
        id="mtg-1120",
        date=date(2026, 11, 20),
        status="requested",
        attendees=["parent", "case-manager"],
        actions=[Action(id="act-10", owner_role="principal", what="Confirm a date.", due=date(2026, 11, 18))],
    )
    bundle = demo_bundle.model_copy(update={"escalations": [], "meetings": [*demo_bundle.meetings, held, requested]})
    body = read_docx(render_docx(build_letter("district-escalation", case_view(bundle, date(2026, 11, 28))))).text
    assert "what was agreed at our meetings of October 6, 2026 and November 2, 2026 has not been done" in body
    assert "our meeting of November 20, 2026" not in body and "our meetings of November 20" not in body
