"""Next steps: each suggestion fits the failure and cites the entries behind it."""

from __future__ import annotations

from iep_tui.domain.models import EscalationStep, Meeting
from iep_tui.domain.next_steps import INCIDENT_TAGS, suggest_next_steps

from .conftest import D


def keyed(bundle, calendar, today: str) -> dict:
    return {s.key: s for s in suggest_next_steps(bundle, calendar, D(today))}


def notice(step_id: str, sent: str, **fields) -> EscalationStep:
    return EscalationStep(
        id=step_id, kind=fields.pop("kind", "compliance-notice"), sent=D(sent), status="sent", **fields
    )


def test_an_empty_case_gets_no_suggestion(make_bundle, calendar) -> None:
    assert suggest_next_steps(make_bundle(), calendar, D("2026-11-05")) == []


def test_failures_never_put_in_writing_suggest_a_compliance_notice(make_bundle, entries, calendar) -> None:
    bundle = make_bundle(sessions=[entries.missed("s-1", "2026-10-06"), entries.delivered("s-2", "2026-10-08")])
    found = keyed(bundle, calendar, "2026-10-09")
    notice_ = found["compliance-notice"]
    assert notice_.action == "compliance-notice"
    assert [e.id for e in notice_.evidence] == ["s-1"]
    # the entry as the parent knows it, what happened and when; its id stays in `evidence`, not in the words
    assert "Speech therapy missed (provider absent, 30 min) on 2026-10-06" in notice_.reason
    assert "s-1" not in notice_.reason
    assert notice_.reason.startswith("1 failure is logged and it has not been put in writing")  # one: singular
    assert notice_.draft is not None and notice_.draft.session_ids == ["s-1"]


def test_failures_already_in_a_sent_letter_are_not_suggested_again(make_bundle, entries, calendar) -> None:
    bundle = make_bundle(
        sessions=[entries.missed("s-1", "2026-10-06")],
        escalations=[notice("n-1", "2026-10-07", session_ids=["s-1"])],
    )
    assert "compliance-notice" not in keyed(bundle, calendar, "2026-10-09")


def test_a_records_request_does_not_count_as_putting_failures_in_writing(make_bundle, entries, calendar) -> None:
    bundle = make_bundle(
        sessions=[entries.missed("s-1", "2026-10-06")],
        escalations=[notice("r-1", "2026-10-07", kind="records-request")],
    )
    assert [e.id for e in keyed(bundle, calendar, "2026-10-09")["compliance-notice"].evidence] == ["s-1"]
    # A compliance notice sent after the failure covers it, linked or not.
    bundle = make_bundle(sessions=[entries.missed("s-1", "2026-10-06")], escalations=[notice("n-1", "2026-10-07")])
    assert "compliance-notice" not in keyed(bundle, calendar, "2026-10-09")


def test_an_overdue_notice_suggests_district_escalation_to_the_special_education_director(
    make_bundle, calendar
) -> None:
    # Notice sent Mon 2026-10-05, due Tue 2026-10-20 (10 school days; see test_ladder). On 10-21: overdue.
    bundle = make_bundle(contacts=("case-manager", "sped-director"), escalations=[notice("n-1", "2026-10-05")])
    assert "district-escalation" not in keyed(bundle, calendar, "2026-10-20")
    escalate = keyed(bundle, calendar, "2026-10-21")["district-escalation"]
    assert escalate.title == "Escalate to the sped director"
    assert escalate.draft is not None and escalate.draft.to_roles == ["sped-director"]
    assert "compliance notice sent 2026-10-05 was due 2026-10-20 (1 day ago)" in escalate.reason  # 10-21 - 10-20
    assert [e.id for e in escalate.evidence] == ["n-1"]


def test_every_rung_overdue_suggests_a_state_complaint(make_bundle, calendar) -> None:
    steps = [
        notice("n-1", "2026-10-05"),
        notice("d-1", "2026-10-05", kind="district-escalation", to_roles=["special-education-director"]),
        notice("d-2", "2026-10-05", kind="district-escalation", to_roles=["assistant-superintendent"]),
        notice("d-3", "2026-10-05", kind="district-escalation", to_roles=["superintendent"]),
    ]
    found = keyed(make_bundle(escalations=steps), calendar, "2026-10-21")
    assert "district-escalation" not in found
    assert found["state-complaint-after-district"].action == "state-complaint"


def test_a_refusal_or_an_informal_change_suggests_a_pwn_request(make_bundle, entries, calendar) -> None:
    refusal = entries.incident("i-ref", "2026-10-21", what="OT on hold, short-staffed", tags=["refusal"])
    change = entries.incident("i-chg", "2026-10-22", what="Speech moved to a group", tags=["informal-change"])
    bundle = make_bundle(incidents=[refusal, change])
    pwn = keyed(bundle, calendar, "2026-10-23")["pwn-request"]
    assert [e.id for e in pwn.evidence] == ["i-ref", "i-chg"]
    assert "34 CFR 300.503(a)" in pwn.reason
    # Once a PWN request is sent after them, the suggestion goes away.
    bundle = make_bundle(incidents=[refusal, change], escalations=[notice("p-1", "2026-10-23", kind="pwn-request")])
    assert "pwn-request" not in keyed(bundle, calendar, "2026-10-26")


def test_a_refusal_of_records_or_a_meeting_suggests_no_pwn_request(make_bundle, entries, calendar) -> None:
    # 34 CFR 300.503(a) covers identification, evaluation, placement and the provision of FAPE, not a refusal
    # to send records (300.613) or to hold a meeting; the PWN request letter already leaves such a refusal out
    # (domain.pwn_coverage), and the suggestion follows the same rule.
    logs = entries.incident(
        "i-logs", "2026-10-21", what="Principal refused to send the speech service logs", tags=["refusal"]
    )
    meeting = entries.incident("i-mtg", "2026-10-22", what="Refused to hold a meeting before winter", tags=["refusal"])
    assert "pwn-request" not in keyed(make_bundle(incidents=[logs, meeting]), calendar, "2026-10-23")
    # the same refusal of an evaluation is a PWN matter
    evaluation = entries.incident("i-eval", "2026-10-22", what="Refused to evaluate for dyslexia", tags=["refusal"])
    pwn = keyed(make_bundle(incidents=[logs, evaluation]), calendar, "2026-10-23")["pwn-request"]
    assert [e.id for e in pwn.evidence] == ["i-eval"]


def test_services_missed_in_three_weeks_suggest_a_state_complaint(make_bundle, entries, calendar) -> None:
    two_weeks = [entries.missed("s-1", "2026-10-06"), entries.missed("s-2", "2026-10-13")]
    assert "state-complaint" not in keyed(make_bundle(sessions=two_weeks), calendar, "2026-10-23")
    three_weeks = [*two_weeks, entries.missed("s-3", "2026-10-22")]
    sc = keyed(make_bundle(sessions=three_weeks), calendar, "2026-10-23")["state-complaint"]
    assert "missed in 3 different weeks (week of 2026-10-05, week of 2026-10-12, week of 2026-10-19)" in sc.reason
    # Misses the school does not owe are not a pattern of failure.
    excused = [
        entries.missed("s-1", "2026-10-06"),
        entries.missed("s-2", "2026-10-13"),
        entries.missed("s-3", "2026-10-22", reason="student-absent"),
    ]
    assert "state-complaint" not in keyed(make_bundle(sessions=excused), calendar, "2026-10-23")


def test_a_pattern_of_exclusion_or_retaliation_suggests_ocr(make_bundle, entries, calendar) -> None:
    one = [entries.incident("i-1", "2026-10-06", what="Kept from the field trip", tags=["exclusion"])]
    assert "ocr-complaint" not in keyed(make_bundle(incidents=one), calendar, "2026-10-23")
    two = [
        *one,
        entries.incident("i-2", "2026-10-20", what="Told to stay home after complaining", tags=["retaliation"]),
    ]
    ocr = keyed(make_bundle(incidents=two), calendar, "2026-10-23")["ocr-complaint"]
    assert [e.id for e in ocr.evidence] == ["i-1", "i-2"]
    assert "180 days" in ocr.note


def test_a_disorganized_system_suggests_an_advocate(make_bundle, entries, calendar) -> None:
    sessions = [
        entries.delivered("s-0", "2026-10-06"),
        entries.missed("s-1", "2026-10-13"),
        entries.missed("s-2", "2026-10-20"),
    ]
    never = entries.incident("i-never", "2026-10-21", what="Teacher never got the IEP", tags=["never-received-iep"])
    one_signal = make_bundle(sessions=sessions)
    assert "advocate" not in keyed(one_signal, calendar, "2026-10-23")
    two_signals = make_bundle(sessions=sessions, incidents=[never])
    advocate = keyed(two_signals, calendar, "2026-10-23")["advocate"]
    assert "services delivered some weeks and missed in 2 others" in advocate.reason
    assert "staff saying they never received the IEP" in advocate.reason
    assert {e.id for e in advocate.evidence} == {"s-1", "s-2", "i-never"}
    # Rescheduled meetings count as a sign too; an advocate already on the case silences it.
    rescheduled = make_bundle(
        incidents=[never], meetings=[Meeting(id="m-1", date=D("2026-10-15"), status="rescheduled")]
    )
    assert "advocate" in keyed(rescheduled, calendar, "2026-10-23")
    with_advocate = make_bundle(contacts=("advocate",), sessions=sessions, incidents=[never])
    assert "advocate" not in keyed(with_advocate, calendar, "2026-10-23")


def test_high_stakes_suggest_an_attorney(make_bundle, entries, calendar) -> None:
    discipline = entries.incident("i-d", "2026-10-20", what="Suspended for behavior in the BIP", tags=["discipline"])
    attorney = keyed(make_bundle(incidents=[discipline]), calendar, "2026-10-23")["attorney"]
    assert "disciplinary action tied to disability-related behavior" in attorney.reason
    assert "Suspended for behavior in the BIP on 2026-10-20" in attorney.reason  # the incident, by what and when
    assert "i-d" not in attorney.reason  # not by its id
    # Regression alone is not enough; with services missed in four weeks it is.
    regression = entries.incident("i-r", "2026-10-30", what="Progress report shows regression", tags=["regression"])
    misses = [entries.missed(f"s-{n}", day) for n, day in enumerate(["2026-10-06", "2026-10-13", "2026-10-20"])]
    assert "attorney" not in keyed(make_bundle(sessions=misses, incidents=[regression]), calendar, "2026-11-02")
    misses.append(entries.missed("s-4", "2026-10-27"))
    attorney = keyed(make_bundle(sessions=misses, incidents=[regression]), calendar, "2026-11-02")["attorney"]
    assert "services missed in 4 weeks with regression" in attorney.reason


def test_safety_comes_first_and_is_not_duplicated_in_the_ordinary_notice(make_bundle, entries, calendar) -> None:
    bundle = make_bundle(incidents=[entries.incident("i-elope", "2026-11-03", requirement_ids=["req-elope"])])
    found = suggest_next_steps(bundle, calendar, D("2026-11-03"))
    assert found[0].key == "safety-notice" and found[0].urgency == "urgent"
    # The suggestion names the safety notice's recipients (To: principal and special-education
    # director; the case manager is copied), not the case manager alone.
    assert "Same-day written notice to the principal and sped director" in found[0].title
    assert "compliance-notice" not in {s.key for s in found}
    # the failure by what happened and when, not by its id
    assert "Accommodation not provided on 2026-11-03" in found[0].reason
    assert "i-elope" not in found[0].reason


def test_several_failures_are_counted_in_words_without_ids(make_bundle, entries, calendar) -> None:
    bundle = make_bundle(sessions=[entries.missed("s-1", "2026-10-06"), entries.missed("s-2", "2026-10-08")])
    reason = keyed(bundle, calendar, "2026-10-09")["compliance-notice"].reason
    assert reason.startswith("2 failures are logged and none has been put in writing to the school: ")
    assert "on 2026-10-06; " in reason and reason.endswith("on 2026-10-08.")
    assert "s-1" not in reason and "s-2" not in reason and "(s)" not in reason


def test_meeting_follow_ups(make_bundle, calendar) -> None:
    from iep_tui.domain.models import Action

    held = Meeting(
        id="m-held",
        date=D("2026-10-06"),
        status="held",
        actions=[Action(id="a-1", owner_role="case-manager", what="Send the accommodations page", due=D("2026-10-09"))],
    )
    upcoming = Meeting(id="m-next", date=D("2026-12-03"), status="scheduled")
    found = keyed(make_bundle(meetings=[held, upcoming]), calendar, "2026-10-12")
    assert found["recap-m-held"].action == "meeting-recap"
    assert found["overdue-actions"].evidence[0].id == "a-1"
    assert "300.613" in found["records-before-meeting"].reason


def test_the_tag_vocabulary_covers_every_tag_the_rules_read() -> None:
    assert set(INCIDENT_TAGS) == {
        "refusal",
        "informal-change",
        "exclusion",
        "retaliation",
        "discipline",
        "never-received-iep",
        "meeting-rescheduled",
        "records-not-provided",
        "regression",
        "placement-dispute",
        "refused-evaluation",
    }
