"""Letters and steps are one flow: a letter written for a step uses its recipients and due date,
its file is recorded on the step, and a letter with no step can be recorded as a draft.
Missing facts are named all at once. Washington case from `cli_cases.py`, today Sat 2026-11-28."""

from __future__ import annotations

from pathlib import Path

from .cli_cases import build_case


def _case(cli, tmp_path) -> str:
    return build_case(cli, "WA", tmp_path)


def _steps(cli, case: str) -> list[dict]:
    result = cli("escalations", "--case", case, "--json")
    assert result.code == 0, result.err
    return result.json()


def test_a_letter_for_a_drafted_step_uses_its_recipients_and_due_date(workspace, cli, tmp_path) -> None:
    case = _case(cli, tmp_path)
    drafted = cli(
        "escalate",
        "compliance-notice",
        "--case",
        case,
        "--draft",
        "--to",
        "principal",
        "--cc",
        "sped-director",
        "--due-school-days",
        "5",
    )
    assert drafted.code == 0, drafted.err
    text = cli("letter", "compliance-notice", "--case", case, "--text")
    assert text.code == 0, text.err
    lines = text.out.splitlines()
    assert lines[1] == "To: Omar Haddad <principal@example.org>"
    assert lines[2] == "Cc: Dr. Karen Obi <sped-director@example.org>"
    # the step's own clock, from today: 5 school days from Sat Nov 28 -> Fri Dec 4 (the count set on the step)
    flat = " ".join(text.out.split())
    assert "Please reply in writing by Friday, December 4, 2026 (5 school days from the date of this letter" in flat


def test_writing_the_letter_records_its_file_on_the_step_and_sending_keeps_it(workspace, cli, tmp_path) -> None:
    case = _case(cli, tmp_path)
    step_id = cli("escalate", "records-request", "--case", case, "--draft").out.splitlines()[0]
    written = cli("letter", "records-request", "--case", case)
    assert written.code == 0, written.err
    name = Path(written.last_line).name
    assert f"Written for step {step_id}" in written.err and f"iep-tui step send {step_id}" in written.err
    sent = cli("step", "send", step_id, "--case", case)
    assert sent.code == 0, sent.err
    assert f"letter: {name}" in sent.out
    step = next(s for s in _steps(cli, case) if s["id"] == step_id)
    assert step["status"] == "sent" and step["sent"] == "2026-11-28"
    assert step["letter_file"] == name  # `escalations --json` names the letter too


def test_step_send_letter_names_the_file(workspace, cli, tmp_path) -> None:
    case = _case(cli, tmp_path)
    step_id = cli("escalate", "meeting-request", "--case", case, "--draft").out.splitlines()[0]
    sent = cli("step", "send", step_id, "--case", case, "--letter", "/somewhere/my-meeting-request.docx")
    assert sent.code == 0, sent.err
    assert "letter: my-meeting-request.docx" in sent.out


def test_a_letter_with_no_step_offers_a_draft_and_records_one_on_request(workspace, cli, tmp_path) -> None:
    case = _case(cli, tmp_path)
    offered = cli("letter", "pwn-request", "--case", case)
    assert offered.code == 0, offered.err
    assert "No escalation step records this letter yet: add --record-draft" in offered.err
    assert _steps(cli, case) == []
    recorded = cli("letter", "pwn-request", "--case", case, "--record-draft")
    assert recorded.code == 0, recorded.err
    (step,) = _steps(cli, case)
    assert step["kind"] == "pwn-request" and step["status"] == "draft"
    # the letter's own recipients and the incidents it is about (the informal change and the refusal)
    assert step["to"] == ["case-manager"] and step["cc"] == ["principal", "sped-director"]
    assert len(step["incidents"]) == 2
    # the safety notice is recorded as a compliance notice due the next school day
    safety = cli("letter", "safety-notice", "--case", case, "--record-draft")
    assert safety.code == 0, safety.err
    notice = next(s for s in _steps(cli, case) if s["kind"] == "compliance-notice")
    assert notice["to"] == ["principal", "sped-director"] and notice["cc"] == ["case-manager"]
    assert notice["status"] == "draft"


def test_every_missing_fact_is_named_at_once_with_the_command_that_sets_it(workspace, cli) -> None:
    case = cli("case", "new", "--student", "Theo Park", "--state", "WA").last_line
    cli(
        "req",
        "add",
        "--case",
        case,
        "--kind",
        "service",
        "--name",
        "Speech",
        "--text",
        "Speech, 30 min weekly.",
        "--frequency",
        "30 min 1x weekly",
    )
    cli("log", "missed", "speech", "--case", case, "--date", "2026-11-17", "--reason", "provider-absent")
    result = cli("letter", "state-complaint", "--case", case)
    assert result.code == 2 and result.out == ""
    err = result.err
    assert "4 facts are missing" in err
    assert (
        "the child's residence address is missing (needed by 34 CFR 300.153(b)(4)(i)): "
        f"`iep-tui case set {case} --address TEXT`" in err
    )
    assert f"`iep-tui case set {case} --school NAME`" in err
    assert f"`iep-tui case set {case} --district NAME`" in err
    assert (
        f"no parent contact (needed to sign the letter): `iep-tui contact set parent --name NAME --case {case}`" in err
    )


def test_a_meeting_request_for_a_drafted_step_asks_for_the_reply_when_the_tracker_expects_it(
    workspace, cli, tmp_path
) -> None:
    # Washington sets no clock for a parent's meeting request (wa.json: no state rule), so a recorded
    # meeting-request step is due on the app's 10-school-day reply convention: from Sat Nov 28 on the WA
    # estimate, Mon Nov 30 (1) .. Fri Dec 4 (5), Mon Dec 7 (6) .. Fri Dec 11 (10). The letter written for
    # that step asks for the reply by the same day (before, it asked for 5 school days, Fri Dec 4, while
    # the tracker waited until Dec 11).
    case = _case(cli, tmp_path)
    without = " ".join(cli("letter", "meeting-request", "--case", case, "--text").out.split())
    assert "Please reply by Friday, December 4, 2026 (5 school days from the date of this letter" in without
    drafted = cli("escalate", "meeting-request", "--case", case, "--draft")
    assert drafted.code == 0, drafted.err
    text = cli("letter", "meeting-request", "--case", case, "--text")
    assert text.code == 0, text.err
    flat = " ".join(text.out.split())
    assert "Please reply by Friday, December 11, 2026 (10 school days from the date of this letter" in flat
    # sent today, the step's clock gives the same day
    step_id = drafted.out.splitlines()[0]
    assert cli("step", "send", step_id, "--case", case).code == 0
    step = next(s for s in _steps(cli, case) if s["id"] == step_id)
    assert step["due"] == "2026-12-11", step


def test_a_step_drafted_without_recipients_takes_the_letters_when_the_letter_is_written(
    workspace, cli, tmp_path
) -> None:
    # `escalate KIND --draft` with no --to records nobody; the compliance notice written for it goes to the
    # case manager with copies to the principal and the special-education director (the letter's own
    # recipients, as the To/Cc lines below show). The step must then say so, before and after it is sent.
    case = _case(cli, tmp_path)
    step_id = cli("escalate", "compliance-notice", "--case", case, "--draft").out.splitlines()[0]
    assert next(s for s in _steps(cli, case) if s["id"] == step_id)["to"] == []
    text = cli("letter", "compliance-notice", "--case", case, "--text").out.splitlines()
    assert text[1] == "To: Ruth Alvarez <case-manager@example.org>"
    assert text[2] == "Cc: Omar Haddad <principal@example.org>, Dr. Karen Obi <sped-director@example.org>"
    written = cli("letter", "compliance-notice", "--case", case)
    assert written.code == 0, written.err
    assert cli("step", "send", step_id, "--case", case).code == 0
    step = next(s for s in _steps(cli, case) if s["id"] == step_id)
    assert (step["to"], step["cc"]) == (["case-manager"], ["principal", "sped-director"]), step
    assert step["asked"]  # the letter's numbered asks, as a draft recorded from the letter holds them
