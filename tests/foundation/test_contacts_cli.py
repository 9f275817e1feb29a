"""Contacts by role and case details: what letters need, settable from the CLI."""

from __future__ import annotations


def test_contact_set_adds_then_updates_one_contact_per_role(cli, workspace) -> None:
    cli("case", "new", "--student", "Kim Ngo", "--state", "WA")
    assert cli("contact", "set", "Case Manager", "--name", "Ms. Ruiz").code == 0
    assert cli("contact", "set", "case_manager", "--email", "ruiz@example.org").code == 0
    contacts = cli("contact", "list", "--json").json()
    assert contacts == [
        {
            "role": "case-manager",
            "name": "Ms. Ruiz",
            "title": "",
            "email": "ruiz@example.org",
            "phone": "",
            "address": "",
        }
    ]
    assert cli("contact", "remove", "case-manager").code == 0
    assert cli("contact", "list", "--json").json() == []
    missing = cli("contact", "remove", "principal")
    assert missing.code == 2 and "No contact with role principal" in missing.err


def test_contact_with_a_control_character_is_refused(cli, workspace) -> None:
    cli("case", "new", "--student", "Kim Ngo", "--state", "WA")
    result = cli("contact", "set", "parent", "--name", "Dana\x00")
    assert result.code == 2
    assert "name: contains a control character (U+0000)" in result.err
    assert cli("contact", "list", "--json").json() == []


def test_case_set_changes_only_what_is_given_and_checks_dates(cli, workspace) -> None:
    case_id = cli("case", "new", "--student", "Kim Ngo", "--state", "WA", "--school", "Lincoln").last_line
    assert cli("case", "set", case_id, "--address", "12 Elm St", "--iep-effective", "2026-09-14").code == 0
    case = cli("case", "export", case_id).json()["case"]
    assert (case["school"], case["address"], case["iep_effective"]) == ("Lincoln", "12 Elm St", "2026-09-14")
    bad = cli("case", "set", case_id, "--annual-review-due", "2027-13-01")
    assert bad.code == 2 and bad.err.strip() == "iep-tui: annual_review_due: expected a date such as 2026-11-02."


def test_contact_email_is_checked_loosely(cli, workspace) -> None:
    cli("case", "new", "--student", "Kim Ngo", "--state", "WA")
    no_dot = cli("contact", "set", "slp", "--email", "tquinn@pps")
    assert no_dot.code == 2
    assert "'tquinn@pps' is not a complete email address: the part after @ needs a domain with a dot" in no_dot.err
    for bad in ("tquinn", "t quinn@pps.net", "a@@pps.net", "@pps.net", "tquinn@pps."):
        assert cli("contact", "set", "slp", "--email", bad).code == 2, bad
    assert cli("contact", "list", "--json").json() == []
    assert cli("contact", "set", "slp", "--email", "t.quinn+iep@pps.k12.or.us").code == 0
    assert cli("contact", "set", "slp", "--email", "").code == 0  # clearing it is fine
