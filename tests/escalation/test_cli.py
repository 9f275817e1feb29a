"""The escalation CLI, run in-process with a fixed today and a workspace in tmp_path.

Due dates are the hand counts of test_ladder.py on the same district calendar:
a step sent Mon 2026-10-05 with the default 10 school days is due Tue 2026-10-20.
"""

from __future__ import annotations

import pytest

from .conftest import D


@pytest.fixture
def case(make_bundle, entries, store_case, set_today):
    """A Washington case with one delivered speech session on Thu 2026-10-15; today Fri 2026-10-16."""
    set_today("2026-10-16")
    store, case_id = store_case(make_bundle(sessions=[entries.delivered("s-ok", "2026-10-15")]))
    return store, case_id


def test_escalate_prints_the_id_then_the_due_date_with_rule_and_citation(cli, case) -> None:
    store, case_id = case
    result = cli(
        "escalate",
        "compliance-notice",
        "--case",
        case_id,
        "--sent",
        "2026-10-05",
        "--to",
        "case-manager",
        "--cc",
        "principal",
        "sped-director",
        "--asked",
        "Resume speech",
    )
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    step_id = lines[0]
    (stored,) = store.load(case_id).escalations
    assert stored.id == step_id
    assert (stored.status, stored.sent, stored.to_roles, stored.cc_roles) == (
        "sent",
        D("2026-10-05"),
        ["case-manager"],
        ["principal", "sped-director"],
    )
    assert lines[1] == "Recorded compliance notice sent 2026-10-05 to case-manager (cc principal, sped-director): sent"
    assert lines[2] == (
        "response due 2026-10-20: 10 school days after 2026-10-05 "
        "(default-response: a convention of this app, not a legal deadline)"
    )


def test_records_request_in_california_shows_the_state_rule(cli, make_bundle, store_case, set_today) -> None:
    set_today("2026-10-16")
    _, case_id = store_case(make_bundle(state="CA"))
    result = cli("escalate", "records-request", "--sent", "2026-10-05")
    # 5 business days from Mon 2026-10-05, Columbus Day skipped -> Tue 2026-10-13 (test_ladder).
    assert "records due 2026-10-13: 5 business days after 2026-10-05 (ca-records, Cal. Ed. Code 56504)" in result.out


def test_sent_defaults_to_today_and_a_user_count_overrides(cli, case) -> None:
    result = cli("escalate", "meeting-request", "--due-school-days", "3", "--json")
    assert result.code == 0
    data = result.json()
    # Sent today, Fri 2026-10-16: Mon 19 (1), Tue 20 (2), Wed 21 (3) -> 2026-10-21.
    assert (data["sent"], data["due"], data["status"]) == ("2026-10-16", "2026-10-21", "sent")
    assert data["rule"]["user_set"] is True and data["rule"]["day_kind"] == "school"


def test_escalations_json_lists_each_step_with_id_kind_sent_due_status_rule(cli, case, set_today) -> None:
    first = cli("escalate", "compliance-notice", "--sent", "2026-10-05").out.splitlines()[0]
    cli("escalate", "state-complaint", "--sent", "2026-10-05")
    cli("escalate", "pwn-request", "--draft")
    set_today("2026-10-21")
    result = cli("escalations", "--json")
    assert result.code == 0 and result.err == ""
    rows = result.json()
    assert [{k: r[k] for k in ("kind", "sent", "due", "status")} for r in rows] == [
        {"kind": "compliance-notice", "sent": "2026-10-05", "due": "2026-10-20", "status": "overdue"},
        # 60 calendar days from 2026-10-05: 26 in October, 30 in November, 4 in December -> 2026-12-04.
        {"kind": "state-complaint", "sent": "2026-10-05", "due": "2026-12-04", "status": "sent"},
        {"kind": "pwn-request", "sent": None, "due": None, "status": "draft"},
    ]
    assert rows[0]["id"] == first
    assert rows[0]["rule"]["id"] == "default-response"
    assert rows[1]["rule"]["citation"] == "34 CFR 300.152(a)"
    assert rows[2]["rule"] is None
    text = cli("escalations").out
    assert f"{first}  compliance-notice   sent 2026-10-05  due 2026-10-20  overdue" in text


def test_respond_by_id_prefix_answers_the_step(cli, case, set_today) -> None:
    step_id = cli("escalate", "compliance-notice", "--sent", "2026-10-05").out.splitlines()[0]
    set_today("2026-10-22")
    result = cli("respond", step_id[:5], "--date", "2026-10-21", "--text", "The SLP returns Monday.")
    assert result.code == 0, result.err
    assert "answered 2026-10-21: The SLP returns Monday." in result.out
    (row,) = cli("escalations", "--json").json()
    assert (row["status"], row["response_date"]) == ("answered", "2026-10-21")


def test_changing_a_sent_date_needs_a_reason_and_recomputes_the_due_date(cli, case, set_today) -> None:
    store, case_id = case
    step_id = cli("escalate", "compliance-notice", "--sent", "2026-10-05").out.splitlines()[0]
    set_today("2026-10-22")
    refused = cli("step", "edit", step_id, "--sent", "2026-10-12")
    assert refused.code == 2
    assert "needs a reason" in refused.err and "--reason" in refused.err
    assert store.load(case_id).escalations[0].sent == D("2026-10-05")
    done = cli(
        "step", "edit", step_id, "--sent", "2026-10-12", "--reason", "The email bounced; resent on the 12th", "--json"
    )
    assert done.code == 0, done.err
    # Sent Mon 2026-10-12: 13, 14, 15, 16 (4), 19-23 (9), Mon 26 (10) -> 2026-10-26; waiting on 10-22.
    assert (done.json()["due"], done.json()["status"]) == ("2026-10-26", "sent")
    history = cli("history", step_id, "--json").json()
    assert history["revisions"][0]["reason"] == "The email bounced; resent on the 12th"
    assert history["revisions"][0]["fields"] == ["sent"]


def test_a_draft_is_sent_later_and_its_clock_starts_then(cli, case) -> None:
    step_id = cli("escalate", "compliance-notice", "--draft").out.splitlines()[0]
    shown = cli("step", "show", step_id).out.splitlines()
    assert shown[1] == "Compliance notice: draft"
    assert "no due date yet" in shown[2]
    sent = cli("step", "send", step_id, "--date", "2026-10-05", "--json")
    # Today is Fri 2026-10-16; due Tue 2026-10-20 (10 school days from 2026-10-05): waiting.
    assert (sent.json()["status"], sent.json()["sent"], sent.json()["due"]) == ("sent", "2026-10-05", "2026-10-20")
    closed = cli("step", "close", step_id, "--json")
    assert closed.json()["status"] == "closed"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("escalate", "compliance-notice", "--due-rule", "no-such-rule"), "No deadline rule"),
        (("escalate", "records-request", "--due-rule", "ca-records"), "California rule"),
        (("escalate", "compliance-notice", "--sent", "2026-10-30"), "future"),
        (("escalate", "compliance-notice", "--incidents", "nope"), "No incident"),
        (("respond", "zzz", "--text", "x"), "No step"),
        (("escalate", "compliance-notice", "--due-rule", "records-access", "--due-school-days", "3"), ""),
        (("escalate", "lawsuit"), ""),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(cli, case, args, message: str) -> None:
    store, case_id = case
    result = cli(*args)
    assert result.code == 2
    assert message in result.err
    assert store.load(case_id).escalations == []


def test_meetings_actions_and_done(cli, case, set_today) -> None:
    set_today("2026-10-06")
    meeting_id = cli(
        "meeting",
        "add",
        "--date",
        "2026-10-06",
        "--status",
        "held",
        "--attendee",
        "parent",
        "case-manager",
        "--purpose",
        "Start-up review",
    ).out.strip()
    action_id = cli(
        "meeting",
        "action",
        meeting_id[:6],
        "--owner",
        "principal",
        "--what",
        "Arrange para coverage",
        "--due",
        "2026-10-13",
    ).out.strip()
    (meeting,) = cli("meetings", "--json").json()
    assert (meeting["status"], meeting["recap"], meeting["recap_due"]) == ("held", "due", "2026-10-06")
    assert meeting["actions"][0]["state"] == "open"
    set_today("2026-10-14")
    (meeting,) = cli("meetings", "--json").json()
    assert meeting["actions"][0]["state"] == "overdue"
    assert meeting["recap"] == "overdue"
    done = cli("action", "done", action_id[:6], "--date", "2026-10-14")
    assert done.code == 0 and "(1 day after its due date)" in done.out
    recap = cli("meeting", "recap", meeting_id, "--date", "2026-10-07")
    assert "1 day after the meeting" in recap.out
    (meeting,) = cli("meetings", "--json").json()
    assert (meeting["actions"][0]["state"], meeting["recap"]) == ("done", "sent")


def test_next_and_windows_json(cli, make_bundle, entries, store_case, set_today) -> None:
    set_today("2026-11-28")
    store_case(
        make_bundle(
            sessions=[entries.missed("s-1", "2025-12-01")],
            incidents=[entries.incident("i-ref", "2026-11-20", what="OT on hold", tags=["refusal"])],
        )
    )
    suggestions = cli("next", "--json").json()
    assert {s["key"] for s in suggestions} >= {"compliance-notice", "pwn-request"}
    pwn = next(s for s in suggestions if s["key"] == "pwn-request")
    assert pwn["evidence"][0]["id"] == "i-ref" and pwn["draft"]["kind"] == "pwn-request"
    windows = {w["route"]: w for w in cli("windows", "--json").json()}
    # 2025-12-01 + 1 year = 2026-12-01; 3 days from Sat 2026-11-28.
    assert (windows["state-complaint"]["closes"], windows["state-complaint"]["days_left"]) == ("2026-12-01", 3)
    assert windows["state-complaint"]["warning"] is True
    assert "WARNING State complaint: closes 2026-12-01 (in 3 days)" in cli("windows").out


# ---------------------------------------------------------------- check


def test_check_exits_0_when_nothing_needs_action(cli, case) -> None:
    result = cli("check")
    assert result.code == 0
    assert result.out.strip() == "nothing needs action (1 case checked, 2026-10-16)"


def test_check_reports_an_unescalated_safety_failure_until_a_sent_step_links_it(
    cli, make_bundle, entries, store_case, set_today
) -> None:
    set_today("2026-11-04")
    store_case(
        make_bundle(
            sessions=[entries.delivered("s-ok", "2026-11-04")],
            incidents=[
                entries.incident(
                    "i-elope", "2026-11-03", what="Left the playground; no para", requirement_ids=["req-elope"]
                )
            ],
        )
    )
    result = cli("check")
    assert result.code == 1
    (line,) = result.out.splitlines()
    assert line.startswith(
        "Test Student (case-esc): safety: Elopement plan not followed on 2026-11-03 (incident i-elope)"
    )
    cli(
        "escalate",
        "compliance-notice",
        "--to",
        "principal",
        "case-manager",
        "--incidents",
        "i-el",
        "--due-school-days",
        "1",
    )
    # Sent Wed 2026-11-04 with a 1-school-day answer asked: Thu 2026-11-05, which is within two
    # school days of today (Thu 5, Fri 6): check now lists that deadline instead of the safety line.
    after = cli("check")
    assert "safety" not in after.out
    assert after.code == 1 and "due on 2026-11-05: compliance notice sent 2026-11-04" in after.out


def test_check_reports_a_deadline_due_within_two_school_days_and_then_overdue(cli, case, set_today) -> None:
    cli("escalate", "compliance-notice", "--sent", "2026-10-05")  # due Tue 2026-10-20
    set_today("2026-10-15")
    # From Thu 10-15, two school days reach Fri 16 (1) and Mon 19 (2): the 20th is not yet "soon".
    assert cli("check").code == 0
    set_today("2026-10-16")
    # From Fri 10-16: Mon 19 (1), Tue 20 (2): due within two school days.
    soon = cli("check")
    assert soon.code == 1 and "due on 2026-10-20: compliance notice sent 2026-10-05" in soon.out
    set_today("2026-10-20")
    assert "due today" in cli("check").out
    set_today("2026-10-21")
    overdue = cli("check")
    assert "overdue by 1 day: compliance notice sent 2026-10-05: response due 2026-10-20" in overdue.out


def test_check_reports_five_school_days_without_an_entry(cli, case, set_today) -> None:
    # Last entry Thu 2026-10-15. On Wed 10-21: Fri 16, Mon 19, Tue 20, Wed 21 = 4 school days.
    set_today("2026-10-21")
    assert cli("check").code == 0
    # On Thu 10-22: Fri 16, Mon 19, 20, 21, Thu 22 = 5 school days.
    set_today("2026-10-22")
    result = cli("check")
    assert result.code == 1
    assert "no entry for 5 school days" in result.out


def test_check_without_a_case_checks_every_case_and_json_says_why(
    cli, make_bundle, entries, store_case, set_today
) -> None:
    set_today("2026-11-04")
    store, _ = store_case(make_bundle(sessions=[entries.delivered("s-ok", "2026-11-04")]))
    unsafe = make_bundle(incidents=[entries.incident("i-elope", "2026-11-04", requirement_ids=["req-elope"])])
    unsafe = unsafe.model_copy(
        update={"case": unsafe.case.model_copy(update={"id": "case-two", "student": "Second Child"})}
    )
    store.create(unsafe)
    result = cli("check")
    assert result.code == 1
    lines = result.out.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Second Child (case-two): safety: Elopement plan")
    data = cli("check", "--json")
    assert data.code == 1
    document = data.json()
    assert document["needs_action"] is True
    by_case = {c["case"]: c for c in document["cases"]}
    assert by_case["case-esc"]["items"] == [] and by_case["case-two"]["items"][0]["kind"] == "safety"
    assert cli("check", "--case", "case-esc").code == 0


def test_arguments_reference(cli, workspace) -> None:
    result = cli("arguments", "we are short-staffed")
    assert result.code == 0
    assert result.out.startswith('"We\'re short-staffed" (short-staffed)')
    assert "interim plan" in result.out
    assert cli("arguments", "--json").json()["arguments"][0]["id"] == "short-staffed"
    assert cli("arguments", "something unrelated entirely").code == 2
