"""Next steps, filing windows and `check` count as failures only the missed sessions the
ledger counts as owed, and say what happened and when, not internal ids.

The escalation calendar (conftest): school year 2026-09-02 .. 2027-06-17, Veterans Day
(Wed 2026-11-11) closed; Sat 2026-10-10 is a weekend.
"""

from __future__ import annotations

from iep_tui.domain.escalation_ladder import failure_evidence, not_owed_missed_ids
from iep_tui.domain.filing_windows import filing_windows

from .conftest import D


def test_a_missed_session_on_a_day_without_school_is_no_failure(make_bundle, entries, calendar):
    bundle = make_bundle(
        sessions=[
            entries.missed("s-sat", "2026-10-10"),  # a Saturday: nothing was due
            entries.missed("s-vet", "2026-11-11"),  # Veterans Day: closed
            entries.missed("s-tue", "2026-10-13"),  # a school day: a failure
            entries.delivered("s-d14", "2026-10-14"),
            entries.missed("s-m14", "2026-10-14"),  # same day as a delivered session: a conflict
        ]
    )
    assert not_owed_missed_ids(bundle) == {"s-sat", "s-vet", "s-m14"}
    assert [e.id for e in failure_evidence(bundle)] == ["s-tue"]
    windows = {w.route: w for w in filing_windows(bundle, calendar, D("2026-11-28"))}
    assert windows["state-complaint"].oldest_inside.id == "s-tue"


def test_a_date_before_the_loaded_school_year_still_counts(make_bundle, entries):
    # Mon 2025-12-01 is outside the only school year loaded: the calendar cannot say there
    # was no school, so the ledger counts it (flagged) and it stays a failure
    bundle = make_bundle(sessions=[entries.missed("s-old", "2025-12-01")])
    assert not_owed_missed_ids(bundle) == frozenset()
    assert [e.id for e in failure_evidence(bundle)] == ["s-old"]


def test_window_text_shows_the_date_and_what_happened_not_the_id(make_bundle, entries, calendar):
    bundle = make_bundle(sessions=[entries.missed("ses-speech-2026-10-13", "2026-10-13")])
    (state, *_) = filing_windows(bundle, calendar, D("2026-11-28"))
    text = state.sentence()
    assert "for the oldest failure still inside: Speech therapy missed (provider absent, 30 min) on 2026-10-13" in text
    assert "ses-speech" not in text and "session " not in text
    assert state.to_json()["oldest_inside"]["id"] == "ses-speech-2026-10-13"  # ids stay in --json


def test_the_windows_command_shows_no_ids(cli, make_bundle, entries, store_case, set_today):
    set_today("2026-11-28")
    store_case(make_bundle(sessions=[entries.missed("ses-speech-2026-10-13", "2026-10-13")]))
    out = cli("windows").out
    assert "for the oldest failure still inside: Speech therapy missed (provider absent, 30 min) on 2026-10-13" in out
    assert "ses-speech" not in out
    assert cli("windows", "--json").json()[0]["oldest_inside"]["id"] == "ses-speech-2026-10-13"


def test_check_names_the_command_for_the_safety_notice(cli, make_bundle, entries, store_case, set_today):
    set_today("2026-10-16")
    store_case(
        make_bundle(
            contacts=("case-manager", "principal", "sped-director"),
            incidents=[entries.incident("i-el", "2026-10-15", what="Left the room", requirement_ids=["req-elope"])],
        )
    )
    result = cli("check")
    assert result.code == 1
    # to the principal and special-education director, copying the case manager (issue 10's safety notice)
    assert (
        "send a same-day written notice to the principal and sped-director requesting an immediate meeting "
        "(record it with `iep-tui escalate compliance-notice --to principal sped-director --cc case-manager "
        "--incidents i-el`, write it with `iep-tui letter safety-notice`; in the TUI, press ! on the case)"
    ) in result.out
    # the command it names clears the line
    assert (
        cli(
            "escalate",
            "compliance-notice",
            "--to",
            "principal",
            "sped-director",
            "--cc",
            "case-manager",
            "--incidents",
            "i-el",
        ).code
        == 0
    )
    assert "safety:" not in cli("check").out
