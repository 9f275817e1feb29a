"""Items 4, 5 and 8 for calendar files: hostile ICS and CSV end in one sentence, never a hang,
a traceback or an escape sequence on the user's terminal.

Each file is built by hand below; each attack names what it does.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from iep_tui.calendar.calendar_import import import_csv, import_ics
from iep_tui.errors import InputError
from tests.hardening.conftest import at_most, event, vcal

CASE = "demo-lena"
OSC52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"
"""Writes 'echo pwned' to the clipboard of a terminal that allows OSC 52."""
OSC0 = "\x1b]0;you have been hacked\x1b\\"
"""Sets the window title (ST-terminated)."""
C1_CSI = "\x9b2J"
"""Clears the screen on terminals that take 8-bit C1 controls."""


# ---------------------------------------------------------------- item 4: recurrence is bounded

ENDLESS = {
    # DAILY with INTERVAL=0: the day never advances
    "daily-interval-0": event("Early Release", "20261104", "RRULE:FREQ=DAILY;INTERVAL=0"),
    # WEEKLY with INTERVAL=0 and a weekday before DTSTART's: no date ever qualifies
    "weekly-interval-0": event("Early Release", "20261104", "RRULE:FREQ=WEEKLY;INTERVAL=0;BYDAY=MO"),
    "interval-negative": event("Early Release", "20261104", "RRULE:FREQ=WEEKLY;INTERVAL=-1"),
    "count-huge": event("No School", "20261104", "RRULE:FREQ=DAILY;COUNT=1000000000"),
}


@pytest.mark.parametrize("name", sorted(ENDLESS))
def test_a_repeating_event_that_never_ends_is_refused_in_one_sentence(name: str) -> None:
    with at_most(10), pytest.raises(InputError) as refused:
        import_ics(
            vcal(event("First Day of School", "20260902"), event("Last Day of School", "20270617"), ENDLESS[name])
        )
    message = str(refused.value)
    assert "\n" not in message and ("INTERVAL" in message or "COUNT" in message or "repeat" in message), message


@pytest.mark.parametrize(
    "argv",
    [
        ["calendar", "import", "{file}", "--dry-run"],
        ["calendar", "import", "{file}"],
        ["deadline", "--start", "2026-11-02", "--school-days", "10", "--calendar", "{file}"],
    ],
)
def test_endless_recurrence_through_the_cli_exits_2_and_saves_nothing(demo_ws, cli, tmp_path, argv) -> None:
    path = tmp_path / "loop.ics"
    path.write_bytes(vcal(ENDLESS["weekly-interval-0"]))
    before = demo_ws.case_file(CASE).read_bytes()
    with at_most(20):
        result = cli(*[a.format(file=path) for a in argv])
    assert result.code == 2 and "Traceback" not in result.err, result.err
    assert demo_ws.case_file(CASE).read_bytes() == before


def test_a_file_past_the_event_cap_is_refused_naming_the_cap() -> None:
    many = [event(f"Assembly {n}", "20261104") for n in range(20_001)]
    with at_most(30), pytest.raises(InputError) as refused:
        import_ics(vcal(*many))
    assert "20,000" in str(refused.value)


FAR_DATES = {
    "duration-past-year-9999": event("No School", "20261104", "DURATION:P99999999D"),
    "start-in-year-9999": event("No School", "99991231"),
    "end-in-year-9999": event("Winter Break", "20261221", "DTEND;VALUE=DATE:99991231"),
    "first-day-9999": event("First Day of School", "99990902"),
    "until-9999": event("Early Release", "20261104", "RRULE:FREQ=WEEKLY;UNTIL=99991231"),
}


@pytest.mark.parametrize("name", sorted(FAR_DATES))
def test_far_dates_in_a_calendar_are_one_sentence(demo_ws, cli, tmp_path, name: str) -> None:
    path = tmp_path / f"{name}.ics"
    path.write_bytes(
        vcal(event("First Day of School", "20260902"), event("Last Day of School", "20270617"), FAR_DATES[name])
    )
    for argv in (
        ["calendar", "import", str(path), "--dry-run"],
        ["deadline", "--start", "2026-11-02", "--school-days", "10", "--calendar", str(path)],
    ):
        with at_most(20):
            result = cli(*argv)
        assert result.code in (0, 2) and "Traceback" not in result.err, (argv, result.err)
        if result.code == 2:
            assert len(result.err.strip().splitlines()) == 1, result.err


# ---------------------------------------------------------------- item 5: no escape sequence reaches the terminal


def test_escape_sequences_in_an_ics_are_removed_on_the_way_in_and_named() -> None:
    result = import_ics(
        vcal(
            event(f"No School{OSC52} - Teacher Workday", "20261109"),
            event(f"Early Release{OSC0}", "20261110"),
            event(f"Picture Day{C1_CSI}", "20261111"),
        )
    )
    labels = [c.label for c in result.closures] + [e.label for e in result.early_release]
    labels += [i.summary for i in result.ignored]
    assert labels and not any(ch in label for label in labels for ch in "\x1b\x07\x9b")
    assert "No School - Teacher Workday" in labels  # the sequence went as a whole, payload included
    assert any("removed" in w and "U+001B" in w for w in result.warnings)


def test_escape_sequences_in_a_csv_are_removed_on_the_way_in(tmp_path: Path) -> None:
    path = tmp_path / "district.csv"
    path.write_text(
        f"date,label,kind\n2026-11-09,Teacher Workday{OSC52},closure\n2026-11-10,{OSC0}Half Day,early_release\n"
    )
    result = import_csv(path)
    assert [c.label for c in result.closures] == ["Teacher Workday"]
    assert [e.label for e in result.early_release] == ["Half Day"]
    assert sum("removed" in w for w in result.warnings) == 2


def test_nothing_the_cli_prints_carries_an_escape_from_a_calendar(demo_ws, cli, tmp_path) -> None:
    path = tmp_path / "district.ics"
    path.write_bytes(
        vcal(
            event("First Day of School", "20260902"),
            event("Last Day of School", "20270617"),
            event(f"No School{OSC52}", "20261109"),
            event(f"Bake sale{OSC0}", "20261112"),
        )
    )
    for argv in (
        ["calendar", "import", str(path), "--dry-run"],
        ["calendar", "import", str(path)],
        ["calendar", "import", str(path), "--dry-run", "--json"],
        ["calendar", "show", "--month", "2026-11"],
        ["calendar", "show", "--month", "2026-11", "--json"],
        ["case", "export", CASE],
    ):
        result = cli(*argv)
        assert result.code == 0, (argv, result.err)
        for stream in (result.out, result.err):
            assert not any(ch in stream for ch in "\x1b\x07\x9b"), (argv, stream[:300])
    stored = demo_ws.case_file(CASE).read_text()
    assert "\\u001b" not in stored and "\x1b" not in stored


def test_data_stored_before_the_rule_is_still_printed_safely(demo_ws, cli) -> None:
    """A label saved by an older iep-tui (no cleaning then) reaches the terminal escaped."""
    import json

    path = demo_ws.case_file(CASE)
    tables = json.loads(path.read_text())
    case = tables["case"]["1"]
    case["calendar"]["closures"].append({"start": "2026-11-13", "end": None, "label": f"Old{OSC52}", "kind": "other"})
    path.write_text(json.dumps(tables))
    for argv in (
        ["calendar", "show", "--month", "2026-11"],
        ["calendar", "show", "--month", "2026-11", "--json"],
        ["case", "export", CASE],
    ):
        result = cli(*argv)
        assert result.code == 0, result.err
        assert not any(ch in result.out + result.err for ch in "\x1b\x07"), argv
    # what the TUI is handed is clean too (Textual passes an ESC through to the terminal)
    from iep_tui.store.case_store import CaseStore

    labels = [c.label for c in CaseStore(demo_ws).load(CASE).case.calendar.closures]
    assert "Old" in labels and not any("\x1b" in label or "\x07" in label for label in labels)


# ---------------------------------------------------------------- item 9: limits on what a calendar brings


def test_a_huge_label_is_refused_naming_the_limit() -> None:
    with pytest.raises(InputError) as refused:
        import_ics(vcal(event("No School " + "x" * (5 * 1024 * 1024), "20261109")))
    assert "200" in str(refused.value)


def test_a_calendar_file_past_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.ics"
    with open(path, "wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse: no disk used
    with pytest.raises(InputError) as refused:
        import_ics(path)
    assert "20 MB" in str(refused.value)


def test_far_and_odd_dates_in_a_csv(tmp_path: Path) -> None:
    for row in ("9999-12-31,No school,closure", "0001-01-01,No school,closure", "1/1/9999,Break,closure"):
        path = tmp_path / "x.csv"
        path.write_text(f"date,label,kind\n{row}\n")
        with pytest.raises(InputError) as refused:
            import_csv(path)
        assert "1900" in str(refused.value) and "2199" in str(refused.value)
    assert date(2026, 1, 1)  # the sane range is named in the sentence, not a traceback
